import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { distanceMetres } from '../../../src/core/geo';
import type { Person } from '../../../src/core/person';
import type { Shelter } from '../../../src/core/shelter';
import { acceptGroupsOf, acceptsPerson } from '../../../src/core/welfareEligibility';
import { rosterCsv } from '../../bench/syntheticRoster';
import { AIZU_ROSTER, AIZU_SHELTERS, AREA_CENTRE, CLI_TESTS, FIXTURES, gsiGeojson, randomShelters, readPeople, readShelters, run, summary, tempDir, type CliRun } from './helpers';

const DATE = '2025-04-01';

interface Instance {
  people: Person[];
  welfare: Shelter[];
  capacity: number;
}

/** People the command considers: consenting, and needing a 福祉避難所 (the 要配慮者 group). */
function candidates(people: Person[]): Person[] {
  return people.filter((p) => isShareable(p.consent) && (p.mobility === 'wheelchair' || p.mobility === 'bedridden' || p.medical.length > 0));
}

const cost = (p: Person, s: Shelter, welfare: Shelter[]) =>
  p.location && welfare.includes(s) && acceptsPerson(s.accepts, acceptGroupsOf(p, DATE)) ? distanceMetres([p.location.lng, p.location.lat], s.location) : Infinity;

/** Greedy nearest, written independently: people in file order, nearest accepting shelter with room. */
function greedy({ people, welfare, capacity }: Instance): { assigned: number; total: number } {
  const left = welfare.map(() => capacity);
  let assigned = 0, total = 0;
  for (const p of people) {
    let best = -1;
    welfare.forEach((s, j) => {
      if (left[j] > 0 && cost(p, s, welfare) < Infinity && (best < 0 || cost(p, s, welfare) < cost(p, welfare[best], welfare))) best = j;
    });
    if (best >= 0) (left[best]--, assigned++, (total += cost(p, welfare[best], welfare)));
  }
  return { assigned, total };
}

/** Exhaustive optimum for tiny instances: most people placed, then least total distance. */
function bruteForce({ people, welfare, capacity }: Instance): { assigned: number; total: number } {
  let best = { assigned: -1, total: Infinity };
  const left = welfare.map(() => capacity);
  const go = (i: number, assigned: number, total: number) => {
    if (i === people.length) {
      if (assigned > best.assigned || (assigned === best.assigned && total < best.total - 1e-9)) best = { assigned, total };
      return;
    }
    go(i + 1, assigned, total);
    welfare.forEach((s, j) => {
      const c = cost(people[i], s, welfare);
      if (left[j] === 0 || c === Infinity) return;
      left[j]--;
      go(i + 1, assigned + 1, total + c);
      left[j]++;
    });
  };
  go(0, 0, 0);
  return best;
}

/** Checks the output's constraints and returns the parsed summary. */
function checkAllocation(r: CliRun, inst: Instance, allShelters: Shelter[]) {
  expect(r.code).toBe(0);
  expect(r.header).toEqual(['person_id', 'shelter_id', 'distance_m']);
  const s = summary(r, 'assigned');
  expect(Object.keys(s)).toEqual(['assigned', 'unassigned', 'total_distance_m', 'max_distance_m']);
  expect(s.assigned).toBe(r.rows.length);
  expect(s.assigned + s.unassigned).toBe(inst.people.length);
  const people = new Map(inst.people.map((p) => [p.id, p]));
  const load = new Map<string, number>();
  let total = 0, max = 0;
  for (const row of r.rows) {
    const p = people.get(row.person_id)!;
    expect(p, `${row.person_id} is a consenting person who needs a 福祉避難所`).toBeDefined();
    const shelter = allShelters.find((x) => x.id === row.shelter_id)!;
    const c = cost(p, shelter, inst.welfare);
    expect(c, `${p.id} → ${shelter.id} must be an open, accepting 福祉避難所`).toBeLessThan(Infinity);
    expect(Math.abs(Number(row.distance_m) - c)).toBeLessThanOrEqual(0.05 + 1e-9);
    load.set(shelter.id, (load.get(shelter.id) ?? 0) + 1);
    total += c;
    max = Math.max(max, c);
  }
  expect(new Set(r.rows.map((x) => x.person_id)).size).toBe(r.rows.length);
  for (const n of load.values()) expect(n).toBeLessThanOrEqual(inst.capacity);
  expect(Math.abs(s.total_distance_m - total)).toBeLessThanOrEqual(0.05 + 1e-6);
  expect(Math.abs(s.max_distance_m - max)).toBeLessThanOrEqual(0.05 + 1e-6);
  // Never worse than greedy nearest: at least as many placed, and no more distance for as many.
  const g = greedy(inst);
  expect(s.assigned).toBeGreaterThanOrEqual(g.assigned);
  if (s.assigned === g.assigned) expect(total).toBeLessThanOrEqual(g.total + 1e-6);
  return { summary: s, total, greedy: g };
}

