import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { demoState, loadDemoIfFirstStart } from '../../../src/db/demo';
import { confirmsErase, eraseAll, ERASE_ALL_WORD } from '../../../src/db/eraseAll';
import { setOperator } from '../../../src/db/operator';
import { ReceivedRegistry, type ReceivedFile } from '../../../src/db/received';
import { openDemoDb, readDemoBundle } from './demoStore';
import { MemoryStorage } from '../support/memoryStorage';


describe('すべてのデータを消去', () => {
  it('empties every table, deletes received hand-over files, removes the app’s localStorage keys only, and the demo does not come back', async () => {
    const db = await openDemoDb();
    // A received hand-over file: its own database and the registry's entry, and a file database the registry lost.
    const registry = new ReceivedRegistry(`received-${db.name}`);
    const fileDb = new Dexie(`${registry.name}-f1`);
    fileDb.version(1).stores({ people: 'id' });
    await fileDb.table('people').put({ id: 'P1', name: '受取 一郎' });
    fileDb.close();
    const lost = new Dexie(`${registry.name}-lost`);
    lost.version(1).stores({ people: 'id' });
    await lost.open();
    lost.close();
    await registry.files.put({ id: 'f1', dbName: `${registry.name}-f1`, expiresOn: '2099-03-31' } as ReceivedFile);
    await setOperator(db, '山田 花子');
    await db.drills.put({ id: 'drill-1' } as never);
    const storage = new MemoryStorage();
    storage.setItem('hinan.analysisSettings', '{}');
    storage.setItem('hinan:hinan-shien-planner:planDraft:p1', '{"plan":"..."}');
    storage.setItem('other-site-key', 'kept');
    expect(await db.people.count()).toBeGreaterThan(0);

    const summary = await eraseAll(db, { storage, registry });

    for (const table of db.tables) {
      const rows = await table.toArray();
      if (table.name === 'meta') expect(rows).toEqual([{ key: 'demo', value: { initialized: true, active: false, shelterIds: [] } }]);
      else expect(rows, table.name).toEqual([]);
    }
    expect(summary.records).toBeGreaterThan(150);
    expect(summary.localStorageKeys).toBe(2);
    expect(summary.receivedFiles).toBe(1);
    expect(await registry.files.count()).toBe(0);
    expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith(registry.name))).toEqual([registry.name]);
    registry.close();
    expect(storage.keys()).toEqual(['other-site-key']);

    // The next start finds a set-up, empty store: no demo.
    let loads = 0;
    expect(await loadDemoIfFirstStart(db, async () => (loads++, readDemoBundle()))).toBe(false);
    expect(loads).toBe(0);
    expect(await db.people.count()).toBe(0);
    expect((await demoState(db)).active).toBe(false);
  });

  it('is confirmed by any one district name (width and spaces ignored), or by 「すべて消去」 when there is no district', () => {
    const names = ['一箕町松長地区', '本町 一丁目'];
    expect(confirmsErase('一箕町松長地区', names)).toBe(true);
    expect(confirmsErase('本町一丁目', names)).toBe(true);
    expect(confirmsErase('本町', names)).toBe(false);
    expect(confirmsErase(ERASE_ALL_WORD, names)).toBe(false);
    expect(confirmsErase('', names)).toBe(false);
    expect(confirmsErase(ERASE_ALL_WORD, [])).toBe(true);
    expect(confirmsErase('消去', [])).toBe(false);
  });
});
