/**
 * Shared pieces of the 名簿 (people) and supporter CSV readers: decoding and streaming the rows
 * (column binding by template or mapping), Japanese label → code lookup, location columns
 * (緯度/経度 or 平面直角座標 X/Y + 系番号), formula-like cell checks, duplicate IDs.
 */
import { hasNegation } from '../core/consentWord';
import type { LocationSource, PlacedLocation } from '../core/person';
import type { FieldError } from '../core/validation';
import { ColumnProfiler, missingFieldsMessage, prepareMapping, resolveMapping, type ColumnProfile, type MappingOption, type MappingTemplate } from './columnMapping';
import { bindColumns, cellOf, type ColumnBinding, type ColumnSpec } from './columns';
import { streamCsvRecords } from './csv';
import { decodeBytes, type TextEncodingName } from './encoding';
import { parsePlaneZone, planeToLngLat, readLatLng, japanLocationProblem, type PlaneDatum } from './coordinates';
import { isInJapan } from '../core/geo';
import { looksLikeFormula, mayStartFormula, normalizeCodeText, parseDecimal, plainDecimalValue } from './normalize';
import type { ReadResult, RowError } from './rowError';
import { clipList, quoteValue } from './quote';

/**
 * One code and the words (after NFKC, spaces removed) that mean it; first exact match, then first
 * prefix match wins — unless the rest of the cell has a negation (「人工呼吸器なし」「自立歩行不可」
 * are not 人工呼吸器 / 自立: they do not read, and the user sees them).
 */
export type LabelTable<T extends string> = readonly (readonly [T, readonly string[]])[];

/**
 * A label table prepared once: NFKC words, exact lookup, and per-cell results (a 名簿 has few
 * distinct label cells). Codes are held as row indices of the table (-1: no code), so one cache
 * serves tables of every code type.
 */
interface CompiledTable {
  /** NFKC word → the first row listing it. */
  exact: Map<string, number>;
  /** Each row's words, NFKC. */
  words: readonly (readonly string[])[];
  /** Cell → row (-1: none). */
  results: Map<string, number>;
  /** Cell → rows and unknown words, as matchLabelList reads it. */
  lists: Map<string, { rows: number[]; unknown: string[] }>;
}

const compiled = new WeakMap<LabelTable<string>, CompiledTable>();
/** Most distinct cells remembered per table (beyond this, lookups still work, uncached). */
const MAX_CACHED_CELLS = 4096;

function compile(table: LabelTable<string>): CompiledTable {
  let c = compiled.get(table);
  if (!c) {
    const words = table.map(([, w]) => w.map((x) => x.normalize('NFKC')));
    const exact = new Map<string, number>();
    words.forEach((ws, row) => {
      for (const w of ws) if (!exact.has(w)) exact.set(w, row);
    });
    c = { exact, words, results: new Map(), lists: new Map() };
    compiled.set(table, c);
  }
  return c;
}

/** The row of `table` a cell reads as, or -1 (see matchLabel). */
function matchRow(cell: string, table: LabelTable<string>): number {
  const raw = String(cell ?? '');
  const c = compile(table);
  const cached = c.results.get(raw);
  if (cached !== undefined) return cached;
  const s = raw.normalize('NFKC').replace(/[\s]/g, '');
  if (s === '') return remember(c.results, raw, -1);
  const hit = c.exact.get(s);
  if (hit !== undefined) return remember(c.results, raw, hit);
  const row = c.words.findIndex((words) => words.some((w) => s.startsWith(w) && !hasNegation(s.slice(w.length))));
  return remember(c.results, raw, row);
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size < MAX_CACHED_CELLS) cache.set(key, value);
  return value;
}

/** Code for a Japanese label cell, or null when no word matches. */
export function matchLabel<T extends string>(cell: string, table: LabelTable<T>): T | null {
  const row = matchRow(cell, table);
  return row < 0 ? null : table[row][0];
}

/**
 * A reader of one label column for one file: matchLabel, with `blank` for cells that normalise to ''
 * (when given), remembered per distinct cell — a 名簿 column such as 性別 or 移動 has a handful.
 */
