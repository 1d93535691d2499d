/**
 * Column mapping for CSV files that are not in the app's template layout (a city's welfare-system
 * export, a municipal shelter list): which header holds which template field, which cell words
 * mean which code (e.g. 移動「一部介助」→ 杖・歩行器), and a fixed value for a whole file. Pure:
 * the readers apply a mapping to the parsed table and then validate exactly as for the template.
 */
import { keysOf, recordOf, type ColumnBinding, type ColumnSpec } from './columns';
import type { CsvTable } from './csv';
import { normalizeHeader } from './normalize';

export type MappingKind = 'people' | 'supporters' | 'shelters';

/** What the user confirmed for one source (one header set). Plain data: stored in IndexedDB, posted to workers. */
export interface ColumnMapping {
  /** Template field → the file's header (as written) or its 0-based index. Fields left out are not in the file. */
  columns: Record<string, number | string>;
  /** Value field → (cell after valueKey) → code. */
  values?: Record<string, Record<string, string>>;
  /** Field → code used for every row when the file has no column for it (e.g. a shelter list's 種別). */
  fixed?: Record<string, string>;
}

/** A mapping to apply, or a function choosing one from the file's headers (e.g. a remembered one). */
export type MappingOption = ColumnMapping | ((headers: readonly string[]) => ColumnMapping | null);

export interface ValueChoice {
  code: string;
  label: string;
}

/** One template field as the mapping step knows it. */
export interface MappingField {
  key: string;
  /** Japanese label shown to the user. */
  label: string;
  required: boolean;
  /** Exact names (compared after normalizeHeader). */
  names: readonly string[];
  test?: (normalizedHeader: string) => boolean;
  /** Words that, contained in a header, suggest this field (the fuzzy guess). */
  hints: readonly string[];
  /** Headers matching this are never fuzzily guessed for this field (e.g. 要介護度 for 移動). */
  avoid?: RegExp;
  /** For value fields: the codes a cell may mean, with their template words. */
  choices?: readonly ValueChoice[];
  /** The user may choose one code for the whole file instead of a column. */
  fixable?: boolean;
  /** Headers (normalised) that could hold this field besides `names`; several such columns are never guessed (ColumnSpec.single). */
  single?: (normalizedHeader: string) => boolean;
}

/** A reader's fields plus how it reads value cells. */
export interface MappingTemplate {
  kind: MappingKind;
  fields: readonly MappingField[];
  /** Code of a value cell by the template's own words, or null when it does not read it. */
  matchValue(field: string, text: string): string | null;
  /** The field (名簿: 同意) whose value decides whether a row's other cells may be shown as samples. */
  consentField?: string;
  /** False for a value choice the reader never takes, even from a saved mapping (a 同意 value with a negation as 同意). */
  valueAllowed?(field: string, text: string, code: string): boolean;
}

/** The field list without functions, for the UI (posted from the worker). */
export interface MappingFieldInfo {
  key: string;
  label: string;
  required: boolean;
  choices?: readonly ValueChoice[];
  fixable?: boolean;
}

/** Per header of a file: the first records (cells cut to 40 characters, for sample values) and the distinct values (null when too many). */
export interface ColumnProfile {
  headers: string[];
  /** The first SAMPLE_ROWS records. Samples are taken from these by `columnSamples`, so that rows can be left out (people without 同意). */
  rows: string[][];
  distinct: (string[] | null)[];
}

/** A field with several columns that could hold it (e.g. 同意 and 同意の有無): the user must choose one. */
export interface FieldConflict {
  key: string;
  label: string;
  headers: string[];
}

/** Extra guessing knowledge for a field of a ColumnSpec record. */
export interface FieldExtras {
  names?: readonly string[];
  hints?: readonly string[];
  avoid?: RegExp;
  fixable?: boolean;
}

/** Builds the field list of a template from the reader's column specs (same keys, order and labels). */
export function fieldsFromSpecs(
  specs: Record<string, ColumnSpec>,
  extras: Record<string, FieldExtras> = {},
  choices: Record<string, Record<string, string>> = {},
): MappingField[] {
  return Object.entries(specs).map(([key, spec]) => {
    const x = extras[key] ?? {};
    const labels = choices[key];
    return {
      key,
      label: spec.label,
      required: !!spec.required,
      names: [spec.label, ...spec.names, ...(x.names ?? [])],
      test: spec.test,
      hints: x.hints ?? [],
      avoid: x.avoid,
      choices: labels ? Object.entries(labels).map(([code, label]) => ({ code, label })) : undefined,
      fixable: x.fixable,
      single: spec.single,
    };
  });
}

