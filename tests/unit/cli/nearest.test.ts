import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { distanceMetres, type LngLat } from '../../../src/core/geo';
import type { HazardType } from '../../../src/core/hazard';
import type { Person } from '../../../src/core/person';
import { destinationLabel, type Shelter, type ShelterKind } from '../../../src/core/shelter';
import { DEFAULT_WALKING_SETTINGS } from '../../../src/core/walkingTime';
import { acceptGroupsOf, acceptsPerson } from '../../../src/core/welfareEligibility';
import { rosterCsv } from '../../bench/syntheticRoster';
import { seededRandom } from '../engine/random';
import { AIZU_ROSTER, AIZU_SHELTERS, AREA_CENTRE, CLI_TESTS, FIXTURES, gsiGeojson, offset, randomShelters, readPeople, readShelters, run, tempDir, type CliRun } from './helpers';

const DATE = '2025-04-01';

/** Brute force: the smallest straight-line distance to any qualifying shelter (scan of all), or null. */
function referenceNearest(p: Person, shelters: Shelter[], kind: ShelterKind, hazard: HazardType | undefined, closed: Set<string>): number | null {
  if (!p.location) return null;
  let best: number | null = null;
  for (const s of shelters) {
    if (closed.has(s.id) || !s.kinds.includes(kind)) continue;
    if (hazard && !s.hazards.includes(hazard)) continue;
    if (kind === 'welfare_shelter' && !acceptsPerson(s.accepts, acceptGroupsOf(p, DATE))) continue;
    const d = distanceMetres([p.location.lng, p.location.lat], s.location);
    if (best === null || d < best) best = d;
  }
  return best;
}

/**
 * walk_min: the walk's whole minutes at the mobility's speed; empty, with 「徒歩では困難」 in walk_note,
 * for a 寝たきり person and a 車いす user further than 2 km (× the winter factor in 積雪期).
 */
function expectWalk(row: Record<string, string>, mobility: Person['mobility'], metres: number, winter: boolean) {
  const factor = winter ? DEFAULT_WALKING_SETTINGS.winterFactor : 1;
  if (mobility === 'bedridden' || (mobility === 'wheelchair' && metres > 2000 * factor)) {
    expect(row.walk_min).toBe('');
    expect(row.walk_note).toContain('徒歩では困難');
    return;
  }
  const speed = DEFAULT_WALKING_SETTINGS.speedsMps[mobility] * factor;
  expect(Number(row.walk_min)).toBe(Math.ceil(metres / speed / 60 - 1e-9));
  expect(row.walk_note).toBe('');
}

/** Checks every output row against the brute-force reference (ties: any shelter at the same distance). */
function checkAgainstReference(r: CliRun, people: Person[], shelters: Shelter[], kind: ShelterKind, hazard: HazardType | undefined, closed = new Set<string>(), winter = false) {
  expect(r.code).toBe(0);
  expect(r.header).toEqual(['person_id', 'shelter_id', 'shelter_name', 'kind', 'distance_m', 'route_m', 'walk_min', 'walk_note']);
  const consenting = people.filter((p) => isShareable(p.consent));
  expect(r.rows.map((x) => x.person_id)).toEqual(consenting.map((p) => p.id));
  const byId = new Map(shelters.map((s) => [s.id, s]));
  let found = 0;
  r.rows.forEach((row, i) => {
    const p = consenting[i];
    const ref = referenceNearest(p, shelters, kind, hazard, closed);
    if (ref === null) {
      expect(row).toMatchObject({ shelter_id: '', distance_m: '', walk_min: '' });
      return;
    }
    found++;
    const s = byId.get(row.shelter_id)!;
    expect(s, `person ${p.id}`).toBeDefined();
    expect(row.kind).toBe(kind);
    // The destination as people read it: with the site role's floor for the hazard, when there is one.
    expect(row.shelter_name).toBe(destinationLabel(s, hazard));
    expect(row.route_m).toBe('');
    const mine = distanceMetres([p.location!.lng, p.location!.lat], s.location);
    expect(Math.abs(mine - ref), `person ${p.id}: ${s.id} at ${mine} m, nearest at ${ref} m`).toBeLessThan(1e-6);
    expect(Math.abs(Number(row.distance_m) - ref)).toBeLessThanOrEqual(0.05 + 1e-9);
    expectWalk(row, p.mobility, ref, winter);
  });
  return found;
}