export function labelReader<T extends string>(table: LabelTable<T>, blank: T | null = null): (cell: string) => T | null {
  const memo = new Map<string, T | null>();
  return (cell) => {
    // An empty cell (or an absent column) is `blank`: matchLabel reads '' as no word (null).
    if (cell.length === 0) return blank;
    let v = memo.get(cell);
    if (v === undefined) {
      v = blank !== null && normalizeCodeText(cell) === '' ? blank : matchLabel(cell, table);
      if (memo.size < MAX_CACHED_CELLS) memo.set(cell, v);
    }
    return v;
  };
}

const DEFAULT_NONE: readonly string[] = ['なし', '無', '無し', '-', 'ー', '特になし'];

/** Codes for a cell listing several labels separated by 、・,，/／;； or spaces; unknown words are returned separately. */
export function matchLabelList<T extends string>(cell: string, table: LabelTable<T>, none: readonly string[] = DEFAULT_NONE): { codes: T[]; unknown: string[] } {
  const raw = String(cell ?? '');
  if (raw === '') return { codes: [], unknown: [] };
  const lists = none === DEFAULT_NONE ? compile(table).lists : null;
  const cached = lists?.get(raw);
  if (cached) return { codes: cached.rows.map((row) => table[row][0]), unknown: [...cached.unknown] };
  const parts = raw.normalize('NFKC').split(/[、・,，/／;；\s]+/).map((p) => p.trim()).filter(Boolean);
  const rows: number[] = [];
  const codes: T[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    if (none.includes(p)) continue;
    const row = matchRow(p, table);
    if (row < 0) unknown.push(p);
    else if (!codes.includes(table[row][0])) {
      rows.push(row);
      codes.push(table[row][0]);
    }
  }
  if (lists) remember(lists, raw, { rows, unknown: [...unknown] });
  return { codes, unknown };
}

/** A cell's codes and unknown words, as matchLabelList reads them; shared between rows and frozen. */
export interface LabelList<T extends string> {
  readonly codes: readonly T[];
  readonly unknown: readonly string[];
}

/**
 * A reader of one label-list column (医療, 意思疎通, 情報提供先) for one file: matchLabelList with the
 * default 「なし」 words, one frozen result per distinct cell (a 名簿 has a handful) — no arrays per
 * row. Records may keep `codes` as their list (shared and frozen: a list is replaced, never changed in place).
 */
export function labelListReader<T extends string>(table: LabelTable<T>): (cell: string) => LabelList<T> {
  const memo = new Map<string, LabelList<T>>();
  return (cell) => {
    if (cell.length === 0) return EMPTY_LIST;
    let v = memo.get(cell);
    if (v === undefined) {
      const read = matchLabelList(cell, table);
      v = Object.freeze({ codes: Object.freeze(read.codes), unknown: Object.freeze(read.unknown) });
      if (memo.size < MAX_CACHED_CELLS) memo.set(cell, v);
    }
    return v;
  };
}

/**
 * A cell's codes as a record's list field (Person.medical…): the frozen array is shared by every
 * row with that cell — three arrays fewer per person. Records' lists are replaced, never changed in
 * place, so the mutable type the record declares is never used to write into it.
 */
export function sharedCodes<T extends string>(list: LabelList<T>): T[] {
  return list.codes as T[];
}

/** What matchLabelList reads in an empty cell. */
const EMPTY_LIST: LabelList<never> = Object.freeze({ codes: Object.freeze([]), unknown: Object.freeze([]) });

/**
 * `s.trim()`, without the call when both ends are plainly not white space (printable ASCII, or
 * U+3001–U+FEFE: kana, kanji, full-width forms) — most cells; this runs per row and column.
 */
export function trimCell(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0), z = s.charCodeAt(n - 1);
  return ((a > 0x20 && a < 0x7f) || (a > 0x3000 && a < 0xfeff)) && ((z > 0x20 && z < 0x7f) || (z > 0x3000 && z < 0xfeff)) ? s : s.trim();
}

