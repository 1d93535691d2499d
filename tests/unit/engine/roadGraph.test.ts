import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import { distanceMetres } from '../../../src/core/geo';
import { buildRoadGraph, edgesInHazardZones, NodeSnapper, roadGraphFromGeoJSON, type RoadGraph } from '../../../src/core/roadGraph';
import { multiSourceDijkstra, pathToSource, routeCoordinates } from '../../../src/core/multiSourceDijkstra';
import { SingleSourceNearest } from '../../../src/core/singleSourceNearest';
import { nearestByRoad } from '../../../src/core/roadDistance';
import { HazardIndex } from '../../../src/core/hazardAtHome';
import { randInt, seededRandom } from './random';

/** A random planar-ish network: n points joined to a few random near neighbours by straight lines. */
function randomLines(rand: () => number, n: number): number[][][] {
  const pts = Array.from({ length: n }, () => [139.7 + rand() * 0.02, 35.6 + rand() * 0.02]);
  const lines: number[][][] = [];
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 2; k++) {
      const j = randInt(rand, n);
      if (j !== i) lines.push([pts[i], pts[j]]);
    }
  }
  return lines;
}

/** Plain O(V²) Dijkstra from one node: the textbook reference. */
function textbookDijkstra(g: RoadGraph, start: number, closed: Uint8Array | null): Float64Array {
  const dist = new Float64Array(g.nodeCount).fill(Infinity);
  const done = new Uint8Array(g.nodeCount);
  dist[start] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < g.nodeCount; v++) if (!done[v] && dist[v] < Infinity && (u < 0 || dist[v] < dist[u])) u = v;
    if (u < 0) return dist;
    done[u] = 1;
    for (let i = g.offsets[u]; i < g.offsets[u + 1]; i++) {
      if (closed && closed[g.edgeIds[i]]) continue;
      dist[g.targets[i]] = Math.min(dist[g.targets[i]], dist[u] + g.lengthsM[i]);
    }
  }
}

