/**
 * Plan B, step by step for one person (core/replanRule.ts says who and why): the new destination,
 * 福祉避難所 and supporters, with the limited room (福祉避難所 places, supporters' capacity) kept in a
 * tally as people are served in priority order. The searches come from outside — kd-trees in
 * core/replan.ts, plain scans in core/replanReference.ts — and must answer alike: nearest by
 * great-circle distance, ties to the earlier shelter in the list.
 */
import { distanceMetres, type LngLat } from './geo';
import { personPoint } from './nearestShelter';
import type { Person } from './person';
import type { Plan } from './plan';
import type { Supporter } from './supporter';
import { isAvailable, type TimeOfDay } from './supporterMatching';
import {
  byLoadThenDistance, needsDestination, needsSupporters, needsWelfare,
  type CurrentPlan, type DisruptionTest, type SupporterCandidate, type ReplanInput, type ReplannedDestination, type ReplannedPerson, type ReplanReason,
} from './replanRule';
import { capacityOrAssumed } from './welfareCapacity';
import { acceptGroupsOf, groupMask } from './welfareEligibility';

/** The searches re-planning needs; positions are into the input's `shelters` / `supporters`, -1 = none. */
export interface ReplanSearch {
  /** Nearest shelter of the scenario's kind designated for its hazard, open and neither closed nor full in the disruption. */
  nearestShelter(point: LngLat): number;
  /** Nearest open 福祉避難所 (not closed or full) that accepts a person of `personMask` (welfareEligibility.ts) and still has room in the tally. */
  nearestWelfare(point: LngLat, personMask: number): number;
  /** Told when the 福祉避難所 at `shelter` has no room left. */
  welfareFilled(shelter: number): void;
  /** Calls `visit` for each supporter who can come: available at the scenario's time of day, not absent, on the map, within the radius (great-circle metres). */
  supportersNear(point: LngLat, visit: (supporter: number, distanceM: number) => void): void;
}

/** The disruption's lists as sets. */
export function disruptionSets(input: Pick<ReplanInput, 'disruption'>): DisruptionTest {
  const { closedShelterIds, fullShelterIds, absentSupporterIds } = input.disruption;
  const closed = new Set(closedShelterIds), full = new Set(fullShelterIds), absent = new Set(absentSupporterIds);
  return { closed: (id) => closed.has(id), full: (id) => full.has(id), absent: (id) => absent.has(id) };
}

/** Where a supporter who can come lives (available at `timeOfDay`, not absent, on the map), else null. */
export function canCome(s: Supporter, timeOfDay: TimeOfDay, absent: (supporterId: string) => boolean): LngLat | null {
  if (!s.location || !Number.isFinite(s.location.lng) || !Number.isFinite(s.location.lat)) return null;
  return absent(s.id) || !isAvailable(s, timeOfDay) ? null : [s.location.lng, s.location.lat];
}

/** An affected person: position in `people`, their current plan and why they are affected. */
export interface AffectedPerson {
  index: number;
  current: CurrentPlan;
  reasons: ReplanReason[];
}

/** Looks up shelters, supporters and plans by id; refuses an analysis that is not of the same people, in the same order. */
export class ReplanLookup {
  readonly shelterPos: Map<string, number>;
  readonly supporterPos: Map<string, number>;
  readonly planOf: Map<string, Plan>;

  constructor(readonly input: ReplanInput) {
    this.shelterPos = new Map(input.shelters.map((s, i) => [s.id, i]));
    this.supporterPos = new Map(input.supporters.map((s, k) => [s.id, k]));
    this.planOf = new Map(input.plans.map((p) => [p.personId, p]));
    const { people, analysis } = input;
    if (analysis.length !== people.length) throw new Error(`分析結果（${analysis.length}人）と名簿（${people.length}人）の人数が合いません。`);
    for (let i = 0; i < people.length; i++) {
      if (analysis[i].personId !== people[i].id) throw new Error(`分析結果の${i + 1}人目（${analysis[i].personId}）が名簿（${people[i].id}）と合いません。`);
    }
  }

  shelterOf = (id: string) => {
    const i = this.shelterPos.get(id);
    return i === undefined ? undefined : this.input.shelters[i];
  };

  isKnown = (supporterId: string) => this.supporterPos.has(supporterId);
}

/**
 * The room left: each supporter's load (people whose current supporters include them, absent ones
 * not counted) and each 福祉避難所's free places (capacity, or the assumed capacity when unknown,
 * less the people whose current 福祉避難所 it is). `count` every person's current plan first.
 */
export class ReplanTally {
  readonly load: Int32Array;
  readonly welfareRoom: Int32Array;

  constructor(private readonly lookup: ReplanLookup, private readonly absent: (supporterId: string) => boolean) {
    const { shelters, supporters, settings } = lookup.input;
    this.load = new Int32Array(supporters.length);
    this.welfareRoom = Int32Array.from(shelters, (s) => (s.kinds.includes('welfare_shelter') ? capacityOrAssumed(s, settings.assumedWelfareCapacity) : 0));
  }

