/**
 * The 名簿 for the consent sweep (tests/e2e/consentSweep.test.ts): fictional people in the app's
 * template, placed in the demo's 中央・大町地区 (会津若松市), one row per 同意 spelling — the
 * consented ones and every spelling of "no consent" a municipal file may carry (issue 8).
 *
 * Every person carries unique, greppable markers in ID, 氏名, フリガナ, 住所, 電話番号 and 事由,
 * and a unique home position, so any appearance anywhere is found by a text search (or a
 * coordinate match on map data). Deterministic: no randomness, no clock.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEOPLE_TEMPLATE_HEADER } from '../../src/io/peopleCsv';

/**
 * What a row's 同意 cell promises: `shown` — a positive word the app has always read as 同意 and
 * must show; `maybe` — a positive word a stricter rule may refuse as unreadable (shown or refused,
 * never a leak either way); `never` — no consent: must never appear anywhere.
 */
export type Expectation = 'shown' | 'maybe' | 'never';

/** Every 同意 spelling in the file, with what the product promises for it. */
export const CONSENT_SPELLINGS: readonly { cell: string; expect: Expectation }[] = [
  // Consent given.
  { cell: '同意', expect: 'shown' },
  { cell: '同意する', expect: 'shown' },
  { cell: '同意済', expect: 'shown' },
  { cell: '同意済み', expect: 'shown' },
  { cell: '同意あり', expect: 'shown' },
  { cell: '有', expect: 'shown' },
  { cell: 'あり', expect: 'shown' },
  { cell: '〇', expect: 'shown' },
  { cell: '○', expect: 'shown' },
  { cell: '済', expect: 'shown' },
  { cell: '　同意　', expect: 'shown' },
  { cell: ' 同意 ', expect: 'shown' },
  { cell: 'はい', expect: 'maybe' },
  // No consent: negative words, the issue's list first.
  { cell: '同意なし', expect: 'never' },
  { cell: '同意撤回', expect: 'never' },
  { cell: '同意拒否', expect: 'never' },
  { cell: '同意せず', expect: 'never' },
  { cell: '同意無', expect: 'never' },
  { cell: '同意未確認', expect: 'never' },
  { cell: '同意取消', expect: 'never' },
  { cell: '同意しません', expect: 'never' },
  { cell: 'ありません', expect: 'never' },
  { cell: '有無未確認', expect: 'never' },
  { cell: '〇不同意', expect: 'never' },
  { cell: '○不同意', expect: 'never' },
  { cell: '不同意', expect: 'never' },
  { cell: '未確認', expect: 'never' },
  { cell: '', expect: 'never' },
  // …their width and space variants…
  { cell: ' ', expect: 'never' },
  { cell: '　', expect: 'never' },
  { cell: '同意　なし', expect: 'never' },
  { cell: ' 同意 撤回 ', expect: 'never' },
  { cell: '同意ﾅｼ', expect: 'never' },
  { cell: '同意(なし)', expect: 'never' },
  { cell: '同意（撤回）', expect: 'never' },
  { cell: '不　同　意', expect: 'never' },
  { cell: '同意 ×', expect: 'never' },
  // …and other ways of saying no.
  { cell: '同意無し', expect: 'never' },
  { cell: '同意しない', expect: 'never' },
  { cell: '同意を撤回', expect: 'never' },
  { cell: '同意取り消し', expect: 'never' },
  { cell: '同意済・撤回', expect: 'never' },
  { cell: '未同意', expect: 'never' },
  { cell: 'なし', expect: 'never' },
  { cell: '無', expect: 'never' },
  { cell: '×', expect: 'never' },
  { cell: '否', expect: 'never' },
  { cell: 'いいえ', expect: 'never' },
  { cell: '拒否', expect: 'never' },
  { cell: '撤回', expect: 'never' },
  { cell: '確認中', expect: 'never' },
  { cell: '未回答', expect: 'never' },
];

/** Which group a fixture person is in: consented (`ok`), never consented (`ng`), or consented and then withdrawn in the app (`wd`). */
export type Group = 'ok' | 'ng' | 'wd';

/** Which file a person is in: the app's template, or a welfare-system layout read through the column mapper. */
export type Layout = 'template' | 'welfare';

export interface SweepPerson {
  group: Group;
  layout: Layout;
  /** The 同意 cell as written in the file. */
  consentCell: string;
  expect: Expectation;
  id: string;
  name: string;
  kana: string;
  address: string;
  phone: string;
  reason: string;
  /** Home as `[lng, lat]` (6 decimals), or null when the row has no position. */
  home: [number, number] | null;
}

const KATAKANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';
/** Two katakana for 0 ≤ n < 1600: a kana-only unique suffix (フリガナ must be katakana). */
const kanaCode = (n: number) => KATAKANA[Math.floor(n / KATAKANA.length)] + KATAKANA[n % KATAKANA.length];
const two = (n: number) => String(n).padStart(2, '0');

/** Marker words per group and layout: no marker is a substring of another person's. */
const WORDS: Record<Layout, Record<Group, { id: string; name: string; kana: string; town: string; phone: string }>> = {
  template: {
    ok: { id: 'SWEEP-OK-', name: '同意確認', kana: 'ドウイカクニン', town: '確認町', phone: '0000-11-00' },
    ng: { id: 'SWEEP-NG-', name: '漏洩検査', kana: 'ロウエイケンサ', town: '漏洩町', phone: '0000-00-00' },
    wd: { id: 'SWEEP-WD-', name: '撤回検査', kana: 'テッカイケンサ', town: '撤回町', phone: '0000-22-00' },
  },
  welfare: {
    ok: { id: 'SWEEP-MAPOK-', name: '同意別様式', kana: 'ドウイベツヨウシキ', town: '別様式確認町', phone: '0000-44-00' },
    ng: { id: 'SWEEP-MAPNG-', name: '漏洩別様式', kana: 'ロウエイベツヨウシキ', town: '別様式漏洩町', phone: '0000-55-00' },
    wd: { id: 'SWEEP-MAPWD-', name: '撤回別様式', kana: 'テッカイベツヨウシキ', town: '別様式撤回町', phone: '0000-66-00' },
  },
};

/** Rows without consent and with it, alternating, so that every preview (先頭20件, the mapper's 先頭3件) holds both. */
function interleave<T extends { expect: Expectation }>(rows: readonly T[]): T[] {
  const never = rows.filter((r) => r.expect === 'never');
  const given = rows.filter((r) => r.expect !== 'never');
  const out: T[] = [];
  for (let i = 0; i < Math.max(never.length, given.length); i++) out.push(...(never[i] ? [never[i]] : []), ...(given[i] ? [given[i]] : []));
  return out;
}

/**
 * Every fixture person of one file: one per spelling, interleaved (consented and not), plus in the
 * template file one consented person whose consent the test withdraws in the app (the second row). Homes are a grid
 * in 中央・大町地区 (demo-d2), ~70 m apart, each file in its own rows; every 9th person has none.
 */
export function sweepPeople(layout: Layout): SweepPerson[] {
  const rows: { group: Group; cell: string; expect: Expectation }[] = interleave(CONSENT_SPELLINGS.map((s) => ({ group: s.expect === 'never' ? 'ng' : 'ok', cell: s.cell, expect: s.expect })));
  // Second row: inside every preview (先頭20件, the mapper's samples), also when the file comes again after the withdrawal.
  if (layout === 'template') rows.splice(1, 0, { group: 'wd', cell: '同意', expect: 'shown' });
  const count: Record<Group, number> = { ok: 0, ng: 0, wd: 0 };
  const row0 = layout === 'template' ? 0 : 7;
  return rows.map(({ group, cell, expect }, index) => {
    const w = WORDS[layout][group];
    const n = two(++count[group]);
    const home: [number, number] | null = index % 9 === 8 ? null : [+(139.9268 + (index % 8) * 0.0009).toFixed(6), +(37.4972 + (row0 + Math.floor(index / 8)) * 0.0006).toFixed(6)];
    return {
      group, layout, consentCell: cell, expect, home,
      id: `${w.id}${n}`,
      name: `${w.name}${n}号`,
      kana: `${w.kana}　${kanaCode(index)}`,
      address: `福島県会津若松市${w.town}${n}番地`,
      phone: `${w.phone}${n}`,
      reason: `${w.name}${n}の事由`,
    };
  });
}

