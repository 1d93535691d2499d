import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePlan } from '../../../src/core/plan';
import { planHistory, restorePlanVersion, savePlan } from '../../../src/db/plans';
import { HinanDatabase, SCHEMA_VERSIONS } from '../../../src/db/schema';
import { freshName, readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const toDelete: string[] = [];
afterEach(async () => {
  for (const name of toDelete.splice(0)) await Dexie.delete(name);
});

/** A store as version 1 of the app left it: demo people and two plans in the old shape. */
async function createV1Store(name: string) {
  const v1 = new Dexie(name);
  v1.version(1).stores(SCHEMA_VERSIONS.find((v) => v.version === 1)!.stores);
  await v1.open();
  const [a, b] = demo.people.filter((p) => p.consent.status === 'given');
  await v1.table('people').bulkPut(demo.people);
  await v1.table('plans').bulkPut([
    {
      id: 'old-a', personId: a.id, status: 'in_progress', primarySupporterId: 'demo-s001', backupSupporterIds: ['demo-s002'],
      destinations: { flood: 'shelter-x', earthquake: 'shelter-y' }, leaveWhen: '', transport: 'wheelchair',
      whatToBring: '薬', careNotes: '耳が遠いので大きな声で', reviewDue: '2026-03-31', version: 3, updatedAt: '2025-03-01T09:00:00.000Z',
    },
    // a v1 plan marked confirmed, and with no version number
    { id: 'old-b', personId: b.id, status: 'confirmed', primarySupporterId: null, backupSupporterIds: [], destinations: {}, leaveWhen: '警戒レベル3', transport: 'walk', whatToBring: '', careNotes: '', reviewDue: null, updatedAt: '2025-03-02T09:00:00.000Z' },
  ]);
  v1.close();
  return { a, b };
}

describe('schema version 1 → 2', () => {
  it('keeps every published version and adds plan history in version 2', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions.slice(0, 2)).toEqual([1, 2]);
    expect(versions).toEqual(versions.map((_, i) => i + 1)); // numbered 1, 2, 3… with no gaps
    expect(SCHEMA_VERSIONS[1].stores.planVersions).toContain('++seq');
  });

  it('upgrades old plans to the editor model without losing what was typed', async () => {
    const name = freshName();
    toDelete.push(name);
    const { a, b } = await createV1Store(name);

    const db = new HinanDatabase(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version); // upgraded through every later version too
    const planA = (await db.plans.get('old-a'))!;
    expect(validatePlan(planA)).toEqual([]);
    expect(planA).toMatchObject({
      personId: a.id, status: 'in_progress', version: 3, transport: 'wheelchair', whatToBring: '薬',
      supporterNotes: '耳が遠いので大きな声で', leaveWhen: '警戒レベル3 高齢者等避難', reviewDue: '2026-03-31',
      primarySupporter: { supporterId: 'demo-s001' }, backupSupporters: [{ supporterId: 'demo-s002' }],
      destinations: { flood: { shelterId: 'shelter-x', routeNote: '', routeLine: null }, earthquake: { shelterId: 'shelter-y' } },
      emergencyContacts: [], consent: { status: 'pending' },
    });
    expect(planA).not.toHaveProperty('careNotes');
    expect(planA).not.toHaveProperty('primarySupporterId');

    // no plan consent was recorded in v1, so a confirmed plan must be confirmed again
    const planB = (await db.plans.get('old-b'))!;
    expect(planB).toMatchObject({ personId: b.id, status: 'needs_review', version: 1, leaveWhen: '警戒レベル3' });
    expect(validatePlan(planB)).toEqual([]);

    // the upgraded content is the first entry of each plan's history, and can be restored
    const history = await planHistory(db, 'old-a');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'upgrade', version: 3, savedAt: '2025-03-01T09:00:00.000Z' });
    const edited = await savePlan(db, { ...planA, whatToBring: '薬、補聴器の電池' });
    expect(edited.version).toBe(4);
    const restored = await restorePlanVersion(db, 'old-a', history[0].seq!);
    expect(restored).toMatchObject({ version: 5, whatToBring: '薬' });
    expect((await planHistory(db, 'old-b'))[0].plan.status).toBe('needs_review');
    db.close();
  });

  it('opens an empty version-1 store without error', async () => {
    const name = freshName();
    toDelete.push(name);
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_VERSIONS[0].stores);
    await v1.open();
    v1.close();
    const db = new HinanDatabase(name);
    await db.open();
    expect(await db.planVersions.count()).toBe(0);
    db.close();
  });
});
