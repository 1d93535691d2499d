/**
 * 自治体標準オープンデータセット「指定緊急避難場所一覧」(current layout, `ID,名称,…,所在地_連結表記,
 * …,緯度,経度,…,災害種別_洪水,…,想定収容人数,…`) and the older 推奨データセット (`NO,名称,住所,方書,
 * 緯度,経度,災害種別_…`), and other municipal shelter lists with similar headers, bound by header name.
 */
import { HAZARD_LABELS, HAZARD_TYPES, type HazardType } from '../core/hazard';
import { SHELTER_KIND_LABELS, SHELTER_KINDS, type Shelter, type ShelterKind } from '../core/shelter';
import { parseCapacityText } from './capacity';
import { applyMapping, fieldsFromSpecs, missingFieldsMessage, type ColumnMapping, type MappingField, type MappingTemplate } from './columnMapping';
import { bindColumns, cellOf, headerOf, type ColumnBinding, type ColumnSpec } from './columns';
import { readLatLng } from './coordinates';
import type { CsvTable } from './csv';
import { readAccepts } from './gsiShelters';
import { HAZARD_HEADER_NAMES, hazardColumns, hazardOfHeader, readFlag } from './hazardColumns';
import { prefectureCodeOf, repairLocalGovCode } from './localGovCode';
import { looksLikeFormula, normalizeCodeText } from './normalize';
import type { RowError } from './rowError';
import { quoteValue } from './quote';

const COLUMNS = {
  code: { names: ['全国地方公共団体コード', '所在地_全国地方公共団体コード', '都道府県コード又は市区町村コード', '市区町村コード', '地方公共団体コード', '団体コード'], label: '全国地方公共団体コード' },
  id: { names: ['ID', 'NO', 'No.', '番号', '施設ID', '施設番号'], label: 'ID' },
  name: { names: ['名称', '施設名', '施設・場所名', '避難場所名', '避難所名', '施設名称'], required: true, label: '名称' },
  address: { names: ['所在地_連結表記', '住所', '所在地', '住所_連結表記'], label: '住所' },
  pref: { names: ['所在地_都道府県', '都道府県名', '都道府県'], label: '所在地_都道府県' },
  city: { names: ['所在地_市区町村', '市区町村名', '市区町村'], label: '所在地_市区町村' },
  town: { names: ['所在地_町字', '町字'], label: '所在地_町字' },
  block: { names: ['所在地_番地以下', '番地以下'], label: '所在地_番地以下' },
  building: { names: ['建物名等(方書)', '方書', '建物名等'], label: '方書' },
  lat: { names: ['緯度', 'lat', 'latitude'], required: true, label: '緯度' },
  lng: { names: ['経度', 'lon', 'lng', 'longitude'], required: true, label: '経度' },
  capacity: { names: ['想定収容人数', '収容人数', '収容可能人数', '収容人員', '想定収容人員'], label: '想定収容人数' },
  alsoShelter: { names: ['指定避難所との重複'], label: '指定避難所との重複' },
  sameAddress: { names: ['指定避難所との住所同一'], label: '指定避難所との住所同一' },
  kind: { names: ['種別', '施設種別', '区分', '避難所種別', '施設区分'], label: '種別' },
  accepts: { names: ['受入対象者', '受け入れ対象者'], label: '受入対象者' },
  communities: { names: ['対象となる町会・自治会', '対象地区', '対象町会'], label: '対象となる町会・自治会' },
  notes: { names: ['備考'], label: '備考' },
} satisfies Record<string, ColumnSpec>;
type Key = keyof typeof COLUMNS;

/** True when headers have at least a 名称, 緯度 and 経度 column (the minimum of a shelter list). */
export function isStandardShelterCsv(headers: readonly string[]): boolean {
  return bindColumns(headers, COLUMNS).missing.length === 0;
}

/** Kind from a 種別 cell: 福祉避難所 → welfare_shelter, 避難所 → shelter, 避難場所 → emergency_site. */
function kindOfText(s: string): ShelterKind | null {
  if (/福祉/.test(s)) return 'welfare_shelter';
  if (/避難場所/.test(s)) return 'emergency_site';
  if (/避難所/.test(s)) return 'shelter';
  return null;
}