  count(current: CurrentPlan): void {
    for (const id of current.supporterIds) if (!this.absent(id)) this.load[this.lookup.supporterPos.get(id)!]++;
    const w = current.welfareId === null ? undefined : this.lookup.shelterPos.get(current.welfareId);
    if (w !== undefined) this.welfareRoom[w]--;
  }
}

function shelterAt(lookup: ReplanLookup, id: string | null, home: LngLat | null): { shelterId: string; distanceM: number } | null {
  if (id === null) return null;
  const s = lookup.shelterOf(id);
  return { shelterId: id, distanceM: home && s ? distanceMetres(home, s.location) : NaN };
}

function supportersAt(lookup: ReplanLookup, ids: readonly string[], home: LngLat | null): { supporterId: string; distanceM: number }[] {
  return ids.map((supporterId) => {
    const loc = lookup.input.supporters[lookup.supporterPos.get(supporterId)!].location;
    return { supporterId, distanceM: home && loc ? distanceMetres(home, [loc.lng, loc.lat]) : NaN };
  });
}

/** A person Plan B does not touch: their current plan as it is. */
export function keptPerson(lookup: ReplanLookup, person: Person, current: CurrentPlan): ReplannedPerson {
  const home = personPoint(person);
  const destination = shelterAt(lookup, current.destinationId, home);
  const supporters = supportersAt(lookup, current.supporterIds, home);
  return {
    personId: person.id,
    reasons: [],
    destination: destination && { kind: 'shelter', ...destination },
    previousShelterId: current.destinationId,
    destinationChanged: false,
    welfare: shelterAt(lookup, current.welfareId, home),
    previousWelfareId: current.welfareId,
    welfareChanged: false,
    supporters,
    supportersChanged: false,
    noSupporter: supporters.length === 0 && current.namedSupporters === 0,
  };
}

/**
 * Serves one affected person (call in priority order): a new destination (the plan's 代替の避難先
 * first, else the nearest suitable open shelter), a new 福祉避難所 with room (taking the place), and
 * for absent supporters the remaining ones plus the least-loaded nearest within reach up to the
 * target (taking their room). What is not affected stays as it was.
 */
export function servePerson(lookup: ReplanLookup, tally: ReplanTally, search: ReplanSearch, absent: (supporterId: string) => boolean, a: AffectedPerson): ReplannedPerson {
  const { people, shelters, supporters, settings } = lookup.input;
  const person = people[a.index];
  const kept = keptPerson(lookup, person, a.current);
  const home = personPoint(person);
  const out: ReplannedPerson = { ...kept, reasons: a.reasons };

  if (needsDestination(a.reasons)) {
    const alternative = lookup.planOf.get(person.id)?.alternativeDestination ?? null;
    let destination: ReplannedDestination = null;
    if (alternative) destination = { kind: 'alternative', name: alternative.name, address: alternative.address, phone: alternative.phone };
    else {
      const s = home ? search.nearestShelter(home) : -1;
      if (s >= 0) destination = { kind: 'shelter', shelterId: shelters[s].id, distanceM: distanceMetres(home!, shelters[s].location) };
    }
    out.destination = destination;
    out.destinationChanged = true;
  }

  if (needsWelfare(a.reasons)) {
    const w = home ? search.nearestWelfare(home, groupMask(acceptGroupsOf(person, settings.onDate))) : -1;
    out.welfare = w < 0 ? null : { shelterId: shelters[w].id, distanceM: distanceMetres(home!, shelters[w].location) };
    if (w >= 0 && --tally.welfareRoom[w] <= 0) search.welfareFilled(w);
    out.welfareChanged = out.welfare?.shelterId !== a.current.welfareId;
  }

  if (needsSupporters(a.reasons)) {
    const remaining = kept.supporters.filter((s) => !absent(s.supporterId));
    const want = settings.supporterTarget - remaining.length - a.current.namedSupporters;
    const added: { supporterId: string; distanceM: number }[] = [];
    if (want > 0 && home) {
      const taken = new Set(remaining.map((s) => s.supporterId));
      const candidates: SupporterCandidate[] = [];
      search.supportersNear(home, (k, distanceM) => {
        const load = tally.load[k];
        if (load < supporters[k].capacity && !taken.has(supporters[k].id)) candidates.push({ supporter: k, distanceM, load });
      });
      for (const c of candidates.sort(byLoadThenDistance).slice(0, want)) {
        tally.load[c.supporter]++;
        added.push({ supporterId: supporters[c.supporter].id, distanceM: c.distanceM });
      }
    }
    out.supporters = [...remaining, ...added];
    out.supportersChanged = true;
    out.noSupporter = out.supporters.length === 0 && a.current.namedSupporters === 0;
  }
  return out;
}
