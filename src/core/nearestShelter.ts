import type { LngLat, Metres } from './geo';
import { HAZARD_TYPES, type HazardType } from './hazard';
import type { Person } from './person';
import type { ShelterKind } from './shelter';
import type { ShelterHit, ShelterIndex } from './shelterIndex';
import { acceptGroupsOf, acceptsMask, groupMask, shelterAcceptMask, type EligibilityOptions } from './welfareEligibility';

/** A person's nearest suitable shelter for one hazard: shelter ID and great-circle metres. */
export interface ShelterChoice {
  personId: string;
  hazard: HazardType;
  shelterId: string;
  distanceM: Metres;
}

/** Where a person is, as `[lng, lat]` degrees, or null when not placed on the map. */
export function personPoint(p: Pick<Person, 'location'>): LngLat | null {
  return p.location && Number.isFinite(p.location.lng) && Number.isFinite(p.location.lat) ? [p.location.lng, p.location.lat] : null;
}

/**
 * For each placed person and each hazard, the nearest open shelter of `kind` (default
 * 指定緊急避難場所) designated for that hazard. People without a location, and hazards with no
 * suitable shelter, get no entry.
 */
export function nearestSuitableShelters(
  people: readonly Person[],
  index: ShelterIndex,
  kind: ShelterKind = 'emergency_site',
  hazards: readonly HazardType[] = HAZARD_TYPES,
): ShelterChoice[] {
  const points = new Float64Array(people.length * 2).fill(NaN);
  people.forEach((p, i) => {
    const pt = personPoint(p);
    if (pt) {
      points[2 * i] = pt[0];
      points[2 * i + 1] = pt[1];
    }
  });
  const choices: ShelterChoice[] = [];
  for (const hazard of hazards) {
    const { shelter, distanceM } = index.nearestForPoints(points, { kind, hazard });
    for (let i = 0; i < people.length; i++) {
      if (shelter[i] < 0) continue;
      choices.push({ personId: people[i].id, hazard, shelterId: index.shelters[shelter[i]].id, distanceM: distanceM[i] });
    }
  }
  return choices;
}

/**
 * Finds, per person, the nearest open 福祉避難所 that accepts them (rule in welfareEligibility.ts).
 * Keeps one acceptance mask per distinct combination of needs, so many queries stay cheap.
 */
export class WelfareShelterFinder {
  private readonly index: ShelterIndex;
  private readonly shelterMasks: Int32Array;
  private readonly masksByNeeds = new Map<number, Uint8Array>();
  private readonly options: EligibilityOptions;

  constructor(index: ShelterIndex, options: EligibilityOptions = {}) {
    this.index = index;
    this.options = options;
    const { members } = index.subset({ kind: 'welfare_shelter' });
    this.shelterMasks = Int32Array.from(members, (s) => shelterAcceptMask(index.shelters[s]));
  }

  /** Nearest accepting 福祉避難所 for a person on `onDate` (`YYYY-MM-DD`), or null (none, not placed, or needs no care). */
  nearestFor(person: Person, onDate: string): ShelterHit | null {
    const point = personPoint(person);
    if (!point) return null;
    return this.nearestForMask(point, groupMask(acceptGroupsOf(person, onDate)));
  }

  /** Nearest accepting 福祉避難所 to `[lng, lat]` for a person whose accept-group mask is `personMask`, or null. */
  nearestForMask(point: LngLat, personMask: number): ShelterHit | null {
    let accept = this.masksByNeeds.get(personMask);
    if (!accept) {
      accept = Uint8Array.from(this.shelterMasks, (m) => (acceptsMask(m, personMask, this.options) ? 1 : 0));
      this.masksByNeeds.set(personMask, accept);
    }
    return this.index.nearest(point, { kind: 'welfare_shelter' }, accept);
  }
}
