import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { confirmPlan, emptyPlan, type Plan } from '../../../src/core/plan';
import { setPersonConsent } from '../../../src/db/consent';
import { shareablePeople } from '../../../src/db/consentGate';
import { removeDemo } from '../../../src/db/demo';
import { ValidationFailed } from '../../../src/db/errors';
import { listPlans, PlanConflict, planForPerson, planHistory, restorePlanVersion, savePlan } from '../../../src/db/plans';
import { openDemoDb, openTestDb, readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const demoDb = openDemoDb;

const given = demo.people.filter((p) => p.consent.status === 'given');
const hidden = demo.people.find((p) => p.consent.status !== 'given')!;
let minute = 0;
const clock = () => new Date(Date.UTC(2025, 3, 1, 0, minute++));
const planConsent = { status: 'given' as const, date: '2025-04-01', method: 'signature' as const, recipients: ['jishubo' as const] };

describe('saving a plan', () => {
  it('writes a version on every save and finds the plan intact after reopening the store', async () => {
    const db = await demoDb();
    const person = given[0];
    const draft: Plan = { ...emptyPlan(person.id, '2025-04-01'), status: 'in_progress', whatToBring: '薬手帳、眼鏡' };
    const v1 = await savePlan(db, draft, { now: clock });
    expect(v1.version).toBe(1);
    const v2 = await savePlan(db, { ...v1, medical: { ...v1.medical, powerDependent: true, batteryHours: 8, powerAvailableAt: '会津中央病院' }, communicationNotes: '右耳が聞こえにくい' }, { now: clock });
    expect(v2.version).toBe(2);

    db.close();
    const again = openTestDb(db.name);
    const stored = await planForPerson(again, person.id);
    expect(stored).toEqual(v2);
    expect(stored!.medical.batteryHours).toBe(8);
    expect((await planHistory(again, v2.id)).map((v) => v.version)).toEqual([2, 1]);
  });

  it('a caller holding an old copy is refused (compare-and-set) and told what is stored; nothing is overwritten', async () => {
    const db = await demoDb();
    const base = await savePlan(db, emptyPlan(given[0].id, '2025-04-01'), { now: clock });
    await savePlan(db, { ...base, whatToBring: 'タブA' }, { now: clock });
    const err = await savePlan(db, { ...base, supporterNotes: 'タブB' }, { now: clock }).catch((e) => e);
    expect(err).toBeInstanceOf(PlanConflict);
    expect(err.message).toContain('別の画面');
    expect(err.current).toMatchObject({ version: 2, whatToBring: 'タブA' });
    expect((await planHistory(db, base.id)).map((v) => v.plan.whatToBring)).toEqual(['タブA', '']);
    expect(await planForPerson(db, given[0].id)).toMatchObject({ version: 2, whatToBring: 'タブA', supporterNotes: '' });
  });

  it('refuses an invalid plan in Japanese and writes neither plan nor version', async () => {
    const db = await demoDb();
    const bad = confirmPlan(emptyPlan(given[0].id, '2025-04-01'), '2025-04-01'); // no plan consent
    const err = await savePlan(db, bad).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.message).toContain('本人確認済');
    expect(await db.plans.count()).toBe(0);
    expect(await db.planVersions.count()).toBe(0);
    const ok = await savePlan(db, confirmPlan({ ...emptyPlan(given[0].id, '2025-04-01'), consent: planConsent }, '2025-04-01'));
    expect(ok).toMatchObject({ status: 'confirmed', reviewDue: '2026-04-01' });
  });

  it('refuses a plan for someone not on the 名簿', async () => {
    const db = await demoDb();
    await expect(savePlan(db, emptyPlan('nobody', '2025-04-01'))).rejects.toThrow('名簿にない');
  });
});