const MOBILITY = ['独歩', '杖・歩行器', '車いす', '寝たきり'];
const csvCell = (s: string) => (/[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);
const csvText = (lines: string[][]) => '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
const ALL_RECIPIENTS = '自主防災組織、民生委員、消防団、町内会、社会福祉協議会、警察';

/** The 名簿 CSV (UTF-8 with BOM, CRLF) of `people` in the template plus 同意日・同意方法・情報提供先. */
export function sweepCsv(people: readonly SweepPerson[]): string {
  return csvText([
    [...PEOPLE_TEMPLATE_HEADER.split(','), '同意日', '同意方法', '情報提供先'],
    ...people.map((p, i) => [
      p.id, p.name, p.kana, '昭和15年4月1日', i % 2 ? '男' : '女', p.address, p.phone, p.reason,
      MOBILITY[i % 4], '一人暮らし', i % 3 === 0 ? '在宅酸素' : '', p.consentCell, '中央・大町地区',
      p.home ? p.home[1].toFixed(6) : '', p.home ? p.home[0].toFixed(6) : '',
      p.consentCell.trim() ? '2024-04-01' : '', '署名', ALL_RECIPIENTS,
    ]),
  ]);
}

/** The same kind of 名簿 as a city's welfare system might export it: other headers, so the import goes through the column mapper. */
export function sweepWelfareCsv(people: readonly SweepPerson[]): string {
  return csvText([
    ['宛名番号', '氏名漢字', '氏名カナ', '生年月日', '性別', '住所又は居所', '電話番号(自宅)', '要支援事由', '歩行状態', '世帯区分', '同意区分', '情報提供先', '地区名称', '緯度', '経度'],
    ...people.map((p, i) => [
      p.id, p.name, p.kana, '1940-04-01', i % 2 ? '男' : '女', p.address, p.phone, p.reason, MOBILITY[i % 4], '一人暮らし', p.consentCell, ALL_RECIPIENTS,
      '中央・大町地区', p.home ? p.home[1].toFixed(6) : '', p.home ? p.home[0].toFixed(6) : '',
    ]),
  ]);
}

/** A few fictional supporters near the fixture's homes, in the supporter template (for `hinan match-supporters`). */
export function sweepSupportersCsv(): string {
  return csvText([
    ['ID', '氏名', '役割', '住所', '電話番号', '対応可能時間', '支援可能人数', '地区', '緯度', '経度'],
    ...[0, 1, 2, 3, 4, 5].map((i) => [
      `SWEEP-S-${two(i + 1)}`, `検査支援者${two(i + 1)}`, '近隣住民', `福島県会津若松市支援町${two(i + 1)}番地`, `0000-33-00${two(i + 1)}`, '昼夜', '3', '中央・大町地区',
      (37.4975 + i * 0.0012).toFixed(6), (139.9275 + (i % 3) * 0.002).toFixed(6),
    ]),
  ]);
}

/** The negative words issue 8 lists (and the template's own words): a file the old reader accepted whole. */
const ISSUE_WORDS = ['同意', '不同意', '未確認', '', '同意なし', '同意撤回', '同意拒否', '同意せず', '同意無', '同意未確認', '同意取消', '同意しません', 'ありません', '有無未確認', '〇不同意'];

export interface SweepFixture {
  /** Everyone in both files. */
  people: SweepPerson[];
  /** The template file: every spelling, and the person who withdraws. */
  template: string;
  /** The welfare-system layout: every spelling again, read through the column mapper. */
  welfare: string;
  /** Template file with the issue's words only (for the CLI: a file that is not refused for other reasons). */
  issueWords: string;
  /** Template file with only 同意・不同意・未確認 and blank: every version of the reader accepts it whole. */
  plain: string;
  supporters: string;
}

/** Writes the fixture files into `dir` and returns their paths and people. */
export function writeSweepFixture(dir: string): SweepFixture {
  const template = sweepPeople('template');
  const welfare = sweepPeople('welfare');
  const files = {
    template: join(dir, 'sweep_meibo.csv'),
    welfare: join(dir, 'sweep_fukushi_system.csv'),
    issueWords: join(dir, 'sweep_meibo_issue_words.csv'),
    plain: join(dir, 'sweep_meibo_plain.csv'),
    supporters: join(dir, 'sweep_supporters.csv'),
  };
  writeFileSync(files.template, sweepCsv(template));
  writeFileSync(files.welfare, sweepWelfareCsv(welfare));
  writeFileSync(files.issueWords, sweepCsv(template.filter((p) => ISSUE_WORDS.includes(p.consentCell))));
  writeFileSync(files.plain, sweepCsv(template.filter((p) => ['同意', '不同意', '未確認', ''].includes(p.consentCell))));
  writeFileSync(files.supporters, sweepSupportersCsv());
  return { people: [...template, ...welfare], ...files };
}

/** The text markers of a person: any one of them in an output means the person appears there. */
export function textMarkers(p: SweepPerson): string[] {
  return [p.id, p.name, p.kana, p.address, p.phone, p.reason];
}

/** The markers allowed for a no-consent row on the import screen itself (issue 8 item 5: ID, 同意 value and errors). */
export function importScreenAllowed(p: SweepPerson): string[] {
  return [p.id];
}
