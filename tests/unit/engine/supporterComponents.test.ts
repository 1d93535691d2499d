import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../../src/core/geo';
import { matchSupporters, type SupporterMatching } from '../../../src/core/supporterMatching';
import type { Availability } from '../../../src/core/supporter';
import { legacyMatchSupporters } from '../../bench/legacySupporterMatching';
import { makePerson, makeSupporter } from './fixtures';
import { randInt, seededRandom } from './random';

/** People and supporters in `clusters` separate neighbourhoods (2 km apart) plus a few stragglers. */
function clusteredInstance(seed: number, clusters: number, perCluster: number) {
  const rand = seededRandom(seed);
  const availabilities: Availability[] = ['day', 'night', 'day_and_night', 'day_and_night'];
  const people = [], sups = [];
  for (let c = 0; c < clusters; c++) {
    const cx = 140 + (c % 4) * 0.025, cy = 40 + Math.floor(c / 4) * 0.02;
    const pt = (spread: number): [number, number] => [cx + (rand() - 0.5) * spread, cy + (rand() - 0.5) * spread * 0.75];
    for (let i = 0; i < perCluster; i++) people.push(makePerson(`p${c}-${i}`, pt(0.012)));
    for (let k = 0; k < Math.ceil(perCluster / 3); k++) sups.push(makeSupporter(`s${c}-${k}`, pt(0.012), 1 + randInt(rand, 3), availabilities[randInt(rand, 4)]));
  }
  for (let i = 0; i < 10; i++) people.push(makePerson(`x${i}`, [140 + rand() * 0.1, 40 + rand() * 0.06]));
  return { people, sups };
}

const summary = (m: Pick<SupporterMatching, 'matches' | 'uncovered' | 'totalDistanceM'>) => ({
  round1: m.matches.filter((x) => x.round === 1).length,
  round2: m.matches.filter((x) => x.round === 2).length,
  uncovered: m.uncovered.length,
});

describe('supporter matching by connected components', () => {
  for (const seed of [21, 22, 23]) {
    it(`seed ${seed}: components solved apart give the same coverage and total distance as the whole instance at once (and as the original solver)`, () => {
      const { people, sups } = clusteredInstance(seed, 6, 80 + seed);
      for (const timeOfDay of ['day', 'night'] as const) {
        const split = matchSupporters(people, sups, { timeOfDay, exactPairLimit: Infinity });
        const whole = matchSupporters(people, sups, { timeOfDay, exactPairLimit: Infinity, decompose: false });
        const original = legacyMatchSupporters(people, sups, { timeOfDay });
        expect(split.approximatedPeople).toBe(0);
        expect(summary(split)).toEqual(summary(whole));
        expect(summary(split)).toEqual(summary(original));
        expect(split.totalDistanceM).toBeCloseTo(whole.totalDistanceM, 6);
        expect(split.totalDistanceM).toBeCloseTo(original.totalDistanceM, 6);
        expect(split.matches.filter((m) => m.round === 1).reduce((s, m) => s + m.distanceM, 0))
          .toBeCloseTo(original.matches.filter((m) => m.round === 1).reduce((s, m) => s + m.distanceM, 0), 6);
        expect(split.totalDistanceM).toBeGreaterThan(0);
      }
    });
  }

  it('a component above the exact limit is approximated, reported, and still respects radius, load and one pair per supporter', () => {
    const { people, sups } = clusteredInstance(31, 3, 120);
    const exact = matchSupporters(people, sups, { exactPairLimit: Infinity });
    const approx = matchSupporters(people, sups, { exactPairLimit: 500, approximateTileM: 1000 });
    expect(exact.approximatedPeople).toBe(0);
    expect(approx.approximatedPeople).toBeGreaterThan(0);
    expect(approx.approximatedComponents).toBeGreaterThan(0);
    const byId = new Map(sups.map((s) => [s.id, s]));
    const personById = new Map(people.map((p) => [p.id, p]));
    const load = new Map<string, number>();
    const pairs = new Set<string>();
    for (const m of approx.matches) {
      const s = byId.get(m.supporterId)!, p = personById.get(m.personId)!;
      expect(distanceMetres([p.location!.lng, p.location!.lat], [s.location!.lng, s.location!.lat])).toBeLessThanOrEqual(500);
      load.set(s.id, (load.get(s.id) ?? 0) + 1);
      pairs.add(`${m.personId}/${m.supporterId}`);
    }
    expect(pairs.size).toBe(approx.matches.length);
    for (const [id, n] of load) expect(n).toBeLessThanOrEqual(byId.get(id)!.capacity);
    // Never better than exact; here within a few percent of it.
    expect(summary(approx).round1).toBeLessThanOrEqual(summary(exact).round1);
    expect(summary(approx).round1).toBeGreaterThanOrEqual(Math.floor(summary(exact).round1 * 0.95));
  });
});
