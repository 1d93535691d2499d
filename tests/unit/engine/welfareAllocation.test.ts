import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../../src/core/geo';
import { allocateWelfareShelters } from '../../../src/core/welfareAllocation';
import { acceptGroupsOf, acceptsPerson } from '../../../src/core/welfareEligibility';
import type { AcceptGroup, Shelter } from '../../../src/core/shelter';
import type { Person } from '../../../src/core/person';
import { makePerson, makeShelter } from './fixtures';
import { randInt, seededRandom } from './random';

const onDate = '2025-04-01';
const welfare = (id: string, loc: [number, number], accepts: AcceptGroup[], capacity: number | null, closed = false) =>
  makeShelter(id, loc, { kinds: ['welfare_shelter'], accepts, capacity, closed });

/** Brute force: most people placed, then least total metres. */
function brute(people: Person[], shelters: Shelter[], assumedWelfareCapacity: number) {
  const open = shelters.filter((s) => !s.closed);
  let best = { assigned: -1, total: Infinity };
  const load = open.map(() => 0);
  const go = (i: number, assigned: number, total: number) => {
    if (i === people.length) {
      if (assigned > best.assigned || (assigned === best.assigned && total < best.total - 1e-6)) best = { assigned, total };
      return;
    }
    go(i + 1, assigned, total);
    const p = people[i];
    open.forEach((s, j) => {
      if (load[j] < (s.capacity ?? assumedWelfareCapacity) && acceptsPerson(s.accepts, acceptGroupsOf(p, onDate))) {
        load[j]++;
        go(i + 1, assigned + 1, total + distanceMetres([p.location!.lng, p.location!.lat], s.location));
        load[j]--;
      }
    });
  };
  go(0, 0, 0);
  return best;
}

describe('福祉避難所 allocation', () => {
  it('places the most people at the least total distance, as brute force does', () => {
    const rand = seededRandom(31);
    const groups: AcceptGroup[][] = [['elderly'], ['disabled'], ['medical_care'], ['care_needed'], []];
    for (let trial = 0; trial < 120; trial++) {
      const people = Array.from({ length: 1 + randInt(rand, 6) }, (_, i) =>
        makePerson(`p${i}`, [140 + rand() * 0.02, 40 + rand() * 0.02], {
          birthDate: rand() < 0.7 ? '1940-01-01' : '1990-01-01',
          mobility: rand() < 0.3 ? 'wheelchair' : 'independent',
          medical: rand() < 0.2 ? ['ventilator'] : [],
        }),
      );
      const shelters = Array.from({ length: randInt(rand, 4) }, (_, j) =>
        welfare(`w${j}`, [140 + rand() * 0.02, 40 + rand() * 0.02], groups[randInt(rand, groups.length)], rand() < 0.3 ? null : randInt(rand, 3), rand() < 0.15),
      );
      const result = allocateWelfareShelters(people, shelters, { onDate, assumedWelfareCapacity: 1 });
      const expected = brute(people, shelters, 1);
      expect(result.summary.assigned).toBe(expected.assigned);
      expect(result.summary.totalDistanceM).toBeCloseTo(expected.assigned === 0 ? 0 : expected.total, 4);
      expect(result.summary.assigned + result.summary.unassigned).toBe(people.length);
      expect(result.assignments.length + result.leftOver.length).toBe(people.length);
      // Greedy never does better.
      expect(result.greedy.assigned).toBeLessThanOrEqual(result.summary.assigned);
      for (const a of result.assignments) {
        const s = shelters.find((x) => x.id === a.shelterId)!;
        expect(s.closed).toBe(false);
        expect(acceptsPerson(s.accepts, acceptGroupsOf(people.find((p) => p.id === a.personId)!, onDate))).toBe(true);
      }
    }
  });

  it('explains who is left over and counts the shortfall per district', () => {
    const near: [number, number] = [140, 40];
    const people = [
      { ...makePerson('vent', near, { medical: ['ventilator'] }), districtId: 'd1' },
      { ...makePerson('old1', near), districtId: 'd1' },
      { ...makePerson('old2', near), districtId: 'd2' },
      { ...makePerson('nowhere', null), districtId: 'd2' },
    ];
    const shelters = [welfare('elderly-home', [140.001, 40], ['elderly'], 1), welfare('closed-hospital', near, ['medical_care'], 10, true)];
    const r = allocateWelfareShelters(people, shelters, { onDate, assumedWelfareCapacity: 5 });
    expect(r.summary).toMatchObject({ assigned: 1, unassigned: 3 });
    expect(r.leftOver).toEqual(
      expect.arrayContaining([
        { personId: 'vent', reason: 'no_eligible_shelter', missing: ['medical_care'] }, // the only 医療的ケア shelter is closed
        { personId: 'nowhere', reason: 'no_location' },
        { personId: expect.stringMatching(/^old/), reason: 'capacity' },
      ]),
    );
    expect(r.shortfallByDistrict.d1 + r.shortfallByDistrict.d2).toBe(3);
    expect(r.shortfallByDistrict.d2).toBeGreaterThanOrEqual(1);
    expect(r.assumedCapacityShelterIds).toEqual([]);
  });

  it('uses the default capacity when capacity is unknown, and reports it', () => {
    const people = Array.from({ length: 5 }, (_, i) => makePerson(`p${i}`, [140, 40 + i * 0.001]));
    const r = allocateWelfareShelters(people, [welfare('gsi', [140, 40], [], null)], { onDate, assumedWelfareCapacity: 3 });
    expect(r.summary.assigned).toBe(3);
    expect(r.assumedCapacityShelterIds).toEqual(['gsi']);
    // The three nearest get the places.
    expect(r.assignments.map((a) => a.personId).sort()).toEqual(['p0', 'p1', 'p2']);
  });

  it('handles no people, no shelters, all closed', () => {
    expect(allocateWelfareShelters([], [], { onDate, assumedWelfareCapacity: 5 }).summary).toEqual({ assigned: 0, unassigned: 0, totalDistanceM: 0, maxDistanceM: 0 });
    const p = [makePerson('a', [140, 40])];
    expect(allocateWelfareShelters(p, [], { onDate, assumedWelfareCapacity: 5 }).leftOver).toEqual([{ personId: 'a', reason: 'no_eligible_shelter', missing: acceptGroupsOf(p[0], onDate) }]);
    expect(allocateWelfareShelters(p, [welfare('x', [140, 40], ['elderly'], 9, true)], { onDate, assumedWelfareCapacity: 5 }).summary.assigned).toBe(0);
  });
});
