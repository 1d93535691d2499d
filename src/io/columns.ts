/**
 * Binding CSV columns to fields by header name (never by position), tolerant of reordering,
 * missing optional columns, full-width/half-width differences, spaces and known variant spellings.
 */
import { normalizeHeader } from './normalize';

/** How to recognise one field's column: exact names (compared after normalizeHeader) or a test. */
export interface ColumnSpec {
  names: readonly string[];
  /** Extra test on the normalised header, for families of spellings. */
  test?: (normalizedHeader: string) => boolean;
  required?: boolean;
  /** Japanese label used in messages. */
  label: string;
}

export type ColumnBinding<K extends string> = Record<K, number>;

/** Binds each field to the index of its column (-1 when absent); exact names win over tests, first match wins. */
export function bindColumns<K extends string>(headers: readonly string[], specs: Record<K, ColumnSpec>): { binding: ColumnBinding<K>; missing: K[] } {
  const norm = headers.map(normalizeHeader);
  const used = new Set<number>();
  const binding = {} as ColumnBinding<K>;
  const keys = Object.keys(specs) as K[];
  for (const key of keys) {
    const names = specs[key].names.map(normalizeHeader);
    const i = norm.findIndex((h, idx) => !used.has(idx) && names.includes(h));
    binding[key] = i;
    if (i >= 0) used.add(i);
  }
  for (const key of keys) {
    const test = specs[key].test;
    if (binding[key] >= 0 || !test) continue;
    const i = norm.findIndex((h, idx) => !used.has(idx) && test(h));
    binding[key] = i;
    if (i >= 0) used.add(i);
  }
  const missing = keys.filter((k) => specs[k].required && binding[k] < 0);
  return { binding, missing };
}

/** The cell of `key` in a record, or '' when the column is absent. */
export function cellOf<K extends string>(cells: readonly string[], binding: ColumnBinding<K>, key: K): string {
  const i = binding[key];
  return i >= 0 ? (cells[i] ?? '') : '';
}

/** The header text as written in the file for `key`, falling back to the spec label. */
export function headerOf<K extends string>(headers: readonly string[], binding: ColumnBinding<K>, specs: Record<K, ColumnSpec>, key: K): string {
  const i = binding[key];
  return i >= 0 ? headers[i] : specs[key].label;
}
