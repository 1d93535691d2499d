/**
 * The 安否確認 board of one 災害時モード event: one row per person in priority order, each with
 * their latest status (the latest unflagged record, core/safetyMerge.ts), their timeline and
 * their flagged records; counts by state; how many are confirmed now; and, as in drills
 * (core/drillProgress.ts), how many minutes after the start half, 90 % and all of them were confirmed.
 *
 * Two meanings of confirmed, on purpose:
 * - `confirmed` (「N / M人 確認」) counts the people whose LATEST status is in
 *   `SAFETY_CONFIRMED_STATUSES`: someone 無事 at 21:10 and 連絡つかず at 23:00 is not confirmed now.
 * - `minutesTo` is the first time that many people had been confirmed: each person counts from their
 *   first unflagged record whose status is in `SAFETY_CONFIRMED_STATUSES`, whatever came after. So
 *   「全員を確認」 may show minutes while `confirmed` is below `targets`.
 */
import type { PriorityRank } from './priority';
import { PRIORITY_ORDER } from './priority';
import { SAFETY_CONFIRMED_STATUSES, type SafetyRecord, type SafetyState, type SafetyStatus } from './safetyRecord';
import { isNewerSafetyRecord } from './safetyMerge';

/** What the board needs of a person (built by the screen from the gate's people, the engine's priority and Plan B). */
export interface BoardPerson {
  id: string;
  name: string;
  nameKana: string;
  address: string;
  phone: string;
  districtId: string | null;
  priorityRank: PriorityRank;
  hazardAtHome: boolean;
  /**
   * When the home is inside from the ハザードマップポータル's tiles: the source and date in words
   * (「ハザードマップポータル（タイル）、2026-11-28 取得」, core/hazardAtHome.ts `hazardSourceLabel`); absent otherwise.
   */
  hazardAtHomeSource?: string;
  livesAlone: boolean;
  /** Needs help at night in particular (after hazard at home and living alone in the order). */
  night?: boolean;
  supporterIds: string[];
  /** Shown only because of the event (「災害時提供」). */
  revealed: boolean;
  /** Plan B moved their destination (「避難先変更」). */
  destinationChanged: boolean;
  /** Plan B left them without a supporter (「支援者なし」). */
  noSupporter: boolean;
  /** Plan B changed anything else for them (福祉避難所, a supporter replaced): at the top too. */
  replanned?: boolean;
}

export interface SafetyBoardRow {
  person: BoardPerson;
  state: SafetyState;
  /** The record the state comes from; null when 未確認. */
  latest: SafetyRecord | null;
  /** Every record of the person, flagged ones included, oldest first. */
  timeline: SafetyRecord[];
  /** Records kept but not used for the state until accepted, oldest first. */
  flagged: SafetyRecord[];
}

export interface MinutesTo {
  half: number | null;
  ninety: number | null;
  all: number | null;
}

export interface SafetyBoard {
  rows: SafetyBoardRow[];
  counts: Record<SafetyState, number>;
  targets: number;
  /** People whose latest status is confirmed (`isConfirmedState`), now. */
  confirmed: number;
  /** The first time half / 90 % / all of `targets` had been confirmed (each person from their first confirming record). */
  minutesTo: MinutesTo;
}

export interface BoardFilter {
  districtId?: string | null;
  state?: SafetyState | null;
  supporterId?: string | null;
}

/** A count of zero for every state. */
export function emptySafetyCounts(): Record<SafetyState, number> {
  return { unchecked: 0, safe: 0, needs_help: 0, not_reached: 0, evacuated: 0, absent: 0 };
}

const bool = (b: boolean | undefined) => (b ? 0 : 1);

/** True when Plan B changed something for the person (避難先変更, 支援者なし or another change). */
export const affectedByPlanB = (p: BoardPerson): boolean => p.destinationChanged || p.noSupporter || p.replanned === true;

/** True when a latest state counts the person as confirmed now (無事, 要支援, 避難済, 不在). */
export const isConfirmedState = (state: SafetyState): boolean => state !== 'unchecked' && SAFETY_CONFIRMED_STATUSES.includes(state);

/** States that settle a person for Plan B: nobody needs to go to them first any more. */
const SETTLED: readonly SafetyState[] = ['safe', 'evacuated', 'absent'] satisfies readonly SafetyStatus[];

/** True when the row goes to the top: Plan B changed something for the person and they are not yet 無事, 避難済 or 不在. */
export const planBFirst = (row: Pick<SafetyBoardRow, 'person' | 'state'>): boolean => affectedByPlanB(row.person) && !SETTLED.includes(row.state);

/**
 * Priority order of people: rank A, B, C; within each: hazard at home, living alone, night, then
 * フリガナ (then id, so the order never depends on the input's).
 */
