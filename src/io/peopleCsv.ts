/**
 * The app's 名簿 template → Person records:
 * `ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度`
 * plus optional `同意日`, `同意方法`, `情報提供先`, `意思疎通`, and `X座標,Y座標,系番号[,測地系]` instead of
 * 緯度/経度. Columns are bound by header name. Names, addresses and reasons are stored as written;
 * dates, phone numbers and coordinates are normalised. All-or-nothing per file.
 */
import {
  COMMUNICATION_LABELS, HOUSEHOLD_LABELS, MEDICAL_LABELS, MOBILITY_LABELS, SEX_LABELS, validatePerson,
  type CommunicationNeed, type Household, type MedicalNeed, type Mobility, type Person, type Sex,
} from '../core/person';
import { CONSENT_METHOD_LABELS, CONSENT_RECIPIENT_LABELS, CONSENT_STATUS_LABELS, type ConsentMethod, type ConsentRecipient, type ConsentStatus } from '../core/consent';
import { applyMapping, fieldsFromSpecs, missingFieldsMessage, profileColumns, resolveMapping, type ColumnProfile, type MappingOption, type MappingTemplate } from './columnMapping';
import { cellOf, headerOf, type ColumnBinding, type ColumnSpec } from './columns';
import { parseCsvTable, type CsvTable } from './csv';
import { decodeBytes, type TextEncodingName } from './encoding';
import { normalizeCodeText } from './normalize';
import {
  LOCATION_COLUMNS, bindTemplate, duplicateIdErrors, fieldErrorsToRows, formulaProblems, matchLabel, matchLabelList,
  readRowLocation, type LabelTable,
} from './rosterCommon';
import type { ReadResult, RowError } from './rowError';
import { parseJapaneseDate } from './wareki';

/** The template's header line (UTF-8 BOM when downloaded). */
export const PEOPLE_TEMPLATE_HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';

