import type { StyleSpecification, ExpressionSpecification, LayerSpecification, VectorSourceSpecification, FilterSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { MOBILITIES } from '../core/person';
import { HAZARD_COLORS, MEDICAL_RING_COLOR, MOBILITY_COLORS, PRIORITY_COLORS, REVEALED_RING_COLOR } from './colors';
import { HAZARD_TYPES, type HazardType } from '../core/hazard';
import { GEODATA_TILE_MAX_ZOOM, type GeodataTileLayer } from '../io/geodataTiles';
import { tileUrl } from './tileProtocol';
import { basemapTileUrl, GSI_MAX_ZOOM } from './basemapCache';

export const GSI_ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener noreferrer">地理院タイル</a>';

/**
 * Highest 地理院タイル zoom a map centred on one person's home may request. Tile requests reach the
 * tile server, so the tiles around a home at zoom 18 (~120 m a tile at 会津若松) say where that home is;
 * at zoom 15 a tile spans 40075 km × cos(lat) / 2¹⁵ ≈ 0.97 km (lat 37.5°; 0.94–1.0 km over lat
 * 35–41°), so the requests only say which square kilometre is looked at. Such maps still zoom in
 * further: closer tiles come from the district's map saved on the device when the home is inside
 * it (saved for a whole area at once: map/basemapCache.ts), else they are cut from the zoom-15
 * tile and enlarged (the local layers stay sharp). No closer tile is ever asked of the server.
 */
export const PERSON_CENTRED_TILE_MAX_ZOOM = 15;
/**
 * Closest map zoom at which a map with the full tile range still fetches tiles no closer than
 * PERSON_CENTRED_TILE_MAX_ZOOM: MapLibre's zoom counts 512 px tiles, so it asks for the 256 px
 * 地理院タイル one zoom above its own.
 */
export const PERSON_CENTRED_MAP_ZOOM = PERSON_CENTRED_TILE_MAX_ZOOM - 1;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Map layer groups the user can switch on and off. */
export const LAYER_GROUPS = ['people', 'supporters', 'shelters', 'districts', 'routes', 'hazards', 'roads'] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** The map layers of each group. */
export const TOGGLEABLE_LAYERS: Readonly<Record<LayerGroup, readonly string[]>> = {
  people: ['people-revealed-ring', 'people-medical-ring', 'people'],
  supporters: ['supporters'],
  shelters: ['shelters'],
  districts: ['districts-fill', 'districts-line'],
  routes: ['routes'],
  hazards: ['hazards-fill', 'hazards-line'],
  roads: ['roads'],
};

/** The group whose toggle shows and hides map layer `id`; undefined when no toggle does. */
export function layerGroupOf(id: string): LayerGroup | undefined {
  return LAYER_GROUPS.find((g) => TOGGLEABLE_LAYERS[g].includes(id));
}

/**
 * `['match', ['get', property], label₁, colour₁, …, fallback]`: the colour of a feature by the
 * value of its `property`, in the order of `labels`; `fallback` for any other value.
 */
export function matchColor<K extends string>(property: string, labels: readonly [K, ...K[]], colors: Readonly<Record<K, string>>, fallback: string): ExpressionSpecification {
  const [first, ...rest] = labels;
  return ['match', ['get', property], first, colors[first], ...rest.flatMap((k) => [k, colors[k]]), fallback];
}

/** Colour of a person by their `mobility` property (MOBILITY_COLORS; unknown dark grey). */
export const mobilityColor = matchColor('mobility', MOBILITIES, MOBILITY_COLORS, '#555555');

/** Colour of a feature by its `priority` property (A red, B orange, C grey-green; none grey). */
export const priorityColor = matchColor('priority', ['A', 'B', 'C'], PRIORITY_COLORS, '#8a8a8a');

/** Fill colour of a hazard zone by its hazard type. */
const hazardColor = matchColor('hazard', HAZARD_TYPES, HAZARD_COLORS, '#4a90d9');

/**
 * The vector source of one layer of the hazard zones and roads (drawn from the tiles the tile
 * worker made, never from GeoJSON: see map/tileProtocol.ts), as built from store `revision`.
 * Tiles go up to GEODATA_TILE_MAX_ZOOM; closer zooms draw them enlarged, at full detail.
 */
export function geodataTileSource(layer: GeodataTileLayer, revision: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [tileUrl(layer, revision)], minzoom: 0, maxzoom: GEODATA_TILE_MAX_ZOOM };
}

/** The layer drawn first of the ones above the hazard zones and roads (they go under the districts). */
export const GEODATA_LAYERS_BEFORE = 'districts-fill';

/**
 * The layers of the hazard zones (a fill and its outline, coloured by hazard type) and the roads,
 * from the vector sources `hazards` and `roads` (geodataTileSource). `hazard`: only that hazard's
 * zones (the plan editor's map); all of them when absent. `visible`: whether each layer starts shown.
 */
