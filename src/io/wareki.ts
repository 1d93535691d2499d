/**
 * 生年月日 and other dates written in 西暦 or 和暦: `1985-04-01`, `1985/4/1`, `1985年4月1日`,
 * `19850401`, `昭和60年4月1日`, `S60.4.1`, `H元.1.8`, `令和元年5月1日`, `昭60.4.1`, full-width digits.
 * Era years outside the era (平成32年, 昭和65年, 令和0年) and dates before an era began or after
 * it ended (平成31年5月1日) are rejected with a Japanese message suggesting the right date.
 */
import { normalizeCodeText } from './normalize';
import { quoteValue } from './quote';

interface Era {
  name: string;
  letter: string;
  /** First and last day `YYYY-MM-DD` (inclusive; the last era is open). */
  start: string;
  end: string | null;
}

/** The modern eras, newest first. */
export const ERAS: readonly Era[] = [
  { name: '令和', letter: 'R', start: '2019-05-01', end: null },
  { name: '平成', letter: 'H', start: '1989-01-08', end: '2019-04-30' },
  { name: '昭和', letter: 'S', start: '1926-12-25', end: '1989-01-07' },
  { name: '大正', letter: 'T', start: '1912-07-30', end: '1926-12-24' },
  { name: '明治', letter: 'M', start: '1868-01-25', end: '1912-07-29' },
];

export type DateParse = { ok: true; value: string | null } | { ok: false; message: string };

/**
 * Same answer as core/validation.ts `isIsoDate(iso(y, m, d))` (years 100–9999 in the proleptic
 * Gregorian calendar; JavaScript's Date maps years 0–99 to 1900–1999, so those are not real),
 * without building a Date: this runs for every row of a 150,000-row 名簿.
 */
function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 100 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

function eraOf(token: string): Era | null {
  const t = token.toUpperCase();
  return ERAS.find((e) => e.name === token || e.letter === t || e.name[0] === token) ?? null;
}

