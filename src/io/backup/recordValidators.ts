import { isRecord } from '../../core/jsonShape';
import { validateDistrict } from '../../core/district';
import { validateDrill } from '../../core/drill';
import { EVENT_CODE_LENGTH, isDeviceShortId, isEventCode, validateEmergency } from '../../core/emergency';
import { HAZARD_TYPES, isHazardType } from '../../core/hazard';
import { readingId } from '../../core/hazardReading';
import { HAZARD_TILE_LAYERS } from '../../core/hazardTileLayers';
import { SAFETY_STATUSES } from '../../core/safetyRecord';
import { validateHazardZone } from '../../core/hazardZone';
import { validatePerson } from '../../core/person';
import { validatePlan } from '../../core/plan';
import { validateShelter } from '../../core/shelter';
import { validateSupporter } from '../../core/supporter';
import { isIsoDate, type FieldError } from '../../core/validation';
import { quoteValue } from '../quote';
import type { ContainerKind, Section } from './container';

/**
 * Validation of the rows of a backup or hand-over file, table by table, in the CURRENT schema's
 * shape (src/db/schema.ts): the tables imports and saves validate go through the very same
 * validators (validatePerson, validatePlan…); the others get a structural check of their fields.
 * Pure: no IndexedDB. Rows may hold typed arrays either restored or still tagged as in the file
 * (`{"$typedArray": "Float64Array", "values": [...]}`, docs/backup-format.md).
 */

type Row = Record<string, unknown>;
type RowValidator = (row: Row) => FieldError[];

/** One field's structural rule: its code name, Japanese label, test and what was expected. */
type FieldRule = [field: string, label: string, ok: (v: unknown) => boolean, expected: string];

const isText = (v: unknown) => typeof v === 'string';
const isKeyText = (v: unknown) => typeof v === 'string' && v !== '';
const isTextOrNull = (v: unknown) => v === null || typeof v === 'string';
const isBool = (v: unknown) => typeof v === 'boolean';
const isFiniteNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: unknown) => v === null || isFiniteNumber(v);
const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isSeq = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1;
const isSeqOrNull = (v: unknown) => v === null || isSeq(v);
const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isTextList = (v: unknown) => Array.isArray(v) && v.every(isText);
const isPresent = (v: unknown) => v !== undefined;
const isBbox = (v: unknown) => Array.isArray(v) && v.length === 4 && v.every(isFiniteNumber);
const isHazard = (v: unknown) => HAZARD_TYPES.some((h) => h === v);
/** Whether `v` is one of `words`. */
const isOneOf = (words: readonly string[]) => (v: unknown) => typeof v === 'string' && words.includes(v);
const isObject = isRecord;

/** A typed array of `name` (restored) or its tagged JSON form as the file holds it. */
const isTypedArray = (name: string) => (v: unknown) => {
  if (ArrayBuffer.isView(v)) return v.constructor.name === name;
  return isObject(v) && v.$typedArray === name && Array.isArray(v.values) && v.values.every(isFiniteNumber);
};

function structural(rules: readonly FieldRule[], extra?: RowValidator): RowValidator {
  return (row) => {
    const errors: FieldError[] = [];
    for (const [field, label, ok, expected] of rules) {
      if (!ok(row[field])) errors.push({ field, message: `${label}が${expected}ではありません。` });
    }
    return errors.length || !extra ? errors : extra(row);
  };
}

/**
 * A record validator of core (validatePerson…) run on a row not yet known to be such a record: the
 * one place a file's row is taken for the type it claims. The validators check every field; one
 * that stumbles on a missing part throws, and validateBackupRow reports that as an error.
 */
function claimed<T>(validate: (record: T) => FieldError[]): RowValidator {
  return (row) => validate(row as T);
}

/** Field errors of the object in `field`, under `validate`, with the field prefixed (an absent object is the caller's error). */
function nested(field: string, validate: RowValidator): RowValidator {
  return (row) => {
    const value = row[field];
    return isObject(value) ? validate(value).map((e) => ({ ...e, field: `${field}.${e.field}` })) : [];
  };
}

/** A field holding a plan (planVersions, planDrafts): the plan validator, fields prefixed. */
function planIn(field: string): RowValidator {
  return (row) => (isObject(row[field]) ? nested(field, claimed(validatePlan))(row) : [{ field, message: '計画がありません。' }]);
}

