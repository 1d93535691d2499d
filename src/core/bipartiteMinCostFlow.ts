import { orderArcs, type ArcOrder } from './arcOrder';
import { MinHeap } from './minHeap';

/**
 * Min-cost max-flow on source → left (capacity `capL`) → right via unit arcs (cost ≥ 0) → sink
 * (capacity `capR`). Arcs are given per left node in CSR form (`arcStart`, `arcRight`, `arcDist`).
 * Returns the flow (0/1) per arc. One side's capacities must all be 1, as in a matching round
 * (core/matchingRoundFlow.ts: people on either side): with capacities above 1 on both sides the
 * search is not guaranteed to end.
 *
 * Successive shortest paths with Johnson potentials, specialised so one augmentation costs about
 * the size of the region it changes rather than the whole graph:
 *
 * - Left nodes with spare capacity are never put in the heap. They all sit at reduced distance 0
 *   from the source (their potential stays 0: source arcs only ever gain flow), so the search is
 *   seeded by right nodes instead, at `distance of their nearest arc from a non-full left node −
 *   potential`. Those seeds live in one persistent lazy heap, re-keyed only for right nodes whose
 *   potential or nearest usable arc changed (arcs sorted by distance per right node, with a
 *   pointer that only moves forward).
 * - Dijkstra stops as soon as the sink is settled; potentials of unsettled nodes all move by the
 *   sink's distance, kept as one global offset (`π(v) = base[v] + offset`), so nothing is O(V)
 *   per augmentation. Scratch arrays are allocated once and reset through a touched list.
 *
 * Each augmentation runs the phases of `FlowSearch` in turn: `shortestPath`, `movePotentials`,
 * `augment`, then `clearSearch` and `refreshSeeds` for the next one.
 */
export function bipartiteMinCostFlow(
  L: number, R: number, arcStart: Int32Array, arcRight: Int32Array, arcDist: Float64Array, capL: Int32Array, capR: Int32Array,
): Uint8Array {
  const search = new FlowSearch(L, R, arcStart, arcRight, arcDist, capL, capR);
  for (;;) {
    const found = search.shortestPath();
    if (found) {
      search.movePotentials();
      search.augment();
    }
    search.clearSearch();
    if (!found) return search.flow;
    search.refreshSeeds();
  }
}

/** The residual network, potentials and search scratch of `bipartiteMinCostFlow`. Nodes: right 0…R-1, left R…R+L-1, sink R+L. */
class FlowSearch {
  /** Flow (0/1) per arc. */
  readonly flow: Uint8Array;
  private readonly usedL: Int32Array;
  private readonly usedR: Int32Array;
  private readonly order: ArcOrder;
  /**
   * Per left node: position in `order.lArc` of its nearest arc to a right node with spare capacity
   * (right nodes only ever fill up, so it only moves forward).
   */
  private readonly sparePtr: Int32Array;
  private readonly sink: number;
  /** Potentials `π(v) = base[v] + offset`. */
  private readonly base: Float64Array;
  private offset = 0;

  // Dijkstra scratch, reset through `touched`.
  private readonly dist: Float64Array;
  private readonly settled: Uint8Array;
  /** Right: arc it was reached by; left: its flowing arc used backwards; sink: right node, or -2 - arc. */
  private readonly predArc: Int32Array;
  private readonly touched: number[] = [];
  private readonly settledList: number[] = [];
  private readonly work = new MinHeap(1024);

  // Flowing arcs into each right node (doubly linked over arcs).
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;

  // Seeds: per right node, its nearest arc from a non-full left node (`seedPtr` into `order.rArc`) and its key.
  private readonly seedPtr: Int32Array;
  /** Reduced distance + offset. */
  private readonly seedKey: Float64Array;
  private readonly seedTaken: Uint8Array;
  private readonly mark: Uint8Array;
  private readonly seeds: MinHeap;
  private readonly taken: number[] = [];
  private readonly refresh: number[] = [];

