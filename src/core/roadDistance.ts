import type { Metres } from './geo';
import { multiSourceDijkstra, type DijkstraSource, type ShortestPathForest } from './multiSourceDijkstra';
import { NodeSnapper, type RoadGraph } from './roadGraph';

/** Per query point: nearest target by road, the road distance in metres, and the snapped node. */
export interface RoadNearest {
  /** Index of the nearest target (in the `targets` points), -1 when unreachable or not snapped. */
  target: Int32Array;
  /** Metres: point→node snap + along the roads + node→target snap. Infinity when unreachable. */
  routeM: Float64Array;
  /** Node each point snapped to (-1 when none); follow `forest` from it for the route. */
  node: Int32Array;
  forest: ShortestPathForest;
}

/**
 * Nearest target (e.g. every suitable shelter) by walking distance for every query point (e.g.
 * every person), with ONE multi-source Dijkstra from all targets. Points are
 * `[lng0, lat0, lng1, lat1, …]` degrees. Points and targets are snapped to their nearest node
 * (within `maxSnapM` metres) and the straight snap distances are added to the road distance.
 * `pointSnap`, when given, is `snapper.snapPoints(points, maxSnapM)` computed earlier (it does not
 * depend on the targets, so a caller re-running with other targets can keep it).
 */
export function nearestByRoad(
  graph: RoadGraph,
  targets: ArrayLike<number>,
  points: ArrayLike<number>,
  options: { snapper?: NodeSnapper; closedEdges?: Uint8Array | null; maxSnapM?: Metres; pointSnap?: { node: Int32Array; snapM: Float64Array } } = {},
): RoadNearest {
  const snapper = options.snapper ?? new NodeSnapper(graph);
  const maxSnapM = options.maxSnapM ?? Infinity;
  const targetSnap = snapper.snapPoints(targets, maxSnapM);
  const sources: DijkstraSource[] = [];
  for (let t = 0; t < targetSnap.node.length; t++) {
    if (targetSnap.node[t] >= 0) sources.push({ node: targetSnap.node[t], startM: targetSnap.snapM[t], label: t });
  }
  const forest = multiSourceDijkstra(graph, sources, options.closedEdges ?? null);
  const { node, snapM } = options.pointSnap ?? snapper.snapPoints(points, maxSnapM);
  const n = node.length;
  const target = new Int32Array(n).fill(-1);
  const routeM = new Float64Array(n).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const v = node[i];
    if (v < 0 || forest.source[v] < 0) continue;
    target[i] = forest.source[v];
    routeM[i] = snapM[i] + forest.distanceM[v];
  }
  return { target, routeM, node, forest };
}
