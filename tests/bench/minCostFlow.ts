import { MinHeap } from '../../src/core/minHeap';

/**
 * A general min-cost flow network (integer capacities, real costs ≥ 0 on added arcs), solved by
 * successive shortest paths with Johnson potentials and a binary-heap Dijkstra, one full Dijkstra
 * per augmentation. A baseline and test oracle only (the original supporter matching,
 * legacySupporterMatching.ts; the capacitated assignment's test): the app's solvers are
 * core/bipartiteMinCostFlow.ts and core/capacitatedAssignment.ts.
 */
export class MinCostFlow {
  readonly nodeCount: number;
  private head: Int32Array;
  private nextArc: number[] = [];
  private to: number[] = [];
  private cap: number[] = [];
  private cost: number[] = [];

  constructor(nodeCount: number) {
    this.nodeCount = nodeCount;
    this.head = new Int32Array(nodeCount).fill(-1);
  }

  /** Adds an arc u→v with capacity and cost (≥ 0); returns its id, for `flowOn`. */
  addArc(u: number, v: number, capacity: number, cost: number): number {
    const id = this.to.length;
    this.pushArc(u, v, capacity, cost);
    this.pushArc(v, u, 0, -cost);
    return id;
  }

  /** Flow currently on arc `id` (as returned by `addArc`). */
  flowOn(id: number): number {
    return this.cap[id + 1];
  }

  /**
   * Sends as much flow as possible (up to `maxFlow`) from `source` to `sink` at minimum total
   * cost among all flows of that size. Returns the flow and its cost.
   */
  solve(source: number, sink: number, maxFlow = Infinity): { flow: number; cost: number } {
    const n = this.nodeCount;
    const potential = new Float64Array(n);
    const dist = new Float64Array(n);
    const prevArc = new Int32Array(n);
    const heap = new MinHeap(64);
    let flow = 0, totalCost = 0;
    while (flow < maxFlow) {
      dist.fill(Infinity);
      prevArc.fill(-1);
      dist[source] = 0;
      heap.clear();
      heap.push(0, source);
      while (heap.length > 0) {
        const d = heap.peekKey();
        const u = heap.pop();
        if (d > dist[u]) continue;
        for (let a = this.head[u]; a !== -1; a = this.nextArc[a]) {
          if (this.cap[a] <= 0) continue;
          const v = this.to[a];
          const nd = d + this.cost[a] + potential[u] - potential[v];
          if (nd < dist[v] - 1e-12) {
            dist[v] = nd;
            prevArc[v] = a;
            heap.push(nd, v);
          }
        }
      }
      if (dist[sink] === Infinity) break;
      const dSink = dist[sink];
      for (let v = 0; v < n; v++) potential[v] += Math.min(dist[v], dSink);
      let push = maxFlow - flow;
      for (let v = sink; v !== source; v = this.to[prevArc[v] ^ 1]) push = Math.min(push, this.cap[prevArc[v]]);
      for (let v = sink; v !== source; v = this.to[prevArc[v] ^ 1]) {
        const a = prevArc[v];
        this.cap[a] -= push;
        this.cap[a ^ 1] += push;
        totalCost += push * this.cost[a];
      }
      flow += push;
    }
    return { flow, cost: totalCost };
  }

  private pushArc(u: number, v: number, capacity: number, cost: number): void {
    this.to.push(v);
    this.cap.push(capacity);
    this.cost.push(cost);
    this.nextArc.push(this.head[u]);
    this.head[u] = this.to.length - 1;
  }
}
