import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { FilterSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { LngLat } from '../core/geo';
import { setSourceData } from './sourceData';

/** Source and layers of the plan editor's route map (added on top of the app style). */
export const PLAN_ROUTE_SOURCE = 'plan-route';
export const PLAN_ROUTE_LAYERS = { casing: 'plan-route-casing', line: 'plan-route-line', vertices: 'plan-route-vertices', home: 'plan-route-home' } as const;

const ROUTE_COLOR = '#c2185b';
const HOME_COLOR = '#d9480f';

/**
 * The route being planned as GeoJSON: the line (when it has ≥ 2 points), its vertices when
 * `withVertices` (while drawing), and the home. Positions `[lng, lat]` degrees.
 */
export function planRouteFeatures(home: LngLat | null, line: readonly LngLat[], withVertices = false): FeatureCollection<LineString | Point> {
  const features: Feature<LineString | Point>[] = [];
  if (line.length >= 2) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line.map((p) => [p[0], p[1]]) }, properties: { role: 'route' } });
  if (withVertices) line.forEach((p, i) => features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [p[0], p[1]] }, properties: { role: 'vertex', index: i } }));
  if (home) features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [home[0], home[1]] }, properties: { role: 'home' } });
  return { type: 'FeatureCollection', features };
}

/**
 * Adds the route source and its layers: a white-cased line and vertex dots under the shelter
 * symbols (the destination stays visible), a large home dot on top. No network, no glyphs.
 */
export function addPlanRouteLayers(map: MapLibreMap): void {
  if (map.getSource(PLAN_ROUTE_SOURCE)) return;
  map.addSource(PLAN_ROUTE_SOURCE, { type: 'geojson', data: planRouteFeatures(null, []) });
  const isRoute: FilterSpecification = ['==', ['get', 'role'], 'route'];
  const below = map.getLayer('shelters') ? 'shelters' : undefined;
  map.addLayer({
    id: PLAN_ROUTE_LAYERS.casing,
    type: 'line',
    source: PLAN_ROUTE_SOURCE,
    filter: isRoute,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': 8 },
  }, below);
  map.addLayer({
    id: PLAN_ROUTE_LAYERS.line,
    type: 'line',
    source: PLAN_ROUTE_SOURCE,
    filter: isRoute,
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': ROUTE_COLOR, 'line-width': 4 },
  }, below);
  map.addLayer({
    id: PLAN_ROUTE_LAYERS.vertices,
    type: 'circle',
    source: PLAN_ROUTE_SOURCE,
    filter: ['==', ['get', 'role'], 'vertex'],
    paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': ROUTE_COLOR, 'circle-stroke-width': 2.5 },
  }, below);
  map.addLayer({
    id: PLAN_ROUTE_LAYERS.home,
    type: 'circle',
    source: PLAN_ROUTE_SOURCE,
    filter: ['==', ['get', 'role'], 'home'],
    paint: { 'circle-radius': 10, 'circle-color': HOME_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
  });
}

/** Replaces what the route layers show (vertex dots only when `withVertices`). */
export function setPlanRoute(map: MapLibreMap, home: LngLat | null, line: readonly LngLat[], withVertices: boolean): void {
  setSourceData(map, PLAN_ROUTE_SOURCE, planRouteFeatures(home, line, withVertices));
}