const isDrillRecordStatus = isOneOf(['safe', 'needs_help', 'not_reached', 'arrived']);

/** `PlanVersionKind` (src/db/schema.ts). */
const PLAN_VERSION_KINDS = ['save', 'autosave', 'restore', 'upgrade', 'merge', 'roster'];

/** The counts of a 名簿 update's history row (`RosterUpdateRecord.counts`). */
const rosterUpdateCounts = structural(
  (
    [
      ['added', '新規'],
      ['archived', '名簿から外れた人'],
      ['changed', '変更'],
      ['returned', '名簿に戻った人'],
      ['unchanged', '変更なし'],
      ['matchedByName', '氏名で照合'],
      ['reviews', '要見直し'],
      ['locationChecks', '位置の確認が必要'],
    ] as const
  ).map(([f, label]): FieldRule => [f, `${label}の件数`, isCount, '0以上の整数']),
);

/** validateDrill checks the scenario; the file must also carry well-formed check records. */
function drillRecords(row: Row): FieldError[] {
  if (!Array.isArray(row.records)) return [{ field: 'records', message: '訓練の記録が一覧ではありません。' }];
  const bad = row.records.findIndex((r: unknown) => !isObject(r) || !isKeyText(r.personId) || !isTime(r.at) || !isDrillRecordStatus(r.status) || !isText(r.note));
  return bad < 0 ? [] : [{ field: `records.${bad}`, message: `訓練の記録${bad + 1}件目の形が違います（要支援者ID・日時・状況・メモ）。` }];
}

const both = (a: RowValidator, b: RowValidator): RowValidator => (row) => {
  const first = a(row);
  return first.length ? first : b(row);
};

interface TableSpec {
  /** Japanese name shown in messages. */
  label: string;
  /** The primary key (as in SCHEMA_VERSIONS). */
  key: string;
  validate: RowValidator;
}

/** The bookkeeping of a 災害時モード event that validateEmergency leaves to the store: who, renewals, the end. */
const emergencyBookkeeping = structural([
  ['startedBy', '開始した作業者名', isText, '文字列'],
  ['renewals', '延長の記録', (v) => Array.isArray(v) && v.every((r: unknown) => isObject(r) && isTime(r.at) && isText(r.by) && isTime(r.expiresAt)), '延長の一覧（日時・作業者名・新しい期限）'],
  ['endedBy', '終了した作業者名', isTextOrNull, '文字列または null'],
  ['endReason', '終了の理由', (v) => v === null || v === 'ended' || v === 'expired', 'ended / expired / null のいずれか'],
  ['revealedCount', '災害時提供の人数', isCount, '0以上の整数'],
  ['includeRefused', '同意しなかった人を含めるか', isBool, 'true / false'],
]);

const TILE_LAYER_IDS = HAZARD_TILE_LAYERS.map((l) => l.id);
const isByte = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;

/** A stored `TileOutcome` (core/hazardReading.ts): its state and that state's fields. */
function isTileOutcome(v: unknown): boolean {
  if (!isObject(v)) return false;
  switch (v.state) {
    case 'inside':
      return isKeyText(v.key) && isKeyText(v.label) && isNumberOrNull(v.minDepthM);
    case 'outside':
    case 'no_tile':
      return true;
    case 'unreadable':
      return Array.isArray(v.rgba) && v.rgba.length === 4 && v.rgba.every(isByte);
    default:
      return false;
  }
}

/** A reading's layers: one outcome per tile layer, each layer once. */
const isReadingLayers = (v: unknown) =>
  Array.isArray(v) && v.every((l: unknown) => isObject(l) && isOneOf(TILE_LAYER_IDS)(l.layer) && isTileOutcome(l.outcome)) && new Set(v.map((l: { layer: string }) => l.layer)).size === v.length;

/** A reading's id is `${subject}|${subjectId}|${hazard}` of its own fields (a restore must not store one under another's id). */
function readingIdMatches(row: Row): FieldError[] {
  const { subject, subjectId, hazard } = row;
  const ok = (subject === 'person' || subject === 'shelter') && typeof subjectId === 'string' && isHazardType(hazard) && row.id === readingId(subject, subjectId, hazard);
  return ok ? [] : [{ field: 'id', message: 'IDが「対象|対象ID|災害種別」の形になっていません。' }];
}

