import { describe, expect, it } from 'vitest';
import { orderArcs, sortByKey } from '../../../src/core/arcOrder';
import { bipartiteMinCostFlow } from '../../../src/core/bipartiteMinCostFlow';
import { solveMatchingRound, solveRoundFast, type MatchingRoundProblem } from '../../../src/core/matchingRoundFlow';
import { MinCostFlow } from '../../bench/minCostFlow';
import { randInt, seededRandom } from './random';

/** A random round: each person lists up to `maxArcs` distinct supporters; `tie` distances are whole hundreds (many equal costs). */
function randomRound(rand: () => number, P: number, S: number, maxArcs: number, maxSlots: number, tie: boolean): MatchingRoundProblem {
  const arcStart = new Int32Array(P + 1);
  const supporter: number[] = [], dist: number[] = [];
  for (let i = 0; i < P; i++) {
    const used = new Set<number>();
    const n = randInt(rand, maxArcs + 1);
    for (let q = 0; q < n; q++) {
      const k = randInt(rand, S);
      if (used.has(k)) continue;
      used.add(k);
      supporter.push(k);
      dist.push(tie ? 100 * randInt(rand, 5) : rand() * 500);
    }
    arcStart[i + 1] = supporter.length;
  }
  const slots = Int32Array.from({ length: S }, () => randInt(rand, maxSlots + 1));
  return { personCount: P, supporterCount: S, arcStart, arcSupporter: Int32Array.from(supporter), arcDist: Float64Array.from(dist), slots };
}

/** People matched and total distance of a choice, after checking it is feasible (own arcs, slots respected). */
function checked(problem: MatchingRoundProblem, choice: Int32Array): { matched: number; total: number } {
  const used = new Int32Array(problem.supporterCount);
  let matched = 0, total = 0;
  for (let i = 0; i < problem.personCount; i++) {
    const a = choice[i];
    if (a < 0) continue;
    expect(a).toBeGreaterThanOrEqual(problem.arcStart[i]);
    expect(a).toBeLessThan(problem.arcStart[i + 1]);
    used[problem.arcSupporter[a]]++;
    matched++;
    total += problem.arcDist[a];
  }
  for (let k = 0; k < problem.supporterCount; k++) expect(used[k]).toBeLessThanOrEqual(problem.slots[k]);
  return { matched, total };
}

/** The optimum by a general min-cost max-flow (the benchmark's baseline). */
function reference(problem: MatchingRoundProblem): { matched: number; total: number } {
  const { personCount: P, supporterCount: S } = problem;
  const flow = new MinCostFlow(P + S + 2);
  const source = P + S, sink = P + S + 1;
  for (let i = 0; i < P; i++) {
    flow.addArc(source, i, 1, 0);
    for (let a = problem.arcStart[i]; a < problem.arcStart[i + 1]; a++) flow.addArc(i, P + problem.arcSupporter[a], 1, problem.arcDist[a]);
  }
  for (let k = 0; k < S; k++) flow.addArc(P + k, sink, problem.slots[k], 0);
  const { flow: matched, cost: total } = flow.solve(source, sink);
  return { matched, total };
}

/** The optimum by trying every choice (tiny problems only): most people matched, then least distance. */
function bruteForce(problem: MatchingRoundProblem): { matched: number; total: number } {
  let best = { matched: 0, total: 0 };
  const left = Int32Array.from(problem.slots);
  const walk = (i: number, matched: number, total: number) => {
    if (i === problem.personCount) {
      if (matched > best.matched || (matched === best.matched && total < best.total)) best = { matched, total };
      return;
    }
    walk(i + 1, matched, total);
    for (let a = problem.arcStart[i]; a < problem.arcStart[i + 1]; a++) {
      const k = problem.arcSupporter[a];
      if (left[k] === 0) continue;
      left[k]--;
      walk(i + 1, matched + 1, total + problem.arcDist[a]);
      left[k]++;
    }
  };
  walk(0, 0, 0);
  return best;
}

