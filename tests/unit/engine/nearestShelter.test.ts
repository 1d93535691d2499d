import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import { distanceMetres, type LngLat } from '../../../src/core/geo';
import { HAZARD_TYPES, type HazardType } from '../../../src/core/hazard';
import { ShelterIndex } from '../../../src/core/shelterIndex';
import { nearestSuitableShelters, WelfareShelterFinder } from '../../../src/core/nearestShelter';
import { acceptGroupsOf, acceptsPerson } from '../../../src/core/welfareEligibility';
import type { Shelter, ShelterKind, AcceptGroup } from '../../../src/core/shelter';
import { ACCEPT_GROUPS } from '../../../src/core/shelter';
import { makePerson, makeShelter } from './fixtures';
import { randInt, seededRandom } from './random';

const KINDS: ShelterKind[] = ['emergency_site', 'shelter', 'welfare_shelter'];

function randomShelters(rand: () => number, n: number, grid = false): Shelter[] {
  return Array.from({ length: n }, (_, i) => {
    // A coarse grid makes many exact distance ties.
    const lng = grid ? 140.7 + randInt(rand, 6) * 0.01 : 140.7 + rand() * 0.1;
    const lat = grid ? 40.8 + randInt(rand, 6) * 0.01 : 40.8 + rand() * 0.1;
    return makeShelter(`S${i}`, [lng, lat], {
      kinds: KINDS.filter(() => rand() < 0.5).concat(rand() < 0.3 ? [] : ['emergency_site']).filter((k, j, a) => a.indexOf(k) === j) as ShelterKind[],
      hazards: HAZARD_TYPES.filter(() => rand() < 0.5),
      closed: rand() < 0.1,
      accepts: ACCEPT_GROUPS.filter(() => rand() < 0.25),
    });
  });
}

/** Brute force: distance of the nearest qualifying shelter, or Infinity. */
function bruteNearest(point: LngLat, shelters: Shelter[], ok: (s: Shelter) => boolean): number {
  let best = Infinity;
  for (const s of shelters) if (ok(s)) best = Math.min(best, distanceMetres(point, s.location));
  return best;
}

describe('nearest suitable shelter', () => {
  it('matches a brute-force scan for every hazard and kind, ties included', () => {
    for (const grid of [false, true]) {
      const rand = seededRandom(grid ? 7 : 3);
      const shelters = randomShelters(rand, 300, grid);
      const index = new ShelterIndex(shelters);
      for (let q = 0; q < 300; q++) {
        const point: LngLat = grid ? [140.7 + randInt(rand, 6) * 0.01 + 0.005, 40.8 + randInt(rand, 6) * 0.01] : [140.68 + rand() * 0.14, 40.78 + rand() * 0.14];
        const hazard = HAZARD_TYPES[randInt(rand, HAZARD_TYPES.length)];
        const kind = KINDS[randInt(rand, 3)];
        const hit = index.nearest(point, { kind, hazard });
        const ok = (s: Shelter) => !s.closed && s.kinds.includes(kind) && s.hazards.includes(hazard);
        const best = bruteNearest(point, shelters, ok);
        if (best === Infinity) {
          expect(hit).toBeNull();
        } else {
          expect(hit).not.toBeNull();
          const s = shelters[hit!.shelter];
          expect(ok(s)).toBe(true);
          expect(hit!.distanceM).toBeCloseTo(best, 6);
        }
      }
    }
  });

  it('agrees with turf.nearestPoint on the shelter chosen (up to distance ties)', () => {
    const rand = seededRandom(11);
    const shelters = randomShelters(rand, 500);
    const index = new ShelterIndex(shelters);
    const suitable = shelters.filter((s) => !s.closed && s.kinds.includes('emergency_site') && s.hazards.includes('flood'));
    const fc = turf.featureCollection(suitable.map((s) => turf.point(s.location, { id: s.id })));
    for (let q = 0; q < 200; q++) {
      const point: LngLat = [140.7 + rand() * 0.1, 40.8 + rand() * 0.1];
      const ours = index.nearest(point, { kind: 'emergency_site', hazard: 'flood' })!;
      const theirs = turf.nearestPoint(turf.point(point), fc);
      const theirsShelter = suitable.find((s) => s.id === theirs.properties.id)!;
      expect(ours.distanceM).toBeCloseTo(distanceMetres(point, theirsShelter.location), 6);
    }
  });

  it('never sends anyone to a closed shelter or one not designated for the hazard', () => {
    const shelters = [
      makeShelter('near-closed', [140.0, 40.0], { closed: true }),
      makeShelter('near-wrong-hazard', [140.0001, 40.0], { hazards: ['earthquake'] }),
      makeShelter('far-ok', [140.01, 40.0], { hazards: ['flood'] }),
    ];
    const people = [makePerson('p1', [140.0, 40.0]), makePerson('p2', null)];
    const choices = nearestSuitableShelters(people, new ShelterIndex(shelters), 'emergency_site', ['flood', 'tsunami']);
    expect(choices).toHaveLength(1);
    expect(choices[0]).toMatchObject({ personId: 'p1', hazard: 'flood', shelterId: 'far-ok' });
    expect(choices[0].distanceM).toBeCloseTo(distanceMetres([140, 40], [140.01, 40]), 6);
  });

  it('gives no shelter when all are closed or there are none', () => {
    const closed = [makeShelter('a', [140, 40], { closed: true }), makeShelter('b', [140.1, 40], { closed: true })];
    expect(new ShelterIndex(closed).nearest([140, 40], { hazard: 'flood' })).toBeNull();
    expect(new ShelterIndex([]).nearest([140, 40])).toBeNull();
    expect(nearestSuitableShelters([makePerson('p', [140, 40])], new ShelterIndex([]))).toEqual([]);
  });

  it('around() lists the k nearest within the radius, nearest first', () => {
    const rand = seededRandom(5);
    const shelters = randomShelters(rand, 200);
    const index = new ShelterIndex(shelters);
    const point: LngLat = [140.75, 40.85];
    const hits = index.around(point, 5, { kind: 'emergency_site' }, 3000);
    const expected = shelters
      .filter((s) => !s.closed && s.kinds.includes('emergency_site'))
      .map((s) => distanceMetres(point, s.location))
      .filter((d) => d <= 3000)
      .sort((a, b) => a - b)
      .slice(0, 5);
    expect(hits.map((h) => h.distanceM)).toEqual(expected.map((d) => expect.closeTo(d, 6)));
  });
});

