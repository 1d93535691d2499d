import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../../src/core/geo';
import { HazardIndex } from '../../../src/core/hazardAtHome';
import { matchSupporters, isAvailable } from '../../../src/core/supporterMatching';
import type { Person } from '../../../src/core/person';
import type { Supporter, Availability } from '../../../src/core/supporter';
import { makePerson, makeSupporter } from './fixtures';
import { randInt, seededRandom } from './random';

const at = (p: Person | Supporter): [number, number] => [p.location!.lng, p.location!.lat];

/** Brute force for one round: most people matched, then least total, given supporters' room and excluded pairs. */
function bruteRound(people: Person[], sups: Supporter[], room: number[], allowed: (i: number, k: number) => boolean) {
  let best = { count: -1, total: Infinity };
  const go = (i: number, count: number, total: number) => {
    if (i === people.length) {
      if (count > best.count || (count === best.count && total < best.total - 1e-6)) best = { count, total };
      return;
    }
    go(i + 1, count, total);
    sups.forEach((s, k) => {
      if (room[k] > 0 && allowed(i, k)) {
        room[k]--;
        go(i + 1, count + 1, total + distanceMetres(at(people[i]), at(s)));
        room[k]++;
      }
    });
  };
  go(0, 0, 0);
  return best;
}

describe('supporter matching', () => {
  it('round by round matches as many people as brute force, at the least distance, within radius, load and availability', () => {
    const rand = seededRandom(8);
    const availabilities: Availability[] = ['day', 'night', 'day_and_night'];
    for (let trial = 0; trial < 80; trial++) {
      const pt = (): [number, number] => [140 + rand() * 0.008, 40 + rand() * 0.008];
      const people = Array.from({ length: 1 + randInt(rand, 5) }, (_, i) => makePerson(`p${i}`, pt()));
      const sups = Array.from({ length: randInt(rand, 4) }, (_, k) => makeSupporter(`s${k}`, pt(), 1 + randInt(rand, 2), availabilities[randInt(rand, 3)]));
      const timeOfDay = trial % 2 === 0 ? 'day' : 'night';
      const r = matchSupporters(people, sups, { radiusM: 500, timeOfDay });
      const ok = (i: number, k: number) => isAvailable(sups[k], timeOfDay) && distanceMetres(at(people[i]), at(sups[k])) <= 500;
      const room = sups.map((s) => s.capacity);
      const round1 = bruteRound(people, sups, [...room], ok);
      const first = r.matches.filter((m) => m.round === 1);
      expect(first.length).toBe(round1.count);
      expect(first.reduce((s, m) => s + m.distanceM, 0)).toBeCloseTo(round1.count === 0 ? 0 : round1.total, 4);
      // Round 2 given round 1.
      const firstOf = new Map(first.map((m) => [m.personId, m.supporterId]));
      const left = sups.map((s) => s.capacity - first.filter((m) => m.supporterId === s.id).length);
      const round2 = bruteRound(people, sups, left, (i, k) => ok(i, k) && firstOf.has(people[i].id) && firstOf.get(people[i].id) !== sups[k].id);
      expect(r.matches.filter((m) => m.round === 2).length).toBe(round2.count);
      // Constraints a user would check by hand.
      for (const m of r.matches) {
        const k = sups.findIndex((s) => s.id === m.supporterId);
        expect(ok(people.findIndex((p) => p.id === m.personId), k)).toBe(true);
      }
      for (const l of r.loads) expect(l.load).toBeLessThanOrEqual(sups.find((s) => s.id === l.supporterId)!.capacity);
      expect(r.overloaded).toEqual([]);
      const pairs = r.matches.map((m) => `${m.personId}/${m.supporterId}`);
      expect(new Set(pairs).size).toBe(pairs.length);
      expect(r.uncovered.length).toBe(people.length - round1.count);
    }
  });

  it('prefers giving everyone one supporter over giving someone two', () => {
    // One supporter with room for 2 near A and B; the target is 2 each.
    const people = [makePerson('A', [140, 40]), makePerson('B', [140.001, 40])];
    const r = matchSupporters(people, [makeSupporter('s', [140.0005, 40], 2)], { radiusM: 500 });
    expect(r.matches.map((m) => m.personId).sort()).toEqual(['A', 'B']);
    expect(r.uncovered).toEqual([]);
    expect(r.belowTarget.sort()).toEqual(['A', 'B']);
  });

  it('reports 支援者空白 for people out of reach or when only night supporters exist by day', () => {
    const people = [makePerson('far', [140.1, 40]), makePerson('near', [140, 40]), makePerson('unplaced', null)];
    const sups = [makeSupporter('night-only', [140.001, 40], 3, 'night')];
    expect(matchSupporters(people, sups, { timeOfDay: 'day' }).uncovered).toEqual(['far', 'near', 'unplaced']);
    expect(matchSupporters(people, sups, { timeOfDay: 'night' }).uncovered).toEqual(['far', 'unplaced']);
    expect(matchSupporters(people, sups, { timeOfDay: 'night', maxLoad: 0 }).uncovered).toEqual(['far', 'near', 'unplaced']);
    expect(matchSupporters([], []).matches).toEqual([]);
  });

  it('flags a supporter who lives in the same hazard zone as the person', () => {
    const zone = { id: 'flood-zone', hazard: 'flood' as const, depthClass: null, name: '', source: '', bbox: [0, 0, 0, 0] as [number, number, number, number],
      geometry: { type: 'Polygon' as const, coordinates: [[[139.99, 39.99], [140.002, 39.99], [140.002, 40.01], [139.99, 40.01], [139.99, 39.99]]] } };
    const people = [makePerson('p', [140, 40])];
    const sups = [makeSupporter('inside', [140.001, 40], 1), makeSupporter('outside', [140.003, 40], 1)];
    const r = matchSupporters(people, sups, { hazards: new HazardIndex([zone]) });
    expect(r.matches.map((m) => m.supporterId)).toEqual(['inside', 'outside']);
    expect(r.sharedHazard).toEqual([{ personId: 'p', supporterId: 'inside', zoneIds: ['flood-zone'] }]);
  });
});
