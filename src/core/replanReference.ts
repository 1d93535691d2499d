/**
 * The reference for Plan B re-planning (core/replan.ts `replanAffected`): the same rule
 * (core/replanRule.ts, core/replanServe.ts) applied to everyone in priority order, each search a
 * plain scan over every shelter or supporter — no index. Slow and obviously right; the unit tests
 * and `BENCH replan` check that the indexed version answers exactly as this does for the affected
 * people and that everyone else keeps their plan. Pure.
 */
import { cosLat, distanceMetres, RAD, type LngLat } from './geo';
import { shelterQualifies, type ShelterFilter } from './shelterIndex';
import { currentPlanOf, replanReasons, sortByPriority, type CurrentPlan, type DisruptionTest, type ReplanInput, type ReplannedPerson, type ReplanReason } from './replanRule';
import { canCome, disruptionSets, keptPerson, ReplanLookup, ReplanTally, servePerson, type ReplanSearch } from './replanServe';
import { acceptsMask, shelterAcceptMask } from './welfareEligibility';

/** Everyone, in the order of `input.people`: the affected re-planned, the rest with their plan as it is (`reasons` empty). */
export function replanEveryone(input: ReplanInput): ReplannedPerson[] {
  const lookup = new ReplanLookup(input);
  const test = disruptionSets(input);
  const tally = new ReplanTally(lookup, test.absent);
  const { people, analysis, settings } = input;
  const current: CurrentPlan[] = [];
  const reasons: ReplanReason[][] = [];
  people.forEach((p, i) => {
    current.push(currentPlanOf(analysis[i], lookup.planOf.get(p.id), settings.hazard, lookup.shelterOf, lookup.isKnown));
    tally.count(current[i]);
    reasons.push(replanReasons(current[i], test));
  });
  const search = new ScanSearch(input, test, tally);
  const out: ReplannedPerson[] = new Array(people.length);
  for (const i of sortByPriority(people.map((_, i) => i), analysis)) {
    out[i] = reasons[i].length ? servePerson(lookup, tally, search, test.absent, { index: i, current: current[i], reasons: reasons[i] }) : keptPerson(lookup, people[i], current[i]);
  }
  return out;
}

/** The haversine term between two points, computed as core/greatCircleNearest.ts ranks (so ties fall alike). */
function haversineTerm(q: LngLat, p: LngLat): number {
  const sLat = Math.sin(((p[1] - q[1]) * RAD) / 2);
  const sLng = Math.sin(((p[0] - q[0]) * RAD) / 2);
  return sLat * sLat + cosLat(q[1]) * cosLat(p[1]) * sLng * sLng;
}

/** Each search a scan of the whole list; ties go to the earlier shelter. */
class ScanSearch implements ReplanSearch {
  constructor(private readonly input: ReplanInput, private readonly test: DisruptionTest, private readonly tally: ReplanTally) {}

  private nearestWhere(point: LngLat, filter: ShelterFilter, also: (j: number) => boolean): number {
    const { shelters } = this.input;
    let best = -1, bestH = Infinity;
    for (let j = 0; j < shelters.length; j++) {
      const s = shelters[j];
      if (!shelterQualifies(s, filter) || this.test.closed(s.id) || this.test.full(s.id) || !also(j)) continue;
      const h = haversineTerm(point, s.location);
      if (h < bestH) (best = j), (bestH = h);
    }
    return best;
  }

  nearestShelter(point: LngLat): number {
    const { kind, hazard } = this.input.settings;
    return this.nearestWhere(point, { kind, hazard }, () => true);
  }

  nearestWelfare(point: LngLat, personMask: number): number {
    const { shelters } = this.input;
    return this.nearestWhere(point, { kind: 'welfare_shelter' }, (j) => this.tally.welfareRoom[j] > 0 && acceptsMask(shelterAcceptMask(shelters[j]), personMask));
  }

  welfareFilled(): void {}

  supportersNear(point: LngLat, visit: (supporter: number, distanceM: number) => void): void {
    const { supporters, settings } = this.input;
    supporters.forEach((s, k) => {
      const at = canCome(s, settings.timeOfDay, this.test.absent);
      const d = at ? distanceMetres(point, at) : Infinity;
      if (d <= settings.supporterRadiusM) visit(k, d);
    });
  }
}
