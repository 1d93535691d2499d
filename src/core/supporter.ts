import { validateLocation, type PlacedLocation, type RecordOrigin } from './person';
import { validateArchive, type RosterArchive } from './rosterArchive';
import { ErrorList, type FieldError } from './validation';

/** 役割 — the supporter's role. */
export const SUPPORTER_ROLES = ['neighbor', 'minsei', 'jishubo', 'shobodan', 'family', 'care_staff', 'other'] as const;
export type SupporterRole = (typeof SUPPORTER_ROLES)[number];
export const SUPPORTER_ROLE_LABELS: Record<SupporterRole, string> = {
  neighbor: '近隣住民',
  minsei: '民生委員',
  jishubo: '自主防災組織',
  shobodan: '消防団',
  family: '家族',
  care_staff: '介護事業者',
  other: 'その他',
};

/** 対応可能時間 — when the supporter can help. */
export const AVAILABILITIES = ['day_and_night', 'day', 'night'] as const;
export type Availability = (typeof AVAILABILITIES)[number];
export const AVAILABILITY_LABELS: Record<Availability, string> = {
  day_and_night: '昼夜',
  day: '昼のみ',
  night: '夜のみ',
};

/** 避難支援等実施者 — someone who helps people evacuate. */
export interface Supporter {
  id: string;
  name: string;
  role: SupporterRole;
  address: string;
  phone: string;
  availability: Availability;
  /** 支援可能人数 — how many people they can help at once (≥ 1). */
  capacity: number;
  districtId: string | null;
  location: PlacedLocation | null;
  origin: RecordOrigin;
  createdAt: string;
  updatedAt: string;
  /** Set while the supporter is off the current 支援者名簿 (core/rosterArchive.ts): not matched, not listed. */
  archived?: RosterArchive;
}

/** Field-level errors (Japanese) for a supporter; empty when valid. */
export function validateSupporter(s: Supporter): FieldError[] {
  const e = new ErrorList();
  e.requireText(s.id, 'id', 'ID', 64);
  e.requireText(s.name, 'name', '氏名', 100);
  e.oneOf(s.role, SUPPORTER_ROLES, 'role', '役割', SUPPORTER_ROLE_LABELS);
  e.optionalText(s.address, 'address', '住所', 200);
  e.optionalText(s.phone, 'phone', '電話番号', 40);
  e.oneOf(s.availability, AVAILABILITIES, 'availability', '対応可能時間', AVAILABILITY_LABELS);
  e.check(Number.isInteger(s.capacity) && s.capacity >= 1 && s.capacity <= 20, 'capacity', '支援可能人数は1〜20の整数で入力してください。');
  e.errors.push(...validateLocation(s.location));
  e.errors.push(...validateArchive(s.archived));
  return e.errors;
}
