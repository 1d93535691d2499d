import { MinHeap } from './minHeap';

/**
 * One round of supporter matching as a bipartite min-cost flow: source → each person (capacity 1)
 * → candidate supporters (capacity 1, cost = distance ≥ 0) → sink (capacity = the supporter's free
 * slots). Arcs are given per person in CSR form.
 */
export interface MatchingRoundProblem {
  personCount: number;
  supporterCount: number;
  /** Person `i`'s arcs are `arcStart[i] … arcStart[i + 1] - 1`. */
  arcStart: Int32Array;
  arcSupporter: Int32Array;
  arcDist: Float64Array;
  /** Free slots per supporter (0 = unusable this round). */
  slots: Int32Array;
}

/**
 * Solves a round exactly: the largest number of people matched and, among those matchings, the
 * least total distance (the same optimum as a general min-cost max-flow on the network above).
 * Returns, per person, the index of the arc used, or -1.
 *
 * The search runs from whichever side is scarce: from the people when supporters' slots are
 * plentiful, from the supporters' free slots (on the reversed network, same optimum) when they
 * are fewer than the people — so late augmentations start next to the few free slots instead of
 * flooding a saturated city to find one.
 */
export function solveMatchingRound(problem: MatchingRoundProblem): Int32Array {
  const { personCount: P, supporterCount: S, arcStart, arcSupporter, arcDist, slots } = problem;
  const arcCount = arcStart[P];
  const result = new Int32Array(P).fill(-1);
  if (P === 0 || S === 0 || arcCount === 0) return result;
  let totalSlots = 0;
  for (let k = 0; k < S; k++) totalSlots += slots[k];
  if (totalSlots >= P) {
    const flow = bipartiteMinCostFlow(P, S, arcStart, arcSupporter, arcDist, new Int32Array(P).fill(1), slots);
    for (let i = 0; i < P; i++) for (let a = arcStart[i]; a < arcStart[i + 1]; a++) if (flow[a]) result[i] = a;
    return result;
  }
  // Reversed: supporters on the left (capacity = slots), people on the right (capacity 1).
  const revStart = new Int32Array(S + 1);
  for (let a = 0; a < arcCount; a++) revStart[arcSupporter[a] + 1]++;
  for (let k = 0; k < S; k++) revStart[k + 1] += revStart[k];
  const revOf = new Int32Array(arcCount); // reversed arc → original arc
  const revRight = new Int32Array(arcCount);
  const revDist = new Float64Array(arcCount);
  const fill = revStart.slice(0, S);
  for (let i = 0; i < P; i++) {
    for (let a = arcStart[i]; a < arcStart[i + 1]; a++) {
      const r = fill[arcSupporter[a]]++;
      revOf[r] = a;
      revRight[r] = i;
      revDist[r] = arcDist[a];
    }
  }
  const flow = bipartiteMinCostFlow(S, P, revStart, revRight, revDist, slots, new Int32Array(P).fill(1));
  for (let r = 0; r < arcCount; r++) if (flow[r]) result[revRight[r]] = revOf[r];
  return result;
}

/**
 * Min-cost max-flow on source → left (capacity `capL`) → right via unit arcs (cost ≥ 0) → sink
 * (capacity `capR`). Returns the flow (0/1) per arc.
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
 */