/** The UI's view of a template's fields. */
export function fieldInfos(template: MappingTemplate): MappingFieldInfo[] {
  return template.fields.map((f) => ({ key: f.key, label: f.label, required: f.required, choices: f.choices, fixable: f.fixable }));
}

/** The source signature: kind + the sorted, normalised header list (column order does not matter). */
export function mappingSignature(kind: MappingKind, headers: readonly string[]): string {
  return `${kind}:${JSON.stringify([...headers].map(normalizeHeader).sort())}`;
}

/** The key of a value cell in `ColumnMapping.values`: NFKC, no spaces. */
export function valueKey(cell: string): string {
  return String(cell ?? '').normalize('NFKC').replace(/\s+/g, '');
}

const MAX_SAMPLES = 3;
/** Records kept for sample values. */
const SAMPLE_ROWS = 100;
/** Characters kept of a sample cell. */
const SAMPLE_CHARS = 40;

/**
 * The first (up to 3) non-empty values per header among the profile's rows that `keep` accepts
 * (all when not given): the mapper's 例 for each column.
 */
export function columnSamples(profile: Pick<ColumnProfile, 'headers' | 'rows'>, keep?: (row: readonly string[]) => boolean): string[][] {
  const out: string[][] = profile.headers.map(() => []);
  for (const row of profile.rows) {
    if (keep && !keep(row)) continue;
    row.forEach((cell, i) => {
      if (i < out.length && out[i].length < MAX_SAMPLES && cell !== '') out[i].push(cell);
    });
  }
  return out;
}

/**
 * Sample rows and distinct values (≤ maxDistinct per column, else null) of records fed one at a
 * time (a streamed 名簿 is never held as a table). No normalising per cell: 名簿 can have 10⁵ rows;
 * a column stops being tracked once it has too many different cells, and once every column is
 * settled further records are ignored.
 */
export class ColumnProfiler {
  private readonly rows: string[][] = [];
  private readonly raws: (Set<string> | null)[];
  private readonly rawLimit: number;
  private done = false;

  constructor(private readonly headers: readonly string[], private readonly maxDistinct = 30) {
    this.raws = headers.map(() => new Set<string>());
    this.rawLimit = maxDistinct * 3; // spelling variants (full/half width, spaces) of the same values
  }

  /** True once no further record can change the profile. */
  get settled(): boolean {
    return this.done;
  }

  add(cells: readonly string[]): void {
    if (this.done) return;
    const { rows, raws } = this;
    const n = this.headers.length;
    if (rows.length < SAMPLE_ROWS) rows.push(Array.from({ length: n }, (_, i) => (cells[i] ?? '').trim().slice(0, SAMPLE_CHARS)));
    let open = false;
    for (let i = 0; i < n; i++) {
      const cell = cells[i] ?? '';
      const set = raws[i];
      if (!set) continue;
      open = true;
      if (cell !== '') set.add(cell);
      if (set.size > this.rawLimit) raws[i] = null;
    }
    if (!open && rows.length >= SAMPLE_ROWS) this.done = true;
  }

  result(): ColumnProfile {
    const distinct = this.raws.map((set) => {
      if (!set) return null;
      const keys = [...new Set([...set].map(valueKey).filter((k) => k !== ''))];
      return keys.length > this.maxDistinct ? null : keys;
    });
    return { headers: [...this.headers], rows: this.rows, distinct };
  }
}

/**
 * Samples and distinct values (≤ maxDistinct per column, else null) of a parsed table. One pass
 * over the raw cells (no normalising per cell: 名簿 can have 10⁵ rows); a column stops being
 * tracked once it has too many different cells.
 */
export function profileColumns(table: CsvTable, maxDistinct = 30): ColumnProfile {
  const profiler = new ColumnProfiler(table.headers, maxDistinct);
  for (const { cells } of table.records) {
    profiler.add(cells);
    if (profiler.settled) break;
  }
  return profiler.result();
}

const PARENS = /[(（\[【<〈].*?[)）\]】>〉]/g;

