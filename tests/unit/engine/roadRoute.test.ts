import { describe, expect, it } from 'vitest';
import { distanceMetres, type LngLat } from '../../../src/core/geo';
import { polylineLengthMetres } from '../../../src/core/polyline';
import { buildRoadGraph, type RoadGraph } from '../../../src/core/roadGraph';
import { nearestByRoad } from '../../../src/core/roadDistance';
import { roadRouteBetween, shortestRoadPath } from '../../../src/core/roadRoute';
import { seededRandom } from './random';

/** Streets on a jittered grid with some blocks missing, so some pairs are far apart or cut off. */
function jitteredStreets(rand: () => number, cols: number, rows: number): LngLat[][] {
  const at = (i: number, j: number): LngLat => [139.9 + i * 0.0005 + (rand() - 0.5) * 0.0002, 37.5 + j * 0.0004 + (rand() - 0.5) * 0.0002];
  const pts = Array.from({ length: cols }, (_, i) => Array.from({ length: rows }, (_, j) => at(i, j)));
  const streets: LngLat[][] = [];
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < rows; j++) {
      if (i + 1 < cols && rand() < 0.75) streets.push([pts[i][j], pts[i + 1][j]]);
      if (j + 1 < rows && rand() < 0.75) streets.push([pts[i][j], pts[i][j + 1]]);
      if (i + 1 < cols && j + 1 < rows && rand() < 0.1) streets.push([pts[i][j], pts[i + 1][j + 1]]);
    }
  }
  return streets;
}

/** All-pairs shortest road metres by Floyd–Warshall over the open edges: the brute-force reference. */
function allPairs(g: RoadGraph, closed: Uint8Array | null): Float64Array[] {
  const n = g.nodeCount;
  const d = Array.from({ length: n }, (_, u) => {
    const row = new Float64Array(n).fill(Infinity);
    row[u] = 0;
    return row;
  });
  for (let u = 0; u < n; u++) {
    for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) if (!closed?.[g.edgeIds[i]]) d[u][g.targets[i]] = Math.min(d[u][g.targets[i]], g.lengthsM[i]);
  }
  for (let k = 0; k < n; k++) for (let u = 0; u < n; u++) for (let v = 0; v < n; v++) if (d[u][k] + d[k][v] < d[u][v]) d[u][v] = d[u][k] + d[k][v];
  return d;
}

/** Nearest node by scanning every node (great-circle metres). */
function scanNearest(g: RoadGraph, p: LngLat): { node: number; m: number } {
  let best = { node: -1, m: Infinity };
  for (let v = 0; v < g.nodeCount; v++) {
    const m = distanceMetres(p, [g.nodeCoords[2 * v], g.nodeCoords[2 * v + 1]]);
    if (m < best.m) best = { node: v, m };
  }
  return best;
}

/** Length of the open edge u–v (the shortest if parallel), or Infinity when none. */
function edgeLength(g: RoadGraph, u: number, v: number, closed: Uint8Array | null): number {
  let best = Infinity;
  for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) if (g.targets[i] === v && !closed?.[g.edgeIds[i]]) best = Math.min(best, g.lengthsM[i]);
  return best;
}

describe('road route between two places', () => {
  it('finds, for every node pair, a real open path as short as Floyd–Warshall says', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const rand = seededRandom(seed);
      const g = buildRoadGraph(jitteredStreets(rand, 7, 6));
      const closed = seed % 2 === 0 ? Uint8Array.from({ length: g.edgeCount }, () => (rand() < 0.15 ? 1 : 0)) : null;
      const ref = allPairs(g, closed);
      for (let a = 0; a < g.nodeCount; a++) {
        for (let b = 0; b < g.nodeCount; b++) {
          const path = shortestRoadPath(g, a, b, closed);
          if (ref[a][b] === Infinity) {
            expect(path).toBeNull();
            continue;
          }
          expect(path).not.toBeNull();
          expect(path!.lengthM).toBeCloseTo(ref[a][b], 6);
          expect(path!.nodes[0]).toBe(a);
          expect(path!.nodes[path!.nodes.length - 1]).toBe(b);
          let walked = 0;
          for (let k = 1; k < path!.nodes.length; k++) walked += edgeLength(g, path!.nodes[k - 1], path!.nodes[k], closed);
          expect(walked).toBeCloseTo(ref[a][b], 6);
        }
      }
    }
  });

  it('routes home → shelter through the nearest nodes; the line starts at home, ends at the shelter, and its length is the route length', () => {
    for (let seed = 11; seed <= 16; seed++) {
      const rand = seededRandom(seed);
      const g = buildRoadGraph(jitteredStreets(rand, 6, 6));
      const ref = allPairs(g, null);
      for (let q = 0; q < 30; q++) {
        const home: LngLat = [139.8995 + rand() * 0.0032, 37.4995 + rand() * 0.0024];
        const shelter: LngLat = [139.8995 + rand() * 0.0032, 37.4995 + rand() * 0.0024];
        const route = roadRouteBetween(g, home, shelter, { maxSnapM: Infinity });
        const h = scanNearest(g, home), s = scanNearest(g, shelter);
        const expected = h.m + ref[h.node][s.node] + s.m;
        if (expected === Infinity) {
          expect(route).toBeNull();
          continue;
        }
        expect(route!.lengthM).toBeCloseTo(expected, 6);
        expect(route!.line[0]).toEqual(home);
        expect(route!.line[route!.line.length - 1]).toEqual(shelter);
        expect(polylineLengthMetres(route!.line)).toBeCloseTo(route!.lengthM, 6);
        // The same distance the engine's multi-source search gives for a single shelter.
        const engine = nearestByRoad(g, Float64Array.from(shelter), Float64Array.from(home));
        expect(engine.routeM[0]).toBeCloseTo(route!.lengthM, 6);
      }
    }
  });

  it('gives no route when a place is farther than the snap limit from every road, or the roads do not connect', () => {
    const g = buildRoadGraph([
      [
        [139.9, 37.5],
        [139.901, 37.5],
      ],
      [
        [139.91, 37.5],
        [139.911, 37.5],
      ],
    ]);
    expect(roadRouteBetween(g, [139.9, 37.503], [139.901, 37.5], { maxSnapM: 300 })).toBeNull(); // ≈ 333 m from the road
    expect(roadRouteBetween(g, [139.9, 37.5], [139.911, 37.5])).toBeNull(); // two separate streets
    const same = roadRouteBetween(g, [139.9, 37.5], [139.901, 37.5])!;
    expect(same.line).toEqual([
      [139.9, 37.5],
      [139.901, 37.5],
    ]);
    expect(same.lengthM).toBeCloseTo(distanceMetres([139.9, 37.5], [139.901, 37.5]), 9);
    expect(shortestRoadPath(g, 0, 0)).toEqual({ nodes: [0], lengthM: 0 });
  });
});
