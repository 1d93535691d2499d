/**
 * 名簿の更新 against the store (src/db/rosterUpdate.ts): a real 名簿 imported, then next year's file
 * (the same rows edited) previewed and applied — archive and return with the plan, renumbered ids
 * with their plan/history/draft/drill checks, 本人確認済 plans to 要見直し with the reason, a second
 * apply that writes nothing, all-or-nothing, the more-than-half and other-city refusals.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultRosterChoices } from '../../../src/core/rosterUpdate';
import { readAllTables } from '../../../src/db/backupTables';
import { shareablePeople } from '../../../src/db/consentGate';
import { createDrill, recordDrillCheck, startDrill } from '../../../src/db/drills';
import { writePlanDraft } from '../../../src/db/planDrafts';
import { planForPerson, planHistory } from '../../../src/db/plans';
import { applyRosterUpdate, listRosterUpdates, previewRosterUpdate } from '../../../src/db/rosterUpdate';
import { CsvRows, peopleOf, planFor, ROSTER, storeWithRoster } from './rosterStore';

const NOW = new Date('2026-04-01T01:00:00Z'); // 2026-04-01 in Japan
const LATER = new Date('2026-07-01T01:00:00Z');
const A = CsvRows.read(ROSTER, 0, 120);
const consented = A.rows.filter((r) => r[A.col['同意']].startsWith('同意')).map((r) => r[0]);
const choices = defaultRosterChoices();
const apply = (db: Parameters<typeof applyRosterUpdate>[0], rows: CsvRows, extra: { now?: Date; confirmArchiveCount?: number } = {}) =>
  applyRosterUpdate(db, 'people', peopleOf(rows, '名簿2027.csv'), choices, { fileName: '名簿2027.csv', now: NOW, ...extra });

describe('名簿の更新 in the store', () => {
  it('a person missing from the file is archived with the reason, hidden, plan and history kept; a later 名簿 restores them with their plan', async () => {
    const db = await storeWithRoster(A);
    const gone = consented[0];
    const plan = await planFor(db, gone);
    const versions = (await planHistory(db, plan.id)).length;
    const without = A.map((r) => (r[0] === gone ? null : r));

    const record = await applyRosterUpdate(db, 'people', peopleOf(without), { ...choices, archiveReasons: { [gone]: 'facility' } }, { fileName: '名簿2027.csv', now: NOW });
    expect(record).toMatchObject({ kind: 'people', on: '2026-04-01', fileName: '名簿2027.csv', operator: '山田 花子', counts: { archived: 1, added: 0, changed: 0, unchanged: 119 } });
    const archived = (await db.people.get(gone))!;
    expect(archived.archived).toMatchObject({ reason: 'facility', on: '2026-04-01', fileName: '名簿2027.csv', updateId: record!.id });
    expect((await shareablePeople(db)).people.map((p) => p.id)).not.toContain(gone);
    expect(await planForPerson(db, gone)).toBeUndefined();
    expect(await db.plans.get(plan.id)).toMatchObject({ status: 'confirmed', version: plan.version });
    expect(await db.planVersions.where('planId').equals(plan.id).count()).toBe(versions);

    const back = await apply(db, A, { now: LATER });
    expect(back!.counts).toMatchObject({ returned: 1, archived: 0 });
    expect((await db.people.get(gone))!.archived).toBeUndefined();
    expect((await shareablePeople(db)).people.map((p) => p.id)).toContain(gone);
    const restored = (await planForPerson(db, gone))!;
    expect(restored).toMatchObject({ id: plan.id, whatToBring: '薬手帳' });
    expect(restored.rosterReview!.map((r) => r.text).join()).toContain('2026-07-01');
  });

  it('a confirmed plan whose person’s mobility changed becomes 要見直し with the reason in words, as one 「roster」 version; a plan 作成中 keeps its status', async () => {
    const db = await storeWithRoster(A);
    const [confirmedId, draftingId] = consented.filter((id) => A.get(id, '移動') !== '車いす').slice(0, 2);
    const confirmed = await planFor(db, confirmedId);
    const drafting = await planFor(db, draftingId, false);
    const B = A.map((_, get, set) => {
      if (get('ID') === confirmedId || get('ID') === draftingId) set('移動', '車いす');
    });

    const preview = await previewRosterUpdate(db, 'people', peopleOf(B), choices, { fileName: '名簿2027.csv', now: NOW });
    expect(preview.total).toMatchObject({ changed: 2, unchanged: 118 });
    expect(await db.rosterUpdates.count()).toBe(0); // the preview writes nothing
    expect((await db.people.get(confirmedId))!.mobility).not.toBe('wheelchair');

    const record = await apply(db, B);
    expect(record!.counts).toMatchObject({ changed: 2, reviews: 1 });
    const reviewed = (await db.plans.get(confirmed.id))!;
    expect(reviewed).toMatchObject({ status: 'needs_review', version: confirmed.version + 1, updatedAt: NOW.toISOString() });
    expect(reviewed.rosterReview).toHaveLength(1);
    expect(reviewed.rosterReview![0]).toMatchObject({ on: '2026-04-01', updateId: record!.id, field: 'mobility' });
    expect(reviewed.rosterReview![0].text).toMatch(/^名簿の更新（2026-04-01）で移動が .+ → 車いす に変わりました/);
    const history = await planHistory(db, confirmed.id);
    expect(history[0]).toMatchObject({ kind: 'roster', version: confirmed.version + 1, plan: reviewed });
    expect(history.filter((v) => v.kind === 'roster')).toHaveLength(1);
    const kept = (await db.plans.get(drafting.id))!;
    expect(kept.status).toBe('in_progress');
    expect(kept.rosterReview![0].field).toBe('mobility');
    expect((await db.people.get(confirmedId))!.mobility).toBe('wheelchair');
  });

  it('applying the same file twice: the second apply writes nothing, adds no history row and no plan version', async () => {
    const db = await storeWithRoster(A);
    const id = consented[1];
    await planFor(db, id);
    const B = A.map((r, get, set) => {
      if (get('ID') === id) set('医療', '人工呼吸器');
      if (r[0] === consented[2]) return null;
    });
    expect(await apply(db, B)).not.toBeNull();
    const before = await readAllTables(db);
    expect(await apply(db, B, { now: LATER })).toBeNull();
    expect(await readAllTables(db)).toEqual(before);
    expect(await listRosterUpdates(db)).toHaveLength(1);
  });

  it('a person matched by 氏名+生年月日 under a new ID moves with their plan, plan history, draft and drill check', async () => {
    const db = await storeWithRoster(A);
    const oldId = consented[3];
    const newId = `N${oldId.slice(1)}`;
    const plan = await planFor(db, oldId);
    const versions = (await planHistory(db, plan.id)).length;
    await writePlanDraft(db, { ...plan, whatToBring: '薬手帳、補聴器' }, plan.version);
    await createDrill(db, { name: '安否確認訓練', kind: 'safety_check', districtId: null, hazard: 'flood', timeOfDay: 'day', season: 'normal', closedShelterIds: [], absentSupporterIds: [] }, 'drill-1');
    await startDrill(db, 'drill-1', '2026-02-01T00:00:00.000Z');
    await recordDrillCheck(db, 'drill-1', { personId: oldId, at: '2026-02-01T00:05:00.000Z', status: 'safe', note: '' });
    const B = A.map((_, get, set) => {
      if (get('ID') === oldId) set('ID', newId);
    });

    const record = await apply(db, B);
    expect(record!.counts).toMatchObject({ matchedByName: 1, archived: 0, added: 0 });
    expect(await db.people.get(oldId)).toBeUndefined();
    expect((await shareablePeople(db)).people.map((p) => p.id)).toContain(newId);
    expect(await db.plans.where('personId').equals(oldId).count()).toBe(0);
    const moved = (await planForPerson(db, newId))!;
    expect(moved).toMatchObject({ id: `plan-${newId}`, personId: newId, status: 'confirmed', whatToBring: '薬手帳' });
    const history = await planHistory(db, moved.id);
    expect(history).toHaveLength(versions);
    expect(history.every((v) => v.personId === newId && v.plan.personId === newId && v.plan.id === moved.id)).toBe(true);
    expect(await db.planDrafts.get(oldId)).toBeUndefined();
    expect(await db.planDrafts.get(newId)).toMatchObject({ plan: { id: moved.id, personId: newId, whatToBring: '薬手帳、補聴器' } });
    expect((await db.drills.get('drill-1'))!.records.map((r) => r.personId)).toEqual([newId]);
  });

  it('file district names map to the stored districts (no change), a new name becomes a district on apply', async () => {
    const db = await storeWithRoster(A);
    const person = A.rows[0][0];
    const districtName = A.get(person, '地区');
    const stored = (await db.districts.toArray()).find((d) => d.name === districtName)!;
    await db.districts.put({ ...stored, id: 'd-renamed' });
    await db.districts.delete(stored.id);
    await db.people.where('districtId').equals(stored.id).modify({ districtId: 'd-renamed' });
    const B = A.map((_, get, set) => {
      if (get('ID') === person) set('地区', '新しい町');
    });
    const preview = await previewRosterUpdate(db, 'people', peopleOf(B), choices, { fileName: 'b.csv', now: NOW });
    expect(preview.total).toMatchObject({ changed: 1, unchanged: 119 });
    expect(preview.changed[0].changes.map((c) => [c.field, c.old, c.new])).toEqual([['districtId', districtName, '新しい町']]);
    expect(await db.districts.get('新しい町')).toBeUndefined();
    await apply(db, B);
    expect(await db.districts.get('新しい町')).toMatchObject({ name: '新しい町', outline: null });
    expect((await db.people.get(person))!.districtId).toBe('新しい町');
  });

  it('is all or nothing: a write failing at the end leaves the store exactly as before', async () => {
    const db = await storeWithRoster(A);
    await planFor(db, consented[4]);
    const B = A.map((r, get, set) => {
      if (get('ID') === consented[4]) set('移動', '寝たきり');
      if (r[0] === consented[5]) return null;
      if (r[0] === A.rows[10][0]) set('ID', `N${r[0].slice(1)}`);
    });
    const before = await readAllTables(db);
    db.rosterUpdates.hook('creating', () => {
      throw new Error('ディスクがいっぱいです');
    });
    await expect(apply(db, B)).rejects.toThrow('ディスクがいっぱいです');
    expect(await readAllTables(db)).toEqual(before);
  });

  it('refuses to archive more than half of the 名簿 unless the number is confirmed', async () => {
    const db = await storeWithRoster(A);
    const half = new CsvRows(A.header, A.rows.slice(0, 40));
    const before = await readAllTables(db);
    await expect(apply(db, half)).rejects.toThrow(/120人のうち80人が名簿から外れます.*「80」を入力/);
    await expect(apply(db, half, { confirmArchiveCount: 79 })).rejects.toThrow('80');
    expect(await readAllTables(db)).toEqual(before);
    const record = await apply(db, half, { confirmArchiveCount: 80 });
    expect(record!.counts.archived).toBe(80);
    expect((await shareablePeople(db)).archivedCount).toBe(80);
  });

  it('refuses another city’s 名簿 (no ID or 氏名+生年月日 in common, addresses elsewhere), writing nothing', async () => {
    const db = await storeWithRoster(A);
    const other = CsvRows.read(ROSTER, 1000, 1120).map((_, get, set) => {
      set('住所', get('住所').replace('福島県会津若松市', '北海道旭川市'));
    });
    const before = await readAllTables(db);
    const preview = await previewRosterUpdate(db, 'people', peopleOf(other), choices, { fileName: 'asahikawa.csv', now: NOW });
    expect(preview.refusal).toMatch(/旭川市.*会津若松市.*別の市町村の名簿/);
    await expect(apply(db, other)).rejects.toThrow('別の市町村の名簿のため更新しません');
    expect(await readAllTables(db)).toEqual(before);
  });

  it('keeps every applied update, newest first', async () => {
    const db = await storeWithRoster(A);
    await apply(db, A.map((r) => (r[0] === consented[0] ? null : r)));
    await apply(db, A, { now: LATER });
    const list = await listRosterUpdates(db);
    expect(list.map((r) => [r.on, r.counts.archived, r.counts.returned])).toEqual([['2026-07-01', 0, 1], ['2026-04-01', 1, 0]]);
  });
});
