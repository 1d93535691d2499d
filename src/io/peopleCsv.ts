/**
 * The app's 名簿 template → Person records:
 * `ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度`
 * plus optional `同意日`, `同意方法`, `情報提供先`, `意思疎通`, and `X座標,Y座標,系番号[,測地系]` instead of
 * 緯度/経度. Columns are bound by header name. Names, addresses and reasons are stored as written;
 * dates, phone numbers and coordinates are normalised. All-or-nothing per file.
 */
import { derivedPersonId } from '../core/derivedPersonId';
import { japanToday } from '../core/japanDate';
import {
  COMMUNICATION_LABELS, HOUSEHOLD_LABELS, MEDICAL_LABELS, MOBILITY_LABELS, SEX_LABELS, validatePerson,
  type CommunicationNeed, type Household, type MedicalNeed, type Mobility, type Person, type Sex,
} from '../core/person';
import { CONSENT_METHOD_LABELS, CONSENT_RECIPIENT_LABELS, CONSENT_STATUS_LABELS, type ConsentMethod, type ConsentRecipient, type ConsentStatus } from '../core/consent';
import { CONSENT_GIVEN_WORDS, hasNegation, readConsentCell } from '../core/consentWord';
import { fieldsFromSpecs, valueKey, type MappingTemplate } from './columnMapping';
import { headerOf, type ColumnBinding, type ColumnSpec } from './columns';
import { normalizeCodeText } from './normalize';
import {
  DuplicateIds, LOCATION_COLUMNS, cellInterner, trimCell, fieldErrorsToRows, labelListReader, labelReader, matchLabel, pushFormulaProblems,
  locationReader, sharedCodes, decodeRoster, finishRosterRead, streamRosterRows, type LabelTable, type RosterFileResult, type RosterOptions, type RosterRowReader,
} from './rosterCommon';
import type { RowError } from './rowError';
import { parseJapaneseDate } from './wareki';
import { quoteValue } from './quote';

/** The template's header line (UTF-8 BOM when downloaded). */
export const PEOPLE_TEMPLATE_HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';

export const PEOPLE_COLUMNS = {
  // Without an ID column each person's ID is derived from 氏名 and 生年月日 (core/derivedPersonId.ts).
  id: { names: ['ID', '番号', '管理番号', '個人番号'], label: 'ID' },
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
  // A file with two columns that could be 同意 is refused: which one counts is the user's choice (column mapping).
  consent: { names: ['同意', '同意の有無', '名簿情報提供の同意', '同意状況'], label: '同意', single: (h) => h.includes('同意') && !/日|方法|提供先/.test(h) },
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
const METHOD_WORDS: LabelTable<ConsentMethod> = [['signature', ['署名', '書面', '同意書']], ['verbal', ['口頭']], ['deemed', ['条例による同意みなし', 'みなし', '条例']], ['unknown', ['不明']]];
const RECIPIENT_WORDS: LabelTable<ConsentRecipient> = [
  ['jishubo', ['自主防災組織', '自主防災']], ['minsei', ['民生委員', '民生・児童委員']], ['shobodan', ['消防団']],
  ['chonaikai', ['町内会', '自治会']], ['shakyo', ['社会福祉協議会', '社協']], ['police', ['警察']],
];

const choices = (labels: Record<string, string>) => `「${Object.values(labels).join('」「')}」`;

/**
 * The column mapper's first guess for a 同意 value: 同意 for the positive words, the app's own
 * 不同意 / 未確認; every other value (in particular any with a negation) is left for the user to
 * choose — a wrong guess here would show a person who did not agree.
 */
function guessConsent(text: string): ConsentStatus | null {
  const r = readConsentCell(text);
  if (!r.ok) return null;
  return r.status === 'given' || Object.values(CONSENT_STATUS_LABELS).includes(valueKey(text)) ? r.status : null;
}

/** Value fields of the 名簿 whose words a column mapping may translate: how the reader reads a cell, and the template labels. */
const PEOPLE_VALUE_FIELDS: Record<string, { read: (text: string) => string | null; labels: Record<string, string> }> = {
  mobility: { read: (t) => matchLabel(t, MOBILITY_WORDS), labels: MOBILITY_LABELS },
  sex: { read: (t) => matchLabel(t, SEX_WORDS), labels: SEX_LABELS },
  consent: { read: guessConsent, labels: CONSENT_STATUS_LABELS },
  household: { read: (t) => matchLabel(t, HOUSEHOLD_WORDS), labels: HOUSEHOLD_LABELS },
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
    return v ? v.read(text) : null;
  },
  consentField: 'consent',
  // A value with a negation is never 同意, whatever a (perhaps old, saved) mapping says: the reader's own rule reads it.
  valueAllowed: (field, text, code) => !(field === 'consent' && code === 'given' && hasNegation(text)),
};