/**
 * Keeps one copy of each distinct cell text of a column whose values repeat (地区, 事由…): records
 * then share the string instead of each keeping the copy the CSV parser made (less for the garbage
 * collector to move). Returns the text itself; beyond `MAX_CACHED_CELLS` distinct values, passes through.
 */
export function cellInterner(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    if (text.length === 0) return text;
    const kept = seen.get(text);
    if (kept !== undefined) return kept;
    if (seen.size < MAX_CACHED_CELLS) seen.set(text, text);
    return text;
  };
}

/** Location columns shared by both templates. */
export const LOCATION_COLUMNS = {
  lat: { names: ['緯度', 'lat', 'latitude'], label: '緯度' },
  lng: { names: ['経度', 'lon', 'lng', 'longitude'], label: '経度' },
  planeX: { names: ['X座標', 'X', '平面直角座標X', 'X(m)'], label: 'X座標' },
  planeY: { names: ['Y座標', 'Y', '平面直角座標Y', 'Y(m)'], label: 'Y座標' },
  zone: { names: ['系番号', '座標系番号', '座標系', '平面直角座標系', '系'], label: '系番号' },
  datum: { names: ['測地系', '測地成果'], label: '測地系' },
} satisfies Record<string, ColumnSpec>;
type LocKey = keyof typeof LOCATION_COLUMNS;

/** A column problem for one row: the field key (mapped to the header later) and a Japanese message. */
export interface CellProblem<K extends string> {
  key: K | null;
  message: string;
}

const NO_PROBLEMS: readonly CellProblem<never>[] = Object.freeze([]);

/** isInJapan without the array. */
function isInJapanLngLat(lng: number, lat: number): boolean {
  lngLat[0] = lng;
  lngLat[1] = lat;
  return isInJapan(lngLat);
}
const lngLat: [number, number] = [0, 0];

function placeAt(lng: number, lat: number, at: string, source: LocationSource): PlacedLocation {
  return { lng, lat, source, at };
}

/**
 * Reads the location of one row: 緯度/経度 when filled, else 平面直角座標 (X northing, Y easting in
 * metres) with 系番号 and optional 測地系 (JGD2011 default; 日本測地系/Tokyo; JGD2000). Returns
 * null when no location is written; `at` is the import time (ISO 8601).
 */
export function readRowLocation(cells: readonly string[], b: ColumnBinding<LocKey>, at: string): RowLocation {
  return plainRowLocation(cellOf(cells, b, 'lat'), cellOf(cells, b, 'lng'), at) ?? anyRowLocation(cells, b, at);
}

/** A row's location and the problems with it (see readRowLocation). */
export interface RowLocation {
  value: PlacedLocation | null;
  problems: readonly CellProblem<LocKey>[];
}

/** readRowLocation for every row of one file, with the column indices looked up once. */
export function locationReader(b: ColumnBinding<LocKey>, at: string): (cells: readonly string[]) => RowLocation {
  const iLat = b.lat, iLng = b.lng;
  return (cells) => plainRowLocation(iLat >= 0 ? (cells[iLat] ?? '') : '', iLng >= 0 ? (cells[iLng] ?? '') : '', at) ?? anyRowLocation(cells, b, at);
}

/** The common case, kept small (it runs per row): two plain decimals in Japan, read exactly as readLatLng reads them; else null. */
function plainRowLocation(latCell: string, lngCell: string, at: string): RowLocation | null {
  const lat = plainDecimalValue(latCell), lng = plainDecimalValue(lngCell);
  if (lat === undefined || lng === undefined || !isInJapanLngLat(lng, lat)) return null;
  return { value: placeAt(lng, lat, at, 'coordinates'), problems: NO_PROBLEMS };
}

