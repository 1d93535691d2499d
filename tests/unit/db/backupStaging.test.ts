import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { deleteLeftoverStaging, stagingDatabaseName } from '../../../src/db/backupStaging';
import { DATABASE_NAME } from '../../../src/db/schema';

describe('staging databases an old-schema restore leaves when its tab is closed', () => {
  it('are deleted at the next start once an hour old; a restore in progress in another tab and the app’s own store are left alone', async () => {
    const now = Date.UTC(2026, 10, 29, 3, 0);
    const left = stagingDatabaseName(now - 2 * 60 * 60 * 1000);
    const running = stagingDatabaseName(now - 60 * 1000);
    for (const name of [left, running, DATABASE_NAME]) {
      const db = new Dexie(name);
      db.version(1).stores({ people: 'id' });
      await db.open();
      await db.table('people').put({ id: 'P1', name: '架空 花子' });
      db.close();
    }
    expect(await deleteLeftoverStaging(now)).toBe(1);
    const names = (await indexedDB.databases()).map((d) => d.name);
    expect(names).not.toContain(left);
    expect(names).toContain(running);
    expect(names).toContain(DATABASE_NAME);
  });
});
