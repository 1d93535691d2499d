import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyPlan } from '../../../src/core/plan';
import { setPersonConsent } from '../../../src/db/consent';
import { removeDemo } from '../../../src/db/demo';
import { discardPlanDraft, planAtVersion, planDraftFor, writePlanDraft } from '../../../src/db/planDrafts';
import { PlanConflict, PlanNotSaved, planForPerson, planHistory, restorePlanVersion, savePlan } from '../../../src/db/plans';
import { openDemoDb, readDemoBundle } from './demoStore';

/** Compare-and-set saves and unsaved-typing drafts of 個別避難計画 (issue 8, items 6 and 7). */

const demo = readDemoBundle();
const demoDb = openDemoDb;
const person = demo.people.filter((p) => p.consent.status === 'given')[0];

describe('compare-and-set save', () => {
  it('saves only on top of the version the caller loaded; two tabs from version 1 → one saves, the other gets the stored plan', async () => {
    const db = await demoDb();
    const v1 = await savePlan(db, emptyPlan(person.id, '2025-04-01'));
    const tabA = { ...v1, supporterNotes: '鍵は隣の佐藤さん' };
    const tabB = { ...v1, whatToBring: '眼鏡' };
    const [a, b] = await Promise.allSettled([savePlan(db, tabA), savePlan(db, tabB)]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    const conflict = (b as PromiseRejectedResult).reason;
    expect(conflict).toBeInstanceOf(PlanConflict);
    expect(conflict.current).toMatchObject({ version: 2, supporterNotes: '鍵は隣の佐藤さん', whatToBring: '' });
    expect(await planForPerson(db, person.id)).toMatchObject({ version: 2, supporterNotes: '鍵は隣の佐藤さん', whatToBring: '' });
    expect(await db.planVersions.count()).toBe(2);
    // Tab B, having merged, saves on top of version 2.
    const merged = await savePlan(db, { ...conflict.current, whatToBring: '眼鏡' });
    expect(merged).toMatchObject({ version: 3, supporterNotes: '鍵は隣の佐藤さん', whatToBring: '眼鏡' });
  });

  it('a new plan (version 0) is refused when another tab created it first', async () => {
    const db = await demoDb();
    await savePlan(db, { ...emptyPlan(person.id, '2025-04-01'), whatToBring: 'A' });
    await expect(savePlan(db, { ...emptyPlan(person.id, '2025-04-01'), whatToBring: 'B' })).rejects.toBeInstanceOf(PlanConflict);
    expect((await planForPerson(db, person.id))!.whatToBring).toBe('A');
  });

  it('expectedVersion overrides the plan’s own version; a restore with a stale expectedVersion is refused too', async () => {
    const db = await demoDb();
    const v1 = await savePlan(db, emptyPlan(person.id, '2025-04-01'));
    const v2 = await savePlan(db, { ...v1, whatToBring: 'A' }, { expectedVersion: 1 });
    await expect(savePlan(db, { ...v2, whatToBring: 'B' }, { expectedVersion: 1 })).rejects.toBeInstanceOf(PlanConflict);
    const first = (await planHistory(db, v1.id)).at(-1)!;
    await expect(restorePlanVersion(db, v1.id, first.seq!, { expectedVersion: 1 })).rejects.toBeInstanceOf(PlanConflict);
    expect((await restorePlanVersion(db, v1.id, first.seq!, { expectedVersion: 2 })).version).toBe(3);
  });

  it('a save expecting a plan that is no longer stored is refused in Japanese', async () => {
    const db = await demoDb();
    await expect(savePlan(db, { ...emptyPlan(person.id, '2025-04-01'), version: 4 })).rejects.toThrow(PlanNotSaved);
    expect(await db.plans.count()).toBe(0);
  });
});

describe('unsaved typing (下書き)', () => {
  it('is kept until a save holds exactly it; typing after the saved content is kept', async () => {
    const db = await demoDb();
    const typed = { ...emptyPlan(person.id, '2025-04-01'), supporterNotes: '犬がいる' };
    await writePlanDraft(db, typed, 0);
    expect(await planDraftFor(db, person.id)).toMatchObject({ baseVersion: 0, plan: { supporterNotes: '犬がいる' } });
    const v1 = await savePlan(db, typed);
    expect(await planDraftFor(db, person.id)).toBeUndefined();

    await writePlanDraft(db, { ...v1, supporterNotes: '犬がいる。鍵は隣' }, 1);
    await savePlan(db, { ...v1, supporterNotes: '犬がいる。' }); // an older keystroke's save
    expect((await planDraftFor(db, person.id))!.plan.supporterNotes).toBe('犬がいる。鍵は隣');
    expect((await planAtVersion(db, v1.id, 1))!.supporterNotes).toBe('犬がいる');
    await discardPlanDraft(db, person.id);
    expect(await planDraftFor(db, person.id)).toBeUndefined();
  });

  it('is never given back for a person without consent, and goes with the demo', async () => {
    const db = await demoDb();
    await writePlanDraft(db, { ...emptyPlan(person.id, '2025-04-01'), supporterNotes: '犬がいる' }, 0);
    await setPersonConsent(db, person.id, { status: 'refused', date: '2025-04-02', method: 'signature', recipients: [] });
    expect(await planDraftFor(db, person.id)).toBeUndefined();
    await removeDemo(db);
    expect(await db.planDrafts.count()).toBe(0);
  });
});
