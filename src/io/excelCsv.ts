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

export type ExcelEncoding = 'utf8_bom' | 'shift_jis';

/** Digits with number, date and time punctuation (phone numbers, 番地, codes, amounts): Excel may read them as numbers, dates or sums. */
const NUMBER_LIKE = /^[+\-(.$¥]*[0-9][0-9\s\-/.:(),%]*$/;
/** Scientific notation (「1e5」, 「2.5E-3」). */
const EXPONENT = /^[+-]?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i;
/** Whole dates and times written with 年月日・時分 or a 元号 (「4月1日」, 「2024年4月」, 「令和6年4月1日」, 「R6.4.1」, 「10時30分」), after NFKC. */
const JAPANESE_DATE = /^((明治|大正|昭和|平成|令和)?\s*(\d+|元)\s*年(\s*\d+\s*月(\s*\d+\s*日)?)?|\d+\s*月\s*\d+\s*日|[MTSHR]\s*\d+[./-]\d+([./-]\d+)?|\d+\s*時(\s*\d+\s*分(\s*\d+\s*秒)?)?)$/i;
/** Words Excel reads as booleans. */
const BOOLEAN = /^(true|false)$/i;
/** A decimal Excel keeps as the same number (no leading zero, under 12 digits). */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d{0,10})(\.\d+)?$/;

/** True when Excel would show `value` as something other than what is written (a number, date, time or boolean). */
function excelWouldReinterpret(value: string): boolean {
  if (PLAIN_DECIMAL.test(value)) return false;
  const v = value.normalize('NFKC').trim();
  return NUMBER_LIKE.test(v) || EXPONENT.test(v) || BOOLEAN.test(v) || JAPANESE_DATE.test(v);
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
  /** Characters Shift_JIS cannot hold (written as 「?」), with the 1-based row of their first use; empty for UTF-8. */
  lost: { char: string; row: number }[];
}

/** Encodes the rows for Excel: UTF-8 with BOM, or Shift_JIS (cp932) reporting characters it cannot hold. */
export function encodeExcelCsv(rows: readonly (readonly string[])[], encoding: ExcelEncoding): EncodedCsv {
  const text = excelCsvText(rows);
  if (encoding === 'utf8_bom') return { bytes: new TextEncoder().encode(`\uFEFF${text}`), lost: [] };
  const lost: { char: string; row: number }[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    for (const cell of r) {
      for (const ch of cell) {
        if (ch === '?' || seen.has(ch) || ch.charCodeAt(0) < 0x80) continue;
        const back = Encoding.convert(Encoding.convert(Encoding.stringToCode(ch), { to: 'SJIS', from: 'UNICODE' }), { to: 'UNICODE', from: 'SJIS' });
        if (Encoding.codeToString(back) !== ch) {
          seen.add(ch);
          lost.push({ char: ch, row: i + 1 });
        } else seen.add(ch);
      }
    }
  });
  const codes = Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' });
  return { bytes: Uint8Array.from(codes), lost };
}