export function compareBoardPeople(a: BoardPerson, b: BoardPerson): number {
  return (
    PRIORITY_ORDER[a.priorityRank] - PRIORITY_ORDER[b.priorityRank] ||
    bool(a.hazardAtHome) - bool(b.hazardAtHome) ||
    bool(a.livesAlone) - bool(b.livesAlone) ||
    bool(a.night) - bool(b.night) ||
    a.nameKana.localeCompare(b.nameKana, 'ja') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Board order: people Plan B changed (避難先変更, 支援者なし, or otherwise replanned) whose latest state
 * is not 無事, 避難済 or 不在 first — the ones to go to now —, then everyone else in priority order
 * (`compareBoardPeople`): a settled Plan B person falls into their priority place, still marked.
 */
export function compareBoardRows(a: Pick<SafetyBoardRow, 'person' | 'state'>, b: Pick<SafetyBoardRow, 'person' | 'state'>): number {
  return bool(planBFirst(a)) - bool(planBFirst(b)) || compareBoardPeople(a.person, b.person);
}

const byTime = (a: SafetyRecord, b: SafetyRecord) => (isNewerSafetyRecord(a, b) ? 1 : isNewerSafetyRecord(b, a) ? -1 : 0);

/** Minutes from `startedAt` to a person's first confirming unflagged record (never below 0), or null. */
export function minutesToConfirmed(timeline: readonly SafetyRecord[], startedAt: string): number | null {
  let first: number | null = null;
  for (const r of timeline) {
    if (r.flag !== null || !SAFETY_CONFIRMED_STATUSES.includes(r.status)) continue;
    const t = Date.parse(r.at);
    if (first === null || t < first) first = t;
  }
  return first === null ? null : Math.max(0, (first - Date.parse(startedAt)) / 60_000);
}

/** Minutes until ≥ 50 %, ≥ 90 % and 100 % of `targets` were confirmed, from each confirmed person's minutes. */
export function minutesToShares(confirmedMinutes: readonly number[], targets: number): MinutesTo {
  const times = [...confirmedMinutes].sort((a, b) => a - b);
  const at = (k: number) => (targets > 0 && k <= times.length ? times[k - 1] : null);
  return { half: at(Math.ceil(targets * 0.5)), ninety: at(Math.ceil(targets * 0.9)), all: at(targets) };
}

/** Each person's records (oldest first), for the people asked; records of others are left out. */
export function recordsByPerson(personIds: Iterable<string>, records: readonly SafetyRecord[]): Map<string, SafetyRecord[]> {
  const byPerson = new Map<string, SafetyRecord[]>();
  for (const id of personIds) byPerson.set(id, []);
  for (const r of records) byPerson.get(r.personId)?.push(r);
  for (const list of byPerson.values()) list.sort(byTime);
  return byPerson;
}

/** The latest unflagged record of a timeline (oldest first), or null. */
export function latestOfTimeline(timeline: readonly SafetyRecord[]): SafetyRecord | null {
  for (let i = timeline.length - 1; i >= 0; i--) if (timeline[i].flag === null) return timeline[i];
  return null;
}

/** The board for `people` (a repeated id counts once) from the event's `records`, in `compareBoardRows` order. */
export function safetyBoard(people: readonly BoardPerson[], records: readonly SafetyRecord[], startedAt: string): SafetyBoard {
  const unique = new Map<string, BoardPerson>();
  for (const p of people) if (!unique.has(p.id)) unique.set(p.id, p);
  const byPerson = recordsByPerson(unique.keys(), records);
  const counts = emptySafetyCounts();
  const confirmedMinutes: number[] = [];
  const rows: SafetyBoardRow[] = [];
  let confirmed = 0;
  for (const person of unique.values()) {
    const timeline = byPerson.get(person.id) ?? [];
    const flagged = timeline.filter((r) => r.flag !== null);
    const latest = latestOfTimeline(timeline);
    const state: SafetyState = latest?.status ?? 'unchecked';
    counts[state]++;
    if (isConfirmedState(state)) confirmed++;
    const minutes = minutesToConfirmed(timeline, startedAt);
    if (minutes !== null) confirmedMinutes.push(minutes);
    rows.push({ person, state, latest, timeline, flagged });
  }
  rows.sort(compareBoardRows);
  return { rows, counts, targets: rows.length, confirmed, minutesTo: minutesToShares(confirmedMinutes, rows.length) };
}

/** The rows that pass every filter given (a missing or null filter passes all), order kept. */
export function filterBoard(rows: readonly SafetyBoardRow[], filter: BoardFilter): SafetyBoardRow[] {
  return rows.filter(
    (r) =>
      (filter.districtId == null || r.person.districtId === filter.districtId) &&
      (filter.state == null || r.state === filter.state) &&
      (filter.supporterId == null || r.person.supporterIds.includes(filter.supporterId)),
  );
}