/** readRowLocation for any row (the general path). */
function anyRowLocation(cells: readonly string[], b: ColumnBinding<LocKey>, at: string): RowLocation {
  // No per-row closures: this runs for every row of 10⁵-row files.
  const latCell = cellOf(cells, b, 'lat'), lngCell = cellOf(cells, b, 'lng');
  if (normalizeCodeText(latCell) || normalizeCodeText(lngCell) || !(normalizeCodeText(cellOf(cells, b, 'planeX')) || normalizeCodeText(cellOf(cells, b, 'planeY')))) {
    const ll = readLatLng(latCell, lngCell);
    if (!ll.ok) return { value: null, problems: [{ key: ll.column === 'lng' ? 'lng' : 'lat', message: ll.message }] };
    return { value: ll.value ? placeAt(ll.value[0], ll.value[1], at, 'coordinates') : null, problems: [] };
  }
  const problems: CellProblem<LocKey>[] = [];
  const x = parseDecimal(cellOf(cells, b, 'planeX'));
  const y = parseDecimal(cellOf(cells, b, 'planeY'));
  if (x === null || Number.isNaN(x)) problems.push({ key: 'planeX', message: `X座標${quoteValue(cellOf(cells, b, 'planeX'))}は数値（メートル、北向きが正）で入力してください。` });
  if (y === null || Number.isNaN(y)) problems.push({ key: 'planeY', message: `Y座標${quoteValue(cellOf(cells, b, 'planeY'))}は数値（メートル、東向きが正）で入力してください。` });
  const zone = parsePlaneZone(cellOf(cells, b, 'zone'));
  if (!zone.ok) problems.push({ key: 'zone', message: b.zone < 0 ? 'X座標・Y座標を使うには「系番号」列（1〜19またはI〜XIX）が必要です。' : zone.message });
  const datumText = normalizeCodeText(cellOf(cells, b, 'datum')).toUpperCase();
  let datum: PlaneDatum = 'JGD2011';
  if (/2000/.test(datumText)) datum = 'JGD2000';
  else if (/日本測地系|旧|TOKYO|東京/.test(datumText)) datum = 'Tokyo';
  else if (datumText && !/2011|JGD|世界測地系/.test(datumText)) problems.push({ key: 'datum', message: `測地系${quoteValue(cellOf(cells, b, 'datum'))}が読めません（「JGD2011」「JGD2000」「日本測地系」のいずれか）。` });
  if (problems.length || x === null || y === null || !zone.ok) return { value: null, problems };
  const degreeLike = (a: number, b: number) => a >= 20 && a <= 46 && b >= 122 && b <= 154;
  if (degreeLike(x, y) || degreeLike(y, x)) {
    return { value: null, problems: [{ key: 'planeX', message: `X座標・Y座標（${x}, ${y}）が緯度・経度の値のようです。緯度・経度なら「緯度」「経度」列に入れてください。X・Yはメートル単位の平面直角座標です。` }] };
  }
  if (Math.abs(x) > 1_000_000 || Math.abs(y) > 1_000_000) {
    return { value: null, problems: [{ key: 'planeX', message: `X座標・Y座標（${x}, ${y}）が大きすぎます。平面直角座標はメートル単位で、原点から数百km以内です。` }] };
  }
  const [lng, lat] = planeToLngLat(x, y, zone.value, datum);
  const problem = japanLocationProblem([lng, lat]);
  if (problem) return { value: null, problems: [{ key: 'zone', message: `第${zone.value}系のX=${x}, Y=${y}は日本国外になります（緯度${lat.toFixed(5)}、経度${lng.toFixed(5)}）。系番号とX・Yの向き（Xが北向き）を確かめてください。` }] };
  return { value: placeAt(lng, lat, at, 'plane_rectangular'), problems };
}

/** Binds columns and returns a file-level error when required ones are missing or a `single` field has several columns. */
export function bindTemplate<K extends string>(headers: readonly string[], specs: Record<K, ColumnSpec>, file: string, what: string): { binding: ColumnBinding<K> } | { error: RowError } {
  const { binding, missing, conflicts } = bindColumns(headers, specs);
  if (conflicts.length) {
    const { key, headers: both } = conflicts[0];
    return { error: { file, row: 0, column: null, message: `${what}に「${specs[key].label}」に当たる列が${both.length}つあります（${both.map((h) => quoteValue(h)).join('')}）。どの列を使うかはアプリが決めないため、このままでは読み込みません。列の対応付けで1つを選んでください。` } };
  }
  if (missing.length) {
    const labels = missing.map((k) => specs[k].label);
    return { error: { file, row: 0, column: null, message: `${what}の見出しに「${labels.join('」「')}」の列がありません（見出し: ${clipList(headers, 8)}）。` } };
  }
  return { binding };
}

