/**
 * Plan B (災害時モード and drills): the rule that says who is affected when shelters stay shut or
 * fill up and supporters cannot come, and what each person's plan is before anything changes.
 * Shared by the indexed re-planning (core/replan.ts `replanAffected`) and its brute-force
 * reference (core/replanReference.ts `replanEveryone`), which must answer alike. Light and pure:
 * the page may import the types and labels (the searches live in the solver modules).
 *
 * A person's current plan:
 * - destination: the plan's 避難場所 for the event hazard (accepted, not a pre-filled suggestion —
 *   the precedence of core/effectivePlan.ts), else the engine's nearest suitable shelter;
 * - 福祉避難所: the plan's destination when that shelter is a 福祉避難所, else the one the engine's
 *   allocation gave them;
 * - supporters: the plan's supporters when it has any (those linked to a supporter in the app are
 *   followed; ones written by name only stay as they are), else the engine's matches.
 * A person is affected when their destination or 福祉避難所 is closed (開設しない) or full (満員), or
 * one of their supporters is absent (不在).
 */
import type { AnalysisSettings } from './analysisSettings';
import type { HazardType } from './hazard';
import type { Person } from './person';
import type { Plan, PlanSupporter } from './plan';
import { PRIORITY_ORDER, type PriorityRank } from './priority';
import type { Shelter } from './shelter';
import type { Supporter } from './supporter';

/** What went wrong during the event: shelters that did not open or are full, supporters who cannot help. */
export interface Disruption {
  closedShelterIds: readonly string[];
  fullShelterIds: readonly string[];
  absentSupporterIds: readonly string[];
}

/** No disruption at all. */
export const NO_DISRUPTION: Disruption = Object.freeze({ closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] });

/** True when nothing is closed, full or absent. */
export function isNoDisruption(d: Disruption): boolean {
  return d.closedShelterIds.length === 0 && d.fullShelterIds.length === 0 && d.absentSupporterIds.length === 0;
}

export type ReplanReason = 'shelter_closed' | 'shelter_full' | 'welfare_closed' | 'welfare_full' | 'supporter_absent';

export const REPLAN_REASON_LABELS: Record<ReplanReason, string> = {
  shelter_closed: '避難先が開設されない',
  shelter_full: '避難先が満員',
  welfare_closed: '福祉避難所が開設されない',
  welfare_full: '福祉避難所が満員',
  supporter_absent: '支援者が不在',
};

/** The board's and the drill's marks. */
export const DESTINATION_CHANGED_LABEL = '避難先変更';
export const NO_SUPPORTER_LABEL = '支援者なし';

/** A new or kept destination: a shelter, the plan's 代替の避難先 (relatives, a care facility…), or null (no open suitable shelter). */
export type ReplannedDestination = { kind: 'shelter'; shelterId: string; distanceM: number } | { kind: 'alternative'; name: string; address: string; phone: string } | null;

/**
 * One person after Plan B. Distances are great-circle metres from the home; NaN when the home or
 * the place is not on the map. Supporters: the ones still able to come (in the plan's or the
 * engine's order), then the ones added, nearest least-loaded first.
 */
export interface ReplannedPerson {
  personId: string;
  reasons: ReplanReason[];
  destination: ReplannedDestination;
  /** The destination before Plan B (the plan's or the engine's), or null when there was none. */
  previousShelterId: string | null;
  destinationChanged: boolean;
  welfare: { shelterId: string; distanceM: number } | null;
  /** The 福祉避難所 before Plan B, or null. */
  previousWelfareId: string | null;
  welfareChanged: boolean;
  supporters: { supporterId: string; distanceM: number }[];
  supportersChanged: boolean;
  /** Nobody left to help: no supporter in the app and none written by name in the plan. */
  noSupporter: boolean;
}

/** A person's plan as it stands before Plan B (see the module comment). */
export interface CurrentPlan {
  destinationId: string | null;
  welfareId: string | null;
  /** Linked supporters (ids of supporters in the app), in order, each once. */
  supporterIds: string[];
  /** The plan's supporters written by name only (not linked to a supporter in the app). */
  namedSupporters: number;
}

/** What the rule needs of the engine's analysis of one person (core/evacuationAnalysis.ts `PersonAnalysis`). */
export interface BaseAnalysis {
  personId: string;
  destination: { shelterId: string } | null;
  allocatedWelfare: { shelterId: string } | null;
  supporters: readonly { supporterId: string }[];
  priority: { rank: PriorityRank };
}

/**
 * What re-planning reads: the people, the engine's analysis of exactly those people (same order,
 * made with `settings`), their plans (any order; people without one have none), every shelter and
 * the supporters, the scenario settings and the disruption.
 */
