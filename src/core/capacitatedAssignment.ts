import { MinHeap } from './minHeap';

/**
 * Unit-demand transportation problem: `people` × `places`, `costs[p * placeCount + j]` in metres
 * (Infinity = not allowed), `capacity[j]` people per place.
 */
export interface AssignmentProblem {
  personCount: number;
  placeCount: number;
  costs: Float64Array;
  capacity: ArrayLike<number>;
}

/** `place[p]` is the place of person p, or -1 when left over. */
export interface AssignmentResult {
  place: Int32Array;
  assigned: number;
  unassigned: number;
  totalCost: number;
  maxCost: number;
}

/**
 * Exact capacitated assignment: first the largest possible number of people assigned, then, among
 * all such assignments, the smallest total cost. Successive shortest paths with Johnson
 * potentials (a min-cost flow), run on a graph compressed to the places: an edge j→k stands for
 * "move the cheapest person now at j to k", kept in one lazy heap per (j, k). Each augmentation is
 * an O(places²) Dijkstra, so 5,000 people × 100 places take well under a second. Dense costs:
 * use it for tens to hundreds of places (福祉避難所), not thousands.
 */
export function solveCapacitatedAssignment(problem: AssignmentProblem): AssignmentResult {
  const { personCount: P, placeCount: S, costs } = problem;
  const capacity = Int32Array.from({ length: S }, (_, j) => Math.max(0, Math.floor(problem.capacity[j] ?? 0)));
  const place = new Int32Array(P).fill(-1);
  const load = new Int32Array(S);
  const cost = (p: number, j: number) => costs[p * S + j];

  // Per place: eligible people by increasing cost; `next[j]` skips people already assigned.
  const candidates: Int32Array[] = [];
  for (let j = 0; j < S; j++) {
    const list: number[] = [];
    for (let p = 0; p < P; p++) if (cost(p, j) < Infinity) list.push(p);
    list.sort((a, b) => cost(a, j) - cost(b, j) || a - b);
    candidates.push(Int32Array.from(list));
  }
  const next = new Int32Array(S);
  // moves[j * S + k]: people at j keyed by the cost change of moving them to k.
  const moves: MinHeap[] = Array.from({ length: S * S }, () => new MinHeap(4));
  const placePerson = (p: number, j: number) => {
    place[p] = j;
    const cj = cost(p, j);
    for (let k = 0; k < S; k++) {
      const ck = cost(p, k);
      if (k !== j && ck < Infinity) moves[j * S + k].push(ck - cj, p);
    }
  };
  const cheapestMove = (j: number, k: number): number => {
    const heap = moves[j * S + k];
    while (heap.length > 0 && place[heap.peekValue()] !== j) heap.pop();
    return heap.length > 0 ? heap.peekValue() : -1;
  };

  const potential = new Float64Array(S);
  let sinkPotential = 0;
  const dist = new Float64Array(S);
  const done = new Uint8Array(S);
  const predPlace = new Int32Array(S);
  const viaPerson = new Int32Array(S);

  for (;;) {
    // Dijkstra from the super-source (all unassigned people) over places + sink. Reduced costs
    // are ≥ 0 up to rounding (≈1e-9 m), which can only cost nanometres of optimality.
    let sinkDist = Infinity;
    let sinkPred = -1;
    for (let j = 0; j < S; j++) {
      done[j] = 0;
      predPlace[j] = -1;
      const list = candidates[j];
      while (next[j] < list.length && place[list[next[j]]] !== -1) next[j]++;
      if (next[j] < list.length) {
        viaPerson[j] = list[next[j]];
        dist[j] = cost(viaPerson[j], j) - potential[j];
      } else {
        viaPerson[j] = -1;
        dist[j] = Infinity;
      }
    }
    for (;;) {
      let j = -1;
      let best = sinkDist;
      for (let k = 0; k < S; k++) if (!done[k] && dist[k] < best) (best = dist[k]), (j = k);
      if (j < 0) break; // the sink is next (or nothing is reachable)
      done[j] = 1;
      if (load[j] < capacity[j]) {
        const viaSink = dist[j] + potential[j] - sinkPotential;
        if (viaSink < sinkDist) (sinkDist = viaSink), (sinkPred = j);
      }
      for (let k = 0; k < S; k++) {
        if (done[k] || k === j) continue;
        const p = cheapestMove(j, k);
        if (p < 0) continue;
        const reduced = cost(p, k) - cost(p, j) + potential[j] - potential[k];
        if (dist[j] + reduced < dist[k]) {
          dist[k] = dist[j] + reduced;
          predPlace[k] = j;
          viaPerson[k] = p;
        }
      }
    }
    if (sinkDist === Infinity) break; // maximum number assigned
    for (let j = 0; j < S; j++) potential[j] += Math.min(dist[j], sinkDist);
    sinkPotential += sinkDist;

    // Augment: the last place gains one person; each move shifts one person along the path.
    let k = sinkPred;
    load[k]++;
    while (predPlace[k] !== -1) {
      const j = predPlace[k];
      placePerson(viaPerson[k], k);
      k = j;
    }
    placePerson(viaPerson[k], k);
  }
  return summarise(problem, place);
}

/**
 * Greedy nearest, the baseline: people in list order each take their cheapest place that still
 * has room. Fast and simple, but it can fill a place with people who had other options and
 * strand someone who had only that one.
 */
export function greedyAssignment(problem: AssignmentProblem): AssignmentResult {
  const { personCount: P, placeCount: S, costs } = problem;
  const room = Int32Array.from({ length: S }, (_, j) => Math.max(0, Math.floor(problem.capacity[j] ?? 0)));
  const place = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) {
    let best = -1;
    for (let j = 0; j < S; j++) {
      if (room[j] > 0 && costs[p * S + j] < Infinity && (best < 0 || costs[p * S + j] < costs[p * S + best])) best = j;
    }
    if (best >= 0) {
      place[p] = best;
      room[best]--;
    }
  }
  return summarise(problem, place);
}

/** Counts, total and worst cost of an assignment. */
export function summarise(problem: AssignmentProblem, place: Int32Array): AssignmentResult {
  let assigned = 0, totalCost = 0, maxCost = 0;
  for (let p = 0; p < problem.personCount; p++) {
    if (place[p] < 0) continue;
    const c = problem.costs[p * problem.placeCount + place[p]];
    assigned++;
    totalCost += c;
    if (c > maxCost) maxCost = c;
  }
  return { place, assigned, unassigned: problem.personCount - assigned, totalCost, maxCost };
}