const MAPPED_KEYS = ['id', 'name', 'address', 'lat', 'lng', 'kind', 'capacity', 'accepts', 'notes'] as const;

/** How the column-mapping step recognises a shelter list's fields: 名称, 住所, 緯度, 経度, 種別 (or one for the file), hazard flags, 収容人数, 受入対象者, ID, 備考. */
export const SHELTER_MAPPING: MappingTemplate = {
  kind: 'shelters',
  fields: [
    ...fieldsFromSpecs(Object.fromEntries(MAPPED_KEYS.map((k) => [k, COLUMNS[k]])), {
      id: { names: ['施設コード', '避難所番号', '避難所ID'], hints: ['番号', 'ID', 'コード'], avoid: /電話|郵便|団体|市区町村|都道府県|共通/ },
      name: { names: ['避難所名称', '避難場所名称', '施設名'], hints: ['名称', '施設名', '避難所名', '避難場所名'], avoid: /カナ|かな|ふりがな|フリガナ|よみ|英語|ローマ|english/ },
      address: { hints: ['住所', '所在地'], avoid: /コード|都道府県$|市区町村$/ },
      lat: { hints: ['緯度', '北緯'] },
      lng: { hints: ['経度', '東経'] },
      kind: { names: ['避難所区分', '指定区分'], hints: ['種別', '区分', '種類'], avoid: /災害|ハザード/, fixable: true },
      capacity: { names: ['収容定員', '定員'], hints: ['収容', '定員', '人数'] },
      accepts: { hints: ['受入', '受け入れ', '対象者'] },
      notes: { hints: ['備考'] },
    }, { kind: SHELTER_KIND_LABELS }),
    ...HAZARD_TYPES.map((h): MappingField => ({
      key: `hazard.${h}`,
      label: `対象の災害: ${HAZARD_LABELS[h]}`,
      required: false,
      names: [...HAZARD_HEADER_NAMES[h]],
      test: (header) => hazardOfHeader(header) === h,
      hints: HAZARD_HEADER_NAMES[h],
    })),
  ],
  matchValue: (field, text) => (field === 'kind' ? kindOfText(text.normalize('NFKC')) : null),
};

const shelterCellText = (field: string, code: string) => {
  const kind = field === 'kind' ? SHELTER_KINDS.find((k) => k === code) : undefined;
  return kind ? SHELTER_KIND_LABELS[kind] : code;
};

/** Binding by the mapping: the spec columns and the hazard flag columns the user chose. */
function bindByMapping(table: CsvTable, mapping: ColumnMapping): { table: CsvTable; binding: ColumnBinding<Key>; hazards: Map<HazardType, number>; missing: MappingField[] } {
  const m = applyMapping(table, COLUMNS, SHELTER_MAPPING, mapping, shelterCellText);
  const hazards = new Map<HazardType, number>();
  for (const h of HAZARD_TYPES) if (m.index[`hazard.${h}`] >= 0) hazards.set(h, m.index[`hazard.${h}`]);
  return { table: m.table, binding: m.binding, hazards, missing: m.missing };
}

/**
 * Reads a 標準オープンデータセット shelter list from a parsed table. ID = `<6-digit 全国地方公共団体コード>-<ID>`
 * (the municipal ID is only unique within a city; the name stands in when there is no ID column).
 * A row without a code uses the code most rows of the file have. With a `mapping`, columns are
 * bound as the user confirmed (hazard flags included) instead of by name. Default kind: 指定緊急避難場所;
 * `指定避難所との重複 = 1` adds 指定避難所; a 種別 column overrides.
 */
