import type { HazardType } from './hazard';
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

/** 個別避難計画 — one person's evacuation plan (災害対策基本法 49-14). */
export interface Plan {
  id: string;
  personId: string;
  status: PlanStatus;
  primarySupporterId: string | null;
  backupSupporterIds: string[];
  /** Chosen destination shelter ID per hazard type. */
  destinations: Partial<Record<HazardType, string>>;
  /** When to leave, e.g. 警戒レベル3 高齢者等避難. */
  leaveWhen: string;
  transport: Transport;
  whatToBring: string;
  careNotes: string;
  /** Review due date `YYYY-MM-DD`, or null. */
  reviewDue: string | null;
  /** Incremented on every save. */
  version: number;
  updatedAt: string;
}

/** Field-level errors (Japanese) for a plan; empty when valid. */
export function validatePlan(p: Plan): FieldError[] {
  const e = new ErrorList();
  e.requireText(p.id, 'id', 'ID', 64);
  e.requireText(p.personId, 'personId', '対象者', 64);
  e.oneOf(p.status, PLAN_STATUSES, 'status', '計画の状態', PLAN_STATUS_LABELS);
  e.oneOf(p.transport, TRANSPORTS, 'transport', '避難方法', TRANSPORT_LABELS);
  e.check(p.reviewDue === null || isIsoDate(p.reviewDue), 'reviewDue', '見直し日は実在する日付で入力してください。');
  e.check(!p.backupSupporterIds.includes(p.primarySupporterId ?? ''), 'backupSupporterIds', '予備の支援者に主たる支援者と同じ人が入っています。');
  e.optionalText(p.whatToBring, 'whatToBring', '持ち出し品', 2000);
  e.optionalText(p.careNotes, 'careNotes', '支援者への留意事項', 4000);
  return e.errors;
}