describe('福祉避難所 that accepts the person', () => {
  const onDate = '2025-04-01';

  it('derives groups from age, mobility, communication and medical needs', () => {
    expect(acceptGroupsOf(makePerson('a', null, { birthDate: '1950-04-01' }), onDate)).toEqual(['elderly', 'care_needed']);
    expect(acceptGroupsOf(makePerson('b', null, { birthDate: '1990-01-01' }), onDate)).toEqual([]);
    expect(acceptGroupsOf(makePerson('c', null, { birthDate: '2021-01-01', medical: ['ventilator'] }), onDate)).toEqual(['children', 'infants', 'medical_care', 'care_needed']);
    expect(acceptGroupsOf(makePerson('d', null, { birthDate: '1990-01-01', mobility: 'wheelchair' }), onDate)).toEqual(['disabled', 'care_needed']);
    expect(acceptGroupsOf(makePerson('e', null, { birthDate: '1990-01-01', communication: ['language'] }), onDate)).toEqual([]);
    expect(acceptGroupsOf(makePerson('f', null, { birthDate: '1990-01-01', mobility: 'cane_walker' }), onDate)).toEqual(['care_needed']);
  });

  it('requires medical care for medically dependent people and honours 要配慮者 and unlisted shelters', () => {
    const oxygen: AcceptGroup[] = ['elderly', 'medical_care', 'care_needed'];
    expect(acceptsPerson(['elderly'], oxygen)).toBe(false);
    expect(acceptsPerson(['medical_care'], oxygen)).toBe(true);
    expect(acceptsPerson(['care_needed'], ['disabled', 'care_needed'])).toBe(true);
    expect(acceptsPerson(['children'], ['elderly', 'care_needed'])).toBe(false);
    expect(acceptsPerson([], ['elderly', 'care_needed'])).toBe(true);
    expect(acceptsPerson([], ['elderly', 'care_needed'], { acceptsWhenUnlisted: false })).toBe(false);
    expect(acceptsPerson(['care_needed'], [])).toBe(false);
  });

  it('finds the nearest accepting 福祉避難所, matching brute force', () => {
    const rand = seededRandom(21);
    const shelters = randomShelters(rand, 200).map((s) => ({ ...s, kinds: rand() < 0.6 ? (['welfare_shelter'] as ShelterKind[]) : s.kinds }));
    const index = new ShelterIndex(shelters);
    const finder = new WelfareShelterFinder(index);
    for (let q = 0; q < 300; q++) {
      const person = makePerson(`p${q}`, [140.7 + rand() * 0.1, 40.8 + rand() * 0.1], {
        birthDate: `${1920 + randInt(rand, 100)}-06-01`,
        mobility: (['independent', 'cane_walker', 'wheelchair', 'bedridden'] as const)[randInt(rand, 4)],
        medical: rand() < 0.2 ? ['home_oxygen'] : [],
      });
      const groups = acceptGroupsOf(person, onDate);
      const point: LngLat = [person.location!.lng, person.location!.lat];
      const best = bruteNearest(point, shelters, (s) => !s.closed && s.kinds.includes('welfare_shelter') && acceptsPerson(s.accepts, groups));
      const hit = finder.nearestFor(person, onDate);
      if (best === Infinity) expect(hit).toBeNull();
      else {
        expect(acceptsPerson(shelters[hit!.shelter].accepts, groups)).toBe(true);
        expect(hit!.distanceM).toBeCloseTo(best, 6);
      }
    }
  });
});
