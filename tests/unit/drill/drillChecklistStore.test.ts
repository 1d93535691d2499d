import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { createDrill, getDrill, keepDrillChecklist, recordDrillCheck, startDrill, type DrillScenario } from '../../../src/db/drills';
import { mergeBackup } from '../../../src/db/mergeBackup';
import { setOperator } from '../../../src/db/operator';
import type { HinanDatabase } from '../../../src/db/schema';
import { FAST_KDF, PASSPHRASE } from '../db/backupStore';
import { openTestDb } from '../db/demoStore';

/** The order of the printed 安否確認チェック表 kept with the drill: stored, replaced by a reprint, carried by backups and merges. */

const scenario: DrillScenario = { name: '紙の安否確認訓練', kind: 'safety_check', districtId: 'd1', hazard: 'flood', timeOfDay: 'night', season: 'normal', closedShelterIds: [], absentSupporterIds: [] };
const first = { printedAt: '2026-11-01T01:00:00.000Z', personIds: ['p1', 'p2', 'p3'] };
const reprint = { printedAt: '2026-11-01T02:00:00.000Z', personIds: ['p3', 'p1'] };

async function backupOf(db: HinanDatabase) {
  const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF });
  return decodeBackup(new Blob(parts), PASSPHRASE);
}

describe('the kept checklist order in the store', () => {
  it('is kept when printed, replaced by a reprint, and a malformed one is refused', async () => {
    const db = openTestDb();
    await createDrill(db, scenario, 'drill-1');
    expect((await getDrill(db, 'drill-1'))?.checklist).toBeUndefined();
    await keepDrillChecklist(db, 'drill-1', first);
    expect((await getDrill(db, 'drill-1'))?.checklist).toEqual(first);
    await startDrill(db, 'drill-1', '2026-11-01T03:00:00.000Z');
    await keepDrillChecklist(db, 'drill-1', reprint);
    expect((await getDrill(db, 'drill-1'))?.checklist).toEqual(reprint);
    await expect(keepDrillChecklist(db, 'drill-1', { printedAt: 'きのう', personIds: ['p1'] })).rejects.toThrow('チェック表の並び');
    expect((await getDrill(db, 'drill-1'))?.checklist).toEqual(reprint);
  });

  it('goes through a backup and its restore, and a merge takes the order printed last', async () => {
    const a = openTestDb();
    await setOperator(a, '山田 花子');
    await createDrill(a, scenario, 'drill-1');
    await keepDrillChecklist(a, 'drill-1', first);
    await startDrill(a, 'drill-1', '2026-11-01T03:00:00.000Z');

    const b = openTestDb();
    await setOperator(b, '佐藤 一郎');
    await restoreBackup(b, await backupOf(a));
    expect((await getDrill(b, 'drill-1'))?.checklist).toEqual(first);

    // B reprints; A records a check: the merge into A keeps A's check and takes B's later print.
    await keepDrillChecklist(b, 'drill-1', reprint);
    await recordDrillCheck(a, 'drill-1', { personId: 'p1', at: '2026-11-01T03:05:00.000Z', status: 'safe', note: '' });
    const summary = await mergeBackup(a, await backupOf(b));
    const merged = await getDrill(a, 'drill-1');
    expect(merged?.checklist).toEqual(reprint);
    expect(merged?.records).toHaveLength(1);
    expect(summary.updated).toContainEqual(expect.objectContaining({ table: 'drills', id: 'drill-1', reason: expect.stringContaining('チェック表の並び') }));

    // Merging A back into B: B's print is the later one and stays.
    await mergeBackup(b, await backupOf(a));
    expect((await getDrill(b, 'drill-1'))?.checklist).toEqual(reprint);
    expect((await getDrill(b, 'drill-1'))?.records).toHaveLength(1);
  });
});
