import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AnalysisStage } from '../../../src/core/analysisMemo';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings, type EvacuationAnalysis, type PersonAnalysis } from '../../../src/core/evacuationAnalysis';
import { shareablePeople } from '../../../src/db/consentGate';
import { commitHazardZones, geodataSummary, listHazardCoverage, listHazardZones, listRoadNetworks } from '../../../src/db/geodata';
import type { HinanDatabase } from '../../../src/db/schema';
import { editShelter, listShelters } from '../../../src/db/shelters';
import { listSupporters } from '../../../src/db/supporters';
import { roadLines } from '../../../src/io/roadNetwork';
import { EngineHost } from '../../../src/workers/engineHost';
import type { EngineRequest, EngineResponse, EngineScope } from '../../../src/workers/engineProtocol';
import type { EngineStorePart } from '../../../src/workers/engineStore';
import { openEngineDb, zonesOver } from './engineFixture';

const flood: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, avoidHazardRoads: true, onDate: '2026-11-23' };
const landslide: AnalysisSettings = { ...flood, hazard: 'landslide' };

/** An engine host over one database, with every message it posts and every build it makes. */
function harness(db: HinanDatabase) {
  const posted: EngineResponse[] = [];
  const storeBuilds: EngineStorePart[] = [];
  const stageBuilds: AnalysisStage[] = [];
  const host = new EngineHost((m) => posted.push(m), {
    openDb: () => db,
    onStoreBuild: (part) => storeBuilds.push(part),
    onStageBuild: (stage) => stageBuilds.push(stage),
  });
  let nextId = 1;
  /** Runs an analyse to its end and returns the analysis as the client assembles it. */
  async function analyse(scope: EngineScope, settings: AnalysisSettings, channel = 'map'): Promise<EvacuationAnalysis> {
    const id = nextId++;
    await host.handle({ id, type: 'analyse', channel, scope, settings });
    return assembled(posted, id);
  }
  const clear = () => ((storeBuilds.length = 0), (stageBuilds.length = 0));
  return { host, posted, storeBuilds, stageBuilds, analyse, clear, next: () => nextId++ };
}

function assembled(posted: readonly EngineResponse[], id: number): EvacuationAnalysis {
  const people: PersonAnalysis[] = [];
  for (const m of posted) if (m.id === id && m.type === 'people') people.push(...m.people);
  const end = posted.find((m) => m.id === id && (m.type === 'result' || m.type === 'failed' || m.type === 'superseded'));
  if (end?.type !== 'result') throw new Error(`no result for ${id}: ${JSON.stringify(end)}`);
  return { ...end.analysis, people };
}

async function scopeOf(db: HinanDatabase, storeKey = 1, districtId: string | null = null): Promise<EngineScope> {
  return { dbName: db.name, districtId, storeKey, geodataRevision: (await geodataSummary(db)).revision };
}

/** The same analysis computed afresh on the page's old path: every input read and posted, nothing kept. */
async function fresh(db: HinanDatabase, settings: AnalysisSettings, districtId: string | null = null): Promise<EvacuationAnalysis> {
  const networks = await listRoadNetworks(db);
  return analyseEvacuation(
    {
      people: (await shareablePeople(db, { districtId })).people,
      shelters: await listShelters(db),
      supporters: await listSupporters(db, districtId),
      hazardZones: await listHazardZones(db),
      hazardCoverage: await listHazardCoverage(db),
      roads: networks.flatMap((r) => [...roadLines(r.network)]),
    },
    settings,
  );
}

/** The answer of a run, compared whole: every person, the allocation and the matching. */
function answer(a: EvacuationAnalysis) {
  return { people: a.people, welfare: a.welfare, supporters: a.supporters, roadNetwork: a.roadNetwork, settings: a.settings };
}