/** Errors for cells a spreadsheet would run as formulas (CSV injection), one per cell. */
export function formulaProblems(headers: readonly string[], cells: readonly string[], file: string, row: number): RowError[] {
  const out: RowError[] = [];
  pushFormulaProblems(out, headers, cells, file, row);
  return out;
}

/** formulaProblems appended to `out` (no array per row: runs for every row of 10⁵-row files). */
export function pushFormulaProblems(out: RowError[], headers: readonly string[], cells: readonly string[], file: string, row: number): void {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    // Most cells start with a digit, a letter or kana/kanji: no formula, even once stored (trimmed, normalised).
    // So do full-width phone numbers and IDs (０-９, Ａ-Ｚ, ａ-ｚ read as ASCII digits and letters); empty cells are none.
    if (c.length === 0) continue;
    const first = c.charCodeAt(0);
    if (first >= 0xff10 && first <= 0xff5a && (first <= 0xff19 || (first >= 0xff21 && first <= 0xff3a) || first >= 0xff41)) continue;
    if (!mayStartFormula(first)) continue;
    if (looksLikeFormula(c)) out.push(formulaProblem(headers, c, i, file, row));
  }
}

/** The error for a cell that looks like a formula (cell `i` of the row). */
function formulaProblem(headers: readonly string[], cell: string, i: number, file: string, row: number): RowError {
  return { file, row, column: headers[i] || `${i + 1}列目`, message: `${quoteValue(cell)}は表計算ソフトで数式として実行されるおそれがあるため取り込めません。先頭の「=」「+」「-」「@」を取り除いてください。` };
}

/** Maps core validator FieldErrors to RowErrors, naming the file's header for each field. */
export function fieldErrorsToRows(errors: FieldError[], columnOf: (field: string) => string, file: string, row: number): RowError[] {
  return errors.map((e) => ({ file, row, column: columnOf(e.field), message: e.message }));
}

/** RowErrors for IDs that appear more than once (each repeat names the first row). */
export function duplicateIdErrors(items: { id: string; row: number }[], file: string, column: string): RowError[] {
  const ids = new DuplicateIds(file, () => column);
  for (const { id, row } of items) ids.see(id, row);
  return ids.errors;
}

/**
 * duplicateIdErrors one row at a time, in row order (`column` is asked for on the first repeat).
 * The IDs seen are found through an open-addressing table of numbers holding each ID's index and
 * full hash side by side, so a probe rarely touches an ID string: with 10⁵ rows a Map of fresh
 * strings (a cache miss per key compared) costs more than the rest of the check. The first hash
 * keeps runs of digits as numbers, so numbered IDs (P000001, P000002…) fill neighbouring slots;
 * should probing ever get long, the table switches to a mixing hash (FNV-1a).
 */
export class DuplicateIds {
  readonly errors: RowError[] = [];
  /** Distinct IDs and the row each was first seen on. */
  private readonly ids: string[] = [];
  private readonly firstRows: number[] = [];
  /** Both hashes of each ID in `ids` (the table's rebuilds do not hash them again). */
  private readonly numbered: number[] = [];
  private mixed: number[] | null = null;
  /** Per slot: [1 + index into `ids` (0 = empty), hash]; a power of two of slots, at most half full. */
  private table = new Int32Array(2 * 1024);
  private mixing = false;
  private columnName: string | null = null;

  /** `repeated(firstRow)` words the error of a repeat (default: the ID and the first row). */
  constructor(private readonly file: string, private readonly column: () => string, private readonly repeated?: (firstRow: number) => string) {}

