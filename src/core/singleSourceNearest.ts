import type { Metres } from './geo';
import { MinHeap } from './minHeap';
import type { RoadGraph } from './roadGraph';

/**
 * One shortest-path search per query: from `start`, the road distance in metres to the nearest
 * node that has a source, counting that source's start offset (`sourceStartM[node]`, Infinity for
 * non-source nodes). Stops as soon as no closer source can exist. This is the per-person method
 * that `multiSourceDijkstra` replaces; it is kept as the reference in tests and the benchmark
 * baseline, and for one-off queries (one person moved). Reuses its arrays between calls.
 */
export class SingleSourceNearest {
  private readonly graph: RoadGraph;
  private readonly distanceM: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap = new MinHeap(4096);

  constructor(graph: RoadGraph) {
    this.graph = graph;
    this.distanceM = new Float64Array(graph.nodeCount).fill(Infinity);
    this.touched = new Int32Array(graph.nodeCount);
  }

  /** Road metres from `start` to the nearest source (Infinity if none is reachable); `closedEdges[edgeId] = 1` removes an edge. */
  nearestSourceDistance(start: number, sourceStartM: Float64Array, closedEdges: Uint8Array | null = null): Metres {
    const { offsets, targets, lengthsM, edgeIds } = this.graph;
    const dist = this.distanceM;
    const heap = this.heap;
    heap.clear();
    let best = Infinity;
    dist[start] = 0;
    this.touched[this.touchedCount++] = start;
    heap.push(0, start);
    while (heap.length > 0) {
      const d = heap.peekKey();
      if (d >= best) break;
      const u = heap.pop();
      if (d > dist[u]) continue;
      const viaSource = d + sourceStartM[u];
      if (viaSource < best) best = viaSource;
      for (let i = offsets[u], end = offsets[u + 1]; i < end; i++) {
        if (closedEdges !== null && closedEdges[edgeIds[i]] !== 0) continue;
        const v = targets[i];
        const dv = d + lengthsM[i];
        if (dv < dist[v]) {
          if (dist[v] === Infinity) this.touched[this.touchedCount++] = v;
          dist[v] = dv;
          heap.push(dv, v);
        }
      }
    }
    for (let k = 0; k < this.touchedCount; k++) dist[this.touched[k]] = Infinity;
    this.touchedCount = 0;
    return best;
  }
}