describe.concurrent('hinan nearest on 会津若松 data', CLI_TESTS, () => {
  const people = readPeople(AIZU_ROSTER);
  const shelters = readShelters(AIZU_SHELTERS);

  it('flood: every consenting person gets the nearest flood-designated 指定緊急避難場所 (brute-force check)', async () => {
    const r = await run(['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--hazard', 'flood']);
    expect(checkAgainstReference(r, people, shelters, 'emergency_site', 'flood')).toBeGreaterThan(1000);
    const withheld = people.filter((p) => !isShareable(p.consent)).length;
    expect(withheld).toBeGreaterThan(0);
    expect(r.stderr.join('\n')).toContain(`同意のない${withheld}人`);
    // Nobody without consent leaks into the output.
    const refused = new Set(people.filter((p) => !isShareable(p.consent)).map((p) => p.id));
    expect(r.rows.some((x) => refused.has(x.person_id))).toBe(false);
  });

  it('no hazard, 指定避難所, winter: any open shelter of the kind; walking time slowed by the winter factor', async () => {
    const r = await run(['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--kind', 'shelter', '--winter']);
    checkAgainstReference(r, people, shelters, 'shelter', undefined, new Set(), true);
  });

  it('福祉避難所: only one that accepts the person (受入対象者); people nobody accepts get empty columns', async () => {
    const r = await run(['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--kind', 'welfare_shelter', '--date', DATE]);
    checkAgainstReference(r, people, shelters, 'welfare_shelter', undefined);
    expect(r.rows.some((x) => x.shelter_id === '')).toBe(true); // medical care: no Aizu 福祉避難所 lists 医療的ケア
  });

  it('closing shelters removes them; closing all leaves every row empty', async () => {
    const flood = shelters.filter((s) => s.hazards.includes('flood'));
    const closed = new Set(flood.slice(0, 40).map((s) => s.id));
    const r = await run(['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--hazard', '洪水', '--closed', [...closed].join(',')]);
    checkAgainstReference(r, people, shelters, 'emergency_site', 'flood', closed);
    const all = await run(['nearest', '--people', 'people_template.csv', '--shelters', ...AIZU_SHELTERS, '--closed', shelters.map((s) => s.id).join(',')]);
    expect(all.code).toBe(0);
    expect(all.rows.length).toBeGreaterThan(0);
    expect(all.rows.every((x) => x.shelter_id === '' && x.walk_min === '')).toBe(true);
  });
});

describe.concurrent('hinan nearest names the floor of a joined place', CLI_TESTS, () => {
  it('--hazard flood: shelter_name is 「第一中学校（洪水時は２階以上）」 for the site 「第一中学校（２階以上）」 joined to the shelter 「第一中学校」', async () => {
    const feature = (id: string, name: string, flood: string | null) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: offset(0, 0) },
      properties: { 共通ID: id, '施設・場所名': name, 住所: '福島県会津若松市', ...(flood === null ? {} : { 洪水: flood }) },
    });
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [
      feature('E0720209001201', '第一中学校（２階以上）', '1'),
      feature('E0720209001111', '第一中学校', null),
    ] });
    const dir = tempDir({ 's.geojson': geojson, 'p.csv': rosterCsv(7, 20, { centres: [AREA_CENTRE], radiusM: 800, city: '福島県会津若松市' }) });
    const flood = await run(['nearest', '--people', 'p.csv', '--shelters', 's.geojson', '--hazard', 'flood'], dir);
    expect(flood.code).toBe(0);
    const placed = flood.rows.filter((x) => x.shelter_id !== '');
    expect(placed.length).toBeGreaterThan(0);
    expect(new Set(placed.map((x) => `${x.shelter_id} ${x.shelter_name}`))).toEqual(new Set(['E0720209001111 第一中学校（洪水時は２階以上）']));
  });
});

