import { validateConsent, type Consent } from './consent';
import { validateArchive, type RosterArchive } from './rosterArchive';
import { isInJapan } from './geo';
import { japanToday } from './japanDate';
import { ErrorList, areAllOneOf, isFilledText, isIsoDate, isOneOf, isOptionalText, type FieldError } from './validation';

/** 性別 */
export const SEXES = ['male', 'female', 'other', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];
export const SEX_LABELS: Record<Sex, string> = { male: '男', female: '女', other: 'その他', unknown: '不明' };

/** 移動 — how the person moves. Ordered from most to least mobile. */
export const MOBILITIES = ['independent', 'cane_walker', 'wheelchair', 'bedridden'] as const;
export type Mobility = (typeof MOBILITIES)[number];
export const MOBILITY_LABELS: Record<Mobility, string> = {
  independent: '独歩',
  cane_walker: '杖・歩行器',
  wheelchair: '車いす',
  bedridden: '寝たきり',
};

/** 世帯 — household situation. */
export const HOUSEHOLDS = ['alone', 'elderly_only', 'with_family', 'daytime_alone', 'unknown'] as const;
export type Household = (typeof HOUSEHOLDS)[number];
export const HOUSEHOLD_LABELS: Record<Household, string> = {
  alone: '一人暮らし',
  elderly_only: '高齢者のみ世帯',
  with_family: '家族と同居',
  daytime_alone: '日中独居',
  unknown: '不明',
};

/** 医療 — medical dependence; the first three need power or regular treatment. */
export const MEDICAL_NEEDS = ['ventilator', 'home_oxygen', 'dialysis', 'suction', 'tube_feeding', 'insulin'] as const;
export type MedicalNeed = (typeof MEDICAL_NEEDS)[number];
export const MEDICAL_LABELS: Record<MedicalNeed, string> = {
  ventilator: '人工呼吸器',
  home_oxygen: '在宅酸素',
  dialysis: '透析',
  suction: 'たん吸引',
  tube_feeding: '経管栄養',
  insulin: 'インスリン',
};

/** 意思疎通 — communication needs. */
export const COMMUNICATION_NEEDS = ['hearing', 'vision', 'dementia', 'intellectual', 'language', 'speech'] as const;
export type CommunicationNeed = (typeof COMMUNICATION_NEEDS)[number];
export const COMMUNICATION_LABELS: Record<CommunicationNeed, string> = {
  hearing: '聴覚',
  vision: '視覚',
  dementia: '認知症',
  intellectual: '知的障がい',
  language: '日本語が不自由',
  speech: '発話',
};

/** How a location was obtained (位置の取得方法). */
export const LOCATION_SOURCES = ['coordinates', 'plane_rectangular', 'geocode_block', 'geocode_town', 'geocode_online', 'manual', 'demo'] as const;
export type LocationSource = (typeof LOCATION_SOURCES)[number];
export const LOCATION_SOURCE_LABELS: Record<LocationSource, string> = {
  coordinates: '緯度経度（名簿）',
  plane_rectangular: '平面直角座標（名簿）',
  geocode_block: '住所照合（街区）',
  geocode_town: '住所照合（町丁目）',
  geocode_online: '住所検索（地理院）',
  manual: '地図上で手動配置',
  demo: 'デモ（架空の位置）',
};

/** Where a record lives: WGS84 degrees, plus how and when that was determined. */
export interface PlacedLocation {
  lng: number;
  lat: number;
  source: LocationSource;
  /** ISO 8601 timestamp when the location was set. */
  at: string;
}

/** Where a record came from: the demo, or the user's own data. */
export type RecordOrigin = 'demo' | 'user';

