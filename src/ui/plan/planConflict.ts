import { isRecord } from '../../core/jsonShape';
import { CONSENT_METHODS, CONSENT_METHOD_LABELS, CONSENT_RECIPIENTS, CONSENT_RECIPIENT_LABELS, CONSENT_STATUSES, CONSENT_STATUS_LABELS } from '../../core/consent';
import { HAZARD_LABELS, isHazardType } from '../../core/hazard';
import {
  ALTERNATIVE_KINDS,
  ALTERNATIVE_KIND_LABELS,
  MOBILITY_AIDS,
  MOBILITY_AID_LABELS,
  PLAN_STATUSES,
  PLAN_STATUS_LABELS,
  TRANSPORTS,
  TRANSPORT_LABELS,
  type PlanSupporter,
} from '../../core/plan';
import { resolvePlanSupporter } from '../../core/planCompleteness';
import type { FieldPath } from '../../core/planMerge';
import type { Shelter } from '../../core/shelter';
import type { Supporter } from '../../core/supporter';
import { dateLabel } from './planDraft';

/** How a field that two screens changed is named and shown, so the user can choose (issue 8, item 6). */

const FIELD_LABELS: Record<string, string> = {
  status: '計画の状態',
  primarySupporter: '主たる支援者',
  backupSupporters: '予備の支援者',
  alternativeDestination: '代替の避難先',
  emergencyContacts: '家族・緊急連絡先',
  'dwelling.floor': '居住階',
  'dwelling.bedroom': '寝室の場所',
  'dwelling.daytimeLocation': '日中の居場所',
  mobilityAids: '補助具',
  mobilityNotes: '移動の方法',
  'medical.careNotes': '医療的ケアの内容',
  'medical.mustBring': '持ち出す医療機器・薬',
  'medical.powerDependent': '電源が必要',
  'medical.batteryHours': 'バッテリーの持続時間',
  'medical.powerAvailableAt': '電源を確保できる場所',
  'medical.careProviderContact': '主治医・訪問看護の連絡先',
  communicationNotes: '意思疎通の配慮',
  leaveWhen: '避難を始めるとき',
  transport: '避難方法',
  whatToBring: '持ち出し品',
  supporterNotes: '支援者への留意事項',
  consent: '計画への同意',
  confirmedOn: '本人確認日',
  reviewDue: '見直し日',
};

/** The item's name as the editor shows it (「支援者への留意事項」「避難先（洪水）」). */
export function fieldLabel(path: FieldPath): string {
  const destination = /^destinations\.(.+)$/.exec(path);
  if (destination) return `避難先（${isHazardType(destination[1]) ? HAZARD_LABELS[destination[1]] : destination[1]}）`;
  return FIELD_LABELS[path] ?? path;
}

const EMPTY = '（空欄）';

/*
 * The values shown here come from two versions of a stored plan (planMerge's `valueAt`, typed
 * `unknown`): they are read field by field, never assumed to have the shape of their path.
 */

/** A string field of `o`, or '' when absent or not a string. */
function text(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : '';
}

/** The label of `value` when it is one of `keys`, else `otherwise(value)`. */
function labelOf<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>, value: unknown, otherwise: (v: unknown) => string = String): string {
  const key = keys.find((k) => k === value);
  return key === undefined ? otherwise(value) : labels[key];
}

function isPlanSupporter(v: unknown): v is PlanSupporter {
  return (
    isRecord(v) &&
    (v.supporterId === null || typeof v.supporterId === 'string') &&
    typeof v.name === 'string' &&
    typeof v.phone === 'string' &&
    typeof v.address === 'string' &&
    (v.chosenBy === 'suggestion' || v.chosenBy === 'user')
  );
}

/** One field's value in words, for choosing between two screens' versions of it. */
export function fieldValueText(path: FieldPath, value: unknown, supportersById: ReadonlyMap<string, Supporter>, sheltersById: ReadonlyMap<string, Shelter>): string {
  if (value === undefined || value === null || value === '') return EMPTY;
  const supporter = (s: PlanSupporter) => {
    const r = resolvePlanSupporter(s, supportersById);
    return [r.name || '氏名なし', r.phone].filter(Boolean).join(' ');
  };
  switch (path) {
    case 'status':
      return labelOf(PLAN_STATUSES, PLAN_STATUS_LABELS, value);
    case 'transport':
      return labelOf(TRANSPORTS, TRANSPORT_LABELS, value);
    case 'confirmedOn':
    case 'reviewDue':
      return typeof value === 'string' ? dateLabel(value) : String(value);
    case 'dwelling.floor':
      return `${value}階`;
    case 'medical.batteryHours':
      return `${value}時間`;
    case 'medical.powerDependent':
      return value ? 'はい' : 'いいえ';
    case 'mobilityAids':
      if (!Array.isArray(value)) break;
      return value.map((a: unknown) => labelOf(MOBILITY_AIDS, MOBILITY_AID_LABELS, a)).join('、') || EMPTY;
    case 'primarySupporter':
      if (!isPlanSupporter(value)) break;
      return supporter(value);
    case 'backupSupporters':
      if (!Array.isArray(value) || !value.every(isPlanSupporter)) break;
      return value.map(supporter).join('、') || EMPTY;
    case 'emergencyContacts':
      if (!Array.isArray(value) || !value.every(isRecord)) break;
      return value.map((c) => `${text(c, 'name')}${text(c, 'relation') ? `（${text(c, 'relation')}）` : ''} ${text(c, 'phone')}`.trim()).join('、') || EMPTY;
    case 'alternativeDestination':
      if (!isRecord(value)) break;
      return `${labelOf(ALTERNATIVE_KINDS, ALTERNATIVE_KIND_LABELS, value.kind)}: ${text(value, 'name') || '名称なし'}`;
    case 'consent': {
      if (!isRecord(value)) break;
      const recipients = Array.isArray(value.recipients) ? value.recipients.map((r: unknown) => labelOf(CONSENT_RECIPIENTS, CONSENT_RECIPIENT_LABELS, r)).join('・') : '';
      const date = text(value, 'date');
      const none = () => '';
      return [labelOf(CONSENT_STATUSES, CONSENT_STATUS_LABELS, value.status, none), date ? dateLabel(date) : '', labelOf(CONSENT_METHODS, CONSENT_METHOD_LABELS, value.method, none), recipients].filter(Boolean).join(' ／ ');
    }
  }
  if (path.startsWith('destinations.') && isRecord(value)) {
    const shelterId = text(value, 'shelterId');
    const name = shelterId ? (sheltersById.get(shelterId)?.name ?? shelterId) : '避難場所未定';
    const line = value.routeLine;
    return [name, text(value, 'routeNote'), Array.isArray(line) ? `経路の線 ${line.length}点` : ''].filter(Boolean).join(' ／ ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
