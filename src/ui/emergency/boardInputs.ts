/**
 * What the 安否確認 board shows of each person beyond the 名簿: the engine's priority (a run for the
 * event's hazard), the plan's supporters and destinations (else the engine's suggestions), and
 * Plan B's answer for the people it moved (core/replan.ts, computed in the engine worker). Pure
 * helpers for the screen (ui/emergency/EmergencyScreen.svelte); no solver here.
 */
import type { PersonAnalysis } from '../../core/evacuationAnalysis';
import { distanceMetres } from '../../core/geo';
import type { HazardType } from '../../core/hazard';
import { hazardSourceLabel } from '../../core/hazardAtHome';
import { japanTimeLabel } from '../../core/japanDate';
import { personPoint } from '../../core/nearestShelter';
import type { Person } from '../../core/person';
import type { Plan } from '../../core/plan';
import { currentPlanOf, type ReplannedPerson, type ReplanReason } from '../../core/replanRule';
import type { BoardPerson } from '../../core/safetyBoard';
import { destinationLabel, SHELTER_KIND_LABELS, type Shelter } from '../../core/shelter';
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
  /** Plan B moved the first destination itself (`destinationChanged` also counts a new 福祉避難所). */
  destinationMoved: boolean;
  /** The 福祉避難所 before Plan B, when Plan B changed it. */
  previousWelfareId: string | null;
  /** The supporters before Plan B, when Plan B changed them (else empty). */
  previousSupporterIds: string[];
  reasons: ReplanReason[];
  /** Plan B moved the destination or the 福祉避難所 (or found none open). */
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
    return { supporterIds: planned.supporterIds, destinationId: planned.destinationId, welfareId: planned.welfareId, alternative: null, previousDestinationId: null, destinationMoved: false, previousWelfareId: null, previousSupporterIds: [], reasons: [], destinationChanged: false, welfareChanged: false, supportersChanged: false, noSupporter: false };
  }
  const d = r.destination;
  return {
    supporterIds: r.supporters.map((s) => s.supporterId),
    destinationId: d?.kind === 'shelter' ? d.shelterId : r.destinationChanged ? null : planned.destinationId,
    alternative: d?.kind === 'alternative' ? { name: d.name, address: d.address, phone: d.phone } : null,
    welfareId: r.welfareChanged ? (r.welfare?.shelterId ?? null) : planned.welfareId,
    previousDestinationId: r.destinationChanged ? r.previousShelterId : null,
    destinationMoved: r.destinationChanged,
    previousWelfareId: r.welfareChanged ? r.previousWelfareId : null,
    previousSupporterIds: r.supportersChanged || r.noSupporter ? planned.supporterIds : [],
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
      hazardAtHomeSource: a?.hazard.state === 'inside' && a.hazard.source?.kind === 'tiles' ? (hazardSourceLabel(a.hazard) ?? undefined) : undefined,
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

/**
 * What a shelter is called on the board, the phone and the 避難済 question: its name with the floor
 * rule for the event's hazard where one applies (core/shelter.ts `destinationLabel`:
 * 「高等看護学院（洪水時は2階以上）」, 「［開設しない］」 when marked closed); where two shelters share a
 * name, each also says its kind and address 「仁愛高等学校（指定緊急避難場所・会津若松市鶴賀町1-5）」.
 */
export function shelterLabels(shelters: readonly Shelter[], hazard: HazardType): Map<string, string> {
  const named = new Map<string, number>();
  for (const s of shelters) named.set(s.name.trim(), (named.get(s.name.trim()) ?? 0) + 1);
  return new Map(
    shelters.map((s) => {
      const label = destinationLabel(s, hazard);
      if ((named.get(s.name.trim()) ?? 0) < 2) return [s.id, label];
      const address = s.address.trim().replace(/^.{2,3}?[都道府県](?=.)/, '');
      return [s.id, `${label}（${s.kinds.map((k) => SHELTER_KIND_LABELS[k]).join('・')}${address ? `・${address}` : ''}）`];
    }),
  );
}

/** A shelter to choose for 避難済, with how far it is from the person's home (null: no location). */
export interface ShelterChoice {
  shelter: Shelter;
  /** As `shelterLabels` says it. */
  label: string;
  distanceM: number | null;
  /** The person's (new) destination or 福祉避難所 on the board. */
  planned: boolean;
  /** A 福祉避難所 (offered whatever the hazard). */
  welfare: boolean;
}

/** What the 避難済 question offers. */
export interface ShelterChoiceOptions {
  /** The event's hazard: only shelters designated for it (and 福祉避難所) are offered besides the plan's. */
  hazard: HazardType;
  /** Plan B's 開設しない and 満員 shelters: never offered. */
  closedIds: ReadonlySet<string>;
  /** Part of a name typed in the question's search box ('' for none). */
  query?: string;
  /** How many without a search (the plan's places always come, even beyond it). */
  limit?: number;
  /** How many at most for a search. */
  searchLimit?: number;
  /** Labels by id (`shelterLabels`); the name with its floor rule otherwise. */
  labels?: ReadonlyMap<string, string>;
}

/** A name as searched: full/half width, spaces and katakana/hiragana alike. */
export function searchKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .toLowerCase();
}

