import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupDue, backupStatus } from '../../../src/db/backupStatus';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { lastDisclosureOf, listDisclosures, recordDisclosure } from '../../../src/db/disclosures';
import { mergeBackup } from '../../../src/db/mergeBackup';
import { setOperator } from '../../../src/db/operator';
import { FAST_KDF, openFilledDb, PASSPHRASE } from './backupStore';
import { openDemoDb, openTestDb } from './demoStore';

describe('backup reminder', () => {
  it('stays away for the untouched demo, shows once the group has work and no backup, and 30 Japan days after the last backup', async () => {
    const db = await openDemoDb();
    expect(backupDue(await backupStatus(db))).toBe(false);

    await db.drills.put({ id: 'drill-1' } as never);
    expect(backupDue(await backupStatus(db))).toBe(true);

    await setOperator(db, '山田 花子');
    // 2026-04-01 00:30 in Japan is still 2026-03-31 in UTC.
    await recordDisclosure(db, { kind: 'backup', what: 'バックアップ', wholeStoreCount: 150, at: new Date('2026-03-31T15:30:00Z') });
    const status = await backupStatus(db);
    expect(status.lastBackupAt).toBe('2026-03-31T15:30:00.000Z');
    expect(backupDue(status, new Date('2026-04-30T14:59:00Z'))).toBe(false); // 4月30日 23:59 JST: 29 days
    expect(backupDue(status, new Date('2026-04-30T15:00:00Z'))).toBe(true); // 5月1日 00:00 JST: 30 days

    // Right after a restore the store is a backup file's contents: that counts as the last backup.
    await recordDisclosure(db, { kind: 'restore', what: '復元', wholeStoreCount: 150, at: new Date('2026-04-20T01:00:00Z') });
    expect((await backupStatus(db)).lastBackupAt).toBe('2026-04-20T01:00:00.000Z');
    expect(backupDue(await backupStatus(db), new Date('2026-04-30T15:00:00Z'))).toBe(false);
  });
});

describe('backup reminder after merging another device’s backup (issue 10 testers)', () => {
  it('another device’s backups merged in are listed, marked, and are not this store’s last backup', async () => {
    const a = await openFilledDb('山田 花子');
    const own = await writeBackup(a, { passphrase: PASSPHRASE, kdf: FAST_KDF, now: new Date('2026-01-10T01:00:00Z') });
    const b = openTestDb();
    await setOperator(b, '佐藤 一郎');
    await restoreBackup(b, await decodeBackup(new Blob(own.parts), PASSPHRASE));
    const theirs = await writeBackup(b, { passphrase: PASSPHRASE, kdf: FAST_KDF, now: new Date('2026-06-01T01:00:00Z') });
    const bEntries = await b.disclosures.toArray();

    await mergeBackup(a, await decodeBackup(new Blob(theirs.parts), PASSPHRASE), { fileName: theirs.fileName });

    const status = await backupStatus(a);
    expect(status.lastBackupAt).toBe('2026-01-10T01:00:00.000Z');
    expect(backupDue(status, new Date('2026-06-02T00:00:00Z'))).toBe(true);
    expect(await lastDisclosureOf(a, 'backup')).toMatchObject({ operator: '山田 花子', at: '2026-01-10T01:00:00.000Z' });
    // B's entries are all in A's record, unchanged but for the mark saying where they came from.
    const inA = new Map((await listDisclosures(a)).map((d) => [d.id, d]));
    for (const { seq: _seq, ...entry } of bEntries) {
      if (entry.operator === '山田 花子' && entry.kind === 'backup') continue; // A's own backup, carried over by B's restore
      const { seq: _s, ...merged } = inA.get(entry.id)!;
      expect(merged).toEqual({ ...entry, mergedFrom: '佐藤 一郎' });
    }
    expect(inA.get((await lastDisclosureOf(a, 'backup'))!.id)!.mergedFrom).toBeUndefined();
  });
});
