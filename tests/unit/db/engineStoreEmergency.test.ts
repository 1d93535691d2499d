/**
 * The engine worker's people during 災害時モード: the map's and the board's runs see the people the
 * consent gate reveals; a planning screen's run (`consentOnly`, the 地区カルテ) sees the consented
 * only, so its numbers stay those of people who agreed.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { startEmergency } from '../../../src/db/emergencies';
import { setOperator } from '../../../src/db/operator';
import { EngineStore } from '../../../src/workers/engineStore';
import type { EngineScope } from '../../../src/workers/engineProtocol';
import { openDemoDb } from './demoStore';

describe('engine store during 災害時モード', () => {
  it('reads revealed people for the shown scope and only the consented for consentOnly, each cached apart', async () => {
    const db = await openDemoDb();
    await setOperator(db, '山田 花子');
    const district = 'demo-d2';
    const all = (await db.people.where('districtId').equals(district).toArray()).filter((p) => p.archived === undefined);
    const consented = all.filter((p) => isShareable(p.consent)).map((p) => p.id).sort();
    expect(consented.length).toBeLessThan(all.length);
    await startEmergency(db, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', districtIds: [district], includeRefused: true, authorised: true });
    const store = new EngineStore(db);
    const scope: EngineScope = { dbName: db.name, districtId: district, storeKey: 1, geodataRevision: '' };
    const ids = async (s: EngineScope) => (await store.people(s)).map((p) => p.id).sort();
    expect(await ids(scope)).toEqual(all.map((p) => p.id).sort());
    expect(await ids({ ...scope, consentOnly: true })).toEqual(consented);
    expect(await ids(scope)).toEqual(all.map((p) => p.id).sort());
  });
});