describe('road graph', () => {
  it('merges shared vertices, measures edges in metres, and keeps both directions', () => {
    const a = [139.7, 35.6], b = [139.701, 35.6], c = [139.701, 35.601];
    const g = buildRoadGraph([[a, b], [[139.70100000001, 35.6], c], [c, c]]);
    expect(g.nodeCount).toBe(3);
    expect(g.edgeCount).toBe(2);
    const forest = multiSourceDijkstra(g, [{ node: 0, startM: 0, label: 7 }]);
    expect(forest.distanceM[2]).toBeCloseTo(distanceMetres(a as [number, number], b as [number, number]) + distanceMetres(b as [number, number], c as [number, number]), 6);
    expect(forest.source[2]).toBe(7);
    expect(pathToSource(forest, 2)).toEqual([2, 1, 0]);
  });

  it('multi-source Dijkstra gives every node the distance a per-node search finds', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rand = seededRandom(seed);
      const g = buildRoadGraph(randomLines(rand, 120));
      const closed = seed % 2 === 0 ? Uint8Array.from({ length: g.edgeCount }, () => (rand() < 0.2 ? 1 : 0)) : null;
      const sourceNodes = Array.from({ length: 1 + randInt(rand, 6) }, () => randInt(rand, g.nodeCount));
      const startM = sourceNodes.map(() => (rand() < 0.5 ? 0 : rand() * 200));
      const forest = multiSourceDijkstra(g, sourceNodes.map((node, k) => ({ node, startM: startM[k], label: k })), closed);
      const fromSource = sourceNodes.map((s) => textbookDijkstra(g, s, closed));
      const sourceStart = new Float64Array(g.nodeCount).fill(Infinity);
      sourceNodes.forEach((s, k) => (sourceStart[s] = Math.min(sourceStart[s], startM[k])));
      const single = new SingleSourceNearest(g);
      for (let v = 0; v < g.nodeCount; v++) {
        const expected = Math.min(...fromSource.map((d, k) => d[v] + startM[k]));
        const label = forest.source[v];
        if (expected === Infinity) {
          expect(forest.distanceM[v]).toBe(Infinity);
          expect(label).toBe(-1);
        } else {
          expect(forest.distanceM[v]).toBeCloseTo(expected, 6);
          // The labelled source really is at that distance, and the path leads there over open edges.
          expect(fromSource[label][v] + startM[label]).toBeCloseTo(expected, 6);
          const path = pathToSource(forest, v);
          expect(path[path.length - 1]).toBe(sourceNodes[label]);
        }
        expect(single.nearestSourceDistance(v, sourceStart, closed)).toBeCloseTo(expected === Infinity ? Infinity : expected, 6);
      }
    }
  });

  it('routes follow the roads: summed edge lengths equal the reported distance', () => {
    const rand = seededRandom(99);
    const g = buildRoadGraph(randomLines(rand, 200));
    const forest = multiSourceDijkstra(g, [{ node: 0, startM: 0, label: 0 }, { node: 5, startM: 0, label: 1 }]);
    for (let v = 0; v < g.nodeCount; v++) {
      const route = routeCoordinates(g, forest, v);
      if (forest.source[v] < 0) {
        expect(route).toEqual([]);
        continue;
      }
      let sum = 0;
      for (let k = 1; k < route.length; k++) sum += distanceMetres(route[k - 1], route[k]);
      expect(sum).toBeCloseTo(forest.distanceM[v], 6);
    }
  });

  it('on the real Otemachi walk network, road distance to the nearest of 5 shelters matches per-person search and is never shorter than straight line', () => {
    const fc = JSON.parse(readFileSync('tests/fixtures/roads/osm_walk_network_otemachi_350m.geojson', 'utf8')) as FeatureCollection;
    const g = roadGraphFromGeoJSON(fc);
    expect(g.nodeCount).toBeGreaterThan(1000);
    const rand = seededRandom(4);
    const around = () => [139.7625 + (rand() - 0.5) * 0.006, 35.6855 + (rand() - 0.5) * 0.006];
    const shelters = Array.from({ length: 5 }, around).flat();
    const people = Array.from({ length: 300 }, around).flat();
    const snapper = new NodeSnapper(g);
    const result = nearestByRoad(g, shelters, people, { snapper });
    const shelterSnap = snapper.snapPoints(shelters);
    const sourceStart = new Float64Array(g.nodeCount).fill(Infinity);
    for (let t = 0; t < 5; t++) sourceStart[shelterSnap.node[t]] = Math.min(sourceStart[shelterSnap.node[t]], shelterSnap.snapM[t]);
    const single = new SingleSourceNearest(g);
    let reached = 0;
    for (let i = 0; i < 300; i++) {
      const start = result.node[i];
      const expected = single.nearestSourceDistance(start, sourceStart) + snapper.distanceToNode(people[2 * i], people[2 * i + 1], start);
      if (expected === Infinity) {
        expect(result.target[i]).toBe(-1);
        continue;
      }
      reached++;
      expect(result.routeM[i]).toBeCloseTo(expected, 6);
      const t = result.target[i];
      const straight = distanceMetres([people[2 * i], people[2 * i + 1]], [shelters[2 * t], shelters[2 * t + 1]]);
      expect(result.routeM[i]).toBeGreaterThanOrEqual(straight - 1e-6);
    }
    expect(reached).toBeGreaterThan(250);
  });

  it('closes edges inside an active hazard zone, forcing a detour', () => {
    // A square loop 0-1-2-3-0; a flood zone sits on edge 0-1.
    const p = [[0, 0], [0.01, 0], [0.01, 0.01], [0, 0.01]].map(([x, y]) => [139.7 + x, 35.6 + y]);
    const g = buildRoadGraph([[p[0], p[1], p[2], p[3], p[0]]]);
    const zone = { id: 'z', hazard: 'flood' as const, depthClass: null, name: '', source: '', bbox: [0, 0, 0, 0] as [number, number, number, number],
      geometry: { type: 'Polygon' as const, coordinates: [[[139.704, 35.599], [139.706, 35.599], [139.706, 35.601], [139.704, 35.601], [139.704, 35.599]]] } };
    const closed = edgesInHazardZones(g, new HazardIndex([zone]));
    expect([...closed]).toEqual([1, 0, 0, 0]);
    expect(edgesInHazardZones(g, new HazardIndex([zone]), (z) => z.hazard === 'tsunami').every((x) => x === 0)).toBe(true);
    const open = multiSourceDijkstra(g, [{ node: 0, startM: 0, label: 0 }]);
    const detour = multiSourceDijkstra(g, [{ node: 0, startM: 0, label: 0 }], closed);
    const edge = (a: number, b: number) => distanceMetres(p[a] as [number, number], p[b] as [number, number]);
    expect(open.distanceM[1]).toBeCloseTo(edge(0, 1), 6);
    expect(detour.distanceM[1]).toBeCloseTo(edge(0, 3) + edge(3, 2) + edge(2, 1), 6);
    expect(pathToSource(detour, 1)).toEqual([1, 2, 3, 0]);
  });

  it('leaves everyone unrouted when there are no shelters', () => {
    const g = buildRoadGraph([[[139.7, 35.6], [139.71, 35.6]]]);
    const r = nearestByRoad(g, [], [139.7, 35.6]);
    expect([...r.target]).toEqual([-1]);
    expect(r.routeM[0]).toBe(Infinity);
  });
});
