import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyPlan, validatePlan, type Plan } from '../../../src/core/plan';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { setPersonConsent } from '../../../src/db/consent';
import { removeDemo } from '../../../src/db/demo';
import { OperatorMissingError } from '../../../src/db/disclosures';
import { recordDrillCheck } from '../../../src/db/drills';
import { commitRoadNetwork, geodataSummary } from '../../../src/db/geodata';
import { mergeBackup } from '../../../src/db/mergeBackup';
import { setOperator } from '../../../src/db/operator';
import { planForPerson, savePlan } from '../../../src/db/plans';
import type { HinanDatabase, PlanVersion } from '../../../src/db/schema';
import { FAST_KDF, openFilledDb, PASSPHRASE, snapshot } from './backupStore';
import { openTestDb, readDemoBundle } from './demoStore';

/** 「別の端末のデータを統合」 through real backup files (issue 10, part 3 and Done-when 4). */

const given = readDemoBundle().people.filter((p) => p.consent.status === 'given');
const [common, onlyA, onlyB, withdrawn] = [given[0], given[2], given[3], given[4]];
let minute = 0;
const clock = () => new Date(Date.UTC(2025, 5, 1, 0, minute++));

async function backupOf(db: HinanDatabase) {
  const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF });
  return decodeBackup(new Blob(parts), PASSPHRASE);
}

/** Device B: a fresh store restored from A's backup, with its own 作業者名. */
async function copyOf(a: HinanDatabase, operator = '佐藤 一郎'): Promise<HinanDatabase> {
  const b = openTestDb();
  await setOperator(b, operator);
  await restoreBackup(b, await backupOf(a));
  return b;
}

async function edit(db: HinanDatabase, personId: string, change: Partial<Plan>): Promise<Plan> {
  const stored = (await planForPerson(db, personId)) ?? (await savePlan(db, emptyPlan(personId, '2025-04-01'), { now: clock }));
  return savePlan(db, { ...stored, ...change }, { now: clock });
}

const versionsOf = async (db: HinanDatabase, planId: string) => (await db.planVersions.where('planId').equals(planId).toArray()).sort((x, y) => x.seq! - y.seq!);
const withoutSeq = (rows: PlanVersion[]) => rows.map(({ seq: _s, restoredFromSeq: _r, ...v }) => v);

