/**
 * 生年月日 and other dates written in 西暦 or 和暦: `1985-04-01`, `1985/4/1`, `1985年4月1日`,
 * `19850401`, `昭和60年4月1日`, `S60.4.1`, `H元.1.8`, `令和元年5月1日`, `昭60.4.1`, full-width digits.
 * Era years outside the era (平成32年, 昭和65年, 令和0年) and dates before an era began or after
 * it ended (平成31年5月1日) are rejected with a Japanese message suggesting the right date.
 */
import { normalizeCodeText } from './normalize';

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

/** Parses a date in 西暦 or 和暦 to `YYYY-MM-DD`; empty → null; errors are Japanese and say what was expected. */
export function parseJapaneseDate(cell: string, label = '日付'): DateParse {
  const raw = String(cell ?? '');
  const s = normalizeCodeText(raw).replace(/\s/g, '');
  if (s === '') return { ok: true, value: null };
  const example = `「1985-04-01」「昭和60年4月1日」「S60.4.1」のように入力してください`;
  const era = s.match(/^(明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])(元|\d{1,2})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/);
  if (era) {
    const e = eraOf(era[1]);
    if (!e) return { ok: false, message: `${label}「${raw}」の元号が読めません。${example}。` };
    const ey = era[2] === '元' ? 1 : Number(era[2]);
    const m = Number(era[3]);
    const d = Number(era[4]);
    const startYear = Number(e.start.slice(0, 4));
    const lastYear = e.end ? Number(e.end.slice(0, 4)) - startYear + 1 : null;
    if (ey < 1) return { ok: false, message: `${label}「${raw}」: ${e.name}0年はありません（${e.name}は元年＝1年から始まります）。` };
    if (lastYear !== null && ey > lastYear) {
      const y = startYear + ey - 1;
      const other = toWareki(iso(y, 12, 31))?.replace(/\d+月\d+日$/, '');
      return { ok: false, message: `${label}「${raw}」: ${e.name}は${lastYear}年（${e.end}）までで、${e.name}${ey}年はありません。西暦${y}年なら${other}です。` };
    }
    const y = startYear + ey - 1;
    const date = iso(y, m, d);
    if (!isRealDate(y, m, d)) return { ok: false, message: `${label}「${raw}」は実在しない日付です（${e.name}${ey === 1 ? '元' : ey}年${m}月${d}日）。` };
    if (date < e.start) return { ok: false, message: `${label}「${raw}」は${e.name}が始まる前の日付です（${e.name}は${e.start.replace(/-0?/g, '/')}から）。${toWareki(date) ?? date}ではありませんか。` };
    if (e.end && date > e.end) return { ok: false, message: `${label}「${raw}」は${e.name}が終わった後の日付です。${toWareki(date)}（西暦${y}年${m}月${d}日）ではありませんか。` };
    return { ok: true, value: date };
  }
  const west = s.match(/^(\d{4})(?:年|[./-])(\d{1,2})(?:月|[./-])(\d{1,2})日?$/) ?? s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (west) {
    const date = iso(Number(west[1]), Number(west[2]), Number(west[3]));
    if (!isRealDate(Number(west[1]), Number(west[2]), Number(west[3]))) return { ok: false, message: `${label}「${raw}」は実在しない日付です。` };
    return { ok: true, value: date };
  }
  return { ok: false, message: `${label}「${raw}」が日付として読めません。${example}。` };
}
