/** A WGS84 position as `[longitude, latitude]` in degrees (GeoJSON order). */
export type LngLat = [number, number];

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
export function isInJapan([lng, lat]: LngLat): boolean {
  const inBox = (b: readonly [number, number, number, number]) => lng >= b[0] && lng <= b[2] && lat >= b[1] && lat <= b[3];
  return inBox(JAPAN_BBOX) && !NOT_JAPAN_BOXES.some(inBox);
}

const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres between two `[lng, lat]` points (haversine, mean Earth radius). */
export function distanceMetres(a: LngLat, b: LngLat): number {
  const dLat = (b[1] - a[1]) * RAD;
  const dLng = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLng / 2) ** 2;
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
