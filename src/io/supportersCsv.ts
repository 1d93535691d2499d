/**
 * The supporter template → Supporter records:
 * `ID,氏名,役割,住所,電話番号,対応可能時間,支援可能人数,地区,緯度,経度` (or `X座標,Y座標,系番号`),
 * bound by header name. Names and addresses are stored as written. All-or-nothing per file.
 */
import { AVAILABILITY_LABELS, SUPPORTER_ROLE_LABELS, validateSupporter, type Availability, type Supporter, type SupporterRole } from '../core/supporter';
import { fieldsFromSpecs, type MappingTemplate } from './columnMapping';
import { cellOf, headerOf, type ColumnSpec } from './columns';
import { normalizeCodeText, parseWholeNumber } from './normalize';
import {
  DuplicateIds, LOCATION_COLUMNS, decodeRoster, fieldErrorsToRows, finishRosterRead, formulaProblems, matchLabel, readRowLocation, streamRosterRows,
  type LabelTable, type RosterFileResult, type RosterOptions,
} from './rosterCommon';
import type { RowError } from './rowError';
import { quoteValue } from './quote';

/** The template's header line (UTF-8 BOM when downloaded). */
export const SUPPORTER_TEMPLATE_HEADER = 'ID,氏名,役割,住所,電話番号,対応可能時間,支援可能人数,地区,緯度,経度';