/** Every table of the current schema (CURRENT_SCHEMA_VERSION 10), with its key and validator. */
export const BACKUP_TABLES: Record<string, TableSpec> = {
  people: { label: '要支援者', key: 'id', validate: claimed(validatePerson) },
  supporters: { label: '支援者', key: 'id', validate: claimed(validateSupporter) },
  shelters: { label: '避難所', key: 'id', validate: claimed(validateShelter) },
  districts: { label: '地区', key: 'id', validate: claimed(validateDistrict) },
  hazardZones: { label: 'ハザード区域', key: 'id', validate: claimed(validateHazardZone) },
  plans: { label: '個別避難計画', key: 'id', validate: claimed(validatePlan) },
  drills: { label: '訓練', key: 'id', validate: both(claimed(validateDrill), drillRecords) },
  planVersions: {
    label: '計画の履歴',
    key: 'seq',
    validate: structural(
      [
        ['seq', '通し番号', isSeq, '1以上の整数'],
        ['planId', '計画ID', isKeyText, '文字列'],
        ['personId', '要支援者ID', isKeyText, '文字列'],
        ['version', '版番号', isCount, '0以上の整数'],
        ['savedAt', '保存日時', isTime, '日時'],
        ['kind', '保存の種類', isOneOf(PLAN_VERSION_KINDS), `${PLAN_VERSION_KINDS.join(' / ')} のいずれか`],
        ['restoredFromSeq', '復元元の通し番号', isSeqOrNull, '整数または null'],
      ],
      planIn('plan'),
    ),
  },
  meta: { label: '設定', key: 'key', validate: structural([['key', 'キー', isKeyText, '文字列'], ['value', '値', isPresent, '値']]) },
  roadNetworks: {
    label: '道路網',
    key: 'id',
    validate: structural(
      [
        ['id', 'ID（ファイル名）', isKeyText, '文字列'],
        ['importedAt', '取り込み日時', isTime, '日時'],
        ['network', '道路データ', isObject, 'オブジェクト'],
      ],
      nested(
        'network',
        structural([
          ['coords', '座標', isTypedArray('Float64Array'), 'Float64Array'],
          ['offsets', '線の区切り', isTypedArray('Uint32Array'), 'Uint32Array'],
          ['highway', '道路の種類', isTypedArray('Uint16Array'), 'Uint16Array'],
          ['highwayValues', '道路の種類の一覧', isTextList, '文字列の一覧'],
          ['bbox', '範囲', isBbox, '4つの数値'],
          ['source', 'ファイル名', isText, '文字列'],
          ['attribution', '出典', isText, '文字列'],
        ]),
      ),
    ),
  },
  addressPoints: {
    label: '位置参照情報',
    key: 'seq',
    validate: structural([
      ['seq', '通し番号', isSeq, '1以上の整数'],
      ['file', 'ファイル名', isText, '文字列'],
      ['level', '種類', (v) => v === 'block' || v === 'town', 'block / town のいずれか'],
      ['prefecture', '都道府県', isText, '文字列'],
      ['city', '市区町村', isText, '文字列'],
      ['town', '大字・町丁目', isText, '文字列'],
      ['koaza', '小字', isText, '文字列'],
      ['block', '街区符号', isTextOrNull, '文字列または null'],
      ['lng', '経度', isFiniteNumber, '数値'],
      ['lat', '緯度', isFiniteNumber, '数値'],
      ['representative', '代表フラグ', isBool, 'true / false'],
      ['row', '行番号', isCount, '0以上の整数'],
    ]),
  },
  geocodeCache: {
    label: '住所検索の記録',
    key: 'key',
    validate: structural([
      ['key', '住所', isKeyText, '文字列'],
      ['found', '見つかったか', isBool, 'true / false'],
      ['lng', '経度', isNumberOrNull, '数値または null'],
      ['lat', '緯度', isNumberOrNull, '数値または null'],
      ['title', '地名', isText, '文字列'],
      ['at', '日時', isTime, '日時'],
    ]),
  },
  planDrafts: {
    label: '計画の下書き',
    key: 'personId',
    validate: structural(
      [
        ['personId', '要支援者ID', isKeyText, '文字列'],
        ['baseVersion', '元の版番号', isCount, '0以上の整数'],
        ['writtenAt', '書いた日時', isTime, '日時'],
      ],
      planIn('plan'),
    ),
  },
  hazardCoverage: {
    label: 'ハザード情報の範囲',
    key: 'source',
    validate: structural([
      ['source', 'ファイル名', isKeyText, '文字列'],
      ['hazard', '災害種別', isHazard, `${HAZARD_TYPES.join(' / ')} のいずれか`],
      ['bbox', '範囲', isBbox, '4つの数値'],
    ]),
  },
  disclosures: {
    label: '提供記録',
    key: 'seq',
    validate: structural([
      ['seq', '通し番号', isSeq, '1以上の整数'],
      ['id', 'ID', isKeyText, '文字列'],
      ['at', '日時', isTime, '日時'],
      ['kind', '種類', isKeyText, '文字列'],
      ['what', '内容', isText, '文字列'],
      ['recipient', '提供先', isTextOrNull, '文字列または null'],
      ['personIds', '対象者ID', isTextList, '文字列の一覧'],
      ['count', '人数', isCount, '0以上の整数'],
      ['wholeStore', '全件か', isBool, 'true / false'],
      ['fileName', 'ファイル名', isTextOrNull, '文字列または null'],
      ['operator', '作業者名', isText, '文字列'],
      ['emergencyId', '災害時モードの識別コード', (v) => v === undefined || isEventCode(v), `${EVENT_CODE_LENGTH}文字の英数字（または項目なし）`],
    ]),
  },
  rosterUpdates: {
    label: '名簿更新の記録',
    key: 'id',
    validate: structural(
      [
        ['id', 'ID', isKeyText, '文字列'],
        ['kind', '名簿の種類', (v) => v === 'people' || v === 'supporters', 'people / supporters のいずれか'],
        ['at', '日時', isTime, '日時'],
        ['on', '日付', isIsoDate, '「2027-04-01」の形の日付'],
        ['fileName', 'ファイル名', isText, '文字列'],
        ['operator', '作業者名', isTextOrNull, '文字列または null'],
        ['counts', '件数', isObject, 'オブジェクト'],
      ],
      nested('counts', rosterUpdateCounts),
    ),
  },
  emergencies: { label: '災害時モード', key: 'id', validate: both(claimed(validateEmergency), emergencyBookkeeping) },
  safetyRecords: {
    label: '安否の記録',
    key: 'id',
    validate: structural([
      ['id', 'ID', isKeyText, '文字列'],
      ['eventId', '災害の識別コード', isEventCode, `${EVENT_CODE_LENGTH}文字の英数字`],
      ['personId', '要支援者ID', isKeyText, '文字列'],
      ['status', '安否', isOneOf(SAFETY_STATUSES), `${SAFETY_STATUSES.join(' / ')} のいずれか`],
      ['shelterId', '避難先', isTextOrNull, '文字列または null'],
      ['at', '日時', isTime, '日時'],
      ['recorder', '記録した端末', isDeviceShortId, '4文字の英数字'],
      ['note', 'メモ', isText, '文字列'],
      ['receivedAt', '受け取った日時', (v) => v === null || isTime(v), '日時または null'],
      ['flag', '確認が必要な理由', (v) => v === null || v === 'future' || v === 'before_event', 'future / before_event / null のいずれか'],
    ]),
  },
  hazardReadings: {
    label: 'ハザードマップからの読み取り',
    key: 'id',
    validate: structural(
      [
        ['id', 'ID', isKeyText, '文字列'],
        ['subject', '対象', isOneOf(['person', 'shelter']), 'person / shelter のいずれか'],
        ['subjectId', '対象ID', isKeyText, '文字列'],
        ['hazard', '災害種別', isHazard, `${HAZARD_TYPES.join(' / ')} のいずれか`],
        ['layers', '読み取った層', isReadingLayers, `層（${TILE_LAYER_IDS.join(' / ')}）ごとの結果の一覧`],
        ['point', '読み取った地点', (v) => Array.isArray(v) && v.length === 2 && v.every(isFiniteNumber), '経度・緯度の2つの数値'],
        ['readAt', '読み取った日時', isTime, '日時'],
        ['readOn', '読み取った日', isIsoDate, '「2027-04-01」の形の日付'],
      ],
      readingIdMatches,
    ),
  },
};

