/**
 * A backup from every schema version restores into a current store (tests/fixtures/backup, made by
 * scripts/make-backup-fixtures.ts): older records go through the same SCHEMA_VERSIONS upgrades as an
 * old store on this device, and every record comes out valid.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validatePlan, type Plan } from '../../../src/core/plan';
import { decodeBackup, restoreBackup } from '../../../src/db/backupFile';
import { lastDisclosureOf } from '../../../src/db/disclosures';
import { setOperator } from '../../../src/db/operator';
import { planHistory } from '../../../src/db/plans';
import { CURRENT_SCHEMA_VERSION } from '../../../src/db/schema';
import { openDemoDb } from './demoStore';

const PASSPHRASE = '11111-22222-33333-44444-55555';
const fixture = (v: number) => new Uint8Array(readFileSync(`tests/fixtures/backup/schema-v${v}.hinan`));
const versions = Array.from({ length: CURRENT_SCHEMA_VERSION }, (_, i) => i + 1);

describe('backup fixtures of every schema version', () => {
  it('there is one per schema version', () => {
    for (const v of versions) expect(fixture(v).length).toBeGreaterThan(1000);
  });

  it.each(versions)('schema-v%i.hinan decodes and replaces a demo store', async (v) => {
    const decoded = await decodeBackup(fixture(v), PASSPHRASE);
    expect(decoded.header).toMatchObject({ kind: 'backup', schemaVersion: v, operator: 'テスト 作成者' });
    expect(decoded.settings).toEqual({ 'hinan.onlineTiles': 'off' });

    const db = await openDemoDb();
    await setOperator(db, '佐藤 次郎');
    await restoreBackup(db, decoded);
    expect(await db.people.count()).toBe(4);
    expect(await db.supporters.count()).toBe(2);
    expect(await db.shelters.count()).toBe(3);
    expect(await db.drills.count()).toBe(1);
    expect(await db.hazardCoverage.count()).toBe(1); // carried from v6, computed by the v6 upgrade before
    const plans = await db.plans.toArray();
    expect(plans).toHaveLength(2);
    for (const plan of plans) expect(validatePlan(plan)).toEqual([]);
    if (v >= 3) expect((await db.roadNetworks.get('roads.geojson'))!.network.coords).toBeInstanceOf(Float64Array);
    expect(await lastDisclosureOf(db, 'restore')).toMatchObject({ operator: '佐藤 次郎', count: 4 });
    expect((await lastDisclosureOf(db, 'restore'))!.what).toContain('テスト 作成者作成');
  });

  it('version 1 plans come out in the editor shape, each with an upgrade row in its history', async () => {
    const decoded = await decodeBackup(fixture(1), PASSPHRASE);
    const db = await openDemoDb();
    await setOperator(db, '佐藤 次郎');
    await restoreBackup(db, decoded);
    const a = (await db.plans.get('plan-v1-a')) as Plan;
    expect(a).toMatchObject({
      status: 'in_progress', version: 3, transport: 'wheelchair', whatToBring: '薬', supporterNotes: '耳が遠いので大きな声で',
      primarySupporter: { supporterId: expect.any(String) }, backupSupporters: [{ supporterId: expect.any(String) }],
      destinations: { flood: { shelterId: expect.any(String), routeLine: null } },
    });
    expect(a).not.toHaveProperty('careNotes');
    expect((await db.plans.get('plan-v1-b'))!.status).toBe('needs_review');
    const history = await planHistory(db, 'plan-v1-a');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'upgrade', version: 3, savedAt: '2025-03-01T09:00:00.000Z' });
    expect(await db.planVersions.count()).toBe(2);
  });

  it('the current version keeps its plan history as it was', async () => {
    const decoded = await decodeBackup(fixture(CURRENT_SCHEMA_VERSION), PASSPHRASE);
    expect(decoded.counts).toMatchObject({ plans: 2, planVersions: 4, planDrafts: 1, disclosures: 1, addressPoints: 2 });
    expect((decoded.tables.planVersions as { kind: string; version: number }[]).map((r) => `${r.kind}${r.version}`)).toEqual(['save1', 'save2', 'save3', 'save1']);
  });
});