/** 避難行動要支援者 — a person on the 名簿 (legal items of 災害対策基本法 49-10 plus planning needs). */
export interface Person {
  id: string;
  /** 氏名, stored exactly as written. */
  name: string;
  /** フリガナ (katakana). */
  nameKana: string;
  /** 生年月日 `YYYY-MM-DD` (西暦), or null if unknown. */
  birthDate: string | null;
  sex: Sex;
  /** 住所又は居所 */
  address: string;
  /** 電話番号その他の連絡先 */
  phone: string;
  /** 避難支援等を必要とする事由 */
  reason: string;
  districtId: string | null;
  location: PlacedLocation | null;
  mobility: Mobility;
  household: Household;
  /** Lists (also `communication`, `consent.recipients`) may be shared by records and frozen (the 名簿 reader's): replace, never change in place. */
  medical: MedicalNeed[];
  communication: CommunicationNeed[];
  consent: Consent;
  origin: RecordOrigin;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** Set while the person is off the current 名簿 (core/rosterArchive.ts): hidden everywhere, plan kept. */
  archived?: RosterArchive;
  /**
   * 「位置の確認が必要」: a 名簿 update changed the 住所 without bringing coordinates, so the old place
   * was dropped (`location` is null) and the person is listed in 位置の確認 until placed again.
   */
  locationCheck?: LocationCheck;
}

/** Why a person must be placed again (see `Person.locationCheck`). */
export interface LocationCheck {
  /** The update's date in Japan, `YYYY-MM-DD`. */
  on: string;
  /** The 住所 before the update (the dropped place was for this address). */
  previousAddress: string;
}

/** Age in whole years on `onDate` (`YYYY-MM-DD`), or null when the birth date is unknown. */
export function ageOn(birthDate: string | null, onDate: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** True when the person depends on electrically powered or regular medical care. */
export function hasMedicalDependence(p: Pick<Person, 'medical'>): boolean {
  return p.medical.length > 0;
}

const PHONE = /^[0-9０-９+＋()（）\-‐－ー―\s]{6,20}$/;

/** 6–20 ASCII digits, `+`, `(`, `)` and `-` (a subset of PHONE's characters, checked without the RegExp: runs per imported row). */
function isPlainPhone(phone: unknown): boolean {
  if (typeof phone !== 'string' || phone.length < 6 || phone.length > 20) return false;
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x28 || c === 0x29)) return false;
  }
  return true;
}

/** Field-level errors (Japanese) for a location. Messages are built only on failure (runs per imported row). */
export function validateLocation(loc: PlacedLocation | null, field = 'location'): FieldError[] {
  return isValidLocation(loc) ? [] : locationErrors(loc!.lng, loc!.lat, field);
}

/** validateLocation's test: no location, or finite degrees in Japan. */
function isValidLocation(loc: PlacedLocation | null): boolean {
  return loc === null || (Number.isFinite(loc.lng) && Number.isFinite(loc.lat) && isInJapan([loc.lng, loc.lat]));
}

/** validateLocation's errors for a location that is not finite or not in Japan. */
function locationErrors(lng: number, lat: number, field: string): FieldError[] {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return [{ field, message: '緯度・経度は数値で入力してください。' }];
  const errors: FieldError[] = [];
  if (!(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
    errors.push({ field, message: `緯度は-90〜90、経度は-180〜180の範囲で入力してください（緯度${lat}、経度${lng}）。` });
  }
  if (isInJapan([lat, lng])) {
    errors.push({ field, message: `緯度と経度が入れ替わっているようです（緯度${lat}、経度${lng}）。緯度${lng}、経度${lat}ではありませんか。` });
  } else {
    errors.push({ field, message: `位置が日本国外です（緯度${lat}、経度${lng}）。` });
  }
  return errors;
}

const KANA = /^[\p{Script=Katakana}\p{Script=Hiragana}ー・\s　]+$/u;

/** True for katakana/hiragana フリガナ, including half-width and decomposed forms (NFKC only when needed). */
function isKana(text: string): boolean {
  return isPlainKana(text) || KANA.test(text) || KANA.test(text.normalize('NFKC'));
}

/**
 * True when every character is full-width hiragana (U+3041–3096, U+309D–309F), katakana with ・ and
 * ー (U+30A1–30FF), a space or 全角スペース — all in KANA's class, so KANA would say true too; false
 * leaves the answer to KANA (runs per imported row).
 */
function isPlainKana(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30a1 && c <= 0x30ff) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x309d && c <= 0x309f) || c === 0x3000 || c === 0x20) continue;
    return false;
  }
  return true;
}