export interface ReplanInput {
  people: readonly Person[];
  analysis: readonly BaseAnalysis[];
  plans: readonly Plan[];
  shelters: readonly Shelter[];
  supporters: readonly Supporter[];
  settings: AnalysisSettings;
  disruption: Disruption;
}

/** The plan's own destination for `hazard`: accepted (not a pre-filled suggestion) and naming a shelter. */
export function plannedDestinationId(plan: Plan | undefined, hazard: HazardType): string | null {
  const d = plan?.destinations[hazard];
  return d && d.chosenBy !== 'suggestion' && d.shelterId.trim() !== '' ? d.shelterId : null;
}

/** The plan's accepted supporter entries (core/effectivePlan.ts `plannedSupporter`: not a pre-filled suggestion, naming someone). */
function plannedEntries(plan: Plan | undefined, isKnown: (supporterId: string) => boolean): PlanSupporter[] {
  if (!plan) return [];
  return [plan.primarySupporter, ...plan.backupSupporters].filter((s): s is PlanSupporter => s !== null && s.chosenBy !== 'suggestion' && (s.name.trim() !== '' || (s.supporterId !== null && isKnown(s.supporterId))));
}

/**
 * The person's current plan: `shelterOf(id)` finds a shelter (undefined when unknown), `isKnown(id)`
 * says whether a supporter is in the app.
 */
export function currentPlanOf(base: BaseAnalysis, plan: Plan | undefined, hazard: HazardType, shelterOf: (id: string) => Shelter | undefined, isKnown: (supporterId: string) => boolean): CurrentPlan {
  const engineSupporters = () => base.supporters.flatMap((s) => (isKnown(s.supporterId) ? [s.supporterId] : []));
  if (!plan) return { destinationId: base.destination?.shelterId ?? null, welfareId: base.allocatedWelfare?.shelterId ?? null, supporterIds: engineSupporters(), namedSupporters: 0 };
  const planned = plannedDestinationId(plan, hazard);
  const destinationId = planned ?? base.destination?.shelterId ?? null;
  const welfareId = planned !== null && shelterOf(planned)?.kinds.includes('welfare_shelter') ? planned : (base.allocatedWelfare?.shelterId ?? null);
  const entries = plannedEntries(plan, isKnown);
  const ids = entries.length ? entries.flatMap((s) => (s.supporterId !== null && isKnown(s.supporterId) ? [s.supporterId] : [])) : engineSupporters();
  const namedSupporters = entries.filter((s) => s.supporterId === null || !isKnown(s.supporterId)).length;
  return { destinationId, welfareId, supporterIds: [...new Set(ids)], namedSupporters };
}

/** Membership tests of a disruption (core/replanServe.ts `disruptionSets`). */
export interface DisruptionTest {
  closed: (shelterId: string) => boolean;
  full: (shelterId: string) => boolean;
  absent: (supporterId: string) => boolean;
}

/** Why the person is affected (empty: not affected), in the order of `ReplanReason`. */
export function replanReasons(current: CurrentPlan, test: DisruptionTest): ReplanReason[] {
  const reasons: ReplanReason[] = [];
  const d = current.destinationId;
  if (d !== null && test.closed(d)) reasons.push('shelter_closed');
  else if (d !== null && test.full(d)) reasons.push('shelter_full');
  const w = current.welfareId;
  if (w !== null && test.closed(w)) reasons.push('welfare_closed');
  else if (w !== null && test.full(w)) reasons.push('welfare_full');
  if (current.supporterIds.some(test.absent)) reasons.push('supporter_absent');
  return reasons;
}

/** True when the reasons say the destination / the 福祉避難所 / the supporters must be found again. */
export const needsDestination = (r: readonly ReplanReason[]) => r.includes('shelter_closed') || r.includes('shelter_full');
export const needsWelfare = (r: readonly ReplanReason[]) => r.includes('welfare_closed') || r.includes('welfare_full');
export const needsSupporters = (r: readonly ReplanReason[]) => r.includes('supporter_absent');

/**
 * The order affected people are served in (福祉避難所 places and supporters' room are limited):
 * 優先度 A, B, C, then the order of the 名簿 as given. Sorts positions `order` into `people` in place.
 */
export function sortByPriority(order: number[], base: readonly BaseAnalysis[]): number[] {
  return order.sort((a, b) => PRIORITY_ORDER[base[a].priority.rank] - PRIORITY_ORDER[base[b].priority.rank] || a - b);
}

/** A candidate supporter for a person: position in the supporters list, great-circle metres, current load. */
export interface SupporterCandidate {
  supporter: number;
  distanceM: number;
  load: number;
}

/** Candidates in the order they are taken: least loaded first, then nearest, then the supporters' list order. */
export function byLoadThenDistance(a: SupporterCandidate, b: SupporterCandidate): number {
  return a.load - b.load || a.distanceM - b.distanceM || a.supporter - b.supporter;
}