describe('one round of supporter matching as a min-cost flow (core/matchingRoundFlow.ts)', () => {
  it('matches as many people as brute force, at the least total distance, on seeded tiny rounds', () => {
    const rand = seededRandom(61);
    for (let trial = 0; trial < 300; trial++) {
      const problem = randomRound(rand, 1 + randInt(rand, 6), 1 + randInt(rand, 4), 3, 2, trial % 2 === 0);
      const best = bruteForce(problem);
      const ours = checked(problem, solveMatchingRound(problem));
      expect(ours.matched).toBe(best.matched);
      expect(ours.total).toBeCloseTo(best.total, 9);
    }
  });

  it('agrees with a general min-cost flow whether slots are plentiful (people side) or scarce (reversed network)', () => {
    const rand = seededRandom(62);
    let scarce = 0, plentiful = 0;
    for (let trial = 0; trial < 120; trial++) {
      const P = 5 + randInt(rand, 60), S = 2 + randInt(rand, 30);
      const problem = randomRound(rand, P, S, 6, trial % 3 === 0 ? 1 : 4, trial % 4 === 0);
      const slots = problem.slots.reduce((a, b) => a + b, 0);
      if (slots < P) scarce++;
      else plentiful++;
      const ours = checked(problem, solveMatchingRound(problem));
      const ref = reference(problem);
      expect(ours.matched).toBe(ref.matched);
      expect(ours.total).toBeCloseTo(ref.total, 6);
      // The shortcuts give the same optimum.
      const fast = checked(problem, solveRoundFast(problem));
      expect(fast.matched).toBe(ref.matched);
      expect(fast.total).toBeCloseTo(ref.total, 6);
    }
    expect(scarce).toBeGreaterThan(10);
    expect(plentiful).toBeGreaterThan(10);
  });

  it('the shortcuts: one person takes the nearest supporter with a free slot; one supporter takes the nearest people up to the slots', () => {
    const one = { personCount: 1, supporterCount: 3, arcStart: Int32Array.of(0, 3), arcSupporter: Int32Array.of(0, 1, 2), arcDist: Float64Array.of(50, 10, 20), slots: Int32Array.of(1, 0, 1) };
    expect(Array.from(solveRoundFast(one))).toEqual([2]);
    const single = { personCount: 4, supporterCount: 1, arcStart: Int32Array.of(0, 1, 2, 3, 4), arcSupporter: Int32Array.of(0, 0, 0, 0), arcDist: Float64Array.of(30, 10, 30, 20), slots: Int32Array.of(2) };
    expect(Array.from(solveRoundFast(single))).toEqual([-1, 1, -1, 3]);
  });

  it('answers -1 for everyone without arcs, supporters or slots', () => {
    const none = { personCount: 2, supporterCount: 1, arcStart: Int32Array.of(0, 0, 0), arcSupporter: new Int32Array(0), arcDist: new Float64Array(0), slots: Int32Array.of(3) };
    expect(Array.from(solveMatchingRound(none))).toEqual([-1, -1]);
    const full = { personCount: 2, supporterCount: 1, arcStart: Int32Array.of(0, 1, 2), arcSupporter: Int32Array.of(0, 0), arcDist: Float64Array.of(1, 2), slots: Int32Array.of(0) };
    expect(Array.from(solveMatchingRound(full))).toEqual([-1, -1]);
  });

  it('bipartiteMinCostFlow with unit capacities on one side and any on the other agrees with the general min-cost flow', () => {
    const rand = seededRandom(63);
    for (let trial = 0; trial < 80; trial++) {
      const L = 3 + randInt(rand, 25), R = 3 + randInt(rand, 25);
      const problem = randomRound(rand, L, R, 5, 3, trial % 2 === 0);
      // As solveMatchingRound uses it: people (1 each) on the left, or supporters' slots on the left and people (1) on the right.
      const unitLeft = trial % 4 < 2;
      const capL = Int32Array.from({ length: L }, () => (unitLeft ? 1 : randInt(rand, 4)));
      if (!unitLeft) problem.slots.fill(1);
      const flow = bipartiteMinCostFlow(L, R, problem.arcStart, problem.arcSupporter, problem.arcDist, capL, problem.slots);
      const usedL = new Int32Array(L), usedR = new Int32Array(R);
      let units = 0, cost = 0;
      for (let i = 0; i < L; i++) {
        for (let a = problem.arcStart[i]; a < problem.arcStart[i + 1]; a++) {
          if (!flow[a]) continue;
          usedL[i]++;
          usedR[problem.arcSupporter[a]]++;
          units++;
          cost += problem.arcDist[a];
        }
      }
      for (let i = 0; i < L; i++) expect(usedL[i]).toBeLessThanOrEqual(capL[i]);
      for (let k = 0; k < R; k++) expect(usedR[k]).toBeLessThanOrEqual(problem.slots[k]);
      const ref = new MinCostFlow(L + R + 2);
      const source = L + R, sink = L + R + 1;
      for (let i = 0; i < L; i++) {
        ref.addArc(source, i, capL[i], 0);
        for (let a = problem.arcStart[i]; a < problem.arcStart[i + 1]; a++) ref.addArc(i, L + problem.arcSupporter[a], 1, problem.arcDist[a]);
      }
      for (let k = 0; k < R; k++) ref.addArc(L + k, sink, problem.slots[k], 0);
      const best = ref.solve(source, sink);
      expect(units).toBe(best.flow);
      expect(cost).toBeCloseTo(best.cost, 6);
    }
  });
});

describe('arc order for the flow (core/arcOrder.ts)', () => {
  it('sortByKey sorts by key, ties by id, like a comparator sort (short and long ranges)', () => {
    const rand = seededRandom(64);
    for (const n of [0, 1, 5, 24, 25, 300, 3000]) {
      const key = Float64Array.from({ length: n }, () => randInt(rand, 40));
      const ids = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
      sortByKey(ids, 0, n, key);
      expect(Array.from(ids)).toEqual(Array.from({ length: n }, (_, i) => i).sort((a, b) => key[a] - key[b] || a - b));
    }
  });

  it('orderArcs lists each right node’s and each left node’s arcs nearest first', () => {
    const rand = seededRandom(65);
    const problem = randomRound(rand, 40, 12, 6, 1, true);
    const order = orderArcs(40, 12, problem.arcStart, problem.arcSupporter, problem.arcDist);
    const byDist = (a: number, b: number) => problem.arcDist[a] - problem.arcDist[b] || a - b;
    for (let i = 0; i < 40; i++) {
      const arcs = Array.from({ length: problem.arcStart[i + 1] - problem.arcStart[i] }, (_, q) => problem.arcStart[i] + q);
      for (const a of arcs) expect(order.arcLeft[a]).toBe(i);
      expect(Array.from(order.lArc.subarray(problem.arcStart[i], problem.arcStart[i + 1]))).toEqual(arcs.sort(byDist));
    }
    for (let k = 0; k < 12; k++) {
      const arcs = Array.from(problem.arcSupporter.keys()).filter((a) => problem.arcSupporter[a] === k);
      expect(Array.from(order.rArc.subarray(order.rStart[k], order.rStart[k + 1]))).toEqual(arcs.sort(byDist));
    }
  });
});
