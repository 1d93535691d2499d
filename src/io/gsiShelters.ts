/**
 * 国土地理院 指定緊急避難場所・指定避難所データ: GeoJSON and the national CSV layout
 * (`NO,共通ID,都道府県名及び市町村名,施設・場所名,住所,[hazard flags],…,緯度,経度,備考`),
 * bound by header/property name. Site and shelter records are joined in shelterMerge.ts.
 */
import { HAZARD_TYPES, type HazardType } from '../core/hazard';
import { errorMessage } from '../core/thrown';
import type { LngLat } from '../core/geo';
import type { AcceptGroup, Shelter, ShelterKind } from '../core/shelter';
import { bindColumns, cellOf, headerOf, type ColumnSpec } from './columns';
import { japanLocationProblem, readLatLng } from './coordinates';
import type { CsvTable } from './csv';
import { HAZARD_HEADER_NAMES, hazardColumns, readFlag } from './hazardColumns';
import { fieldOf, isRecord } from '../core/jsonShape';
import { looksLikeFormula, normalizeCodeText } from './normalize';
import type { RowError } from './rowError';
import { quoteValue } from './quote';
import { siteFloorsFromNote } from './siteFloorRule';

export type { RowError } from './rowError';

/**
 * 受入対象者 wording → accept groups. Values in the real files: 高齢者, 障害者, 障がい者, 小児 (青森市),
 * 要配慮児童, 乳幼児その他, 要配慮者, 自立度が高い要配慮者 (会津若松市).
 */
const ACCEPT_WORDS: [RegExp, AcceptGroup][] = [
  [/高齢/, 'elderly'],
  [/障が?い|障害|障碍/, 'disabled'],
  [/児童|小児|子ども|こども|子供/, 'children'],
  [/乳幼児|乳児|幼児/, 'infants'],
  [/妊産婦|妊婦/, 'pregnant'],
  [/医療/, 'medical_care'],
  [/要配慮者/, 'care_needed'],
];

/** Accept groups named in a 受入対象者 text (e.g. 「高齢者、障がい者」). */
export function parseAcceptGroups(text: string | null | undefined): AcceptGroup[] {
  if (!text) return [];
  const groups: AcceptGroup[] = [];
  for (const [pattern, group] of ACCEPT_WORDS) if (pattern.test(text)) groups.push(group);
  return groups;
}

/**
 * A 福祉避難所's 受入対象者 fields from its text: the groups read, and the text itself as
 * `acceptsUnread` when it is not blank but names no group this app reads (that shelter then accepts
 * nobody automatically, see welfareEligibility). A blank text is "unknown" and reads as `[]`.
 */
export function readAccepts(text: string | null | undefined): Pick<Shelter, 'accepts' | 'acceptsUnread'> {
  const accepts = parseAcceptGroups(text);
  const written = (text ?? '').trim();
  return accepts.length || !written ? { accepts } : { accepts, acceptsUnread: written };
}

/** True for GSI flag values meaning "designated": `1`, `1.0`, `○`, `◯` (see readFlag for all spellings). */
export function isFlagSet(value: unknown): boolean {
  return readFlag(value) === true;
}

/**
 * Role of a GSI record from its 14-character 共通ID: character 12 is `1` 指定避難所 or
 * `2` 指定緊急避難場所, character 13 `2` marks a 福祉避難所.
 */
export function kindFromCommonId(commonId: string): ShelterKind | null {
  if (!/^E\d{13}$/.test(commonId)) return null;
  if (commonId[11] === '2') return 'emergency_site';
  if (commonId[11] === '1') return commonId[12] === '2' ? 'welfare_shelter' : 'shelter';
  return null;
}

/** 共通ID as written or with full-width characters / lower-case `e` / spaces cleaned. */
function cleanCommonId(raw: unknown): string {
  return normalizeCodeText(String(raw ?? '')).replace(/\s/g, '').toUpperCase();
}

interface GsiFields {
  commonId: string;
  name: string;
  address: string;
  accepts: string;
  notes: string;
}