/** The 和暦 writing of a 西暦 date `YYYY-MM-DD`, e.g. 「昭和60年4月1日」 (元年 for year 1); null before 明治. */
export function toWareki(isoDate: string): string | null {
  const era = ERAS.find((e) => isoDate >= e.start);
  if (!era) return null;
  const [y, m, d] = isoDate.split('-').map(Number);
  const ey = y - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${ey === 1 ? '元' : ey}年${m}月${d}日`;
}

/** Value of an ASCII or full-width digit at `i`, else -1. */
function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

const SEP = 1, YEAR_MARK = 2, MONTH_MARK = 3;
/** `.` `/` `-` (ASCII or full-width) → SEP; 年 → YEAR_MARK; 月 → MONTH_MARK; else 0. */
function separatorAt(s: string, i: number): number {
  switch (s.charCodeAt(i)) {
    case 0x2e: case 0x2f: case 0x2d: case 0xff0e: case 0xff0f: case 0xff0d: return SEP;
    case 0x5e74: return YEAR_MARK;
    case 0x6708: return MONTH_MARK;
    default: return 0;
  }
}

/** ERAS index by the first character of an era token (kanji or letter, either case), with the kanji name's second character. */
const ERA_START = new Map<number, { era: number; second: number }>();
ERAS.forEach((e, i) => {
  ERA_START.set(e.name.charCodeAt(0), { era: i, second: e.name.charCodeAt(1) });
  ERA_START.set(e.letter.charCodeAt(0), { era: i, second: -1 });
  ERA_START.set(e.letter.toLowerCase().charCodeAt(0), { era: i, second: -1 });
});
/** Per era: first year, start and end as YYYYMMDD numbers, last era year (null when open). */
const ERA_BOUNDS = ERAS.map((e) => {
  const startYear = Number(e.start.slice(0, 4));
  return {
    startYear,
    start: Number(e.start.replace(/-/g, '')),
    end: e.end ? Number(e.end.replace(/-/g, '')) : null,
    lastYear: e.end ? Number(e.end.slice(0, 4)) - startYear + 1 : null,
  };
});

const PAD2 = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
const isoOf = (y: number, m: number, d: number) => `${y >= 1000 ? String(y) : String(y).padStart(4, '0')}-${PAD2[m]}-${PAD2[d]}`;

/** True for ASCII `DDDD-DD-DD` (already the value a valid date of that form reads as). */
function isPlainIso(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * The common, valid dates — `1985-04-01`, `1985/4/1`, `1985年4月1日`, `19850401`, `昭和60年4月1日`,
 * `S60.4.1`, full-width digits — read straight from the cell's characters (no NFKC, no RegExp,
 * no message): `YYYY-MM-DD`, or null whenever parseJapaneseDate's general path must decide
 * (anything else, and every date it rejects). Runs for every row of a 150,000-row 名簿.
 */
function commonDate(s: string): string | null {
  const n = s.length;
  if (n < 6 || n > 16) return null;
  let i = 0;
  let era = -1;
  let y: number;
  if (digitAt(s, 0) < 0) {
    const start = ERA_START.get(s.charCodeAt(0));
    if (!start) return null;
    era = start.era;
    i = start.second >= 0 && s.charCodeAt(1) === start.second ? 2 : 1;
    if (s.charCodeAt(i) === 0x5143) { // 元
      y = 1;
      i++;
    } else {
      const a = digitAt(s, i);
      if (a < 0) return null;
      const b = digitAt(s, i + 1);
      if (b < 0) { y = a; i += 1; } else if (digitAt(s, i + 2) >= 0) return null; else { y = a * 10 + b; i += 2; }
    }
    const sep = separatorAt(s, i);
    if (sep !== SEP && sep !== YEAR_MARK) return null;
    i++;
  } else {
    let run = 0;
    y = 0;
    while (run < 9 && digitAt(s, run) >= 0) run++;
    if (run === 8 && n === 8) {
      y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
      const m = digitAt(s, 4) * 10 + digitAt(s, 5), d = digitAt(s, 6) * 10 + digitAt(s, 7);
      return isRealDate(y, m, d) ? isoOf(y, m, d) : null;
    }
    if (run !== 4) return null;
    y = digitAt(s, 0) * 1000 + digitAt(s, 1) * 100 + digitAt(s, 2) * 10 + digitAt(s, 3);
    const sep = separatorAt(s, 4);
    if (sep !== SEP && sep !== YEAR_MARK) return null;
    i = 5;
  }
  // Month: 1–2 digits, then 月 or a separator.
  let a = digitAt(s, i);
  if (a < 0) return null;
  let b = digitAt(s, i + 1);
  let m: number;
  if (b < 0) { m = a; i += 1; } else if (digitAt(s, i + 2) >= 0) return null; else { m = a * 10 + b; i += 2; }
  const sep = separatorAt(s, i);
  if (sep !== SEP && sep !== MONTH_MARK) return null;
  i++;
  // Day: 1–2 digits, then an optional 日 and the end.
  a = digitAt(s, i);
  if (a < 0) return null;
  b = digitAt(s, i + 1);
  let d: number;
  if (b < 0) { d = a; i += 1; } else { d = a * 10 + b; i += 2; }
  if (i < n && s.charCodeAt(i) === 0x65e5) i++; // 日
  if (i !== n) return null;
  if (era < 0) {
    if (!isRealDate(y, m, d)) return null;
    return isPlainIso(s) ? s : isoOf(y, m, d);
  }
  const e = ERA_BOUNDS[era];
  if (y < 1 || (e.lastYear !== null && y > e.lastYear)) return null;
  const year = e.startYear + y - 1;
  if (!isRealDate(year, m, d)) return null;
  const ymd = year * 10000 + m * 100 + d;
  if (ymd < e.start || (e.end !== null && ymd > e.end)) return null;
  return isoOf(year, m, d);
}

/** Parses a date in 西暦 or 和暦 to `YYYY-MM-DD`; empty → null; errors are Japanese and say what was expected. */
export function parseJapaneseDate(cell: string, label = '日付'): DateParse {
  const raw = String(cell ?? '');
  const common = commonDate(raw);
  if (common !== null) return { ok: true, value: common };
  const s = normalizeCodeText(raw).replace(/\s/g, '');
  if (s === '') return { ok: true, value: null };
  const example = `「1985-04-01」「昭和60年4月1日」「S60.4.1」のように入力してください`;
  const era = s.match(/^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])(元|\d{1,2})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/);
  if (era) {
    const e = eraOf(era[1]);
    if (!e) return { ok: false, message: `${label}${quoteValue(raw)}の元号が読めません。${example}。` };
    const ey = era[2] === '元' ? 1 : Number(era[2]);
    const m = Number(era[3]);
    const d = Number(era[4]);
    const startYear = Number(e.start.slice(0, 4));
    const lastYear = e.end ? Number(e.end.slice(0, 4)) - startYear + 1 : null;
    if (ey < 1) return { ok: false, message: `${label}${quoteValue(raw)}: ${e.name}0年はありません（${e.name}は元年＝1年から始まります）。` };
    if (lastYear !== null && ey > lastYear) {
      const y = startYear + ey - 1;
      const other = toWareki(iso(y, 12, 31))?.replace(/\d+月\d+日$/, '');
      return { ok: false, message: `${label}${quoteValue(raw)}: ${e.name}は${lastYear}年（${e.end}）までで、${e.name}${ey}年はありません。西暦${y}年なら${other}です。` };
    }
    const y = startYear + ey - 1;
    const date = iso(y, m, d);
    if (!isRealDate(y, m, d)) return { ok: false, message: `${label}${quoteValue(raw)}は実在しない日付です（${e.name}${ey === 1 ? '元' : ey}年${m}月${d}日）。` };
    if (date < e.start) return { ok: false, message: `${label}${quoteValue(raw)}は${e.name}が始まる前の日付です（${e.name}は${e.start.replace(/-0?/g, '/')}から）。${toWareki(date) ?? date}ではありませんか。` };
    if (e.end && date > e.end) return { ok: false, message: `${label}${quoteValue(raw)}は${e.name}が終わった後の日付です。${toWareki(date)}（西暦${y}年${m}月${d}日）ではありませんか。` };
    return { ok: true, value: date };
  }
  const west = s.match(/^(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (west) {
    const date = iso(Number(west[1]), Number(west[2]), Number(west[3]));
    if (!isRealDate(Number(west[1]), Number(west[2]), Number(west[3]))) return { ok: false, message: `${label}${quoteValue(raw)}は実在しない日付です。` };
    return { ok: true, value: date };
  }
  return { ok: false, message: `${label}${quoteValue(raw)}が日付として読めません。${example}。` };
}