export const SUPPORTER_COLUMNS = {
  id: { names: ['ID', '番号', '管理番号'], required: true, label: 'ID' },
  name: { names: ['氏名', '名前'], required: true, label: '氏名' },
  role: { names: ['役割', '区分', '立場'], required: true, label: '役割' },
  address: { names: ['住所'], label: '住所' },
  phone: { names: ['電話番号', '連絡先', '電話'], label: '電話番号' },
  availability: { names: ['対応可能時間', '対応時間', '支援可能時間'], label: '対応可能時間' },
  capacity: { names: ['支援可能人数', '支援人数', '担当可能人数'], label: '支援可能人数' },
  district: { names: ['地区', '地区名', '町内会', '行政区', '自治会'], label: '地区' },
  ...LOCATION_COLUMNS,
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof SUPPORTER_COLUMNS;

const ROLE_WORDS: LabelTable<SupporterRole> = [
  ['neighbor', ['近隣住民', '近隣', '近所', '隣人', '隣近所']],
  ['minsei', ['民生委員', '民生・児童委員', '民生児童委員']],
  ['jishubo', ['自主防災組織', '自主防災', '防災会']],
  ['shobodan', ['消防団', '消防団員']],
  ['family', ['家族', '親族']],
  ['care_staff', ['介護事業者', 'ケアマネジャー', 'ケアマネ', 'ヘルパー', '介護職員', '福祉事業者']],
  ['other', ['その他']],
];
const AVAILABILITY_WORDS: LabelTable<Availability> = [
  ['day_and_night', ['昼夜', '終日', '24時間', 'いつでも', '昼夜とも', '常時']],
  ['day', ['昼のみ', '昼', '日中', '昼間']],
  ['night', ['夜のみ', '夜', '夜間']],
];
const choices = (labels: Record<string, string>) => `「${Object.values(labels).join('」「')}」`;

const SUPPORTER_VALUE_FIELDS: Record<string, { words: LabelTable<string>; labels: Record<string, string> }> = {
  role: { words: ROLE_WORDS, labels: SUPPORTER_ROLE_LABELS },
  availability: { words: AVAILABILITY_WORDS, labels: AVAILABILITY_LABELS },
};

/** How the column-mapping step recognises the supporter fields in other layouts. */
export const SUPPORTER_MAPPING: MappingTemplate = {
  kind: 'supporters',
  fields: fieldsFromSpecs(SUPPORTER_COLUMNS, {
    id: { names: ['支援者番号', '整理番号'], hints: ['番号', 'ID', 'コード'], avoid: /電話|郵便|携帯|fax|系|対象者|要支援者/ },
    name: { names: ['支援者氏名', '支援者名'], hints: ['氏名', '名前'], avoid: /カナ|かな|フリガナ|ふりがな|よみ|対象者|要支援者/ },
    role: { names: ['支援者区分', '続柄・関係', '関係'], hints: ['役割', '区分', '立場', '関係', '続柄'] },
    address: { names: ['支援者住所'], hints: ['住所', '居所', '所在地'], avoid: /コード|対象者|要支援者/ },
    phone: { names: ['TEL', '支援者電話番号'], hints: ['電話', 'tel', '携帯', '連絡先'], avoid: /fax|対象者|要支援者/ },
    availability: { hints: ['時間', '時間帯'] },
    capacity: { hints: ['人数', '担当数'] },
    district: { hints: ['地区', '町内会', '行政区', '自治会'], avoid: /コード/ },
    lat: { hints: ['緯度', '北緯'] },
    lng: { hints: ['経度', '東経'] },
  }, { role: SUPPORTER_ROLE_LABELS, availability: AVAILABILITY_LABELS }),
  matchValue: (field, text) => {
    const v = SUPPORTER_VALUE_FIELDS[field];
    return v ? matchLabel(text, v.words) : null;
  },
};

const supporterCellText = (field: string, code: string) => SUPPORTER_VALUE_FIELDS[field]?.labels[code] ?? code;

const FIELD_KEYS: Record<string, Key> = { id: 'id', name: 'name', role: 'role', address: 'address', phone: 'phone', availability: 'availability', capacity: 'capacity', location: 'lat' };

/**
 * Decodes and reads a supporter CSV. 対応可能時間 empty → 昼夜; 支援可能人数 empty → 1 (the
 * smallest load anyone can take; the planner never assumes more than written).
 */
export function readSupportersFile(bytes: Uint8Array | string, file: string, options: RosterOptions = {}): RosterFileResult<Supporter> {
  const decoded = decodeRoster(bytes, file);
  if (!decoded.ok) return finishRosterRead([], [], [decoded.error], null, 0, {});
  const { text, encoding } = decoded;
  const now = options.now ?? new Date().toISOString();
  const errors: RowError[] = [];
  const rows: number[] = [];
  const supporters: Supporter[] = [];
  let ids: DuplicateIds | undefined;
  const stream = streamRosterRows(text, file, SUPPORTER_COLUMNS, SUPPORTER_MAPPING, supporterCellText, '支援者名簿', options, (headers, b) => {
    const col = (k: Key) => headerOf(headers, b, SUPPORTER_COLUMNS, k);
    const rowIds = new DuplicateIds(file, () => col('id'));
    ids = rowIds;
    return (row, cells) => {
      rowIds.see(normalizeCodeText(cellOf(cells, b, 'id')), row);
      const get = (k: Key) => cellOf(cells, b, k);
      const rowErrors: RowError[] = formulaProblems(headers, cells, file, row);
      const problem = (k: Key, message: string) => rowErrors.push({ file, row, column: col(k), message });
      const role = matchLabel(get('role'), ROLE_WORDS);
      if (!role) problem('role', `役割${quoteValue(get('role'))}が読めません（${choices(SUPPORTER_ROLE_LABELS)}のいずれか）。`);
      const availText = get('availability');
      const availability = normalizeCodeText(availText) === '' ? 'day_and_night' : matchLabel(availText, AVAILABILITY_WORDS);
      if (!availability) problem('availability', `対応可能時間${quoteValue(availText)}が読めません（${choices(AVAILABILITY_LABELS)}のいずれか）。`);
      const cap = parseWholeNumber(get('capacity').replace(/[人名]$/, ''));
      if (cap !== null && Number.isNaN(cap)) problem('capacity', `支援可能人数${quoteValue(get('capacity'))}は1〜20の整数で入力してください。`);
      const loc = readRowLocation(cells, b, now);
      for (const p of loc.problems) problem(p.key ?? 'lat', p.message);
      if (rowErrors.length || !role || !availability || (cap !== null && Number.isNaN(cap))) {
        errors.push(...rowErrors);
        return;
      }
      const s: Supporter = {
        id: normalizeCodeText(get('id')),
        name: get('name').trim(),
        role,
        address: get('address').trim(),
        phone: normalizeCodeText(get('phone')),
        availability,
        capacity: cap ?? 1,
        districtId: get('district').trim() || null,
        location: loc.value,
        origin: 'user',
        createdAt: now,
        updatedAt: now,
      };
      const fe = fieldErrorsToRows(validateSupporter(s), (f) => col(FIELD_KEYS[f] ?? 'id'), file, row);
      if (fe.length) errors.push(...fe);
      else {
        rows.push(row);
        supporters.push(s);
      }
    };
  });
  if (!stream.ok) return { records: [], errors: stream.errors, encoding, rowCount: stream.rowCount, rows: [], validRecords: [], ...stream.extra };
  return finishRosterRead(supporters, rows, [...stream.csvErrors, ...errors, ...(ids?.errors ?? [])], encoding, stream.rowCount, stream.extra);
}
