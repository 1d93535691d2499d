/**
 * Shared pieces of the 名簿 (people) and supporter CSV readers: Japanese label → code lookup,
 * location columns (緯度/経度 or 平面直角座標 X/Y + 系番号), formula-like cell checks, duplicate IDs.
 */
import type { LocationSource, PlacedLocation } from '../core/person';
import type { FieldError } from '../core/validation';
import { bindColumns, cellOf, type ColumnBinding, type ColumnSpec } from './columns';
import { parsePlaneZone, planeToLngLat, readLatLng, japanLocationProblem, type PlaneDatum } from './coordinates';
import { looksLikeFormula, normalizeCodeText, parseDecimal } from './normalize';
import type { RowError } from './rowError';

/** One code and the words (after NFKC, spaces removed) that mean it; first exact match, then first prefix match wins. */
export type LabelTable<T extends string> = readonly (readonly [T, readonly string[]])[];

/** A label table prepared once: NFKC words, exact lookup, and per-cell results (a 名簿 has few distinct label cells). */
interface CompiledTable<T extends string> {
  exact: Map<string, T>;
  prefixes: readonly (readonly [T, readonly string[]])[];
  results: Map<string, T | null>;
  lists: Map<string, { codes: T[]; unknown: string[] }>;
}

const compiled = new WeakMap<LabelTable<string>, CompiledTable<string>>();
/** Most distinct cells remembered per table (beyond this, lookups still work, uncached). */
const MAX_CACHED_CELLS = 4096;

function compile<T extends string>(table: LabelTable<T>): CompiledTable<T> {
  let c = compiled.get(table) as CompiledTable<T> | undefined;
  if (!c) {
    const prefixes = table.map(([code, words]) => [code, words.map((w) => w.normalize('NFKC'))] as const);
    const exact = new Map<string, T>();
    for (const [code, words] of prefixes) for (const w of words) if (!exact.has(w)) exact.set(w, code);
    c = { exact, prefixes, results: new Map(), lists: new Map() };
    compiled.set(table, c as unknown as CompiledTable<string>);
  }
  return c;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size < MAX_CACHED_CELLS) cache.set(key, value);
  return value;
}

/** Code for a Japanese label cell, or null when no word matches. */
export function matchLabel<T extends string>(cell: string, table: LabelTable<T>): T | null {
  const raw = String(cell ?? '');
  const c = compile(table);
  const cached = c.results.get(raw);
  if (cached !== undefined) return cached;
  const s = raw.normalize('NFKC').replace(/[\s]/g, '');
  if (s === '') return remember(c.results, raw, null);
  const hit = c.exact.get(s);
  if (hit !== undefined) return remember(c.results, raw, hit);
  for (const [code, words] of c.prefixes) if (words.some((w) => s.startsWith(w))) return remember(c.results, raw, code);
  return remember(c.results, raw, null);
}

const DEFAULT_NONE: readonly string[] = ['なし', '無', '無し', '-', 'ー', '特になし'];

