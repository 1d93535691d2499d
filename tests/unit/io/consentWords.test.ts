import { describe, expect, it } from 'vitest';
import { guessMapping, profileColumns, valueKey } from '../../../src/io/columnMapping';
import { parseCsvTable } from '../../../src/io/csv';
import { PEOPLE_MAPPING, PEOPLE_TEMPLATE_HEADER, readPeopleFile } from '../../../src/io/peopleCsv';

const NOW = '2025-01-01T00:00:00.000Z';

/** One 名簿 row with `consent` in the 同意 column (a fictional person). */
const row = (id: string, consent: string, extra: { name?: string; address?: string; sex?: string } = {}) =>
  `${id},${extra.name ?? `試験　${id}`},シケン,S15.4.1,${extra.sex ?? '女'},${extra.address ?? `会津若松市栄町${id}`},,,独歩,,,"${consent}",,,`;

/** Reads each consent cell through the template reader: the status stored, or the error shown for it. */
function readConsentCells(cells: readonly string[]) {
  const csv = [PEOPLE_TEMPLATE_HEADER, ...cells.map((c, i) => row(`P${i + 1}`, c))].join('\n');
  const r = readPeopleFile(csv, '名簿.csv', { now: NOW });
  return cells.map((cell, i) => {
    const person = r.validRecords.find((p) => p.id === `P${i + 1}`);
    const errors = r.errors.filter((e) => e.row === i + 1);
    return { cell, status: person?.consent.status ?? null, date: person?.consent.date ?? null, errors };
  });
}

/** Every spelling the adversarial test found read as 同意, and what each is now. null: an error naming row, column and value. */
const NEGATIVE: [string, 'refused' | 'pending' | null][] = [
  ['同意なし', 'refused'], ['同意撤回', 'refused'], ['同意を撤回', 'refused'], ['同意拒否', 'refused'], ['同意せず', 'refused'],
  ['同意無', 'refused'], ['同意無し', 'refused'], ['同意未確認', 'pending'], ['同意取消', 'refused'], ['同意取り消し', 'refused'],
  ['同意しません', 'refused'], ['同意しない', 'refused'], ['ありません', 'refused'], ['有無未確認', 'pending'], ['〇不同意', 'refused'],
  ['不同意', 'refused'], ['拒否', 'refused'], ['なし', 'refused'], ['無', 'refused'], ['×', 'refused'], ['いいえ', 'refused'],
  ['未確認', 'pending'], ['未回答', 'pending'], ['無回答', 'pending'], ['不明', 'pending'], ['未', 'pending'],
  ['同意不要', null], ['不', null],
];
/** Full-width, half-width and spaced spellings of the same words. */
const NEGATIVE_VARIANTS: [string, 'refused' | 'pending' | null][] = [
  ['同意　なし', 'refused'], ['同意 撤回', 'refused'], [' 同意拒否 ', 'refused'], ['同意（拒否）', 'refused'], ['同意　しません', 'refused'],
  ['同意ﾅｼ', null], ['同意　未確認', 'pending'], ['〇　不同意', 'refused'], ['○不同意', 'refused'], ['有 無 未 確 認', 'pending'], ['ｘ', null],
];
const POSITIVE = ['同意', '同意する', '同意済', '同意済み', '同意あり', '同意有', '有', 'あり', '〇', '○', 'はい', '済'];
const POSITIVE_VARIANTS = ['同　意', ' 同意 ', '同意　済み', '同意 あり', '　〇　', '同意\t'];
/** Neither a positive word nor a negation: an error, never 同意. */
const UNKNOWN = ['同意した', 'OK', '要確認', '同意?', 'ﾄﾞｳｲ', '同意済（口頭）'];

