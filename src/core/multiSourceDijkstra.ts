import type { LngLat, Metres } from './geo';
import { MinHeap } from './minHeap';
import type { RoadGraph } from './roadGraph';

/**
 * Every node's nearest source along the roads: distance in metres, which source (its label), and
 * the predecessor node toward that source (-1 at a source and at unreachable nodes).
 */
export interface ShortestPathForest {
  distanceM: Float64Array;
  source: Int32Array;
  predecessor: Int32Array;
}

/** A starting point: graph node, metres already travelled to reach it (e.g. shelter→node snap), and a label (e.g. shelter position). */
export interface DijkstraSource {
  node: number;
  startM: Metres;
  label: number;
}

/**
 * ONE Dijkstra from all sources at once (a virtual super-source), giving every node its nearest
 * source by road distance in metres. `closedEdges[edgeId] = 1` removes an edge (e.g. inside an
 * active hazard zone). Nodes farther than `maxDistanceM` stay unreached (Infinity, source -1).
 * On exact distance ties either source may win (the distance is the same).
 */
export function multiSourceDijkstra(
  graph: RoadGraph,
  sources: readonly DijkstraSource[],
  closedEdges: Uint8Array | null = null,
  maxDistanceM: Metres = Infinity,
): ShortestPathForest {
  const n = graph.nodeCount;
  const distanceM = new Float64Array(n).fill(Infinity);
  const source = new Int32Array(n).fill(-1);
  const predecessor = new Int32Array(n).fill(-1);
  const heap = new MinHeap(Math.min(graph.targets.length + sources.length, 1 << 20));
  for (const s of sources) {
    if (s.node < 0 || s.node >= n || !(s.startM < distanceM[s.node]) || s.startM > maxDistanceM) continue;
    distanceM[s.node] = s.startM;
    source[s.node] = s.label;
    heap.push(s.startM, s.node);
  }
  const { offsets, targets, lengthsM, edgeIds } = graph;
  while (heap.length > 0) {
    const d = heap.peekKey();
    const u = heap.pop();
    if (d > distanceM[u]) continue; // stale entry
    const label = source[u];
    for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) {
      if (closedEdges !== null && closedEdges[edgeIds[i]] !== 0) continue;
      const v = targets[i];
      const dv = d + lengthsM[i];
      if (dv < distanceM[v] && dv <= maxDistanceM) {
        distanceM[v] = dv;
        source[v] = label;
        predecessor[v] = u;
        heap.push(dv, v);
      }
    }
  }
  return { distanceM, source, predecessor };
}

/** Nodes from `node` to its nearest source along the forest (first = `node`, last = the source's node); empty when unreached. */
export function pathToSource(forest: ShortestPathForest, node: number): number[] {
  if (node < 0 || forest.source[node] < 0) return [];
  const path: number[] = [];
  for (let v = node; v !== -1; v = forest.predecessor[v]) path.push(v);
  return path;
}

/** The route from `node` to its nearest source as `[lng, lat]` degree vertices; empty when unreached. */
export function routeCoordinates(graph: RoadGraph, forest: ShortestPathForest, node: number): LngLat[] {
  return pathToSource(forest, node).map((v) => [graph.nodeCoords[2 * v], graph.nodeCoords[2 * v + 1]]);
}
