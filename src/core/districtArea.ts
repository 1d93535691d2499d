import type { MultiPolygon, Polygon } from 'geojson';
import type { LngLat } from './geo';
import { packPolygons, pointInPackedShape } from './pointInPolygon';

/**
 * A test for "is this point inside the district outline" (`[lng, lat]` WGS84 degrees).
 * A district without an outline contains every point.
 */
export function districtContains(outline: Polygon | MultiPolygon | null): (point: LngLat) => boolean {
  if (!outline) return () => true;
  const packed = packPolygons([outline]);
  const [w, s, e, n] = packed.bboxes;
  return ([x, y]) => x >= w && x <= e && y >= s && y <= n && pointInPackedShape(x, y, packed, 0);
}
