import KDBush from 'kdbush';
import { describe, expect, it } from 'vitest';
import { distanceMetres, EARTH_RADIUS_M, type LngLat } from '../../../src/core/geo';
import { GreatCircleNearest, haversineTermOf } from '../../../src/core/greatCircleNearest';
import { randInt, seededRandom } from './random';

/** `count` points around `centre`, `spread` degrees wide, a few of them repeated (exact ties). */
function randomPoints(rand: () => number, count: number, centre: LngLat, spread: number): LngLat[] {
  const points: LngLat[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && rand() < 0.05) points.push(points[randInt(rand, i)]);
    else points.push([centre[0] + (rand() - 0.5) * spread, centre[1] + (rand() - 0.5) * spread]);
  }
  return points;
}

function indexOf(points: readonly LngLat[], nodeSize: number): KDBush {
  const index = new KDBush(points.length, nodeSize);
  for (const [lng, lat] of points) index.add(lng, lat);
  index.finish();
  return index;
}

/** The brute-force answer: the nearest accepted point within `maxM` by `distanceMetres`, the smallest id among ties; -1 if none. */
function bruteNearest(points: readonly LngLat[], q: LngLat, accept: Uint8Array | null, maxM: number): number {
  let best = -1, bestD = Infinity;
  points.forEach((p, id) => {
    if (accept && accept[id] === 0) return;
    const d = distanceMetres(q, p);
    if (d > maxM) return;
    if (d < bestD) {
      best = id;
      bestD = d;
    }
  });
  return best;
}

describe('GreatCircleNearest (seeded random points against brute force)', () => {
  for (const [seed, centre, spread, nodeSize] of [[1, [139.93, 37.49], 0.2, 16], [2, [141.35, 43.06], 3, 4], [3, [127.68, 26.21], 0.01, 64]] as const) {
    it(`seed ${seed}: ${spread}° around [${centre}] — the same nearest point (ties to the smallest id), with and without a filter and a cut-off`, () => {
      const rand = seededRandom(seed);
      const points = randomPoints(rand, 800, [centre[0], centre[1]], spread);
      const nearest = new GreatCircleNearest(indexOf(points, nodeSize));
      const accept = Uint8Array.from(points, () => (rand() < 0.3 ? 0 : 1));
      const maxM = spread * 20_000;
      for (let q = 0; q < 300; q++) {
        const query: LngLat = q % 10 === 0 ? points[randInt(rand, points.length)] : [centre[0] + (rand() - 0.5) * spread * 1.4, centre[1] + (rand() - 0.5) * spread * 1.4];
        expect(nearest.nearest(query[0], query[1])).toBe(bruteNearest(points, query, null, Infinity));
        expect(nearest.id).toBe(bruteNearest(points, query, null, Infinity));
        expect(nearest.nearest(query[0], query[1], accept)).toBe(bruteNearest(points, query, accept, Infinity));
        expect(nearest.nearest(query[0], query[1], accept, maxM)).toBe(bruteNearest(points, query, accept, maxM));
      }
    });
  }

  it('answers -1 for an empty index, when nothing is accepted, or when nothing is within the cut-off', () => {
    expect(new GreatCircleNearest(indexOf([], 16)).nearest(139, 35)).toBe(-1);
    const points: LngLat[] = [[139, 35], [139.01, 35]];
    const nearest = new GreatCircleNearest(indexOf(points, 16));
    expect(nearest.nearest(139, 35, Uint8Array.of(0, 0))).toBe(-1);
    expect(nearest.nearest(139.5, 35, null, 1000)).toBe(-1);
    expect(nearest.nearest(139.5, 35, null, 50_000)).toBe(1);
  });

  it('haversineTermOf inverts the haversine distance (h = sin²(d / 2R)); 1 from half the circumference on', () => {
    for (const d of [0, 1, 499.5, 12_345, 1_000_000]) expect(2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(haversineTermOf(d)))).toBeCloseTo(d, 6);
    expect(haversineTermOf(Math.PI * EARTH_RADIUS_M)).toBe(1);
    expect(haversineTermOf(Infinity)).toBe(1);
  });
});