describe('the engine worker keeps what it built across runs', () => {
  it('re-running after changing only the scenario hazard rebuilds no index, road graph, matching or allocation, and answers as a fresh run', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    const first = await h.analyse(scope, flood);
    expect(answer(first)).toEqual(answer(await fresh(db, flood)));
    // The fixture is not trivial: roads route people, zones hold homes and close roads, supporters are matched.
    expect(first.roadNetwork).not.toBeNull();
    expect(first.people.filter((p) => p.destination?.route).length).toBeGreaterThan(20);
    expect(first.people.filter((p) => p.hazardsAtHome.length > 0).length).toBeGreaterThan(0);
    expect(first.people.filter((p) => p.supporters.length > 0).length).toBeGreaterThan(20);
    expect(h.storeBuilds).toEqual(expect.arrayContaining(['people', 'shelters', 'supporters', 'hazardReadings', 'hazardZones', 'hazardCoverage', 'hazardIndex', 'roads', 'closedEdges']));
    const index = await h.host.store(scope).hazardIndex(scope);
    const roads = await h.host.store(scope).roads(scope);

    h.clear();
    const second = await h.analyse(scope, landslide);
    // Only the new hazard's closed roads are built in the store; nothing is read again.
    expect(h.storeBuilds).toEqual(['closedEdges']);
    // The stages that depend on the scenario hazard, and only they, are computed again.
    expect([...h.stageBuilds].sort()).toEqual(['destinations', 'nearest', 'results', 'roadNearest']);
    expect(await h.host.store(scope).hazardIndex(scope)).toBe(index);
    expect(await h.host.store(scope).roads(scope)).toBe(roads);
    expect(answer(second)).toEqual(answer(await fresh(db, landslide)));
    expect(second.people.some((p, i) => p.hazard.state !== first.people[i].hazard.state)).toBe(true);

    // Back to flood: the flood closed edges are still kept.
    h.clear();
    expect(answer(await h.analyse(scope, flood))).toEqual(answer(first));
    expect(h.storeBuilds).toEqual([]);
  });

  it('winter or the 福祉避難所 default capacity rebuild only what depends on them', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    await h.analyse(scope, flood);
    h.clear();
    const winter = await h.analyse(scope, { ...flood, winter: true });
    expect(h.stageBuilds).toEqual(['results']);
    expect(answer(winter)).toEqual(answer(await fresh(db, { ...flood, winter: true })));
    h.clear();
    await h.analyse(scope, { ...flood, winter: true, assumedWelfareCapacity: 3 });
    expect([...h.stageBuilds].sort()).toEqual(['allocation', 'results']);
  });

  it('a new store key re-reads the store; records that did not change keep their identity, so the matching is not redone', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db, 1);
    await h.analyse(scope, flood);
    const people = await h.host.store(scope).people(scope);

    const shelter = (await listShelters(db)).find((s) => s.kinds.includes('emergency_site') && s.hazards.includes('flood') && !s.closed)!;
    await editShelter(db, shelter.id, { closed: true });
    h.clear();
    const after = await h.analyse({ ...scope, storeKey: 2 }, flood);
    expect([...h.storeBuilds].sort()).toEqual(['hazardReadings', 'people', 'shelters', 'supporters']);
    expect(await h.host.store(scope).people({ ...scope, storeKey: 2 })).toBe(people);
    expect(h.stageBuilds).not.toContain('matching');
    expect(h.stageBuilds).not.toContain('homeZones');
    expect(h.stageBuilds).toContain('allocation');
    expect(after.people.some((p) => p.destination?.shelterId === shelter.id)).toBe(false);
    expect(answer(after)).toEqual(answer(await fresh(db, flood)));
  });

  it('a new geodata revision re-reads the zones and roads and rebuilds the index, the home zones and the matching', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    await h.analyse(scope, flood);
    const index = await h.host.store(scope).hazardIndex(scope);

    await commitHazardZones(db, zonesOver(9, 80, 'flood', 'flood2.geojson'));
    const next = await scopeOf(db);
    expect(next.geodataRevision).not.toBe(scope.geodataRevision);
    h.clear();
    const after = await h.analyse(next, flood);
    expect(h.storeBuilds).toEqual(expect.arrayContaining(['hazardZones', 'hazardCoverage', 'hazardIndex', 'roads', 'closedEdges']));
    expect(h.storeBuilds).not.toContain('people');
    expect(h.stageBuilds).toEqual(expect.arrayContaining(['homeZones', 'matching', 'roadNearest', 'destinations', 'results']));
    expect(h.stageBuilds).not.toContain('allocation');
    expect(await h.host.store(next).hazardIndex(next)).not.toBe(index);
    expect((await h.host.store(next).hazardIndex(next)).zones.length).toBe(200);
    expect(answer(after)).toEqual(answer(await fresh(db, flood)));
  });

  it('reads the people of a district through the consent gate, as the 地区カルテ and the map show them', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db, 1, 'demo-d1');
    const result = await h.analyse(scope, flood, 'karte');
    const shown = (await shareablePeople(db, { districtId: 'demo-d1' })).people;
    expect(shown.length).toBeGreaterThan(0);
    expect(result.people.map((p) => p.personId)).toEqual(shown.map((p) => p.id));
    expect(answer(result)).toEqual(answer(await fresh(db, flood, 'demo-d1')));
    // The map's channel keeps its own stages: a karte run does not evict them.
    await h.analyse(await scopeOf(db), flood, 'map');
    h.clear();
    await h.analyse(scope, flood, 'karte');
    expect(h.stageBuilds).toEqual([]);
  });
});

