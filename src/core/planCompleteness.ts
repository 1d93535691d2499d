import type { Person } from './person';
import { PLAN_STATUSES, type Plan, type PlanStatus, type PlanSupporter } from './plan';
import { acceptSuggestions } from './planSuggestions';
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
 * - A suggestion of the engine not yet accepted (`chosenBy: 'suggestion'`) fills nothing: the
 *   list, the editor, the map's detail panel and the 地区カルテ all count by this one rule.
 * - 避難支援等実施者: the primary supporter (主たる支援者), accepted; free text overrides the linked record.
 * - 避難場所: an accepted shelter for at least one hazard, or an alternative destination with a name.
 * - 避難経路: a route note or a drawn line (≥ 2 points) on at least one destination entry.
 * - 本人の同意: plan consent status 「同意」.
 */
export function missingLegalItems(person: Person, plan: Plan | null | undefined, supporters: readonly Supporter[] | ReadonlyMap<string, Supporter>): LegalPlanItem[] {
  // A map has `get`; a list does not.
  const byId = 'get' in supporters ? supporters : new Map(supporters.map((s) => [s.id, s]));
  const chosen = plan?.primarySupporter && plan.primarySupporter.chosenBy !== 'suggestion' ? plan.primarySupporter : null;
  const primary = chosen ? resolvePlanSupporter(chosen, byId) : null;
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
    destination: entries.some((d) => d!.chosenBy !== 'suggestion' && filled(d!.shelterId)) || filled(plan?.alternativeDestination?.name),
    route: entries.some((d) => filled(d!.routeNote) || (d!.routeLine?.length ?? 0) >= 2),
    consent: plan?.consent?.status === 'given',
  };
  return LEGAL_PLAN_ITEMS.filter((item) => !present[item.key]);
}

/**
 * Legal items the plan holds only as a suggestion not yet accepted (so still missing): the
 * primary supporter's items and 避難場所. In `LEGAL_PLAN_ITEMS` order.
 */
export function suggestedOnlyItems(person: Person, plan: Plan | null | undefined, supporters: readonly Supporter[] | ReadonlyMap<string, Supporter>): LegalPlanItemKey[] {
  if (!plan) return [];
  const missing = new Set(missingLegalItems(person, plan, supporters).map((i) => i.key));
  const accepted = missingLegalItems(person, acceptSuggestions(plan), supporters).map((i) => i.key);
  return [...missing].filter((k) => !accepted.includes(k));
}

/** How complete a plan is against the legal items. */
export interface PlanCompleteness {
  missing: LegalPlanItem[];
  /** Missing items that hold a suggestion not yet accepted (「提案のまま」). */
  suggestedOnly: LegalPlanItemKey[];
  /** Items filled, out of `LEGAL_PLAN_ITEMS.length`. */
  filledCount: number;
  total: number;
  /** Whole percent of legal items filled (0–100). */
  percent: number;
  /** One Japanese sentence naming what is missing. */
  message: string;
}

/** The completeness check: the same numbers in the plan list, the editor and the detail panel. */
export function planCompleteness(person: Person, plan: Plan | null | undefined, supporters: readonly Supporter[] | ReadonlyMap<string, Supporter>): PlanCompleteness {
  const missing = missingLegalItems(person, plan, supporters);
  const total = LEGAL_PLAN_ITEMS.length;
  const filledCount = total - missing.length;
  const suggestedOnly = suggestedOnlyItems(person, plan, supporters);
  return { missing, suggestedOnly, filledCount, total, percent: Math.round((filledCount / total) * 100), message: missingItemsMessage(missing) };
}

/** 「必須項目 6/12（未記入6）」: the one way the count is written (plan list, editor, detail panel). */
export function completenessLabel(c: Pick<PlanCompleteness, 'filledCount' | 'total'>): string {
  const missing = c.total - c.filledCount;
  return `必須項目 ${c.filledCount}/${c.total}（${missing ? `未記入${missing}` : 'そろい'}）`;
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