/** Builds one Shelter from a GSI record, or the row errors explaining why it cannot be used. */
function gsiShelter(f: GsiFields, hazards: HazardType[], location: LngLat, file: string, row: number, columns: { id: string; name: string }): Shelter | RowError[] {
  const errors: RowError[] = [];
  const kind = kindFromCommonId(f.commonId);
  if (!kind) errors.push({ file, row, column: columns.id, message: `共通ID${quoteValue(f.commonId)}が読めません（「E」と13桁の数字、例: E0720200004121）。` });
  if (!f.name.trim()) errors.push({ file, row, column: columns.name, message: '施設・場所名が空欄です。' });
  for (const [column, v] of [[columns.name, f.name], ['住所', f.address]] as const) {
    if (looksLikeFormula(v)) errors.push({ file, row, column, message: `${quoteValue(v)}は表計算ソフトで数式として実行されるおそれがあります。先頭の「=」「+」「-」「@」を取り除いてください。` });
  }
  if (errors.length || !kind) return errors;
  const siteFloors = kind === 'emergency_site' ? siteFloorsFromNote(f.notes) : null;
  return {
    id: f.commonId,
    name: f.name.trim(),
    address: f.address.trim(),
    kinds: [kind],
    hazards,
    capacity: null,
    ...(kind === 'welfare_shelter' ? readAccepts(f.accepts) : { accepts: [] }),
    location,
    closed: false,
    notes: f.notes.trim(),
    ...(siteFloors ? { siteFloors } : {}),
    source: { file, row },
  };
}

/** True when parsed GeoJSON looks like GSI data (its first feature has a 共通ID property). */
export function isGsiGeojson(data: unknown): boolean {
  const features = fieldOf(data, 'features');
  const properties = Array.isArray(features) ? fieldOf(features[0], 'properties') : undefined;
  return isRecord(properties) && '共通ID' in properties;
}

/**
 * Reads a 国土地理院 指定緊急避難場所 or 指定避難所 GeoJSON FeatureCollection (Point geometry,
 * `[lng, lat]` WGS84). Returns one Shelter per record (not yet merged) and row errors for unusable features.
 */
export function readGsiGeojson(text: string, file: string): { shelters: Shelter[]; errors: RowError[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return { shelters: [], errors: [{ file, row: 0, column: null, message: `GeoJSONとして読めません（${errorMessage(err)}）。` }] };
  }
  return readGsiGeojsonData(data, file);
}

