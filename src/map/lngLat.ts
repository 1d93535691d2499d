import type { Polygon, Position } from 'geojson';
import { LngLatBounds } from 'maplibre-gl';
import type { LngLat } from '../core/geo';

/*
 * Our `[lng, lat]` tuples (core/geo.ts `LngLat`) and the `{ lng, lat }` objects of MapLibre and of
 * a person's location meet here.
 */

/**
 * Our `[lng, lat]` tuple (degrees, GeoJSON order) from anything with `lng` and `lat`: a MapLibre
 * `LngLat` object (events, markers, `getCenter()`) or a person's `PlacedLocation`.
 */
export function toLngLat(p: { readonly lng: number; readonly lat: number }): LngLat {
  return [p.lng, p.lat];
}

/** A GeoJSON position (`[lng, lat, …]`, degrees) as our `[lng, lat]` tuple (an altitude is dropped). */
export function positionLngLat(p: Position): LngLat {
  return [p[0], p[1]];
}

/** The outer ring of a GeoJSON polygon as `[lng, lat]` tuples. */
export function outerRing(polygon: Polygon): LngLat[] {
  return (polygon.coordinates[0] ?? []).map(positionLngLat);
}

/** MapLibre bounds around `[lng, lat]` points (degrees); null when there is none. */
export function boundsAround(points: readonly LngLat[]): LngLatBounds | null {
  if (points.length === 0) return null;
  const bounds = new LngLatBounds(points[0], points[0]);
  for (const p of points) bounds.extend(p);
  return bounds;
}
