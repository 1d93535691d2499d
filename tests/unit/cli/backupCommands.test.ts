/**
 * `hinan backup-info` and `hinan backup-verify` on files sealed here from a filled store: the header
 * without a passphrase; the rows per table after decrypting and checking every record; exit 1 with
 * the reason in Japanese (and nothing on stdout) for a wrong passphrase, a damaged, cut-off, newer
 * or foreign file, or invalid records — never a stack trace.
 */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from '../../../src/db/schema';
import { BACKUP_TABLES } from '../../../src/io/backup/recordValidators';
import { writeBackup } from '../../../src/db/backupFile';
import { filledStore, filledStoreTables, sealTables } from '../io/backupStore';
import { CLI_TESTS, run, tempDir } from './helpers';

const PASSPHRASE = '48213-09921-55730-11846-70392';
const tables = await filledStoreTables();
const backup = await sealTables(tables);

/** A folder holding `files` (bytes or text) and the passphrase files `pass.txt` (right) and `wrong.txt`. */
function folder(files: Record<string, Uint8Array | string>): string {
  const dir = tempDir({ 'pass.txt': `${PASSPHRASE}\n`, 'wrong.txt': '48213-09921-55730-11846-70393\n' });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return dir;
}

/** `hinan ...args` in `cwd` (the built command, as a process): exit code and whole stdout / stderr. */
async function hinan(args: string[], cwd: string) {
  const r = await run(args, cwd);
  return { code: r.code, stdout: r.stdout.join('\n'), stderr: r.stderr.join('\n') };
}

const verify = (file: string, dir: string, pass = 'pass.txt') => hinan(['backup-verify', file, '--passphrase-file', pass], dir);

/** Asserts a failure: exit 1, nothing on stdout, the reason in Japanese, no stack trace. */
function expectFailure(r: { code: number; stdout: string; stderr: string }, reason: string | RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(reason);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|undefined/);
}

describe.concurrent('hinan backup-info', CLI_TESTS, () => {
  it('prints the header without a passphrase, in Japan time, with no personal data', async () => {
    const dir = folder({ 'b.hinan': backup });
    const r = await hinan(['backup-info', 'b.hinan'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toEqual([
      `ファイル: b.hinan（${backup.length.toLocaleString('ja-JP')} バイト）`,
      '種類: バックアップ',
      'ファイル形式: hinan 第1版（deflate-raw で圧縮、AES-256-GCM で暗号化）',
      `データの版（スキーマ）: ${CURRENT_SCHEMA_VERSION}（この版のアプリと同じ）`,
      '作ったアプリの版: 0.1.0',
      '作成日時: 2025年4月1日 09:30（日本時間）',
      '作業者名: 山田 花子',
      '鍵の作り方: argon2id（メモリ 0.25 MiB、1回、並列度 1）',
    ]);
    const someone = tables.people[0] as { name: string };
    expect(r.stdout).not.toContain(someone.name);
    expect(r.stderr).toContain('backup-verify');
  });

  it('shows a hand-over file’s expiry and an older file’s schema', async () => {
    const handover = await sealTables({ handover: [{ recipient: '消防団', recipientKind: 'shobodan' }], people: tables.people.slice(0, 3) }, { kind: 'handover', expiresOn: '2026-03-31' });
    const old = await sealTables({ people: tables.people.slice(0, 3) }, { schemaVersion: 1 });
    const dir = folder({ 'h.hinan': handover, 'old.hinan': old });
    const h = await hinan(['backup-info', 'h.hinan'], dir);
    expect(h.stdout).toContain('種類: 受け渡しファイル');
    expect(h.stdout).toContain('有効期限: 2026年3月31日まで');
    const o = await hinan(['backup-info', 'old.hinan'], dir);
    expect(o.stdout).toContain(`データの版（スキーマ）: 1（この版のアプリは ${CURRENT_SCHEMA_VERSION}。復元するときに今の形に直します）`);
  });

  it('a CSV, a missing file, a folder and a cut-off file exit 1 in Japanese', async () => {
    const dir = folder({ 'roster.csv': 'ID,氏名\nP1,山田\n', 'cut.hinan': backup.slice(0, 30) });
    expectFailure(await hinan(['backup-info', 'roster.csv'], dir), 'roster.csv: このファイルは避難支援プランナーのバックアップ・受け渡しファイル（.hinan）ではありません。');
    expectFailure(await hinan(['backup-info', 'none.hinan'], dir), 'none.hinan: ファイルが見つかりません。');
    expectFailure(await hinan(['backup-info', '.'], dir), 'フォルダーです');
    expectFailure(await hinan(['backup-info', 'cut.hinan'], dir), 'cut.hinan: ファイルが途中で切れています');
  });

  it('usage: --help exits 0; no file or two files exit 2', async () => {
    const help = await hinan(['backup-info', '--help'], '.');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('パスフレーズなしで読める部分');
    expect((await hinan(['backup-info'], '.')).code).toBe(2);
    expect((await hinan(['backup-info', 'a', 'b'], '.')).code).toBe(2);
  });
});

// In a suite of its own, not beside concurrent tests: demoStore's afterEach closes every test store
// when any test ends, which would close this one mid-backup.
describe('hinan backup-verify on a backup the app wrote', CLI_TESTS, () => {
  it('a backup written by the app (settings included, 作業者名 left out) verifies with the store’s counts', async () => {
    const db = await filledStore();
    const { parts, fileName } = await writeBackup(db, { passphrase: PASSPHRASE, settings: { 'hinan.analysisSettings': '{"winter":true}' }, kdf: { memoryKiB: 256, iterations: 1 } });
    // The file holds the store with its own 提供記録 entry; the 作業者名 stays on the device.
    const before = Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, (await t.count()) - (t.name === 'meta' ? 1 : 0)] as const)));
    expect(before.disclosures).toBeGreaterThan(0);
    const dir = folder({ [fileName]: new Uint8Array(await new Blob(parts).arrayBuffer()) });
    const r = await verify(fileName, dir);
    expect(r.code).toBe(0);
    for (const [table, rows] of Object.entries(before)) {
      expect(r.stdout).toMatch(new RegExp(`^${BACKUP_TABLES[table].label}（${table}）\\s+${rows.toLocaleString('ja-JP')}件$`, 'm'));
    }
    expect(r.stdout).toMatch(/^画面の設定（localSettings）\s+1件$/m);
  });
});