/** Same as readGsiGeojson for already-parsed JSON. */
export function readGsiGeojsonData(data: unknown, file: string): { shelters: Shelter[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const features = fieldOf(data, 'features');
  if (fieldOf(data, 'type') !== 'FeatureCollection' || !Array.isArray(features)) {
    return { shelters: [], errors: [{ file, row: 0, column: null, message: 'GeoJSONのFeatureCollectionではありません（"type": "FeatureCollection" と "features" の配列が必要です）。' }] };
  }
  if (features.length === 0) return { shelters: [], errors: [{ file, row: 0, column: null, message: 'GeoJSONに地物（features）が1件もありません。' }] };
  const shelters: Shelter[] = [];
  features.forEach((f: unknown, index) => {
    const row = index + 1;
    const properties = fieldOf(f, 'properties');
    const prop = (k: string) => fieldOf(properties, k);
    const str = (k: string) => String(prop(k) ?? '');
    const geometry = fieldOf(f, 'geometry');
    const coordinates = fieldOf(geometry, 'type') === 'Point' ? fieldOf(geometry, 'coordinates') : null;
    const c = Array.isArray(coordinates) ? coordinates : null;
    const lng = Number(c?.[0]);
    const lat = Number(c?.[1]);
    if (!c || !Number.isFinite(lng) || !Number.isFinite(lat)) {
      errors.push({ file, row, column: 'geometry', message: '位置がありません（Point型で[経度, 緯度]の座標が必要です）。' });
      return;
    }
    const problem = japanLocationProblem([lng, lat]);
    if (problem) {
      errors.push({ file, row, column: 'geometry', message: problem });
      return;
    }
    const hazards = HAZARD_TYPES.filter((h) => HAZARD_HEADER_NAMES[h].some((header) => isFlagSet(prop(header)) || isFlagSet(prop(`災害種別_${header}`))));
    const fields: GsiFields = { commonId: cleanCommonId(prop('共通ID')), name: str('施設・場所名'), address: str('住所'), accepts: str('受入対象者'), notes: str('備考') };
    const r = gsiShelter(fields, hazards, [lng, lat], file, row, { id: '共通ID', name: '施設・場所名' });
    if (Array.isArray(r)) errors.push(...r);
    else shelters.push(r);
  });
  return { shelters, errors };
}

const GSI_CSV_COLUMNS = {
  commonId: { names: ['共通ID', '共通ＩＤ'], required: true, label: '共通ID' },
  name: { names: ['施設・場所名', '施設名', '名称'], required: true, label: '施設・場所名' },
  address: { names: ['住所', '所在地'], label: '住所' },
  accepts: { names: ['受入対象者', '受け入れ対象者'], label: '受入対象者' },
  notes: { names: ['備考'], label: '備考' },
  lat: { names: ['緯度', 'lat', 'latitude'], required: true, label: '緯度' },
  lng: { names: ['経度', 'lon', 'lng', 'longitude'], required: true, label: '経度' },
} satisfies Record<string, ColumnSpec>;

/** True when CSV headers look like the GSI national layout (a 共通ID column). */
export function isGsiCsv(headers: readonly string[]): boolean {
  return bindColumns(headers, GSI_CSV_COLUMNS).binding.commonId >= 0;
}

/** Reads the GSI national CSV layout (指定緊急避難場所 or 指定避難所) from a parsed table; records not yet merged. */
export function readGsiCsv(table: CsvTable, file: string): { shelters: Shelter[]; errors: RowError[] } {
  const { headers } = table;
  const { binding, missing } = bindColumns(headers, GSI_CSV_COLUMNS);
  if (missing.length) {
    return { shelters: [], errors: [{ file, row: 0, column: null, message: `必要な列「${missing.map((k) => GSI_CSV_COLUMNS[k].label).join('」「')}」がありません（国土地理院の指定緊急避難場所・指定避難所CSVの見出しが必要です）。` }] };
  }
  const hz = hazardColumns(headers);
  const errors: RowError[] = [];
  const shelters: Shelter[] = [];
  const col = (k: keyof typeof GSI_CSV_COLUMNS) => headerOf(headers, binding, GSI_CSV_COLUMNS, k);
  for (const { row, cells } of table.records) {
    const get = (k: keyof typeof GSI_CSV_COLUMNS) => cellOf(cells, binding, k);
    const rowErrors: RowError[] = [];
    const hazards: HazardType[] = [];
    for (const [h, i] of hz) {
      const v = readFlag(cells[i]);
      if (v === null) rowErrors.push({ file, row, column: headers[i], message: `災害種別の値${quoteValue(cells[i])}が読めません（指定ありは「1」、なしは空欄）。` });
      else if (v) hazards.push(h);
    }
    const ll = readLatLng(get('lat'), get('lng'));
    if (!ll.ok) rowErrors.push({ file, row, column: ll.column === 'lng' ? col('lng') : col('lat'), message: ll.message });
    else if (!ll.value) rowErrors.push({ file, row, column: col('lat'), message: '緯度・経度が空欄です。' });
    const fields: GsiFields = { commonId: cleanCommonId(get('commonId')), name: get('name'), address: get('address'), accepts: get('accepts'), notes: get('notes') };
    const r = ll.ok && ll.value ? gsiShelter(fields, HAZARD_TYPES.filter((h) => hazards.includes(h)), ll.value, file, row, { id: col('commonId'), name: col('name') }) : [];
    if (Array.isArray(r)) errors.push(...rowErrors, ...r);
    else if (rowErrors.length) errors.push(...rowErrors);
    else shelters.push(r);
  }
  return { shelters, errors };
}
