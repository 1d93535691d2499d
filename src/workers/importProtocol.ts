import type { ExcelEncoding } from '../io/excelCsv';
import type { RowError } from '../io/rowError';
import type { Person } from '../core/person';
import type { Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import type { HazardType } from '../core/hazard';
import type { HazardZone } from '../core/hazardZone';
import type { RoadNetwork } from '../io/roadNetwork';
import type { DistrictOutline } from '../io/districtOutlines';
import type { ColumnMapping, FieldConflict, MappingFieldInfo } from '../io/columnMapping';
import type { ShelterMergeSummary } from '../io/shelterFile';
import type { FileHazardType } from '../io/hazardDepth';
import type { ConsentRecipient } from '../core/consent';
import type { RosterUpdateChoices, RosterUpdateRecord } from '../core/rosterUpdate';
import type { RosterUpdateSummary } from './importRosterSummary';

/** What the user is importing, in the order the import screen lists them. */
export const IMPORT_KINDS = ['shelters', 'people', 'supporters', 'hazards', 'roads', 'districts'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  shelters: '避難所・避難場所（国土地理院データ、標準オープンデータ）',
  people: '避難行動要支援者名簿（テンプレートCSV、または市の名簿を列の対応付けで）',
  supporters: '避難支援等実施者（テンプレートCSV、またはほかの様式を列の対応付けで）',
  hazards: 'ハザード区域（浸水想定区域・土砂災害警戒区域などのGeoJSON）',
  roads: '道路網（OpenStreetMapなどのGeoJSON、道のりの計算用）',
  districts: '地区・町内会の範囲（名前の属性つきポリゴンのGeoJSON）',
};

/** Reads files (the worker keeps a 名簿 or supporter file's records for the 名簿の更新 requests below). */
export interface ImportRequest {
  /** Absent means `read` too. */
  type?: 'read';
  id: number;
  kind: ImportKind;
  files: { name: string; bytes: ArrayBuffer }[];
  /** Hazard type the user chose for a hazard-zone file. */
  hazard?: HazardType;
  /** Column mappings by source signature (remembered ones, and the one just confirmed). */
  mappings?: Record<string, ColumnMapping>;
  /** Signature of the mapping the user has just confirmed (shown as such rather than as remembered). */
  confirmedSignature?: string;
}

/** How a CSV's columns were (or could be) bound: what the column-mapping step needs. */
export interface ColumnsOffer {
  file: string;
  signature: string;
  headers: string[];
  /** The file's first records (cells cut short): the mapper's sample values are taken from these (columnSamples). */
  rows: string[][];
  /**
   * The field whose column decides which rows' cells may be shown as samples (名簿: 同意 — only rows
   * whose 同意 reads as 同意; none while no column is chosen for it), or null (all rows).
   */
  consentField: string | null;
  /** Fields several columns could hold (two 同意 columns): the user must choose the column. */
  conflicts: FieldConflict[];
  fields: MappingFieldInfo[];
  /** Value field → header index → the column's distinct values and the code the template's words give each (null: not read). */
  values: Record<string, Record<number, { value: string; code: string | null }[]>>;
  /** The mapping used, or the first guess when none was. */
  mapping: ColumnMapping;
  /** template: bound by header names; saved: a remembered mapping; confirmed: the one just confirmed; null: the mapping step is needed. */
  source: 'template' | 'saved' | 'confirmed' | null;
}

/** What every import preview has, whatever was read. */
interface PreviewCommon {
  /** Per file: detected format and encoding, rows seen. */
  files: { name: string; format: string; encoding: string; rowCount: number }[];
  rowCount: number;
  errors: RowError[];
  /** Repairs made and warnings (kept records), e.g. a ring closed or a self-intersection. */
  notes: RowError[];
}

/**
 * Everything the import screen shows before the user commits, by `kind`. `records`: the rows read
 * without error, even when other rows failed (for shelters: none when a file has any error).
 * `columns`: for CSV 名簿, supporters and shelter lists, the columns and their mapping.
 */
export type ImportPreview = PreviewCommon &
  (
    | { kind: 'people'; records: Person[]; columns: ColumnsOffer | null }
    | { kind: 'supporters'; records: Supporter[]; columns: ColumnsOffer | null }
    /** `merge`: how many records became how many places, and every site/shelter join (readShelterFiles). */
    | { kind: 'shelters'; records: Shelter[]; columns: ColumnsOffer | null; merge: ShelterMergeSummary | null }
    /** `hazard`: the type the zones were read as (the user's choice), and the type the file's attributes state (null: they do not say). */
    | { kind: 'hazards'; records: HazardZone[]; hazard: { chosen: HazardType; file: FileHazardType | null } }
    | { kind: 'districts'; records: DistrictOutline[] }
    /** A road file has no records: `network` is what was read (null when nothing could be). */
    | { kind: 'roads'; records: []; network: RoadNetwork | null }
  );

/** The preview of one kind. */
export type PreviewOf<K extends ImportKind> = Extract<ImportPreview, { kind: K }>;

/** The columns offer of a CSV preview (名簿, supporters, shelter lists), else null. */
export function columnsOf(preview: ImportPreview): ColumnsOffer | null {
  return 'columns' in preview ? preview.columns : null;
}

/** A slice of a preview's records, tagged with their kind (the worker sends them before the preview). */
export type RecordSlice = { [K in ImportKind]: { kind: K; records: PreviewOf<K>['records'] } }[ImportKind];

/** `preview`'s records cut into slices of `size` (at least one record each), in order. */
export function recordSlices(preview: ImportPreview, size: number): RecordSlice[] {
  const cut = <T>(records: readonly T[]): T[][] => {
    const out: T[][] = [];
    for (let i = 0; i < records.length; i += size) out.push(records.slice(i, i + size));
    return out;
  };
  switch (preview.kind) {
    case 'people':
      return cut(preview.records).map((records) => ({ kind: 'people', records }));
    case 'supporters':
      return cut(preview.records).map((records) => ({ kind: 'supporters', records }));
    case 'shelters':
      return cut(preview.records).map((records) => ({ kind: 'shelters', records }));
    case 'hazards':
      return cut(preview.records).map((records) => ({ kind: 'hazards', records }));
    case 'districts':
      return cut(preview.records).map((records) => ({ kind: 'districts', records }));
    case 'roads':
      return [];
  }
}

/** `preview` with the records of `slices` of its kind, in order (the inverse of `recordSlices`). */
export function withRecords(preview: ImportPreview, slices: readonly RecordSlice[]): ImportPreview {
  switch (preview.kind) {
    case 'people':
      return { ...preview, records: slices.flatMap((s) => (s.kind === 'people' ? s.records : [])) };
    case 'supporters':
      return { ...preview, records: slices.flatMap((s) => (s.kind === 'supporters' ? s.records : [])) };
    case 'shelters':
      return { ...preview, records: slices.flatMap((s) => (s.kind === 'shelters' ? s.records : [])) };
    case 'hazards':
      return { ...preview, records: slices.flatMap((s) => (s.kind === 'hazards' ? s.records : [])) };
    case 'districts':
      return { ...preview, records: slices.flatMap((s) => (s.kind === 'districts' ? s.records : [])) };
    case 'roads':
      return preview;
  }
}

/** `preview` without its records (they travel as slices before it). */
export function withoutRecords(preview: ImportPreview): ImportPreview {
  return withRecords(preview, []);
}

/** Records sent per message before the result, so the page decodes 10⁵ records in short steps. */
export const RECORDS_PER_MESSAGE = 5000;

/**
 * 名簿の更新 of the records the worker read last (a 名簿 or supporter file), against the store the
 * worker opens: `roster-plan` compares (nothing written) and answers a `RosterUpdateSummary`;
 * `roster-apply` writes the update in one transaction; `roster-changes-csv` makes the 変更一覧 of
 * the last plan, recorded in the 提供記録. `formRecipients`: the consent form's 情報提供先 for 同意
 * rows naming none (名簿 only).
 */
export type RosterRequest =
  | { type: 'roster-plan'; id: number; choices: RosterUpdateChoices; formRecipients: ConsentRecipient[] }
  | { type: 'roster-apply'; id: number; choices: RosterUpdateChoices; formRecipients: ConsentRecipient[]; confirmArchiveCount?: number }
  | { type: 'roster-changes-csv'; id: number; encoding: ExcelEncoding };

export type ImportWorkerRequest = ImportRequest | RosterRequest;

export type ImportResponse =
  | { id: number; type: 'progress'; stage: string; done: number; total: number }
  | { id: number; type: 'roster-plan'; summary: RosterUpdateSummary }
  /** The history row the update wrote, or null when the file changed nothing (nothing written). */
  | { id: number; type: 'roster-applied'; record: RosterUpdateRecord | null }
  /** The 変更一覧 file, already recorded in the 提供記録 (save it as is). */
  | { id: number; type: 'roster-csv'; bytes: Uint8Array<ArrayBuffer>; fileName: string; rows: number }
  /** A slice of `preview.records`, in order; the `result` that follows has `records: []`. */
  | { id: number; type: 'records'; slice: RecordSlice }
  | { id: number; type: 'result'; preview: ImportPreview }
  | { id: number; type: 'failed'; message: string };
