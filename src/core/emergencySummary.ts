/**
 * After a 災害時モード event: how the 安否確認 went (counts by state and by district, confirmed at the
 * end, minutes to half / 90 % / all confirmed, who was never reached, who still needs a follow-up)
 * and which plans failed and why — their destination did not open or was full, a supporter was
 * absent, the evacuation took much longer than the plan's walk, or nobody reached the person. The
 * after-event screen turns each failure into the plan's 要見直し with the reasons, naming the
 * shelters and supporters (`planFailureNote`).
 *
 * Confirmed means what it means on the board (core/safetyBoard.ts): `confirmed` counts the people
 * whose latest status is confirmed; `minutesTo` is the first time that many had been confirmed.
 */
import type { Emergency } from './emergency';
import { emptySafetyCounts, isConfirmedState, latestOfTimeline, minutesToConfirmed, minutesToShares, recordsByPerson, type MinutesTo } from './safetyBoard';
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
  /** People whose latest status is confirmed. */
  confirmed: number;
  byState: Record<SafetyState, number>;
}

/** One failed plan: why, and which of the plan's shelters and supporters were involved (ids, in the plan's order). */
export interface PlanFailureDetail {
  personId: string;
  /** Each reason once, in `PlanFailure` order. */
  reasons: PlanFailure[];
  /** The plan's shelters that did not open (`shelter_closed`). */
  closedShelterIds: string[];
  /** The plan's shelters that were full (`shelter_full`). */
  fullShelterIds: string[];
  /** The plan's supporters who were absent (`supporter_absent`). */
  absentSupporterIds: string[];
}

export interface EmergencySummary {
  targets: number;
  /** People whose latest status is confirmed (無事, 要支援, 避難済, 不在) at the end. */
  confirmed: number;
  /** People by their latest state. */
  byState: Record<SafetyState, number>;
  /** One entry per district, in order of first appearance among the people. */
  byDistrict: DistrictSummary[];
  /** The first time half / 90 % / all had been confirmed (each person from their first confirming record). */
  minutesTo: MinutesTo;
  /** People never confirmed (no 無事 / 要支援 / 避難済 / 不在 record ever), in the order given. */
  neverReached: string[];
  /**
   * People confirmed at some point whose latest status is 連絡つかず or 要支援 — the ones to follow
   * up —, in the order given. Never-reached people are in `neverReached` only (the lists do not overlap).
   */
  followUp: { personId: string; state: FollowUpState }[];
  /** People with a plan that failed, in the order given. */
  failures: PlanFailureDetail[];
}

/** Latest statuses that call for a follow-up after the event: 連絡つかず, 要支援. */
export type FollowUpState = Extract<SafetyState, 'not_reached' | 'needs_help'>;
const isFollowUp = (state: SafetyState): state is FollowUpState => state === 'not_reached' || state === 'needs_help';

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
  const followUp: EmergencySummary['followUp'] = [];
  const failures: PlanFailureDetail[] = [];
  let confirmed = 0;
  for (const person of unique.values()) {
    const timeline = byPerson.get(person.id) ?? [];
    const state = latestOfTimeline(timeline)?.status ?? 'unchecked';
    const minutes = minutesToConfirmed(timeline, event.startedAt);
    byState[state]++;
    let district = districts.get(person.districtId);
    if (!district) districts.set(person.districtId, (district = { districtId: person.districtId, targets: 0, confirmed: 0, byState: emptySafetyCounts() }));
    district.targets++;
    district.byState[state]++;
    if (isConfirmedState(state)) {
      confirmed++;
      district.confirmed++;
    }
    if (minutes !== null) confirmedMinutes.push(minutes);
    else neverReached.push(person.id);
    if (minutes !== null && isFollowUp(state)) followUp.push({ personId: person.id, state });
    const failure = person.plan ? planFailure(event, person.id, person.plan, timeline, minutes === null, allowance) : null;
    if (failure) failures.push(failure);
  }
  return {
    targets: unique.size,
    confirmed,
    byState,
    byDistrict: [...districts.values()],
    minutesTo: minutesToShares(confirmedMinutes, unique.size),
    neverReached,
    followUp,
    failures,
  };
}

