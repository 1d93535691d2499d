/**
 * The connected components of supporter matching's candidate graph (people and supporters, an
 * edge per pair within the radius): no pair crosses two components, so each is matched on its own
 * (core/supporterMatching.ts). Union-find over people 0…P-1 and supporters P…P+S-1.
 */

/** The candidate supporters of a person: `findFor(i)` fills `ids` and returns how many. */
export interface CandidateSource {
  findFor(person: number): number;
  readonly ids: Int32Array;
}

/** People with at least one candidate, grouped by component. */
export interface CandidateComponents {
  count: number;
  /** Component `c`'s people are `members[start[c] … start[c + 1] - 1]`, in index order. */
  start: Int32Array;
  members: Int32Array;
  /** Candidate pairs per component. */
  pairs: number[];
}

/**
 * The components of the candidate graph of `personCount` people over `supporterCount` supporters,
 * numbered in the order of their first person. `decompose: false` puts everyone with a candidate
 * in one component (the whole instance as one problem, for tests).
 */
export function candidateComponents(personCount: number, supporterCount: number, candidates: CandidateSource, decompose: boolean): CandidateComponents {
  const P = personCount;
  const parent = new Int32Array(P + supporterCount);
  for (let v = 0; v < parent.length; v++) parent[v] = v;
  const root = (v: number) => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  const pairs = new Float64Array(P); // candidate pairs per person
  let anchor = -1;
  for (let i = 0; i < P; i++) {
    const n = supporterCount === 0 ? 0 : candidates.findFor(i);
    pairs[i] = n;
    if (n === 0) continue;
    if (!decompose) {
      if (anchor === -1) anchor = i;
      parent[i] = anchor;
      continue;
    }
    let ri = root(i);
    const ids = candidates.ids;
    for (let c = 0; c < n; c++) {
      const rk = root(P + ids[c]);
      if (rk !== ri) {
        parent[rk] = ri; // people stay roots where possible; any root will do
        ri = root(ri);
      }
    }
  }
  // Group people with candidates by component (people in index order within each).
  const compOf = new Int32Array(P).fill(-1);
  const compIndex = new Map<number, number>();
  const compPairs: number[] = [];
  const compSize: number[] = [];
  for (let i = 0; i < P; i++) {
    if (pairs[i] === 0) continue;
    const r = root(i);
    let c = compIndex.get(r);
    if (c === undefined) {
      c = compPairs.length;
      compIndex.set(r, c);
      compPairs.push(0);
      compSize.push(0);
    }
    compOf[i] = c;
    compPairs[c] += pairs[i];
    compSize[c]++;
  }
  const C = compPairs.length;
  const start = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) start[c + 1] = start[c] + compSize[c];
  const members = new Int32Array(start[C]);
  const fill = start.slice(0, C);
  for (let i = 0; i < P; i++) if (compOf[i] >= 0) members[fill[compOf[i]]++] = i;
  return { count: C, start, members, pairs: compPairs };
}