/**
 * Field-level errors (Japanese) for a person; empty when valid. `today` (Japan, `YYYY-MM-DD`) is the
 * latest 生年月日 and 同意日 allowed; by default the clock is read, and only when a date needs it. A
 * file reader passes it once per file: reading the clock costs more than a valid row's other checks.
 */
export function validatePerson(p: Person, today?: string): FieldError[] {
  const e = new ErrorList();
  // Each check tests first (small functions the compiler inlines) and calls the ErrorList method,
  // which words the error, only when the test fails: this runs for every row of a 10⁵-row 名簿.
  if (!isFilledText(p.id, 64)) e.requireText(p.id, 'id', 'ID', 64);
  if (!isFilledText(p.name, 100)) e.requireText(p.name, 'name', '氏名', 100);
  if (!isOptionalText(p.nameKana, 100)) e.optionalText(p.nameKana, 'nameKana', 'フリガナ', 100);
  if (p.nameKana && !isKana(String(p.nameKana))) e.fail('nameKana', 'フリガナはカタカナで入力してください。');
  const birthIso = isIsoDate(p.birthDate);
  if (p.birthDate !== null && !birthIso) e.fail('birthDate', '生年月日は実在する日付で入力してください（例: 1940-04-01）。');
  if (birthIso && !(p.birthDate! >= '1900-01-01' && p.birthDate! <= (today ??= japanToday()))) {
    e.fail('birthDate', '生年月日が未来または1900年より前になっています。');
  }
  if (!isOneOf(p.sex, SEXES)) e.oneOf(p.sex, SEXES, 'sex', '性別', SEX_LABELS);
  if (!isFilledText(p.address, 200)) e.requireText(p.address, 'address', '住所', 200);
  if (!isOptionalText(p.phone, 40)) e.optionalText(p.phone, 'phone', '電話番号', 40);
  if (p.phone && !(isPlainPhone(p.phone) || PHONE.test(p.phone))) e.fail('phone', '電話番号は数字とハイフンで入力してください（例: 0242-00-0000）。');
  if (!isOptionalText(p.reason, 1000)) e.optionalText(p.reason, 'reason', '避難支援等を必要とする事由', 1000);
  if (!isOneOf(p.mobility, MOBILITIES)) e.oneOf(p.mobility, MOBILITIES, 'mobility', '移動', MOBILITY_LABELS);
  if (!isOneOf(p.household, HOUSEHOLDS)) e.oneOf(p.household, HOUSEHOLDS, 'household', '世帯', HOUSEHOLD_LABELS);
  if (!areAllOneOf(p.medical, MEDICAL_NEEDS)) e.everyOneOf(p.medical, MEDICAL_NEEDS, 'medical', '医療', MEDICAL_LABELS);
  if (!areAllOneOf(p.communication, COMMUNICATION_NEEDS)) e.everyOneOf(p.communication, COMMUNICATION_NEEDS, 'communication', '意思疎通', COMMUNICATION_LABELS);
  if (!isValidLocation(p.location)) e.add(validateLocation(p.location));
  e.add(validateConsent(p.consent, 'consent', today));
  if (p.archived !== undefined) e.add(validateArchive(p.archived));
  if (p.locationCheck !== undefined) {
    e.check(isIsoDate(p.locationCheck?.on), 'locationCheck.on', '位置の確認が必要になった日が読めません。');
    e.optionalText(p.locationCheck?.previousAddress, 'locationCheck.previousAddress', '以前の住所', 200);
  }
  return e.errors;
}
