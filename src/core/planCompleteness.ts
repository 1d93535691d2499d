import type { Person } from './person';
import { PLAN_STATUSES, type Plan, type PlanStatus, type PlanSupporter } from './plan';
import type { Supporter } from './supporter';

/**
 * The items a 個別避難計画 must contain (災害対策基本法 49-14(3), 施行規則 and 内閣府
 * 「避難行動要支援者の避難行動支援に関する取組指針」), plus the person's consent to the plan.
 * In this order in every message.
 */
export const LEGAL_PLAN_ITEMS = [
  { key: 'name', label: '氏名' },
  { key: 'birthDate', label: '生年月日' },
  { key: 'sex', label: '性別' },
  { key: 'address', label: '住所' },
  { key: 'phone', label: '連絡先' },
  { key: 'reason', label: '避難支援等を必要とする事由' },
  { key: 'supporterName', label: '避難支援等実施者の氏名' },
  { key: 'supporterAddress', label: '避難支援等実施者の住所' },
  { key: 'supporterPhone', label: '避難支援等実施者の連絡先' },
  { key: 'destination', label: '避難場所' },
  { key: 'route', label: '避難経路' },
  { key: 'consent', label: '本人の同意' },
] as const;

export type LegalPlanItem = (typeof LEGAL_PLAN_ITEMS)[number];
export type LegalPlanItemKey = LegalPlanItem['key'];

/** A supporter as the plan names them: free text where filled, else the linked record. */
export interface ResolvedSupporter {
  name: string;
  address: string;
  phone: string;
  /** True when `supporterId` pointed at a supporter that is no longer in the app. */
  missingRecord: boolean;
}

const filled = (s: string | null | undefined): boolean => typeof s === 'string' && s.trim() !== '';

/** Resolves a plan's supporter entry against the supporters in the app. */
export function resolvePlanSupporter(entry: PlanSupporter, supportersById: ReadonlyMap<string, Supporter>): ResolvedSupporter {
  const record = entry.supporterId ? supportersById.get(entry.supporterId) : undefined;
  const pick = (own: string, fromRecord: string | undefined) => (filled(own) ? own.trim() : (fromRecord ?? '').trim());
  return {
    name: pick(entry.name, record?.name),
    address: pick(entry.address, record?.address),
    phone: pick(entry.phone, record?.phone),
    missingRecord: entry.supporterId !== null && record === undefined,
  };
}

/**
 * The legal items still missing for `person` with `plan` (or no plan yet), in `LEGAL_PLAN_ITEMS`
 * order. Rules:
 * - 名簿 items come from the person; 性別 「不明」 and an unknown 生年月日 count as missing.
 * - 避難支援等実施者: the primary supporter (主たる支援者); free text overrides the linked record.
 * - 避難場所: a shelter for at least one hazard, or an alternative destination with a name.
 * - 避難経路: a route note or a drawn line (≥ 2 points) on at least one destination entry.
 * - 本人の同意: plan consent status 「同意」.
 */
export function missingLegalItems(person: Person, plan: Plan | null | undefined, supporters: readonly Supporter[] | ReadonlyMap<string, Supporter>): LegalPlanItem[] {
  const byId = supporters instanceof Map ? supporters : new Map((supporters as readonly Supporter[]).map((s) => [s.id, s]));
  const primary = plan?.primarySupporter ? resolvePlanSupporter(plan.primarySupporter, byId) : null;
  const entries = Object.values(plan?.destinations ?? {}).filter((d) => !!d);
  const present: Record<LegalPlanItemKey, boolean> = {
    name: filled(person.name),
    birthDate: filled(person.birthDate),
    sex: person.sex !== 'unknown' && filled(person.sex),
    address: filled(person.address),
    phone: filled(person.phone),
    reason: filled(person.reason),
    supporterName: filled(primary?.name),
    supporterAddress: filled(primary?.address),
    supporterPhone: filled(primary?.phone),
    destination: entries.some((d) => filled(d!.shelterId)) || filled(plan?.alternativeDestination?.name),
    route: entries.some((d) => filled(d!.routeNote) || (d!.routeLine?.length ?? 0) >= 2),
    consent: plan?.consent?.status === 'given',
  };
  return LEGAL_PLAN_ITEMS.filter((item) => !present[item.key]);
}

/** How complete a plan is against the legal items. */
export interface PlanCompleteness {
  missing: LegalPlanItem[];
  /** Items filled, out of `LEGAL_PLAN_ITEMS.length`. */
  filledCount: number;
  total: number;
  /** Whole percent of legal items filled (0–100). */
  percent: number;
  /** One Japanese sentence naming what is missing. */
  message: string;
}

/** The completeness check shown in the plan editor. */
export function planCompleteness(person: Person, plan: Plan | null | undefined, supporters: readonly Supporter[] | ReadonlyMap<string, Supporter>): PlanCompleteness {
  const missing = missingLegalItems(person, plan, supporters);
  const total = LEGAL_PLAN_ITEMS.length;
  const filledCount = total - missing.length;
  return { missing, filledCount, total, percent: Math.round((filledCount / total) * 100), message: missingItemsMessage(missing) };
}

/** 「未記入の必須項目: 生年月日、避難経路（2項目）」 or 「必須項目はすべて記入済みです。」 */
export function missingItemsMessage(missing: readonly LegalPlanItem[]): string {
  if (missing.length === 0) return '必須項目はすべて記入済みです。';
  return `未記入の必須項目: ${missing.map((m) => m.label).join('、')}（${missing.length}項目）`;
}

/** True when the plan's review date (`YYYY-MM-DD`) is before `today`, for a plan that was confirmed. */
export function planIsOverdue(plan: Pick<Plan, 'status' | 'reviewDue'>, today: string): boolean {
  return (plan.status === 'confirmed' || plan.status === 'needs_review') && plan.reviewDue !== null && plan.reviewDue < today;
}

/**
 * The status to show on `today`: no plan → 未着手; a confirmed plan past its review date → 要見直し;
 * otherwise the stored status.
 */
export function effectivePlanStatus(plan: Pick<Plan, 'status' | 'reviewDue'> | null | undefined, today: string): PlanStatus {
  if (!plan || !PLAN_STATUSES.includes(plan.status)) return 'not_started';
  if (plan.status === 'confirmed' && planIsOverdue(plan, today)) return 'needs_review';
  return plan.status;
}
