/**
 * readShelterFile: any supported shelter file as bytes → Shelter records, detecting the encoding
 * (UTF-8 / BOM / Shift_JIS / EUC-JP) and the format (GSI GeoJSON, GSI CSV, 標準オープンデータセット CSV).
 * All-or-nothing: a file with any error yields no records.
 */
import { validateShelter, type Shelter } from '../core/shelter';
import { errorMessage } from '../core/thrown';
import { profileColumns, resolveMapping, type ColumnProfile, type MappingOption } from './columnMapping';
import { parseCsvTable } from './csv';
import { decodeBytes, type TextEncodingName } from './encoding';
import { isGsiCsv, isGsiGeojson, readGsiCsv, readGsiGeojsonData } from './gsiShelters';
import { fieldOf } from '../core/jsonShape';
import type { ReadResult, RowError } from './rowError';
import { isStandardShelterCsv, readStandardShelterCsv } from './standardShelters';
import { mergeSitesIntoShelters, siteMergeReport } from './shelterMerge';
import { clipList, quoteValue } from './quote';

export type ShelterFormat = 'gsi-geojson' | 'gsi-csv' | 'standard-csv' | 'mapped-csv';

/** Japanese name of each format for the import screen. */
export const SHELTER_FORMAT_LABELS: Record<ShelterFormat, string> = {
  'gsi-geojson': '国土地理院 指定緊急避難場所・指定避難所データ（GeoJSON）',
  'gsi-csv': '国土地理院 指定緊急避難場所・指定避難所データ（CSV）',
  'standard-csv': '自治体標準オープンデータセット 指定緊急避難場所一覧（CSV）',
  'mapped-csv': '避難所一覧（CSV、列の対応付けで読み込み）',
};

export interface ShelterReadOptions {
  /** A confirmed column mapping (or a function choosing one by headers) for CSV files that are not GSI data. */
  mapping?: MappingOption;
  /** Also return samples and distinct values per header of a CSV (for the column-mapping step). */
  profile?: boolean;
}

export interface ShelterFileResult extends ReadResult<Shelter> {
  format: ShelterFormat | null;
  encoding: TextEncodingName | null;
  /** Data rows (CSV records or GeoJSON features) seen in the file. */
  rowCount: number;
  /** CSV header line. */
  headers?: string[];
  /** Samples and distinct values per header of a CSV, when `options.profile`. */
  profile?: ColumnProfile;
  /** True for a CSV that is neither GSI nor 標準オープンデータ (or whose mapping lacks a required field): the mapping step is needed. */
  needsMapping?: boolean;
}

const FIELD_COLUMNS: Record<string, string> = { id: 'ID', name: '名称', kinds: '種別', hazards: '災害種別', accepts: '受入対象者', capacity: '想定収容人数', location: '緯度・経度' };

