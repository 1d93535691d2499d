import type { StyleSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { MOBILITIES } from '../core/person';
import { MEDICAL_RING_COLOR, MOBILITY_COLORS } from './colors';

export const GSI_ATTRIBUTION = '<a href="https://maps.gsi.go.jp/development/ichiran.html" target="_blank" rel="noopener">地理院タイル</a>';
const GSI_PALE_TILES = 'https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Map layer groups the user can switch on and off. */
export const TOGGLEABLE_LAYERS = {
  people: ['people-medical-ring', 'people'],
  supporters: ['supporters'],
  shelters: ['shelters'],
  districts: ['districts-fill', 'districts-line'],
} as const;
export type LayerGroup = keyof typeof TOGGLEABLE_LAYERS;

const mobilityColor: ExpressionSpecification = [
  'match',
  ['get', 'mobility'],
  ...MOBILITIES.flatMap((m) => [m, MOBILITY_COLORS[m]]),
  '#555555',
] as unknown as ExpressionSpecification;

/**
 * The whole map style. Everything but the optional 地理院タイル raster is drawn from local data,
 * so the map is useful with no network (offline fallback). `cityOutline` frames the city.
 */
export function buildStyle(options: { onlineTiles: boolean; cityOutline: FeatureCollection }): StyleSpecification {
  return {
    version: 8,
    sources: {
      'gsi-pale': {
        type: 'raster',
        tiles: [GSI_PALE_TILES],
        tileSize: 256,
        minzoom: 2,
        maxzoom: 18,
        attribution: GSI_ATTRIBUTION,
      },
      city: { type: 'geojson', data: options.cityOutline },
      districts: { type: 'geojson', data: EMPTY },
      shelters: { type: 'geojson', data: EMPTY },
      supporters: { type: 'geojson', data: EMPTY },
      people: { type: 'geojson', data: EMPTY },
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
          'circle-color': mobilityColor,
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