describe.concurrent('hinan nearest on random instances', CLI_TESTS, () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: matches the brute-force scan for every kind/hazard, with tied shelters`, async () => {
      const syn = randomShelters(seed, 40, 3000, 6);
      const roster = rosterCsv(seed, 150, { centres: [AREA_CENTRE], radiusM: 1800, city: '福島県会津若松市' });
      const dir = tempDir({ 's.geojson': gsiGeojson(syn), 'p.csv': roster });
      const people = readPeople('p.csv', dir);
      const shelters = readShelters(['s.geojson'], dir);
      const rand = seededRandom(seed + 100);
      const closed = new Set(shelters.filter(() => rand() < 0.15).map((s) => s.id));
      const closedArgs = closed.size ? ['--closed', ...closed] : [];
      for (const [kind, hazard] of [['emergency_site', 'flood'], ['emergency_site', undefined], ['shelter', undefined], ['welfare_shelter', undefined], ['emergency_site', 'large_fire']] as const) {
        const r = await run(['nearest', '--people', 'p.csv', '--shelters', 's.geojson', '--kind', kind, ...(hazard ? ['--hazard', hazard] : []), '--date', DATE, ...closedArgs], dir);
        checkAgainstReference(r, people, shelters, kind, hazard, closed);
      }
    });
  }

  it('exact ties: two shelters at the same point, person anywhere → either, same distance', async () => {
    const dir = tempDir({
      's.geojson': gsiGeojson([{ role: 'site', location: offset(100, 0), hazards: ['flood'] }, { role: 'site', location: offset(100, 0), hazards: ['flood'] }]),
      'p.csv': rosterCsv(9, 20, { centres: [AREA_CENTRE], radiusM: 500, city: '福島県会津若松市' }),
    });
    const r = await run(['nearest', '--people', 'p.csv', '--shelters', 's.geojson'], dir);
    checkAgainstReference(r, readPeople('p.csv', dir), readShelters(['s.geojson'], dir), 'emergency_site', undefined);
  });
});

// ── roads ──

/** A jittered grid of streets around the area centre as GeoJSON LineStrings (some missing), with its segments. */
function gridRoads(seed: number, side: number, spacingM: number): { geojson: string; segments: [LngLat, LngLat][] } {
  const rand = seededRandom(seed);
  const half = ((side - 1) * spacingM) / 2;
  const grid = Array.from({ length: side }, (_, y) => Array.from({ length: side }, (_, x) => offset(x * spacingM - half + (rand() - 0.5) * 20, y * spacingM - half + (rand() - 0.5) * 20)));
  const segments: [LngLat, LngLat][] = [];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (x + 1 < side && rand() > 0.15) segments.push([grid[y][x], grid[y][x + 1]]);
      if (y + 1 < side && rand() > 0.15) segments.push([grid[y][x], grid[y + 1][x]]);
    }
  }
  // One long street as a single 3-vertex LineString, and one MultiLineString.
  const features = [
    ...segments.map((s) => ({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: s } })),
    { type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: [[grid[0][0], grid[1][1], grid[2][2]]] } },
  ];
  segments.push([grid[0][0], grid[1][1]], [grid[1][1], grid[2][2]]);
  return { geojson: JSON.stringify({ type: 'FeatureCollection', features }), segments };
}

/** Brute force road distances: nearest node by scanning, then a plain O(V²) Dijkstra from the person. */
function referenceRoute(segments: [LngLat, LngLat][], from: LngLat, targets: LngLat[], snapM: number): number | null {
  const key = (p: LngLat) => `${p[0]},${p[1]}`;
  const nodes = new Map<string, LngLat>();
  for (const [a, b] of segments) (nodes.set(key(a), a), nodes.set(key(b), b));
  const list = [...nodes.keys()];
  const index = new Map(list.map((k, i) => [k, i]));
  const adj: [number, number][][] = list.map(() => []);
  for (const [a, b] of segments) {
    const ia = index.get(key(a))!, ib = index.get(key(b))!, d = distanceMetres(a, b);
    adj[ia].push([ib, d]);
    adj[ib].push([ia, d]);
  }
  const snap = (p: LngLat) => {
    let best = -1, bestD = Infinity;
    list.forEach((k, i) => {
      const d = distanceMetres(p, nodes.get(k)!);
      if (d < bestD) (best = i, bestD = d);
    });
    return bestD <= snapM ? { node: best, d: bestD } : null;
  };
  const start = snap(from);
  if (!start) return null;
  const dist = new Array(list.length).fill(Infinity);
  const done = new Array(list.length).fill(false);
  dist[start.node] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < list.length; i++) if (!done[i] && dist[i] < Infinity && (u < 0 || dist[i] < dist[u])) u = i;
    if (u < 0) break;
    done[u] = true;
    for (const [v, w] of adj[u]) if (dist[u] + w < dist[v]) dist[v] = dist[u] + w;
  }
  let best: number | null = null;
  for (const t of targets) {
    const s = snap(t);
    if (!s || dist[s.node] === Infinity) continue;
    const total = start.d + dist[s.node] + s.d;
    if (best === null || total < best) best = total;
  }
  return best;
}

describe.concurrent('hinan nearest --roads', CLI_TESTS, () => {
  for (const seed of [11, 12]) {
    it(`seed ${seed}: route_m is the shortest walk to any qualifying shelter (brute-force Dijkstra per person)`, async () => {
      const roads = gridRoads(seed, 12, 150);
      const syn = randomShelters(seed, 25, 1800, 3);
      const dir = tempDir({
        'r.geojson': roads.geojson,
        's.geojson': gsiGeojson(syn),
        // 10 % of homes well outside the network (beyond the 300 m snap): straight-line fallback.
        'p.csv': rosterCsv(seed, 120, { centres: [AREA_CENTRE, offset(3000, 0)], radiusM: 800, city: '福島県会津若松市' }),
      });
      const people = readPeople('p.csv', dir).filter((p) => isShareable(p.consent));
      const shelters = readShelters(['s.geojson'], dir);
      const r = await run(['nearest', '--people', 'p.csv', '--shelters', 's.geojson', '--hazard', 'flood', '--roads', 'r.geojson', '--winter'], dir);
      expect(r.code).toBe(0);
      const qualifying = shelters.filter((s) => s.kinds.includes('emergency_site') && s.hazards.includes('flood'));
      let routed = 0, fallback = 0;
      r.rows.forEach((row, i) => {
        const p = people[i];
        expect(row.person_id).toBe(p.id);
        const home: LngLat = [p.location!.lng, p.location!.lat];
        const ref = referenceRoute(roads.segments, home, qualifying.map((s) => s.location), 300);
        const chosen = shelters.find((s) => s.id === row.shelter_id)!;
        expect(qualifying).toContain(chosen);
        expect(Number(row.distance_m)).toBeCloseTo(distanceMetres(home, chosen.location), 1);
        if (ref === null) {
          fallback++;
          expect(row.route_m).toBe('');
          const straight = Math.min(...qualifying.map((s) => distanceMetres(home, s.location)));
          expect(Math.abs(Number(row.distance_m) - straight)).toBeLessThanOrEqual(0.05 + 1e-9);
        } else {
          routed++;
          expect(Math.abs(Number(row.route_m) - ref), `person ${p.id}`).toBeLessThanOrEqual(0.05 + 1e-6);
          expectWalk(row, p.mobility, Number(ref), true);
        }
      });
      expect(routed).toBeGreaterThan(25);
      expect(fallback).toBeGreaterThan(0);
    });
  }

  it('a roads file that is not GeoJSON lines exits 1 naming the file', async () => {
    const dir = tempDir({ 'bad.geojson': '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[139.9,37.5]}}]}', 'trunc.geojson': '{"type":"Feat' });
    const a = await run(['nearest', '--people', `${FIXTURES}people_template.csv`, '--shelters', ...AIZU_SHELTERS.map((s) => `${FIXTURES}${s}`), '--roads', 'bad.geojson'], dir);
    expect(a.code).toBe(1);
    expect(a.stderr.join('\n')).toContain('bad.geojson');
    const b = await run(['nearest', '--people', `${FIXTURES}people_template.csv`, '--shelters', ...AIZU_SHELTERS.map((s) => `${FIXTURES}${s}`), '--roads', 'trunc.geojson'], dir);
    expect(b.code).toBe(1);
    expect(b.stderr.join('\n')).toContain('GeoJSONとして読めません');
    expect(b.stdout).toEqual([]);
  });
});
