import type { RowError } from '../io/rowError';
import type { Person } from '../core/person';
import type { Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';

/** What the user is importing. */
export type ImportKind = 'shelters' | 'people' | 'supporters';

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  shelters: '避難所・避難場所（国土地理院データ、標準オープンデータ）',
  people: '避難行動要支援者名簿（テンプレートCSV）',
  supporters: '避難支援等実施者（テンプレートCSV）',
};

export interface ImportRequest {
  id: number;
  kind: ImportKind;
  files: { name: string; bytes: ArrayBuffer }[];
}

/** Everything the import screen shows before the user commits. */
export interface ImportPreview {
  kind: ImportKind;
  /** Per file: detected format and encoding, rows seen. */
  files: { name: string; format: string; encoding: string; rowCount: number }[];
  rowCount: number;
  /** Rows read without error, even when other rows failed (for shelters: none when a file has any error). */
  records: Person[] | Supporter[] | Shelter[];
  errors: RowError[];
}

export type ImportResponse =
  | { id: number; type: 'progress'; stage: string; done: number; total: number }
  | { id: number; type: 'result'; preview: ImportPreview }
  | { id: number; type: 'failed'; message: string };
