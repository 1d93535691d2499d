import { quoteValue } from './quote';

/** A problem found while reading a file, with a Japanese message saying what was expected. */
export interface RowError {
  file: string;
  /**
   * 1-based data row: the N-th record after the header line for CSV (a record may span
   * several physical lines when a quoted cell holds a newline), feature index + 1 for GeoJSON.
   * 0 means the file as a whole (encoding, header, structure).
   */
  row: number;
  /** Column header as written in the file (or a GeoJSON member such as `geometry`); null for the whole row/file. */
  column: string | null;
  message: string;
}

/** One line of Japanese text naming file, row and column, e.g. 「a.csv 3行目「緯度」: …」. */
export function formatRowError(e: RowError): string {
  const where = e.row > 0 ? ` ${e.row}行目（見出しを除く）` : '';
  const column = e.column ? ` ${quoteValue(e.column)}列` : '';
  return `${e.file}${where}${column}: ${e.message}`;
}

/** Result of reading one file: records plus every problem found. Records are only usable when `errors` is empty. */
export interface ReadResult<T> {
  records: T[];
  errors: RowError[];
}

/** All-or-nothing: the records when there are no errors, otherwise none. */
export function allOrNothing<T>(r: ReadResult<T>): ReadResult<T> {
  return r.errors.length ? { records: [], errors: r.errors } : r;
}