/** The template's word for a value code, as the reader reads it. */
function peopleCellText(field: string, code: string): string {
  return PEOPLE_VALUE_FIELDS[field]?.labels[code] ?? code;
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
  const now = options.now ?? new Date().toISOString();
  const rowErrors: RowError[] = [];
  const rows: number[] = [];
  const people: Person[] = [];
  let ids: DuplicateIds | undefined;
  const stream = streamRosterRows(text, file, PEOPLE_COLUMNS, PEOPLE_MAPPING, peopleCellText, '名簿', options, (headers, b) => {
    const col = (k: Key) => headerOf(headers, b, PEOPLE_COLUMNS, k);
    ids = b.id >= 0
      ? new DuplicateIds(file, () => col('id'))
      : new DuplicateIds(file, () => col('name'), (first) => `氏名と生年月日が${first}行目と同じです。IDの列がない名簿では氏名と生年月日で人を見分けるため、同じ人が2行あるか、IDの列が必要です。`);
    return peopleRowReader(headers, b, file, now, ids, rowErrors, rows, people);
  });
  if (!stream.ok) return { records: [], errors: stream.errors, encoding, rowCount: stream.rowCount, rows: [], validRecords: [], ...stream.extra };
  const errors = [...stream.csvErrors, ...rowErrors, ...(ids?.errors ?? [])];
  return finishRosterRead(people, rows, errors, encoding, stream.rowCount, stream.extra);
}

/**
 * A row error's message without the values of a person who has not agreed (同意 not 同意): every
 * lone 「…」 (a run 「a」「b」 lists the expected words) quoting part of `texts` (the row's own
 * cells, NFKC) — or such parts joined by 、 — becomes 「非表示」, and with `numbers` (dates,
 * coordinates) so does every number of 4 digits or with a decimal point.
 */
function withoutPersonalValues(message: string, texts: readonly string[], numbers: boolean): string {
  const fromRow = (inner: string) => {
    const parts = inner.normalize('NFKC').split('、').map((s) => s.trim()).filter(Boolean);
    return parts.length > 0 && parts.every((s) => texts.some((t) => t.includes(s)));
  };
  const m = message.replace(/(?:「[^」]*」)+/g, (run) => (run.startsWith('「') && run.indexOf('「', 1) < 0 && fromRow(run.slice(1, -1)) ? '「非表示」' : run));
  return numbers ? m.replace(/-?\d+\.\d+|\d{4,}/g, '（非表示）') : m;
}

/** A bound column's cell, or '' when the column is absent (`i` < 0). */
function cellAt(cells: readonly string[], i: number): string {
  return i >= 0 ? (cells[i] ?? '') : '';
}

/**
 * The per-row reader of one 名簿 file: everything that does not change from row to row (column
 * indices, label readers, the error helper) is made here once; each row then appends a Person and
 * its row, or its errors (in the order the checks run). Runs for every row of 10⁵-row files.
 */
