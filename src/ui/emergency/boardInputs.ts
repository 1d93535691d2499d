/**
 * What the 安否確認 board shows of each person beyond the 名簿: the engine's priority (a run for the
 * event's hazard), the plan's supporters and destinations (else the engine's suggestions), and
 * Plan B's answer for the people it moved (core/replan.ts, computed in the engine worker). Pure
 * helpers for the screen (ui/emergency/EmergencyScreen.svelte); no solver here.
 */
import type { PersonAnalysis } from '../../core/evacuationAnalysis';
import { distanceMetres } from '../../core/geo';
import type { HazardType } from '../../core/hazard';
import { japanTimeLabel } from '../../core/japanDate';
import { personPoint } from '../../core/nearestShelter';
import type { Person } from '../../core/person';
import type { Plan } from '../../core/plan';
import { currentPlanOf, type ReplannedPerson, type ReplanReason } from '../../core/replanRule';
import type { BoardPerson } from '../../core/safetyBoard';
import type { Shelter } from '../../core/shelter';
import type { Supporter } from '../../core/supporter';

/** Everything a board person is built from. */
export interface BoardSources {
  /** The people of the event's districts, as the consent gate shows them (revealed ones included while the event is on). */
  people: readonly Person[];
  /** Ids the gate shows only because of the event (「災害時提供」). */
  revealedIds: ReadonlySet<string>;
  /** The engine's answer per person for the event's hazard (empty while it computes). */
  analysis: ReadonlyMap<string, PersonAnalysis>;
  plans: ReadonlyMap<string, Plan>;
  supporters: ReadonlyMap<string, Supporter>;
  /** Plan B's answer for the people it affects (empty when nothing is closed, full or absent). */
  replanned: ReadonlyMap<string, ReplannedPerson>;
  hazard: HazardType;
  /** When the event started (ISO 8601): at night (18:00–5:59 Japan time) people whose supporters help only by day come first within their rank. */
  startedAt: string;
}

/** What the board says about one person's supporters and destination, beside the board row. */
export interface BoardPlan {
  /** Supporter ids: Plan B's when it moved the person, else the plan's (else the engine's). */
  supporterIds: string[];
  /** The first destination (shelter id), or null. */
  destinationId: string | null;
  /** Plan B's other place (the plan's 代替の避難先), when it is not a shelter. */
  alternative: { name: string; address: string; phone: string } | null;
  /** 福祉避難所 (shelter id), or null. */
  welfareId: string | null;
  /** The destination before Plan B, when Plan B changed it. */
  previousDestinationId: string | null;
  /** The 福祉避難所 before Plan B, when Plan B changed it. */
  previousWelfareId: string | null;
  reasons: ReplanReason[];
  /** Plan B moved the destination (or found none open). */
  destinationChanged: boolean;
  welfareChanged: boolean;
  supportersChanged: boolean;
  noSupporter: boolean;
}

/** True when `iso` is between 18:00 and 5:59 in Japan. */
export function isNightInJapan(iso: string): boolean {
  const hour = Number(japanTimeLabel(iso).slice(0, 2));
  return hour >= 18 || hour < 6;
}

/**
 * The supporters, destination and 福祉避難所 shown for one person: their plan as Plan B's rule reads
 * it (core/replanRule.ts `currentPlanOf`: the plan's own choices, else the engine's), and where
 * Plan B moved them, its answer. `shelterOf` finds a shelter (a plan's destination that is a
 * 福祉避難所 is also the person's 福祉避難所); without it only the engine's allocation is.
 */