describe('history and restore', () => {
  it('restores an earlier version as a new version and never loses one', async () => {
    const db = await demoDb();
    const person = given[1];
    const v1 = await savePlan(db, { ...emptyPlan(person.id, '2025-04-01'), whatToBring: '最初の内容' }, { now: clock });
    const v2 = await savePlan(db, { ...v1, whatToBring: '二回目の内容' }, { now: clock });
    await savePlan(db, { ...v2, whatToBring: '三回目の内容', leaveWhen: '警戒レベル4 避難指示' }, { now: clock });

    const history = await planHistory(db, v1.id);
    const first = history.find((v) => v.version === 1)!;
    const restored = await restorePlanVersion(db, v1.id, first.seq!, { now: clock });
    expect(restored).toMatchObject({ version: 4, whatToBring: '最初の内容', leaveWhen: '警戒レベル3 高齢者等避難' });
    expect((await planForPerson(db, person.id))!.whatToBring).toBe('最初の内容');

    const after = await planHistory(db, v1.id);
    expect(after.map((v) => v.plan.whatToBring)).toEqual(['最初の内容', '三回目の内容', '二回目の内容', '最初の内容']);
    expect(after[0]).toMatchObject({ kind: 'restore', restoredFromSeq: first.seq });
    // restoring the restore's predecessor brings back version 3's text
    const back = await restorePlanVersion(db, v1.id, after[1].seq!, { now: clock });
    expect(back.whatToBring).toBe('三回目の内容');
    expect((await planHistory(db, v1.id)).length).toBe(5);
  });

  it('refuses to restore a version of another plan', async () => {
    const db = await demoDb();
    const a = await savePlan(db, emptyPlan(given[0].id, '2025-04-01'));
    const b = await savePlan(db, emptyPlan(given[1].id, '2025-04-01'));
    const bSeq = (await planHistory(db, b.id))[0].seq!;
    await expect(restorePlanVersion(db, a.id, bSeq)).rejects.toThrow('版が見つかりません');
  });

  it('removing the demo removes its plans and their history', async () => {
    const db = await demoDb();
    await savePlan(db, emptyPlan(given[0].id, '2025-04-01'));
    await removeDemo(db);
    expect(await db.plans.count()).toBe(0);
    expect(await db.planVersions.count()).toBe(0);
  });
});

describe('consent', () => {
  it('never returns plans of people without 名簿 consent for display', async () => {
    const db = await demoDb();
    await savePlan(db, emptyPlan(given[0].id, '2025-04-01'));
    const hiddenPlan = await savePlan(db, emptyPlan(hidden.id, '2025-04-01'));
    expect((await listPlans(db)).map((p) => p.personId)).toEqual([given[0].id]);
    expect(await planForPerson(db, hidden.id)).toBeUndefined();
    expect(await planHistory(db, hiddenPlan.id)).toEqual([]);
  });

  it('withdrawing consent hides the person and their plan at once, giving it back shows them again', async () => {
    const db = await demoDb();
    const person = given[2];
    await savePlan(db, emptyPlan(person.id, '2025-04-01'));
    const seen: number[] = [];
    const sub = liveQuery(() => shareablePeople(db)).subscribe((r) => seen.push(r.people.length));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const before = seen.at(-1)!;

    const withdrawn = await setPersonConsent(db, person.id, { ...person.consent, status: 'refused', date: '2025-05-01' });
    expect(withdrawn.consent.status).toBe('refused');
    await expect.poll(() => seen.at(-1)).toBe(before - 1);
    expect((await listPlans(db)).some((p) => p.personId === person.id)).toBe(false);

    await setPersonConsent(db, person.id, { status: 'given', date: '2025-06-01', method: 'verbal', recipients: ['minsei'] });
    await expect.poll(() => seen.at(-1)).toBe(before);
    expect((await planForPerson(db, person.id))?.personId).toBe(person.id);
    sub.unsubscribe();
  });

  it('refuses an impossible consent date, and leaves the person unchanged', async () => {
    const db = await demoDb();
    const person = hidden;
    const err = await setPersonConsent(db, person.id, { status: 'given', date: '2025-02-30', method: 'verbal', recipients: [] }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.message).toContain('同意日');
    expect((await db.people.get(person.id))!.consent).toEqual(person.consent);
  });
});