/** Codes for a cell listing several labels separated by 、・,，/／;； or spaces; unknown words are returned separately. */
export function matchLabelList<T extends string>(cell: string, table: LabelTable<T>, none: readonly string[] = DEFAULT_NONE): { codes: T[]; unknown: string[] } {
  const raw = String(cell ?? '');
  if (raw === '') return { codes: [], unknown: [] };
  const lists = none === DEFAULT_NONE ? compile(table).lists : null;
  const cached = lists?.get(raw);
  if (cached) return { codes: [...cached.codes], unknown: [...cached.unknown] };
  const parts = raw.normalize('NFKC').split(/[、・,，/／;；\s]+/).map((p) => p.trim()).filter(Boolean);
  const codes: T[] = [];
  const unknown: string[] = [];
  for (const p of parts) {
    if (none.includes(p)) continue;
    const c = matchLabel(p, table);
    if (c === null) unknown.push(p);
    else if (!codes.includes(c)) codes.push(c);
  }
  if (lists) remember(lists, raw, { codes: [...codes], unknown: [...unknown] });
  return { codes, unknown };
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

function placeAt(lng: number, lat: number, at: string, source: LocationSource): PlacedLocation {
  return { lng, lat, source, at };
}

/**
 * Reads the location of one row: 緯度/経度 when filled, else 平面直角座標 (X northing, Y easting in
 * metres) with 系番号 and optional 測地系 (JGD2011 default; 日本測地系/Tokyo; JGD2000). Returns
 * null when no location is written; `at` is the import time (ISO 8601).
 */
export function readRowLocation(cells: readonly string[], b: ColumnBinding<LocKey>, at: string): { value: PlacedLocation | null; problems: CellProblem<LocKey>[] } {
  const problems: CellProblem<LocKey>[] = [];
  // No per-row closures: this runs for every row of 10⁵-row files.
  if (normalizeCodeText(cellOf(cells, b, 'lat')) || normalizeCodeText(cellOf(cells, b, 'lng')) || !(normalizeCodeText(cellOf(cells, b, 'planeX')) || normalizeCodeText(cellOf(cells, b, 'planeY')))) {
    const ll = readLatLng(cellOf(cells, b, 'lat'), cellOf(cells, b, 'lng'));
    if (!ll.ok) return { value: null, problems: [{ key: ll.column === 'lng' ? 'lng' : 'lat', message: ll.message }] };
    return { value: ll.value ? placeAt(ll.value[0], ll.value[1], at, 'coordinates') : null, problems };
  }
  const x = parseDecimal(cellOf(cells, b, 'planeX'));
  const y = parseDecimal(cellOf(cells, b, 'planeY'));
  if (x === null || Number.isNaN(x)) problems.push({ key: 'planeX', message: `X座標「${cellOf(cells, b, 'planeX')}」は数値（メートル、北向きが正）で入力してください。` });
  if (y === null || Number.isNaN(y)) problems.push({ key: 'planeY', message: `Y座標「${cellOf(cells, b, 'planeY')}」は数値（メートル、東向きが正）で入力してください。` });
  const zone = parsePlaneZone(cellOf(cells, b, 'zone'));
  if (!zone.ok) problems.push({ key: 'zone', message: b.zone < 0 ? 'X座標・Y座標を使うには「系番号」列（1〜19またはI〜XIX）が必要です。' : zone.message });
  const datumText = normalizeCodeText(cellOf(cells, b, 'datum')).toUpperCase();
  let datum: PlaneDatum = 'JGD2011';
  if (/2000/.test(datumText)) datum = 'JGD2000';
  else if (/日本測地系|旧|TOKYO|東京/.test(datumText)) datum = 'Tokyo';
  else if (datumText && !/2011|JGD|世界測地系/.test(datumText)) problems.push({ key: 'datum', message: `測地系「${cellOf(cells, b, 'datum')}」が読めません（「JGD2011」「JGD2000」「日本測地系」のいずれか）。` });
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

/** Binds columns and returns a file-level error when required ones are missing. */
export function bindTemplate<K extends string>(headers: readonly string[], specs: Record<K, ColumnSpec>, file: string, what: string): { binding: ColumnBinding<K> } | { error: RowError } {
  const { binding, missing } = bindColumns(headers, specs);
  if (missing.length) {
    const labels = missing.map((k) => specs[k].label);
    return { error: { file, row: 0, column: null, message: `${what}の見出しに「${labels.join('」「')}」の列がありません（見出し: ${headers.slice(0, 8).join('、')}${headers.length > 8 ? '…' : ''}）。` } };
  }
  return { binding };
}

/** Errors for cells a spreadsheet would run as formulas (CSV injection), one per cell. */
export function formulaProblems(headers: readonly string[], cells: readonly string[], file: string, row: number): RowError[] {
  const out: RowError[] = [];
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (looksLikeFormula(c)) out.push({ file, row, column: headers[i] || `${i + 1}列目`, message: `「${c.slice(0, 40)}」は表計算ソフトで数式として実行されるおそれがあるため取り込めません。先頭の「=」「+」「-」「@」を取り除いてください。` });
  }
  return out;
}

/** Maps core validator FieldErrors to RowErrors, naming the file's header for each field. */
export function fieldErrorsToRows(errors: FieldError[], columnOf: (field: string) => string, file: string, row: number): RowError[] {
  return errors.map((e) => ({ file, row, column: columnOf(e.field), message: e.message }));
}

/** RowErrors for IDs that appear more than once (each repeat names the first row). */
export function duplicateIdErrors(items: { id: string; row: number }[], file: string, column: string): RowError[] {
  const first = new Map<string, number>();
  const out: RowError[] = [];
  for (const { id, row } of items) {
    if (!id) continue;
    const f = first.get(id);
    if (f !== undefined) out.push({ file, row, column, message: `ID「${id}」が${f}行目と重複しています。IDは1人に1つにしてください。` });
    else first.set(id, row);
  }
  return out;
}
