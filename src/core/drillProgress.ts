/**
 * How a drill went: per person the latest check and when they were first confirmed, and for the
 * district how many were confirmed and how many minutes after the start half, 90 % and all of
 * them were. A person counts as confirmed at their first check whose status completes the drill's
 * kind (安否確認: 無事, 要支援 or 避難済 — someone already at a shelter is safe and known; 避難誘導: 到着). Times are ISO 8601; minutes are from `startedAt`.
 */
import type { Drill, DrillKind, DrillRecord } from './drill';

export type DrillStatus = DrillRecord['status'];

export const DRILL_STATUS_LABELS: Record<DrillStatus, string> = {
  safe: '無事',
  needs_help: '要支援',
  not_reached: '連絡つかず',
  arrived: '避難先に到着',
};

/** The statuses a user can record in each kind of drill, in button order. */
export const DRILL_STATUSES_BY_KIND: Record<DrillKind, readonly DrillStatus[]> = {
  safety_check: ['safe', 'needs_help', 'not_reached', 'arrived'],
  evacuation_guidance: ['arrived', 'needs_help', 'not_reached'],
};

/** Statuses that confirm a person in each kind of drill. */
export const DRILL_DONE_STATUSES: Record<DrillKind, readonly DrillStatus[]> = {
  safety_check: ['safe', 'needs_help', 'arrived'],
  evacuation_guidance: ['arrived'],
};

export interface DrillPersonProgress {
  personId: string;
  /** Latest recorded status, or null when nobody has checked on them yet. */
  latest: DrillStatus | null;
  latestAt: string | null;
  /** Minutes from the start to the first confirming check, or null when not confirmed. */
  confirmedAfterMin: number | null;
  checks: number;
}

export interface DrillProgress {
  targets: number;
  confirmed: number;
  /** People by latest status; `unchecked` when no record yet. */
  byLatest: Record<DrillStatus | 'unchecked', number>;
  /** Minutes from the start until ≥ 50 %, ≥ 90 % and 100 % of targets were confirmed; null when not (yet) reached. */
  minutesTo: { half: number | null; ninety: number | null; all: number | null };
  /** Targets whose latest status is 要支援. */
  needsHelp: string[];
  /** Targets not confirmed. */
  notConfirmed: string[];
  people: DrillPersonProgress[];
}

const minutesBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 60_000;

/** Progress of `drill` for `targets` (the people the drill is about, in display order; a repeated ID counts once); records of others are ignored. */
export function drillProgress(drill: Pick<Drill, 'kind' | 'startedAt' | 'records'>, targets: readonly string[]): DrillProgress {
  const targetIds = [...new Set(targets)];
  const done = DRILL_DONE_STATUSES[drill.kind];
  const byPerson = new Map<string, DrillRecord[]>();
  for (const id of targetIds) byPerson.set(id, []);
  for (const r of drill.records) byPerson.get(r.personId)?.push(r);
  const byLatest: DrillProgress['byLatest'] = { safe: 0, needs_help: 0, not_reached: 0, arrived: 0, unchecked: 0 };
  const people: DrillPersonProgress[] = [];
  for (const id of targetIds) {
    const records = [...byPerson.get(id)!].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const last = records.at(-1) ?? null;
    const first = records.find((r) => done.includes(r.status));
    people.push({
      personId: id,
      latest: last?.status ?? null,
      latestAt: last?.at ?? null,
      confirmedAfterMin: first && drill.startedAt ? minutesBetween(drill.startedAt, first.at) : first ? 0 : null,
      checks: records.length,
    });
    byLatest[last?.status ?? 'unchecked']++;
  }
  const times = people.map((p) => p.confirmedAfterMin).filter((m): m is number => m !== null).sort((a, b) => a - b);
  const n = targetIds.length;
  /** Minutes when the k-th person (1-based) was confirmed, or null. */
  const at = (k: number) => (n > 0 && k <= times.length ? times[k - 1] : null);
  return {
    targets: n,
    confirmed: times.length,
    byLatest,
    minutesTo: { half: at(Math.ceil(n * 0.5)), ninety: at(Math.ceil(n * 0.9)), all: at(n) },
    needsHelp: people.filter((p) => p.latest === 'needs_help').map((p) => p.personId),
    notConfirmed: people.filter((p) => p.confirmedAfterMin === null).map((p) => p.personId),
    people,
  };
}
