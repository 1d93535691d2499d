import { describe, expect, it } from 'vitest';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS } from '../../../src/core/evacuationAnalysis';
import type { LngLat } from '../../../src/core/geo';
import { polylineLengthMetres } from '../../../src/core/polyline';
import { NO_ROADS_REASON, planRoadRoute, type PlanRoadRouteInput } from '../../../src/ui/plan/routeChoice';
import type { RoadRouteQuery } from '../../../src/workers/engineProtocol';
import { roadRouteAnswer } from '../../../src/workers/planQueries';
import { makePerson, makeShelter } from '../engine/fixtures';
import { gridRoads, memoryEngineStore, rectZone, TEST_SCOPE } from '../workers/memoryEngineStore';

const home: LngLat = [139.95061, 37.52013];
const person = makePerson('p1', home, { mobility: 'wheelchair' });
const near = makeShelter('near', [139.95152, 37.52118]);
const far = makeShelter('far', [139.95243, 37.52187]);
const engine = analyseEvacuation(
  { people: [person], shelters: [near, far], supporters: [], hazardZones: [], hazardCoverage: [], roads: gridRoads() },
  { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-04-01' },
);
const mine = engine.people[0];

/** The engine worker, in memory: every question it was asked, answered by workers/planQueries.ts. */
function worker(zones = [rectZone('band', 'flood', [139.9502, 37.5202, 139.9523, 37.521])]) {
  const store = memoryEngineStore({ roads: gridRoads(), zones });
  const asked: RoadRouteQuery[] = [];
  return { asked, ask: (q: RoadRouteQuery) => (asked.push(q), roadRouteAnswer(store, TEST_SCOPE, q)) };
}

describe('the road route a plan copies', () => {
  it("is the engine's route to the engine's shelter, without asking the worker: from home to the shelter, as long as the engine's 道のり", async () => {
    expect(mine.destination!.shelterId).toBe('near');
    const w = worker();
    const r = await planRoadRoute({ hasRoads: true, home, shelter: near, hazard: 'flood', engine: { hazard: 'flood', person: mine }, avoidZones: false }, w.ask);
    if ('reason' in r) throw new Error(r.reason);
    expect(r.fromEngine).toBe(true);
    expect(w.asked).toEqual([]);
    expect(r.line[0]).toEqual(home);
    expect(r.line.at(-1)).toEqual(near.location);
    expect(r.lengthM).toBe(mine.destination!.routeM);
    expect(polylineLengthMetres(r.line)).toBeCloseTo(mine.destination!.routeM!, 6);
  });

  it("is the worker's shortest road route to the chosen shelter when the engine went elsewhere, looked at another hazard or is not current", async () => {
    for (const [shelter, hazard, current] of [
      [far, 'flood', true],
      [near, 'earthquake', true],
      [near, 'flood', false],
    ] as const) {
      const w = worker();
      const input: PlanRoadRouteInput = { hasRoads: true, home, shelter, hazard, engine: current ? { hazard: 'flood', person: mine } : null, avoidZones: false };
      const r = await planRoadRoute(input, w.ask);
      if ('reason' in r) throw new Error(r.reason);
      expect(r.fromEngine).toBe(false);
      expect(w.asked).toEqual([{ home, shelter: shelter.location, hazard, avoidZones: false }]);
      const expected = await roadRouteAnswer(memoryEngineStore({ roads: gridRoads() }), TEST_SCOPE, w.asked[0]);
      expect(r).toEqual({ ...expected, fromEngine: false });
    }
  });

  it('asks the worker to close the roads in zones of the hazard when 「ハザード区域の道を通らない」 is on', async () => {
    const w = worker();
    const open = await planRoadRoute({ hasRoads: true, home, shelter: far, hazard: 'flood', engine: null, avoidZones: false }, w.ask);
    const round = await planRoadRoute({ hasRoads: true, home, shelter: far, hazard: 'flood', engine: null, avoidZones: true }, w.ask);
    expect(w.asked.map((q) => q.avoidZones)).toEqual([false, true]);
    if ('reason' in open || 'reason' in round) throw new Error('no route');
    expect(round.lengthM).toBeGreaterThan(open.lengthM);
  });

  it('says why when there is none: no roads, no home, no shelter (without asking the worker), a shelter far from every road', async () => {
    const w = worker();
    const base: PlanRoadRouteInput = { hasRoads: true, home, shelter: near, hazard: 'flood', engine: null, avoidZones: false };
    expect(await planRoadRoute({ ...base, hasRoads: false }, w.ask)).toEqual({ reason: NO_ROADS_REASON });
    expect(await planRoadRoute({ ...base, home: null }, w.ask)).toHaveProperty('reason', expect.stringContaining('自宅の位置'));
    expect(await planRoadRoute({ ...base, shelter: undefined }, w.ask)).toHaveProperty('reason', expect.stringContaining('避難場所を選んで'));
    expect(w.asked).toEqual([]);
    expect(await planRoadRoute({ ...base, shelter: makeShelter('x', [139.99, 37.52]) }, w.ask)).toHaveProperty('reason', expect.stringContaining('見つかりません'));
  });
});