function planFailure(
  event: Pick<Emergency, 'startedAt' | 'closedShelterIds' | 'fullShelterIds' | 'absentSupporterIds'>,
  personId: string,
  plan: PlannedEvacuation,
  timeline: readonly SafetyRecord[],
  neverReached: boolean,
  allowance: number,
): PlanFailureDetail | null {
  const once = (ids: readonly string[], of: readonly string[]) => [...new Set(ids.filter((id) => of.includes(id)))];
  const closedShelterIds = once(plan.shelterIds, event.closedShelterIds);
  const fullShelterIds = once(plan.shelterIds, event.fullShelterIds);
  const absentSupporterIds = once(plan.supporterIds, event.absentSupporterIds);
  const reasons: PlanFailure[] = [];
  if (closedShelterIds.length > 0) reasons.push('shelter_closed');
  if (fullShelterIds.length > 0) reasons.push('shelter_full');
  if (absentSupporterIds.length > 0) reasons.push('supporter_absent');
  const arrived = timeline.find((r) => r.flag === null && r.status === 'evacuated');
  if (arrived && plan.walkMinutes !== null && (Date.parse(arrived.at) - Date.parse(event.startedAt)) / 60_000 > plan.walkMinutes + allowance) reasons.push('too_slow');
  if (neverReached) reasons.push('never_reached');
  return reasons.length > 0 ? { personId, reasons, closedShelterIds, fullShelterIds, absentSupporterIds } : null;
}

/** What the wording of a failure needs: its reasons and, when known, the shelters and supporters involved. */
export interface FailureWording {
  reasons: readonly PlanFailure[];
  closedShelterIds?: readonly string[];
  fullShelterIds?: readonly string[];
  absentSupporterIds?: readonly string[];
}

/** Names of shelters and supporters for the wording of a failure; an unknown id gives null. */
export interface FailureNames {
  shelter: (id: string) => string | null;
  supporter: (id: string) => string | null;
}

/**
 * Each reason of a failure in words, naming the shelters and supporters involved:
 * 「避難先（北斗高等学校）が開設されなかった」「支援者（佐藤 一郎）が不在だった」. Ids without a name
 * are left out; with no name at all, the plain label (`PLAN_FAILURE_LABELS`).
 */
export function planFailureTexts(failure: FailureWording, names: FailureNames): string[] {
  const named = (ids: readonly string[] | undefined, name: (id: string) => string | null) => [...new Set((ids ?? []).flatMap((id) => name(id) ?? []))].join('、');
  const withNames = (reason: PlanFailure, list: string, wording: (list: string) => string) => (list ? wording(list) : PLAN_FAILURE_LABELS[reason]);
  return failure.reasons.map((r) => {
    if (r === 'shelter_closed') return withNames(r, named(failure.closedShelterIds, names.shelter), (n) => `計画の避難先（${n}）が開設されなかった`);
    if (r === 'shelter_full') return withNames(r, named(failure.fullShelterIds, names.shelter), (n) => `計画の避難先（${n}）が満員だった`);
    if (r === 'supporter_absent') return withNames(r, named(failure.absentSupporterIds, names.supporter), (n) => `計画の支援者（${n}）が不在だった`);
    return PLAN_FAILURE_LABELS[r];
  });
}

/**
 * The 要見直し reason written in a failed plan's history:
 * 「災害時モード（令和9年 台風10号 大雨）: 計画の避難先（北斗高等学校）が開設されなかった、…」.
 */
export function planFailureNote(eventName: string, failure: FailureWording, names: FailureNames): string {
  return `災害時モード（${eventName}）: ${planFailureTexts(failure, names).join('、')}`;
}

/** Minutes as shown to people, whole like the board's: 「1分」 for 1.468 minutes, 「12,345分」. */
export function wholeMinutesLabel(minutes: number): string {
  return `${Math.round(minutes).toLocaleString('ja-JP')}分`;
}