export function bipartiteMinCostFlow(
  L: number, R: number, arcStart: Int32Array, arcRight: Int32Array, arcDist: Float64Array, capL: Int32Array, capR: Int32Array,
): Uint8Array {
  const arcCount = arcStart[L];
  const flow = new Uint8Array(arcCount);
  const usedL = new Int32Array(L), usedR = new Int32Array(R);

  const arcLeft = new Int32Array(arcCount);
  const rStart = new Int32Array(R + 1);
  for (let i = 0; i < L; i++) {
    for (let a = arcStart[i]; a < arcStart[i + 1]; a++) {
      arcLeft[a] = i;
      rStart[arcRight[a] + 1]++;
    }
  }
  for (let k = 0; k < R; k++) rStart[k + 1] += rStart[k];
  const rArc = new Int32Array(arcCount);
  {
    const fill = rStart.slice(0, R);
    for (let a = 0; a < arcCount; a++) rArc[fill[arcRight[a]]++] = a;
    for (let k = 0; k < R; k++) sortByKey(rArc, rStart[k], rStart[k + 1], arcDist);
  }
  // Each left node's arcs by distance too, with a pointer to the nearest right node with spare
  // capacity (right nodes only ever fill up, so it only moves forward).
  const lArc = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) lArc[a] = a;
  {
    for (let i = 0; i < L; i++) sortByKey(lArc, arcStart[i], arcStart[i + 1], arcDist);
  }
  const sparePtr = arcStart.slice(0, L);

  // Nodes: right 0…R-1, left R…R+L-1, sink R+L.
  const N = R + L + 1;
  const sink = R + L;
  const base = new Float64Array(N);
  let offset = 0;
  const dist = new Float64Array(N).fill(Infinity);
  const settled = new Uint8Array(N);
  const predArc = new Int32Array(N).fill(-1); // right: arc it was reached by; left: its flowing arc used backwards; sink: right node, or -2 - arc
  const touched: number[] = [];
  const settledList: number[] = [];
  const work = new MinHeap(1024);

  // Flowing arcs into each right node (doubly linked over arcs).
  const head = new Int32Array(R).fill(-1);
  const next = new Int32Array(arcCount).fill(-1);
  const prev = new Int32Array(arcCount).fill(-1);
  const link = (k: number, a: number) => {
    next[a] = head[k];
    prev[a] = -1;
    if (head[k] !== -1) prev[head[k]] = a;
    head[k] = a;
  };
  const unlink = (k: number, a: number) => {
    if (prev[a] !== -1) next[prev[a]] = next[a];
    else head[k] = next[a];
    if (next[a] !== -1) prev[next[a]] = prev[a];
  };

  const seedPtr = rStart.slice(0, R);
  const seedKey = new Float64Array(R).fill(Infinity); // reduced distance + offset
  const seedTaken = new Uint8Array(R);
  const mark = new Uint8Array(R);
  const seeds = new MinHeap(Math.max(16, R));
  const taken: number[] = [];
  const refresh: number[] = [];
  const refreshSeed = (k: number) => {
    let ptr = seedPtr[k];
    const end = rStart[k + 1];
    while (ptr < end) {
      const a = rArc[ptr];
      if (!flow[a] && usedL[arcLeft[a]] < capL[arcLeft[a]]) break;
      ptr++;
    }
    seedPtr[k] = ptr;
    if (ptr === end) {
      seedKey[k] = Infinity;
      return;
    }
    const key = arcDist[rArc[ptr]] - base[k];
    seedKey[k] = key;
    seeds.push(key, k);
  };
  for (let k = 0; k < R; k++) refreshSeed(k);

  const touch = (v: number, d: number) => {
    if (dist[v] === Infinity) touched.push(v);
    dist[v] = d;
  };

  for (;;) {
    // ── Dijkstra from the source, stopping when the sink is settled ──
    let found = false;
    for (;;) {
      while (seeds.length > 0) {
        const k = seeds.peekValue();
        if (seeds.peekKey() === seedKey[k] && !seedTaken[k]) break;
        seeds.pop();
      }
      const seedD = seeds.length > 0 ? seeds.peekKey() - offset : Infinity;
      const workD = work.length > 0 ? work.peekKey() : Infinity;
      if (seedD === Infinity && workD === Infinity) break;
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
      if (u === sink) {
        found = true;
        break;
      }
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

    if (found) {
      // ── Potentials: settled nodes move by their distance, everyone else by the sink's ──
      const dSink = dist[sink];
      for (const v of settledList) if (v !== sink) base[v] += dist[v] - dSink;
      offset += dSink;

      // ── Augment one unit along the path ──
      const last = predArc[sink];
      let k = last >= 0 ? last : arcRight[-2 - last];
      usedR[k]++;
      for (let first = true; ; first = false) {
        const a = first && last < 0 ? -2 - last : predArc[k];
        const i = arcLeft[a];
        flow[a] = 1;
        link(k, a);
        if (usedL[i] < capL[i]) {
          if (++usedL[i] === capL[i]) {
            base[R + i] = -offset; // potential 0 when it fills up
            for (let b = arcStart[i]; b < arcStart[i + 1]; b++) {
              const k2 = arcRight[b];
              if (rArc[seedPtr[k2]] === b) refresh.push(k2);
            }
          }
          break;
        }
        const b = predArc[R + i];
        const k2 = arcRight[b];
        flow[b] = 0;
        unlink(k2, b);
        k = k2;
      }
    }

    // ── Reset scratch; re-key seeds whose potential or nearest usable arc changed ──
    for (const v of touched) {
      dist[v] = Infinity;
      settled[v] = 0;
    }
    if (!found) break;
    for (const v of settledList) if (v < R) refresh.push(v);
    for (const k2 of taken) {
      seedTaken[k2] = 0;
      refresh.push(k2);
    }
    touched.length = 0;
    settledList.length = 0;
    taken.length = 0;
    work.clear();
    for (const k2 of refresh) {
      if (mark[k2]) continue;
      mark[k2] = 1;
      refreshSeed(k2);
    }
    for (const k2 of refresh) mark[k2] = 0;
    refresh.length = 0;
    if (seeds.length > 4 * R + 4096) {
      seeds.clear();
      for (let k2 = 0; k2 < R; k2++) if (seedKey[k2] !== Infinity) seeds.push(seedKey[k2], k2);
    }
  }
  return flow;
}

