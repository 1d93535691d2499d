import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../src/core/evacuationAnalysis';
import { emptyPlan } from '../../../src/core/plan';
import { replanEveryone, type Disruption, type ReplannedPerson } from '../../../src/core/replan';
import { shareablePeople } from '../../../src/db/consentGate';
import { geodataSummary } from '../../../src/db/geodata';
import { savePlan } from '../../../src/db/plans';
import { listShelters } from '../../../src/db/shelters';
import { listSupporters } from '../../../src/db/supporters';
import { EngineHost } from '../../../src/workers/engineHost';
import type { EngineResponse, EngineScope } from '../../../src/workers/engineProtocol';
import { openDemoDb } from '../db/demoStore';

const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-11-23' };

describe('the engine worker answers a replan request', () => {
  it('re-plans the demo store’s affected people as the reference does on the same data read independently, following a saved plan’s 代替の避難先', async () => {
    const db = await openDemoDb();
    const scope: EngineScope = { dbName: db.name, districtId: null, storeKey: 1, geodataRevision: (await geodataSummary(db)).revision };
    const posted: EngineResponse[] = [];
    const host = new EngineHost((m) => posted.push(m), { openDb: () => db });

    // The expectation from the store read through the db/ functions, the engine and the reference.
    const people = (await shareablePeople(db, { districtId: null })).people;
    const shelters = await listShelters(db);
    const supporters = await listSupporters(db, null);
    const before = analyseEvacuation({ people, shelters, supporters, hazardZones: [], hazardCoverage: [], roads: [] }, settings);
    // Close the destinations of the first three people; one supporter of a fourth is absent.
    const closed = [...new Set(before.people.slice(0, 3).map((a) => a.destination!.shelterId))];
    const helped = before.people.find((a) => a.supporters.length > 0)!;
    const disruption: Disruption = { closedShelterIds: closed, fullShelterIds: [], absentSupporterIds: [helped.supporters[0].supporterId] };
    // The first person has a plan with a 代替の避難先.
    const first = people[0];
    const plan = { ...emptyPlan(first.id, '2026-11-01'), alternativeDestination: { kind: 'relatives' as const, name: '長女宅', address: '会津若松市', phone: '0242-00-1111' } };
    await savePlan(db, plan);

    await host.handle({ id: 1, type: 'replan', scope, settings, disruption });
    const answer = posted.find((m) => m.id === 1);
    if (answer?.type !== 'replanned') throw new Error(JSON.stringify(answer));
    const expected: ReplannedPerson[] = replanEveryone({ people, analysis: before.people, plans: [{ ...plan, version: 1 }], shelters, supporters, settings, disruption }).filter((r) => r.reasons.length > 0);
    expect(answer.people).toEqual(expected);
    expect(answer.people.length).toBeGreaterThanOrEqual(4);
    expect(answer.people.find((r) => r.personId === first.id)?.destination).toEqual({ kind: 'alternative', name: '長女宅', address: '会津若松市', phone: '0242-00-1111' });
    expect(answer.people.some((r) => r.personId === helped.personId && r.reasons.includes('supporter_absent'))).toBe(true);

    // Nothing disrupted: nobody.
    await host.handle({ id: 2, type: 'replan', scope, settings, disruption: { closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] } });
    expect(posted.find((m) => m.id === 2)).toEqual({ id: 2, type: 'replanned', people: [] });
  });
});
