import type { LngLat, Metres } from './geo';
import type { HazardIndex } from './hazardAtHome';
import { personPoint } from './nearestShelter';
import type { Person } from './person';
import type { Supporter } from './supporter';
import { CandidateFinder, homePointsOf, PersonCandidates } from './supporterCandidates';
import { candidateComponents } from './supporterComponents';
import { MatchingRounds } from './supporterRounds';
import { TilePatch } from './supporterTilePatch';

/** 昼 or 夜: which supporters can come. `day_and_night` supporters count in both. */
export type TimeOfDay = 'day' | 'night';

/** Above this many candidate pairs, a connected component is solved approximately (see `MatchingOptions.exactPairLimit`). */
export const EXACT_PAIR_LIMIT = 3_000_000;
/** Side in metres of the tiles an approximated component is cut into (at least 2 × the radius). */
export const APPROXIMATE_TILE_M = 1000;

export interface MatchingOptions {
  /** Walking radius in metres (great-circle) between a person's and a supporter's home. Default 500. */
  radiusM?: Metres;
  /** Supporters wanted per person. Default 2. */
  target?: number;
  /** Scenario time of day. Default `day`. */
  timeOfDay?: TimeOfDay;
  /** Cap on any supporter's load, below their own stated capacity (CLI `--max-load`). */
  maxLoad?: number;
  /** Hazard zones, to report supporters who live in the same zone as their person. */
  hazards?: HazardIndex;
  /**
   * Solve each connected component of the person–supporter candidate graph on its own (default
   * true). The answer is the same either way (components share no pair); `false` solves the whole
   * instance as one problem, for tests.
   */
  decompose?: boolean;
  /**
   * A component with more candidate pairs (person–supporter within the radius) than this is
   * solved approximately (“tile and patch”): each round is first solved exactly inside square
   * tiles of `approximateTileM` (only pairs whose two homes are in the same tile), then once more,
   * exactly, for the people still without a supporter this round against every supporter with
   * room left (all their pairs within the radius, across tiles). Only pairs crossing a tile edge
   * can be missed in the first step, so the loss is small, but it is not guaranteed optimal.
   * Default `EXACT_PAIR_LIMIT`; `Infinity` = always exact.
   */
  exactPairLimit?: number;
  /** Tile side of the approximation above, metres. Default `APPROXIMATE_TILE_M`, at least 2 × `radiusM`. */
  approximateTileM?: Metres;
}

export interface SupporterMatch {
  personId: string;
  supporterId: string;
  distanceM: Metres;
  /** 1 = first supporter, 2 = second… */
  round: number;
}

export interface SupporterMatching {
  matches: SupporterMatch[];
  /** 支援者空白: people with no supporter (unplaced people included). */
  uncovered: string[];
  /** People with at least one supporter but fewer than the target. */
  belowTarget: string[];
  /** Every available supporter's load against their capacity. */
  loads: { supporterId: string; load: number; capacity: number }[];
  /** Supporters above their capacity: empty by construction, reported so the UI can show it. */
  overloaded: string[];
  /** Pairs whose homes are in the same hazard zone (both may be cut off together). */
  sharedHazard: { personId: string; supporterId: string; zoneIds: string[] }[];
  totalDistanceM: Metres;
  /**
   * People in components too large to solve exactly (more than `exactPairLimit` candidate pairs),
   * matched by the tile-and-patch approximation (see `MatchingOptions.exactPairLimit`). Their
   * matching respects every constraint but may cover fewer people or cost more distance than the
   * exact optimum. 0 = the whole answer is exact.
   */
  approximatedPeople: number;
  /** How many connected components were approximated (see `approximatedPeople`). */
  approximatedComponents: number;
}

function supporterPoint(s: Supporter): LngLat | null {
  return s.location && Number.isFinite(s.location.lng) && Number.isFinite(s.location.lat) ? [s.location.lng, s.location.lat] : null;
}

/** True when a supporter can help at this time of day. */
export function isAvailable(s: Pick<Supporter, 'availability'>, timeOfDay: TimeOfDay): boolean {
  return s.availability === 'day_and_night' || s.availability === timeOfDay;
}

/**
 * Matches supporters to people in rounds of min-cost flow. Round 1 gives one supporter to as
 * many people as possible, at minimum total distance; round 2 then gives a second, different
 * supporter to as many of those as possible with the capacity left, and so on up to `target`.
 * Every pair is within `radiusM`, every supporter stays within their capacity, and only
 * supporters available at `timeOfDay` are used.
 *
 * The phases: the candidate pairs (core/supporterCandidates.ts); the connected components of the
 * candidate graph (core/supporterComponents.ts), each solved on its own — exact, since no pair
 * crosses components — round by round (core/supporterRounds.ts, core/matchingRoundFlow.ts);
 * components with more than `exactPairLimit` pairs (a dense city centre chained together within
 * the radius) are approximated (core/supporterTilePatch.ts) and counted in `approximatedPeople`;
 * then the result, with the pairs sharing a hazard zone.
 */
