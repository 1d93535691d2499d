/**
 * Backup and restore of the whole store (src/db/backupFile.ts) on real stores (fake-indexeddb) and
 * real sealed files: what is restored is the store record by record; every file that must not be
 * restored ends in a Japanese `BackupError` and the store exactly as it was.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupFileName, decodeBackup, restoreBackup, writeBackup, writeBackupAt, type DecodedBackup } from '../../../src/db/backupFile';
import { lastDisclosureOf, listDisclosures, OperatorMissingError } from '../../../src/db/disclosures';
import { getOperator, setOperator } from '../../../src/db/operator';
import { CURRENT_SCHEMA_VERSION, type HinanDatabase } from '../../../src/db/schema';
import { BackupError, type BackupErrorCode } from '../../../src/io/backup/backupError';
import { sealContainer, packSection } from '../../../src/io/backup/container';
import { FAST_KDF, openFilledDb, PASSPHRASE, snapshot } from './backupStore';
import { openTestDb } from './demoStore';

const JAPANESE = /[ぁ-んァ-ヶ一-龠]/;

async function backupBytes(db: HinanDatabase, settings?: Record<string, string>): Promise<{ bytes: Uint8Array; fileName: string; counts: Record<string, number> }> {
  const { parts, fileName, counts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF, settings });
  return { bytes: new Uint8Array(await new Blob(parts).arrayBuffer()), fileName, counts };
}

/** Empties every table, as 「すべてのデータを消去」 does. */
async function wipe(db: HinanDatabase) {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
}

