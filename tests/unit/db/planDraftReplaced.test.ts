/**
 * A plan editor left open in another tab while this tab erased or restored the store
 * (src/db/planDrafts.ts writePlanDraft): its typing must not be written into the new store — a
 * full plan left behind after an erase, or an old plan offered and autosaved over the restored one.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPlan } from '../../../src/core/plan';
import { eraseStore } from '../../../src/db/eraseAll';
import { planDraftFor, writePlanDraft } from '../../../src/db/planDrafts';
import { savePlan } from '../../../src/db/plans';
import { stopTypingWrites } from '../../../src/db/storeChange';
import { MemoryStorage } from '../support/memoryStorage';
import { openDemoDb } from './demoStore';

afterEach(() => {
  delete (globalThis as { localStorage?: Storage }).localStorage;
});

async function withPlan() {
  const storage = new MemoryStorage();
  (globalThis as { localStorage?: Storage }).localStorage = storage;
  const db = await openDemoDb();
  const person = (await db.people.toArray()).find((p) => p.consent.status === 'given')!;
  let plan = await savePlan(db, { ...emptyPlan(person.id, '2025-04-01'), whatToBring: '薬手帳' });
  plan = await savePlan(db, { ...plan, whatToBring: '薬手帳、眼鏡' });
  return { db, person, plan, storage };
}

describe('typing of a replaced store is not written', () => {
  it('after すべてのデータを消去: no draft row and no localStorage copy holds the plan', async () => {
    const { db, person, plan, storage } = await withPlan();
    await eraseStore(db);
    expect(await writePlanDraft(db, { ...plan, supporterNotes: '消去の後に打った文字' }, plan.version)).toBe(false);
    expect(await db.planDrafts.count()).toBe(0);
    expect(storage.length).toBe(0);
    expect(await planDraftFor(db, person.id)).toBeUndefined();
  });

  it('after a restore put an older version of the plan back: refused, the restored plan is not offered old typing', async () => {
    const { db, person, plan } = await withPlan();
    // the restored store holds this plan at version 1 (the editor's typing started from version 2)
    const v1 = (await db.planVersions.where('planId').equals(plan.id).sortBy('seq'))[0].plan;
    await db.plans.put(v1);
    expect(await writePlanDraft(db, { ...plan, supporterNotes: '古い画面の入力' }, plan.version)).toBe(false);
    expect(await db.planDrafts.get(person.id)).toBeUndefined();
    // typing on the plan as stored is written as before
    expect(await writePlanDraft(db, { ...v1, supporterNotes: '新しい入力' }, v1.version)).toBe(true);
    expect((await db.planDrafts.get(person.id))?.plan.supporterNotes).toBe('新しい入力');
  });

  it('after another tab announced a restore or erase (stopTypingWrites): nothing more is written', async () => {
    const { db, person, plan, storage } = await withPlan();
    stopTypingWrites();
    expect(await writePlanDraft(db, { ...plan, supporterNotes: '再読み込みの直前' }, plan.version)).toBe(false);
    expect(await db.planDrafts.get(person.id)).toBeUndefined();
    expect(storage.length).toBe(0);
  });
});

describe('typing of a replaced store is not offered', () => {
  it('a draft (row or copy) that started from a newer version than the stored plan is not restored into the editor', async () => {
    const { db, person, plan, storage } = await withPlan();
    const stale = { personId: person.id, baseVersion: plan.version, writtenAt: '2026-01-01T00:00:00.000Z', plan: { ...plan, supporterNotes: '置き換えられた記録の入力' } };
    await db.planDrafts.put(stale);
    expect((await planDraftFor(db, person.id))?.plan.supporterNotes).toBe('置き換えられた記録の入力');
    // a restore put the plan back at version 1
    const v1 = (await db.planVersions.where('planId').equals(plan.id).sortBy('seq'))[0].plan;
    await db.plans.put(v1);
    expect(await planDraftFor(db, person.id)).toBeUndefined();
    storage.setItem(`hinan:${db.name}:planDraft:${person.id}`, JSON.stringify(stale));
    expect(await planDraftFor(db, person.id)).toBeUndefined();
  });
});
