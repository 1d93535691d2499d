/**
 * Schema version 9 (災害時モード): a store of version 8 opens at 9 with the two new tables empty
 * and everything else as it was; the backup fixtures of versions 8 and 9 restore (9 with its event
 * and 安否 record); a backup round-trips both tables exactly and leaves the device's short id on the
 * device; the backup validators refuse broken rows of the new tables in Japanese.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { validateBackupRow } from '../../../src/io/backup/recordValidators';
import { tablesAt } from '../../../src/io/backup/storeVersions';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { shareablePeople } from '../../../src/db/consentGate';
import { deviceShortId } from '../../../src/db/device';
import { startEmergency } from '../../../src/db/emergencies';
import { setOperator } from '../../../src/db/operator';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/db/schema';
import { FAST_KDF, PASSPHRASE } from './backupStore';
import { freshName, openDemoDb, openTestDb, readDemoBundle } from './demoStore';
import { ENDED_EMERGENCY, safetyRowOf } from './emergencyRows';

const FIXTURE_PASSPHRASE = '11111-22222-33333-44444-55555';
const fixture = (v: number) => new Uint8Array(readFileSync(`tests/fixtures/backup/schema-v${v}.hinan`));

describe('schema version 9', () => {
  it('adds emergencies and safetyRecords with their indexes', () => {
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(9);
    expect(tablesAt(9).filter((t) => !tablesAt(8).includes(t)).sort()).toEqual(['emergencies', 'safetyRecords']);
    expect(SCHEMA_VERSIONS.find((v) => v.version === 9)!.stores).toEqual({ emergencies: 'id, startedAt', safetyRecords: 'id, eventId, personId, [eventId+personId]' });
  });

  it('a version-8 store opens at 9: the new tables empty, the people and the 提供記録 as they were, and the mode can start on it', async () => {
    const name = freshName();
    const v8 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 8)) v8.version(v.version).stores(v.stores);
    await v8.open();
    const people = readDemoBundle().people;
    await v8.table('people').bulkPut(people);
    const entry = { id: 'd-1', at: '2025-04-01T00:00:00.000Z', kind: 'print-plan', what: '計画書', recipient: null, personIds: [people[0].id], count: 1, wholeStore: false, fileName: null, operator: '山田 花子' };
    await v8.table('disclosures').add(entry);
    v8.close();

    const db = openTestDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.emergencies.count()).toBe(0);
    expect(await db.safetyRecords.count()).toBe(0);
    expect(await db.people.toArray()).toEqual([...people].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(await db.disclosures.toArray()).toEqual([{ ...entry, seq: 1 }]);

    await setOperator(db, '山田 花子');
    const e = await startEmergency(db, { name: '令和9年 大雨', alertLevel: 3, hazard: 'flood', districtIds: ['demo-d3'], includeRefused: true, authorised: true }, new Date('2027-07-01T00:00:00Z'));
    expect(e.revealedCount).toBe(7); // demo-d3: 3 pending + 4 refused
    expect(await db.safetyRecords.where('[eventId+personId]').equals([e.id, people[0].id]).count()).toBe(0);
  });

  it('the version-9 backup fixture restores its event and 安否 record; the version-8 one leaves both tables empty', async () => {
    const db = await openDemoDb();
    await setOperator(db, '佐藤 次郎');
    const v9 = await decodeBackup(fixture(9), FIXTURE_PASSPHRASE);
    await restoreBackup(db, v9);
    expect(await db.emergencies.toArray()).toEqual([ENDED_EMERGENCY]);
    const records = await db.safetyRecords.toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toEqual(safetyRowOf(records[0].personId));
    expect(await db.people.get(records[0].personId)).toBeDefined();
    // the event ended: nobody without consent is shown
    expect((await shareablePeople(db)).revealedIds.size).toBe(0);

    await restoreBackup(db, await decodeBackup(fixture(8), FIXTURE_PASSPHRASE));
    expect(await db.emergencies.count()).toBe(0);
    expect(await db.safetyRecords.count()).toBe(0);
  });
});

describe('backups of the mode', () => {
  it('round-trip the events and 安否 records exactly; the device’s short id stays on each device', async () => {
    const a = await openDemoDb();
    await setOperator(a, '山田 花子');
    const idA = await deviceShortId(a);
    const e = await startEmergency(a, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: false, authorised: true }, new Date('2027-09-01T00:00:00Z'));
    await a.emergencies.put({ ...e, closedShelterIds: ['s-9'] });
    const people = await a.people.where('districtId').equals('demo-d1').limit(3).toArray();
    await a.safetyRecords.bulkPut(people.map((p, i) => ({ ...safetyRowOf(p.id), id: `${e.id}|${idA}|${p.id}|x${i}`, eventId: e.id, recorder: idA, receivedAt: null })));

    const { parts } = await writeBackup(a, { passphrase: PASSPHRASE, kdf: FAST_KDF });
    const decoded = await decodeBackup(new Blob(parts), PASSPHRASE);
    expect(decoded.counts).toMatchObject({ emergencies: 1, safetyRecords: 3 });
    expect(decoded.tables.meta.map((m) => m.key)).not.toContain('deviceShortId');

    const b = openTestDb();
    await setOperator(b, '佐藤 次郎');
    const idB = await deviceShortId(b);
    await restoreBackup(b, decoded);
    expect(await b.emergencies.toArray()).toEqual(await a.emergencies.toArray());
    expect(await b.safetyRecords.orderBy('id').toArray()).toEqual(await a.safetyRecords.orderBy('id').toArray());
    expect(await deviceShortId(b)).toBe(idB);
    expect(await deviceShortId(a)).toBe(idA);
  });

  it('the validators refuse broken rows of both tables, in Japanese', () => {
    expect(validateBackupRow('emergencies', ENDED_EMERGENCY)).toEqual([]);
    expect(validateBackupRow('safetyRecords', safetyRowOf('p-1'))).toEqual([]);
    const messages = (table: string, row: object) => validateBackupRow(table, row).map((e) => `${e.field}: ${e.message}`);
    expect(messages('emergencies', { ...ENDED_EMERGENCY, id: 'abc' })).toEqual(['id: 災害の識別コードは8文字の英数字です。']);
    expect(messages('emergencies', { ...ENDED_EMERGENCY, authorised: false })).toEqual(['authorised: 名簿の提供（災害対策基本法第49条の11第3項）を確認してください。']);
    expect(messages('emergencies', { ...ENDED_EMERGENCY, endReason: 'gone' })).toEqual(['endReason: 終了の理由がended / expired / null のいずれかではありません。']);
    expect(messages('emergencies', { ...ENDED_EMERGENCY, renewals: [{ at: 'x' }] })[0]).toMatch(/^renewals: 延長の記録が/);
    expect(messages('safetyRecords', { ...safetyRowOf('p-1'), status: 'arrived' })[0]).toMatch(/^status: 安否がsafe \/ needs_help/);
    expect(messages('safetyRecords', { ...safetyRowOf('p-1'), recorder: 'x' })).toEqual(['recorder: 記録した端末が4文字の英数字ではありません。']);
    expect(messages('safetyRecords', { ...safetyRowOf('p-1'), eventId: 'K7M2QX9' })).toEqual(['eventId: 災害の識別コードが8文字の英数字ではありません。']);
    expect(messages('safetyRecords', { ...safetyRowOf('p-1'), flag: 'late' })[0]).toMatch(/^flag: /);
    const entry = { seq: 1, id: 'd-1', at: '2027-09-01T00:00:00.000Z', kind: 'print-safety', what: '未確認者リスト', recipient: null, personIds: ['p-1'], count: 1, wholeStore: false, fileName: null, operator: '山田 花子' };
    expect(validateBackupRow('disclosures', entry)).toEqual([]);
    expect(validateBackupRow('disclosures', { ...entry, emergencyId: ENDED_EMERGENCY.id })).toEqual([]);
    expect(messages('disclosures', { ...entry, emergencyId: 'x' })).toEqual(['emergencyId: 災害時モードの識別コードが8文字の英数字（または項目なし）ではありません。']);
    const { at: _at, ...noTime } = safetyRowOf('p-1');
    expect(messages('safetyRecords', noTime)).toEqual(['at: 日時が日時ではありません。']);
  });
});
