/**
 * Point-in-polygon by ray casting on flat coordinate arrays (`[lng, lat]` degrees, planar test,
 * as turf.booleanPointInPolygon does). Rings are stored as runs of `x, y` pairs; a polygon is an
 * outer ring followed by its holes, and the even-odd rule over its rings cuts the holes out.
 * A point exactly on an edge may fall either side.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** True when `(x, y)` is inside the ring stored in `coords[start .. end)` (pairs; closed or open ring). */
export function pointInRing(x: number, y: number, coords: ArrayLike<number>, start: number, end: number): boolean {
  let inside = false;
  for (let i = start, j = end - 2; i < end; j = i, i += 2) {
    const xi = coords[i], yi = coords[i + 1];
    const xj = coords[j], yj = coords[j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Polygons and multipolygons packed into typed arrays for fast repeated tests.
 * Shape `s` has polygons `shapePolygonStart[s] .. shapePolygonStart[s+1]`; polygon `p` has rings
 * `polygonRingStart[p] ..`; ring `r` has coordinates `coords[ringCoordStart[r] .. ringCoordStart[r+1])`.
 */
export interface PackedPolygons {
  coords: Float64Array;
  ringCoordStart: Uint32Array;
  polygonRingStart: Uint32Array;
  shapePolygonStart: Uint32Array;
  /** `[west, south, east, north]` per shape, degrees. */
  bboxes: Float64Array;
}

/** Packs GeoJSON Polygons / MultiPolygons (`[lng, lat]` degrees) into typed arrays, shape `i` = `shapes[i]`. */
export function packPolygons(shapes: readonly (Polygon | MultiPolygon)[]): PackedPolygons {
  let coordCount = 0, ringCount = 0, polygonCount = 0;
  const polygonsOf = (i: number): Position[][][] => {
    const shape = shapes[i];
    return shape.type === 'MultiPolygon' ? shape.coordinates : [shape.coordinates];
  };
  for (let i = 0; i < shapes.length; i++) {
    for (const polygon of polygonsOf(i)) {
      polygonCount++;
      for (const ring of polygon) {
        ringCount++;
        coordCount += ring.length * 2;
      }
    }
  }
  const coords = new Float64Array(coordCount);
  const ringCoordStart = new Uint32Array(ringCount + 1);
  const polygonRingStart = new Uint32Array(polygonCount + 1);
  const shapePolygonStart = new Uint32Array(shapes.length + 1);
  const bboxes = new Float64Array(shapes.length * 4);
  let c = 0, r = 0, p = 0;
  for (let i = 0; i < shapes.length; i++) {
    shapePolygonStart[i] = p;
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (const polygon of polygonsOf(i)) {
      polygonRingStart[p++] = r;
      for (const ring of polygon) {
        ringCoordStart[r++] = c;
        for (const [x, y] of ring) {
          coords[c++] = x;
          coords[c++] = y;
          if (x < w) w = x;
          if (x > e) e = x;
          if (y < s) s = y;
          if (y > n) n = y;
        }
      }
    }
    bboxes.set([w, s, e, n], i * 4);
  }
  ringCoordStart[r] = c;
  polygonRingStart[p] = r;
  shapePolygonStart[shapes.length] = p;
  return { coords, ringCoordStart, polygonRingStart, shapePolygonStart, bboxes };
}

/** True when `(x, y)` lies inside shape `shape` of a packed set (inside any of its polygons, outside their holes). */
export function pointInPackedShape(x: number, y: number, packed: PackedPolygons, shape: number): boolean {
  const { coords, ringCoordStart, polygonRingStart, shapePolygonStart } = packed;
  for (let p = shapePolygonStart[shape]; p < shapePolygonStart[shape + 1]; p++) {
    let inside = false;
    for (let r = polygonRingStart[p]; r < polygonRingStart[p + 1]; r++) {
      if (pointInRing(x, y, coords, ringCoordStart[r], ringCoordStart[r + 1])) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

/** True when segments a–b and c–d (planar degrees) intersect or touch. */
export function segmentsIntersect(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = orient(cx, cy, dx, dy, ax, ay);
  const d2 = orient(cx, cy, dx, dy, bx, by);
  const d3 = orient(ax, ay, bx, by, cx, cy);
  const d4 = orient(ax, ay, bx, by, dx, dy);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    (d1 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (d2 === 0 && onSegment(cx, cy, dx, dy, bx, by)) ||
    (d3 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (d4 === 0 && onSegment(ax, ay, bx, by, dx, dy))
  );
}

function orient(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** True when segment a–b crosses or touches any ring edge of a packed shape, or lies inside it. */
export function segmentTouchesPackedShape(ax: number, ay: number, bx: number, by: number, packed: PackedPolygons, shape: number): boolean {
  if (pointInPackedShape(ax, ay, packed, shape) || pointInPackedShape(bx, by, packed, shape)) return true;
  const { coords, ringCoordStart, polygonRingStart, shapePolygonStart } = packed;
  const firstRing = polygonRingStart[shapePolygonStart[shape]];
  const lastRing = polygonRingStart[shapePolygonStart[shape + 1]];
  for (let r = firstRing; r < lastRing; r++) {
    const start = ringCoordStart[r], end = ringCoordStart[r + 1];
    for (let i = start, j = end - 2; i < end; j = i, i += 2) {
      if (segmentsIntersect(ax, ay, bx, by, coords[j], coords[j + 1], coords[i], coords[i + 1])) return true;
    }
  }
  return false;
}
