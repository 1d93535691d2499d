/**
 * CSV that Excel (Japanese Windows) opens as written: UTF-8 with BOM or Shift_JIS (cp932), CRLF,
 * every cell quoted when needed (RFC 4180). Cells a spreadsheet would run as formulas get a
 * leading 「'」 (shown, and harmless). Cells of digits and separators that Excel would turn into
 * something else — leading zeros dropped, 12+ digits shown as 1.2E+11, 「1-2」 or 「0242-00-1111」
 * read as a date or a sum — are written as ="…" so they stay text. Plain decimals stay numbers.
 */
import Encoding from 'encoding-japanese';
import { looksLikeFormula } from './normalize';

export type ExcelEncoding = 'utf8_bom' | 'shift_jis';

/** Digits with separators (phone numbers, 番地, codes): Excel may read them as dates, sums or numbers. */
const DIGITS_AND_SEPARATORS = /^[+\-(]?[0-9][0-9\-/.:() ]*$/;
/** A decimal Excel keeps as the same number (no leading zero, under 12 digits). */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d{0,10})(\.\d+)?$/;

/** One cell as it should appear in the file (quoted when needed). */
export function excelCell(value: string): string {
  if (DIGITS_AND_SEPARATORS.test(value) && !PLAIN_DECIMAL.test(value)) return `="${value}"`;
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
