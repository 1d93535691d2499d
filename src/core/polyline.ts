import { distanceMetres, type LngLat, type Metres } from './geo';

/** Length in metres of a polyline of `[lng, lat]` degree vertices (sum of great-circle segments); 0 for fewer than 2 points. */
export function polylineLengthMetres(line: readonly LngLat[]): Metres {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += distanceMetres(line[i - 1], line[i]);
  return total;
}
