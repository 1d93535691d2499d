/**
 * The arcs of a bipartite network (left → right, given per left node in CSR form) indexed for the
 * min-cost flow (core/bipartiteMinCostFlow.ts): each arc's left node, each right node's arcs and
 * each left node's arcs, both sorted by distance (ties by arc index).
 */
export interface ArcOrder {
  /** Left node of each arc. */
  arcLeft: Int32Array;
  /** Right node `k`'s arcs are `rArc[rStart[k] … rStart[k + 1] - 1]`, nearest first. */
  rStart: Int32Array;
  rArc: Int32Array;
  /** Left node `i`'s arcs (the range `arcStart[i] …` of the input) by distance, nearest first. */
  lArc: Int32Array;
}

/** Indexes the `L` left nodes' arcs (`arcStart`, `arcRight`, `arcDist`) over `R` right nodes. */
export function orderArcs(L: number, R: number, arcStart: Int32Array, arcRight: Int32Array, arcDist: Float64Array): ArcOrder {
  const arcCount = arcStart[L];
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
  const fill = rStart.slice(0, R);
  for (let a = 0; a < arcCount; a++) rArc[fill[arcRight[a]]++] = a;
  for (let k = 0; k < R; k++) sortByKey(rArc, rStart[k], rStart[k + 1], arcDist);
  const lArc = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) lArc[a] = a;
  for (let i = 0; i < L; i++) sortByKey(lArc, arcStart[i], arcStart[i + 1], arcDist);
  return { arcLeft, rStart, rArc, lArc };
}

/** Sorts `ids[from…to)` by `key[id]` ascending, ties by id (quicksort + insertion sort, no comparator calls). */
export function sortByKey(ids: Int32Array, from: number, to: number, key: Float64Array): void {
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
