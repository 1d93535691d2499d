import { describe, expect, it } from 'vitest';
import { greedyAssignment, solveCapacitatedAssignment, type AssignmentProblem } from '../../../src/core/capacitatedAssignment';
import { randInt, seededRandom } from './random';

function randomProblem(rand: () => number, P: number, S: number, options: { ties?: boolean; allowed?: number } = {}): AssignmentProblem {
  const costs = new Float64Array(P * S);
  for (let i = 0; i < costs.length; i++) {
    const allowed = rand() < (options.allowed ?? 0.7);
    costs[i] = !allowed ? Infinity : options.ties ? randInt(rand, 3) * 100 : Math.round(rand() * 5000 * 100) / 100;
  }
  return { personCount: P, placeCount: S, costs, capacity: Array.from({ length: S }, () => randInt(rand, 3)) };
}

/** Brute force over every assignment: most people assigned, then least total. */
function bruteForce(problem: AssignmentProblem): { assigned: number; total: number } {
  const { personCount: P, placeCount: S, costs, capacity } = problem;
  let best = { assigned: -1, total: Infinity };
  const load = new Array(S).fill(0);
  const go = (p: number, assigned: number, total: number) => {
    if (p === P) {
      if (assigned > best.assigned || (assigned === best.assigned && total < best.total - 1e-9)) best = { assigned, total };
      return;
    }
    go(p + 1, assigned, total);
    for (let j = 0; j < S; j++) {
      if (costs[p * S + j] < Infinity && load[j] < capacity[j]) {
        load[j]++;
        go(p + 1, assigned + 1, total + costs[p * S + j]);
        load[j]--;
      }
    }
  };
  go(0, 0, 0);
  return best;
}

function checkFeasible(problem: AssignmentProblem, place: Int32Array) {
  const load = new Array(problem.placeCount).fill(0);
  place.forEach((j, p) => {
    if (j < 0) return;
    expect(problem.costs[p * problem.placeCount + j]).toBeLessThan(Infinity);
    load[j]++;
  });
  load.forEach((l, j) => expect(l).toBeLessThanOrEqual(problem.capacity[j]));
}

describe('exact capacitated assignment', () => {
  it('assigns as many people as brute force, at the same minimum total distance', () => {
    const rand = seededRandom(2024);
    for (let trial = 0; trial < 300; trial++) {
      const problem = randomProblem(rand, 1 + randInt(rand, 7), 1 + randInt(rand, 3), { ties: trial % 3 === 0, allowed: trial % 5 === 0 ? 0.3 : 0.7 });
      const ours = solveCapacitatedAssignment(problem);
      const brute = bruteForce(problem);
      checkFeasible(problem, ours.place);
      expect(ours.assigned).toBe(brute.assigned);
      expect(ours.totalCost).toBeCloseTo(brute.total === Infinity ? 0 : brute.total, 6);
    }
  });

  it('never assigns fewer people than greedy, and never at a larger total when it assigns the same number', () => {
    const rand = seededRandom(77);
    let strictlyBetter = 0;
    for (let trial = 0; trial < 40; trial++) {
      const problem = randomProblem(rand, 200, 8, { allowed: 0.5 });
      (problem.capacity as number[]).forEach((_, j, a) => (a[j] = 5 + randInt(rand, 25)));
      const ours = solveCapacitatedAssignment(problem);
      const greedy = greedyAssignment(problem);
      checkFeasible(problem, ours.place);
      checkFeasible(problem, greedy.place);
      expect(ours.assigned).toBeGreaterThanOrEqual(greedy.assigned);
      if (ours.assigned === greedy.assigned) expect(ours.totalCost).toBeLessThanOrEqual(greedy.totalCost + 1e-6);
      if (ours.assigned > greedy.assigned || ours.totalCost < greedy.totalCost - 1e-6) strictlyBetter++;
    }
    expect(strictlyBetter).toBeGreaterThan(20);
  });

  it('keeps a place for the person who has only one option (greedy strands them)', () => {
    // A is near both; B can only go to X. Greedy puts A in X first and strands B.
    const problem: AssignmentProblem = { personCount: 2, placeCount: 2, costs: Float64Array.from([100, 200, 300, Infinity]), capacity: [1, 1] };
    expect(greedyAssignment(problem).assigned).toBe(1);
    const ours = solveCapacitatedAssignment(problem);
    expect([...ours.place]).toEqual([1, 0]);
    expect(ours).toMatchObject({ assigned: 2, unassigned: 0, totalCost: 500, maxCost: 300 });
  });

  it('handles empty inputs, zero capacity and nobody eligible', () => {
    expect(solveCapacitatedAssignment({ personCount: 0, placeCount: 0, costs: new Float64Array(0), capacity: [] })).toMatchObject({ assigned: 0, unassigned: 0, totalCost: 0 });
    expect(solveCapacitatedAssignment({ personCount: 3, placeCount: 0, costs: new Float64Array(0), capacity: [] })).toMatchObject({ assigned: 0, unassigned: 3 });
    expect(solveCapacitatedAssignment({ personCount: 2, placeCount: 1, costs: Float64Array.from([5, 6]), capacity: [0] }).assigned).toBe(0);
    const none = solveCapacitatedAssignment({ personCount: 2, placeCount: 2, costs: new Float64Array(4).fill(Infinity), capacity: [5, 5] });
    expect([...none.place]).toEqual([-1, -1]);
  });
});

describe('exact capacitated assignment at district scale', () => {
  it('matches a general min-cost flow on 300 people × 12 places (count and total)', async () => {
    const { MinCostFlow } = await import('../../bench/minCostFlow');
    const rand = seededRandom(555);
    for (let trial = 0; trial < 8; trial++) {
      const P = 300, S = 12;
      const problem = randomProblem(rand, P, S, { allowed: 0.4, ties: trial % 2 === 1 });
      (problem.capacity as number[]).forEach((_, j, a) => (a[j] = randInt(rand, 40)));
      const flow = new MinCostFlow(P + S + 2);
      const source = P + S, sink = P + S + 1;
      for (let p = 0; p < P; p++) {
        flow.addArc(source, p, 1, 0);
        for (let j = 0; j < S; j++) if (problem.costs[p * S + j] < Infinity) flow.addArc(p, P + j, 1, problem.costs[p * S + j]);
      }
      for (let j = 0; j < S; j++) flow.addArc(P + j, sink, problem.capacity[j], 0);
      const reference = flow.solve(source, sink);
      const ours = solveCapacitatedAssignment(problem);
      checkFeasible(problem, ours.place);
      expect(ours.assigned).toBe(reference.flow);
      expect(ours.totalCost).toBeCloseTo(reference.cost, 4);
    }
  });
});
