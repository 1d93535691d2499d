import { describe, expect, it } from 'vitest';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS } from '../../../src/core/evacuationAnalysis';
import type { LngLat } from '../../../src/core/geo';
import { polylineLengthMetres } from '../../../src/core/polyline';
import { buildRoadGraph } from '../../../src/core/roadGraph';
import { roadRouteBetween } from '../../../src/core/roadRoute';
import type { StoredRoadNetwork } from '../../../src/db/schema';
import { readRoadNetwork, roadLines } from '../../../src/io/roadNetwork';
import { NO_ROADS_REASON, planRoadRoute } from '../../../src/ui/plan/routeChoice';
import { makePerson, makeShelter } from '../engine/fixtures';

/** A 6 × 6 street grid, ~45 m blocks, as an imported network. */
function gridNetwork(): StoredRoadNetwork {
  const xs = Array.from({ length: 6 }, (_, i) => 139.95 + i * 0.0005);
  const ys = Array.from({ length: 6 }, (_, j) => 37.52 + j * 0.0004);
  const line = (coordinates: number[][]) => ({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates } });
  const fc = { type: 'FeatureCollection', features: [...xs.map((x) => line(ys.map((y) => [x, y]))), ...ys.map((y) => line(xs.map((x) => [x, y])))] };
  const read = readRoadNetwork(JSON.stringify(fc), { file: 'grid.geojson' });
  return { id: 'grid.geojson', importedAt: '2026-04-01T00:00:00.000Z', network: read.network! };
}

const home: LngLat = [139.95061, 37.52013];
const person = makePerson('p1', home, { mobility: 'wheelchair' });
const near = makeShelter('near', [139.95152, 37.52118]);
const far = makeShelter('far', [139.95243, 37.52187]);
const networks = [gridNetwork()];
const engine = analyseEvacuation(
  { people: [person], shelters: [near, far], supporters: [], hazardZones: [], hazardCoverage: [], roads: [...roadLines(networks[0].network)] },
  { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-04-01' },
);
const mine = engine.people[0];

describe('the road route a plan copies', () => {
  it("is the engine's route to the engine's shelter: from home to the shelter, as long as the engine's 道のり", () => {
    expect(mine.destination!.shelterId).toBe('near');
    const r = planRoadRoute({ networks, home, shelter: near, hazard: 'flood', engine: { hazard: 'flood', person: mine }, avoidZones: null });
    if ('reason' in r) throw new Error(r.reason);
    expect(r.fromEngine).toBe(true);
    expect(r.line[0]).toEqual(home);
    expect(r.line.at(-1)).toEqual(near.location);
    expect(r.lengthM).toBe(mine.destination!.routeM);
    expect(polylineLengthMetres(r.line)).toBeCloseTo(mine.destination!.routeM!, 6);
  });

  it('is the shortest road route to the chosen shelter when the engine went elsewhere or looked at another hazard', () => {
    const graph = buildRoadGraph(roadLines(networks[0].network));
    for (const [shelter, hazard] of [
      [far, 'flood'],
      [near, 'earthquake'],
    ] as const) {
      const r = planRoadRoute({ networks, home, shelter, hazard, engine: { hazard: 'flood', person: mine }, avoidZones: null });
      if ('reason' in r) throw new Error(r.reason);
      expect(r.fromEngine).toBe(false);
      const expected = roadRouteBetween(graph, home, shelter.location as LngLat)!;
      expect(r.line).toEqual(expected.line);
      expect(r.lengthM).toBeCloseTo(expected.lengthM, 9);
    }
  });

  it('says why when there is none: no roads, no home, no shelter, a shelter far from every road', () => {
    const base = { networks, home, shelter: near, hazard: 'flood' as const, engine: null, avoidZones: null };
    expect(planRoadRoute({ ...base, networks: [] })).toEqual({ reason: NO_ROADS_REASON });
    expect(planRoadRoute({ ...base, home: null })).toHaveProperty('reason', expect.stringContaining('自宅の位置'));
    expect(planRoadRoute({ ...base, shelter: undefined })).toHaveProperty('reason', expect.stringContaining('避難場所を選んで'));
    expect(planRoadRoute({ ...base, shelter: makeShelter('x', [139.99, 37.52]) })).toHaveProperty('reason', expect.stringContaining('見つかりません'));
  });
});
