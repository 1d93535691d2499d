import { Map as MapLibreMap, AttributionControl, NavigationControl, ScaleControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection } from 'geojson';
import './worker';
import { addIcons } from './icons';
import { buildStyle, PERSON_CENTRED_TILE_MAX_ZOOM } from './style';
import { registerBasemapProtocol } from './basemapCache';
import cityOutlineText from '../../data/reference/city_boundary_N03-2021_s0010_07202_aizuwakamatsu.geojson?raw';

/** Credits shown on every map, whatever layers are on (地理院タイル always visible). */
/** Credits for the map as drawn: 「地理院タイル」 only while its background tiles are shown (not in the offline style). */
export function mapCredits(gsiTiles: boolean): string {
  return [...(gsiTiles ? ['地理院タイル'] : []), '国土地理院 指定緊急避難場所・指定避難所データ', '国土数値情報（行政区域データ）を加工して作成'].join(' ｜ ');
}

/** The bundled city outline, checked to be a GeoJSON FeatureCollection. */
function parseFeatureCollection(text: string): FeatureCollection {
  const value: unknown = JSON.parse(text);
  if (typeof value === 'object' && value !== null && 'type' in value && value.type === 'FeatureCollection' && 'features' in value && Array.isArray(value.features)) {
    return { type: 'FeatureCollection', features: value.features };
  }
  throw new Error('city outline: not a GeoJSON FeatureCollection');
}

const cityOutline = parseFeatureCollection(cityOutlineText);

/**
 * Creates a map with the app's style (offline layers + optional 地理院タイル), controls and
 * symbols. `onReady` runs once the style and icons are loaded. When the 地理院タイル cannot be
 * fetched (no network) their layer is hidden, the local layers carry on, and `onTilesFailed` runs once.
 * `personCentred`: the map is framed on one person's home (plan editor, pin placement), so its
 * tile requests stop at PERSON_CENTRED_TILE_MAX_ZOOM (tiles of about a kilometre) and cannot
 * point at the home; closer 地理院タイル are drawn from the district's map saved on the device
 * (map/basemapCache.ts), else enlarged. Every request the map makes carries no referrer.
 * The 地理院タイル go through `hinan-basemap://`: saved tiles first, so a saved district draws offline;
 * while offline an unsaved tile is left blank without an error.
 */
export function createMap(
  container: HTMLElement,
  options: { onlineTiles: boolean; personCentred?: boolean; onReady: (map: MapLibreMap) => void; onTilesFailed?: () => void },
): MapLibreMap {
  registerBasemapProtocol();
  const map = new MapLibreMap({
    container,
    style: buildStyle({ onlineTiles: options.onlineTiles, cityOutline, networkMaxZoom: options.personCentred ? PERSON_CENTRED_TILE_MAX_ZOOM : undefined }),
    center: [139.93, 37.5],
    zoom: 12,
    attributionControl: false,
    // Printing and tests read the canvas contents.
    canvasContextAttributes: { preserveDrawingBuffer: true },
    transformRequest: (url) => ({ url, referrerPolicy: 'no-referrer' }),
  });
  map.addControl(new AttributionControl({ compact: false, customAttribution: mapCredits(options.onlineTiles) }), 'bottom-right');
  map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('styleimagemissing', () => addIcons(map));
  let tilesFailed = false;
  map.on('error', (e) => {
    if (!('sourceId' in e) || e.sourceId !== 'gsi-pale' || tilesFailed) return;
    tilesFailed = true;
    if (map.getLayer('gsi-pale')) map.setLayoutProperty('gsi-pale', 'visibility', 'none');
    options.onTilesFailed?.();
  });
  map.on('load', () => {
    addIcons(map);
    options.onReady(map);
  });
  return map;
}