/** How well a header (normalised) fits a field: 100 exact, 90 test, 80 exact without brackets, 40–70 contains, 0 none. */
function fit(field: MappingField, h: string, names: string[], hints: string[]): number {
  if (names.includes(h)) return 100;
  if (field.test?.(h)) return 90;
  const bare = h.replace(PARENS, '');
  if (bare && names.includes(bare)) return 80;
  if (field.avoid?.test(h)) return 0;
  let best = 0;
  for (const w of hints) {
    if (w.length < 2) continue;
    if (h.includes(w)) best = Math.max(best, 50 + Math.min(w.length, 20));
    else if (bare.length >= 2 && w.includes(bare)) best = Math.max(best, 40 + Math.min(bare.length, 20));
  }
  return best;
}

/** Fields with `single` that several of the headers could hold: never guessed, the user chooses. */
export function fieldConflicts(template: MappingTemplate, headers: readonly string[]): FieldConflict[] {
  const norm = headers.map(normalizeHeader);
  const out: FieldConflict[] = [];
  for (const field of template.fields) {
    if (!field.single) continue;
    const names = field.names.map(normalizeHeader);
    const candidates = headers.filter((_, i) => names.includes(norm[i]) || field.single!(norm[i]));
    if (candidates.length > 1) out.push({ key: field.key, label: field.label, headers: candidates });
  }
  return out;
}

/**
 * Best-guess header index per field (-1 when none): exact/variant names first, then contains, each
 * header used once; a field with several candidate columns (fieldConflicts) is left unguessed.
 */