export const PEOPLE_COLUMNS = {
  id: { names: ['ID', '番号', '管理番号', '個人番号'], required: true, label: 'ID' },
  name: { names: ['氏名', '名前', '氏名(漢字)'], required: true, label: '氏名' },
  nameKana: { names: ['フリガナ', 'ふりがな', 'カナ氏名', '氏名(カナ)', 'シメイ'], label: 'フリガナ' },
  birthDate: { names: ['生年月日', '誕生日'], label: '生年月日' },
  sex: { names: ['性別'], label: '性別' },
  address: { names: ['住所', '住所又は居所', '居所', '現住所'], required: true, label: '住所' },
  phone: { names: ['電話番号', '連絡先', '電話'], label: '電話番号' },
  reason: { names: ['避難支援等を必要とする事由', '事由', '支援を必要とする事由', '要支援事由'], label: '避難支援等を必要とする事由' },
  mobility: { names: ['移動', '移動手段', '歩行'], required: true, label: '移動' },
  household: { names: ['世帯', '世帯状況', '世帯構成'], label: '世帯' },
  medical: { names: ['医療', '医療的ケア', '医療機器'], label: '医療' },
  communication: { names: ['意思疎通', 'コミュニケーション'], label: '意思疎通' },
  consent: { names: ['同意', '同意の有無', '名簿情報提供の同意', '同意状況'], label: '同意' },
  consentDate: { names: ['同意日', '同意年月日'], label: '同意日' },
  consentMethod: { names: ['同意方法', '同意の方法'], label: '同意方法' },
  recipients: { names: ['情報提供先', '提供先'], label: '情報提供先' },
  district: { names: ['地区', '地区名', '町内会', '行政区', '自治会'], label: '地区' },
  ...LOCATION_COLUMNS,
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof PEOPLE_COLUMNS;

const SEX_WORDS: LabelTable<Sex> = [['male', ['男', '男性', 'M', 'male', '1']], ['female', ['女', '女性', 'F', 'female', '2']], ['other', ['その他']], ['unknown', ['不明', '未回答', '-']]];
const MOBILITY_WORDS: LabelTable<Mobility> = [
  ['independent', ['独歩', '自立', '歩行可', '歩行可能', '自力歩行']],
  ['cane_walker', ['杖・歩行器', '杖', 'つえ', '歩行器', 'シルバーカー', '歩行補助']],
  ['wheelchair', ['車いす', '車椅子', '車イス', 'くるまいす']],
  ['bedridden', ['寝たきり', 'ストレッチャー', '担架']],
];
const HOUSEHOLD_WORDS: LabelTable<Household> = [
  ['daytime_alone', ['日中独居', '日中独り', '日中一人']],
  ['alone', ['一人暮らし', 'ひとり暮らし', '独居', '単身', '単身世帯']],
  ['elderly_only', ['高齢者のみ世帯', '高齢者のみ', '高齢者世帯', '高齢夫婦', '老老']],
  ['with_family', ['家族と同居', '同居', '家族同居']],
  ['unknown', ['不明']],
];
const MEDICAL_WORDS: LabelTable<MedicalNeed> = [
  ['ventilator', ['人工呼吸器', '呼吸器']], ['home_oxygen', ['在宅酸素', '酸素', '在宅酸素療法', 'HOT']], ['dialysis', ['透析', '人工透析']],
  ['suction', ['たん吸引', '痰吸引', '喀痰吸引', '吸引']], ['tube_feeding', ['経管栄養', '胃ろう', '胃瘻']], ['insulin', ['インスリン', 'インシュリン']],
];
const COMMUNICATION_WORDS: LabelTable<CommunicationNeed> = [
  ['hearing', ['聴覚', '聴覚障がい', '聴覚障害', '難聴']], ['vision', ['視覚', '視覚障がい', '視覚障害']], ['dementia', ['認知症']],
  ['intellectual', ['知的障がい', '知的障害', '知的']], ['language', ['日本語が不自由', '外国人', '外国語']], ['speech', ['発話', '言語障がい', '言語障害']],
];
const CONSENT_WORDS: LabelTable<ConsentStatus> = [
  ['pending', ['未確認', '未回答', '無回答', '確認中', '未', '不明']],
  ['refused', ['不同意', '同意しない', '拒否', '無', 'なし', '×', '否']],
  ['given', ['同意', '同意する', '同意済', '同意済み', '有', 'あり', '済', '○', '〇']],
];
const METHOD_WORDS: LabelTable<ConsentMethod> = [['signature', ['署名', '書面', '同意書']], ['verbal', ['口頭']], ['deemed', ['条例による同意みなし', 'みなし', '条例']], ['unknown', ['不明']]];
const RECIPIENT_WORDS: LabelTable<ConsentRecipient> = [
  ['jishubo', ['自主防災組織', '自主防災']], ['minsei', ['民生委員', '民生・児童委員']], ['shobodan', ['消防団']],
  ['chonaikai', ['町内会', '自治会']], ['shakyo', ['社会福祉協議会', '社協']], ['police', ['警察']],
];

const choices = (labels: Record<string, string>) => `「${Object.values(labels).join('」「')}」`;

/** Value fields of the 名簿 whose words a column mapping may translate: their words and template labels. */
const PEOPLE_VALUE_FIELDS: Record<string, { words: LabelTable<string>; labels: Record<string, string> }> = {
  mobility: { words: MOBILITY_WORDS, labels: MOBILITY_LABELS },
  sex: { words: SEX_WORDS, labels: SEX_LABELS },
  consent: { words: CONSENT_WORDS, labels: CONSENT_STATUS_LABELS },
  household: { words: HOUSEHOLD_WORDS, labels: HOUSEHOLD_LABELS },
};

/** How the column-mapping step recognises the 名簿's fields in other layouts (welfare-system exports). */
export const PEOPLE_MAPPING: MappingTemplate = {
  kind: 'people',
  fields: fieldsFromSpecs(PEOPLE_COLUMNS, {
    id: { names: ['宛名番号', '住民番号', '整理番号', '対象者番号', '識別番号'], hints: ['番号', 'ID', 'コード'], avoid: /電話|郵便|携帯|fax|ファクス|系|世帯/ },
    name: { names: ['氏名漢字', '漢字氏名', '対象者氏名', '本人氏名'], hints: ['氏名', '名前'], avoid: /カナ|かな|フリガナ|ふりがな|よみ|読み|緊急|連絡先|支援者|家族|世帯主|ローマ/ },
    nameKana: { names: ['氏名カナ', 'カナ', 'フリガナ氏名', 'よみがな', '氏名フリガナ'], hints: ['カナ', 'フリガナ', 'ふりがな', 'よみがな'], avoid: /緊急|連絡先|支援者|家族|世帯主/ },
    birthDate: { hints: ['生年月日', '誕生'] },
    sex: { hints: ['性別'] },
    address: { names: ['住所又は居所', '本人住所'], hints: ['住所', '居所', '所在地'], avoid: /コード|緊急|連絡先|家族|支援者|番地以下|方書/ },
    phone: { names: ['TEL', '電話番号(自宅)', '自宅電話'], hints: ['電話', 'tel', '携帯'], avoid: /緊急|家族|支援者|fax|ファクス/ },
    reason: { hints: ['事由', '理由', '支援区分', '対象区分'] },
    mobility: { names: ['歩行状態', '歩行状況', '移動方法', '移動能力', '歩行能力'], hints: ['移動', '歩行'], avoid: /介護|要支援/ },
    household: { names: ['世帯区分', '世帯類型'], hints: ['世帯'], avoid: /番号|世帯主|人数/ },
    medical: { hints: ['医療'] },
    communication: { hints: ['意思疎通', 'コミュニケーション'] },
    consent: { names: ['同意区分', '同意有無', '名簿提供同意', '情報提供同意', '提供同意'], hints: ['同意'], avoid: /日|方法|提供先/ },
    consentDate: { names: ['同意取得日'], hints: ['同意日', '同意年月日'] },
    consentMethod: { hints: ['同意方法'] },
    recipients: { hints: ['提供先'] },
    district: { names: ['地区名称', '行政区名', '町内会名', '自治会名'], hints: ['地区', '町内会', '行政区', '自治会'], avoid: /コード/ },
    lat: { hints: ['緯度', '北緯'] },
    lng: { hints: ['経度', '東経'] },
    zone: { hints: ['系番号', '座標系'] },
    datum: { hints: ['測地系'] },
  }, Object.fromEntries(Object.entries(PEOPLE_VALUE_FIELDS).map(([k, v]) => [k, v.labels]))),
  matchValue: (field, text) => {
    const v = PEOPLE_VALUE_FIELDS[field];
    return v ? matchLabel(text, v.words) : null;
  },
};

/** The template's word for a value code, as the reader reads it. */
function peopleCellText(field: string, code: string): string {
  return PEOPLE_VALUE_FIELDS[field]?.labels[code] ?? code;
}

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
  errors.sort((a, b) => a.row - b.row);
  const rowsWithErrors = new Set(errors.map((e) => e.row));
  const validRecords = records.filter((_, i) => !rowsWithErrors.has(rows[i]));
  return { records: errors.length ? [] : records, validRecords, errors, encoding, rowCount, rows: errors.length ? [] : rows, ...extra };
}

