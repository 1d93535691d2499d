/**
 * The words of a 名簿 update (core/rosterUpdate.ts): each compared field's 項目名, its value in
 * words (from the label tables the app shows everywhere), and the sentence and weight a changed
 * field gives a plan that must be reviewed (「名簿の更新（2027-04-01）で移動が 杖・歩行器 → 車いす
 * に変わりました」). Pure.
 */
import { distanceMetres } from './geo';
import { CONSENT_METHOD_LABELS, CONSENT_RECIPIENTS, CONSENT_RECIPIENT_LABELS, CONSENT_STATUS_LABELS, type Consent } from './consent';
import {
  COMMUNICATION_LABELS, COMMUNICATION_NEEDS, HOUSEHOLD_LABELS, LOCATION_SOURCE_LABELS, MEDICAL_LABELS, MEDICAL_NEEDS, MOBILITY_LABELS, SEX_LABELS,
  type Person, type PlacedLocation,
} from './person';
import { AVAILABILITY_LABELS, SUPPORTER_ROLE_LABELS, type Supporter } from './supporter';
import type { FieldChange, PersonRosterField, RosterField, SupporterRosterField } from './rosterUpdate';

/** The word for an empty value. */
export const NONE = '（なし）';

/** 項目名 of every compared field. */
export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  name: '氏名',
  nameKana: 'フリガナ',
  birthDate: '生年月日',
  sex: '性別',
  address: '住所',
  phone: '電話番号',
  reason: '避難支援等を必要とする事由',
  districtId: '地区',
  location: '位置',
  mobility: '移動',
  household: '世帯',
  medical: '医療',
  communication: '意思疎通',
  consent: '同意',
  role: '役割',
  availability: '対応可能時間',
  capacity: '支援可能人数',
};

/**
 * How urgently a changed field asks for a plan's review (`PlanRosterReason.weight`, 1–5): a new
 * medical need above a new wheelchair above the rest. Fields not listed (the ID, supporters' fields)
 * do not touch a plan.
 */
export const PLAN_REASON_WEIGHTS: Partial<Record<FieldChange['field'], number>> = {
  medical: 5,
  mobility: 4,
  communication: 3,
  household: 3,
  consent: 3,
  address: 2,
  location: 2,
  districtId: 2,
};

/** Weight of 「名簿に戻りました」 (a person back on the 名簿 after being archived). */
export const RETURNED_REASON_WEIGHT = 3;

/** `PlanRosterReason.field` of 「名簿に戻りました」. */
export const RETURNED_REASON_FIELD = 'archived';

/** 「名簿の更新（2027-04-01）で移動が 杖・歩行器 → 車いす に変わりました」 (`on`: the update's date in Japan). */
export function changedReasonText(on: string, label: string, oldWords: string, newWords: string): string {
  return `名簿の更新（${on}）で${label}が ${oldWords} → ${newWords} に変わりました`;
}

/**
 * The plan's reason for a moved home, in words a volunteer reads (no coordinates): the place dropped
 * (a new 住所 without coordinates), first found, or moved by about N m.
 */
export function locationReasonText(on: string, before: PlacedLocation | null, after: PlacedLocation | null): string {
  if (after === null) return `名簿の更新（${on}）で住所が変わったため、自宅の位置を外しました（位置の確認で置き直してください）`;
  if (before === null) return `名簿の更新（${on}）で自宅の位置が名簿の緯度・経度で決まりました`;
  const metres = Math.round(distanceMetres([before.lng, before.lat], [after.lng, after.lat]));
  return `名簿の更新（${on}）で自宅の位置が約${metres.toLocaleString('ja-JP')}m 動きました`;
}

/** 「名簿の更新（2027-04-01）で名簿に戻りました」. */
export function returnedReasonText(on: string): string {
  return `名簿の更新（${on}）で名簿に戻りました`;
}

function text(s: string | null | undefined): string {
  return s ? s : NONE;
}

/** Labels of `codes` in the table's order, joined by 「・」; （なし） for none. */
function labelList<C extends string>(codes: readonly C[], order: readonly C[], labels: Record<C, string>): string {
  if (codes.length === 0) return NONE;
  return order.filter((c) => codes.includes(c)).map((c) => labels[c]).join('・');
}

/** 「緯度37.494700・経度139.929800（緯度経度（名簿））」; （なし） when not placed. */
export function locationWords(loc: PlacedLocation | null): string {
  if (loc === null) return NONE;
  return `緯度${loc.lat.toFixed(6)}・経度${loc.lng.toFixed(6)}（${LOCATION_SOURCE_LABELS[loc.source] ?? loc.source}）`;
}

/** 「同意（2026-04-01・署名・自主防災組織、民生委員）」: status, then date, method and recipients when known. */
export function consentWords(c: Consent): string {
  const parts: string[] = [];
  if (c.date) parts.push(c.date);
  if (c.method !== 'unknown') parts.push(CONSENT_METHOD_LABELS[c.method]);
  if (c.recipients.length > 0) parts.push(CONSENT_RECIPIENTS.filter((r) => c.recipients.includes(r)).map((r) => CONSENT_RECIPIENT_LABELS[r]).join('、'));
  return parts.length ? `${CONSENT_STATUS_LABELS[c.status]}（${parts.join('・')}）` : CONSENT_STATUS_LABELS[c.status];
}

/** A district id's name (or the file's name of a district not stored); （なし） for none. */
export function districtWords(id: string | null, districtNames: ReadonlyMap<string, string>): string {
  return id === null ? NONE : (districtNames.get(id) ?? id);
}

/** A person's `field` in words. */
export function personFieldWords(p: Person, field: PersonRosterField, districtNames: ReadonlyMap<string, string>): string {
  switch (field) {
    case 'sex': return SEX_LABELS[p.sex] ?? p.sex;
    case 'districtId': return districtWords(p.districtId, districtNames);
    case 'location': return locationWords(p.location);
    case 'mobility': return MOBILITY_LABELS[p.mobility] ?? p.mobility;
    case 'household': return HOUSEHOLD_LABELS[p.household] ?? p.household;
    case 'medical': return labelList(p.medical, MEDICAL_NEEDS, MEDICAL_LABELS);
    case 'communication': return labelList(p.communication, COMMUNICATION_NEEDS, COMMUNICATION_LABELS);
    case 'consent': return consentWords(p.consent);
    default: return text(p[field]);
  }
}

/** A supporter's `field` in words. */
export function supporterFieldWords(s: Supporter, field: SupporterRosterField, districtNames: ReadonlyMap<string, string>): string {
  switch (field) {
    case 'role': return SUPPORTER_ROLE_LABELS[s.role] ?? s.role;
    case 'availability': return AVAILABILITY_LABELS[s.availability] ?? s.availability;
    case 'capacity': return `${s.capacity}人`;
    case 'districtId': return districtWords(s.districtId, districtNames);
    case 'location': return locationWords(s.location);
    default: return text(s[field]);
  }
}
