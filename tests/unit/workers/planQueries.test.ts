import { describe, expect, it, vi } from 'vitest';
import type { LngLat } from '../../../src/core/geo';
import { routeCrossesHazard } from '../../../src/core/hazardAtHome';
import { polylineLengthMetres } from '../../../src/core/polyline';
import { buildRoadGraph } from '../../../src/core/roadGraph';
import { roadRouteBetween } from '../../../src/core/roadRoute';
import { NO_STORED_ROADS_REASON, roadRouteAnswer, suggestionsFor } from '../../../src/workers/planQueries';
import { makePerson, makeShelter, makeSupporter } from '../engine/fixtures';
import { gridRoads, memoryEngineStore, rectZone, TEST_SCOPE } from './memoryEngineStore';

/** Counts the shelter indexes built, to show suggestions build one per shelters set, not one per call. */
const built = vi.hoisted(() => ({ shelterIndexes: 0 }));
vi.mock('../../../src/core/shelterIndex', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/core/shelterIndex')>();
  class CountingShelterIndex extends m.ShelterIndex {
    constructor(...args: ConstructorParameters<typeof m.ShelterIndex>) {
      super(...args);
      built.shelterIndexes++;
    }
  }
  return { ...m, ShelterIndex: CountingShelterIndex };
});

const home: LngLat = [139.95061, 37.52013];
const shelterAt: LngLat = [139.95152, 37.52118];
/** A flood zone across the grid's middle rows, from the second column to the last but one: the way north must go round it. */
const band = rectZone('band', 'flood', [139.9502, 37.5202, 139.9523, 37.521]);

describe('the road route the engine worker answers for a plan', () => {
  it('is the shortest route along the stored roads, snapped as the engine snaps: from home to the shelter', async () => {
    const store = memoryEngineStore({ roads: gridRoads() });
    const r = await roadRouteAnswer(store, TEST_SCOPE, { home, shelter: shelterAt, hazard: 'flood', avoidZones: false });
    if ('reason' in r) throw new Error(r.reason);
    const expected = roadRouteBetween(buildRoadGraph(gridRoads()), home, shelterAt)!;
    expect(r.line).toEqual(expected.line);
    expect(r.lengthM).toBeCloseTo(expected.lengthM, 9);
    expect(r.line[0]).toEqual(home);
    expect(r.line.at(-1)).toEqual(shelterAt);
    expect(polylineLengthMetres(r.line)).toBeCloseTo(r.lengthM, 6);
  });

  it('goes round the zones of the hazard when asked to avoid them, and only those of that hazard', async () => {
    const everywhere = rectZone('everywhere', 'landslide', [139.949, 37.519, 139.954, 37.523]);
    const store = memoryEngineStore({ roads: gridRoads(), zones: [band, everywhere] });
    const through = await roadRouteAnswer(store, TEST_SCOPE, { home, shelter: shelterAt, hazard: 'flood', avoidZones: false });
    const round = await roadRouteAnswer(store, TEST_SCOPE, { home, shelter: shelterAt, hazard: 'flood', avoidZones: true });
    if ('reason' in through) throw new Error(through.reason);
    if ('reason' in round) throw new Error(round.reason);
    expect(routeCrossesHazard(through.line, [band])).toEqual(['band']);
    expect(routeCrossesHazard(round.line, [band])).toEqual([]);
    expect(round.lengthM).toBeGreaterThan(through.lengthM + 50);
    // The landslide zone covers every road, yet the flood route ignores it.
    expect(routeCrossesHazard(round.line, [everywhere])).toEqual(['everywhere']);
    // Closing is per hazard: for a landslide the same ask finds no way at all, and says the zones are why.
    const landslide = await roadRouteAnswer(store, TEST_SCOPE, { home, shelter: shelterAt, hazard: 'landslide', avoidZones: true });
    expect(landslide).toHaveProperty('reason', expect.stringContaining('ハザード区域内の道は通らない'));
  });

  it('says why when there is none: no stored roads, a shelter far from every road', async () => {
    const none = await roadRouteAnswer(memoryEngineStore({}), TEST_SCOPE, { home, shelter: shelterAt, hazard: 'flood', avoidZones: true });
    expect(none).toEqual({ reason: NO_STORED_ROADS_REASON });
    const far = await roadRouteAnswer(memoryEngineStore({ roads: gridRoads() }), TEST_SCOPE, { home, shelter: [139.99, 37.52], hazard: 'flood', avoidZones: false });
    expect(far).toHaveProperty('reason', expect.stringContaining('見つかりません'));
    expect(far).toHaveProperty('reason', expect.not.stringContaining('ハザード区域'));
  });
});

describe("the engine worker's suggestions for a new plan", () => {
  /** Metres east (dx) and north (dy) of home, as `[lng, lat]` (at 37.52° N: 1e-3° lng ≈ 88 m, 1e-3° lat ≈ 111 m). */
  const at = (dxM: number, dyM: number): [number, number] => [home[0] + dxM / 88_200, home[1] + dyM / 111_000];
  const person = makePerson('p1', home);
  const supporters = [
    makeSupporter('night-only', at(30, 0), 2, 'night'),
    makeSupporter('second', at(0, 250), 2, 'day'),
    makeSupporter('first', at(80, 0)),
    makeSupporter('third', at(-400, 0)),
    makeSupporter('too-far', at(700, 0)),
  ];
  const shelters = [
    makeShelter('closed', at(20, 20), { closed: true }),
    makeShelter('site', at(150, 100)),
    makeShelter('site-far', at(-900, 0)),
    makeShelter('not-a-site', at(10, 0), { kinds: ['shelter'], hazards: ['landslide'] }),
    makeShelter('landslide-site', at(0, -1200), { hazards: ['landslide'] }),
  ];

  it('are the two nearest supporters available by day within 500 m, best first, and the nearest open 指定緊急避難場所 per hazard', async () => {
    const s = await suggestionsFor(memoryEngineStore({ supporters, shelters }), TEST_SCOPE, person);
    expect(s.supporterIds).toEqual(['first', 'second']);
    expect(s.shelterByHazard).toEqual({ flood: 'site', earthquake: 'site', landslide: 'landslide-site' });
  });

  it('are nothing for a person not placed on the map', async () => {
    const store = memoryEngineStore({ supporters, shelters });
    expect(await suggestionsFor(store, TEST_SCOPE, makePerson('p2', null))).toEqual({});
    expect(store.calls).toEqual({});
  });

  it('build the shelter index once per shelters set the store hands out, and again when the store has new shelters', async () => {
    const store = memoryEngineStore({ supporters, shelters: [...shelters] });
    const before = built.shelterIndexes;
    for (let i = 0; i < 3; i++) expect((await suggestionsFor(store, TEST_SCOPE, makePerson(`q${i}`, at(i * 10, 0)))).shelterByHazard?.flood).toBe('site');
    expect(built.shelterIndexes - before).toBe(1);
    // The store re-read its shelters (a new array): the nearest site is now closed, and the answer follows.
    const reopened = memoryEngineStore({ supporters, shelters: shelters.map((s) => (s.id === 'site' ? { ...s, closed: true } : s)) });
    expect((await suggestionsFor(reopened, TEST_SCOPE, person)).shelterByHazard?.flood).toBe('site-far');
    expect(built.shelterIndexes - before).toBe(2);
  });
});
