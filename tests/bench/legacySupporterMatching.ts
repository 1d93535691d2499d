/**
 * The ORIGINAL supporter matching (before component decomposition and the incremental flow
 * solver), kept verbatim as the benchmark baseline and a test oracle: one general
 * `MinCostFlow` per round over the whole instance, one full Dijkstra per unit of flow.
 * Exact but slow (6,000 × 2,000 ≈ 20 s). Do not use in the app.
 */
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import type { HazardIndex } from '../../src/core/hazardAtHome';
import type { Person } from '../../src/core/person';
import type { Supporter } from '../../src/core/supporter';
import { MinCostFlow } from './minCostFlow';
import { personPoint } from '../../src/core/nearestShelter';

/** 昼 or 夜: which supporters can come. `day_and_night` supporters count in both. */
export type TimeOfDay = 'day' | 'night';

export interface MatchingOptions {
  /** Walking radius in metres (great-circle) between a person's and a supporter's home. Default 500. */
  radiusM?: number;
  /** Supporters wanted per person. Default 2. */
  target?: number;
  /** Scenario time of day. Default `day`. */
  timeOfDay?: TimeOfDay;
  /** Cap on any supporter's load, below their own stated capacity (CLI `--max-load`). */
  maxLoad?: number;
  /** Hazard zones, to report supporters who live in the same zone as their person. */
  hazards?: HazardIndex;
}

export interface SupporterMatch {
  personId: string;
  supporterId: string;
  distanceM: number;
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
  totalDistanceM: number;
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
 */
export function legacyMatchSupporters(people: readonly Person[], supporters: readonly Supporter[], options: MatchingOptions = {}): SupporterMatching {
  const radiusM = options.radiusM ?? 500;
  const target = options.target ?? 2;
  const timeOfDay = options.timeOfDay ?? 'day';
  const available = supporters.filter((s) => supporterPoint(s) !== null && isAvailable(s, timeOfDay));
  const capacity = available.map((s) => Math.max(0, Math.min(s.capacity, options.maxLoad ?? Infinity)));
  const load = new Int32Array(available.length);

  // Candidate pairs within the radius, per person: supporter positions and metres.
  const tree = new KDBush(available.length, 16);
  for (const s of available) tree.add(s.location!.lng, s.location!.lat);
  tree.finish();
  const candidates: { supporter: number; distanceM: number }[][] = people.map((p) => {
    const point = personPoint(p);
    if (!point || available.length === 0) return [];
    return around(tree, point[0], point[1], Infinity, radiusM / 1000 + 1e-6)
      .map((k) => ({ supporter: k, distanceM: distanceMetres(point, supporterPoint(available[k])!) }))
      .filter((c) => c.distanceM <= radiusM);
  });

  const matched: number[][] = people.map(() => []);
  const matches: SupporterMatch[] = [];
  for (let round = 1; round <= target; round++) {
    const waiting = people.map((_, i) => i).filter((i) => matched[i].length === round - 1 && candidates[i].length > 0);
    if (waiting.length === 0) break;
    const P = waiting.length, S = available.length;
    const flow = new MinCostFlow(P + S + 2);
    const source = P + S, sink = P + S + 1;
    const arcs: { arc: number; person: number; supporter: number; distanceM: number }[] = [];
    waiting.forEach((i, w) => {
      flow.addArc(source, w, 1, 0);
      for (const c of candidates[i]) {
        if (matched[i].includes(c.supporter) || load[c.supporter] >= capacity[c.supporter]) continue;
        arcs.push({ arc: flow.addArc(w, P + c.supporter, 1, c.distanceM), person: i, supporter: c.supporter, distanceM: c.distanceM });
      }
    });
    for (let k = 0; k < S; k++) if (capacity[k] > load[k]) flow.addArc(P + k, sink, capacity[k] - load[k], 0);
    flow.solve(source, sink);
    for (const a of arcs) {
      if (flow.flowOn(a.arc) <= 0) continue;
      matched[a.person].push(a.supporter);
      load[a.supporter]++;
      matches.push({ personId: people[a.person].id, supporterId: available[a.supporter].id, distanceM: a.distanceM, round });
    }
  }

  const sharedHazard: SupporterMatching['sharedHazard'] = [];
  if (options.hazards) {
    const hazards = options.hazards;
    people.forEach((p, i) => {
      if (matched[i].length === 0) return;
      const home = new Set(hazards.zonesAt(personPoint(p)!));
      if (home.size === 0) return;
      for (const k of matched[i]) {
        const shared = hazards.zonesAt(supporterPoint(available[k])!).filter((z) => home.has(z));
        if (shared.length > 0) sharedHazard.push({ personId: p.id, supporterId: available[k].id, zoneIds: shared.map((z) => hazards.zones[z].id) });
      }
    });
  }
  const loads = available.map((s, k) => ({ supporterId: s.id, load: load[k], capacity: capacity[k] }));
  return {
    matches,
    uncovered: people.filter((_, i) => matched[i].length === 0).map((p) => p.id),
    belowTarget: people.filter((_, i) => matched[i].length > 0 && matched[i].length < target).map((p) => p.id),
    loads,
    overloaded: loads.filter((l) => l.load > l.capacity).map((l) => l.supporterId),
    sharedHazard,
    totalDistanceM: matches.reduce((sum, m) => sum + m.distanceM, 0),
  };
}