describe.concurrent('hinan allocate-welfare on 会津若松 data', CLI_TESTS, () => {
  const people = readPeople(AIZU_ROSTER);
  const shelters = readShelters(AIZU_SHELTERS);
  const welfare = shelters.filter((s) => s.kinds.includes('welfare_shelter'));

  it('capacity assumed (GSI has none): warns, respects it, beats greedy on total distance', async () => {
    const r = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--capacity-default', '15', '--date', DATE]);
    const { summary: s, greedy: g } = checkAllocation(r, { people: candidates(people), welfare, capacity: 15 }, shelters);
    expect(r.stderr.join('\n')).toMatch(/警告: 収容人数が不明な福祉避難所32か所.*15人/);
    expect(s.assigned).toBeGreaterThan(0);
    expect(s.total_distance_m).toBeLessThan(g.total);
    expect(r.stderr.at(-1)).toMatch(/^assigned=\d+ unassigned=\d+ total_distance_m=\d+\.\d max_distance_m=\d+\.\d$/);
  });

  it('default capacity is 10 and is said so; closed 福祉避難所 get nobody', async () => {
    const closed = welfare.slice(0, 10).map((s) => s.id);
    const r = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--date', DATE, '--closed', closed.join(',')]);
    checkAllocation(r, { people: candidates(people), welfare: welfare.filter((s) => !closed.includes(s.id)), capacity: 10 }, shelters);
    expect(r.stderr.join('\n')).toContain('10人として計算しました');
    expect(r.rows.some((x) => closed.includes(x.shelter_id))).toBe(false);
  });

  it('--capacity-default takes the app’s one range, 0–500 persons: 0 counts unknown ones as taking nobody, 501 is refused', async () => {
    const zero = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--capacity-default', '0', '--date', DATE]);
    expect(zero.code).toBe(0);
    expect(zero.rows).toEqual([]);
    expect(zero.stderr.join('\n')).toContain('0人として計算しました');
    const over = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--capacity-default', '501', '--date', DATE]);
    expect(over.code).toBe(2);
    expect(over.stderr.join('\n')).toContain('--capacity-default 「501」は0〜500の整数で指定してください。');
    for (const odd of ['0x0A', '1e1', '-1', '3.5', 'abc']) {
      const r = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--capacity-default', odd, '--date', DATE]);
      expect(r.code, odd).toBe(2);
      expect(r.stderr.join('\n')).toContain(`--capacity-default 「${odd}」は0〜500の整数で指定してください。`);
    }
    const help = await run(['allocate-welfare', '--help']);
    expect(help.stdout.join('\n')).toContain('（0〜500、既定10人。');
  });

  it('all 福祉避難所 closed → nobody assigned', async () => {
    const r = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--date', DATE, '--closed', welfare.map((s) => s.id).join(',')]);
    expect(r.code).toBe(0);
    expect(r.rows).toEqual([]);
    expect(summary(r, 'assigned')).toEqual({ assigned: 0, unassigned: candidates(people).length, total_distance_m: 0, max_distance_m: 0 });
  });
});

