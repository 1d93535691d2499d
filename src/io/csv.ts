/**
 * CSV text → header + records, with PapaParse (quoted commas and newlines work; lines are never
 * split by hand). Reports, in Japanese, empty files, header-only files, unterminated quotes,
 * rows whose number of cells differs from the header, and oversized cells.
 */
import Papa from 'papaparse';
import type { RowError } from './rowError';
import { clipList } from './quote';

/** One record: 1-based data row number (header excluded) and its cells, as written. */
export interface CsvRecord {
  row: number;
  cells: string[];
}

export interface CsvTable {
  headers: string[];
  records: CsvRecord[];
  errors: RowError[];
}

/** Longest cell accepted, in characters; longer cells are reported, not stored (a 名簿 cell is never this long). */
export const MAX_CELL_LENGTH = 10_000;

/** Receives each accepted record of a streamed CSV, in order; `headers` is the (trimmed) header line. */
export type CsvRecordSink = (row: number, cells: string[], headers: string[]) => void;

/** What a streamed parse leaves: the header line, the file's problems (same order as parseCsvTable) and the number of records accepted. */
export interface CsvStreamResult {
  headers: string[];
  errors: RowError[];
  recordCount: number;
}

const DELIMITERS = [',', '\t', ';'];
/** Newlines enough to hold the rows PapaParse's delimiter guess reads (its first 10, plus the one it looks past). */
const GUESS_LINES = 12;
const QUOTE_MESSAGE = '「"」で始まる値が閉じられていません。値の中の「"」は「""」と二重にしてください。';

/**
 * The delimiter PapaParse guesses for `text` split at `newline` (blank lines skipped greedily). Its
 * guess reads only the first 10 rows, but on quote-free text it splits the whole text once per
 * candidate: when the first lines hold no `"`, those rows are exactly the first lines, so guessing
 * on them gives the same answer without splitting 10⁵ lines three times.
 */
function guessDelimiter(text: string, newline: '\n' | '\r\n'): string {
  let end = -1;
  for (let n = 0; n < GUESS_LINES; n++) {
    const next = text.indexOf('\n', end + 1);
    if (next < 0) { end = -1; break; }
    end = next;
  }
  const head = end < 0 ? text : text.slice(0, end + 1);
  const sample = head.includes('"') ? text : head;
  const guessed = Papa.parse<string[]>(sample, { skipEmptyLines: 'greedy', delimitersToGuess: DELIMITERS, newline, preview: 1 });
  return guessed.meta.delimiter;
}

/** True when every line break of `text` is `\r\n` (and there is at least one `\r`). */
function onlyCrLf(text: string): boolean {
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 0x0d) return false;
    lf++;
  }
  let cr = 0;
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) cr++;
  return cr === lf && cr > 0;
}

/**
 * The text to parse and its newline. Line breaks are read as `\n` (`\r\n` and a lone `\r` become
 * `\n`, also inside quoted cells). A file whose breaks are all `\r\n` (Excel's) is parsed as it is,
 * with `\r\n` as the newline — the same rows and cells, once the few cells holding a break have it
 * written `\n` (`crlfCells`) — rather than copying the whole text to rewrite every break.
 */
function csvSource(text: string): { source: string; newline: '\n' | '\r\n'; crlfCells: boolean } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.indexOf('\r') < 0) return { source: src, newline: '\n', crlfCells: false };
  if (onlyCrLf(src)) return { source: src, newline: '\r\n', crlfCells: src.includes('"') };
  return { source: src.replace(/\r\n?/g, '\n'), newline: '\n', crlfCells: false };
}

/** True when every cell is blank (PapaParse's greedy empty-line test: the joined cells trim to ''). */
function isBlankRow(cells: readonly string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (cells[i].trim() !== '') return false;
  return true;
}