export function guessColumns(template: MappingTemplate, headers: readonly string[]): Record<string, number> {
  const norm = headers.map(normalizeHeader);
  const pairs: { f: number; i: number; score: number }[] = [];
  const conflicts = fieldConflicts(template, headers);
  const conflicted = new Set(conflicts.map((c) => c.key));
  const undecided = new Set(conflicts.flatMap((c) => c.headers));
  template.fields.forEach((field, f) => {
    if (conflicted.has(field.key)) return;
    const names = field.names.map(normalizeHeader);
    const hints = [...field.names, ...field.hints].map(normalizeHeader);
    norm.forEach((h, i) => {
      if (undecided.has(headers[i])) return;
      const score = fit(field, h, names, hints);
      if (score > 0) pairs.push({ f, i, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || a.f - b.f || a.i - b.i);
  const out: Record<string, number> = {};
  for (const field of template.fields) out[field.key] = -1;
  const used = new Set<number>();
  for (const { f, i } of pairs) {
    const key = template.fields[f].key;
    if (out[key] >= 0 || used.has(i)) continue;
    out[key] = i;
    used.add(i);
  }
  return out;
}

/** For each distinct value: the code the template's words give it, or null (the user chooses). */
export function guessValues(template: MappingTemplate, field: string, distinct: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const v of distinct) out[v] = template.matchValue(field, v);
  return out;
}

/** A complete first guess: columns by name, and value words the template already reads. */
export function guessMapping(template: MappingTemplate, profile: ColumnProfile): ColumnMapping {
  const idx = guessColumns(template, profile.headers);
  const columns: Record<string, string> = {};
  const values: Record<string, Record<string, string>> = {};
  for (const field of template.fields) {
    const i = idx[field.key];
    if (i < 0) continue;
    columns[field.key] = profile.headers[i];
    const distinct = profile.distinct[i];
    if (field.choices && distinct) {
      const known: Record<string, string> = {};
      for (const [v, code] of Object.entries(guessValues(template, field.key, distinct))) if (code) known[v] = code;
      values[field.key] = known;
    }
  }
  return { columns, values };
}

/** True when some distinct value of a value field's column is neither read by the template nor mapped. */
export function unmappedValues(template: MappingTemplate, field: string, distinct: readonly string[] | null, mapping?: ColumnMapping): string[] {
  if (!distinct) return [];
  const chosen = mapping?.values?.[field] ?? {};
  return distinct.filter((v) => !chosen[v] && template.matchValue(field, v) === null);
}

/** Resolves a MappingOption for a file's headers. */
export function resolveMapping(option: MappingOption | undefined, headers: readonly string[]): ColumnMapping | null {
  if (!option) return null;
  return typeof option === 'function' ? option(headers) : option;
}

/** Index of a mapped column in `headers`: the index itself, or the header (exact, then normalised) — -1 when absent. */
function columnIndex(headers: readonly string[], col: number | string | undefined): number {
  if (typeof col === 'number') return Number.isInteger(col) && col >= 0 && col < headers.length ? col : -1;
  if (!col) return -1;
  const exact = headers.indexOf(col);
  if (exact >= 0) return exact;
  const n = normalizeHeader(col);
  return headers.findIndex((h) => normalizeHeader(h) === n);
}

/** A mapping prepared for a file's headers: how to bind, and how to rewrite each record (null when records stay as they are). */
export interface PreparedMapping<K extends string> {
  headers: string[];
  binding: ColumnBinding<K>;
  index: Record<string, number>;
  missing: MappingField[];
  rewrite: ((cells: readonly string[]) => string[]) | null;
}

/**
 * Prepares a mapping for a reader, once per file: the binding of each spec key (and `index` of
 * every mapped field, e.g. hazard flags that are not specs), value words rewritten to the
 * template's word for the chosen code (`cellText`), and fixed values as extra columns named
 * 「<label>（ファイル全体）」. Header names stay the file's, so errors name the file's columns.
 */
export function prepareMapping<K extends string>(
  fileHeaders: readonly string[],
  specs: Record<K, ColumnSpec>,
  template: MappingTemplate,
  mapping: ColumnMapping,
  cellText: (field: string, code: string) => string,
): PreparedMapping<K> {
  const headers = [...fileHeaders];
  const index: Record<string, number> = {};
  for (const field of template.fields) index[field.key] = columnIndex(fileHeaders, mapping.columns[field.key]);
  const fixed: { i: number; text: string }[] = [];
  for (const field of template.fields) {
    const code = mapping.fixed?.[field.key];
    if (index[field.key] >= 0 || !code) continue;
    headers.push(`${field.label}（ファイル全体）`);
    index[field.key] = headers.length - 1;
    fixed.push({ i: headers.length - 1, text: cellText(field.key, code) });
  }
  const rewrites: { i: number; map: Map<string, string> }[] = [];
  for (const field of template.fields) {
    const words = mapping.values?.[field.key];
    const i = index[field.key];
    if (!words || i < 0 || i >= fileHeaders.length) continue;
    const map = new Map<string, string>();
    // A value the reader already reads as the chosen code stays as written (「同意（R6.4.1）」 keeps its date).
    for (const [v, code] of Object.entries(words)) {
      if (code && template.valueAllowed?.(field.key, v, code) !== false && template.matchValue(field.key, v) !== code) map.set(v, cellText(field.key, code));
    }
    if (map.size) rewrites.push({ i, map });
  }
  const rewrite = fixed.length || rewrites.length
    ? (cells: readonly string[]): string[] => {
        const out = cells.slice();
        for (const { i, map } of rewrites) {
          const t = map.get(valueKey(out[i] ?? ''));
          if (t !== undefined) out[i] = t;
        }
        for (const { text } of fixed) out.push(text);
        return out;
      }
    : null;
  const binding: ColumnBinding<K> = recordOf(keysOf(specs), (key) => index[key] ?? -1);
  const missing = template.fields.filter((f) => f.required && index[f.key] < 0);
  return { headers, binding, index, missing, rewrite };
}

/** Applies a mapping to a parsed table for a reader (see prepareMapping). */
export function applyMapping<K extends string>(
  table: CsvTable,
  specs: Record<K, ColumnSpec>,
  template: MappingTemplate,
  mapping: ColumnMapping,
  cellText: (field: string, code: string) => string,
): { table: CsvTable; binding: ColumnBinding<K>; index: Record<string, number>; missing: MappingField[] } {
  const { headers, binding, index, missing, rewrite } = prepareMapping(table.headers, specs, template, mapping, cellText);
  const records = rewrite ? table.records.map(({ row, cells }) => ({ row, cells: rewrite(cells) })) : table.records;
  return { table: { headers, records, errors: table.errors }, binding, index, missing };
}

/** The file-level error for required fields the mapping leaves without a column. */
export function missingFieldsMessage(missing: readonly MappingField[]): string {
  return `列の対応付けで「${missing.map((f) => f.label).join('」「')}」に対応する列が選ばれていません。`;
}
