import { HAZARD_TYPES, type HazardType } from '../core/hazard';
import { emptyPlan, PLAN_STATUSES, TRANSPORTS, type Plan, type PlanDestination, type PlanStatus, type PlanSupporter, type Transport } from '../core/plan';
import { isOneOf } from './validation';

/** A plan as schema version 1 stored it (before the plan editor). */
export interface PlanV1 {
  id: string;
  personId: string;
  status: PlanStatus;
  primarySupporterId: string | null;
  backupSupporterIds: string[];
  destinations: Partial<Record<HazardType, string>>;
  leaveWhen: string;
  transport: Transport;
  whatToBring: string;
  careNotes: string;
  reviewDue: string | null;
  version: number;
  updatedAt: string;
}

const linked = (supporterId: string): PlanSupporter => ({ supporterId, name: '', phone: '', address: '', chosenBy: 'user' });

/**
 * Rewrites a version-1 plan as a version-2 plan: supporter IDs become supporter entries,
 * destination IDs become destinations without a route, 留意事項 moves to `supporterNotes`, new
 * fields get their defaults and `version` is at least 1. Version 1 recorded no plan consent, so a
 * plan marked 本人確認済 becomes 要見直し (someone must confirm it again with the person).
 * `now` is an ISO 8601 timestamp used when the old record has no `updatedAt`.
 */
export function upgradePlanV1(old: Partial<PlanV1> & { id: string; personId: string }, now: string): Plan {
  const updatedAt = typeof old.updatedAt === 'string' && old.updatedAt ? old.updatedAt : now;
  const base = emptyPlan(old.personId, updatedAt.slice(0, 10));
  const destinations: Partial<Record<HazardType, PlanDestination>> = {};
  for (const [hazard, shelterId] of Object.entries(old.destinations ?? {})) {
    if (shelterId && isOneOf(hazard, HAZARD_TYPES)) destinations[hazard] = { shelterId, chosenBy: 'user', routeNote: '', routeLine: null };
  }
  const status: PlanStatus = isOneOf(old.status, PLAN_STATUSES) ? old.status : 'in_progress';
  return {
    ...base,
    id: old.id,
    status: status === 'confirmed' ? 'needs_review' : status,
    primarySupporter: old.primarySupporterId ? linked(old.primarySupporterId) : null,
    backupSupporters: (old.backupSupporterIds ?? []).filter((id) => id && id !== old.primarySupporterId).map(linked),
    destinations,
    leaveWhen: old.leaveWhen?.trim() ? old.leaveWhen : base.leaveWhen,
    transport: isOneOf(old.transport, TRANSPORTS) ? old.transport : 'walk',
    whatToBring: old.whatToBring ?? '',
    supporterNotes: old.careNotes ?? '',
    reviewDue: old.reviewDue ?? null,
    version: typeof old.version === 'number' && Number.isInteger(old.version) && old.version >= 1 ? old.version : 1,
    createdAt: updatedAt,
    updatedAt,
  };
}
