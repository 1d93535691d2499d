/**
 * CSV that Excel (Japanese Windows) opens as written: UTF-8 with BOM or Shift_JIS (cp932), CRLF,
 * every cell quoted when needed (RFC 4180). Cells a spreadsheet would run as formulas get a
 * leading 「'」 (shown, and harmless). Values Excel would read as something else — a number
 * (leading zeros dropped, 12+ digits shown as 1.2E+11, 「-(1)」 as -1, 「1e5」 as 100000, 「1,000」,
 * 「50%」, 「¥100」, full-width digits), a date or time (「1-2」「1/2」「4月1日」「R6.4.1」「10:30」),
 * a sum (「0242-00-1111」) or TRUE/FALSE — are written as ="…" so they stay text. Plain decimals
 * (ages, counts, minutes, 緯度・経度) stay numbers.
 */
import Encoding from 'encoding-japanese';
import { looksLikeFormula } from './normalize';
import { quoteChar, quoteValue } from './quote';

export type ExcelEncoding = 'utf8_bom' | 'shift_jis';

/** Digits with number, date and time punctuation (phone numbers, 番地, codes, amounts): Excel may read them as numbers, dates or sums. */
const NUMBER_LIKE = /^[+\-(.$¥]*[0-9][0-9\s\-/.:(),%]*$/;
/** Scientific notation (「1e5」, 「2.5E-3」). */
const EXPONENT = /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i;
/** Whole dates and times written with 年月日・時分 or a 元号 (「4月1日」, 「2024年4月」, 「令和6年4月1日」, 「R6.4.1」, 「10時30分」), after NFKC. */
const JAPANESE_DATE = /^((明治|大正|昭和|平成|令和)?\s*(\d+|元)\s*年(\s*\d+\s*月(\s*\d+\s*日)?)?|\d+\s*月\s*\d+\s*日|[MTSHR]\s*\d+[./-]\d+([./-]\d+)?|\d+\s*時(\s*\d+\s*分(\s*\d+\s*秒)?)?)$/i;
/** Words Excel reads as booleans. */
const BOOLEAN = /^(true|false)$/i;
/**
 * A decimal Excel keeps as the same number (no leading zero, under 12 digits). Trailing zeros after
 * the point (緯度 「37.495100」) are dropped on screen but the number is the same, so it stays a number.
 */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d{0,10})(\.\d+)?$/;
/** Dates with an English month name Excel reads as dates (「Sep-10」, 「10-Sep」, 「Apr 1」, 「1 April 2024」). */
const ENGLISH_DATE = /^(\d{1,2}[-\s/.])?(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?([-\s/.,]+\d{1,4}){0,2}$/i;

/** True when Excel would show `value` as something other than what is written (a number, date, time or boolean). */
function excelWouldReinterpret(value: string): boolean {
  if (PLAIN_DECIMAL.test(value)) return false;
  const v = value.normalize('NFKC').trim();
  return NUMBER_LIKE.test(v) || EXPONENT.test(v) || BOOLEAN.test(v) || JAPANESE_DATE.test(v) || ENGLISH_DATE.test(v);
}

/** One cell as it should appear in the file (quoted when needed). */
export function excelCell(value: string): string {
  if (excelWouldReinterpret(value)) {
    // ="…" (the value holds no 「"」); quoted as a whole when it holds a comma.
    const text = `="${value}"`;
    return /[,\r\n]/.test(value) ? `"${text.replace(/"/g, '""')}"` : text;
  }
  const text = looksLikeFormula(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV text, CRLF line ends (no BOM). */
export function excelCsvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(excelCell).join(',')).join('\r\n') + '\r\n';
}

export interface EncodedCsv {
  bytes: Uint8Array<ArrayBuffer>;
  /**
   * Characters Shift_JIS cannot hold (written as 「?」): each character once per row, with the
   * 1-based row (the header is row 1) and the 0-based column of its first use in that row; empty for UTF-8.
   */
  lost: { char: string; row: number; column: number }[];
}

/** Encodes the rows for Excel: UTF-8 with BOM, or Shift_JIS (cp932) reporting characters it cannot hold. */
export function encodeExcelCsv(rows: readonly (readonly string[])[], encoding: ExcelEncoding): EncodedCsv {
  const text = excelCsvText(rows);
  if (encoding === 'utf8_bom') return { bytes: new TextEncoder().encode(`\uFEFF${text}`), lost: [] };
  const lost: EncodedCsv['lost'] = [];
  const fits = new Map<string, boolean>();
  rows.forEach((r, i) => {
    const seenInRow = new Set<string>();
    r.forEach((cell, column) => {
      for (const ch of cell) {
        if (ch === '?' || ch.charCodeAt(0) < 0x80 || seenInRow.has(ch)) continue;
        let ok = fits.get(ch);
        if (ok === undefined) {
          const back = Encoding.convert(Encoding.convert(Encoding.stringToCode(ch), { to: 'SJIS', from: 'UNICODE' }), { to: 'UNICODE', from: 'SJIS' });
          ok = Encoding.codeToString(back) === ch;
          fits.set(ch, ok);
        }
        if (!ok) {
          seenInRow.add(ch);
          lost.push({ char: ch, row: i + 1, column });
        }
      }
    });
  });
  const codes = Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' });
  return { bytes: Uint8Array.from(codes), lost };
}

/** People named in a Shift_JIS refusal before 「ほかN人」. */
const REFUSAL_PEOPLE = 5;

/**
 * Why a list of people was not written in Shift_JIS, naming each person (N人目, ID and 氏名 when
 * the header row has those columns), the column and the characters: 「41人目 ID「P0041」「𠮷田　花子」の氏名に「𠮷」」.
 * `rows[0]` is the header; `lost` comes from encodeExcelCsv.
 */
export function shiftJisRefusal(rows: readonly (readonly string[])[], lost: EncodedCsv['lost']): string {
  const header = rows[0] ?? [];
  const idAt = header.indexOf('ID');
  const nameAt = header.indexOf('氏名');
  const byRow = new Map<number, EncodedCsv['lost']>();
  for (const l of lost) byRow.set(l.row, [...(byRow.get(l.row) ?? []), l]);
  const people = [...byRow].map(([row, chars]) => {
    const cells = rows[row - 1] ?? [];
    const who = [idAt >= 0 ? `ID${quoteValue(cells[idAt])}` : '', nameAt >= 0 ? quoteValue(cells[nameAt]) : ''].filter(Boolean).join('');
    const byColumn = new Map<number, string[]>();
    for (const c of chars) byColumn.set(c.column, [...(byColumn.get(c.column) ?? []), quoteChar(c.char)]);
    const where = [...byColumn].map(([column, cs]) => `${header[column] ?? `${column + 1}列目`}に${cs.join('')}`).join('、');
    return `${row - 1}人目${who ? ` ${who}` : ''}の${where}`;
  });
  const more = people.length > REFUSAL_PEOPLE ? `（ほか${people.length - REFUSAL_PEOPLE}人）` : '';
  return `Shift_JISでは書けない文字があるため、書き出していません: ${people.slice(0, REFUSAL_PEOPLE).join('。')}${more}。名前や住所が「?」に化けるのを防ぐためです。UTF-8（BOM付き）なら、そのまま書き出せます。`;
}
