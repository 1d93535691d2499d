/**
 * 「名簿から外れた人」 in the store (src/db/rosterArchive.ts): the list, 「完全に削除」 with its 提供記録
 * entry (ids and number, no names), the retention period and who is past it, and the 支援者名簿's
 * update (archived supporters stay in the table; a renumbered supporter's plans follow).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultRosterChoices } from '../../../src/core/rosterUpdate';
import { readAllTables } from '../../../src/db/backupTables';
import { listDisclosures, OperatorMissingError } from '../../../src/db/disclosures';
import { commitPeople } from '../../../src/db/imports';
import { writePlanDraft } from '../../../src/db/planDrafts';
import { planHistory, savePlan } from '../../../src/db/plans';
import {
  archiveRetentionDays, DEFAULT_ARCHIVE_RETENTION_DAYS, expiredArchived, listArchived, purgeArchived, setArchiveRetentionDays,
} from '../../../src/db/rosterArchive';
import { applyRosterUpdate } from '../../../src/db/rosterUpdate';
import { listSupporters } from '../../../src/db/supporters';
import type { HinanDatabase } from '../../../src/db/schema';
import { CsvRows, peopleOf, planFor, ROSTER, storeWithRoster, storeWithSupporters, SUPPORTERS, supportersOf } from './rosterStore';

const A = CsvRows.read(ROSTER, 0, 60);
const consented = A.rows.filter((r) => r[A.col['同意']].startsWith('同意')).map((r) => r[0]);
const choices = defaultRosterChoices();

/** The 名簿 store with `gone` left out by an update on `on` (Japan date, 10:00). */
async function archive(db: HinanDatabase, gone: string[], on: string): Promise<void> {
  const rows = A.map((r) => (gone.includes(r[0]) ? null : r));
  await applyRosterUpdate(db, 'people', peopleOf(rows), { ...choices, archiveReasons: Object.fromEntries(gone.map((id) => [id, 'deceased'])) }, { fileName: `名簿${on}.csv`, now: new Date(`${on}T01:00:00Z`) });
}

describe('名簿から外れた人', () => {
  it('lists the archived people only, newest first, with their reason and date', async () => {
    const db = await storeWithRoster(A);
    await archive(db, [consented[0]], '2026-01-20');
    await archive(db, [consented[1]], '2026-03-01'); // consented[0] comes back on this 名簿
    await archive(db, [consented[1], consented[2]], '2026-05-01');
    const listed = await listArchived(db, 'people');
    expect(listed.map((p) => [p.id, p.archived!.on, p.archived!.reason])).toEqual([
      [consented[2], '2026-05-01', 'deceased'],
      [consented[1], '2026-03-01', 'deceased'],
    ]);
  });

  it('「完全に削除」 removes the people, their plans, history, drafts and drill checks in one go and records the ids and number without names', async () => {
    const db = await storeWithRoster(A);
    const [a, b, stays] = consented;
    const planA = await planFor(db, a);
    await writePlanDraft(db, { ...planA, whatToBring: '入れ歯' }, planA.version);
    await planFor(db, b, false);
    await planFor(db, stays);
    const check = (personId: string) => ({ personId, at: '2026-01-10T01:00:00.000Z', status: 'needs_help' as const, note: '玄関で転倒歴あり' });
    await db.drills.put({
      id: 'drill-1', name: '地区訓練', kind: 'safety_check', districtId: null, hazard: 'flood', timeOfDay: 'day', season: 'normal',
      closedShelterIds: [], absentSupporterIds: [], startedAt: null, endedAt: null, records: [check(a), check(stays)],
    });
    await archive(db, [a, b], '2026-02-01');

    const result = await purgeArchived(db, 'people', [a, b, a], new Date('2026-03-01T00:00:00Z'));
    expect(result).toMatchObject({ removed: 2, plans: 2 });
    expect(await db.people.bulkGet([a, b])).toEqual([undefined, undefined]);
    expect(await db.plans.where('personId').anyOf([a, b]).count()).toBe(0);
    expect(await db.planVersions.where('personId').anyOf([a, b]).count()).toBe(0);
    expect(await db.planDrafts.get(a)).toBeUndefined();
    expect(await db.plans.where('personId').equals(stays).count()).toBe(1);
    expect((await db.drills.get('drill-1'))!.records.map((r) => r.personId)).toEqual([stays]);
    const [entry] = await listDisclosures(db, 1);
    expect(entry).toMatchObject({ kind: 'delete', personIds: [a, b], count: 2, wholeStore: false, operator: '山田 花子', recipient: null, at: '2026-03-01T00:00:00.000Z' });
    expect(entry.what).toBe('名簿から外れた要支援者 2人を完全に削除（個別避難計画 2件と履歴を含む）');
    expect(JSON.stringify(entry)).not.toContain(A.get(a, '氏名'));
  });

  it('refuses people still on the 名簿 (or unknown) and works only with a 作業者名; nothing is removed then', async () => {
    const db = await storeWithRoster(A);
    await planFor(db, consented[1]);
    await archive(db, [consented[0]], '2026-02-01');
    const before = await readAllTables(db);
    await expect(purgeArchived(db, 'people', [consented[0], consented[1], 'NOPE'])).rejects.toThrow(/名簿から外れていない人は完全に削除できません（ID「.+」、ID「NOPE」）/);
    await db.meta.delete('operator');
    const withoutOperator = await readAllTables(db);
    await expect(purgeArchived(db, 'people', [consented[0]])).rejects.toBeInstanceOf(OperatorMissingError);
    expect(await readAllTables(db)).toEqual(withoutOperator);
    expect(withoutOperator.people).toEqual(before.people);
  });

  it('the retention period: 365 days unless set, whole days 1–3650, and who is past it in Japan dates', async () => {
    const db = await storeWithRoster(A);
    expect(await archiveRetentionDays(db)).toBe(DEFAULT_ARCHIVE_RETENTION_DAYS);
    await archive(db, [consented[0]], '2025-03-01');
    await archive(db, [consented[0], consented[1]], '2025-06-01');
    expect((await expiredArchived(db, 'people', '2026-02-28')).map((p) => p.id)).toEqual([]);
    expect((await expiredArchived(db, 'people', '2026-03-01')).map((p) => p.id)).toEqual([consented[0]]);
    for (const bad of [0, 3651, 1.5, Number.NaN]) await expect(setArchiveRetentionDays(db, bad)).rejects.toThrow('保存期間は1〜3650日の整数で入力してください。');
    await setArchiveRetentionDays(db, 30);
    expect(await archiveRetentionDays(db)).toBe(30);
    expect((await expiredArchived(db, 'people', '2025-06-30')).map((p) => p.id)).toEqual([consented[0]]);
    expect((await expiredArchived(db, 'people', '2025-07-01')).map((p) => p.id)).toEqual([consented[1], consented[0]]);
  });
});

