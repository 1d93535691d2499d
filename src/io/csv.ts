/**
 * CSV text → header + records, with PapaParse (quoted commas and newlines work; lines are never
 * split by hand). Reports, in Japanese, empty files, header-only files, unterminated quotes,
 * rows whose number of cells differs from the header, and oversized cells.
 */
import Papa from 'papaparse';
import type { RowError } from './rowError';

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

/**
 * Parses CSV (or tab-separated) text. The first non-empty line is the header. Rows with more
 * cells than the header are accepted when the extra cells are empty (Excel's trailing commas).
 */
export function parseCsvTable(text: string, file: string): CsvTable {
  const errors: RowError[] = [];
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (clean.trim() === '') {
    return { headers: [], records: [], errors: [{ file, row: 0, column: null, message: 'ファイルが空です。見出し行とデータ行のあるCSVを選んでください。' }] };
  }
  const parsed = Papa.parse<string[]>(clean, { skipEmptyLines: 'greedy', delimitersToGuess: [',', '\t', ';'] });
  const data = parsed.data;
  for (const err of parsed.errors) {
    if (err.type === 'Quotes') {
      const row = typeof err.row === 'number' ? err.row : 0;
      errors.push({ file, row, column: null, message: '「"」で始まる値が閉じられていません。値の中の「"」は「""」と二重にしてください。' });
    }
  }
  const headers = (data[0] ?? []).map((h) => String(h).trim());
  if (data.length < 2) {
    errors.push({ file, row: 0, column: null, message: `見出し行だけで、データの行がありません（見出し: ${headers.slice(0, 5).join('、')}${headers.length > 5 ? '…' : ''}）。` });
    return { headers, records: [], errors };
  }
  headers.forEach((h, i) => {
    if (h.length > 200) errors.push({ file, row: 0, column: `${i + 1}列目`, message: `見出しが長すぎます（${h.length}文字）。1行目は列の見出しにしてください。` });
  });
  const records: CsvRecord[] = [];
  for (let i = 1; i < data.length; i++) {
    const row = i;
    let cells = data[i];
    if (cells.length > headers.length && cells.slice(headers.length).every((c) => c.trim() === '')) cells = cells.slice(0, headers.length);
    if (cells.length !== headers.length) {
      errors.push({ file, row, column: null, message: `列の数が見出しと合いません（見出しは${headers.length}列、この行は${cells.length}列）。値の中のコンマは「"」で囲んでください。` });
      continue;
    }
    let ok = true;
    cells.forEach((c, k) => {
      if (c.length > MAX_CELL_LENGTH) {
        ok = false;
        errors.push({ file, row, column: headers[k] || `${k + 1}列目`, message: `値が長すぎます（${c.length.toLocaleString('ja-JP')}文字、上限${MAX_CELL_LENGTH.toLocaleString('ja-JP')}文字）。` });
      }
    });
    if (ok) records.push({ row, cells });
  }
  return { headers, records, errors };
}