/** Reads one shelter file. `bytes` may also be already-decoded text. Records are not merged (see readShelterFiles). */
export function readShelterFile(bytes: Uint8Array | string, file: string, options: ShelterReadOptions = {}): ShelterFileResult {
  const fail = (errors: RowError[], extra: Partial<ShelterFileResult> = {}): ShelterFileResult => ({ records: [], errors, format: null, encoding: null, rowCount: 0, ...extra });
  let text: string;
  let encoding: TextEncodingName | null = null;
  if (typeof bytes === 'string') text = bytes.replace(/^\uFEFF/, '');
  else {
    const d = decodeBytes(bytes);
    if (!d.ok) return fail([{ file, row: 0, column: null, message: d.message }]);
    text = d.text;
    encoding = d.encoding;
  }
  const trimmed = text.trimStart();
  let format: ShelterFormat;
  let result: { shelters: Shelter[]; errors: RowError[] };
  let rowCount = 0;
  let csvInfo: Pick<ShelterFileResult, 'headers' | 'profile'> = {};
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || /\.(geo)?json$/i.test(file)) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (err) {
      return fail([{ file, row: 0, column: null, message: `GeoJSONとして読めません（${errorMessage(err)}）。` }], { encoding });
    }
    const features = fieldOf(data, 'features');
    if (!isGsiGeojson(data) || !Array.isArray(features)) {
      const message = Array.isArray(features) && features.length === 0
        ? 'GeoJSONに地物（features）が1件もありません。'
        : 'GeoJSONですが、国土地理院の指定緊急避難場所・指定避難所データ（属性「共通ID」）ではありません。';
      return fail([{ file, row: 0, column: null, message }], { encoding });
    }
    format = 'gsi-geojson';
    rowCount = features.length;
    result = readGsiGeojsonData(data, file);
  } else {
    const table = parseCsvTable(text, file);
    rowCount = table.records.length + new Set(table.errors.filter((e) => e.row > 0).map((e) => e.row)).size;
    if (table.headers.length === 0 || (table.records.length === 0 && table.errors.length)) return fail(table.errors, { encoding });
    csvInfo = { headers: table.headers, profile: options.profile ? profileColumns(table) : undefined };
    const mapping = isGsiCsv(table.headers) ? null : resolveMapping(options.mapping, table.headers);
    if (isGsiCsv(table.headers)) {
      format = 'gsi-csv';
      result = readGsiCsv(table, file);
    } else if (mapping) {
      format = 'mapped-csv';
      result = readStandardShelterCsv(table, file, mapping);
      if (result.errors.some((e) => e.row === 0)) return fail([...table.errors, ...result.errors], { encoding, rowCount, ...csvInfo, needsMapping: true });
    } else if (isStandardShelterCsv(table.headers)) {
      format = 'standard-csv';
      result = readStandardShelterCsv(table, file);
    } else {
      const shown = clipList(table.headers, 8);
      return fail([...table.errors, { file, row: 0, column: null, message: `避難所のファイルとして認識できません（見出し: ${shown}）。国土地理院の「共通ID」列、または「名称」「緯度」「経度」の列が必要です。` }], { encoding, rowCount, ...csvInfo, needsMapping: true });
    }
    result.errors.unshift(...table.errors);
  }
  const errors = [...result.errors];
  const seen = new Map<string, number>();
  for (const s of result.shelters) {
    for (const fe of validateShelter(s)) errors.push({ file, row: s.source.row, column: FIELD_COLUMNS[fe.field] ?? fe.field, message: fe.message });
    const first = seen.get(s.id);
    if (first !== undefined) errors.push({ file, row: s.source.row, column: 'ID', message: `ID${quoteValue(s.id)}が${first}行目と重複しています。1つの施設は1行にしてください。` });
    else seen.set(s.id, s.source.row);
  }
  errors.sort((a, b) => a.row - b.row);
  return { records: errors.length ? [] : result.shelters, errors, format, encoding, rowCount, ...csvInfo };
}

/** How the records read became places: a one-line summary and a line per join or site kept apart (see siteMergeReport). */
export interface ShelterMergeSummary {
  summary: string;
  lines: string[];
}

/**
 * Reads several shelter files (e.g. a city's 指定緊急避難場所 and 指定避難所 files) and merges site
 * and shelter records of the same facility (mergeSitesIntoShelters: same 共通ID group and same
 * name). All-or-nothing over all files; an ID that appears in two files is an error. `merge` says
 * how many records became how many places, and lists every join and every 福祉避難所 whose
 * 受入対象者 text was not read (it gets nobody automatically; null when nothing was read).
 */
export function readShelterFiles(files: { name: string; bytes: Uint8Array | string }[], options: ShelterReadOptions = {}): ReadResult<Shelter> & { files: ShelterFileResult[]; merge: ShelterMergeSummary | null } {
  const results = files.map((f) => readShelterFile(f.bytes, f.name, options));
  const errors = results.flatMap((r) => r.errors);
  if (errors.length) return { records: [], errors, files: results, merge: null };
  const all = results.flatMap((r) => r.records);
  const firstSeen = new Map<string, Shelter>();
  for (const s of all) {
    const prev = firstSeen.get(s.id);
    if (prev) errors.push({ file: s.source.file, row: s.source.row, column: 'ID', message: `ID${quoteValue(s.id)}が ${prev.source.file} の${prev.source.row}行目と重複しています。同じファイルを2回選んでいないか確かめてください。` });
    else firstSeen.set(s.id, s);
  }
  if (errors.length) return { records: [], errors, files: results, merge: null };
  const merged = mergeSitesIntoShelters(all);
  const report = siteMergeReport(all.length, merged);
  const unread = merged.places.filter((s) => s.acceptsUnread).map((s) => `受入対象者が読めません: ${s.id}${quoteValue(s.name)}の受入対象者${quoteValue(s.acceptsUnread!)}は読める書き方（高齢者、障がい者、小児・児童、乳幼児、妊産婦、医療的ケア、要配慮者）ではないため、自動の割り当てではこの福祉避難所に誰も割り当てません（${s.source.file} の${s.source.row}行目）`);
  return { records: merged.places, errors: [], files: results, merge: { summary: report.summary, lines: [...report.lines, ...unread] } };
}
