/**
 * Positions and distances of the whole app. A position is always a `[lng, lat]` tuple in WGS84
 * degrees (GeoJSON order); MapLibre's `LngLat` object is converted at the map's edge (map/).
 */

/** A WGS84 position as `[longitude, latitude]` in degrees (GeoJSON order). */
export type LngLat = [number, number];

/** A distance in metres (great-circle unless said otherwise). A name for documentation, not a brand. */
export type Metres = number;

/** Mean Earth radius in metres (IUGG), used by every great-circle distance in the app. */
export const EARTH_RADIUS_M = 6371008.8;

/** Radians per degree. */
export const RAD = Math.PI / 180;

/**
 * Approximate metres per degree of latitude, and of longitude at the equator (multiply by
 * cos(lat)): for grids and synthetic test data, never for a distance the app shows.
 */
export const METRES_PER_DEGREE_LAT = 110_574;
export const METRES_PER_DEGREE_LNG_AT_EQUATOR = 111_320;

/** Rough bounding box of Japan's territory, `[west, south, east, north]` in degrees. */
export const JAPAN_BBOX: readonly [number, number, number, number] = [122.9, 20.4, 154.0, 45.6];

/**
 * Parts of JAPAN_BBOX that are foreign land, `[west, south, east, north]`: the Korean peninsula
 * north of Tsushima (北端 34.72°N), south-west Korea and Jeju, and the Russian/North Korean coast
 * west of Hokkaido. Without these, Seoul, Busan or Vladivostok would count as Japan.
 */
const NOT_JAPAN_BOXES: readonly (readonly [number, number, number, number])[] = [
  [122.9, 34.8, 129.65, 45.6],
  [122.9, 33.0, 127.9, 45.6],
  [122.9, 41.0, 138.5, 45.6],
];

/** True when `[lng, lat]` lies inside Japan's bounding box and not in a known foreign part of it. */
export function isInJapan(point: LngLat): boolean {
  const lng = point[0], lat = point[1];
  if (!(lng >= JAPAN_BBOX[0] && lng <= JAPAN_BBOX[2] && lat >= JAPAN_BBOX[1] && lat <= JAPAN_BBOX[3])) return false;
  for (let i = 0; i < NOT_JAPAN_BOXES.length; i++) {
    const b = NOT_JAPAN_BOXES[i];
    if (lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3]) return false;
  }
  return true;
}

/** Great-circle distance in metres between two `[lng, lat]` points (haversine, mean Earth radius). */
export function distanceMetres(a: LngLat, b: LngLat): Metres {
  return haversineMetres(a[0], a[1], Math.cos(a[1] * RAD), b[0], b[1], Math.cos(b[1] * RAD));
}

/** `cos(lat)` of a latitude in degrees, as `haversineMetres` wants it (precompute it per point). */
export function cosLat(lat: number): number {
  return Math.cos(lat * RAD);
}

/**
 * `distanceMetres` with each point's `cosLat` precomputed: the same arithmetic, so bit-identical
 * results, without two of the five transcendental calls. For hot loops over many pairs.
 */
export function haversineMetres(lngA: number, latA: number, cosA: number, lngB: number, latB: number, cosB: number): Metres {
  const dLat = (latB - latA) * RAD;
  const dLng = (lngB - lngA) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + cosA * cosB * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Bounding box `[west, south, east, north]` in degrees of a list of `[lng, lat]` points; null if empty. */
export function bboxOf(points: readonly LngLat[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [lng, lat] of points) {
    if (lng < w) w = lng;
    if (lng > e) e = lng;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
  }
  return [w, s, e, n];
}
