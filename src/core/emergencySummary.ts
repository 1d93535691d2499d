/**
 * After a 災害時モード event: how the 安否確認 went (counts by state and by district, minutes to
 * half / 90 % / all confirmed, who was never reached) and which plans failed and why — their
 * destination did not open or was full, a supporter was absent, the evacuation took much longer
 * than the plan's walk, or nobody reached the person. The after-event screen turns each failure
 * into the plan's 要見直し with the reasons (`planFailureNote`).
 */
import type { Emergency } from './emergency';
import { emptySafetyCounts, latestOfTimeline, minutesToConfirmed, minutesToShares, recordsByPerson, type MinutesTo } from './safetyBoard';
import type { SafetyRecord, SafetyState } from './safetyRecord';

export type PlanFailure = 'shelter_closed' | 'shelter_full' | 'supporter_absent' | 'too_slow' | 'never_reached';

export const PLAN_FAILURE_LABELS: Record<PlanFailure, string> = {
  shelter_closed: '計画の避難先が開設されなかった',
  shelter_full: '計画の避難先が満員だった',
  supporter_absent: '計画の支援者が不在だった',
  too_slow: '避難に計画よりずっと時間がかかった',
  never_reached: '最後まで安否を確認できなかった',
};

/** Minutes beyond the plan's walk allowed before an arrival counts as too slow (getting ready, waiting for the supporter). */
export const TOO_SLOW_ALLOWANCE_MINUTES = 30;

/** What the plan said for the event's hazard (from the 個別避難計画, else the engine's suggestion). */
export interface PlannedEvacuation {
  /** Destination and 福祉避難所 shelter ids. */
  shelterIds: readonly string[];
  supporterIds: readonly string[];
  /** Minutes of the walk to the destination, or null when not walkable / not known. */
  walkMinutes: number | null;
}

export interface SummaryPerson {
  id: string;
  districtId: string | null;
  /** Null for people without a plan (e.g. shown only because of the event): they get no failures. */
  plan: PlannedEvacuation | null;
}

export interface DistrictSummary {
  districtId: string | null;
  targets: number;
  confirmed: number;
  byState: Record<SafetyState, number>;
}

export interface EmergencySummary {
  targets: number;
  confirmed: number;
  /** People by their latest state. */
  byState: Record<SafetyState, number>;
  /** One entry per district, in order of first appearance among the people. */
  byDistrict: DistrictSummary[];
  minutesTo: MinutesTo;
  /** People never confirmed (no 無事 / 要支援 / 避難済 / 不在 record), in the order given. */
  neverReached: string[];
  /** People with a plan that failed, in the order given, each reason once in `PlanFailure` order. */
  failures: { personId: string; reasons: PlanFailure[] }[];
}

export interface SummaryOptions {
  allowanceMinutes?: number;
}

/** The summary of an event for `people` (a repeated id counts once) from its records; flagged records are left out. */
export function emergencySummary(
  event: Pick<Emergency, 'startedAt' | 'closedShelterIds' | 'fullShelterIds' | 'absentSupporterIds'>,
  people: readonly SummaryPerson[],
  records: readonly SafetyRecord[],
  options: SummaryOptions = {},
): EmergencySummary {
  const allowance = options.allowanceMinutes ?? TOO_SLOW_ALLOWANCE_MINUTES;
  const unique = new Map<string, SummaryPerson>();
  for (const p of people) if (!unique.has(p.id)) unique.set(p.id, p);
  const byPerson = recordsByPerson(unique.keys(), records);
  const byState = emptySafetyCounts();
  const districts = new Map<string | null, DistrictSummary>();
  const confirmedMinutes: number[] = [];
  const neverReached: string[] = [];
  const failures: EmergencySummary['failures'] = [];
  for (const person of unique.values()) {
    const timeline = byPerson.get(person.id) ?? [];
    const state = latestOfTimeline(timeline)?.status ?? 'unchecked';
    const minutes = minutesToConfirmed(timeline, event.startedAt);
    byState[state]++;
    let district = districts.get(person.districtId);
    if (!district) districts.set(person.districtId, (district = { districtId: person.districtId, targets: 0, confirmed: 0, byState: emptySafetyCounts() }));
    district.targets++;
    district.byState[state]++;
    if (minutes !== null) {
      confirmedMinutes.push(minutes);
      district.confirmed++;
    } else neverReached.push(person.id);
    const reasons = person.plan ? planFailures(event, person.plan, timeline, minutes === null, allowance) : [];
    if (reasons.length > 0) failures.push({ personId: person.id, reasons });
  }
  return {
    targets: unique.size,
    confirmed: confirmedMinutes.length,
    byState,
    byDistrict: [...districts.values()],
    minutesTo: minutesToShares(confirmedMinutes, unique.size),
    neverReached,
    failures,
  };
}

function planFailures(
  event: Pick<Emergency, 'startedAt' | 'closedShelterIds' | 'fullShelterIds' | 'absentSupporterIds'>,
  plan: PlannedEvacuation,
  timeline: readonly SafetyRecord[],
  neverReached: boolean,
  allowance: number,
): PlanFailure[] {
  const reasons: PlanFailure[] = [];
  if (plan.shelterIds.some((id) => event.closedShelterIds.includes(id))) reasons.push('shelter_closed');
  if (plan.shelterIds.some((id) => event.fullShelterIds.includes(id))) reasons.push('shelter_full');
  if (plan.supporterIds.some((id) => event.absentSupporterIds.includes(id))) reasons.push('supporter_absent');
  const arrived = timeline.find((r) => r.flag === null && r.status === 'evacuated');
  if (arrived && plan.walkMinutes !== null && (Date.parse(arrived.at) - Date.parse(event.startedAt)) / 60_000 > plan.walkMinutes + allowance) reasons.push('too_slow');
  if (neverReached) reasons.push('never_reached');
  return reasons;
}

/** The 要見直し reason written in a failed plan's history: 「災害時モード（令和9年 台風10号 大雨）: 計画の避難先が開設されなかった、…」. */
export function planFailureNote(eventName: string, reasons: readonly PlanFailure[]): string {
  return `災害時モード（${eventName}）: ${reasons.map((r) => PLAN_FAILURE_LABELS[r]).join('、')}`;
}