/**
 * Sections that are not tables of the store: in a backup, the UI's saved settings (localStorage
 * key → text; src/db/backupFile.ts `LOCAL_SETTINGS_SECTION`); in a hand-over file, who it is for
 * (src/db/handover.ts `HANDOVER_INFO_TABLE`).
 */
const OWN_SECTIONS: Record<ContainerKind, Record<string, TableSpec>> = {
  backup: {
    localSettings: {
      label: '画面の設定',
      key: 'key',
      validate: structural([
        ['key', '設定の名前', isKeyText, '文字列'],
        ['value', '設定の値', isText, '文字列'],
      ]),
    },
  },
  handover: {
    handover: {
      label: '受け渡し先',
      key: 'recipient',
      validate: structural([
        ['recipient', '受け取る人', isKeyText, '文字列'],
        ['recipientKind', '受け取る人の種類', isKeyText, '文字列'],
      ]),
    },
  },
};

/** The sections a file of `kind` may hold. */
function tablesOf(kind: ContainerKind): Record<string, TableSpec> {
  return { ...BACKUP_TABLES, ...OWN_SECTIONS[kind] };
}

/** The Japanese name of a table or section (「要支援者」), or the name itself when unknown. */
export function tableLabel(table: string): string {
  for (const specs of [BACKUP_TABLES, OWN_SECTIONS.backup, OWN_SECTIONS.handover]) if (Object.hasOwn(specs, table)) return specs[table].label;
  return table;
}

