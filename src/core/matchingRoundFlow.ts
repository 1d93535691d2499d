import { bipartiteMinCostFlow } from './bipartiteMinCostFlow';

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
 * One round, with exact shortcuts for the many tiny components of a real city: one person takes
 * their nearest supporter with a free slot; one supporter takes their nearest people up to the
 * free slots. Otherwise `solveMatchingRound`. Returns the arc chosen per person or -1.
 */
export function solveRoundFast(problem: MatchingRoundProblem): Int32Array {
  const { personCount: P, supporterCount: S, arcStart, arcSupporter, arcDist, slots } = problem;
  const choice = new Int32Array(P).fill(-1);
  if (P === 1) {
    let best = -1;
    for (let a = arcStart[0]; a < arcStart[1]; a++) if (slots[arcSupporter[a]] > 0 && (best === -1 || arcDist[a] < arcDist[best])) best = a;
    choice[0] = best;
    return choice;
  }
  if (S === 1) {
    const order = Array.from({ length: P }, (_, w) => w).sort((x, y) => arcDist[arcStart[x]] - arcDist[arcStart[y]] || x - y);
    for (let q = 0; q < Math.min(slots[0], P); q++) choice[order[q]] = arcStart[order[q]];
    return choice;
  }
  return solveMatchingRound(problem);
}
