import { VectorTileSource, type FilterSpecification, type Map as MapLibreMap } from 'maplibre-gl';
import type { HazardType } from '../core/hazard';
import { GEODATA_TILE_LAYERS, type GeodataTileLayer } from '../io/geodataTiles';
import { GEODATA_LAYERS_BEFORE, geodataLayers, geodataTileSource } from './style';
import { tileUrl } from './tileProtocol';

/** Which hazard's zones to draw (all when absent) and whether each layer starts visible (all when absent). */
export interface ShowGeodataOptions {
  hazard?: HazardType;
  visible?: (layerId: string) => boolean;
}

/**
 * Shows the stored tiles of the hazard zones and roads on `map`: adds their vector sources and
 * layers (under the districts) the first time, and afterwards points each source at the tiles of
 * its new revision, which MapLibre then fetches again. `revisions`: the store revision each
 * layer's stored tiles are built from. `hazard`: draw only that hazard's zones. Layers start with
 * `visibility` (the screen's layer toggles).
 */
export function showGeodataTiles(map: MapLibreMap, revisions: Record<GeodataTileLayer, string>, options: ShowGeodataOptions = {}): void {
  for (const layer of GEODATA_TILE_LAYERS) {
    const source = map.getSource(layer);
    const url = tileUrl(layer, revisions[layer]);
    if (!source) map.addSource(layer, geodataTileSource(layer, revisions[layer]));
    else if (source instanceof VectorTileSource && source.tiles?.[0] !== url) source.setTiles([url]);
  }
  const before = map.getLayer(GEODATA_LAYERS_BEFORE) ? GEODATA_LAYERS_BEFORE : undefined;
  for (const spec of geodataLayers(options.hazard, options.visible)) {
    if (!map.getLayer(spec.id)) map.addLayer(spec, before);
  }
}

/** Draws only `hazard`'s zones (the plan editor's map, when its destination's hazard changes). */
export function filterHazardZones(map: MapLibreMap, hazard: HazardType): void {
  const filter: FilterSpecification = ['==', ['get', 'hazard'], hazard];
  for (const id of ['hazards-fill', 'hazards-line']) if (map.getLayer(id)) map.setFilter(id, filter);
}
