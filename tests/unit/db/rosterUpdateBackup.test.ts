/**
 * What a 名簿 update wrote travels with the store: a backup restores the archived people, the
 * 「位置の確認が必要」 marks, the plans' review reasons with their 'roster' versions and the update
 * history exactly; a merge unites both devices' update history by id, and merging again changes nothing.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { defaultRosterChoices } from '../../../src/core/rosterUpdate';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { mergeBackup } from '../../../src/db/mergeBackup';
import { setOperator } from '../../../src/db/operator';
import { applyRosterUpdate, listRosterUpdates } from '../../../src/db/rosterUpdate';
import type { HinanDatabase } from '../../../src/db/schema';
import { FAST_KDF, PASSPHRASE } from './backupStore';
import { openTestDb } from './demoStore';
import { CsvRows, peopleOf, planFor, ROSTER, storeWithRoster } from './rosterStore';

const A = CsvRows.read(ROSTER, 0, 60);
const consented = A.rows.filter((r) => r[A.col['同意']].startsWith('同意')).map((r) => r[0]);
const [gone, reviewed, moved, phoned] = consented;

async function backupOf(db: HinanDatabase) {
  const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF });
  return decodeBackup(new Blob(parts), PASSPHRASE);
}

const update = (db: HinanDatabase, rows: CsvRows, on: string) =>
  applyRosterUpdate(db, 'people', peopleOf(rows), defaultRosterChoices(), { fileName: `名簿${on}.csv`, now: new Date(`${on}T01:00:00Z`) });

/** Next year's 名簿: `gone` left, `reviewed` uses a wheelchair, `moved` has a new 住所 without coordinates. */
const B = A.map((r, get, set) => {
  if (get('ID') === gone) return null;
  if (get('ID') === reviewed) set('移動', get('移動') === '車いす' ? '寝たきり' : '車いす');
  if (get('ID') === moved) {
    set('住所', '福島県会津若松市追手町1-1');
    set('緯度', '');
    set('経度', '');
  }
});

describe('a 名簿 update in backups and merges', () => {
  it('a backup restores the archived person, the location mark, the review reasons with their version and the history exactly', async () => {
    const a = await storeWithRoster(A);
    await planFor(a, reviewed);
    await update(a, B, '2026-04-01');
    expect((await a.people.get(gone))!.archived).toBeDefined();
    expect((await a.people.get(moved))!.locationCheck).toMatchObject({ on: '2026-04-01' });
    expect((await a.plans.where('personId').equals(reviewed).first())!.rosterReview).toHaveLength(1);

    const copy = openTestDb();
    await setOperator(copy, '佐藤 一郎');
    await restoreBackup(copy, await backupOf(a));
    for (const table of ['people', 'plans', 'planVersions', 'rosterUpdates', 'districts'] as const) {
      expect(await copy[table].toArray(), table).toEqual(await a[table].toArray());
    }
  });

  it('a merge adds the other device’s updates by id, takes its archive and return, and merging again changes nothing', async () => {
    const a = await storeWithRoster(A);
    await planFor(a, reviewed);
    await update(a, B, '2026-04-01');
    const b = openTestDb();
    await setOperator(b, '佐藤 一郎');
    await restoreBackup(b, await backupOf(a));
    // Device A: the next 名簿 lists `gone` again. Device B: its own update changes a phone number.
    await update(a, A, '2026-05-01');
    await update(b, B.map((_, get, set) => {
      if (get('ID') === phoned) set('電話番号', '0242-99-9999');
    }), '2026-05-02');

    const file = await backupOf(a);
    const summary = await mergeBackup(b, file);
    expect(summary.added.rosterUpdates).toBe(1);
    expect((await listRosterUpdates(b)).map((r) => [r.on, r.operator])).toEqual([
      ['2026-05-02', '佐藤 一郎'],
      ['2026-05-01', '山田 花子'],
      ['2026-04-01', '山田 花子'],
    ]);
    expect((await b.people.get(gone))!.archived).toBeUndefined();
    expect((await b.people.get(phoned))!.phone).toBe('0242-99-9999');

    const again = await mergeBackup(b, file);
    expect(again.changed).toBe(false);
    expect(await b.rosterUpdates.count()).toBe(3);
  });
});
