import type { Map as MapLibreMap, RasterSourceSpecification, RasterLayerSpecification } from 'maplibre-gl';
import type { HazardType } from '../core/hazard';
import {
  HAZARD_TILE_CREDIT,
  HAZARD_TILE_LAYERS,
  HAZARD_TILE_MAX_ZOOM,
  HAZARD_TILE_MIN_ZOOM,
  hazardTileTemplate,
  type HazardTileLayer,
  type HazardTileLayerId,
} from '../core/hazardTileLayers';
import { PERSON_CENTRED_TILE_MAX_ZOOM } from './style';

/**
 * The ハザードマップポータル's raster tiles as map overlays (issue 16): one raster source and one
 * layer per layer of `HAZARD_TILE_LAYERS`, drawn half-transparent over the 地理院タイル and under
 * every local layer (districts, routes, shelters, people), each source credited
 * 「出典：ハザードマップポータルサイト」 (MapLibre's attribution control lists it while it is drawn).
 *
 * The screens decide *whether* (online, the portal not refused: `ui/hazardOverlays.svelte.ts`);
 * this module only adds and removes. Removing takes the layers *and* sources out of the style, so
 * an offline map makes no request and shows no broken tile.
 */

/** Opacity of the overlays: the basemap's streets and the local symbols stay readable through them. */
export const HAZARD_OVERLAY_OPACITY = 0.6;

/** Id of the raster source and of its layer for one tile layer: `hazard-tiles-<id>`. */
export function hazardOverlayId(id: HazardTileLayerId): string {
  return `hazard-tiles-${id}`;
}

/** Every overlay id (`hazard-tiles-…`), in stacking order. */
export const HAZARD_OVERLAY_IDS: readonly string[] = HAZARD_TILE_LAYERS.map((l) => hazardOverlayId(l.id));

/** The tile layers that answer for `hazard` (flood → 洪水; landslide → the three 土砂災害 layers; none for others). */
export function hazardOverlayLayersFor(hazard: HazardType): HazardTileLayerId[] {
  return HAZARD_TILE_LAYERS.filter((l) => l.hazard === hazard).map((l) => l.id);
}

/**
 * Highest tile zoom an overlay source requests. `personCentred` (a map framed on one home: the plan
 * editor, the district print): no closer than PERSON_CENTRED_TILE_MAX_ZOOM (15, tiles of about a
 * kilometre), as the basemap, so the requests never point at a home; MapLibre draws those tiles
 * enlarged beyond it. Otherwise the portal's most detailed zoom, HAZARD_TILE_MAX_ZOOM (17).
 */
export function hazardOverlayMaxZoom(personCentred: boolean): number {
  return personCentred ? PERSON_CENTRED_TILE_MAX_ZOOM : HAZARD_TILE_MAX_ZOOM;
}

/** The raster source of one overlay: 256 px tiles of the portal, zoom 2 to `hazardOverlayMaxZoom`, with the credit. */
export function hazardOverlaySource(layer: Pick<HazardTileLayer, 'path'>, personCentred: boolean): RasterSourceSpecification {
  return {
    type: 'raster',
    tiles: [hazardTileTemplate(layer)],
    tileSize: 256,
    minzoom: HAZARD_TILE_MIN_ZOOM,
    maxzoom: hazardOverlayMaxZoom(personCentred),
    attribution: HAZARD_TILE_CREDIT,
  };
}

/** The raster layer of one overlay (its source has the same id). */
export function hazardOverlayLayer(id: HazardTileLayerId, visible: boolean): RasterLayerSpecification {
  return {
    id: hazardOverlayId(id),
    type: 'raster',
    source: hazardOverlayId(id),
    layout: { visibility: visible ? 'visible' : 'none' },
    paint: { 'raster-opacity': HAZARD_OVERLAY_OPACITY, 'raster-fade-duration': 0 },
  };
}

/** The first local layer the overlays go under (the city outline, else the districts): they sit just above the basemap. */
const OVERLAYS_BEFORE = ['city-line', 'districts-fill', 'hazards-fill'];

/** Which overlays a map shows and how. */
export interface HazardOverlayOptions {
  /** The tile layers on this map (default: all six); any other overlay on the map is removed. */
  layers?: readonly HazardTileLayerId[];
  /** The map is framed on one home (plan editor, district print): tiles no closer than zoom 15. */
  personCentred?: boolean;
  /** Whether each layer is drawn (default: all); a hidden raster layer requests no tile. */
  visible?: (id: HazardTileLayerId) => boolean;
}

/**
 * Puts the overlays of `options.layers` on a loaded `map` (sources and layers, under the local
 * layers), removes any other overlay, and sets each one's visibility. Safe to call again on every
 * change (switches, another destination's hazard).
 */
export function showHazardOverlays(map: MapLibreMap, options: HazardOverlayOptions = {}): void {
  const wanted = new Set(options.layers ?? HAZARD_TILE_LAYERS.map((l) => l.id));
  const personCentred = options.personCentred ?? false;
  for (const layer of HAZARD_TILE_LAYERS) if (!wanted.has(layer.id)) removeOverlay(map, layer.id);
  const before = OVERLAYS_BEFORE.find((id) => map.getLayer(id));
  for (const layer of HAZARD_TILE_LAYERS) {
    if (!wanted.has(layer.id)) continue;
    const id = hazardOverlayId(layer.id);
    const visible = options.visible?.(layer.id) ?? true;
    if (!map.getSource(id)) map.addSource(id, hazardOverlaySource(layer, personCentred));
    if (!map.getLayer(id)) map.addLayer(hazardOverlayLayer(layer.id, visible), before);
    else map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }
}

/** Takes one overlay's layer and source out of the style (its pending tile requests are cancelled). */
function removeOverlay(map: MapLibreMap, id: HazardTileLayerId): void {
  const key = hazardOverlayId(id);
  if (map.getLayer(key)) map.removeLayer(key);
  if (map.getSource(key)) map.removeSource(key);
}

/** Takes every overlay out of the style (offline, or the portal refused): no layer, no source, no request. */
export function removeHazardOverlays(map: MapLibreMap): void {
  for (const layer of HAZARD_TILE_LAYERS) removeOverlay(map, layer.id);
}

/** The overlays on `map` now that are drawn (present and visible), in stacking order. */
export function shownHazardOverlays(map: MapLibreMap): HazardTileLayerId[] {
  return HAZARD_TILE_LAYERS.filter((l) => {
    const id = hazardOverlayId(l.id);
    return !!map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none';
  }).map((l) => l.id);
}