describe('同意 cells: 同意 only for an exact positive word, never for a value with a negation', () => {
  it.each([...NEGATIVE, ...NEGATIVE_VARIANTS])('reads 「%s」 as %s through the 名簿 reader', (cell, expected) => {
    const [got] = readConsentCells([cell]);
    expect(got.status).not.toBe('given');
    if (expected) {
      expect(got.errors).toEqual([]);
      expect(got.status).toBe(expected);
    } else {
      expect(got.status).toBeNull();
      expect(got.errors).toEqual([expect.objectContaining({ row: 1, column: '同意', message: expect.stringContaining(`「${cell}」`) })]);
    }
  });

  it.each([...POSITIVE, ...POSITIVE_VARIANTS])('reads 「%s」 as 同意', (cell) => {
    const [got] = readConsentCells([cell]);
    expect(got.errors).toEqual([]);
    expect(got.status).toBe('given');
  });

  it.each(UNKNOWN)('refuses 「%s」 with an error naming the row, the column and the value', (cell) => {
    const [got] = readConsentCells([cell]);
    expect(got.status).toBeNull();
    expect(got.errors).toEqual([expect.objectContaining({ row: 1, column: '同意', message: expect.stringContaining(`「${cell}」`) })]);
    expect(got.errors[0].message).toContain('同意済');
  });

  it('keeps reading a date written in the cell, for each status', () => {
    const got = readConsentCells(['同意 2024-04-01', '同意（R6.4.1）', '同意2024/05/10', '不同意（2024/05/10）', '同意なし 2024-06-01', '同意　済（R6.4.1）']);
    expect(got.map((g) => [g.status, g.date])).toEqual([
      ['given', '2024-04-01'], ['given', '2024-04-01'], ['given', '2024-05-10'], ['refused', '2024-05-10'], ['refused', '2024-06-01'], ['given', '2024-04-01'],
    ]);
  });
});

/** Each cell with a 同意日 column filled: the status stored, or the errors. */
function readWithDateColumn(cells: readonly [consent: string, date: string][]) {
  const csv = [`${PEOPLE_TEMPLATE_HEADER},同意日`, ...cells.map(([c, d], i) => `${row(`P${i + 1}`, c)},${d}`)].join('\n');
  const r = readPeopleFile(csv, '名簿.csv', { now: NOW });
  return cells.map((_, i) => ({ status: r.validRecords.find((p) => p.id === `P${i + 1}`)?.consent.status ?? null, errors: r.errors.filter((e) => e.row === i + 1) }));
}