describe('runs on a channel', () => {
  it('a newer analyse on the same channel supersedes the older one; other channels run on', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    const requests: EngineRequest[] = [
      { id: 1, type: 'analyse', channel: 'map', scope, settings: flood },
      { id: 2, type: 'analyse', channel: 'karte', scope, settings: flood },
      { id: 3, type: 'analyse', channel: 'map', scope, settings: landslide },
    ];
    await Promise.all(requests.map((r) => h.host.handle(r)));
    const ends = h.posted.filter((m) => m.type !== 'progress' && m.type !== 'people').map((m) => [m.id, m.type]);
    expect(ends).toEqual(expect.arrayContaining([[1, 'superseded'], [2, 'result'], [3, 'result']]));
    expect(ends).toHaveLength(3);
    expect(h.posted.some((m) => m.id === 1 && m.type === 'people')).toBe(false);
    expect(assembled(h.posted, 3).settings.hazard).toBe('landslide');
  });

  it('a run superseded between stages stops there and posts no people', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    await h.analyse(scope, flood); // everything read and built: the next runs go straight into the stages
    const run = h.host.handle({ id: 10, type: 'analyse', channel: 'map', scope, settings: landslide });
    // Let the run reach its first stage boundary, then supersede it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const progressed = h.posted.filter((m) => m.id === 10 && m.type === 'progress').length;
    expect(progressed).toBeGreaterThan(0);
    await h.host.handle({ id: 11, type: 'cancel', channel: 'map' });
    await run;
    expect(h.posted.filter((m) => m.id === 10 && m.type !== 'progress').map((m) => m.type)).toEqual(['superseded']);
    expect(h.posted.filter((m) => m.id === 10 && m.type === 'progress').length).toBeLessThan(7);
  });

  it('answers the plan editor’s road route and suggestions from the same store', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    const first = await h.analyse(scope, flood);
    const routed = first.people.find((p) => p.destination?.route)!;
    const person = (await shareablePeople(db)).people.find((p) => p.id === routed.personId)!;
    const shelter = (await listShelters(db)).find((s) => s.id === routed.destination!.shelterId)!;
    h.clear();
    await h.host.handle({ id: 20, type: 'roadRoute', scope, query: { home: [person.location!.lng, person.location!.lat], shelter: shelter.location, hazard: 'flood', avoidZones: true } });
    const route = h.posted.find((m) => m.id === 20);
    expect(route?.type).toBe('roadRoute');
    if (route?.type === 'roadRoute' && 'lengthM' in route.answer) expect(route.answer.lengthM).toBeCloseTo(routed.destination!.routeM!, 3);
    else throw new Error(`no route: ${JSON.stringify(route)}`);
    await h.host.handle({ id: 21, type: 'suggest', scope, person });
    expect(h.posted.find((m) => m.id === 21)?.type).toBe('suggestions');
    expect(h.storeBuilds).toEqual([]);
  });

  it('a failure is answered in Japanese, and the next request is answered again', async () => {
    const db = await openEngineDb();
    const h = harness(db);
    const scope = await scopeOf(db);
    await h.host.handle({ id: 30, type: 'analyse', channel: 'map', scope, settings: { ...flood, walking: null as never } });
    const failed = h.posted.find((m) => m.id === 30 && m.type !== 'progress');
    expect(failed?.type).toBe('failed');
    if (failed?.type === 'failed') expect(failed.message).toMatch(/^計算できませんでした（.+）。$/);
    expect((await h.analyse(scope, flood)).people.length).toBeGreaterThan(0);
  });
});