function peopleRowReader(
  headers: readonly string[], b: ColumnBinding<Key>, file: string, now: string,
  ids: DuplicateIds, errors: RowError[], rows: number[], people: Person[],
): RosterRowReader {
  const col = (k: Key) => headerOf(headers, b, PEOPLE_COLUMNS, k);
  const columnOfField = (f: string) => col(FIELD_KEYS[f] ?? 'id');
  const iId = b.id, iName = b.name, iKana = b.nameKana, iBirth = b.birthDate, iSex = b.sex, iAddress = b.address, iPhone = b.phone;
  const iReason = b.reason, iMobility = b.mobility, iHousehold = b.household, iMedical = b.medical, iCommunication = b.communication;
  const iConsent = b.consent, iConsentDate = b.consentDate, iMethod = b.consentMethod, iRecipients = b.recipients, iDistrict = b.district;
  const readSex = labelReader(SEX_WORDS, 'unknown');
  const readMobility = labelReader(MOBILITY_WORDS);
  const readHousehold = labelReader(HOUSEHOLD_WORDS, 'unknown');
  const readMethod = labelReader(METHOD_WORDS, 'unknown');
  const readLocation = locationReader(b, now);
  const readMedical = labelListReader(MEDICAL_WORDS);
  const readCommunication = labelListReader(COMMUNICATION_WORDS);
  const readRecipients = labelListReader(RECIPIENT_WORDS);
  // Columns whose values repeat across a 名簿: records share one string per value.
  const keepReason = cellInterner(), keepDistrict = cellInterner();
  // 同意日 (or the date in the 同意 cell): a 名簿 has few distinct ones.
  const consentDates = new Map<string, ReturnType<typeof parseJapaneseDate>>();
  const noConsentDate = parseJapaneseDate('', '同意日');
  const readConsentDate = (text: string) => {
    if (text.length === 0) return noConsentDate;
    let d = consentDates.get(text);
    if (d === undefined) {
      d = parseJapaneseDate(text, '同意日');
      if (consentDates.size < 4096) consentDates.set(text, d);
    }
    return d;
  };
  // 同意 may carry its date: 「同意 2024-04-01」「同意（R6.4.1）」 — status and date text per distinct cell (core/consentWord's rule).
  const consents = new Map<string, ReturnType<typeof readConsentCell>>();
  const blankConsent = readConsentCell('');
  const readConsent = (cell: string) => {
    if (cell.length === 0) return blankConsent;
    let c = consents.get(cell);
    if (c === undefined) {
      c = readConsentCell(cell);
      if (consents.size < 4096) consents.set(cell, c);
    }
    return c;
  };
  // The latest 生年月日 / 同意日 allowed: today in Japan when the file is read (the clock is read once, not per row).
  const today = japanToday();
  const problems: RowError[] = [];
  const problem = (row: number, k: Key, message: string) => problems.push({ file, row, column: col(k), message });
  // The cells that may be quoted in the errors of a row without 同意 (ID and the consent columns); the rest are that person's own data.
  const shownCells = new Set([iId, iConsent, iConsentDate, iMethod, iRecipients]);
  const numberColumns = new Set((['birthDate', 'lat', 'lng', 'planeX', 'planeY', 'zone', 'datum'] as const).map(col));
  const hideValues = (p: RowError, cells: readonly string[]): RowError => {
    const texts = cells.filter((_, i) => !shownCells.has(i)).map((c) => c.normalize('NFKC').trim()).filter(Boolean);
    return { ...p, message: withoutPersonalValues(p.message, texts, numberColumns.has(p.column ?? '')) };
  };

  return (row, cells) => {
    if (problems.length !== 0) problems.length = 0;
    pushFormulaProblems(problems, headers, cells, file, row);

    const birth = parseJapaneseDate(cellAt(cells, iBirth), '生年月日');
    if (!birth.ok) problem(row, 'birthDate', birth.message);
    const name = trimCell(cellAt(cells, iName));
    if (iId < 0 && birth.ok && !birth.value) problem(row, 'birthDate', 'IDの列がないため、氏名と生年月日で人を見分けます。生年月日を入れてください（または名簿にIDの列を加えてください）。');
    const id = iId >= 0 ? normalizeCodeText(cellAt(cells, iId)) : birth.ok && birth.value && name ? derivedPersonId(name, birth.value) : '';
    ids.see(id, row);
    const sexText = cellAt(cells, iSex);
    const sex = readSex(sexText);
    if (!sex) problem(row, 'sex', `性別${quoteValue(sexText)}が読めません（${choices(SEX_LABELS)}のいずれか。空欄は不明）。`);
    const mobilityText = cellAt(cells, iMobility);
    const mobility = readMobility(mobilityText);
    if (!mobility) problem(row, 'mobility', mobilityText.trim() ? `移動${quoteValue(mobilityText)}が読めません（${choices(MOBILITY_LABELS)}のいずれか）。` : `移動が空欄です（${choices(MOBILITY_LABELS)}のいずれか）。避難の手段と時間の見積もりに使います。`);
    const householdText = cellAt(cells, iHousehold);
    const household = readHousehold(householdText);
    if (!household) problem(row, 'household', `世帯${quoteValue(householdText)}が読めません（${choices(HOUSEHOLD_LABELS)}のいずれか。空欄は不明）。`);
    const medical = readMedical(cellAt(cells, iMedical));
    if (medical.unknown.length) problem(row, 'medical', `医療${quoteValue(medical.unknown.join('、'))}が読めません（${choices(MEDICAL_LABELS)}を「、」か「・」で区切って。なければ空欄）。`);
    const communication = readCommunication(cellAt(cells, iCommunication));
    if (communication.unknown.length) problem(row, 'communication', `意思疎通${quoteValue(communication.unknown.join('、'))}が読めません（${choices(COMMUNICATION_LABELS)}を「、」で区切って）。`);

    const consentCell = cellAt(cells, iConsent);
    const consent = readConsent(consentCell);
    const status = consent.ok ? consent.status : null;
    if (!consent.ok) problem(row, 'consent', consent.negated
      ? `同意${quoteValue(consentCell)}は否定の語（なし・未・不・撤回など）を含むため、同意とは読みません。「不同意」か「未確認」と書いてください。`
      : `同意${quoteValue(consentCell)}が読めません。同意とするのは「${CONSENT_GIVEN_WORDS.join('」「')}」のいずれかと一致する値だけです（ほかは「不同意」「未確認」。空欄は未確認）。`);
    const consentDateCell = trimCell(cellAt(cells, iConsentDate));
    const consentDate = readConsentDate(consentDateCell || (consent.ok ? consent.dateText : ''));
    if (!consentDate.ok) problem(row, consentDateCell ? 'consentDate' : 'consent', consentDate.message);
    else if (consentDateCell && consent.ok && consent.dateText) {
      // A date in the 同意 cell and a 同意日 column: both are read, and must say the same day.
      const inCell = parseJapaneseDate(consent.dateText, '同意の欄の日付');
      if (!inCell.ok) problem(row, 'consent', inCell.message);
      else if (inCell.value !== consentDate.value) problem(row, 'consent', `同意の欄の日付（${inCell.value}）と同意日（${consentDate.value}）が違います。どちらかに揃えてください。`);
    }
    const methodText = cellAt(cells, iMethod);
    const method = readMethod(methodText);
    if (!method) problem(row, 'consentMethod', `同意方法${quoteValue(methodText)}が読めません（${choices(CONSENT_METHOD_LABELS)}のいずれか）。`);
    const recipients = readRecipients(cellAt(cells, iRecipients));
    if (recipients.unknown.length) problem(row, 'recipients', `情報提供先${quoteValue(recipients.unknown.join('、'))}が読めません（${choices(CONSENT_RECIPIENT_LABELS)}を「、」で区切って）。`);

    const loc = readLocation(cells);
    for (let k = 0; k < loc.problems.length; k++) problem(row, loc.problems[k].key ?? 'lat', loc.problems[k].message);

    if (problems.length || !birth.ok || !sex || !mobility || !household || !status || !consentDate.ok || !method) {
      for (const p of problems) errors.push(status === 'given' ? p : hideValues(p, cells));
      return;
    }
    const person: Person = {
      id,
      name,
      nameKana: trimCell(cellAt(cells, iKana)),
      birthDate: birth.value,
      sex,
      address: trimCell(cellAt(cells, iAddress)),
      phone: normalizeCodeText(cellAt(cells, iPhone)),
      reason: keepReason(trimCell(cellAt(cells, iReason))),
      districtId: keepDistrict(trimCell(cellAt(cells, iDistrict))) || null,
      location: loc.value,
      mobility,
      household,
      // Lists read from a cell are shared by the rows with that cell, frozen (labelListReader): three arrays fewer per person.
      medical: sharedCodes(medical),
      communication: sharedCodes(communication),
      consent: { status, date: consentDate.value, method, recipients: sharedCodes(recipients) },
      origin: 'user',
      createdAt: now,
      updatedAt: now,
    };
    const fieldErrors = validatePerson(person, today);
    if (fieldErrors.length) {
      for (const e of fieldErrorsToRows(fieldErrors, columnOfField, file, row)) errors.push(e);
    } else {
      rows.push(row);
      people.push(person);
    }
  };
}
