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
  /**
   * Headers (normalised) that could all hold this field, when taking the wrong one is a hazard
   * (two 同意 columns): a file with more than one of them does not bind — the user chooses.
   */
  single?: (normalizedHeader: string) => boolean;
  /** Japanese label used in messages. */
  label: string;
}

export type ColumnBinding<K extends string> = Record<K, number>;

/** The own keys of a record whose keys are `K` (a field table, a header table). */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): K[] {
  return Object.keys(record).filter((k): k is K => Object.hasOwn(record, k));
}

/** A record holding `value(key)` for every key of `keys`: the one place such a record is built. */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K) => V): Record<K, V> {
  const out: Partial<Record<K, V>> = {};
  for (const key of keys) out[key] = value(key);
  // Every key of `keys` was set just above.
  return out as Record<K, V>;
}

/** Several columns that could be one `single` field: the field and their headers as written. */
export interface ColumnConflict<K extends string> {
  key: K;
  headers: string[];
}

/**
 * Binds each field to the index of its column (-1 when absent); exact names win over tests, first
 * match wins — except for `single` fields, which are listed in `conflicts` instead when several
 * columns could be them.
 */
export function bindColumns<K extends string>(headers: readonly string[], specs: Record<K, ColumnSpec>): { binding: ColumnBinding<K>; missing: K[]; conflicts: ColumnConflict<K>[] } {
  const norm = headers.map(normalizeHeader);
  const used = new Set<number>();
  const keys = keysOf(specs);
  const binding: ColumnBinding<K> = recordOf(keys, (key) => {
    const names = specs[key].names.map(normalizeHeader);
    const i = norm.findIndex((h, idx) => !used.has(idx) && names.includes(h));
    if (i >= 0) used.add(i);
    return i;
  });
  for (const key of keys) {
    const test = specs[key].test;
    if (binding[key] >= 0 || !test) continue;
    const i = norm.findIndex((h, idx) => !used.has(idx) && test(h));
    binding[key] = i;
    if (i >= 0) used.add(i);
  }
  const missing = keys.filter((k) => specs[k].required && binding[k] < 0);
  const conflicts: ColumnConflict<K>[] = [];
  for (const key of keys) {
    const single = specs[key].single;
    if (!single) continue;
    const names = specs[key].names.map(normalizeHeader);
    const candidates = headers.filter((_, i) => names.includes(norm[i]) || single(norm[i]));
    if (candidates.length > 1) conflicts.push({ key, headers: candidates });
  }
  return { binding, missing, conflicts };
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