describe('text after 同意 is a date only when all of it is a date (found by an adversarial try)', () => {
  /** Each was stored as 同意 when the file also had a 同意日 column: the text after 同意 was taken for a date and then ignored. */
  const NOT_A_DATE = [
    '同意 1度断った', '同意(2024-04-01 辞退)', '同意 20240401解除', '同意(本人死亡 2024)', '同意　取り下げ2024', '同意 期限切れ2024',
    '同意 3日後に拒', '同意 中止1', '同意 0', '同意 2024', '同意（2024-04-01まで）',
  ];
  it.each(NOT_A_DATE)('never reads 「%s」 as 同意, with or without a 同意日 column', (cell) => {
    const [without] = readConsentCells([cell]);
    const [withDate] = readWithDateColumn([[cell, '2024-04-01']]);
    for (const got of [without, withDate]) {
      expect(got.status).not.toBe('given');
      expect(got.errors.length + (got.status === 'refused' ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  it.each(['辞退', '拒絶', '断る', 'NG', 'ＮＧ', 'バツ', '✗', '❌', '同意取り下げ', '同意解除'])('reads 「%s」 as 不同意', (cell) => {
    expect(readConsentCells([cell])[0].status).toBe('refused');
  });

  it('checks a date in the 同意 cell against the 同意日 column', () => {
    const [same, other] = readWithDateColumn([['同意 2024-04-01', 'R6.4.1'], ['同意 2024-04-01', '2024-05-01']]);
    expect(same).toEqual({ status: 'given', errors: [] });
    expect(other.status).toBeNull();
    expect(other.errors[0].message).toContain('同意の欄の日付（2024-04-01）と同意日（2024-05-01）が違います');
  });

  it('refuses a 同意日 after today (Japan time), which would win over every later withdrawal', () => {
    const [future, inline] = readWithDateColumn([['同意', '2099-12-31'], ['同意 令和99年1月1日', '']]);
    for (const got of [future, inline]) {
      expect(got.status).toBeNull();
      expect(got.errors.map((e) => e.message).join()).toMatch(/同意日（\d{4}-\d{2}-\d{2}）が今日（\d{4}-\d{2}-\d{2}）より後/);
    }
  });
});

describe('the column mapper pre-selects 同意 only for positive words', () => {
  it.each([...NEGATIVE, ...NEGATIVE_VARIANTS, ...UNKNOWN.map((u) => [u, null] as const)])('does not pre-select 「%s」 as 同意', (cell) => {
    const code = PEOPLE_MAPPING.matchValue('consent', valueKey(cell));
    expect(code).not.toBe('given');
    // Only the app's own words are read without asking; every other value with a negation is left for the user to choose.
    if (!['不同意', '未確認'].includes(valueKey(cell))) expect(code).toBeNull();
  });

  it.each([...POSITIVE, ...POSITIVE_VARIANTS])('pre-selects 「%s」 as 同意', (cell) => {
    expect(PEOPLE_MAPPING.matchValue('consent', valueKey(cell))).toBe('given');
  });

  it.each([['spellings', NEGATIVE], ['variants', NEGATIVE_VARIANTS]] as const)('leaves every negated value of a consent column unchosen in the first guess (%s)', (_, words) => {
    const csv = ['番号,氏名,住所,歩行,同意状況', ...words.map(([c], i) => `${i},氏名${i},住所${i},独歩,"${c}"`)].join('\n');
    const m = guessMapping(PEOPLE_MAPPING, profileColumns(parseCsvTable(csv, 'x.csv')));
    expect(m.columns.consent).toBe('同意状況');
    expect(Object.keys(m.values!.consent).sort()).toEqual(['不同意', '未確認'].filter((w) => words.some(([c]) => c === w)).sort());
  });
});

describe('two columns that could be 同意', () => {
  const header = (second: string) => PEOPLE_TEMPLATE_HEADER.replace(',同意,', `,同意,${second},`);
  const line = (a: string, b: string) => row('P1', a).replace(`,"${a}",`, `,"${a}","${b}",`);

  it.each(['同意の有無', '同意', '同意区分'])('refuses a template file with 同意 and 「%s」, naming both headers', (second) => {
    const r = readPeopleFile(`${header(second)}\n${line('同意', '不同意')}\n`, '名簿.csv', { now: NOW, profile: true });
    expect(r.records).toEqual([]);
    expect(r.validRecords).toEqual([]);
    expect(r.needsMapping).toBe(true);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 0, column: null });
    expect(r.errors[0].message).toContain(`「同意」`);
    expect(r.errors[0].message).toContain(`「${second}」`);
  });

  it('lets the column mapper leave the choice to the user, and reads the column the user picks', () => {
    const csv = `${header('同意の有無')}\n${line('同意', '不同意')}\n`;
    const r = readPeopleFile(csv, '名簿.csv', { now: NOW, profile: true });
    const guess = guessMapping(PEOPLE_MAPPING, r.profile!);
    expect(guess.columns.consent).toBeUndefined();
    const picked = readPeopleFile(csv, '名簿.csv', { now: NOW, mapping: { ...guess, columns: { ...guess.columns, consent: '同意の有無' } } });
    expect(picked.errors).toEqual([]);
    expect(picked.records.map((p) => p.consent.status)).toEqual(['refused']);
  });

  it('still reads a file with 同意 and 同意日 / 同意方法 / 情報提供先', () => {
    const csv = `${PEOPLE_TEMPLATE_HEADER},同意日,同意方法,情報提供先\n${row('P1', '同意')},R6.4.1,署名,民生委員\n`;
    const r = readPeopleFile(csv, '名簿.csv', { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.records[0].consent).toMatchObject({ status: 'given', date: '2024-04-01', method: 'signature', recipients: ['minsei'] });
  });
});

describe('errors of rows without 同意 do not quote their cells', () => {
  it('names the row and column but not the 氏名, 住所 or other values of a 不同意 / 未確認 / unreadable row', () => {
    const csv = [
      PEOPLE_TEMPLATE_HEADER,
      row('P1', '不同意', { name: '秘匿　一郎', address: '-秘匿町1', sex: '秘匿性' }),
      row('P2', '未確認', { name: '=秘匿　二郎', address: '秘匿町2', sex: '秘匿性' }),
      row('P3', '同意しました', { name: '秘匿　三郎', address: '+秘匿町3', sex: '秘匿性' }),
      row('P4', '同意', { name: '公開　四郎', address: '-公開町4', sex: '公開性' }),
    ].join('\n');
    const r = readPeopleFile(csv, '名簿.csv', { now: NOW });
    const hidden = r.errors.filter((e) => e.row <= 3);
    expect(hidden.map((e) => `${e.row}:${e.column}`).sort()).toEqual(['1:住所', '1:性別', '2:性別', '2:氏名', '3:住所', '3:同意', '3:性別']);
    for (const e of hidden) expect(e.message).not.toContain('秘匿');
    expect(hidden.find((e) => e.row === 3 && e.column === '同意')!.message).toContain('同意しました');
    // A consenting row's errors still quote the value, so it can be found and fixed.
    const shown = r.errors.filter((e) => e.row === 4);
    expect(shown.map((e) => e.column).sort()).toEqual(['住所', '性別']);
    expect(shown.map((e) => e.message).join()).toContain('公開');
  });
});

describe('other label columns: a known word followed by a negation is not that word', () => {
  it.each([
    ['移動', '自立歩行不可', (r: string) => r.replace(',独歩,', ',自立歩行不可,')],
    ['医療', '人工呼吸器なし', (r: string) => r.replace(',独歩,,,', ',独歩,,人工呼吸器なし,')],
    ['世帯', '独居ではない', (r: string) => r.replace(',独歩,,', ',独歩,独居ではない,')],
  ])('refuses %s「%s」 instead of reading the word it starts with', (column, cell, edit) => {
    const r = readPeopleFile(`${PEOPLE_TEMPLATE_HEADER}\n${edit(row('P1', '同意'))}\n`, '名簿.csv', { now: NOW });
    expect(r.validRecords).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ row: 1, column, message: expect.stringContaining(cell) })]);
  });

  it('still reads a known word followed by other text', () => {
    const r = readPeopleFile(`${PEOPLE_TEMPLATE_HEADER}\n${row('P1', '同意').replace(',独歩,', ',車いす（自走）,')}\n`, '名簿.csv', { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.records[0].mobility).toBe('wheelchair');
  });
});

describe('a saved column mapping cannot make a negated 同意 value 同意', () => {
  it('reads 同意なし by the rule even when a remembered mapping says 同意', () => {
    const csv = ['番号,氏名,住所,歩行,同意状況', '1,試験　一子,住所1,独歩,同意なし', '2,試験　二郎,住所2,独歩,同意を撤回', '3,試験　三子,住所3,独歩,はい'].join('\n');
    const mapping = {
      columns: { id: '番号', name: '氏名', address: '住所', mobility: '歩行', consent: '同意状況' },
      values: { consent: { 同意なし: 'given', 同意を撤回: 'given', はい: 'given' } },
    };
    const r = readPeopleFile(csv, 'x.csv', { now: NOW, mapping });
    expect(r.errors).toEqual([]);
    expect(r.records.map((p) => p.consent.status)).toEqual(['refused', 'refused', 'given']);
  });
});
