import { booleanPointInPolygon, point } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { packPolygons, pointInPackedShape, pointInRing, segmentsIntersect, segmentTouchesPackedShape } from '../../../src/core/pointInPolygon';
import { randInt, seededRandom } from './random';

/** A closed star-shaped ring around `[cx, cy]` (concave), counter-clockwise, or clockwise for a hole. */
function star(rand: () => number, cx: number, cy: number, r: number, vertices: number, clockwise = false): Position[] {
  const ring: Position[] = [];
  for (let v = 0; v < vertices; v++) {
    const a = ((clockwise ? -1 : 1) * 2 * Math.PI * v) / vertices;
    const rr = r * (0.4 + 0.6 * rand());
    ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

const SQUARE: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]] };
const SQUARE_WITH_HOLE: Polygon = { type: 'Polygon', coordinates: [SQUARE.coordinates[0], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]] };
const TWO_SQUARES: MultiPolygon = { type: 'MultiPolygon', coordinates: [[[[10, 0], [12, 0], [12, 2], [10, 2], [10, 0]]], SQUARE_WITH_HOLE.coordinates] };

describe('point in polygon (planar ray casting on packed rings)', () => {
  it('pointInRing: inside and outside a concave ring, closed or open', () => {
    // An L shape.
    const closed = [0, 0, 4, 0, 4, 1, 1, 1, 1, 4, 0, 4, 0, 0];
    const open = closed.slice(0, -2);
    for (const ring of [closed, open]) {
      expect(pointInRing(0.5, 0.5, ring, 0, ring.length)).toBe(true);
      expect(pointInRing(3, 0.5, ring, 0, ring.length)).toBe(true);
      expect(pointInRing(0.5, 3, ring, 0, ring.length)).toBe(true);
      expect(pointInRing(3, 3, ring, 0, ring.length)).toBe(false); // the notch
      expect(pointInRing(5, 0.5, ring, 0, ring.length)).toBe(false);
    }
  });

  it('packs polygons, holes and multipolygons: the even-odd rule cuts holes out, any polygon of a multipolygon counts', () => {
    const packed = packPolygons([SQUARE, SQUARE_WITH_HOLE, TWO_SQUARES]);
    expect(Array.from(packed.shapePolygonStart)).toEqual([0, 1, 2, 4]);
    expect(Array.from(packed.polygonRingStart)).toEqual([0, 1, 3, 4, 6]);
    expect(Array.from(packed.bboxes)).toEqual([0, 0, 4, 4, 0, 0, 4, 4, 0, 0, 12, 4]);
    expect(pointInPackedShape(2, 2, packed, 0)).toBe(true);
    expect(pointInPackedShape(2, 2, packed, 1)).toBe(false); // in the hole
    expect(pointInPackedShape(0.5, 2, packed, 1)).toBe(true);
    expect(pointInPackedShape(11, 1, packed, 2)).toBe(true);
    expect(pointInPackedShape(0.5, 2, packed, 2)).toBe(true);
    expect(pointInPackedShape(2, 2, packed, 2)).toBe(false);
    expect(pointInPackedShape(7, 1, packed, 2)).toBe(false);
  });

  it('agrees with turf.booleanPointInPolygon on seeded random concave polygons with holes and multipolygons', () => {
    const rand = seededRandom(41);
    const shapes: (Polygon | MultiPolygon)[] = [];
    for (let s = 0; s < 40; s++) {
      const cx = 139.9 + rand() * 0.1, cy = 37.4 + rand() * 0.1, r = 0.002 + rand() * 0.01;
      const outer = star(rand, cx, cy, r, 5 + randInt(rand, 12));
      const polygon = rand() < 0.4 ? [outer, star(rand, cx, cy, r * 0.3, 6, true)] : [outer];
      shapes.push(rand() < 0.25 ? { type: 'MultiPolygon', coordinates: [polygon, [star(rand, cx + 3 * r, cy, r * 0.5, 7)]] } : { type: 'Polygon', coordinates: polygon });
    }
    const packed = packPolygons(shapes);
    let inside = 0;
    for (let q = 0; q < 4000; q++) {
      // Around the shape's bounding box, 20 % beyond it on every side.
      const s = randInt(rand, shapes.length);
      const [w, so, e, n] = packed.bboxes.subarray(4 * s, 4 * s + 4);
      const x = w + (e - w) * (1.4 * rand() - 0.2), y = so + (n - so) * (1.4 * rand() - 0.2);
      const expected = booleanPointInPolygon(point([x, y]), shapes[s]);
      expect(pointInPackedShape(x, y, packed, s)).toBe(expected);
      if (expected) inside++;
    }
    expect(inside).toBeGreaterThan(1000); // the test saw points inside as well as outside
    expect(inside).toBeLessThan(3000);
  });

  it('segmentsIntersect: crossing, touching at an end, collinear overlap, parallel and apart', () => {
    expect(segmentsIntersect(0, 0, 2, 2, 0, 2, 2, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 1, 1, 1, 2, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 2, 0, 1, 0, 3, 0)).toBe(true);
    expect(segmentsIntersect(0, 0, 1, 0, 2, 0, 3, 0)).toBe(false);
    expect(segmentsIntersect(0, 0, 2, 0, 0, 1, 2, 1)).toBe(false);
    expect(segmentsIntersect(0, 0, 1, 1, 2, 0, 3, -1)).toBe(false);
  });

  it('segmentTouchesPackedShape: a segment inside, crossing an edge, touching a corner or passing by', () => {
    const packed = packPolygons([SQUARE_WITH_HOLE]);
    expect(segmentTouchesPackedShape(0.5, 0.5, 0.5, 3.5, packed, 0)).toBe(true); // inside the ring
    expect(segmentTouchesPackedShape(-1, 2, 0.5, 2, packed, 0)).toBe(true); // enters
    expect(segmentTouchesPackedShape(-1, -1, 0, 0, packed, 0)).toBe(true); // touches the corner
    expect(segmentTouchesPackedShape(1.5, 1.5, 2.5, 2.5, packed, 0)).toBe(false); // in the hole
    expect(segmentTouchesPackedShape(-2, 5, 6, 5, packed, 0)).toBe(false); // passes above
  });
});
