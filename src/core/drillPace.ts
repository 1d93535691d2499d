/**
 * 避難誘導訓練: each person's real time to arrival against the walking time the plan assumes, and the
 * slowest first — where the plan's time is too optimistic (a slope, a crossing, a helper who came
 * late). Arrival = the first 到着 (`arrived`) check, in minutes from the drill's start. The walking
 * time is the engine's for the person's destination (along roads when roads are loaded), or, when
 * the plan names another shelter or Plan B sent them elsewhere, the walking time of the straight
 * line to it (core/walkingTime.ts). Pure.
 */
import type { Drill } from './drill';
import { distanceMetres, type LngLat } from './geo';
import type { Person } from './person';
import { personPoint } from './nearestShelter';
import type { ReplannedDestination } from './replanRule';
import { walkEstimate, type WalkEstimate, type WalkingSettings } from './walkingTime';

/** One person's planned walking minutes (null: no destination, not walkable, or a 代替の避難先 without a place on the map). */
export interface PlannedWalk {
  personId: string;
  plannedMinutes: number | null;
}

export interface PersonPace {
  personId: string;
  /** Minutes from the start to the first 到着, or null when not arrived. */
  arrivedAfterMin: number | null;
  plannedMinutes: number | null;
  /** Arrival minus plan (positive: slower than planned), or null when either is missing. */
  overMinutes: number | null;
  /** Arrival ÷ plan (2 = took twice as long), or null when either is missing or the plan is 0 minutes. */
  ratio: number | null;
}

export interface DrillPace {
  /** Every target, in the order given. */
  people: PersonPace[];
  /** Arrived people with a planned time, most minutes over the plan first (then the larger ratio, then the order given), at most `limit`. */
  slowest: PersonPace[];
  /** How many arrived later than planned. */
  slowerThanPlanned: number;
  /** Targets without a 到着 yet. */
  notArrived: string[];
  /** Arrived targets whose planned time is not known. */
  withoutPlannedTime: string[];
}

/** The pace of `drill` for `targets` (people in display order, with their planned walking minutes); records of others are ignored. */
export function drillPace(drill: Pick<Drill, 'startedAt' | 'records'>, targets: readonly PlannedWalk[], limit = 10): DrillPace {
  const start = drill.startedAt ? Date.parse(drill.startedAt) : null;
  const arrived = new Map<string, number>();
  for (const r of drill.records) {
    if (r.status !== 'arrived') continue;
    const at = Date.parse(r.at);
    const first = arrived.get(r.personId);
    if (first === undefined || at < first) arrived.set(r.personId, at);
  }
  const people = targets.map(({ personId, plannedMinutes }): PersonPace => {
    const at = arrived.get(personId);
    const arrivedAfterMin = at === undefined ? null : start === null ? 0 : Math.max(0, (at - start) / 60_000);
    const both = arrivedAfterMin !== null && plannedMinutes !== null;
    return {
      personId,
      arrivedAfterMin,
      plannedMinutes,
      overMinutes: both ? arrivedAfterMin - plannedMinutes : null,
      ratio: both && plannedMinutes > 0 ? arrivedAfterMin / plannedMinutes : null,
    };
  });
  const order = new Map(targets.map((t, i) => [t.personId, i]));
  const timed = people.filter((p) => p.overMinutes !== null);
  const slowest = [...timed].sort((a, b) => b.overMinutes! - a.overMinutes! || (b.ratio ?? 0) - (a.ratio ?? 0) || order.get(a.personId)! - order.get(b.personId)!).slice(0, limit);
  return {
    people,
    slowest,
    slowerThanPlanned: timed.filter((p) => p.overMinutes! > 0).length,
    notArrived: people.filter((p) => p.arrivedAfterMin === null).map((p) => p.personId),
    withoutPlannedTime: people.filter((p) => p.arrivedAfterMin !== null && p.plannedMinutes === null).map((p) => p.personId),
  };
}

/** What the planned walking time of one person is made from. */
export interface PlannedWalkInput {
  person: Pick<Person, 'mobility' | 'location'>;
  /** The engine's analysis of the person for the drill's scenario (its destination and the way there). */
  analysis: { destination: { shelterId: string } | null; walk: WalkEstimate | null } | undefined;
  /** The plan's own destination for the drill's hazard (its shelter and where it is), or null. */
  planned: { shelterId: string; location: LngLat } | null;
  /** Plan B's new destination when it changed, else undefined. */
  replanned?: ReplannedDestination;
  winter: boolean;
  walking: WalkingSettings;
}

const minutesOf = (w: WalkEstimate | null | undefined) => (w?.kind === 'walk' ? w.minutes : null);

/**
 * The walking minutes the plan assumes for one person: to Plan B's new destination when it
 * changed (a 代替の避難先 has none), else to the plan's own destination when it names another shelter
 * than the engine's, else the engine's.
 */
export function plannedWalkMinutes(x: PlannedWalkInput): number | null {
  const walkFor = (distanceM: number) => minutesOf(walkEstimate(distanceM, x.person.mobility, x.winter, x.walking));
  if (x.replanned !== undefined) {
    const r = x.replanned;
    return r?.kind === 'shelter' && Number.isFinite(r.distanceM) ? walkFor(r.distanceM) : null;
  }
  if (x.planned && x.planned.shelterId !== x.analysis?.destination?.shelterId) {
    const home = personPoint(x.person);
    return home ? walkFor(distanceMetres(home, x.planned.location)) : null;
  }
  return minutesOf(x.analysis?.walk);
}

/** 「5分遅い」「3分早い」「予定どおり」: minutes over the plan in words, whole minutes. */
export function overPlanLabel(overMinutes: number): string {
  const m = Math.round(overMinutes);
  return m > 0 ? `${m}分遅い` : m < 0 ? `${-m}分早い` : '予定どおり';
}
