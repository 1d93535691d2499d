import { EARTH_RADIUS_M, RAD, type LngLat, type Metres } from './geo';

/**
 * A printed route sketch: places `[lng, lat]` points (degrees) in a `width` × `height` box of
 * drawing units, north up, same scale in both directions (local equirectangular, fine over a few
 * kilometres), the points' bounds centred with `padding` units on every side.
 */
export interface SketchProjection {
  /** Drawing position `[x, y]` of a point; y grows downwards. */
  project(p: LngLat): [number, number];
  /** Ground metres per drawing unit. */
  metresPerUnit: number;
}

/** Fits `points` into the box; a single point (or all equal) is centred at 1 m per unit. */
export function fitSketch(points: readonly LngLat[], width: number, height: number, padding: number): SketchProjection {
  if (points.length === 0) throw new Error('fitSketch: no points');
  let minLng = Infinity, minLat = Infinity, maxLng = -Infinity, maxLat = -Infinity;
  for (const [lng, lat] of points) {
    minLng = Math.min(minLng, lng);
    maxLng = Math.max(maxLng, lng);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const midLat = (minLat + maxLat) / 2;
  const metresPerDegLat = RAD * EARTH_RADIUS_M;
  const metresPerDegLng = metresPerDegLat * Math.cos((midLat * Math.PI) / 180);
  const spanX = (maxLng - minLng) * metresPerDegLng;
  const spanY = (maxLat - minLat) * metresPerDegLat;
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding);
  const metresPerUnit = Math.max(spanX / innerW, spanY / innerH) || 1;
  const cx = (minLng + maxLng) / 2;
  const cy = midLat;
  return {
    metresPerUnit,
    project: ([lng, lat]) => [width / 2 + ((lng - cx) * metresPerDegLng) / metresPerUnit, height / 2 - ((lat - cy) * metresPerDegLat) / metresPerUnit],
  };
}

/** A round scale-bar length in metres (1, 2 or 5 × 10ⁿ) no longer than `maxMetres`. */
export function scaleBarMetres(maxMetres: Metres): Metres {
  if (!(maxMetres > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxMetres));
  for (const m of [5, 2, 1]) if (m * p <= maxMetres) return m * p;
  return p;
}