describe('the 支援者名簿 update', () => {
  const S = CsvRows.read(SUPPORTERS, 0, 40);
  const [leaving, renumbered, changed] = S.rows.map((r) => r[0]);

  it('archives a supporter missing from the file (kept in the table, not listed), follows a renumbered supporter in plans, and purges', async () => {
    const db = await storeWithSupporters(S);
    await commitPeople(db, peopleOf(A));
    const drafted = await planFor(db, consented[0], false);
    const plan = await savePlan(db, { ...drafted, primarySupporter: { supporterId: renumbered, name: '', phone: '', address: '', chosenBy: 'user' } });
    const next = S.map((r, get, set) => {
      if (get('ID') === leaving) return null;
      if (get('ID') === renumbered) set('ID', `X${renumbered}`);
      if (get('ID') === changed) set('対応可能時間', get('対応可能時間') === '夜のみ' ? '昼のみ' : '夜のみ');
    });
    const record = await applyRosterUpdate(db, 'supporters', supportersOf(next), choices, { fileName: '支援者2026.csv', now: new Date('2026-04-01T01:00:00Z') });
    expect(record).toMatchObject({ kind: 'supporters', counts: { archived: 1, changed: 2, matchedByName: 1, reviews: 0 } }); // the renumbered supporter is a change too
    expect((await db.supporters.get(leaving))!.archived).toMatchObject({ on: '2026-04-01', reason: 'unknown' });
    expect((await listSupporters(db)).map((s) => s.id)).not.toContain(leaving);
    expect((await listArchived(db, 'supporters')).map((s) => s.id)).toEqual([leaving]);
    expect(await db.supporters.get(renumbered)).toBeUndefined();
    expect((await db.plans.get(plan.id))!.primarySupporter!.supporterId).toBe(`X${renumbered}`);
    expect((await planHistory(db, plan.id))[0].plan.primarySupporter!.supporterId).toBe(`X${renumbered}`);
    expect(await applyRosterUpdate(db, 'supporters', supportersOf(next), choices, { fileName: '支援者2026.csv', now: new Date('2026-04-02T01:00:00Z') })).toBeNull();

    await purgeArchived(db, 'supporters', [leaving]);
    expect(await db.supporters.get(leaving)).toBeUndefined();
    expect((await listDisclosures(db, 1))[0]).toMatchObject({ kind: 'delete', personIds: [leaving], count: 1, what: '名簿から外れた支援者 1人を完全に削除' });
  });
});