describe.concurrent('hinan allocate-welfare on random instances', CLI_TESTS, () => {
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: tiny instance equals the exhaustive optimum`, async () => {
      const syn = randomShelters(seed * 7, 9, 2000, 1).map((s, i) => ({ ...s, role: i < 3 ? ('welfare' as const) : s.role }));
      const dir = tempDir({ 's.geojson': gsiGeojson(syn), 'p.csv': rosterCsv(seed, 9, { centres: [AREA_CENTRE], radiusM: 1500, city: '福島県会津若松市' }) });
      const shelters = readShelters(['s.geojson'], dir);
      const inst = { people: candidates(readPeople('p.csv', dir)), welfare: shelters.filter((s) => s.kinds.includes('welfare_shelter')), capacity: 1 + (seed % 2) };
      const r = await run(['allocate-welfare', '--people', 'p.csv', '--shelters', 's.geojson', '--capacity-default', String(inst.capacity), '--date', DATE], dir);
      const { summary: s, total } = checkAllocation(r, inst, shelters);
      const best = bruteForce(inst);
      expect(s.assigned).toBe(best.assigned);
      expect(total).toBeCloseTo(best.total, 6);
    });
  }

  for (const seed of [21, 22, 23]) {
    it(`seed ${seed}: 300 people × scarce capacity: constraints hold and never worse than greedy`, async () => {
      const syn = randomShelters(seed, 30, 4000, 3);
      const dir = tempDir({ 's.geojson': gsiGeojson(syn), 'p.csv': rosterCsv(seed, 300, { centres: [AREA_CENTRE], radiusM: 2500, city: '福島県会津若松市' }) });
      const shelters = readShelters(['s.geojson'], dir);
      const inst = { people: candidates(readPeople('p.csv', dir)), welfare: shelters.filter((s) => s.kinds.includes('welfare_shelter')), capacity: 6 };
      const r = await run(['allocate-welfare', '--people', 'p.csv', '--shelters', 's.geojson', '--capacity-default', '6', '--date', DATE], dir);
      checkAllocation(r, inst, shelters);
    });
  }

  it('nobody eligible: 福祉避難所 accepting only 乳幼児 and a 名簿 of adults → nobody assigned, all counted', async () => {
    const syn = randomShelters(3, 6, 2000).map((s) => ({ ...s, role: 'welfare' as const, accepts: '乳幼児' }));
    const roster = rosterCsv(4, 40, { centres: [AREA_CENTRE], radiusM: 1500, city: '福島県会津若松市' });
    const dir = tempDir({ 's.geojson': gsiGeojson(syn), 'p.csv': roster });
    const inst = { people: candidates(readPeople('p.csv', dir)).filter((p) => !acceptGroupsOf(p, DATE).includes('infants')), welfare: readShelters(['s.geojson'], dir), capacity: 10 };
    expect(inst.people.length).toBe(candidates(readPeople('p.csv', dir)).length); // nobody under 6 in this roster
    const r = await run(['allocate-welfare', '--people', 'p.csv', '--shelters', 's.geojson', '--date', DATE], dir);
    expect(summary(r, 'assigned')).toMatchObject({ assigned: 0, unassigned: inst.people.length });
    expect(r.stderr.join('\n')).toContain(`受け入れる福祉避難所なし${inst.people.length}人`);
  });
});

describe.concurrent('hinan allocate-welfare on 青森市 data: 受入対象者「小児」', CLI_TESTS, () => {
  const AOMORI = ['gsi_emergency_sites_022012_aomori.geojson', 'gsi_shelters_022012_aomori.geojson'];
  const files = Object.fromEntries(AOMORI.map((n) => [n, readFileSync(join(FIXTURES, 'shelters', n), 'utf8')]));
  /** 青森藤こども園 and 和幸保育園, the two 福祉避難所 whose 受入対象者 is 「小児」. */
  const CHILD_ONLY = { E0220100004121: [140.764538, 40.813969], E0220100239121: [140.739687, 40.82326] } as const;

  it('reads 「小児」 as 要配慮児童', async () => {
    const shelters = readShelters(AOMORI.map((n) => `shelters/${n}`));
    for (const id of Object.keys(CHILD_ONLY)) expect(shelters.find((s) => s.id === id)?.accepts).toEqual(['children']);
  });

  it('sends no adult to a 小児-only 福祉避難所, even when it is the nearest', async () => {
    const roster = rosterCsv(9, 400, { centres: Object.values(CHILD_ONLY).map(([lng, lat]) => [lng, lat]), radiusM: 400, city: '青森県青森市' });
    const dir = tempDir({ ...files, 'p.csv': roster });
    const r = await run(['allocate-welfare', '--people', 'p.csv', '--shelters', ...AOMORI, '--capacity-default', '200', '--date', DATE], dir);
    expect(r.code).toBe(0);
    const people = new Map(readPeople('p.csv', dir).map((p) => [p.id, p]));
    const atChildOnly = r.rows.filter((row) => row.shelter_id in CHILD_ONLY);
    expect(r.rows.length).toBeGreaterThan(0);
    for (const row of atChildOnly) expect(acceptGroupsOf(people.get(row.person_id)!, DATE), `${row.person_id} → ${row.shelter_id}`).toContain('children');
  });

  it('a 福祉避難所 whose 受入対象者 is written but not read gets nobody, and the import says so', async () => {
    const data = JSON.parse(files[AOMORI[1]].replace(/^\uFEFF/, '')) as { features: { properties: Record<string, unknown> }[] };
    for (const f of data.features) if (String(f.properties['共通ID']) in CHILD_ONLY) f.properties['受入対象者'] = '外国籍の方';
    const roster = rosterCsv(9, 400, { centres: Object.values(CHILD_ONLY).map(([lng, lat]) => [lng, lat]), radiusM: 400, city: '青森県青森市' });
    const dir = tempDir({ ...files, [AOMORI[1]]: JSON.stringify(data), 'p.csv': roster });
    const read = await run(['shelters', ...AOMORI], dir);
    expect(read.stderr.filter((l) => l.startsWith('受入対象者が読めません'))).toEqual([['E0220100004121「青森藤こども園」', 3], ['E0220100239121「和幸保育園」', 151]].map(([name, row]) =>
      `受入対象者が読めません: ${name}の受入対象者「外国籍の方」は読める書き方（高齢者、障がい者、小児・児童、乳幼児、妊産婦、医療的ケア、要配慮者）ではないため、自動の割り当てではこの福祉避難所に誰も割り当てません（gsi_shelters_022012_aomori.geojson の${row}行目）`));
    const r = await run(['allocate-welfare', '--people', 'p.csv', '--shelters', ...AOMORI, '--capacity-default', '200', '--date', DATE], dir);
    expect(r.code).toBe(0);
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.filter((row) => row.shelter_id in CHILD_ONLY)).toEqual([]);
  });
});