  constructor(
    L: number, private readonly R: number, private readonly arcStart: Int32Array, private readonly arcRight: Int32Array,
    private readonly arcDist: Float64Array, private readonly capL: Int32Array, private readonly capR: Int32Array,
  ) {
    const arcCount = arcStart[L];
    this.flow = new Uint8Array(arcCount);
    this.usedL = new Int32Array(L);
    this.usedR = new Int32Array(R);
    this.order = orderArcs(L, R, arcStart, arcRight, arcDist);
    this.sparePtr = arcStart.slice(0, L);
    const N = R + L + 1;
    this.sink = R + L;
    this.base = new Float64Array(N);
    this.dist = new Float64Array(N).fill(Infinity);
    this.settled = new Uint8Array(N);
    this.predArc = new Int32Array(N).fill(-1);
    this.head = new Int32Array(R).fill(-1);
    this.next = new Int32Array(arcCount).fill(-1);
    this.prev = new Int32Array(arcCount).fill(-1);
    this.seedPtr = this.order.rStart.slice(0, R);
    this.seedKey = new Float64Array(R).fill(Infinity);
    this.seedTaken = new Uint8Array(R);
    this.mark = new Uint8Array(R);
    this.seeds = new MinHeap(Math.max(16, R));
    for (let k = 0; k < R; k++) this.refreshSeed(k);
  }

  /** Dijkstra from the source on reduced costs, stopping when the sink is settled; false when it cannot be reached. */
  shortestPath(): boolean {
    const { R, sink, base, dist, settled, predArc, touched, settledList, work, seeds, seedKey, seedTaken, seedPtr, taken, offset } = this;
    const { usedL, usedR, capL, capR, flow, head, next, arcStart, arcRight, arcDist, sparePtr } = this;
    const { arcLeft, rArc, lArc } = this.order;
    const touch = (v: number, d: number) => {
      if (dist[v] === Infinity) touched.push(v);
      dist[v] = d;
    };
    for (;;) {
      while (seeds.length > 0) {
        const k = seeds.peekValue();
        if (seeds.peekKey() === seedKey[k] && !seedTaken[k]) break;
        seeds.pop();
      }
      const seedD = seeds.length > 0 ? seeds.peekKey() - offset : Infinity;
      const workD = work.length > 0 ? work.peekKey() : Infinity;
      if (seedD === Infinity && workD === Infinity) return false;
      if (seedD <= workD) {
        const k = seeds.pop();
        seedTaken[k] = 1;
        taken.push(k);
        const d = Math.max(0, seedD);
        if (!settled[k] && d < dist[k]) {
          touch(k, d);
          predArc[k] = rArc[seedPtr[k]];
          work.push(d, k);
        }
        continue;
      }
      const u = work.pop();
      if (settled[u] || workD > dist[u]) continue;
      settled[u] = 1;
      settledList.push(u);
      if (u === sink) return true;
      const bu = base[u];
      if (u < R) {
        if (usedR[u] < capR[u] && !settled[sink]) {
          const nd = Math.max(workD, workD + bu - base[sink]);
          if (nd < dist[sink]) {
            touch(sink, nd);
            predArc[sink] = u;
            work.push(nd, sink);
          }
        }
        for (let a = head[u]; a !== -1; a = next[a]) {
          const i = arcLeft[a];
          if (usedL[i] < capL[i]) continue; // at distance 0 already, never settled through here
          const v = R + i;
          if (settled[v]) continue;
          const nd = Math.max(workD, workD - arcDist[a] + bu - base[v]);
          if (nd < dist[v]) {
            touch(v, nd);
            predArc[v] = a;
            work.push(nd, v);
          }
        }
      } else {
        // Left node: right nodes with spare capacity have the sink's potential (π ≤ π(sink) for
        // every node), so the nearest one is the only one worth trying, and any arc at least as
        // long cannot beat it: relax arcs in distance order up to there, and stop once even a
        // zero potential gap could not beat the sink's tentative distance.
        const i = u - R;
        const end = arcStart[i + 1];
        let sp = sparePtr[i];
        while (sp < end && usedR[arcRight[lArc[sp]]] >= capR[arcRight[lArc[sp]]]) sp++;
        sparePtr[i] = sp;
        const bound = workD + bu - base[sink];
        if (sp < end && !settled[sink]) {
          const a = lArc[sp];
          const nd = Math.max(workD, bound + arcDist[a]);
          if (nd < dist[sink]) {
            touch(sink, nd);
            predArc[sink] = -2 - a; // straight from this arc's right node
            work.push(nd, sink);
          }
        }
        for (let q = arcStart[i]; q < sp; q++) {
          const a = lArc[q];
          if (bound + arcDist[a] >= dist[sink]) break;
          if (flow[a]) continue;
          const k = arcRight[a];
          if (settled[k]) continue;
          const nd = Math.max(workD, workD + arcDist[a] + bu - base[k]);
          if (nd < dist[k]) {
            touch(k, nd);
            predArc[k] = a;
            work.push(nd, k);
          }
        }
      }
    }
  }