  see(id: string, row: number): void {
    if (!id) return;
    const { ids, table } = this;
    const mask = (table.length >> 1) - 1;
    const hash = this.mixing ? mixingHash(id) : numberedHash(id);
    let h = hash & mask;
    let probes = 0;
    for (let k = table[2 * h]; k !== 0; k = table[2 * h]) {
      if (table[2 * h + 1] === hash && ids[k - 1] === id) {
        this.repeat(id, row, this.firstRows[k - 1]);
        return;
      }
      h = (h + 1) & mask;
      probes++;
    }
    ids.push(id);
    this.firstRows.push(row);
    if (this.mixing) this.mixed!.push(hash);
    else this.numbered.push(hash);
    table[2 * h] = ids.length;
    table[2 * h + 1] = hash;
    if (ids.length * 4 > table.length) this.rebuild(table.length * 2);
    else if (probes > MAX_PROBES && !this.mixing) {
      this.mixing = true;
      this.rebuild(table.length);
    }
  }

  /** Records the error for `id` on `row`, first seen on `first`. */
  private repeat(id: string, row: number, first: number): void {
    const message = this.repeated ? this.repeated(first) : `ID${quoteValue(id)}が${first}行目と重複しています。IDは1人に1つにしてください。`;
    this.errors.push({ file: this.file, row, column: (this.columnName ??= this.column()), message });
  }

  private rebuild(size: number): void {
    const table = new Int32Array(size);
    const mask = (size >> 1) - 1;
    const { ids } = this;
    if (this.mixing && this.mixed === null) this.mixed = ids.map(mixingHash);
    const hashes = this.mixing ? this.mixed! : this.numbered;
    for (let i = 0; i < ids.length; i++) {
      const hash = hashes[i];
      let h = hash & mask;
      while (table[2 * h] !== 0) h = (h + 1) & mask;
      table[2 * h] = i + 1;
      table[2 * h + 1] = hash;
    }
    this.table = table;
  }
}

const MAX_PROBES = 48;

/** A 32-bit hash in which a run of digits counts as its number (P000001 and P000002 land side by side). */
function numberedHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = c >= 0x30 && c <= 0x39 ? (h * 10 + (c - 0x30)) | 0 : Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