export function geodataLayers(hazard?: HazardType, visible: (layerId: string) => boolean = () => true): LayerSpecification[] {
  const filter: FilterSpecification | undefined = hazard ? ['==', ['get', 'hazard'], hazard] : undefined;
  const only = filter ? { filter } : {};
  const visibility = (id: string) => (visible(id) ? 'visible' : 'none');
  return [
    { id: 'hazards-fill', type: 'fill', source: 'hazards', 'source-layer': 'hazards', ...only, layout: { visibility: visibility('hazards-fill') }, paint: { 'fill-color': hazardColor, 'fill-opacity': 0.28 } },
    { id: 'hazards-line', type: 'line', source: 'hazards', 'source-layer': 'hazards', ...only, layout: { visibility: visibility('hazards-line') }, paint: { 'line-color': hazardColor, 'line-width': 0.8, 'line-opacity': 0.7 } },
    {
      id: 'roads',
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      layout: { visibility: visibility('roads') },
      paint: { 'line-color': '#b9b2a6', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 0.6, 17, 3] },
    },
  ];
}

/**
 * The whole map style. Everything but the optional 地理院タイル raster is drawn from local data,
 * so the map is useful with no network (offline fallback); the raster itself is drawn offline
 * where a district's map was saved on the device. `cityOutline` frames the city. The
 * hazard zones and roads are added by the maps that show them (map/geodataLayers.ts), once their
 * tiles are known to be stored.
 */
export function buildStyle(options: {
  onlineTiles: boolean;
  cityOutline: FeatureCollection;
  colorBy?: 'mobility' | 'priority';
  /**
   * Highest 地理院タイル zoom asked of the server (default 18). Closer tiles come from the saved
   * basemap only, or are enlarged from this zoom's tile (map/basemapCache.ts).
   */
  networkMaxZoom?: number;
}): StyleSpecification {
  return {
    version: 8,
    sources: {
      'gsi-pale': {
        type: 'raster',
        // Through the device's saved basemap first (map/basemapCache.ts), the server only as allowed.
        tiles: [basemapTileUrl(options.networkMaxZoom ?? GSI_MAX_ZOOM)],
        tileSize: 256,
        minzoom: 2,
        maxzoom: GSI_MAX_ZOOM,
        attribution: GSI_ATTRIBUTION,
      },
      city: { type: 'geojson', data: options.cityOutline },
      districts: { type: 'geojson', data: EMPTY },
      shelters: { type: 'geojson', data: EMPTY },
      supporters: { type: 'geojson', data: EMPTY },
      people: { type: 'geojson', data: EMPTY },
      routes: { type: 'geojson', data: EMPTY },
      selection: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef0ea' } },
      { id: 'city-fill', type: 'fill', source: 'city', paint: { 'fill-color': '#fbfaf5' } },
      {
        id: 'gsi-pale',
        type: 'raster',
        source: 'gsi-pale',
        layout: { visibility: options.onlineTiles ? 'visible' : 'none' },
        paint: { 'raster-opacity': 0.9 },
      },
      { id: 'city-line', type: 'line', source: 'city', paint: { 'line-color': '#7a7a7a', 'line-width': 1.5, 'line-dasharray': [4, 2] } },
      { id: 'districts-fill', type: 'fill', source: 'districts', paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.08 } },
      { id: 'districts-line', type: 'line', source: 'districts', paint: { 'line-color': ['get', 'color'], 'line-width': 2.5 } },
      {
        id: 'routes',
        type: 'line',
        source: 'routes',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': priorityColor,
          'line-width': ['case', ['get', 'routed'], 2.5, 1.5],
          'line-opacity': 0.75,
          'line-dasharray': ['case', ['get', 'routed'], ['literal', [1, 0]], ['literal', [2, 2]]],
        },
      },
      {
        id: 'shelters',
        type: 'symbol',
        source: 'shelters',
        layout: {
          'icon-image': ['concat', 'shelter-', ['get', 'kind']],
          'icon-allow-overlap': true,
          'icon-size': ['interpolate', ['linear'], ['zoom'], 11, 0.7, 15, 1.1],
          'symbol-sort-key': ['match', ['get', 'kind'], 'welfare_shelter', 3, 'shelter', 2, 1],
        },
        paint: { 'icon-opacity': ['case', ['get', 'closed'], 0.35, 1] },
      },
      {
        id: 'supporters',
        type: 'symbol',
        source: 'supporters',
        layout: { 'icon-image': 'supporter', 'icon-allow-overlap': true, 'icon-size': ['interpolate', ['linear'], ['zoom'], 11, 0.55, 15, 0.9] },
      },
      {
        // 災害時提供: a thick red ring, outside the medical ring, around people shown only because 災害時モード is on.
        id: 'people-revealed-ring',
        type: 'circle',
        source: 'people',
        filter: ['==', ['get', 'revealed'], true],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 8, 15, 13],
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': REVEALED_RING_COLOR,
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'people-medical-ring',
        type: 'circle',
        source: 'people',
        filter: ['==', ['get', 'medical'], true],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 6, 15, 10],
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': MEDICAL_RING_COLOR,
          'circle-stroke-width': 3,
        },
      },
      {
        id: 'people',
        type: 'circle',
        source: 'people',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 3.5, 15, 6.5],
          'circle-color': options.colorBy === 'priority' ? priorityColor : mobilityColor,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1.2,
        },
      },
      {
        id: 'selection-ring',
        type: 'circle',
        source: 'selection',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 10, 15, 15],
          'circle-color': 'rgba(0,0,0,0)',
          'circle-stroke-color': '#000000',
          'circle-stroke-width': 3,
        },
      },
    ],
  };
}