/** A problem with one row of a file. `row` counts from 1 within its table, across sections (0: the table itself). */
export interface RecordError {
  table: string;
  row: number;
  /** The row's primary key as text ('' when it has none). */
  id: string;
  field: string;
  message: string;
}

/** 「要支援者 12行目（ID「P0012」） consent.status: 同意の状態は…」 */
export function formatRecordError(e: RecordError): string {
  const where = e.row === 0 ? `${tableLabel(e.table)}（${e.table}）` : `${tableLabel(e.table)} ${e.row}行目${e.id ? `（ID${quoteValue(e.id)}）` : ''}`;
  return `${where}${e.field ? ` ${e.field}` : ''}: ${e.message}`;
}

/** Field errors of one row of `table` (a validator that stumbles on a missing part is an error, not a crash). */
export function validateBackupRow(table: string, row: unknown, kind: ContainerKind = 'backup'): FieldError[] {
  const spec = tablesOf(kind)[table];
  if (!spec) return [{ field: '', message: `不明な表${quoteValue(table)}です。` }];
  if (!isObject(row)) return [{ field: '', message: '行がオブジェクトではありません。' }];
  try {
    return spec.validate(row);
  } catch {
    return [{ field: '', message: '行の形が違います（必要な項目が欠けているか、種類が違います）。' }];
  }
}

/**
 * Checks a file's sections as they are read: every row through its table's validator, primary
 * keys present and unique per table, no table this version does not know (a file from a newer
 * app would have them). Keeps the first `maxErrors` problems and counts all.
 */
export class BackupRecordCheck {
  readonly counts: Record<string, number> = {};
  readonly errors: RecordError[] = [];
  errorCount = 0;
  private readonly keys = new Map<string, Set<unknown>>();
  private readonly tables: Record<string, TableSpec>;

  constructor(
    readonly kind: ContainerKind,
    private readonly maxErrors = 100,
  ) {
    this.tables = tablesOf(kind);
  }

  private report(e: RecordError): void {
    this.errorCount++;
    if (this.errors.length < this.maxErrors) this.errors.push(e);
  }

  add({ table, rows }: Section): void {
    const spec = Object.hasOwn(this.tables, table) ? this.tables[table] : undefined;
    const before = this.counts[table] ?? 0;
    this.counts[table] = before + rows.length;
    if (!spec) {
      if (before === 0) this.report({ table, row: 0, id: '', field: '', message: `この版のアプリにない表です（新しい版のアプリで作られたファイルかもしれません）。` });
      return;
    }
    let keys = this.keys.get(table);
    if (!keys) this.keys.set(table, (keys = new Set()));
    rows.forEach((row, i) => {
      const key = isObject(row) ? row[spec.key] : undefined;
      const where = { table, row: before + i + 1, id: typeof key === 'string' || typeof key === 'number' ? String(key) : '' };
      const fieldErrors = validateBackupRow(table, row, this.kind);
      for (const fe of fieldErrors) this.report({ ...where, ...fe });
      if (where.id === '') {
        if (!fieldErrors.some((e) => e.field === spec.key)) this.report({ ...where, field: spec.key, message: 'キーがありません。' });
        return;
      }
      if (keys.has(key)) this.report({ ...where, field: spec.key, message: '同じキーの行がほかにもあります。' });
      keys.add(key);
    });
  }
}
