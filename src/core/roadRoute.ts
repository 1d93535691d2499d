import type { LngLat, Metres } from './geo';
import { MinHeap } from './minHeap';
import { NodeSnapper, type RoadGraph } from './roadGraph';

/** Farthest a home or a shelter may be from its road node, metres (as the evacuation engine snaps). */
export const MAX_ROAD_SNAP_M: Metres = 300;

/** A path through the road graph: node ids from start to end, and its length along the roads in metres. */
export interface RoadPath {
  nodes: number[];
  lengthM: Metres;
}

/**
 * Shortest path between two nodes of the road graph (point-to-point Dijkstra that stops as soon
 * as `to` is settled). `closedEdges[edgeId] = 1` removes an edge. Null when `to` is unreachable.
 */
export function shortestRoadPath(graph: RoadGraph, from: number, to: number, closedEdges: Uint8Array | null = null): RoadPath | null {
  const n = graph.nodeCount;
  if (from < 0 || from >= n || to < 0 || to >= n) return null;
  const distanceM = new Float64Array(n).fill(Infinity);
  const predecessor = new Int32Array(n).fill(-1);
  const heap = new MinHeap(1024);
  const { offsets, targets, lengthsM, edgeIds } = graph;
  distanceM[from] = 0;
  heap.push(0, from);
  while (heap.length > 0) {
    const d = heap.peekKey();
    const u = heap.pop();
    if (d > distanceM[u]) continue; // stale entry
    if (u === to) break;
    for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) {
      if (closedEdges !== null && closedEdges[edgeIds[i]] !== 0) continue;
      const v = targets[i];
      const dv = d + lengthsM[i];
      if (dv < distanceM[v]) {
        distanceM[v] = dv;
        predecessor[v] = u;
        heap.push(dv, v);
      }
    }
  }
  if (distanceM[to] === Infinity) return null;
  const nodes: number[] = [];
  for (let v = to; v !== -1; v = predecessor[v]) nodes.push(v);
  return { nodes: nodes.reverse(), lengthM: distanceM[to] };
}

/** A walking route between two places along the roads. */
export interface RoadRoute {
  /** `[lng, lat]` degree vertices: the start place, the road nodes, the end place (repeated points dropped). */
  line: LngLat[];
  /** Metres: start→node snap + along the roads + node→end snap (the length of `line`). */
  lengthM: Metres;
}

/**
 * The shortest walking route along the roads from `from` to `to` (`[lng, lat]` degrees, e.g. a
 * home and a shelter): both are snapped to their nearest road node within `maxSnapM` metres and
 * the straight snap legs are part of the line and its length, as the evacuation engine counts
 * them. Null when either place has no road node that near or the nodes are not connected.
 */
export function roadRouteBetween(
  graph: RoadGraph,
  from: LngLat,
  to: LngLat,
  options: { snapper?: NodeSnapper; closedEdges?: Uint8Array | null; maxSnapM?: Metres } = {},
): RoadRoute | null {
  const snapper = options.snapper ?? new NodeSnapper(graph);
  const maxSnapM = options.maxSnapM ?? MAX_ROAD_SNAP_M;
  const a = snapper.nearestNode(from[0], from[1], maxSnapM);
  const b = snapper.nearestNode(to[0], to[1], maxSnapM);
  if (a < 0 || b < 0) return null;
  const path = shortestRoadPath(graph, a, b, options.closedEdges ?? null);
  if (!path) return null;
  const via = path.nodes.map((v): LngLat => [graph.nodeCoords[2 * v], graph.nodeCoords[2 * v + 1]]);
  return { line: routeLineThrough(from, via, to), lengthM: snapper.distanceToNode(from[0], from[1], a) + path.lengthM + snapper.distanceToNode(to[0], to[1], b) };
}

/** The line `from` → each of `via` → `to` (`[lng, lat]` degrees), fresh copies, with a point equal to the one before it dropped. */
export function routeLineThrough(from: LngLat, via: readonly LngLat[], to: LngLat): LngLat[] {
  const line: LngLat[] = [];
  for (const p of [from, ...via, to]) {
    const last = line[line.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) line.push([p[0], p[1]]);
  }
  return line;
}
