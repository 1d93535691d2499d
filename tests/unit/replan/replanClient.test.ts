import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../src/core/evacuationAnalysis';
import { EngineClient } from '../../../src/workers/engineClient';
import type { EngineRequest } from '../../../src/workers/engineProtocol';
import { FakeWorker, useFakeWorker } from '../workers/fakeWorker';

useFakeWorker();

const scope = { districtId: 'd1', storeKey: 3, geodataRevision: 'r1' };
const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-11-23' };

describe('EngineClient.replan', () => {
  it('posts the scope, settings, a plain copy of the disruption and the channel; resolves with the affected people; every call settles', async () => {
    const client = new EngineClient('db-a');
    const closed = ['s1'];
    type Replan = Extract<EngineRequest, { type: 'replan' }>;
    const first = client.replan(scope, settings, { closedShelterIds: closed, fullShelterIds: [], absentSupporterIds: ['t1'] }, 'emergency');
    const w = FakeWorker.latest();
    const a = w.last<Replan>();
    const second = client.replan(scope, settings, { closedShelterIds: [], fullShelterIds: ['s2'], absentSupporterIds: [] });
    const b = w.last<Replan>();
    expect(a).toMatchObject({ type: 'replan', channel: 'emergency', scope: { dbName: 'db-a', districtId: 'd1', storeKey: 3 }, settings, disruption: { closedShelterIds: ['s1'], fullShelterIds: [], absentSupporterIds: ['t1'] } });
    expect(a.disruption.closedShelterIds).not.toBe(closed);
    expect(b.channel).toBeUndefined();
    const person = { personId: 'p1', reasons: ['shelter_closed'], destination: null, previousShelterId: 's1', destinationChanged: true, welfare: null, previousWelfareId: null, welfareChanged: false, supporters: [], supportersChanged: false, noSupporter: true };
    w.reply({ id: b.id, type: 'replanned', people: [] });
    w.reply({ id: a.id, type: 'replanned', people: [person] });
    await expect(second).resolves.toEqual([]);
    await expect(first).resolves.toEqual([person]);
    const failing = client.replan(scope, settings, { closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] });
    w.reply({ id: w.last<EngineRequest>().id, type: 'failed', message: '計算できませんでした（x）。' });
    await expect(failing).rejects.toThrow('計算できませんでした');
  });
});
