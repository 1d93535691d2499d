/**
 * Schema version 10 (issue 16): hazard at home read from the ハザードマップポータル's tiles, stored
 * per subject × hazard (db/hazardReadings.ts), the read log and the choice about the portal in
 * `meta`; carried by backups (round trip, the v10 fixture), merged by the later read, cleared by
 * 「すべてのデータを消去」, never in a hand-over file.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { personPoint } from '../../../src/core/nearestShelter';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { eraseAll } from '../../../src/db/eraseAll';
import { writeHandover } from '../../../src/db/handover';
import {
  deleteHazardReadings,
  HAZARD_READ_RUNS_KEPT,
  hazardReadRuns,
  hazardTileChoice,
  listHazardReadings,
  mergeHazardReadRuns,
  saveHazardReadings,
  setHazardTileChoice,
  type HazardReadRun,
} from '../../../src/db/hazardReadings';
import { mergeBackup } from '../../../src/db/mergeBackup';
import { setOperator } from '../../../src/db/operator';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type HinanDatabase } from '../../../src/db/schema';
import { openContainer } from '../../../src/io/backup/container';
import { validateBackupRow } from '../../../src/io/backup/recordValidators';
import { tablesAt } from '../../../src/io/backup/storeVersions';
import { FAST_KDF, PASSPHRASE } from './backupStore';
import { freshName, openDemoDb, openTestDb, readDemoBundle } from './demoStore';
import { personReadings, readingRow, shelterFloodReading } from './hazardReadingRows';

const run = (at: string, extra: Partial<HazardReadRun> = {}): HazardReadRun => ({ at, readOn: at.slice(0, 10), districtIds: ['demo-d1'], tiles: 24, missing: 2, people: 10, shelters: 3, ...extra });

async function placedPeople(db: HinanDatabase, n: number) {
  const people = (await db.people.toArray()).filter((p) => personPoint(p) && p.consent.status === 'given').slice(0, n);
  expect(people).toHaveLength(n);
  return people.map((p) => ({ id: p.id, point: personPoint(p)! }));
}

async function backupOf(db: HinanDatabase) {
  const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF });
  return decodeBackup(new Blob(parts), PASSPHRASE);
}

describe('schema version 10', () => {
  it('adds hazardReadings indexed by subject and subject id', () => {
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(10);
    expect(tablesAt(10).filter((t) => !tablesAt(9).includes(t))).toEqual(['hazardReadings']);
    expect(SCHEMA_VERSIONS.find((v) => v.version === 10)!.stores).toEqual({ hazardReadings: 'id, subject, subjectId' });
  });

  it('a version-9 store opens at 10 with the table empty and the people as they were', async () => {
    const name = freshName();
    const v9 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 9)) v9.version(v.version).stores(v.stores);
    await v9.open();
    const people = readDemoBundle().people.slice(0, 5);
    await v9.table('people').bulkPut(people);
    v9.close();
    const db = openTestDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.hazardReadings.count()).toBe(0);
    expect(await db.people.count()).toBe(5);
    expect(await hazardTileChoice(db)).toBe('unasked');
  });

  it('the version-10 backup fixture restores its five readings (one of each outcome)', async () => {
    const db = await openDemoDb();
    await setOperator(db, '佐藤 次郎');
    await restoreBackup(db, await decodeBackup(new Uint8Array(readFileSync('tests/fixtures/backup/schema-v10.hinan')), '11111-22222-33333-44444-55555'));
    const rows = await listHazardReadings(db);
    expect(rows).toHaveLength(5);
    expect(await listHazardReadings(db, 'shelter')).toHaveLength(1);
    const states = rows.flatMap((r) => r.layers.map((l) => l.outcome.state));
    for (const s of ['inside', 'outside', 'no_tile', 'unreadable']) expect(states).toContain(s);
    for (const r of rows) expect(validateBackupRow('hazardReadings', r)).toEqual([]);
    // A v9 file leaves the table empty.
    await restoreBackup(db, await decodeBackup(new Uint8Array(readFileSync('tests/fixtures/backup/schema-v9.hinan')), '11111-22222-33333-44444-55555'));
    expect(await db.hazardReadings.count()).toBe(0);
  });
});

describe('saving readings', () => {
  it('replaces the rows of the subjects × hazards read, keeps the others, and logs the run', async () => {
    const db = await openDemoDb();
    const [a, b] = await placedPeople(db, 2);
    await saveHazardReadings(db, [...personReadings(a.id, a.point), ...personReadings(b.id, b.point)], run('2025-11-28T01:00:00.000Z'));
    expect(await db.hazardReadings.count()).toBe(8);

    // A second read of person a's flood only: that row replaced, b's and a's other hazards stay.
    const again = readingRow('person', a.id, 'flood', [{ layer: 'flood', outcome: { state: 'outside' } }], a.point, '2026-11-28T01:00:00.000Z');
    await saveHazardReadings(db, [again], run('2026-11-28T01:00:00.000Z', { people: 1 }));
    const rows = await listHazardReadings(db, 'person');
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.id === again.id)).toEqual(again);
    expect(rows.find((r) => r.id === `person|${b.id}|flood`)!.layers[0].outcome.state).toBe('inside');
    expect(rows.filter((r) => r.readOn === '2026-11-28')).toHaveLength(1);
    expect((await hazardReadRuns(db)).map((r) => r.at)).toEqual(['2025-11-28T01:00:00.000Z', '2026-11-28T01:00:00.000Z']);
    expect(await listHazardReadings(db, 'shelter')).toEqual([]);
  });

  it('is one transaction: a bad write stores no reading and no run', async () => {
    const db = await openDemoDb();
    const [a] = await placedPeople(db, 1);
    const good = personReadings(a.id, a.point);
    // A row without its key (no id) fails the bulkPut inside the transaction.
    const bad = Object.assign({}, good[0], { id: undefined });
    await expect(saveHazardReadings(db, [good[1], bad], run('2025-11-28T01:00:00.000Z'))).rejects.toThrow();
    expect(await db.hazardReadings.count()).toBe(0);
    expect(await hazardReadRuns(db)).toEqual([]);
  });

  it(`keeps the last ${HAZARD_READ_RUNS_KEPT} runs`, async () => {
    const db = openTestDb();
    for (let i = 0; i < HAZARD_READ_RUNS_KEPT + 5; i++) await saveHazardReadings(db, [], run(new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString()));
    const runs = await hazardReadRuns(db);
    expect(runs).toHaveLength(HAZARD_READ_RUNS_KEPT);
    expect(runs[0].at).toBe(new Date(Date.UTC(2026, 0, 1, 0, 5)).toISOString());
    expect(runs.at(-1)!.at).toBe(new Date(Date.UTC(2026, 0, 1, 0, HAZARD_READ_RUNS_KEPT + 4)).toISOString());
  });

  it('deleting removes every reading and the log, not the choice; a stored log of the wrong shape reads as empty', async () => {
    const db = await openDemoDb();
    const [a] = await placedPeople(db, 1);
    await setHazardTileChoice(db, 'allowed');
    await saveHazardReadings(db, personReadings(a.id, a.point), run('2025-11-28T01:00:00.000Z'));
    await deleteHazardReadings(db);
    expect(await db.hazardReadings.count()).toBe(0);
    expect(await hazardReadRuns(db)).toEqual([]);
    expect(await hazardTileChoice(db)).toBe('allowed');
    await db.meta.put({ key: 'hazardReadRuns', value: [{ at: 'x' }, run('2025-11-28T01:00:00.000Z'), 'junk'] });
    expect(await hazardReadRuns(db)).toEqual([run('2025-11-28T01:00:00.000Z')]);
  });
});

describe('the choice about the portal', () => {
  it('is unasked until set, then what was set; refused holds until set back; an unknown stored value reads as unasked', async () => {
    const db = openTestDb();
    expect(await hazardTileChoice(db)).toBe('unasked');
    await setHazardTileChoice(db, 'refused');
    expect(await hazardTileChoice(db)).toBe('refused');
    await setHazardTileChoice(db, 'allowed');
    expect(await hazardTileChoice(db)).toBe('allowed');
    await db.meta.put({ key: 'hazardTiles', value: 'maybe' });
    expect(await hazardTileChoice(db)).toBe('unasked');
  });
});

describe('backups, merges, erase and hand-over', () => {
  it('a backup round-trips the readings and the log; the choice about the portal stays with each device', async () => {
    const a = await openDemoDb();
    await setOperator(a, '山田 花子');
    const [p] = await placedPeople(a, 1);
    const shelter = (await a.shelters.toArray())[0];
    await saveHazardReadings(a, [...personReadings(p.id, p.point), shelterFloodReading(shelter.id, shelter.location)], run('2025-11-28T01:00:00.000Z'));
    await setHazardTileChoice(a, 'refused');
    const decoded = await backupOf(a);
    expect(decoded.counts.hazardReadings).toBe(5);

    const b = openTestDb();
    await setOperator(b, '佐藤 次郎');
    await restoreBackup(b, decoded);
    expect(await b.hazardReadings.orderBy('id').toArray()).toEqual(await a.hazardReadings.orderBy('id').toArray());
    expect(await hazardReadRuns(b)).toEqual(await hazardReadRuns(a));
    // The file does not carry A's refusal: B, which never answered, is asked before its first request…
    expect(await hazardTileChoice(b)).toBe('unasked');
    // …and a device that refused keeps its refusal when it restores a backup of a device that allowed.
    await setHazardTileChoice(a, 'allowed');
    await setHazardTileChoice(b, 'refused');
    await restoreBackup(b, await backupOf(a));
    expect(await hazardTileChoice(b)).toBe('refused');
  });

  it('a merge keeps the later read of each subject × hazard, adds the ones missing, unites the logs and never takes the other device’s choice', async () => {
    const a = await openDemoDb();
    await setOperator(a, '山田 花子');
    const [p, q, r] = await placedPeople(a, 3);
    const older = '2025-11-28T01:00:00.000Z';
    const newer = '2026-11-28T01:00:00.000Z';
    await saveHazardReadings(a, [...personReadings(p.id, p.point, older), ...personReadings(q.id, q.point, newer)], run(older));
    await setHazardTileChoice(a, 'allowed');

    const b = openTestDb();
    await setOperator(b, '佐藤 次郎');
    await restoreBackup(b, await backupOf(a));
    // B: reads p again later (flood outside now), has an older read of q's flood, and r that A lacks.
    const pFlood = readingRow('person', p.id, 'flood', [{ layer: 'flood', outcome: { state: 'outside' } }], p.point, newer);
    const qFloodOld = readingRow('person', q.id, 'flood', [{ layer: 'flood', outcome: { state: 'no_tile' } }], q.point, older);
    await b.hazardReadings.bulkPut([pFlood, qFloodOld]);
    await saveHazardReadings(b, personReadings(r.id, r.point, newer), run(newer, { districtIds: ['demo-d2'] }));
    await setHazardTileChoice(b, 'refused');

    const summary = await mergeBackup(a, await backupOf(b), { now: () => new Date('2026-11-29T00:00:00Z') });
    expect(summary.added.hazardReadings).toBe(4);
    expect(summary.updated.filter((u) => u.table === 'hazardReadings')).toEqual([{ table: 'hazardReadings', id: '', label: '1件', reason: '相手の端末で後から読み取った結果にしました' }]);
    expect(await a.hazardReadings.get(pFlood.id)).toEqual(pFlood);
    expect((await a.hazardReadings.get(qFloodOld.id))!.readAt).toBe(newer);
    expect(await a.hazardReadings.count()).toBe(12);
    expect((await hazardReadRuns(a)).map((x) => `${x.at} ${x.districtIds.join()}`)).toEqual([`${older} demo-d1`, `${newer} demo-d2`]);
    expect(await hazardTileChoice(a)).toBe('allowed');

    // Merging the same file again writes nothing.
    const again = await mergeBackup(a, await backupOf(b), { now: () => new Date('2026-11-29T00:01:00Z') });
    expect(again.added.hazardReadings).toBeUndefined();
    expect(again.updated.filter((u) => u.table === 'hazardReadings')).toEqual([]);
  });

  it('merging the logs: the other device’s runs this one lacks, in time order; null when none', () => {
    const x = run('2026-01-01T00:00:00.000Z');
    const y = run('2026-02-01T00:00:00.000Z');
    const z = run('2026-01-15T00:00:00.000Z', { districtIds: [] });
    expect(mergeHazardReadRuns([x, y], [x])).toBeNull();
    expect(mergeHazardReadRuns([x, y], [z, y])).toEqual([x, z, y]);
  });

  it('「すべてのデータを消去」 empties the table and the log', async () => {
    const db = await openDemoDb();
    const [p] = await placedPeople(db, 1);
    await saveHazardReadings(db, personReadings(p.id, p.point), run('2025-11-28T01:00:00.000Z'));
    await eraseAll(db);
    expect(await db.hazardReadings.count()).toBe(0);
    expect(await hazardReadRuns(db)).toEqual([]);
  });

  it('a hand-over file carries no reading (sections: the recipient and the hand-over tables only)', async () => {
    const db = await openDemoDb();
    await setOperator(db, '山田 花子');
    const people = (await db.people.toArray()).filter((p) => personPoint(p));
    await saveHazardReadings(db, people.flatMap((p) => personReadings(p.id, personPoint(p)!)), run('2025-11-28T01:00:00.000Z'));
    const written = await writeHandover(db, { recipient: { kind: 'group', group: 'shobodan' }, passphrase: '48213-09921-55730-11846-70392', expiresOn: '2027-03-31', kdf: FAST_KDF, now: new Date('2026-11-29T01:00:00Z') });
    const tables = new Set<string>();
    for await (const s of openContainer(new Uint8Array(await new Blob(written.parts).arrayBuffer()), '48213-09921-55730-11846-70392')) tables.add(s.table);
    expect(tables.has('people')).toBe(true);
    expect(tables.has('hazardReadings')).toBe(false);
    expect(tables.has('meta')).toBe(false);
  });
});

describe('the backup validator of readings', () => {
  const good = personReadings('P0001', [139.93, 37.49]);
  const messages = (row: object) => validateBackupRow('hazardReadings', row).map((e) => `${e.field}: ${e.message}`);

  it('passes every outcome the reader writes', () => {
    for (const r of [...good, shelterFloodReading('S1', [139.93, 37.49])]) expect(validateBackupRow('hazardReadings', r)).toEqual([]);
  });

  it('refuses rows of the wrong shape, in Japanese', () => {
    expect(messages({ ...good[0], id: 'person|P0002|flood' })).toEqual(['id: IDが「対象|対象ID|災害種別」の形になっていません。']);
    expect(messages({ ...good[0], subject: 'supporter' })[0]).toMatch(/^subject: 対象がperson \/ shelter のいずれかではありません。/);
    expect(messages({ ...good[0], hazard: 'meteor' })[0]).toMatch(/^hazard: 災害種別が/);
    expect(messages({ ...good[0], layers: [{ layer: 'flood', outcome: { state: 'safe' } }] })[0]).toMatch(/^layers: 読み取った層が/);
    expect(messages({ ...good[0], layers: [{ layer: 'flood', outcome: { state: 'unreadable', rgba: [0, 0, 300, 255] } }] })[0]).toMatch(/^layers: /);
    expect(messages({ ...good[0], layers: [{ layer: 'volcano', outcome: { state: 'outside' } }] })[0]).toMatch(/^layers: /);
    expect(messages({ ...good[0], layers: [...good[0].layers, ...good[0].layers] })[0]).toMatch(/^layers: /);
    expect(messages({ ...good[0], layers: [{ layer: 'flood', outcome: { state: 'inside', key: 'depth_3_5', label: '', minDepthM: 3 } }] })[0]).toMatch(/^layers: /);
    expect(messages({ ...good[0], point: [139.93] })).toEqual(['point: 読み取った地点が経度・緯度の2つの数値ではありません。']);
    expect(messages({ ...good[0], readOn: '2025/11/28' })[0]).toMatch(/^readOn: 読み取った日が/);
    expect(messages({ ...good[0], readAt: 'yesterday' })).toEqual(['readAt: 読み取った日時が日時ではありません。']);
  });
});