describe.concurrent('hinan backup-verify', CLI_TESTS, () => {
  it('prints the rows of every table with Japanese names and exits 0', async () => {
    const dir = folder({ 'b.hinan': backup });
    const r = await verify('b.hinan', dir);
    expect(r.stderr).toContain('b.hinan: バックアップを確かめました。パスフレーズは正しく');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    for (const [table, rows] of Object.entries(tables)) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${BACKUP_TABLES[table].label}（${table}）\\s+${rows.length.toLocaleString('ja-JP')}件$`)));
    }
    const total = Object.values(tables).reduce((n, rows) => n + rows.length, 0);
    expect(lines.at(-1)).toBe(`合計  ${total.toLocaleString('ja-JP')}件`);
  });

  it('a wrong passphrase exits 1 with the Japanese reason', async () => {
    const dir = folder({ 'b.hinan': backup });
    expectFailure(await verify('b.hinan', dir, 'wrong.txt'), 'b.hinan: パスフレーズが違います');
  });

  it('a flipped byte, a cut-off copy, swapped bytes at the end and a newer file each exit 1 with their reason', async () => {
    const flipped = backup.slice();
    flipped[Math.floor(backup.length * 0.6)] ^= 0x10;
    const newer = backup.slice();
    const headerText = new TextDecoder().decode(newer.subarray(12, 12 + new DataView(newer.buffer).getUint32(8)));
    const headerAt = 12 + headerText.indexOf('"formatVersion":1');
    newer[headerAt + '"formatVersion":'.length] = '2'.charCodeAt(0);
    const dir = folder({ 'flip.hinan': flipped, 'cut.hinan': backup.slice(0, backup.length - 100), 'newer.hinan': newer });
    expectFailure(await verify('flip.hinan', dir), /flip\.hinan: ファイルが壊れています（\d+番目のかたまりが書き換わっているか、順番が入れ替わっています）/);
    expectFailure(await verify('cut.hinan', dir), 'cut.hinan: ファイルが途中で切れています');
    expectFailure(await verify('newer.hinan', dir), 'newer.hinan: このファイルは新しい版のアプリ');
  });

  it('a file from a newer schema exits 1 before decrypting', async () => {
    const dir = folder({ 'n.hinan': await sealTables({ people: [] }, { schemaVersion: CURRENT_SCHEMA_VERSION + 1 }) });
    expectFailure(await verify('n.hinan', dir), `データの版 ${CURRENT_SCHEMA_VERSION + 1}、この版のアプリは ${CURRENT_SCHEMA_VERSION}`);
  });

  it('invalid records exit 1 naming table, row, ID and field, first 10 and how many more', async () => {
    const people = structuredClone(tables.people) as Record<string, unknown>[];
    for (const p of people.slice(0, 12)) (p.consent as Record<string, unknown>).status = 'maybe';
    const dir = folder({ 'bad.hinan': await sealTables({ ...tables, people, photos: [{ id: 1 }] }) });
    const r = await verify('bad.hinan', dir);
    expectFailure(r, `bad.hinan: 要支援者 1行目（ID「${people[0].id}」） consent.status: `);
    expect(r.stderr).toContain('ほか3件の問題があります。');
    expect(r.stderr).toContain('bad.hinan: 記録に13件の問題があります。このファイルからは復元できません。');
  });

  it('a schema-1 file: its plans (PlanV1) are checked in today’s shape, and the output says so', async () => {
    const v1Plan = { id: 'plan-X', personId: (tables.people[0] as { id: string }).id, status: 'confirmed', primarySupporterId: 'S1', backupSupporterIds: [], destinations: { flood: 'E1' }, leaveWhen: '', transport: 'walk', whatToBring: '', careNotes: '', reviewDue: null, version: 2, updatedAt: '2024-04-01T00:00:00.000Z' };
    const v1 = { people: tables.people, supporters: tables.supporters, shelters: tables.shelters, districts: tables.districts, hazardZones: [], plans: [v1Plan], drills: [], meta: [] };
    const dir = folder({ 'v1.hinan': await sealTables(v1, { schemaVersion: 1 }), 'v1bad.hinan': await sealTables({ ...v1, plans: [{ ...v1Plan, reviewDue: '2024-13-01' }] }, { schemaVersion: 1 }) });
    const r = await verify('v1.hinan', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^個別避難計画（plans）\s+1件$/m);
    expect(r.stderr).toContain('古い版（スキーマ 1）のファイルです。計画は今の形に直してから確かめました。');
    expectFailure(await verify('v1bad.hinan', dir), /個別避難計画 1行目（ID「plan-X」） reviewDue: 見直し日は実在する日付/);
    const withHistory = folder({ 'v1h.hinan': await sealTables({ ...v1, planVersions: [] }, { schemaVersion: 1 }) });
    expectFailure(await verify('v1h.hinan', withHistory), 'v1h.hinan: データの版 1 のファイルに、その版にない表「計画の履歴（planVersions）」があります。');
  });

  it('a hand-over file verifies with its own section', async () => {
    const dir = folder({ 'h.hinan': await sealTables({ handover: [{ recipient: '消防団', recipientKind: 'shobodan' }], people: tables.people.slice(0, 3) }, { kind: 'handover', expiresOn: '2026-03-31' }) });
    const r = await verify('h.hinan', dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^受け渡し先（handover）\s+1件$/m);
    expect(r.stderr).toContain('受け渡しファイルを確かめました');
  });

  it('usage: no --passphrase-file exits 2; an empty or missing passphrase file exits 1', async () => {
    const dir = folder({ 'b.hinan': backup, 'empty.txt': '\n' });
    const none = await hinan(['backup-verify', 'b.hinan'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--passphrase-file を指定してください。');
    expectFailure(await verify('b.hinan', dir, 'empty.txt'), 'empty.txt: パスフレーズのファイルの1行目が空です。');
    expectFailure(await verify('b.hinan', dir, 'nope.txt'), 'nope.txt: パスフレーズのファイルが見つかりません。');
    expect((await hinan(['backup-verify', '--help'], dir)).stdout).toContain('--passphrase-file');
  });

  it('exit 0 with counts; a damaged file: exit 1 with exactly one Japanese line and no stack trace', async () => {
    const flipped = backup.slice();
    flipped[backup.length - 5] ^= 1;
    const dir = folder({ 'b.hinan': backup, 'flip.hinan': flipped });
    const ok = await hinan(['backup-verify', 'b.hinan', '--passphrase-file', 'pass.txt'], dir);
    expect(ok.stderr).toContain('確かめました');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^要支援者（people）\s+150件$/m);
    const bad = await hinan(['backup-verify', 'flip.hinan', '--passphrase-file', 'pass.txt'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^flip\.hinan: ファイルが壊れています（\d+番目のかたまりが書き換わっているか、順番が入れ替わっています）。別のコピーを使ってください。$/);
  });
});