describe('merging another device’s backup', () => {
  it('two devices from one backup: both edits arrive, fields only one side changed merge, the field both changed is the only one 「統合で要確認」; merging again changes nothing', async () => {
    const a = await openFilledDb();
    const b = await copyOf(a);
    const commonPlanId = (await planForPerson(a, common.id))!.id;
    const base = (await planForPerson(a, common.id))!;
    await edit(a, onlyA.id, { whatToBring: 'Aの持ち出し品' });
    await edit(b, onlyB.id, { whatToBring: 'Bの持ち出し品' });
    // A: 持ち出し品 and 支援者への留意事項; B: 持ち出し品 and 移動の留意事項.
    const oursCommon = await edit(a, common.id, { whatToBring: 'A: 眼鏡', supporterNotes: 'Aの留意事項' });
    const theirsCommon = await edit(b, common.id, { whatToBring: 'B: 補聴器', mobilityNotes: 'Bの移動の方法' });
    const aHistoryBefore = await versionsOf(a, commonPlanId);
    const bHistory = await versionsOf(b, commonPlanId);

    const decoded = await backupOf(b);
    const summary = await mergeBackup(a, decoded, { now: clock, fileName: 'from-b.hinan' });

    expect((await planForPerson(a, onlyA.id))!.whatToBring).toBe('Aの持ち出し品');
    expect((await planForPerson(a, onlyB.id))!.whatToBring).toBe('Bの持ち出し品');
    const merged = (await planForPerson(a, common.id))!;
    // Only A changed 支援者への留意事項: A's stays. Only B changed 移動の留意事項: B's is taken. Both changed 持ち出し品: A's until chosen.
    expect(merged).toMatchObject({ supporterNotes: 'Aの留意事項', mobilityNotes: 'Bの移動の方法', whatToBring: 'A: 眼鏡', version: Math.max(oursCommon.version, theirsCommon.version) + 1 });
    expect(merged.mergeReview).toMatchObject({ theirVersion: theirsCommon.version, theirSavedAt: theirsCommon.updatedAt, baseVersion: base.version, baseSavedAt: base.updatedAt, paths: ['whatToBring'], taken: ['mobilityNotes'], from: '佐藤 一郎' });
    expect(validatePlan(merged)).toEqual([]);
    // Both branches in the history, each version once; B's rows say where they came from; the newest row is the merged content.
    const history = await versionsOf(a, commonPlanId);
    expect(history).toHaveLength(aHistoryBefore.length + 2);
    expect(withoutSeq(history).map(({ from: _f, ...v }) => v)).toEqual(expect.arrayContaining(withoutSeq([...aHistoryBefore, ...bHistory])));
    expect(history.filter((v) => v.from === '佐藤 一郎' && v.kind !== 'merge').map((v) => v.plan.mobilityNotes)).toEqual(['Bの移動の方法']);
    expect(history.at(-1)).toMatchObject({ kind: 'merge', plan: merged });

    expect(summary.conflicts).toEqual([expect.objectContaining({ planId: commonPlanId, ours: { version: oursCommon.version, updatedAt: oursCommon.updatedAt }, theirs: { version: theirsCommon.version, updatedAt: theirsCommon.updatedAt }, fields: { taken: ['mobilityNotes'], conflicts: ['whatToBring'] } })]);
    expect(summary.added.plans).toBe(1);
    expect(summary.changed).toBe(true);
    const entry = summary.disclosure!;
    expect(entry).toMatchObject({ kind: 'merge', operator: '山田 花子', wholeStore: true, count: await a.people.count(), fileName: 'from-b.hinan' });
    expect(entry.what).toMatch(/^別の端末のデータを統合（佐藤 一郎、\d{4}年\d+月\d+日 \d\d:\d\d作成）$/);
    // B's own 提供記録 entries (its restore and backup) came along, by id.
    const ids = (await a.disclosures.toArray()).map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(decoded.tables.disclosures.map((d) => (d as { id: string }).id)));

    const before = await snapshot(a);
    const again = await mergeBackup(a, decoded, { now: clock });
    expect(again).toMatchObject({ addedTotal: 0, updated: [], conflicts: [], merged: [], changed: false, disclosure: null });
    expect(await snapshot(a)).toEqual(before);
  });

  it('a plan both changed in different fields only: merged into a new version without review, counted as merged; merging again changes nothing', async () => {
    const a = await openFilledDb();
    const b = await copyOf(a);
    await edit(a, common.id, { supporterNotes: 'Aの留意事項' });
    await edit(b, common.id, { mobilityNotes: 'Bの移動の方法' });
    const decoded = await backupOf(b);
    const summary = await mergeBackup(a, decoded, { now: clock });
    const merged = (await planForPerson(a, common.id))!;
    expect(merged).toMatchObject({ supporterNotes: 'Aの留意事項', mobilityNotes: 'Bの移動の方法' });
    expect(merged.mergeReview).toBeUndefined();
    expect(summary.conflicts).toEqual([]);
    expect(summary.merged).toEqual([expect.objectContaining({ personId: common.id, fields: { taken: ['mobilityNotes'], conflicts: [] } })]);
    const before = await snapshot(a);
    expect(await mergeBackup(a, decoded, { now: clock })).toMatchObject({ changed: false, merged: [] });
    expect(await snapshot(a)).toEqual(before);
  });

  it('the newer record wins and the summary says what it replaced; a refusal on either side wins until someone confirms', async () => {
    const a = await openFilledDb();
    const b = await copyOf(a);
    const supporter = (await a.supporters.toArray())[0];
    await b.supporters.put({ ...supporter, phone: '0242-99-9999', updatedAt: '2030-01-01T00:00:00.000Z' });
    await setPersonConsent(b, withdrawn.id, { status: 'refused', date: '2025-05-01', method: 'verbal', recipients: [] }, { now: () => new Date('2025-05-01T00:00:00Z') });
    await setPersonConsent(a, onlyA.id, { ...onlyA.consent, recipients: ['jishubo'] }, { now: () => new Date('2025-05-01T00:00:00Z') });
    await recordDrillCheck(b, 'drill-1', { personId: given[1].id, at: '2025-04-02T00:07:00.000Z', status: 'needs_help', note: '' });

    const summary = await mergeBackup(a, await backupOf(b), { now: clock });

    expect((await a.supporters.get(supporter.id))!.phone).toBe('0242-99-9999');
    expect(summary.updated).toContainEqual({ table: 'supporters', id: supporter.id, label: supporter.name, reason: expect.stringMatching(/^この端末の版（.+ 更新）が古いため、相手の版（2030年1月1日 09:00 更新）にしました$/) });
    expect((await a.people.get(withdrawn.id))!.consent.status).toBe('refused');
    expect(summary.consentDiffers.map((c) => [c.personId, c.adopted.status])).toEqual(expect.arrayContaining([[withdrawn.id, 'refused'], [onlyA.id, 'given']]));
    // A person without 同意 is named by ID only.
    expect(summary.updated.find((u) => u.id === withdrawn.id)!.label).not.toContain(withdrawn.name);
    expect((await a.people.get(onlyA.id))!.consent.recipients).toEqual(['jishubo']);
    expect((await a.drills.get('drill-1'))!.records).toHaveLength(2);
  });

  it('a road network the other device re-imported replaces ours and changes the geodata revision (tiles and engine indexes rebuild); merging again does not', async () => {
    const a = await openFilledDb();
    const b = await copyOf(a);
    const [road] = await b.roadNetworks.toArray();
    expect(road).toBeDefined();
    await commitRoadNetwork(b, road.network); // the same file imported again later on B
    const before = (await geodataSummary(a)).revision;
    const decoded = await backupOf(b);
    await mergeBackup(a, decoded, { now: clock });
    const after = (await geodataSummary(a)).revision;
    expect(after).not.toBe(before);
    await mergeBackup(a, decoded, { now: clock });
    expect((await geodataSummary(a)).revision).toBe(after);
  });

  it('does not bring back demo data this device removed, and never takes the other device’s 作業者名', async () => {
    const a = await openFilledDb();
    const b = await copyOf(a);
    await removeDemo(a);
    const summary = await mergeBackup(a, await backupOf(b), { now: clock });
    expect(await a.people.count()).toBe(0);
    expect(summary.demoSkipped).toBeGreaterThan(0);
    expect((await a.meta.get('operator'))!.value).toBe('山田 花子');
  });

  it('needs a 作業者名 and writes nothing without one', async () => {
    const a = await openFilledDb();
    const b = await copyOf(a);
    await edit(b, onlyB.id, { whatToBring: 'B' });
    const decoded = await backupOf(b);
    await a.meta.delete('operator');
    const before = await snapshot(a);
    await expect(mergeBackup(a, decoded)).rejects.toBeInstanceOf(OperatorMissingError);
    expect(await snapshot(a)).toEqual(before);
  });
});
