import { pendingConsent, validateConsent, type Consent } from './consent';
import { HAZARD_LABELS, isHazardType, type HazardType } from './hazard';
import { ErrorList, isIsoDate, type FieldError } from './validation';

/** 計画の状態: 未着手 → 作成中 → 本人確認済 → 要見直し */
export const PLAN_STATUSES = ['not_started', 'in_progress', 'confirmed', 'needs_review'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  not_started: '未着手',
  in_progress: '作成中',
  confirmed: '本人確認済',
  needs_review: '要見直し',
};

/** 避難方法 */
export const TRANSPORTS = ['walk', 'wheelchair', 'vehicle', 'stretcher'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const TRANSPORT_LABELS: Record<Transport, string> = {
  walk: '徒歩',
  wheelchair: '車いす',
  vehicle: '車両',
  stretcher: '担架',
};

/** 移動の補助具 — aids the person uses to move or to perceive. */
export const MOBILITY_AIDS = ['cane', 'walker', 'wheelchair', 'electric_wheelchair', 'stretcher', 'white_cane', 'hearing_aid', 'guide_dog'] as const;
export type MobilityAid = (typeof MOBILITY_AIDS)[number];
export const MOBILITY_AID_LABELS: Record<MobilityAid, string> = {
  cane: '杖',
  walker: '歩行器',
  wheelchair: '車いす',
  electric_wheelchair: '電動車いす',
  stretcher: '担架・ストレッチャー',
  white_cane: '白杖',
  hearing_aid: '補聴器',
  guide_dog: '補助犬',
};

/** 避難先の候補（指定避難所以外） — where else the person may go. */
export const ALTERNATIVE_KINDS = ['relatives', 'care_facility', 'hospital', 'other'] as const;
export type AlternativeKind = (typeof ALTERNATIVE_KINDS)[number];
export const ALTERNATIVE_KIND_LABELS: Record<AlternativeKind, string> = {
  relatives: '親戚・知人宅',
  care_facility: '介護施設',
  hospital: '病院',
  other: 'その他',
};

/** Who filled a field first: the engine's suggestion (issue #4) or the user. */
export type ChosenBy = 'suggestion' | 'user';

/** The default 避難のタイミング. */
export const DEFAULT_LEAVE_WHEN = '警戒レベル3 高齢者等避難';

/**
 * 避難支援等実施者 as written in the plan. `supporterId` links a supporter in the app; the free-text
 * fields are used for someone not in the app and, when filled, override the linked record.
 */
export interface PlanSupporter {
  supporterId: string | null;
  name: string;
  phone: string;
  address: string;
  chosenBy: ChosenBy;
}

/** 避難場所 and 避難経路 for one hazard type. */
export interface PlanDestination {
  /** Shelter ID; empty while the user has drawn a route but not yet chosen the shelter. */
  shelterId: string;
  chosenBy: ChosenBy;
  /** 避難経路 in words (e.g. 「県道を北へ、○○橋は使わない」). */
  routeNote: string;
  /** Drawn or chosen route, `[lng, lat]` WGS84 degrees, start at home; null when none. */
  routeLine: [number, number][] | null;
}

/** 家族・緊急連絡先 */
export interface EmergencyContact {
  name: string;
  /** 続柄 (長男, 姪, ケアマネジャー…). */
  relation: string;
  phone: string;
}

/** 住まいの状況 */
export interface Dwelling {
  /** Floor the person lives on (1 = ground floor), or null when unknown. */
  floor: number | null;
  /** Where the bedroom is (e.g. 「1階 北側の和室」). */
  bedroom: string;
  /** Where the person is during the day (デイサービス, 自宅の居間…). */
  daytimeLocation: string;
}

/** 医療的ケアと電源 */
export interface MedicalPlan {
  /** The care needed (人工呼吸器, 在宅酸素, 透析の曜日…). */
  careNotes: string;
  /** Equipment and medicine that must come along. */
  mustBring: string;
  /** True when the person depends on mains power (人工呼吸器, 酸素濃縮器, 吸引器…). */
  powerDependent: boolean;
  /** How long the batteries last, hours; null when unknown or not dependent. */
  batteryHours: number | null;
  /** Where power is available in an outage (病院, 福祉避難所の非常用電源, 自家発電…). */
  powerAvailableAt: string;
  /** 主治医・訪問看護など (name and phone). */
  careProviderContact: string;
}

/** 指定避難所以外の避難先 (relatives, a care facility). */
export interface AlternativeDestination {
  kind: AlternativeKind;
  name: string;
  address: string;
  phone: string;
}

/** 個別避難計画 — one person's evacuation plan (災害対策基本法 49-14). Schema version 2. */
export interface Plan {
  id: string;
  personId: string;
  status: PlanStatus;
  primarySupporter: PlanSupporter | null;
  backupSupporters: PlanSupporter[];
  /** 避難場所 (and its 避難経路) per hazard type. */
  destinations: Partial<Record<HazardType, PlanDestination>>;
  alternativeDestination: AlternativeDestination | null;
  emergencyContacts: EmergencyContact[];
  dwelling: Dwelling;
  mobilityAids: MobilityAid[];
  /** How they move, in words (介助の方法, 段差…). */
  mobilityNotes: string;
  medical: MedicalPlan;
  /** 意思疎通の配慮 (聴覚, 視覚, 認知症, 日本語…). */
  communicationNotes: string;
  /** 避難のタイミング, default 警戒レベル3 高齢者等避難. */
  leaveWhen: string;
  transport: Transport;
  whatToBring: string;
  /** 支援者への留意事項. */
  supporterNotes: string;
  /** Consent to this plan and to sharing it (49-14, 49-15). */
  consent: Consent;
  /** Date the person confirmed the plan `YYYY-MM-DD`, or null. */
  confirmedOn: string | null;
  /** Review due date `YYYY-MM-DD`, or null. */
  reviewDue: string | null;
  /** Incremented on every save (1 after the first save). */
  version: number;
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  /** 「統合で要確認」: set by a merge until the user chose field by field (absent otherwise). */
  mergeReview?: PlanMergeReview;
  /**
   * Why a 名簿 update asks for this plan to be reviewed (「名簿の更新（2027-04-01）で移動が …に変わりました」),
   * newest last; shown at the top of the editor until the plan is confirmed again (absent otherwise).
   */
  rosterReview?: PlanRosterReason[];
}

/** One reason a 名簿 update gave for reviewing a plan (core/rosterChangeWording.ts writes `text`). */
export interface PlanRosterReason {
  /** The update's date in Japan, `YYYY-MM-DD`. */
  on: string;
  /** The 名簿 update (`RosterUpdateRecord.id`). */
  updateId: string;
  /** The person field that changed (core/rosterUpdate.ts `RosterField`). */
  field: string;
  /** The sentence shown, e.g. 「名簿の更新（2027-04-01）で移動が 杖・歩行器 → 車いす に変わりました」. */
  text: string;
  /** How urgently it asks for review, 1 (a phone number) … 5 (a medical need): ranks 「次に作る計画」. */
  weight: number;
}

/**
 * The marker a merge puts on a plan whose fields both devices changed, to different values, since
 * their last common version: those fields hold this device's value (fields only one side changed
 * are already merged), and the marker names the other device's version and the common version
 * (rows of the plan's history, found by version number and save time) so the editor can show
 * 元の値, this device's and the other's side by side.
 */
export interface PlanMergeReview {
  /** The other device's latest version of the plan: its `version` and `savedAt` (ISO 8601) in the history. */
  theirVersion: number;
  theirSavedAt: string;
  /** The last version both devices had (absent when each made the plan on its own). */
  baseVersion?: number;
  baseSavedAt?: string;
  /** The fields (core/planMerge.ts paths) both devices changed to different values: the user chooses. */
  paths: string[];
  /** The fields only the other device changed, taken by the merge (shown as such). */
  taken: string[];
  /** Who made the merged file (its header's 作業者名; may be empty). */
  from: string;
  /** ISO 8601 time of the merge. */
  mergedAt: string;
}

/** The plan-list and editor label of a plan carrying `mergeReview`. */
export const MERGE_REVIEW_LABEL = '統合で要確認';

/** The plan ID of a person: one plan per person. */
export function planIdFor(personId: string): string {
  return `plan-${personId}`;
}

/** A new, empty plan for a person, dated `today` (`YYYY-MM-DD`); not yet saved (version 0). */
export function emptyPlan(personId: string, today: string): Plan {
  const at = `${today}T00:00:00.000Z`;
  return {
    id: planIdFor(personId),
    personId,
    status: 'not_started',
    primarySupporter: null,
    backupSupporters: [],
    destinations: {},
    alternativeDestination: null,
    emergencyContacts: [],
    dwelling: { floor: null, bedroom: '', daytimeLocation: '' },
    mobilityAids: [],
    mobilityNotes: '',
    medical: { careNotes: '', mustBring: '', powerDependent: false, batteryHours: null, powerAvailableAt: '', careProviderContact: '' },
    communicationNotes: '',
    leaveWhen: DEFAULT_LEAVE_WHEN,
    transport: 'walk',
    whatToBring: '',
    supporterNotes: '',
    consent: pendingConsent(),
    confirmedOn: null,
    reviewDue: null,
    version: 0,
    createdAt: at,
    updatedAt: at,
  };
}

/** The default review date: one year after `date` (`YYYY-MM-DD`); 29 February becomes 28 February. */
export function defaultReviewDue(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The plan marked 本人確認済 on `today` (`YYYY-MM-DD`), with the review date set one year later
 * unless one was already chosen after today. Validation still refuses it without plan consent.
 */
export function confirmPlan(plan: Plan, today: string): Plan {
  const reviewDue = plan.reviewDue && plan.reviewDue > today ? plan.reviewDue : defaultReviewDue(today);
  const { rosterReview: _answered, ...rest } = plan;
  return { ...rest, status: 'confirmed', confirmedOn: today, reviewDue };
}

/** Top-level fields that are not what the person confirms: the status, its dates, the store's fields. */
const NOT_CONTENT = new Set(['status', 'confirmedOn', 'reviewDue', 'version', 'createdAt', 'updatedAt', 'mergeReview', 'rosterReview']);

/** JSON of the plan's content with keys sorted; `chosenBy` left out (accepting a suggestion changes nothing written). */
function contentJson(v: unknown, top = true): string {
  if (Array.isArray(v)) return `[${v.map((x) => contentJson(x, false)).join(',')}]`;
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const entries: [string, unknown][] = Object.entries(v)
    .filter(([k, x]) => x !== undefined && k !== 'chosenBy' && !(top && NOT_CONTENT.has(k)))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${contentJson(x, false)}`).join(',')}}`;
}

/** True when two plans differ in what the person confirms (anything but status, dates and `chosenBy`). */
export function planContentChanged(a: Plan, b: Plan): boolean {
  return contentJson(a) !== contentJson(b);
}

/** Shown when an edit took a plan out of 本人確認済. */
export const RECONFIRM_NOTE = '内容を変えたので本人確認をやり直してください';

/**
 * The status rule for editing: a plan stored as 本人確認済 whose content is edited goes back to
 * 作成中 (the person confirmed other content), its 本人確認日 cleared; the review date stays.
 * `stored` is the plan as saved, `edited` the same plan with the user's changes. Any other
 * plan is returned unchanged.
 */
export function statusAfterEdit(stored: Plan, edited: Plan): Plan {
  if (stored.status !== 'confirmed' || edited.status !== 'confirmed' || !planContentChanged(stored, edited)) return edited;
  return { ...edited, status: 'in_progress', confirmedOn: null };
}

const PHONE = /^[0-9０-９+＋()（）\-‐－ー―\s]{6,20}$/;

function validatePhone(e: ErrorList, phone: unknown, field: string, label: string): void {
  e.optionalText(phone, field, label, 40);
  if (typeof phone === 'string' && phone !== '') e.check(PHONE.test(phone), field, `${label}は数字とハイフンで入力してください（例: 0242-00-0000）。`);
}

function validateSupporterEntry(e: ErrorList, s: PlanSupporter, field: string, label: string): void {
  e.check(s.supporterId === null || (typeof s.supporterId === 'string' && s.supporterId !== ''), `${field}.supporterId`, `${label}の指定が不正です。`);
  e.check(s.supporterId !== null || (typeof s.name === 'string' && s.name.trim() !== ''), `${field}.name`, `${label}を一覧から選ぶか、氏名を入力してください。`);
  e.optionalText(s.name, `${field}.name`, `${label}の氏名`, 100);
  e.optionalText(s.address, `${field}.address`, `${label}の住所`, 200);
  validatePhone(e, s.phone, `${field}.phone`, `${label}の電話番号`);
}

function isLngLatPair(c: unknown): boolean {
  return Array.isArray(c) && c.length === 2 && c.every((n) => Number.isFinite(n)) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90;
}

/** Field-level errors (Japanese) for a plan; empty when valid. */
export function validatePlan(p: Plan): FieldError[] {
  const e = new ErrorList();
  e.requireText(p.id, 'id', 'ID', 64);
  e.requireText(p.personId, 'personId', '対象者', 64);
  e.oneOf(p.status, PLAN_STATUSES, 'status', '計画の状態', PLAN_STATUS_LABELS);
  e.oneOf(p.transport, TRANSPORTS, 'transport', '避難方法', TRANSPORT_LABELS);
  e.check(p.reviewDue === null || isIsoDate(p.reviewDue), 'reviewDue', '見直し日は実在する日付で入力してください。');
  e.check(p.confirmedOn === null || isIsoDate(p.confirmedOn), 'confirmedOn', '本人確認日は実在する日付で入力してください。');
  e.check(Number.isInteger(p.version) && p.version >= 0, 'version', '版番号が不正です。');
  if (p.mergeReview !== undefined) {
    const m = p.mergeReview;
    e.check(Number.isInteger(m?.theirVersion) && m.theirVersion >= 1 && typeof m.theirSavedAt === 'string' && !Number.isNaN(Date.parse(m.theirSavedAt)), 'mergeReview', '統合で要確認の印が指す版が読めません。');
    e.check(typeof m?.from === 'string' && typeof m?.mergedAt === 'string' && !Number.isNaN(Date.parse(m.mergedAt)), 'mergeReview', '統合で要確認の印の日時が読めません。');
    const base = m?.baseVersion === undefined ? m?.baseSavedAt === undefined : Number.isInteger(m.baseVersion) && m.baseVersion >= 0 && typeof m.baseSavedAt === 'string' && !Number.isNaN(Date.parse(m.baseSavedAt));
    const paths = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');
    e.check(base && paths(m?.paths) && m.paths.length > 0 && paths(m?.taken), 'mergeReview', '統合で要確認の印が指す項目が読めません。');
  }
  if (p.rosterReview !== undefined) {
    const ok = Array.isArray(p.rosterReview) && p.rosterReview.every((r) => isIsoDate(r?.on) && typeof r.updateId === 'string' && typeof r.field === 'string' && typeof r.text === 'string' && r.text.length <= 500 && Number.isInteger(r.weight) && r.weight >= 1 && r.weight <= 5);
    e.check(ok, 'rosterReview', '名簿の更新による見直しの理由が読めません。');
  }

  if (p.primarySupporter) validateSupporterEntry(e, p.primarySupporter, 'primarySupporter', '主たる支援者');
  p.backupSupporters.forEach((s, i) => validateSupporterEntry(e, s, `backupSupporters.${i}`, `予備の支援者${i + 1}`));
  const primaryId = p.primarySupporter?.supporterId ?? null;
  e.check(primaryId === null || !p.backupSupporters.some((s) => s.supporterId === primaryId), 'backupSupporters', '予備の支援者に主たる支援者と同じ人が入っています。');

  for (const [hazard, d] of Object.entries(p.destinations)) {
    const known = isHazardType(hazard);
    const label = known ? HAZARD_LABELS[hazard] : hazard;
    e.check(known, `destinations.${hazard}`, `災害種別「${hazard}」は不明です。`);
    if (!d) continue;
    e.optionalText(d.shelterId, `destinations.${hazard}.shelterId`, `${label}の避難場所`, 64);
    e.optionalText(d.routeNote, `destinations.${hazard}.routeNote`, `${label}の避難経路`, 2000);
    e.check(d.routeLine === null || (Array.isArray(d.routeLine) && d.routeLine.length >= 2 && d.routeLine.every(isLngLatPair)), `destinations.${hazard}.routeLine`, `${label}の避難経路の線は2点以上の経度・緯度で指定してください。`);
  }
  if (p.alternativeDestination) {
    const a = p.alternativeDestination;
    e.oneOf(a.kind, ALTERNATIVE_KINDS, 'alternativeDestination.kind', 'その他の避難先の種類', ALTERNATIVE_KIND_LABELS);
    e.requireText(a.name, 'alternativeDestination.name', 'その他の避難先の名称', 200);
    e.optionalText(a.address, 'alternativeDestination.address', 'その他の避難先の住所', 200);
    validatePhone(e, a.phone, 'alternativeDestination.phone', 'その他の避難先の電話番号');
  }
  p.emergencyContacts.forEach((c, i) => {
    e.requireText(c.name, `emergencyContacts.${i}.name`, `緊急連絡先${i + 1}の氏名`, 100);
    e.optionalText(c.relation, `emergencyContacts.${i}.relation`, `緊急連絡先${i + 1}の続柄`, 50);
    validatePhone(e, c.phone, `emergencyContacts.${i}.phone`, `緊急連絡先${i + 1}の電話番号`);
  });
  e.check(p.dwelling.floor === null || (Number.isInteger(p.dwelling.floor) && p.dwelling.floor >= -5 && p.dwelling.floor <= 100), 'dwelling.floor', '居住階は整数で入力してください（例: 1階なら1）。');
  e.optionalText(p.dwelling.bedroom, 'dwelling.bedroom', '寝室の場所', 200);
  e.optionalText(p.dwelling.daytimeLocation, 'dwelling.daytimeLocation', '日中の居場所', 200);
  e.everyOneOf(p.mobilityAids, MOBILITY_AIDS, 'mobilityAids', '補助具', MOBILITY_AID_LABELS);
  e.optionalText(p.mobilityNotes, 'mobilityNotes', '移動の方法', 2000);
  e.optionalText(p.medical.careNotes, 'medical.careNotes', '医療的ケアの内容', 2000);
  e.optionalText(p.medical.mustBring, 'medical.mustBring', '持ち出す医療機器・薬', 2000);
  e.check(p.medical.batteryHours === null || (Number.isFinite(p.medical.batteryHours) && p.medical.batteryHours >= 0 && p.medical.batteryHours <= 240), 'medical.batteryHours', 'バッテリーの持続時間は0〜240時間で入力してください。');
  e.optionalText(p.medical.powerAvailableAt, 'medical.powerAvailableAt', '電源を確保できる場所', 500);
  e.optionalText(p.medical.careProviderContact, 'medical.careProviderContact', '主治医・訪問看護の連絡先', 500);
  e.optionalText(p.communicationNotes, 'communicationNotes', '意思疎通の配慮', 2000);
  e.requireText(p.leaveWhen, 'leaveWhen', '避難のタイミング', 200);
  e.optionalText(p.whatToBring, 'whatToBring', '持ち出し品', 2000);
  e.optionalText(p.supporterNotes, 'supporterNotes', '支援者への留意事項', 4000);

  e.errors.push(...validateConsent(p.consent, 'consent'));
  // The 名簿 may lack consent dates; consent to the plan is taken in person, so it is dated.
  if (p.consent?.status === 'given') e.check(p.consent.date !== null, 'consent.date', '計画への同意がある場合は同意日を入力してください。');
  if (p.status === 'confirmed') {
    e.check(p.consent?.status === 'given', 'status', '本人から計画への同意（同意日・取得方法）を得るまで「本人確認済」にはできません。');
    e.check(p.confirmedOn !== null, 'confirmedOn', '「本人確認済」にするには本人確認日を入力してください。');
  }
  return e.errors;
}
