/**
 * Japanese address normalisation for offline matching against 位置参照情報. The same function is
 * applied to the addresses people type and to the town names of the reference file, so both
 * sides meet in one canonical form:
 *
 * - NFKC (全角数字・英字 → 半角, 半角カナ → 全角, 全角スペース → space), then all spaces removed;
 * - dash variants (－ ‐ ― — − ｰ, and ー after a digit) → `-`; 「の」「ノ」 between numbers → `-`;
 * - 漢数字 that count something (before 丁目・番地・番・号, or after 番地・番・丁目・「N-」「Nの」)
 *   → Arabic digits: 「三丁目」→ `3丁目`, 「十二番地の五」→ `12-5`;
 * - 「番地」「番」「号」 between or after numbers → `-` / removed: 「12番地5」「12番5号」「12の5」→ `12-5`;
 * - 「大字」「字」 removed (optional in everyday writing); ヶ・ヵ → ケ; ノ・之 → の; a few old kanji
 *   forms (舘→館, 澤→沢, 髙→高, 﨑→崎, 嶋→島, 濱→浜, 邊・邉→辺, 櫻→桜, 廣→広);
 * - a leading postcode (〒123-4567) removed.
 * 丁目 itself is kept, since it ends the town name (「南3丁目」); names are never changed in storage.
 */

/** The 47 都道府県 as written in addresses. */
export const PREFECTURES: readonly string[] = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const KANJI_NUM = '〇零一二三四五六七八九十百千';

/**
 * 漢数字 → number: 「十二」→ 12, 「二十一」→ 21, 「百五」→ 105, 「一〇五」→ 105 (digit by digit),
 * 「千二百三十四」→ 1234; null when the text is not a kanji number.
 */
export function kanjiToNumber(text: string): number | null {
  if (text === '' || ![...text].every((c) => c in KANJI_DIGITS || c in KANJI_UNITS)) return null;
  if (![...text].some((c) => c in KANJI_UNITS)) {
    return Number([...text].map((c) => KANJI_DIGITS[c]).join(''));
  }
  let total = 0;
  let digit: number | null = null;
  for (const c of text) {
    if (c in KANJI_DIGITS) {
      if (digit !== null) return null; // 「二三十」 is not a number
      digit = KANJI_DIGITS[c];
    } else {
      total += (digit ?? 1) * KANJI_UNITS[c];
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

const VARIANTS: [RegExp, string][] = [
  [/[ヶヵ]/g, 'ケ'],
  [/[ノ之]/g, 'の'],
  [/舘/g, '館'],
  [/澤/g, '沢'],
  [/髙/g, '高'],
  [/﨑/g, '崎'],
  [/嶋/g, '島'],
  [/濱/g, '浜'],
  [/[邊邉]/g, '辺'],
  [/櫻/g, '桜'],
  [/廣/g, '広'],
];

const KANJI_BEFORE_COUNTER = new RegExp(`([${KANJI_NUM}]+)(?=丁目|番地|番|号|地割)`, 'g');
const KANJI_AFTER_NUMBER = new RegExp(`(番地の|番の|番地|番|丁目|号|\\d-|\\dの)([${KANJI_NUM}]+)`, 'g');

/** Canonical form of an address or a town name for matching (see the file comment). '' for empty input. */
export function normalizeAddress(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  let s = String(text).normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/^〒?\d{3}-?\d{4}/, '');
  s = s.replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u2043]/g, '-');
  s = s.replace(/(?<=[0-9〇一二三四五六七八九十])ー/g, '-');
  for (const [re, to] of VARIANTS) s = s.replace(re, to);
  s = s.replace(/大字/g, '').replace(/字/g, '');
  s = s.replace(KANJI_BEFORE_COUNTER, (m) => String(kanjiToNumber(m) ?? m));
  // repeated: 「十二番地の五」 needs 番地 → 12, then の五 → 5
  for (let k = 0; k < 3; k++) {
    const before = s;
    s = s.replace(KANJI_AFTER_NUMBER, (_m, pre: string, num: string) => pre + String(kanjiToNumber(num) ?? num));
    if (s === before) break;
  }
  s = s.replace(/(\d)(?:番地|番)の?(?=\d)/g, '$1-');
  s = s.replace(/(\d)号(?=\d)/g, '$1-');
  s = s.replace(/(\d)の(?=\d)/g, '$1-');
  s = s.replace(/(\d)(?:番地|番|号)/g, '$1');
  s = s.replace(/-{2,}/g, '-');
  return s;
}

/** Splits a leading 都道府県 off a normalised address: `{prefecture, rest}` (prefecture null when absent). */
export function splitPrefecture(normalized: string): { prefecture: string | null; rest: string } {
  for (const p of PREFECTURES) if (normalized.startsWith(p)) return { prefecture: p, rest: normalized.slice(p.length) };
  return { prefecture: null, rest: normalized };
}

/**
 * Removes a leading city name (normalised, e.g. `会津若松市`) when the address starts with it;
 * also accepts a 郡 city written without its 郡 (`耶麻郡猪苗代町` ← `猪苗代町`). Returns the
 * matched city (as given) and the rest, or null when none of `cities` starts the address.
 */
export function splitCity(normalized: string, cities: readonly string[]): { city: string; rest: string } | null {
  let best: { city: string; rest: string; len: number } | null = null;
  for (const city of cities) {
    const key = normalizeAddress(city);
    const short = key.replace(/^.+?郡/, '');
    for (const k of key === short ? [key] : [key, short]) {
      if (k && normalized.startsWith(k) && (!best || k.length > best.len)) best = { city, rest: normalized.slice(k.length), len: k.length };
    }
  }
  return best ? { city: best.city, rest: best.rest } : null;
}

/**
 * Reads the 街区符号 / 地番 and following numbers at the start of the part after the town:
 * `12-5-101コーポ` → `{numbers: [12, 5, 101], tail: 'コーポ'}`. A leading `-` is skipped.
 */
export function splitBlockNumbers(rest: string): { numbers: number[]; tail: string } {
  const m = rest.replace(/^-/, '').match(/^(\d+(?:-\d+)*)-?(.*)$/);
  if (!m) return { numbers: [], tail: rest };
  return { numbers: m[1].split('-').map(Number), tail: m[2] };
}