/**
 * Parses, then binds the columns by the mapping when one applies, else by the template's names.
 * Shared by the 名簿 and supporter readers; on failure returns the file-level error.
 */
export function bindRosterTable<K extends string>(
  text: string, file: string, specs: Record<K, ColumnSpec>, template: MappingTemplate, cellText: (field: string, code: string) => string,
  what: string, options: RosterOptions,
): { ok: true; table: CsvTable; binding: ColumnBinding<K>; extra: Pick<RosterFileResult<never>, 'headers' | 'profile' | 'mapped'> } | { ok: false; table: CsvTable; errors: RowError[]; extra: Pick<RosterFileResult<never>, 'headers' | 'profile' | 'needsMapping'> } {
  const table = parseCsvTable(text, file);
  if (table.headers.length === 0 || table.records.length === 0) return { ok: false, table, errors: table.errors, extra: {} };
  const profile = options.profile ? profileColumns(table) : undefined;
  const mapping = resolveMapping(options.mapping, table.headers);
  if (mapping) {
    const m = applyMapping(table, specs, template, mapping, cellText);
    if (m.missing.length) return { ok: false, table, errors: [...table.errors, { file, row: 0, column: null, message: missingFieldsMessage(m.missing) }], extra: { headers: table.headers, profile, needsMapping: true } };
    return { ok: true, table: m.table, binding: m.binding, extra: { headers: table.headers, profile, mapped: true } };
  }
  const bound = bindTemplate(table.headers, specs, file, what);
  if ('error' in bound) return { ok: false, table, errors: [...table.errors, bound.error], extra: { headers: table.headers, profile, needsMapping: true } };
  return { ok: true, table, binding: bound.binding, extra: { headers: table.headers, profile, mapped: false } };
}