export function matchSupporters(people: readonly Person[], supporters: readonly Supporter[], options: MatchingOptions = {}): SupporterMatching {
  const radiusM = options.radiusM ?? 500;
  const target = options.target ?? 2;
  const timeOfDay = options.timeOfDay ?? 'day';
  const exactPairLimit = options.exactPairLimit ?? EXACT_PAIR_LIMIT;
  const tileM = Math.max(2 * radiusM, options.approximateTileM ?? APPROXIMATE_TILE_M, 1);
  const available: Supporter[] = [];
  const supPoints: LngLat[] = [];
  for (const s of supporters) {
    const point = supporterPoint(s);
    if (point !== null && isAvailable(s, timeOfDay)) {
      available.push(s);
      supPoints.push(point);
    }
  }
  const capacity = Int32Array.from(available, (s) => Math.max(0, Math.min(s.capacity, options.maxLoad ?? Infinity)));
  const homes = homePointsOf(people);
  const candidates = new PersonCandidates(new CandidateFinder(supPoints, radiusM), homes);
  const components = candidateComponents(people.length, available.length, candidates, options.decompose ?? true);
  const rounds = new MatchingRounds(people.length, capacity, target);
  let tiles: TilePatch | null = null;
  let approximatedPeople = 0, approximatedComponents = 0;
  for (let c = 0; c < components.count; c++) {
    const members = components.members.subarray(components.start[c], components.start[c + 1]);
    if (components.pairs[c] <= exactPairLimit) {
      matchComponentExactly(rounds, members, components.pairs[c], candidates);
      continue;
    }
    approximatedPeople += members.length;
    approximatedComponents++;
    tiles ??= new TilePatch(homes, supPoints, radiusM, tileM);
    tiles.matchComponent(rounds, members);
  }
  return matchingResult(people, available, supPoints, rounds, options.hazards, { approximatedPeople, approximatedComponents });
}

/**
 * Every round for the people `members` of one component, exactly: their full candidate list once
 * (`pairCount` pairs, CSR by member), of which each round keeps the usable pairs.
 */
function matchComponentExactly(rounds: MatchingRounds, members: Int32Array, pairCount: number, candidates: PersonCandidates): void {
  const fullStart = new Int32Array(members.length + 1);
  const fullSup = new Int32Array(pairCount);
  const fullDist = new Float64Array(pairCount);
  const memberPos = new Int32Array(members.length);
  let e = 0;
  members.forEach((i, m) => {
    const n = candidates.findFor(i);
    const ids = candidates.ids, dist = candidates.dist;
    for (let q = 0; q < n; q++) {
      fullSup[e] = ids[q];
      fullDist[e++] = dist[q];
    }
    fullStart[m + 1] = e;
  });
  for (let round = 1; round <= rounds.target; round++) {
    const group: number[] = [];
    members.forEach((i, m) => {
      if (rounds.matchedCount[i] === round - 1) {
        group.push(i);
        memberPos[group.length - 1] = m;
      }
    });
    if (group.length === 0) break;
    let g = 0;
    rounds.solveGroup(group, round, (_i, add) => {
      const m = memberPos[g++];
      for (let q = fullStart[m]; q < fullStart[m + 1]; q++) add(fullSup[q], fullDist[q]);
    });
  }
}

/** The answer from the rounds' pairs: matches by round then person, coverage, loads and the pairs sharing a hazard zone. */
function matchingResult(
  people: readonly Person[], available: readonly Supporter[], supPoints: readonly LngLat[], rounds: MatchingRounds, hazards: HazardIndex | undefined,
  approximated: Pick<SupporterMatching, 'approximatedPeople' | 'approximatedComponents'>,
): SupporterMatching {
  const { matchedCount, load, capacity, target } = rounds;
  const found = rounds.found.sort((a, b) => a.round - b.round || a.person - b.person);
  const matches: SupporterMatch[] = found.map((f) => ({ personId: people[f.person].id, supporterId: available[f.supporter].id, distanceM: f.distanceM, round: f.round }));
  const sharedHazard: SupporterMatching['sharedHazard'] = [];
  if (hazards) {
    people.forEach((p, i) => {
      const point = personPoint(p);
      if (matchedCount[i] === 0 || !point) return;
      const home = new Set(hazards.zonesAt(point));
      if (home.size === 0) return;
      for (const k of rounds.matched(i)) {
        const shared = hazards.zonesAt(supPoints[k]).filter((z) => home.has(z));
        if (shared.length > 0) sharedHazard.push({ personId: p.id, supporterId: available[k].id, zoneIds: shared.map((z) => hazards.zones[z].id) });
      }
    });
  }
  const loads = available.map((s, k) => ({ supporterId: s.id, load: load[k], capacity: capacity[k] }));
  return {
    matches,
    uncovered: people.filter((_, i) => matchedCount[i] === 0).map((p) => p.id),
    belowTarget: people.filter((_, i) => matchedCount[i] > 0 && matchedCount[i] < target).map((p) => p.id),
    loads,
    overloaded: loads.filter((l) => l.load > l.capacity).map((l) => l.supporterId),
    sharedHazard,
    totalDistanceM: matches.reduce((sum, m) => sum + m.distanceM, 0),
    ...approximated,
  };
}
