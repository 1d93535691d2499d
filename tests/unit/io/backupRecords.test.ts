/**
 * The record check of backup files (src/io/backup/recordValidators.ts): a real store's every table
 * passes; a bad row is named in Japanese by table, row, ID and field; unknown tables, duplicate
 * keys and rows of the wrong shape are errors, never crashes.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fromJsonValue } from '../../../src/db/backupTables';
import { tablesAt } from '../../../src/io/backup/storeVersions';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/db/schema';
import { BACKUP_TABLES, BackupRecordCheck, formatRecordError, validateBackupRow } from '../../../src/io/backup/recordValidators';
import { filledStoreTables } from './backupStore';

function check(tables: Record<string, unknown[]>, kind: 'backup' | 'handover' = 'backup') {
  const c = new BackupRecordCheck(kind);
  for (const [table, rows] of Object.entries(tables)) c.add({ table, rows });
  return c;
}

const tables = await filledStoreTables();

describe('backup record check', () => {
  it('knows exactly the tables of the current schema, with their primary keys', () => {
    expect(Object.keys(BACKUP_TABLES).sort()).toEqual(tablesAt(CURRENT_SCHEMA_VERSION).sort());
    const specs: Record<string, string> = {};
    for (const v of SCHEMA_VERSIONS) for (const [t, s] of Object.entries(v.stores)) if (s) specs[t] = s;
    for (const [table, spec] of Object.entries(BACKUP_TABLES)) expect(specs[table].split(',')[0].replace('++', ''), table).toBe(spec.key);
  });

  it('a real store passes: every table filled, as in the file and with typed arrays restored', () => {
    for (const table of Object.keys(BACKUP_TABLES)) expect(tables[table]?.length, table).toBeGreaterThan(0);
    const c = check(tables);
    expect(c.errors.map(formatRecordError)).toEqual([]);
    expect(c.counts.people).toBe(150);
    const restored = check(fromJsonValue(structuredClone(tables)) as Record<string, unknown[]>);
    expect(restored.errors.map(formatRecordError)).toEqual([]);
  });

  it('a bad person is named by table, row, ID and field in Japanese, with what was expected', () => {
    const people = structuredClone(tables.people) as Record<string, unknown>[];
    (people[4].consent as Record<string, unknown>).status = 'maybe';
    const c = check({ people });
    expect(c.errorCount).toBe(1);
    const line = formatRecordError(c.errors[0]);
    expect(line).toContain('要支援者 5行目');
    expect(line).toContain(`（ID「${people[4].id}」）`);
    expect(line).toContain('consent.status');
    expect(line).toMatch(/同意/);
  });

  it('row numbers continue across sections of one table', () => {
    const people = tables.people as Record<string, unknown>[];
    const c = new BackupRecordCheck('backup');
    c.add({ table: 'people', rows: people.slice(0, 100) });
    c.add({ table: 'people', rows: [...people.slice(100, 120), { ...people[120], name: '' }] });
    expect(c.errors.map(formatRecordError)[0]).toContain('要支援者 121行目');
  });

  it('the plans of the history and the drafts go through the plan validator', () => {
    const versions = structuredClone(tables.planVersions) as { plan: Record<string, unknown> }[];
    versions[1].plan.transport = 'teleport';
    const drafts = structuredClone(tables.planDrafts) as { plan: Record<string, unknown> }[];
    drafts[0].plan.reviewDue = '2025-02-30';
    const lines = check({ planVersions: versions, planDrafts: drafts }).errors.map(formatRecordError);
    expect(lines[0]).toMatch(/^計画の履歴 2行目（ID「\d+」） plan\.transport: /);
    expect(lines[1]).toMatch(/^計画の下書き 1行目（ID「.+」） plan\.reviewDue: 見直し日は実在する日付/);
  });

  it('tables without a domain validator get a structural check of every field', () => {
    const roads = structuredClone(tables.roadNetworks) as { network: Record<string, unknown> }[];
    roads[0].network.coords = [1, 2, 3];
    const lines = check({
      roadNetworks: roads,
      meta: [{ key: 'x' }],
      geocodeCache: [{ ...(tables.geocodeCache[0] as object), found: 'yes' }],
      hazardCoverage: [{ ...(tables.hazardCoverage[0] as object), bbox: [1, 2] }],
      disclosures: [{ ...(tables.disclosures[0] as object), count: -1 }],
      addressPoints: [{ seq: 1, file: 'a.csv', level: 'block', prefecture: '福島県', city: '会津若松市', town: '栄町', koaza: '', block: '1', lng: 'E139', lat: 37.49, representative: true, row: 1 }],
    }).errors.map(formatRecordError);
    expect(lines).toEqual([
      expect.stringMatching(/^道路網 1行目（ID「osm_walk_network_otemachi_350m\.geojson」） network\.coords: 座標がFloat64Arrayではありません。/),
      '設定 1行目（ID「x」） value: 値が値ではありません。',
      expect.stringMatching(/^住所検索の記録 1行目.* found: 見つかったかがtrue \/ falseではありません。/),
      expect.stringMatching(/^ハザード情報の範囲 1行目.* bbox: 範囲が4つの数値ではありません。/),
      expect.stringMatching(/^提供記録 1行目.* count: 人数が0以上の整数ではありません。/),
      '位置参照情報 1行目（ID「1」） lng: 経度が数値ではありません。',
    ]);
  });

  it('an unknown table is an error (a file from a newer app), once per table', () => {
    const c = new BackupRecordCheck('backup');
    c.add({ table: 'photos', rows: [{ id: 1 }] });
    c.add({ table: 'photos', rows: [{ id: 2 }] });
    expect(c.errors.map(formatRecordError)).toEqual(['photos（photos）: この版のアプリにない表です（新しい版のアプリで作られたファイルかもしれません）。']);
    expect(c.counts.photos).toBe(2);
  });

  it('a file’s own sections: the hand-over recipient in a hand-over file, the UI settings in a backup', () => {
    const info = { handover: [{ recipient: '消防団', recipientKind: 'shobodan' }] };
    expect(check(info, 'handover').errors).toEqual([]);
    expect(check(info, 'backup').errorCount).toBe(1);
    const settings = { localSettings: [{ key: 'hinan.analysisSettings', value: '{"winter":true}' }] };
    expect(check(settings, 'backup').errors).toEqual([]);
    expect(check(settings, 'handover').errorCount).toBe(1);
    expect(check({ localSettings: [{ key: 'x', value: 3 }] }, 'backup').errors.map(formatRecordError)).toEqual(['画面の設定 1行目（ID「x」） value: 設定の値が文字列ではありません。']);
  });

  it('duplicate keys, missing keys, non-objects and half-built rows are errors, not crashes', () => {
    const person = tables.people[0] as Record<string, unknown>;
    const c = check({ people: [person, person, { ...person, id: undefined }, null, 'text', { id: 'P-x' }], drills: [{ ...(tables.drills[0] as object), records: [{ personId: 'p' }] }] });
    const lines = c.errors.map(formatRecordError);
    expect(lines).toContainEqual(expect.stringMatching(/^要支援者 2行目.* id: 同じキーの行がほかにもあります。/));
    expect(lines).toContainEqual(expect.stringMatching(/^要支援者 3行目 id: /));
    expect(lines).toContainEqual('要支援者 4行目: 行がオブジェクトではありません。');
    expect(lines).toContainEqual('要支援者 5行目: 行がオブジェクトではありません。');
    expect(lines).toContainEqual('要支援者 6行目（ID「P-x」）: 行の形が違います（必要な項目が欠けているか、種類が違います）。');
    expect(lines).toContainEqual('訓練 1行目（ID「drill-1」） records.0: 訓練の記録1件目の形が違います（要支援者ID・日時・状況・メモ）。');
  });

  it('keeps the first errors and counts all', () => {
    const people = Array.from({ length: 500 }, (_, i) => ({ ...(tables.people[0] as object), id: `X${i}`, name: '' }));
    const c = new BackupRecordCheck('backup', 10);
    c.add({ table: 'people', rows: people });
    expect(c.errors).toHaveLength(10);
    expect(c.errorCount).toBe(500);
  });

  it('validateBackupRow answers one row', () => {
    expect(validateBackupRow('shelters', tables.shelters[0])).toEqual([]);
    expect(validateBackupRow('nope', {})[0].message).toBe('不明な表「nope」です。');
  });
});