/** Sorts `ids[from…to)` by `key[id]` ascending, ties by id (quicksort + insertion sort, no comparator calls). */
function sortByKey(ids: Int32Array, from: number, to: number, key: Float64Array): void {
  while (to - from > 24) {
    // Median of three as pivot.
    const x = ids[from], y = ids[(from + to) >> 1], z = ids[to - 1];
    const kx = key[x], ky = key[y], kz = key[z];
    let pivot: number;
    if (kx < ky || (kx === ky && x < y)) {
      if (ky < kz || (ky === kz && y < z)) pivot = y;
      else pivot = kx < kz || (kx === kz && x < z) ? z : x;
    } else if (kx < kz || (kx === kz && x < z)) pivot = x;
    else pivot = ky < kz || (ky === kz && y < z) ? z : y;
    const kp = key[pivot];
    let i = from, j = to - 1;
    while (i <= j) {
      for (;;) {
        const v = ids[i], kv = key[v];
        if (kv < kp || (kv === kp && v < pivot)) i++;
        else break;
      }
      for (;;) {
        const v = ids[j], kv = key[v];
        if (kp < kv || (kp === kv && pivot < v)) j--;
        else break;
      }
      if (i <= j) {
        const t = ids[i];
        ids[i++] = ids[j];
        ids[j--] = t;
      }
    }
    // Recurse into the smaller part, loop on the larger.
    if (j - from < to - i) {
      sortByKey(ids, from, j + 1, key);
      from = i;
    } else {
      sortByKey(ids, i, to, key);
      to = j + 1;
    }
  }
  for (let i = from + 1; i < to; i++) {
    const v = ids[i], kv = key[v];
    let j = i - 1;
    while (j >= from) {
      const w = ids[j], kw = key[w];
      if (kv < kw || (kv === kw && v < w)) {
        ids[j + 1] = w;
        j--;
      } else break;
    }
    ids[j + 1] = v;
  }
}