const FIELD_KEYS: Record<string, Key> = {
  id: 'id', name: 'name', nameKana: 'nameKana', birthDate: 'birthDate', sex: 'sex', address: 'address', phone: 'phone', reason: 'reason',
  mobility: 'mobility', household: 'household', medical: 'medical', communication: 'communication', location: 'lat',
  'consent.status': 'consent', 'consent.date': 'consentDate', 'consent.method': 'consentMethod', 'consent.recipients': 'recipients',
};

/** Decodes (UTF-8 / BOM / Shift_JIS) and reads a 名簿 CSV in the template layout. */
export function readPeopleFile(bytes: Uint8Array | string, file: string, options: RosterOptions = {}): RosterFileResult<Person> {
  const decoded = decodeRoster(bytes, file);
  if (!decoded.ok) return finishRosterRead([], [], [decoded.error], null, 0, {});
  const { text, encoding } = decoded;
  const bound = bindRosterTable(text, file, PEOPLE_COLUMNS, PEOPLE_MAPPING, peopleCellText, '名簿', options);
  const { table } = bound;
  const rowCount = table.records.length;
  if (!bound.ok) return { records: [], errors: bound.errors, encoding, rowCount, rows: [], validRecords: [], ...bound.extra };
  const b = bound.binding;
  const { headers } = table;
  const col = (k: Key) => headerOf(headers, b, PEOPLE_COLUMNS, k);
  const now = options.now ?? new Date().toISOString();
  const errors: RowError[] = [...table.errors];
  const rows: number[] = [];
  const people: Person[] = [];

  // This loop runs once per row of files with 10⁵ rows: the helpers are made once, not per row.
  const get = (cells: readonly string[], k: Key) => cellOf(cells, b, k);
  const problem = (rowErrors: RowError[], row: number, k: Key, message: string) => rowErrors.push({ file, row, column: col(k), message });
  const columnOfField = (f: string) => col(FIELD_KEYS[f] ?? 'id');
  const ids: { id: string; row: number }[] = [];
  for (const { row, cells } of table.records) {
    const id = normalizeCodeText(get(cells, 'id'));
    ids.push({ id, row });
    const rowErrors: RowError[] = formulaProblems(headers, cells, file, row);

    const birth = parseJapaneseDate(get(cells, 'birthDate'), '生年月日');
    if (!birth.ok) problem(rowErrors, row, 'birthDate', birth.message);
    const sexText = get(cells, 'sex');
    const sex = normalizeCodeText(sexText) === '' ? 'unknown' : matchLabel(sexText, SEX_WORDS);
    if (!sex) problem(rowErrors, row, 'sex', `性別「${sexText}」が読めません（${choices(SEX_LABELS)}のいずれか。空欄は不明）。`);
    const mobility = matchLabel(get(cells, 'mobility'), MOBILITY_WORDS);
    if (!mobility) problem(rowErrors, row, 'mobility', get(cells, 'mobility').trim() ? `移動「${get(cells, 'mobility')}」が読めません（${choices(MOBILITY_LABELS)}のいずれか）。` : `移動が空欄です（${choices(MOBILITY_LABELS)}のいずれか）。避難の手段と時間の見積もりに使います。`);
    const householdText = get(cells, 'household');
    const household = normalizeCodeText(householdText) === '' ? 'unknown' : matchLabel(householdText, HOUSEHOLD_WORDS);
    if (!household) problem(rowErrors, row, 'household', `世帯「${householdText}」が読めません（${choices(HOUSEHOLD_LABELS)}のいずれか。空欄は不明）。`);
    const medical = matchLabelList(get(cells, 'medical'), MEDICAL_WORDS);
    if (medical.unknown.length) problem(rowErrors, row, 'medical', `医療「${medical.unknown.join('、')}」が読めません（${choices(MEDICAL_LABELS)}を「、」か「・」で区切って。なければ空欄）。`);
    const communication = matchLabelList(get(cells, 'communication'), COMMUNICATION_WORDS);
    if (communication.unknown.length) problem(rowErrors, row, 'communication', `意思疎通「${communication.unknown.join('、')}」が読めません（${choices(COMMUNICATION_LABELS)}を「、」で区切って）。`);

    // 同意 may carry its date: 「同意 2024-04-01」「同意（R6.4.1）」.
    const consentText = normalizeCodeText(get(cells, 'consent'));
    const cm = consentText.match(/^(.+?)(?:\s*\(\s*|\s+)(.+?)\)?$/) ?? consentText.match(/^(\D+?)(\d{4}\D.*|\d{8})$/);
    const statusWord = cm ? cm[1] : consentText;
    const status = statusWord === '' ? 'pending' : matchLabel(statusWord, CONSENT_WORDS);
    if (!status) problem(rowErrors, row, 'consent', `同意「${get(cells, 'consent')}」が読めません（${choices(CONSENT_STATUS_LABELS)}のいずれか。空欄は未確認）。`);
    const dateText = get(cells, 'consentDate').trim() || (cm ? cm[2] : '');
    const consentDate = parseJapaneseDate(dateText, '同意日');
    if (!consentDate.ok) problem(rowErrors, row, get(cells, 'consentDate').trim() ? 'consentDate' : 'consent', consentDate.message);
    const methodText = get(cells, 'consentMethod');
    const method = normalizeCodeText(methodText) === '' ? 'unknown' : matchLabel(methodText, METHOD_WORDS);
    if (!method) problem(rowErrors, row, 'consentMethod', `同意方法「${methodText}」が読めません（${choices(CONSENT_METHOD_LABELS)}のいずれか）。`);
    const recipients = matchLabelList(get(cells, 'recipients'), RECIPIENT_WORDS);
    if (recipients.unknown.length) problem(rowErrors, row, 'recipients', `情報提供先「${recipients.unknown.join('、')}」が読めません（${choices(CONSENT_RECIPIENT_LABELS)}を「、」で区切って）。`);

    const loc = readRowLocation(cells, b, now);
    for (const p of loc.problems) problem(rowErrors, row, p.key ?? 'lat', p.message);

    if (rowErrors.length || !birth.ok || !sex || !mobility || !household || !status || !consentDate.ok || !method) {
      errors.push(...rowErrors);
      continue;
    }
    const person: Person = {
      id,
      name: get(cells, 'name').trim(),
      nameKana: get(cells, 'nameKana').trim(),
      birthDate: birth.value,
      sex,
      address: get(cells, 'address').trim(),
      phone: normalizeCodeText(get(cells, 'phone')),
      reason: get(cells, 'reason').trim(),
      districtId: get(cells, 'district').trim() || null,
      location: loc.value,
      mobility,
      household,
      medical: medical.codes,
      communication: communication.codes,
      consent: { status, date: consentDate.value, method, recipients: recipients.codes },
      origin: 'user',
      createdAt: now,
      updatedAt: now,
    };
    const fieldErrors = validatePerson(person);
    if (fieldErrors.length) errors.push(...fieldErrorsToRows(fieldErrors, columnOfField, file, row));
    else {
      rows.push(row);
      people.push(person);
    }
  }
  errors.push(...duplicateIdErrors(ids, file, col('id')));
  return finishRosterRead(people, rows, errors, encoding, rowCount, bound.extra);
}
