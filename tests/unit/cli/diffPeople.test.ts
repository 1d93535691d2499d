/**
 * `hinan diff-people OLD.csv NEW.csv`: the 名簿 update's changes as CSV, with the app's reader and
 * planner, the consent gate on values, and a Japanese summary on stderr.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rosterChangeRows } from '../../../src/core/rosterChangeList';
import { defaultRosterChoices } from '../../../src/core/rosterUpdate';
import { commitPeople } from '../../../src/db/imports';
import { previewRosterUpdate } from '../../../src/db/rosterUpdate';
import { openTestDb } from '../db/demoStore';
import { AIZU_ROSTER, CLI_TESTS, FIXTURES, readPeople, run, tempDir } from './helpers';

const HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
const row = (id: string, name: string, birth: string, address: string, mobility: string, medical: string, consent: string, lat = '37.4948', lng = '139.9323') =>
  `${id},${name},テスト,${birth},女,${address},0242-00-0000,要介護3,${mobility},一人暮らし,${medical},${consent},栄町,${lat},${lng}`;

const OLD = [
  HEADER,
  row('P1', '会津　一子', 'S10.1.1', '福島県会津若松市栄町1-1', '杖・歩行器', '', '同意'),
  row('P2', '会津　二子', 'S11.1.1', '福島県会津若松市栄町2-2', '独歩', '', '同意'),
  row('P3', '会津　三子', 'S12.1.1', '福島県会津若松市栄町3-3', '独歩', '', '同意'),
  row('P4', '会津　四子', 'S13.1.1', '福島県会津若松市栄町4-4', '独歩', '', '同意'),
  row('P5', '秘密　五子', 'S14.1.1', '福島県会津若松市栄町5-5', '独歩', '', '不同意'),
  row('P6', '会津　六子', 'S15.1.1', '福島県会津若松市栄町6-6', '独歩', '', '同意'),
].join('\n');
const NEW = [
  HEADER,
  row('P1', '会津　一子', 'S10.1.1', '福島県会津若松市栄町1-1', '車いす', '', '同意'), // mobility
  row('P2', '会津　二子', 'S11.1.1', '福島県会津若松市栄町2-2', '独歩', '在宅酸素', '同意'), // medical
  // P3 left the 名簿
  row('Q4', '会津 四子', '1938-01-01', '福島県会津若松市栄町4-4', '独歩', '', '同意'), // renumbered (氏名 spaced differently + 生年月日 in 西暦)
  row('P5', '秘密　五子', 'S14.1.1', '福島県会津若松市栄町5-5', '寝たきり', '', '不同意'), // hidden: values withheld
  row('P6', '会津　六子', 'S15.1.1', '福島県会津若松市栄町6-6', '独歩', '', '同意'), // unchanged
  row('P7', '会津　七子', 'S16.1.1', '福島県会津若松市栄町7-7', '独歩', '', '同意'), // new
].join('\n');

const dir = tempDir({ 'old.csv': OLD, 'new.csv': NEW, 'bad.csv': `${HEADER}\nP1,会津　一子,テスト,S10.1.1,女,栄町1-1,,,空を飛ぶ,一人暮らし,,同意,栄町,,` });

describe.concurrent('hinan diff-people', CLI_TESTS, () => {
  it('prints one CSV row per changed field and the counts on stderr', async () => {
    const r = await run(['diff-people', 'old.csv', 'new.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.header).toEqual(['person_id', 'change', 'field', 'old', 'new']);
    expect(r.rows.map((x) => [x.person_id, x.change, x.field, x.old, x.new])).toEqual([
      ['P7', 'added', '', '', ''],
      ['P1', 'changed', '移動', '杖・歩行器', '車いす'],
      ['P2', 'changed', '医療', '（なし）', '在宅酸素'],
      ['Q4', 'changed', '氏名', '会津　四子', '会津 四子'],
      ['P5', 'changed', '移動', '', ''],
      ['Q4', 'renumbered', 'ID', 'P4', 'Q4'],
      ['P3', 'archived', '名簿から外れた理由', '', '不明'],
    ]);
    const err = r.stderr.join('\n');
    expect(err).toContain('新規 1人、外れた人 1人、変更 4人、戻った人 0人、変更なし 1人、氏名と生年月日で照合 1人、判定できない 0件');
    expect(err).toContain('同意のない人・名簿から外れた人 2人は、値を出力しません');
    expect(r.stdout.join('\n')).not.toContain('寝たきり');
    expect(r.stdout.join('\n')).not.toContain('秘密');
  });

  it('--no-match-by-name: a renumbered person is new and the old ID leaves the 名簿', async () => {
    const r = await run(['diff-people', 'old.csv', 'new.csv', '--no-match-by-name'], dir);
    expect(r.code).toBe(0);
    expect(r.rows.filter((x) => x.change === 'added').map((x) => x.person_id)).toEqual(['Q4', 'P7']);
    expect(r.rows.filter((x) => x.change === 'archived').map((x) => x.person_id)).toEqual(['P3', 'P4']);
    expect(r.stderr.join('\n')).toContain('氏名と生年月日で照合 0人');
  });

  it('the same file twice: only the header, everyone unchanged', async () => {
    const r = await run(['diff-people', 'new.csv', 'new.csv'], dir);
    expect(r.stdout.join('\n')).toBe('person_id,change,field,old,new');
    expect(r.stderr.join('\n')).toContain('新規 0人、外れた人 0人、変更 0人、戻った人 0人、変更なし 6人');
  });

  it('quotes values with commas and quotes (RFC 4180)', async () => {
    const d = tempDir({
      'a.csv': `${HEADER}\n${row('P1', '会津　一子', 'S10.1.1', '"福島県会津若松市栄町1-1"', '独歩', '', '同意')}`,
      'b.csv': `${HEADER}\n${row('P1', '会津　一子', 'S10.1.1', '"福島県会津若松市栄町1-1,コーポ""栄"""', '独歩', '', '同意', '', '')}`,
    });
    const r = await run(['diff-people', 'a.csv', 'b.csv'], d);
    expect(r.stdout.join('\n')).toContain('P1,changed,住所,福島県会津若松市栄町1-1,"福島県会津若松市栄町1-1,コーポ""栄"""');
    expect(r.rows[0].new).toBe('福島県会津若松市栄町1-1,コーポ"栄"');
  });

  it('on the real 2,000-person fixture: every removed row is archived, every edited mobility is listed, nothing else', async () => {
    const { d, removed, edited } = editedFixture();
    const r = await run(['diff-people', 'old.csv', 'new.csv'], d);
    expect(r.code).toBe(0);
    expect(new Set(r.rows.filter((x) => x.change === 'archived').map((x) => x.person_id))).toEqual(removed);
    const changed = r.rows.filter((x) => x.change === 'changed');
    expect(new Set(changed.map((x) => x.person_id))).toEqual(edited);
    expect(changed.every((x) => x.field === '移動' && x.old !== x.new && (x.new === '寝たきり' || x.new === '独歩'))).toBe(true);
    expect(r.rows.filter((x) => x.change !== 'archived' && x.change !== 'changed')).toEqual([]);
    expect(r.stderr.join('\n')).toContain(`外れた人 ${removed.size}人、変更 ${edited.size}人`);
  });

  // Alone: the test store is closed after each test (demoStore's afterEach), also after a concurrent one.
  it.sequential('agrees with the app’s preview (the 名簿 imported into the store, then the update previewed) on the same two files', async () => {
    for (const [folder, oldName, newName] of [[dir, 'old.csv', 'new.csv'], [editedFixture().d, 'old.csv', 'new.csv']] as const) {
      const cli = (await run(['diff-people', oldName, newName], folder)).rows.map((x) => [x.person_id, x.change, x.field, x.old, x.new]);
      const db = openTestDb();
      await commitPeople(db, readPeople(oldName, folder));
      const plan = await previewRosterUpdate(db, 'people', readPeople(newName, folder), defaultRosterChoices(), { fileName: newName });
      const app = rosterChangeRows(plan).map((x) => [x.id, x.change, x.field, x.old, x.new]);
      expect(cli.length).toBeGreaterThan(3);
      expect(cli).toEqual(app);
    }
  });

  it('refuses bad input like the other commands: row errors exit 1, wrong arguments exit 2', async () => {
    const bad = await run(['diff-people', 'old.csv', 'bad.csv'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr.join('\n')).toContain('取り込めません');
    expect(bad.stdout).toEqual([]);
    expect((await run(['diff-people', 'old.csv'], dir)).code).toBe(2);
    expect((await run(['diff-people', 'old.csv', 'new.csv', '--by-name'], dir)).code).toBe(2);
    expect((await run(['diff-people', 'old.csv', 'missing.csv'], dir)).code).toBe(1);
    const help = await run(['diff-people', '--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout.join('\n')).toContain('person_id,change,field,old,new');
  });
  it('--guess-columns reads a welfare-system layout through the mapper’s first guess, says the mapping, and finds the same changes', async () => {
    const H = '宛名番号,氏名,生年月日,性別,住所,歩行状態,世帯区分,医療的ケア,同意区分,行政区名';
    const w = (id: string, name: string, mobility: string, medical = '') => `${id},${name},S10.1.1,女,福島県会津若松市栄町${id.slice(-1)}-1,${mobility},一人暮らし,${medical},同意,栄町`;
    const welfare = tempDir({
      'old.csv': [H, w('0001', '会津　一子', '杖・歩行器'), w('0002', '会津　二子', '独歩'), w('0003', '会津　三子', '独歩')].join('\r\n'),
      'new.csv': [H, w('0001', '会津　一子', '車いす'), w('0002', '会津　二子', '独歩', '在宅酸素')].join('\r\n'),
    });
    // Without the option the layout is refused, as before.
    expect((await run(['diff-people', 'old.csv', 'new.csv'], welfare)).code).toBe(1);
    const r = await run(['diff-people', 'old.csv', 'new.csv', '--guess-columns'], welfare);
    expect(r.code).toBe(0);
    expect(r.stderr.join('\n')).toContain('old.csv: 列を推測して読みます（ID←宛名番号');
    expect(r.stderr.join('\n')).toContain('移動←歩行状態');
    expect(r.rows.map((x) => [x.person_id, x.change, x.field, x.old, x.new])).toEqual([
      ['0001', 'changed', '移動', '杖・歩行器', '車いす'],
      ['0002', 'changed', '医療', '（なし）', '在宅酸素'],
      ['0003', 'archived', '名簿から外れた理由', '', '不明'],
    ]);
  });
});

/** The 2,000-person fixture as OLD and, as NEW, with every 97th row removed and the 移動 of some consenting people changed. */
function editedFixture(): { d: string; removed: Set<string>; edited: Set<string> } {
  const lines = readFileSync(join(FIXTURES, AIZU_ROSTER), 'utf8').split(/\r?\n/).filter(Boolean);
  const [header, ...body] = lines;
  const removed = new Set<string>();
  const edited = new Set<string>();
  const next = body.flatMap((line, i) => {
    const cells = line.split(',');
    if (i % 97 === 5) {
      removed.add(cells[0]);
      return [];
    }
    if (i % 89 === 3 && cells[11] === '同意') {
      cells[8] = cells[8] === '寝たきり' ? '独歩' : '寝たきり';
      edited.add(cells[0]);
    }
    return [cells.join(',')];
  });
  return { d: tempDir({ 'old.csv': lines.join('\n'), 'new.csv': [header, ...next].join('\n') }), removed, edited };
}