/**
 * Shelters to offer when someone is recorded 避難済: their destination and 福祉避難所 first, then the
 * open shelters designated for the event's hazard (any kind) and the 福祉避難所, nearest the home
 * first (`limit` in all, and the nearest 福祉避難所 at the end when none of them is one). A search
 * (`query`) narrows them to those whose name holds it, nearest first. Closed ones (Plan B 開設しない / 満員, or marked closed) are left out.
 */
export function shelterChoices(person: Pick<Person, 'location'>, plan: Pick<BoardPlan, 'destinationId' | 'welfareId'> | undefined, shelters: readonly Shelter[], options: ShelterChoiceOptions): ShelterChoice[] {
  const { hazard, closedIds, limit = 6, searchLimit = 20, labels } = options;
  const q = searchKey(options.query ?? '');
  const home = personPoint(person);
  const label = (s: Shelter) => labels?.get(s.id) ?? destinationLabel(s, hazard);
  const found = (s: Shelter) => q === '' || searchKey(s.name).includes(q) || searchKey(label(s)).includes(q);
  const open = shelters.filter((s) => !s.closed && !closedIds.has(s.id) && found(s));
  const far = (s: Shelter) => (home ? distanceMetres(home, s.location) : null);
  const welfare = (s: Shelter) => s.kinds.includes('welfare_shelter');
  const plannedIds = [plan?.destinationId, plan?.welfareId].filter((id): id is string => !!id);
  const first = plannedIds.flatMap((id) => open.filter((s) => s.id === id)).filter((s, i, all) => all.indexOf(s) === i);
  const rest = open
    .filter((s) => !plannedIds.includes(s.id) && (s.hazards.includes(hazard) || welfare(s)))
    .map((s) => ({ s, d: far(s) }))
    .sort((x, y) => (x.d ?? Infinity) - (y.d ?? Infinity) || x.s.name.localeCompare(y.s.name, 'ja'));
  const choice = (s: Shelter, d: number | null, planned: boolean): ShelterChoice => ({ shelter: s, label: label(s), distanceM: d, planned, welfare: welfare(s) });
  const all = [...first.map((s) => choice(s, far(s), true)), ...rest.map(({ s, d }) => choice(s, d, false))];
  const shown = all.slice(0, q ? searchLimit : Math.max(limit, first.length));
  // Without a search, the nearest 福祉避難所 is always among them (after the others when further).
  const care = q || shown.some((c) => c.welfare) ? undefined : all.find((c) => c.welfare);
  return care ? [...shown, care] : shown;
}

/** What Plan B did for one person, in sentences for the board and the phone (each ending 「。」). */
export function planBWords(plan: BoardPlan, shelterName: (id: string) => string, supporterName: (id: string) => string): string[] {
  const words: string[] = [];
  if (plan.destinationMoved) {
    const to = plan.alternative ? `${plan.alternative.name}（代替の避難先）` : plan.destinationId ? shelterName(plan.destinationId) : '開いている避難先が見つかりません';
    words.push(plan.previousDestinationId ? `避難先: ${shelterName(plan.previousDestinationId)} → ${to}。` : `避難先: ${to}。`);
  }
  if (plan.welfareChanged) {
    const to = plan.welfareId ? shelterName(plan.welfareId) : '空きのある福祉避難所が見つかりません';
    words.push(plan.previousWelfareId ? `福祉避難所: ${shelterName(plan.previousWelfareId)} → ${to}。` : `福祉避難所: ${to}。`);
  }
  if (plan.supportersChanged || plan.noSupporter) {
    const names = (ids: readonly string[]) => ids.map((id) => `${supporterName(id)}さん`).join('、');
    const removed = plan.previousSupporterIds.filter((id) => !plan.supporterIds.includes(id));
    const added = plan.supporterIds.filter((id) => !plan.previousSupporterIds.includes(id));
    const gone = removed.map((id) => `${supporterName(id)}さん（不在）`).join('、');
    const kept = plan.supporterIds.filter((id) => !added.includes(id));
    if (removed.length && added.length) words.push(`支援者: ${gone} → ${names(added)}に代わりました。`);
    else if (removed.length) words.push(`支援者: ${gone}を外しました${kept.length ? `（${names(kept)}が支援します）` : ''}。`);
    else if (added.length) words.push(`支援者: ${names(added)}を加えました。`);
  }
  if (plan.noSupporter) words.push('近くに頼める支援者がいません。ほかの方法を考えてください。');
  return words;
}

/** Which paper list: 未確認者リスト (door to door) or 避難先別の一覧 (who arrived where). */
export type SafetyPrintKind = 'unchecked' | 'by-shelter';

/** 「350 m」「1.2 km」 */
export function distanceLabel(m: number | null): string {
  if (m === null) return '';
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}