/** FNV-1a over UTF-16 code units (a signed 32-bit value, as an Int32Array stores it). */
function mixingHash(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

// Reading a whole roster file (名簿 or supporters): decode, stream the rows through the bound
// columns, finish all-or-nothing.

export interface RosterOptions {
  /** Import time, ISO 8601 (createdAt, updatedAt, location.at); defaults to now. */
  now?: string;
  /** A confirmed column mapping (or a function choosing one by headers) instead of binding the template by name. */
  mapping?: MappingOption;
  /** Also return samples and distinct values per header (for the column-mapping step). */
  profile?: boolean;
}

export interface RosterFileResult<T> extends ReadResult<T> {
  encoding: TextEncodingName | null;
  rowCount: number;
  /** 1-based data row of each record (same order as `records`). */
  rows: number[];
  /** Rows that had no error, even when others did — for 「正常な行だけ取り込む」 only. */
  validRecords: T[];
  /** The file's header line (when it had one). */
  headers?: string[];
  /** Samples and distinct values per header, when `options.profile`. */
  profile?: ColumnProfile;
  /** True when the headers do not bind to the template (nor does the mapping given): the mapping step is needed. */
  needsMapping?: boolean;
  /** True when the file was read through a column mapping. */
  mapped?: boolean;
}

/** Decodes a roster file's bytes (UTF-8 / BOM / Shift_JIS…); already-decoded text passes through. */
export function decodeRoster(input: Uint8Array | string, file: string): { ok: true; text: string; encoding: TextEncodingName | null } | { ok: false; error: RowError } {
  if (typeof input === 'string') return { ok: true, text: input, encoding: null };
  const d = decodeBytes(input);
  return d.ok ? { ok: true, text: d.text, encoding: d.encoding } : { ok: false, error: { file, row: 0, column: null, message: d.message } };
}

/**
 * The result of a roster read: all records only when there is no error (all-or-nothing), and
 * separately the rows without any error, for 「正常な行だけ取り込む」. `rows[i]` is `records[i]`'s row.
 */
export function finishRosterRead<T>(
  records: T[], rows: number[], errors: RowError[], encoding: TextEncodingName | null, rowCount: number,
  extra: Partial<RosterFileResult<T>>,
): RosterFileResult<T> {
  if (errors.length === 0) return { records, validRecords: records.slice(), errors, encoding, rowCount, rows, ...extra };
  errors.sort((a, b) => a.row - b.row);
  const rowsWithErrors = new Set(errors.map((e) => e.row));
  const validRecords = records.filter((_, i) => !rowsWithErrors.has(rows[i]));
  return { records: [], validRecords, errors, encoding, rowCount, rows: [], ...extra };
}

/** Reads one record (1-based data row, cells in the bound layout); made once per file by the reader. */
export type RosterRowReader = (row: number, cells: readonly string[]) => void;

/** How a streamed roster went: bound (headers and binding as read, the CSV's own problems) or not (the file-level errors). */
export type RosterStream<K extends string> =
  | { ok: true; headers: string[]; binding: ColumnBinding<K>; csvErrors: RowError[]; rowCount: number; extra: Pick<RosterFileResult<never>, 'headers' | 'profile' | 'mapped'> }
  | { ok: false; errors: RowError[]; rowCount: number; extra: Pick<RosterFileResult<never>, 'headers' | 'profile' | 'needsMapping'> };

/**
 * Parses row by row; at the first record binds the columns by the mapping when one applies, else
 * by the template's names, and from then on hands each record (rewritten by the mapping) to the
 * reader `start` returns for the bound headers. Records are not kept: a 10⁵-row 名簿 is never a
 * table in memory. Shared by the 名簿 and supporter readers; when the file does not bind, returns
 * the file-level errors (the CSV's problems first, as parseCsvTable orders them).
 */
export function streamRosterRows<K extends string>(
  text: string, file: string, specs: Record<K, ColumnSpec>, template: MappingTemplate, cellText: (field: string, code: string) => string,
  what: string, options: RosterOptions, start: (headers: readonly string[], binding: ColumnBinding<K>) => RosterRowReader,
): RosterStream<K> {
  let started = false;
  let profiler: ColumnProfiler | undefined;
  let headers: string[] = [];
  let binding: ColumnBinding<K> | null = null;
  let rewrite: ((cells: readonly string[]) => string[]) | null = null;
  let failure: RowError | null = null;
  let mapped = false;
  let read: RosterRowReader | null = null;
  const csv = streamCsvRecords(text, file, (row, cells, fileHeaders) => {
    if (!started) {
      started = true;
      if (options.profile) profiler = new ColumnProfiler(fileHeaders);
      const mapping = resolveMapping(options.mapping, fileHeaders);
      if (mapping) {
        const m = prepareMapping(fileHeaders, specs, template, mapping, cellText);
        if (m.missing.length) failure = { file, row: 0, column: null, message: missingFieldsMessage(m.missing) };
        else {
          headers = m.headers;
          binding = m.binding;
          rewrite = m.rewrite;
          mapped = true;
        }
      } else {
        const bound = bindTemplate(fileHeaders, specs, file, what);
        if ('error' in bound) failure = bound.error;
        else {
          headers = fileHeaders;
          binding = bound.binding;
        }
      }
      if (binding) read = start(headers, binding);
    }
    if (profiler) profiler.add(cells);
    if (read) read(row, rewrite ? rewrite(cells) : cells);
  });
  const rowCount = csv.recordCount;
  if (csv.headers.length === 0 || rowCount === 0) return { ok: false, errors: csv.errors, rowCount, extra: {} };
  const profile = profiler?.result();
  if (failure || !binding) return { ok: false, errors: [...csv.errors, ...(failure ? [failure] : [])], rowCount, extra: { headers: csv.headers, profile, needsMapping: true } };
  return { ok: true, headers, binding, csvErrors: csv.errors, rowCount, extra: { headers: csv.headers, profile, mapped } };
}