export function readStandardShelterCsv(source: CsvTable, file: string, mapping?: ColumnMapping): { shelters: Shelter[]; errors: RowError[] } {
  let table = source;
  let binding: ColumnBinding<Key>;
  let hz: Map<HazardType, number>;
  if (mapping) {
    const m = bindByMapping(source, mapping);
    if (m.missing.length) return { shelters: [], errors: [{ file, row: 0, column: null, message: missingFieldsMessage(m.missing) }] };
    ({ table, binding } = m);
    hz = m.hazards;
  } else {
    const bound = bindColumns(source.headers, COLUMNS);
    if (bound.missing.length) {
      return { shelters: [], errors: [{ file, row: 0, column: null, message: `必要な列「${bound.missing.map((k) => COLUMNS[k].label).join('」「')}」がありません。見出し行に「名称」「緯度」「経度」の列が必要です。` }] };
    }
    binding = bound.binding;
    hz = hazardColumns(source.headers);
  }
  const { headers } = table;
  const col = (k: Key) => headerOf(headers, binding, COLUMNS, k);
  const errors: RowError[] = [];
  const shelters: Shelter[] = [];

  const codes = table.records.map(({ row, cells }) => {
    const raw = cellOf(cells, binding, 'code');
    if (!normalizeCodeText(raw)) return null;
    const pref = prefectureCodeOf(cellOf(cells, binding, 'pref')) ?? prefectureCodeOf(cellOf(cells, binding, 'address'));
    const r = repairLocalGovCode(raw, pref);
    if (!r.ok) errors.push({ file, row, column: col('code'), message: r.message });
    return r.ok ? r.code : null;
  });
  const counts = new Map<string, number>();
  for (const c of codes) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
  const fileCode = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;

  table.records.forEach(({ row, cells }, i) => {
    const get = (k: Key) => cellOf(cells, binding, k);
    const rowErrors: RowError[] = [];
    const name = get('name').trim();
    if (!name) rowErrors.push({ file, row, column: col('name'), message: '名称が空欄です。' });
    const parts = [get('pref'), get('city'), get('town'), get('block')].map((s) => s.trim()).join('');
    const address = [get('address').trim() || parts, get('building').trim()].filter(Boolean).join(' ');
    for (const [k, v] of [['name', name], ['address', address]] as const) {
      if (looksLikeFormula(v)) rowErrors.push({ file, row, column: col(k), message: `${quoteValue(v)}は表計算ソフトで数式として実行されるおそれがあります。先頭の「=」「+」「-」「@」を取り除いてください。` });
    }
    const hazards: HazardType[] = [];
    for (const [h, idx] of hz) {
      const v = readFlag(cells[idx]);
      if (v === null) rowErrors.push({ file, row, column: headers[idx], message: `災害種別の値${quoteValue(cells[idx])}が読めません（対象なら「1」または「○」、対象外なら空欄）。` });
      else if (v) hazards.push(h);
    }
    const ll = readLatLng(get('lat'), get('lng'));
    if (!ll.ok) rowErrors.push({ file, row, column: ll.column === 'lng' ? col('lng') : col('lat'), message: ll.message });
    else if (!ll.value) rowErrors.push({ file, row, column: col('lat'), message: '緯度・経度が空欄です。避難場所の位置は必須です。' });
    const localId = normalizeCodeText(get('id')).replace(/\s/g, '') || name;
    const code = codes[i] ?? fileCode;
    const capText = get('capacity').trim();
    const cap = parseCapacityText(capText);
    let kinds: ShelterKind[] = ['emergency_site'];
    const kindText = get('kind').trim();
    if (kindText) {
      const k = kindOfText(kindText);
      if (!k) rowErrors.push({ file, row, column: col('kind'), message: `種別${quoteValue(kindText)}が読めません（「指定緊急避難場所」「指定避難所」「福祉避難所」のいずれか）。` });
      else kinds = [k];
    }
    if (readFlag(get('alsoShelter')) === true && !kinds.includes('shelter')) kinds.push('shelter');
    const notes = [
      capText && cap.capacity === null ? `想定収容人数: ${capText}` : '',
      readFlag(get('sameAddress')) === true ? '指定避難所と同じ住所' : '',
      get('communities').trim() ? `対象となる町会・自治会: ${get('communities').trim()}` : '',
      get('notes').trim(),
    ].filter(Boolean).join('\n');
    if (rowErrors.length || !ll.ok || !ll.value) {
      errors.push(...rowErrors);
      return;
    }
    shelters.push({
      id: code ? `${code}-${localId}` : localId,
      name,
      address,
      kinds,
      hazards: HAZARD_TYPES.filter((h) => hazards.includes(h)),
      capacity: cap.capacity,
      ...(kinds.includes('welfare_shelter') ? readAccepts(get('accepts')) : { accepts: [] }),
      location: ll.value,
      closed: false,
      notes,
      source: { file, row },
    });
  });
  return { shelters, errors };
}