/**
 * Parses CSV (or tab-separated) text row by row, handing each accepted record to `onRecord` and
 * keeping none of them: a 10⁵-row 名簿 is never held as a table of string arrays. Same rules,
 * row numbers and errors as parseCsvTable.
 */
export function streamCsvRecords(text: string, file: string, onRecord: CsvRecordSink): CsvStreamResult {
  const { source, newline, crlfCells } = csvSource(text);
  if (source.trim() === '') {
    return { headers: [], recordCount: 0, errors: [{ file, row: 0, column: null, message: 'ファイルが空です。見出し行とデータ行のあるCSVを選んでください。' }] };
  }
  const quoteErrors: RowError[] = [];
  const headerErrors: RowError[] = [];
  const recordErrors: RowError[] = [];
  let headers: string[] | null = null;
  let rawRow = 0; // PapaParse's row index (blank lines included), which its quote errors name
  let dataRows = 0; // non-blank rows after the header
  let recordCount = 0;
  Papa.parse<string[]>(source, {
    delimiter: guessDelimiter(source, newline),
    newline,
    step: (result) => {
      const errs = result.errors;
      for (let e = 0; e < errs.length; e++) {
        if (errs[e].type === 'Quotes') quoteErrors.push({ file, row: rawRow, column: null, message: QUOTE_MESSAGE });
      }
      rawRow++;
      let cells = result.data;
      if (crlfCells) {
        for (let k = 0; k < cells.length; k++) if (cells[k].includes('\r')) cells[k] = cells[k].replace(/\r\n/g, '\n');
      }
      if (isBlankRow(cells)) return;
      if (headers === null) {
        headers = cells.map((h) => String(h).trim());
        return;
      }
      const hs = headers;
      if (dataRows === 0) {
        for (let i = 0; i < hs.length; i++) {
          const h = hs[i];
          if (h.length > 200) headerErrors.push({ file, row: 0, column: `${i + 1}列目`, message: `見出しが長すぎます（${h.length}文字）。1行目は列の見出しにしてください。` });
        }
      }
      const row = ++dataRows;
      if (cells.length > hs.length) {
        let extraBlank = true;
        for (let k = hs.length; k < cells.length; k++) if (cells[k].trim() !== '') { extraBlank = false; break; }
        if (extraBlank) cells = cells.slice(0, hs.length);
      }
      if (cells.length !== hs.length) {
        recordErrors.push({ file, row, column: null, message: `列の数が見出しと合いません（見出しは${hs.length}列、この行は${cells.length}列）。値の中のコンマは「"」で囲んでください。` });
        return;
      }
      let ok = true;
      for (let k = 0; k < cells.length; k++) {
        const c = cells[k];
        if (c.length > MAX_CELL_LENGTH) {
          ok = false;
          recordErrors.push({ file, row, column: hs[k] || `${k + 1}列目`, message: `値が長すぎます（${c.length.toLocaleString('ja-JP')}文字、上限${MAX_CELL_LENGTH.toLocaleString('ja-JP')}文字）。` });
        }
      }
      if (!ok) return;
      recordCount++;
      onRecord(row, cells, hs);
    },
  });
  const hs: string[] = headers ?? [];
  if (dataRows === 0) {
    quoteErrors.push({ file, row: 0, column: null, message: `見出し行だけで、データの行がありません（見出し: ${clipList(hs, 5)}）。` });
    return { headers: hs, recordCount: 0, errors: quoteErrors };
  }
  return { headers: hs, recordCount, errors: [...quoteErrors, ...headerErrors, ...recordErrors] };
}

/**
 * Parses CSV (or tab-separated) text. The first non-empty line is the header. Rows with more
 * cells than the header are accepted when the extra cells are empty (Excel's trailing commas).
 */
export function parseCsvTable(text: string, file: string): CsvTable {
  const records: CsvRecord[] = [];
  const { headers, errors } = streamCsvRecords(text, file, (row, cells) => { records.push({ row, cells }); });
  return { headers, records, errors };
}
