import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupDue, backupStatus } from '../../../src/db/backupStatus';
import { recordDisclosure } from '../../../src/db/disclosures';
import { setOperator } from '../../../src/db/operator';
import { openDemoDb } from './demoStore';

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
