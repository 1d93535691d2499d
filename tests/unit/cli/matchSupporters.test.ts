import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { distanceMetres } from '../../../src/core/geo';
import type { Person } from '../../../src/core/person';
import type { Supporter } from '../../../src/core/supporter';
import { rosterCsv, supportersCsv } from '../../bench/syntheticRoster';
import { AIZU_ROSTER, AIZU_SUPPORTERS, AREA_CENTRE, CLI_TESTS, readPeople, readSupporters, run, summary, tempDir, type CliRun } from './helpers';

interface Options {
  radiusM: number;
  maxLoad?: number;
  time: 'day' | 'night';
}

const dist = (p: Person, s: Supporter) => distanceMetres([p.location!.lng, p.location!.lat], [s.location!.lng, s.location!.lat]);
const usable = (s: Supporter, o: Options) => s.location !== null && (s.availability === 'day_and_night' || s.availability === o.time);
const limit = (s: Supporter, o: Options) => Math.min(s.capacity, o.maxLoad ?? Infinity);

/** Largest number of people that can each get one supporter (Kuhn's augmenting paths with capacities). */
function maxCovered(people: Person[], supporters: Supporter[], o: Options): number {
  const sup = supporters.filter((s) => usable(s, o));
  const edges = people.map((p) => (p.location ? sup.map((s, k) => (dist(p, s) <= o.radiusM ? k : -1)).filter((k) => k >= 0) : []));
  const slots: number[][] = sup.map(() => []); // people held by each supporter
  const augment = (i: number, seen: Set<number>): boolean => {
    for (const k of edges[i]) {
      if (seen.has(k)) continue;
      seen.add(k);
      if (slots[k].length < limit(sup[k], o)) return (slots[k].push(i), true);
      for (let j = 0; j < slots[k].length; j++) {
        if (augment(slots[k][j], seen)) {
          slots[k][j] = i;
          return true;
        }
      }
    }
    return false;
  };
  let covered = 0;
  people.forEach((_, i) => {
    if (augment(i, new Set())) covered++;
  });
  return covered;
}

function checkMatching(r: CliRun, allPeople: Person[], supporters: Supporter[], o: Options, target = 2) {
  expect(r.code).toBe(0);
  expect(r.header).toEqual(['person_id', 'supporter_id', 'distance_m']);
  const people = allPeople.filter((p) => isShareable(p.consent));
  const personById = new Map(people.map((p) => [p.id, p]));
  const supById = new Map(supporters.map((s) => [s.id, s]));
  const load = new Map<string, number>();
  const perPerson = new Map<string, Set<string>>();
  let total = 0;
  for (const row of r.rows) {
    const p = personById.get(row.person_id)!;
    const s = supById.get(row.supporter_id)!;
    expect(p, `${row.person_id} must be a consenting person`).toBeDefined();
    expect(usable(s, o), `${s.id} available at ${o.time}`).toBe(true);
    const d = dist(p, s);
    expect(d).toBeLessThanOrEqual(o.radiusM + 1e-9);
    expect(Math.abs(Number(row.distance_m) - d)).toBeLessThanOrEqual(0.05 + 1e-9);
    const set = perPerson.get(p.id) ?? new Set();
    expect(set.has(s.id), 'a supporter is not given twice to one person').toBe(false);
    set.add(s.id);
    perPerson.set(p.id, set);
    load.set(s.id, (load.get(s.id) ?? 0) + 1);
    total += d;
  }
  for (const [id, n] of load) expect(n).toBeLessThanOrEqual(limit(supById.get(id)!, o));
  for (const set of perPerson.values()) expect(set.size).toBeLessThanOrEqual(target);
  const s = summary(r, 'matched');
  expect(Object.keys(s)).toEqual(['matched', 'unmatched', 'two_supporters', 'total_distance_m']);
  expect(s.matched).toBe(perPerson.size);
  expect(s.unmatched).toBe(people.length - perPerson.size);
  expect(s.two_supporters).toBe([...perPerson.values()].filter((x) => x.size >= 2).length);
  expect(Math.abs(s.total_distance_m - total)).toBeLessThanOrEqual(0.05 + 1e-6);
  // Round 1 covers as many people as any assignment could.
  expect(s.matched).toBe(maxCovered(people, supporters, o));
  return s;
}

describe.concurrent('hinan match-supporters', CLI_TESTS, () => {
  it('会津若松 roster, defaults (500 m, day, stated loads): constraints hold; as many people covered as possible', async () => {
    const people = readPeople(AIZU_ROSTER);
    const supporters = readSupporters(AIZU_SUPPORTERS);
    const r = await run(['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS]);
    const s = checkMatching(r, people, supporters, { radiusM: 500, time: 'day' });
    expect(s.matched).toBeGreaterThan(500);
    expect(s.two_supporters).toBeGreaterThan(0);
    expect(r.stderr.join('\n')).toContain('同意のない');
  });

  it('night, --max-load 1, --radius-m 300', async () => {
    const r = await run(['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS, '--time', 'night', '--max-load', '1', '--radius-m', '300']);
    checkMatching(r, readPeople(AIZU_ROSTER), readSupporters(AIZU_SUPPORTERS), { radiusM: 300, maxLoad: 1, time: 'night' });
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: random people and supporters`, async () => {
      const area = { centres: [AREA_CENTRE] as [number, number][], radiusM: 1200, city: '福島県会津若松市' };
      const dir = tempDir({ 'p.csv': rosterCsv(seed, 120, area), 'u.csv': supportersCsv(seed + 50, 40 + seed * 10, area) });
      const o: Options = { radiusM: 250 + seed * 50, maxLoad: seed % 2 ? 2 : undefined, time: seed % 3 ? 'day' : 'night' };
      const args = ['match-supporters', '--people', 'p.csv', '--supporters', 'u.csv', '--radius-m', String(o.radiusM), '--time', o.time, ...(o.maxLoad ? ['--max-load', String(o.maxLoad)] : [])];
      checkMatching(await run(args, dir), readPeople('p.csv', dir), readSupporters('u.csv', dir), o);
    });
  }

  it('--target 1 gives at most one supporter each; a radius of 0 matches nobody', async () => {
    const r = await run(['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS, '--target', '1']);
    checkMatching(r, readPeople(AIZU_ROSTER), readSupporters(AIZU_SUPPORTERS), { radiusM: 500, time: 'day' }, 1);
    const none = await run(['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS, '--radius-m', '0']);
    expect(none.rows).toEqual([]);
    expect(summary(none, 'matched')).toMatchObject({ matched: 0, two_supporters: 0, total_distance_m: 0 });
  });
});
