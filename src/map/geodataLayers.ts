import type { FilterSpecification, Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import type { HazardType } from '../core/hazard';
import { GEODATA_TILE_LAYERS, type GeodataTileLayer } from '../io/geodataTiles';
import { GEODATA_LAYERS_BEFORE, geodataLayers, geodataTileSource } from './style';
import { tileUrl } from './tileProtocol';

/**
 * Shows the stored tiles of the hazard zones and roads on `map`: adds their vector sources and
 * layers (under the districts) the first time, and afterwards points each source at the tiles of
 * its new revision, which MapLibre then fetches again. `revisions`: the store revision each
 * layer's stored tiles are built from. `hazard`: draw only that hazard's zones. Layers start with
 * `visibility` (the screen's layer toggles).
 */
export function showGeodataTiles(
  map: MapLibreMap,
  revisions: Record<GeodataTileLayer, string>,
  options: { hazard?: HazardType; visible?: (layerId: string) => boolean } = {},
): void {
  for (const layer of GEODATA_TILE_LAYERS) {
    const source = map.getSource(layer) as VectorTileSource | undefined;
    const url = tileUrl(layer, revisions[layer]);
    if (!source) map.addSource(layer, geodataTileSource(layer, revisions[layer]));
    else if (source.tiles?.[0] !== url) source.setTiles([url]);
  }
  const before = map.getLayer(GEODATA_LAYERS_BEFORE) ? GEODATA_LAYERS_BEFORE : undefined;
  for (const spec of geodataLayers(options.hazard)) {
    if (map.getLayer(spec.id)) continue;
    map.addLayer({ ...spec, layout: { ...spec.layout, visibility: options.visible?.(spec.id) === false ? 'none' : 'visible' } } as typeof spec, before);
  }
}

/** Draws only `hazard`'s zones (the plan editor's map, when its destination's hazard changes). */
export function filterHazardZones(map: MapLibreMap, hazard: HazardType): void {
  const filter: FilterSpecification = ['==', ['get', 'hazard'], hazard];
  for (const id of ['hazards-fill', 'hazards-line']) if (map.getLayer(id)) map.setFilter(id, filter);
}