  /** After a path is found: settled nodes move by their distance, everyone else by the sink's (the offset). */
  movePotentials(): void {
    const { dist, base, sink } = this;
    const dSink = dist[sink];
    for (const v of this.settledList) if (v !== sink) base[v] += dist[v] - dSink;
    this.offset += dSink;
  }

  /** Pushes one unit along the path found, back from the sink; a left node that fills up re-keys the seeds that used it. */
  augment(): void {
    const { R, flow, usedL, usedR, capL, predArc, arcStart, arcRight, refresh, seedPtr } = this;
    const { arcLeft, rArc } = this.order;
    const last = predArc[this.sink];
    let k = last >= 0 ? last : arcRight[-2 - last];
    usedR[k]++;
    for (let first = true; ; first = false) {
      const a = first && last < 0 ? -2 - last : predArc[k];
      const i = arcLeft[a];
      flow[a] = 1;
      this.link(k, a);
      if (usedL[i] < capL[i]) {
        if (++usedL[i] === capL[i]) {
          this.base[R + i] = -this.offset; // potential 0 when it fills up
          for (let b = arcStart[i]; b < arcStart[i + 1]; b++) {
            const k2 = arcRight[b];
            if (rArc[seedPtr[k2]] === b) refresh.push(k2);
          }
        }
        return;
      }
      const b = predArc[R + i];
      const k2 = arcRight[b];
      flow[b] = 0;
      this.unlink(k2, b);
      k = k2;
    }
  }

  /** Resets the distances and marks the search touched. */
  clearSearch(): void {
    const { dist, settled } = this;
    for (const v of this.touched) {
      dist[v] = Infinity;
      settled[v] = 0;
    }
  }

  /** Re-keys the seeds whose potential or nearest usable arc changed; empties the scratch lists for the next search. */
  refreshSeeds(): void {
    const { R, refresh, mark, seeds, seedKey } = this;
    for (const v of this.settledList) if (v < R) refresh.push(v);
    for (const k of this.taken) {
      this.seedTaken[k] = 0;
      refresh.push(k);
    }
    this.touched.length = 0;
    this.settledList.length = 0;
    this.taken.length = 0;
    this.work.clear();
    for (const k of refresh) {
      if (mark[k]) continue;
      mark[k] = 1;
      this.refreshSeed(k);
    }
    for (const k of refresh) mark[k] = 0;
    refresh.length = 0;
    if (seeds.length > 4 * R + 4096) {
      seeds.clear();
      for (let k = 0; k < R; k++) if (seedKey[k] !== Infinity) seeds.push(seedKey[k], k);
    }
  }

  /** Moves right node `k`'s seed to its nearest arc from a non-full left node (without flow) and pushes its key. */
  private refreshSeed(k: number): void {
    const { flow, usedL, capL } = this;
    const { arcLeft, rArc, rStart } = this.order;
    let ptr = this.seedPtr[k];
    const end = rStart[k + 1];
    while (ptr < end) {
      const a = rArc[ptr];
      if (!flow[a] && usedL[arcLeft[a]] < capL[arcLeft[a]]) break;
      ptr++;
    }
    this.seedPtr[k] = ptr;
    if (ptr === end) {
      this.seedKey[k] = Infinity;
      return;
    }
    const key = this.arcDist[rArc[ptr]] - this.base[k];
    this.seedKey[k] = key;
    this.seeds.push(key, k);
  }

  private link(k: number, a: number): void {
    const { head, next, prev } = this;
    next[a] = head[k];
    prev[a] = -1;
    if (head[k] !== -1) prev[head[k]] = a;
    head[k] = a;
  }

  private unlink(k: number, a: number): void {
    const { head, next, prev } = this;
    if (prev[a] !== -1) next[prev[a]] = next[a];
    else head[k] = next[a];
    if (next[a] !== -1) prev[next[a]] = prev[a];
  }
}