export function boardPlan(
  person: Person,
  src: Pick<BoardSources, 'analysis' | 'plans' | 'supporters' | 'replanned' | 'hazard'>,
  shelterOf: (id: string) => Shelter | undefined = () => undefined,
): BoardPlan {
  const a = src.analysis.get(person.id);
  const base = { personId: person.id, destination: a?.destination ?? null, allocatedWelfare: a?.allocatedWelfare ?? null, supporters: a?.supporters ?? [], priority: { rank: a?.priority.rank ?? 'C' } };
  const planned = currentPlanOf(base, src.plans.get(person.id), src.hazard, shelterOf, (id) => src.supporters.has(id));
  const r = src.replanned.get(person.id);
  if (!r) {
    return { supporterIds: planned.supporterIds, destinationId: planned.destinationId, welfareId: planned.welfareId, alternative: null, previousDestinationId: null, previousWelfareId: null, reasons: [], destinationChanged: false, welfareChanged: false, supportersChanged: false, noSupporter: false };
  }
  const d = r.destination;
  return {
    supporterIds: r.supporters.map((s) => s.supporterId),
    destinationId: d?.kind === 'shelter' ? d.shelterId : r.destinationChanged ? null : planned.destinationId,
    alternative: d?.kind === 'alternative' ? { name: d.name, address: d.address, phone: d.phone } : null,
    welfareId: r.welfareChanged ? (r.welfare?.shelterId ?? null) : planned.welfareId,
    previousDestinationId: r.destinationChanged ? r.previousShelterId : null,
    previousWelfareId: r.welfareChanged ? r.previousWelfareId : null,
    reasons: r.reasons,
    destinationChanged: r.destinationChanged || r.welfareChanged,
    welfareChanged: r.welfareChanged,
    supportersChanged: r.supportersChanged,
    noSupporter: r.noSupporter,
  };
}

/** The board's people and, per person, what it shows of their plan. */
export function boardPeople(src: BoardSources, shelters: ReadonlyMap<string, Shelter>): { people: BoardPerson[]; plans: Map<string, BoardPlan> } {
  const night = isNightInJapan(src.startedAt);
  const shelterOf = (id: string) => shelters.get(id);
  const plans = new Map<string, BoardPlan>();
  const people = src.people.map((p): BoardPerson => {
    const a = src.analysis.get(p.id);
    const bp = boardPlan(p, src, shelterOf);
    plans.set(p.id, bp);
    const helpers = bp.supporterIds.flatMap((id) => src.supporters.get(id) ?? []);
    return {
      id: p.id,
      name: p.name,
      nameKana: p.nameKana,
      address: p.address,
      phone: p.phone,
      districtId: p.districtId,
      priorityRank: a?.priority.rank ?? 'C',
      hazardAtHome: a?.hazard.state === 'inside',
      livesAlone: p.household === 'alone',
      night: night && (helpers.length === 0 || helpers.every((s) => s.availability === 'day')),
      supporterIds: bp.supporterIds,
      revealed: src.revealedIds.has(p.id),
      destinationChanged: bp.destinationChanged,
      noSupporter: bp.noSupporter,
      replanned: src.replanned.has(p.id),
    };
  });
  return { people, plans };
}

/** A shelter to choose for 避難済, with how far it is from the person's home (null: no location). */
export interface ShelterChoice {
  shelter: Shelter;
  distanceM: number | null;
  /** The person's (new) destination or 福祉避難所 on the board. */
  planned: boolean;
}

/**
 * Shelters to offer when someone is recorded 避難済: their destination and 福祉避難所 first, then the
 * open ones nearest their home (`limit` in all); closed ones (Plan B 開設しない, or marked closed) are left out.
 */
export function shelterChoices(person: Pick<Person, 'location'>, plan: Pick<BoardPlan, 'destinationId' | 'welfareId'> | undefined, shelters: readonly Shelter[], closedIds: ReadonlySet<string>, limit = 6): ShelterChoice[] {
  const home = personPoint(person);
  const open = shelters.filter((s) => !s.closed && !closedIds.has(s.id));
  const far = (s: Shelter) => (home ? distanceMetres(home, s.location) : null);
  const plannedIds = [plan?.destinationId, plan?.welfareId].filter((id): id is string => !!id);
  const first = plannedIds.flatMap((id) => open.filter((s) => s.id === id)).filter((s, i, all) => all.indexOf(s) === i);
  const rest = open
    .filter((s) => !plannedIds.includes(s.id))
    .map((s) => ({ s, d: far(s) }))
    .sort((x, y) => (x.d ?? Infinity) - (y.d ?? Infinity) || x.s.name.localeCompare(y.s.name, 'ja'));
  return [...first.map((s) => ({ shelter: s, distanceM: far(s), planned: true })), ...rest.map(({ s, d }) => ({ shelter: s, distanceM: d, planned: false }))].slice(0, Math.max(limit, first.length));
}

/** Which paper list: 未確認者リスト (door to door) or 避難先別の一覧 (who arrived where). */
export type SafetyPrintKind = 'unchecked' | 'by-shelter';

/** 「350 m」「1.2 km」 */
export function distanceLabel(m: number | null): string {
  if (m === null) return '';
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}