/** The BackupError decoding (and restoring) `bytes` ends in; fails when it succeeds. */
async function refused(db: HinanDatabase, bytes: Uint8Array | Blob, passphrase = PASSPHRASE): Promise<BackupError> {
  const err = await decodeBackup(bytes, passphrase)
    .then((decoded) => restoreBackup(db, decoded))
    .then(() => null, (e) => e);
  expect(err).toBeInstanceOf(BackupError);
  expect(err.message).toMatch(JAPANESE);
  expect(err.message).not.toMatch(/Error|undefined|at \w+ \(/);
  return err;
}

describe('backup → wipe → restore', () => {
  it('gives back a store identical record by record (every table, plan history, typed arrays); the device keeps its own 作業者名', async () => {
    const db = await openFilledDb('山田 花子');
    const before = await snapshot(db);
    expect(before.planVersions.length).toBeGreaterThanOrEqual(4);
    const settings = { 'hinan.analysisSettings': '{"hazard":"flood"}', 'hinan.onlineTiles': 'off' };
    const { bytes, counts } = await backupBytes(db, settings);
    const afterBackup = await snapshot(db);
    expect(counts.people).toBe(before.people.length);
    expect(counts.planVersions).toBe(before.planVersions.length);

    await wipe(db);
    await setOperator(db, '佐藤 次郎'); // another device, another worker
    const decoded = await decodeBackup(new Blob([bytes as Uint8Array<ArrayBuffer>]), PASSPHRASE);
    expect(decoded.header).toMatchObject({ kind: 'backup', schemaVersion: CURRENT_SCHEMA_VERSION, operator: '山田 花子' });
    expect(decoded.settings).toEqual(settings);
    expect((decoded.tables.meta as { key: string }[]).map((m) => m.key)).not.toContain('operator');
    await restoreBackup(db, decoded);

    const after = await snapshot(db);
    for (const name of db.tables.map((t) => t.name)) {
      if (name === 'meta' || name === 'disclosures') continue;
      expect(after[name], name).toEqual(before[name]);
    }
    expect(after.roadNetworks[0].network.coords).toBeInstanceOf(Float64Array);
    // 作業者名 is this device's: not carried by the file, not overwritten by the restore
    expect(after.meta).toEqual(before.meta.map((m) => (m.key === 'operator' ? { key: 'operator', value: '佐藤 次郎' } : m)));
    expect(await getOperator(db)).toBe('佐藤 次郎');
    // the 提供記録 is the backup's, its own 'backup' entry included, then the restore's entry
    expect(afterBackup.disclosures.at(-1)).toMatchObject({ kind: 'backup', operator: '山田 花子' });
    expect(after.disclosures.slice(0, -1)).toEqual(afterBackup.disclosures);
    expect(after.disclosures.at(-1)).toMatchObject({ kind: 'restore', operator: '佐藤 次郎', count: before.people.length, wholeStore: true });
  });

  it('replaces a store holding different data: none of its old rows remain', async () => {
    const source = await openFilledDb('山田 花子');
    const expected = await snapshot(source);
    const { bytes } = await backupBytes(source);

    const target = openTestDb();
    await setOperator(target, '佐藤 次郎');
    await target.people.put({ ...expected.people[0], id: 'old-person', name: '旧 データ' });
    await target.drills.put({ ...expected.drills[0], id: 'old-drill' });
    await target.meta.put({ key: 'columnMapping:old', value: {} });
    await restoreBackup(target, await decodeBackup(bytes, PASSPHRASE));

    const after = await snapshot(target);
    expect(after.people).toEqual(expected.people);
    expect(after.drills).toEqual(expected.drills);
    expect(after.meta.map((m) => m.key).sort()).toEqual(expected.meta.map((m) => m.key).sort());
    expect(await target.people.get('old-person')).toBeUndefined();
  });
});

describe('files that must not be restored leave the store exactly as before', () => {
  it('a wrong passphrase, a cut-off file, a flipped byte, a non-backup file, a hand-over file', async () => {
    const db = await openFilledDb();
    const { bytes } = await backupBytes(db);
    const before = await snapshot(db);
    const cases: [string, Uint8Array | Blob, string, BackupErrorCode][] = [
      ['wrong passphrase', bytes, '31415-92653-58979-32384-62644', 'wrong-passphrase'],
      ['truncated', bytes.slice(0, bytes.length - 100), PASSPHRASE, 'truncated'],
      ['flipped byte', (() => { const b = bytes.slice(); b[b.length - 40] ^= 1; return b; })(), PASSPHRASE, 'damaged'],
      ['a CSV file', new TextEncoder().encode('氏名,住所\n山田 太郎,会津若松市\n'), PASSPHRASE, 'not-backup'],
    ];
    for (const [name, file, passphrase, code] of cases) {
      const err = await refused(db, file, passphrase);
      expect(err.code, name).toBe(code);
    }
    const handover = await sealContainer(
      { kind: 'handover', schemaVersion: CURRENT_SCHEMA_VERSION, appVersion: '0.1.0', operator: '山田 花子', passphrase: PASSPHRASE, kdf: FAST_KDF, expiresOn: '2026-03-31' },
      [packSection('people', [])], { people: 0 },
    );
    const err = await refused(db, new Blob(handover));
    expect(err.code).toBe('wrong-kind');
    expect(err.message).toContain('受け渡しファイル');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a backup from a newer app says so and is not restored', async () => {
    const db = await openFilledDb();
    const before = await snapshot(db);
    const { parts } = await writeBackupAt(db, { schemaVersion: CURRENT_SCHEMA_VERSION + 1, operator: '山田 花子', createdAt: new Date() }, { passphrase: PASSPHRASE, kdf: FAST_KDF });
    const err = await refused(db, new Blob(parts));
    expect(err.code).toBe('newer');
    expect(err.message).toContain('新しい版');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a backup holding an invalid record is refused naming the record', async () => {
    const source = await openFilledDb();
    const person = (await source.people.toArray())[0];
    await source.people.put({ ...person, id: 'bad-1', name: '', mobility: 'flying' as never });
    const { bytes } = await backupBytes(source);

    const db = await openFilledDb('佐藤 次郎');
    const before = await snapshot(db);
    const err = await refused(db, bytes);
    expect(err.code).toBe('invalid-records');
    expect(err.message).toContain('bad-1');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a table the file’s schema version did not have is refused (版 1 had no plan history)', async () => {
    const db = await openFilledDb();
    const before = await snapshot(db);
    const parts = await sealContainer(
      { kind: 'backup', schemaVersion: 1, appVersion: '0.1.0', operator: '山田 花子', passphrase: PASSPHRASE, kdf: FAST_KDF },
      [packSection('people', before.people), packSection('planVersions', before.planVersions)], { people: before.people.length, planVersions: before.planVersions.length },
    );
    const err = await refused(db, new Blob(parts));
    expect(err.code).toBe('invalid-records');
    expect(err.message).toContain('「planVersions」');
    expect(await snapshot(db)).toEqual(before);
  });

  it('a restore that fails while writing leaves the old store (one transaction)', async () => {
    const source = await openFilledDb();
    const decoded = await decodeBackup((await backupBytes(source)).bytes, PASSPHRASE);
    const db = await openFilledDb('佐藤 次郎');
    await db.people.put({ ...decoded.tables.people[0] as object, id: 'only-here' } as never);
    const before = await snapshot(db);
    // a row without its key fails in the last table written, after every other table was cleared and filled
    const badRow = { seq: true, at: 1 } as unknown as (typeof decoded.tables.disclosures)[number];
    const broken: DecodedBackup = { ...decoded, tables: { ...decoded.tables, disclosures: [...decoded.tables.disclosures, badRow] } };
    await expect(restoreBackup(db, broken)).rejects.toThrow();
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('提供記録 and 作業者名', () => {
  it('records the backup and the restore with the whole store count, the file name and the operator', async () => {
    const db = await openFilledDb('山田 花子');
    const people = await db.people.count();
    const { bytes, fileName } = await backupBytes(db);
    expect(fileName).toMatch(/^避難支援_バックアップ_\d{8}\.hinan$/);
    expect(await lastDisclosureOf(db, 'backup')).toMatchObject({ what: 'バックアップ（全データ）', count: people, wholeStore: true, personIds: [], fileName, operator: '山田 花子' });

    const decoded = await decodeBackup(bytes, PASSPHRASE);
    await setOperator(db, '佐藤 次郎');
    await restoreBackup(db, decoded, { fileName });
    const restore = await lastDisclosureOf(db, 'restore');
    expect(restore).toMatchObject({ count: people, wholeStore: true, fileName, operator: '佐藤 次郎' });
    expect(restore!.what).toMatch(/^バックアップからの復元（\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d、山田 花子作成）$/);
    // the backup's own entry came after the snapshot, so the restored record ends with the restore
    expect((await listDisclosures(db)).map((d) => d.kind).slice(0, 1)).toEqual(['restore']);
  });

  it('without a 作業者名: no file, no entry; a restore writes nothing', async () => {
    const db = await openFilledDb();
    const decoded = await decodeBackup((await backupBytes(db)).bytes, PASSPHRASE);
    await db.meta.delete('operator');
    const before = await snapshot(db);
    await expect(writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF })).rejects.toBeInstanceOf(OperatorMissingError);
    await expect(restoreBackup(db, decoded)).rejects.toBeInstanceOf(OperatorMissingError);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a backup that is not made (it fails, or its tab closes before the file is sealed) records nothing; the file carries its own entry', async () => {
    const db = await openFilledDb('山田 花子');
    const before = await snapshot(db);
    // Impossible key settings make sealing fail after the tables were read.
    await expect(writeBackup(db, { passphrase: PASSPHRASE, kdf: { memoryKiB: 1, iterations: 1 } })).rejects.toBeInstanceOf(BackupError);
    expect(await snapshot(db)).toEqual(before);
    const { bytes } = await backupBytes(db);
    const stored = await listDisclosures(db);
    const decoded = await decodeBackup(bytes, PASSPHRASE);
    expect(decoded.tables.disclosures).toEqual([...stored].sort((a, b) => a.seq! - b.seq!));
  });

  it('names the file by the date in Japan', () => {
    expect(backupFileName(new Date('2026-03-31T15:30:00Z'))).toBe('避難支援_バックアップ_20260401.hinan');
    expect(backupFileName(new Date('2026-03-31T14:59:00Z'))).toBe('避難支援_バックアップ_20260331.hinan');
  });
});
