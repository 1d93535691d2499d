import { CONSENT_METHOD_LABELS, CONSENT_RECIPIENT_LABELS, CONSENT_STATUS_LABELS, type Consent } from '../../core/consent';
import { HAZARD_LABELS, type HazardType } from '../../core/hazard';
import {
  ALTERNATIVE_KIND_LABELS,
  MOBILITY_AID_LABELS,
  PLAN_STATUS_LABELS,
  TRANSPORT_LABELS,
  type AlternativeDestination,
  type EmergencyContact,
  type MobilityAid,
  type PlanDestination,
  type PlanStatus,
  type PlanSupporter,
  type Transport,
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
  if (destination) return `避難先（${HAZARD_LABELS[destination[1] as HazardType] ?? destination[1]}）`;
  return FIELD_LABELS[path] ?? path;
}

const EMPTY = '（空欄）';

/** One field's value in words, for choosing between two screens' versions of it. */
export function fieldValueText(path: FieldPath, value: unknown, supportersById: ReadonlyMap<string, Supporter>, sheltersById: ReadonlyMap<string, Shelter>): string {
  if (value === undefined || value === null || value === '') return EMPTY;
  const supporter = (s: PlanSupporter) => {
    const r = resolvePlanSupporter(s, supportersById);
    return [r.name || '氏名なし', r.phone].filter(Boolean).join(' ');
  };
  switch (path) {
    case 'status':
      return PLAN_STATUS_LABELS[value as PlanStatus] ?? String(value);
    case 'transport':
      return TRANSPORT_LABELS[value as Transport] ?? String(value);
    case 'confirmedOn':
    case 'reviewDue':
      return dateLabel(value as string);
    case 'dwelling.floor':
      return `${value}階`;
    case 'medical.batteryHours':
      return `${value}時間`;
    case 'medical.powerDependent':
      return value ? 'はい' : 'いいえ';
    case 'mobilityAids':
      return (value as MobilityAid[]).map((a) => MOBILITY_AID_LABELS[a] ?? a).join('、') || EMPTY;
    case 'primarySupporter':
      return supporter(value as PlanSupporter);
    case 'backupSupporters':
      return (value as PlanSupporter[]).map(supporter).join('、') || EMPTY;
    case 'emergencyContacts':
      return (value as EmergencyContact[]).map((c) => `${c.name}${c.relation ? `（${c.relation}）` : ''} ${c.phone}`.trim()).join('、') || EMPTY;
    case 'alternativeDestination': {
      const a = value as AlternativeDestination;
      return `${ALTERNATIVE_KIND_LABELS[a.kind] ?? a.kind}: ${a.name || '名称なし'}`;
    }
    case 'consent': {
      const c = value as Consent;
      const recipients = c.recipients.map((r) => CONSENT_RECIPIENT_LABELS[r] ?? r).join('・');
      return [CONSENT_STATUS_LABELS[c.status], c.date ? dateLabel(c.date) : '', CONSENT_METHOD_LABELS[c.method], recipients].filter(Boolean).join(' ／ ');
    }
  }
  if (path.startsWith('destinations.')) {
    const d = value as PlanDestination;
    const name = d.shelterId ? (sheltersById.get(d.shelterId)?.name ?? d.shelterId) : '避難場所未定';
    return [name, d.routeNote, d.routeLine ? `経路の線 ${d.routeLine.length}点` : ''].filter(Boolean).join(' ／ ');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
