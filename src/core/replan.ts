/**
 * Plan B re-planning (災害時モード and drills): when shelters do not open or are full and supporters
 * cannot come, only the people affected get a new destination, 福祉避難所 and supporters (rule:
 * core/replanRule.ts; one person: core/replanServe.ts). One pass over everyone finds the affected
 * and tallies the room left; then kd-trees over the open shelters (core/shelterIndex.ts) and the
 * supporters who can come (core/supporterCandidates.ts) answer each affected person's searches.
 * The brute-force reference with the same answers is core/replanReference.ts. Pure.
 */
import { cosLat, type LngLat } from './geo';
import { ShelterIndex } from './shelterIndex';
import type { Shelter } from './shelter';
import { CandidateFinder } from './supporterCandidates';
import { currentPlanOf, replanReasons, sortByPriority, type DisruptionTest, type ReplanInput, type ReplannedPerson } from './replanRule';
import { canCome, disruptionSets, ReplanLookup, ReplanTally, servePerson, type AffectedPerson, type ReplanSearch } from './replanServe';
import { acceptsMask, shelterAcceptMask } from './welfareEligibility';

export {
  DESTINATION_CHANGED_LABEL, NO_DISRUPTION, NO_SUPPORTER_LABEL, REPLAN_REASON_LABELS, isNoDisruption,
  type Disruption, type ReplanInput, type ReplannedDestination, type ReplannedPerson, type ReplanReason,
} from './replanRule';
export { replanEveryone } from './replanReference';

/**
 * Only the affected people, re-planned, in the order of `input.people`. Everyone else keeps their
 * plan (see `replanEveryone` for the same rule applied to everyone).
 */
export function replanAffected(input: ReplanInput): ReplannedPerson[] {
  const lookup = new ReplanLookup(input);
  const test = disruptionSets(input);
  const tally = new ReplanTally(lookup, test.absent);
  const { people, analysis, settings } = input;
  const affected: AffectedPerson[] = [];
  for (let i = 0; i < people.length; i++) {
    const current = currentPlanOf(analysis[i], lookup.planOf.get(people[i].id), settings.hazard, lookup.shelterOf, lookup.isKnown);
    tally.count(current);
    const reasons = replanReasons(current, test);
    if (reasons.length) affected.push({ index: i, current, reasons });
  }
  if (affected.length === 0) return [];
  const search = new IndexedSearch(input, test, tally);
  const byIndex = new Map(affected.map((a) => [a.index, a]));
  const served = new Map<number, ReplannedPerson>();
  for (const i of sortByPriority([...byIndex.keys()], analysis)) served.set(i, servePerson(lookup, tally, search, test.absent, byIndex.get(i)!));
  return affected.map((a) => served.get(a.index)!);
}

/** The searches over kd-trees, each built on first use. */
class IndexedSearch implements ReplanSearch {
  private shelterIndex: ShelterIndex | null = null;
  private welfare: { members: Int32Array; masks: Int32Array; open: Uint8Array; accept: Map<number, Uint8Array> } | null = null;
  private candidates: { finder: CandidateFinder; positions: number[] } | null = null;

  constructor(private readonly input: ReplanInput, private readonly test: DisruptionTest, private readonly tally: ReplanTally) {}

  /** The shelters with the closed and full ones marked closed (so no search finds them). */
  private index(): ShelterIndex {
    if (!this.shelterIndex) {
      const { closed, full } = this.test;
      const open = this.input.shelters.map((s): Shelter => (!s.closed && (closed(s.id) || full(s.id)) ? { ...s, closed: true } : s));
      this.shelterIndex = new ShelterIndex(open);
    }
    return this.shelterIndex;
  }

  nearestShelter(point: LngLat): number {
    const { kind, hazard } = this.input.settings;
    return this.index().nearest(point, { kind, hazard })?.shelter ?? -1;
  }

  nearestWelfare(point: LngLat, personMask: number): number {
    const index = this.index();
    if (!this.welfare) {
      const members = index.subset({ kind: 'welfare_shelter' }).members;
      const open = Uint8Array.from(members, (s) => (this.tally.welfareRoom[s] > 0 ? 1 : 0));
      this.welfare = { members, masks: Int32Array.from(members, (s) => shelterAcceptMask(index.shelters[s])), open, accept: new Map() };
    }
    const w = this.welfare;
    let accept = w.accept.get(personMask);
    if (!accept) w.accept.set(personMask, (accept = Uint8Array.from(w.masks, (m, k) => (w.open[k] && acceptsMask(m, personMask) ? 1 : 0))));
    return index.nearest(point, { kind: 'welfare_shelter' }, accept)?.shelter ?? -1;
  }

  welfareFilled(shelter: number): void {
    const w = this.welfare;
    if (!w) return;
    const k = w.members.indexOf(shelter);
    if (k < 0) return;
    w.open[k] = 0;
    for (const accept of w.accept.values()) accept[k] = 0;
  }

  supportersNear(point: LngLat, visit: (supporter: number, distanceM: number) => void): void {
    if (!this.candidates) {
      const { supporters, settings } = this.input;
      const positions: number[] = [];
      const points: LngLat[] = [];
      supporters.forEach((s, k) => {
        const at = canCome(s, settings.timeOfDay, this.test.absent);
        if (!at) return;
        positions.push(k);
        points.push(at);
      });
      this.candidates = { finder: new CandidateFinder(points, settings.supporterRadiusM), positions };
    }
    const { finder, positions } = this.candidates;
    const n = finder.find(point[0], point[1], cosLat(point[1]));
    for (let q = 0; q < n; q++) visit(positions[finder.ids[q]], finder.dist[q]);
  }
}
