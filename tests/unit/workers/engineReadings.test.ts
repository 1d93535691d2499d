import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings, type EvacuationAnalysis, type PersonAnalysis } from '../../../src/core/evacuationAnalysis';
import { hazardAnswerLabel } from '../../../src/core/hazardAtHome';
import { readingId, type HazardReading } from '../../../src/core/hazardReading';
import { DEPTH_LEGEND } from '../../../src/core/hazardTileLayers';
import { personPoint } from '../../../src/core/nearestShelter';
import { shareablePeople } from '../../../src/db/consentGate';
import { geodataSummary } from '../../../src/db/geodata';
import { saveHazardReadings } from '../../../src/db/hazardReadings';
import { EngineHost } from '../../../src/workers/engineHost';
import type { EngineResponse, EngineScope } from '../../../src/workers/engineProtocol';
import type { EngineStorePart } from '../../../src/workers/engineStore';
import { openDemoDb } from '../db/demoStore';

/**
 * The engine worker reads the people's hazard readings from IndexedDB (table `hazardReadings`) by
 * `storeKey`, and the analysis answers hazard at home from them (issue 16).
 */
const flood: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-11-29' };
const deep = DEPTH_LEGEND.find((e) => e.key === 'depth_3_5')!;

function run(host: EngineHost, posted: EngineResponse[], id: number, scope: EngineScope): Promise<EvacuationAnalysis> {
  return host.handle({ id, type: 'analyse', channel: 'map', scope, settings: flood }).then(() => {
    const people: PersonAnalysis[] = [];
    for (const m of posted) if (m.id === id && m.type === 'people') people.push(...m.people);
    const end = posted.find((m) => m.id === id && m.type === 'result');
    if (end?.type !== 'result') throw new Error('no result');
    return { ...end.analysis, people };
  });
}

describe('the engine worker and the stored tile readings', () => {
  it('answers from the readings, re-reads them on a new storeKey, and keeps them while the key stays', async () => {
    const db = await openDemoDb(); // no zones imported: the tiles answer
    const posted: EngineResponse[] = [];
    const builds: EngineStorePart[] = [];
    const host = new EngineHost((m) => posted.push(m), { openDb: () => db, onStoreBuild: (p) => builds.push(p) });
    const people = (await shareablePeople(db, {})).people.filter((p) => personPoint(p));
    const [first, second] = people;
    const at = (p: typeof first, layers: HazardReading['layers']): HazardReading => ({
      id: readingId('person', p.id, 'flood'), subject: 'person', subjectId: p.id, hazard: 'flood', layers,
      point: personPoint(p)!, readAt: '2026-11-28T03:00:00.000Z', readOn: '2026-11-28',
    });
    const runInfo = { at: '2026-11-28T03:00:00.000Z', readOn: '2026-11-28', districtIds: [], tiles: 4, missing: 1, people: 2, shelters: 0 };
    await saveHazardReadings(db, [at(first, [{ layer: 'flood', outcome: { state: 'inside', key: deep.key, label: deep.label, minDepthM: deep.minDepthM } }]), at(second, [{ layer: 'flood', outcome: { state: 'no_tile' } }])], runInfo);
    const scope: EngineScope = { dbName: db.name, districtId: null, storeKey: 1, geodataRevision: (await geodataSummary(db)).revision };

    const a = await run(host, posted, 1, scope);
    const of = (r: EvacuationAnalysis, id: string) => r.people.find((p) => p.personId === id)!;
    expect(hazardAnswerLabel(of(a, first.id).hazard)).toBe('洪水の区域内（3.0〜5.0m）［ハザードマップポータル（タイル）、2026-11-28 取得］');
    expect(of(a, first.id).priority.reasons).toContain('自宅が想定区域内にある：洪水 3.0〜5.0m（ハザードマップポータル、2026-11-28 取得）');
    expect(of(a, second.id).hazard).toMatchObject({ state: 'no_data', why: 'tile_missing' });
    expect(a.people.filter((p) => p.hazard.source?.kind === 'tiles')).toHaveLength(2);
    expect(builds).toContain('hazardReadings');

    // The same key: nothing read again. A new key after a new read: the new answer.
    builds.length = 0;
    await run(host, posted, 2, scope);
    expect(builds).not.toContain('hazardReadings');
    await saveHazardReadings(db, [at(second, [{ layer: 'flood', outcome: { state: 'outside' } }])], runInfo);
    const b = await run(host, posted, 3, { ...scope, storeKey: 2 });
    expect(builds).toContain('hazardReadings');
    expect(of(b, second.id).hazard).toEqual({ hazard: 'flood', state: 'outside', source: { kind: 'tiles', readOn: '2026-11-28' } });
  });
});
