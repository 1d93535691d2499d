import { distanceMetres } from './geo';
import type { Person } from './person';
import type { AcceptGroup, Shelter } from './shelter';
import { personPoint } from './nearestShelter';
import { greedyAssignment, solveCapacitatedAssignment, type AssignmentProblem, type AssignmentResult } from './capacitatedAssignment';
import { capacityOrAssumed } from './welfareCapacity';
import { acceptGroupsOf, acceptsMask, groupMask, missingAcceptGroups, shelterAcceptMask, type EligibilityOptions } from './welfareEligibility';

/** One person placed in a 福祉避難所, with the great-circle distance in metres. */
export interface WelfareAssignment {
  personId: string;
  shelterId: string;
  distanceM: number;
}

/** Why someone was left over: no open accepting 福祉避難所 at all / all of them full / not placed on the map. */
export type LeftOverReason = 'no_eligible_shelter' | 'capacity' | 'no_location';

/** One person the allocation could not place. */
export interface WelfareLeftOver {
  personId: string;
  reason: LeftOverReason;
  /** For `no_eligible_shelter`: the 受入対象 no open 福祉避難所 offers (welfareEligibility.ts `missingAcceptGroups`). */
  missing?: AcceptGroup[];
}

export interface AllocationSummary {
  assigned: number;
  unassigned: number;
  totalDistanceM: number;
  maxDistanceM: number;
}

export interface WelfareAllocation {
  assignments: WelfareAssignment[];
  leftOver: WelfareLeftOver[];
  /** The exact optimum. */
  summary: AllocationSummary;
  /** Greedy nearest (people in list order) on the same input, for comparison. */
  greedy: AllocationSummary;
  /** People left over per district (`''` when no district): the 福祉避難所 shortfall. */
  shortfallByDistrict: Record<string, number>;
  /** IDs of open 福祉避難所 whose capacity was unknown, counted as `assumedWelfareCapacity` persons each. */
  assumedCapacityShelterIds: string[];
}

export interface AllocationOptions extends EligibilityOptions {
  /** Planning date `YYYY-MM-DD` for ages. */
  onDate: string;
  /** Persons assumed for a 福祉避難所 of unknown capacity (GSI data has none; welfareCapacity.ts). */
  assumedWelfareCapacity: number;
}

/**
 * Assigns people who need a 福祉避難所 to open 福祉避難所 that accept them (welfareEligibility.ts),
 * within capacity. Exact: first the largest number of people placed, then the smallest total
 * straight-line distance among such placements. Greedy nearest is computed too, as the baseline.
 */
export function allocateWelfareShelters(people: readonly Person[], shelters: readonly Shelter[], options: AllocationOptions): WelfareAllocation {
  const open = shelters.filter((s) => !s.closed && s.kinds.includes('welfare_shelter'));
  const assumedCapacityShelterIds = open.filter((s) => s.capacity === null).map((s) => s.id);
  const shelterMasks = open.map((s) => shelterAcceptMask(s));
  const placed = people.filter((p) => personPoint(p) !== null);
  const leftOver: WelfareAllocation['leftOver'] = people.filter((p) => personPoint(p) === null).map((p) => ({ personId: p.id, reason: 'no_location' }));

  const P = placed.length, S = open.length;
  const costs = new Float64Array(P * S).fill(Infinity);
  placed.forEach((person, i) => {
    const mask = groupMask(acceptGroupsOf(person, options.onDate));
    const point = personPoint(person)!;
    for (let j = 0; j < S; j++) {
      if (acceptsMask(shelterMasks[j], mask, options)) costs[i * S + j] = distanceMetres(point, open[j].location);
    }
  });
  const problem: AssignmentProblem = {
    personCount: P,
    placeCount: S,
    costs,
    capacity: open.map((s) => capacityOrAssumed(s, options.assumedWelfareCapacity)),
  };
  const exact = solveCapacitatedAssignment(problem);
  const greedy = greedyAssignment(problem);

  const assignments: WelfareAssignment[] = [];
  const shortfallByDistrict: Record<string, number> = {};
  for (const p of people) if (personPoint(p) === null) shortfallByDistrict[p.districtId ?? ''] = (shortfallByDistrict[p.districtId ?? ''] ?? 0) + 1;
  placed.forEach((person, i) => {
    const j = exact.place[i];
    if (j >= 0) {
      assignments.push({ personId: person.id, shelterId: open[j].id, distanceM: costs[i * S + j] });
      return;
    }
    let eligible = false;
    for (let k = 0; k < S && !eligible; k++) eligible = costs[i * S + k] < Infinity;
    leftOver.push(eligible ? { personId: person.id, reason: 'capacity' } : { personId: person.id, reason: 'no_eligible_shelter', missing: missingAcceptGroups(acceptGroupsOf(person, options.onDate), shelterMasks) });
    const district = person.districtId ?? '';
    shortfallByDistrict[district] = (shortfallByDistrict[district] ?? 0) + 1;
  });
  return {
    assignments,
    leftOver,
    summary: toSummary(exact, leftOver.length - exact.unassigned),
    greedy: toSummary(greedy, leftOver.length - exact.unassigned),
    shortfallByDistrict,
    assumedCapacityShelterIds,
  };
}

function toSummary(r: AssignmentResult, unplaced: number): AllocationSummary {
  return { assigned: r.assigned, unassigned: r.unassigned + unplaced, totalDistanceM: r.totalCost, maxDistanceM: r.maxCost };
}
