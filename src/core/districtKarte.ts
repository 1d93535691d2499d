import { needsWelfareShelter } from './welfareEligibility';
import { distinctLabels } from './distinctLabels';
import { effectivePlan } from './effectivePlan';
import { HAZARD_SHORT_LABELS, type HazardType } from './hazard';
import { countHazardAnswers, type HazardAnswer } from './hazardAtHome';
import { HAZARD_TILE_CREDIT, HAZARD_TILE_SOURCE_LABEL } from './hazardTileLayers';
import { japanDateOf } from './japanDate';
import { MOBILITIES, MOBILITY_LABELS, type Mobility, type Person } from './person';
import { PLAN_STATUSES, PLAN_STATUS_LABELS, type Plan, type PlanStatus } from './plan';
import { effectivePlanStatus, missingLegalItems } from './planCompleteness';
import { PRIORITY_ORDER, rosterReviewWeight, type Priority, type PriorityRank } from './priority';
import type { RosterUpdateRecord } from './rosterUpdate';
import type { Shelter } from './shelter';
import type { Supporter } from './supporter';
import type { SupporterMatching } from './supporterMatching';
import type { WelfareAllocation, WelfareLeftOver } from './welfareAllocation';
import { systemicShortfallSentence, systemicShortfalls, type SystemicShortfall } from './welfareShortfall';

/** 優先度 from the engine (issue #4): rank A is most urgent; reasons in Japanese. */
export type PriorityInfo = Pick<Priority, 'rank' | 'reasons'>;

/**
 * Everything the 地区カルテ is computed from, as plain data (so a worker or a test can build it).
 * Only consented people are passed by name; the rest arrive as a count.
 */
export interface KarteInputs {
  districtId: string | null;
  /** Date of the karte, `YYYY-MM-DD` (decides overdue reviews). */
  today: string;
  /** People of the district whose 名簿 consent allows showing them (the consent gate's output). */
  shownPeople: readonly Person[];
  /** Everyone of the district on the 名簿, whatever their consent. */
  allPeopleCount: number;
  /** Supporters of the district (counted, and checked for overload). */
  supporters: readonly Supporter[];
  /** Supporters of other districts named in these plans: used only to read their name, address and phone. */
  linkedSupporters?: readonly Supporter[];
  /** Plans; those of people not in `shownPeople` are ignored. */
  plans: readonly Plan[];
  /** Shelters counted for the district (its 福祉避難所 supply). */
  shelters: readonly Shelter[];
  /**
   * Where `shelters` were counted: inside the district outline (`district`), or the whole city
   * (`city`: no district chosen, or the district has no outline). Default `city`.
   */
  shelterArea?: 'district' | 'city';
  /** The scenario hazard's answer at each home (the engine's `PersonAnalysis.hazard`), by person ID; absent when no hazard zones are loaded. */
  hazardAnswers?: KarteHazardAnswers;
  /** Supporter matching result (issue #4): who was matched to whom. Used only for people whose plan names no supporter. */
  supporterAssignments?: readonly { personId: string; supporterId: string }[];
  /** Priority by person ID (issue #4). */
  priority?: Readonly<Record<string, PriorityInfo>>;
  /** IDs of people who need a 福祉避難所; when absent, `needsWelfareShelterByDefault` decides. */
  welfareDemandPersonIds?: readonly string[];
  /** People the 福祉避難所 allocation left without a place, with why; when absent, shortfall = demand − known capacity. */
  welfareLeftOver?: readonly WelfareLeftOver[];
  /** Persons the allocation assumed for each 福祉避難所 of unknown capacity (the scenario's setting). */
  assumedWelfareCapacity?: number;
  /** Open 福祉避難所 (city-wide) whose capacity the allocation assumed (`WelfareAllocation.assumedCapacityShelterIds`). */
  assumedCapacityShelterIds?: readonly string[];
  /**
   * Whose people the allocation placed: `district` — this district's only (the カルテ's own engine
   * run), so other districts' people, who use the same 福祉避難所, were not counted; `city` — everyone.
   */
  welfareAllocatedFor?: 'district' | 'city';
}

export interface OverloadedSupporter {
  supporterId: string;
  name: string;
  /** The name, with address (and ID) when another supporter of the district has the same name. */
  label: string;
  /** People this supporter is named or matched for. */
  load: number;
  /** 支援可能人数. */
  capacity: number;
}

export interface NextPlanEntry {
  personId: string;
  name: string;
  /** The name, with address (and ID) when another shown person has the same name. */
  label: string;
  rank: PriorityRank | null;
  reasons: string[];
  status: PlanStatus;
  /** Why a 名簿 update asks for this plan's review (`Plan.rosterReview` texts, weightiest first); empty when none. */
  reviewReasons: string[];
}

/** 地区カルテ — counts a district can read aloud at its meeting. All counts are persons. */
export interface DistrictKarte {
  districtId: string | null;
  today: string;
  /** On the 名簿 in this district. */
  totalPeople: number;
  /** Shown: consented to 名簿 sharing (equals the consented count). */
  shownPeople: number;
  /** Not shown: consent refused or not yet confirmed. */
  hiddenPeople: number;
  /** Shown people whose plan consent is 「同意」. */
  planConsentGiven: number;
  /** Shown people by effective plan status (no plan = 未着手). */
  plansByStatus: Record<PlanStatus, number>;
  /** Whole percent of shown people with a plan 本人確認済 (0 when nobody is shown). */
  percentConfirmed: number;
  /** Shown people whose plan has every legal item. */
  plansWithAllLegalItems: number;
  byMobility: Record<Mobility, number>;
  /**
   * Shown people by the scenario hazard's answer at their home: 区域内, 区域外, データなし (a person
   * without an answer counts as データなし; so does a tile missing — 未整備の可能性), and 判定できない
   * (a tile colour in no legend) apart — neither is ever counted with 区域外. `fromTiles`: how many of
   * the answers were read from the ハザードマップポータル's tiles, `tilesReadOn` the latest Japan date
   * of those reads (null when none). `known` false (and `hazard` null) when no answers were passed.
   */
  hazard: KarteHazardCounts;
  supporterCount: number;
  /** 支援者空白: shown people with no supporter in their plan and, when it names none, none from matching. */
  supporterGapPersonIds: string[];
  overloadedSupporters: OverloadedSupporter[];
  welfare: {
    demand: number;
    /** Open 福祉避難所 counted. */
    shelterCount: number;
    /** Sum of the capacities that are known, persons (unknown ones add nothing). */
    knownCapacityTotal: number;
    /** 福祉避難所 whose capacity is unknown (not in the sum). */
    unknownCapacityShelters: number;
    /** People without a place. */
    shortfall: number;
    /**
     * `allocation`: the people the allocation left over (unknown capacities counted as
     * `assumedWelfareCapacity`); `capacity`: demand − `knownCapacityTotal` (unknown ones count nothing).
     */
    shortfallFrom: 'allocation' | 'capacity';
    /** Persons the shortfall counts for each 福祉避難所 of unknown capacity; null when it assumed none. */
    assumedWelfareCapacity: number | null;
    /** 福祉避難所 (city-wide) counted as `assumedWelfareCapacity` persons in the shortfall; 0 when none. */
    assumedCapacityShelters: number;
    /** See `KarteInputs.welfareAllocatedFor` (null when the shortfall is not from an allocation). */
    allocatedFor: 'district' | 'city' | null;
    /** Where the shelters were counted (see `KarteInputs.shelterArea`). */
    shelterArea: 'district' | 'city';
    /** Shown people no 福祉避難所 in the city accepts, by the missing 受入対象 (largest first). */
    systemic: SystemicShortfall[];
  };
  /**
   * Whose plan to make next: priority A > B > C > none, then a plan a 名簿 update sent back to
   * 要見直し by its weightiest reason (priority.ts `rosterReviewWeight`), then no plan first, then by フリガナ.
   */
  nextPlans: NextPlanEntry[];
}

/** Engine results (issue #4) as they come from the engine modules. */
export interface EngineResultsForKarte {
  matching?: Pick<SupporterMatching, 'matches'>;
  allocation?: Pick<WelfareAllocation, 'assignments' | 'leftOver'> & Partial<Pick<WelfareAllocation, 'assumedCapacityShelterIds'>>;
  /** The allocation's `assumedWelfareCapacity` (needed when `allocation.assumedCapacityShelterIds` is not empty). */
  assumedWelfareCapacity?: number;
  priority?: Readonly<Record<string, PriorityInfo>>;
  hazardAnswers?: KarteHazardAnswers;
}

/** The karte's count of the scenario hazard at home (see `DistrictKarte.hazard`). */
export interface KarteHazardCounts {
  known: boolean;
  hazard: HazardType | null;
  inside: number;
  outside: number;
  noData: number;
  unreadable: number;
  fromTiles: number;
  tilesReadOn: string | null;
}

/** Counts of the answers at the shown people's homes (absent answer: データなし). */
function hazardCounts(answers: KarteHazardAnswers | undefined, people: readonly Pick<Person, 'id'>[]): KarteHazardCounts {
  if (!answers) return { known: false, hazard: null, inside: 0, outside: 0, noData: 0, unreadable: 0, fromTiles: 0, tilesReadOn: null };
  const { inside, outside, noData, unreadable, fromTiles, tilesReadOn } = countHazardAnswers(people.map((p) => answers.byPerson[p.id]));
  return { known: true, hazard: answers.hazard, inside, outside, noData, unreadable, fromTiles, tilesReadOn };
}

/**
 * The answers the karte counts, from the engine's people: when hazard zones are imported
 * (`zonesLoaded`) or some home's answer was read from the tiles; else undefined (the karte says it
 * did not count — never 区域外).
 */
export function karteHazardAnswers(hazard: HazardType, people: readonly { personId: string; hazard: HazardAnswer }[], zonesLoaded: boolean): KarteHazardAnswers | undefined {
  if (!zonesLoaded && !people.some((a) => a.hazard.source?.kind === 'tiles')) return undefined;
  return { hazard, byPerson: Object.fromEntries(people.map((a) => [a.personId, a.hazard])) };
}

/** The scenario hazard and its three-state answer at each home, by person ID (hazardAtHome.ts). */
export interface KarteHazardAnswers {
  hazard: HazardType;
  byPerson: Readonly<Record<string, HazardAnswer>>;
}

/** Turns engine results into the plain `KarteInputs` fields (demand = placed + left over). */
export function karteEngineFields(
  r: EngineResultsForKarte,
): Pick<KarteInputs, 'hazardAnswers' | 'supporterAssignments' | 'priority' | 'welfareDemandPersonIds' | 'welfareLeftOver' | 'assumedWelfareCapacity' | 'assumedCapacityShelterIds'> {
  return {
    hazardAnswers: r.hazardAnswers,
    priority: r.priority,
    supporterAssignments: r.matching?.matches.map((m) => ({ personId: m.personId, supporterId: m.supporterId })),
    welfareDemandPersonIds: r.allocation ? [...r.allocation.assignments.map((a) => a.personId), ...r.allocation.leftOver.map((l) => l.personId)] : undefined,
    welfareLeftOver: r.allocation?.leftOver,
    assumedWelfareCapacity: r.assumedWelfareCapacity,
    assumedCapacityShelterIds: r.allocation?.assumedCapacityShelterIds,
  };
}

/** Default 福祉避難所 need (the one rule, in welfareEligibility.ts). */
export const needsWelfareShelterByDefault = needsWelfareShelter;

const STATUS_ORDER: Record<PlanStatus, number> = { not_started: 0, needs_review: 1, in_progress: 2, confirmed: 3 };

/** Computes the 地区カルテ of one district. Pure; see `KarteInputs`. */
export function districtKarte(input: KarteInputs): DistrictKarte {
  const people = input.shownPeople;
  const shownIds = new Set(people.map((p) => p.id));
  const planOf = new Map(input.plans.filter((p) => shownIds.has(p.personId)).map((p) => [p.personId, p]));
  const supportersById = new Map([...(input.linkedSupporters ?? []), ...input.supporters].map((s) => [s.id, s]));

  const plansByStatus: Record<PlanStatus, number> = { not_started: 0, in_progress: 0, confirmed: 0, needs_review: 0 };
  const byMobility: Record<Mobility, number> = { independent: 0, cane_walker: 0, wheelchair: 0, bedridden: 0 };
  let planConsentGiven = 0, withAllItems = 0;
  for (const p of people) {
    const plan = planOf.get(p.id);
    plansByStatus[effectivePlanStatus(plan, input.today)]++;
    if (plan?.consent.status === 'given') planConsentGiven++;
    if (plan && missingLegalItems(p, plan, supportersById).length === 0) withAllItems++;
    if (p.mobility in byMobility) byMobility[p.mobility]++;
  }

  // Who helps whom (effectivePlan.ts): the plan's supporters, or the matching where the plan names none.
  const matched = new Map<string, { supporterId: string }[]>();
  for (const a of input.supporterAssignments ?? []) {
    if (!shownIds.has(a.personId)) continue;
    if (!matched.has(a.personId)) matched.set(a.personId, []);
    matched.get(a.personId)!.push({ supporterId: a.supporterId });
  }
  const helped = new Map<string, Set<string>>();
  const covered = new Set<string>();
  for (const p of people) {
    const chosen = effectivePlan(planOf.get(p.id), { supporters: matched.get(p.id) ?? [] }, { supporters: supportersById });
    if (chosen.supporters.length) covered.add(p.id);
    for (const s of chosen.supporters) {
      if (!s.supporterId) continue;
      if (!helped.has(s.supporterId)) helped.set(s.supporterId, new Set());
      helped.get(s.supporterId)!.add(p.id);
    }
  }
  const supporterLabels = distinctLabels(input.supporters);
  const overloadedSupporters: OverloadedSupporter[] = [];
  for (const s of input.supporters) {
    const load = helped.get(s.id)?.size ?? 0;
    if (load > s.capacity) overloadedSupporters.push({ supporterId: s.id, name: s.name, label: supporterLabels.get(s.id)!, load, capacity: s.capacity });
  }
  overloadedSupporters.sort((a, b) => b.load - b.capacity - (a.load - a.capacity) || a.name.localeCompare(b.name, 'ja'));

  const welfareShelters = input.shelters.filter((s) => s.kinds.includes('welfare_shelter') && !s.closed);
  const demandIds = input.welfareDemandPersonIds
    ? new Set(input.welfareDemandPersonIds.filter((id) => shownIds.has(id)))
    : new Set(people.filter(needsWelfareShelterByDefault).map((p) => p.id));
  const knownCapacityTotal = welfareShelters.reduce((sum, s) => sum + (s.capacity ?? 0), 0);
  const leftOver = input.welfareLeftOver;
  const shortfall = leftOver ? leftOver.filter((l) => demandIds.has(l.personId)).length : Math.max(0, demandIds.size - knownCapacityTotal);
  const assumedCapacityShelters = leftOver && input.assumedWelfareCapacity !== undefined ? (input.assumedCapacityShelterIds?.length ?? 0) : 0;
  const personLabels = distinctLabels(people);

  const nextPlans: NextPlanEntry[] = people
    .map((p) => ({ p, status: effectivePlanStatus(planOf.get(p.id), input.today), priority: input.priority?.[p.id], review: rosterReviewWeight(planOf.get(p.id)) }))
    .filter((x) => x.status !== 'confirmed')
    .sort(
      (a, b) =>
        (a.priority ? PRIORITY_ORDER[a.priority.rank] : 3) - (b.priority ? PRIORITY_ORDER[b.priority.rank] : 3) ||
        b.review - a.review ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        (a.p.nameKana || a.p.name).localeCompare(b.p.nameKana || b.p.name, 'ja') ||
        a.p.id.localeCompare(b.p.id),
    )
    .map(({ p, status, priority }) => ({
      personId: p.id,
      name: p.name,
      label: personLabels.get(p.id)!,
      rank: priority?.rank ?? null,
      reasons: priority?.reasons ?? [],
      status,
      reviewReasons: [...(planOf.get(p.id)?.rosterReview ?? [])].sort((x, y) => y.weight - x.weight).map((r) => r.text),
    }));

  return {
    districtId: input.districtId,
    today: input.today,
    totalPeople: input.allPeopleCount,
    shownPeople: people.length,
    hiddenPeople: Math.max(0, input.allPeopleCount - people.length),
    planConsentGiven,
    plansByStatus,
    percentConfirmed: people.length ? Math.round((plansByStatus.confirmed / people.length) * 100) : 0,
    plansWithAllLegalItems: withAllItems,
    byMobility,
    hazard: hazardCounts(input.hazardAnswers, people),
    supporterCount: input.supporters.length,
    supporterGapPersonIds: people.filter((p) => !covered.has(p.id)).map((p) => p.id),
    overloadedSupporters,
    welfare: {
      demand: demandIds.size,
      shelterCount: welfareShelters.length,
      knownCapacityTotal,
      unknownCapacityShelters: welfareShelters.filter((s) => s.capacity === null).length,
      shortfall,
      shortfallFrom: leftOver ? 'allocation' : 'capacity',
      assumedWelfareCapacity: assumedCapacityShelters ? (input.assumedWelfareCapacity ?? null) : null,
      allocatedFor: leftOver ? (input.welfareAllocatedFor ?? null) : null,
      assumedCapacityShelters,
      shelterArea: input.shelterArea ?? 'city',
      systemic: systemicShortfalls(input.welfareLeftOver ?? [], demandIds),
    },
    nextPlans,
  };
}

/** The karte as short Japanese sentences to read aloud at a meeting. */
export function karteSummaryLines(k: DistrictKarte): string[] {
  const lines = [
    `名簿の要支援者は${k.totalPeople}人、うち名簿情報の提供に同意があり表示しているのは${k.shownPeople}人、同意がなく表示していないのは${k.hiddenPeople}人です。`,
    `個別避難計画は、${PLAN_STATUSES.map((s) => `${PLAN_STATUS_LABELS[s]}${k.plansByStatus[s]}人`).join('、')}です（本人確認済は${k.percentConfirmed}％）。`,
    `計画への同意があるのは${k.planConsentGiven}人、必須項目がそろった計画は${k.plansWithAllLegalItems}件です。`,
    `移動の状況は、${MOBILITIES.map((m) => `${MOBILITY_LABELS[m]}${k.byMobility[m]}人`).join('、')}です。`,
  ];
  if (k.hazard.known && k.hazard.hazard) {
    const { inside, outside, noData, unreadable, fromTiles, tilesReadOn } = k.hazard;
    const unread = unreadable ? `、地図の色から判定できない人が${unreadable}人` : '';
    lines.push(`${HAZARD_SHORT_LABELS[k.hazard.hazard]}の想定区域内にある人は${inside}人、区域外は${outside}人、データがなく分からない人が${noData}人${unread}です。`);
    if (fromTiles && tilesReadOn) lines.push(`このうち${fromTiles}人は${HAZARD_TILE_SOURCE_LABEL}から読み取った結果です（${tilesReadOn} 取得、${HAZARD_TILE_CREDIT}）。`);
  } else {
    lines.push('ハザード区域が読み込まれていないため、自宅の危険は数えていません（区域がないことは安全を意味しません）。');
  }
  lines.push(`支援者は${k.supporterCount}人、支援者が決まっていない人（支援者空白）は${k.supporterGapPersonIds.length}人、受け持ちが支援可能人数を超えている支援者は${k.overloadedSupporters.length}人です。`);
  const w = k.welfare;
  const capacity =
    w.shelterCount === 0 ? ''
    : w.unknownCapacityShelters === w.shelterCount ? `${w.shelterCount}か所で、どこも定員が分かっていません`
    : w.unknownCapacityShelters ? `${w.shelterCount}か所で、定員が分かっている${w.shelterCount - w.unknownCapacityShelters}か所の定員は合計${w.knownCapacityTotal}人（ほか${w.unknownCapacityShelters}か所は定員不明）`
    : `${w.shelterCount}か所で定員は合計${w.knownCapacityTotal}人`;
  const area = w.shelterArea === 'district' ? '地区内' : '市内';
  const basis = shortfallBasisSentence(w);
  lines.push(`福祉避難所が必要な人は${w.demand}人、${area}の福祉避難所は${capacity || 'ありません'}。市内の福祉避難所に割り当てても入れない人（不足）は${w.shortfall}人です。${basis ? `${basis}。` : ''}`);
  for (const s of w.systemic) lines.push(`${systemicShortfallSentence(s)}。`);
  return lines;
}

/**
 * What the 不足 rests on (no final 。), or null when nothing is assumed: the persons assumed for a
 * 福祉避難所 of unknown capacity 「不足は、定員不明の福祉避難所（市内32か所）を1か所10人として計算しています」
 * (or 「…には誰も割り当てずに…」 for 0) and, for a run over one district's people, that other
 * districts were not counted; without an allocation 「不足は、定員が分かっている福祉避難所の定員だけで…」.
 */
export function shortfallBasisSentence(
  w: Pick<DistrictKarte['welfare'], 'shortfallFrom' | 'assumedWelfareCapacity' | 'assumedCapacityShelters' | 'unknownCapacityShelters' | 'allocatedFor'>,
): string | null {
  if (w.shortfallFrom === 'allocation') {
    const assumed =
      w.assumedWelfareCapacity === null ? null
      : w.assumedWelfareCapacity === 0 ? `不足は、定員不明の福祉避難所（市内${w.assumedCapacityShelters}か所）には誰も割り当てずに計算しています`
      : `不足は、定員不明の福祉避難所（市内${w.assumedCapacityShelters}か所）を1か所${w.assumedWelfareCapacity}人として計算しています`;
    const districtOnly = w.allocatedFor === 'district' ? 'この不足はこの地区の人だけを割り当てた数です（ほかの地区の人も同じ福祉避難所を使うため、市全体ではもっと足りないことがあります）' : null;
    return [assumed, districtOnly].filter((s) => s !== null).join('。') || null;
  }
  return w.unknownCapacityShelters ? `不足は、定員が分かっている福祉避難所の定員だけで計算しています（定員不明の${w.unknownCapacityShelters}か所は数えていません）` : null;
}

/**
 * One applied 名簿 update as the 地区カルテ lists it (store-wide: an update covers every district):
 * 「名簿更新 2027-04-01: 新規12人・外れた人5人・要見直し18件」, then 名簿に戻った人 and 位置の確認 when
 * any, and the file and 作業者名 in brackets; a 支援者名簿 update says 「支援者名簿更新 …」 and counts
 * changed supporters instead of plan reviews.
 */
export function rosterUpdateLine(r: Pick<RosterUpdateRecord, 'kind' | 'on' | 'fileName' | 'operator' | 'counts'>): string {
  const c = r.counts;
  const parts = [`新規${c.added}人`, `外れた人${c.archived}人`];
  if (r.kind === 'people') parts.push(`要見直し${c.reviews}件`);
  else parts.push(`変更${c.changed}人`);
  if (c.returned) parts.push(`名簿に戻った人${c.returned}人`);
  if (c.locationChecks) parts.push(`位置の確認${c.locationChecks}人`);
  const source = [r.fileName, r.operator].filter(Boolean).join('・');
  return `${r.kind === 'people' ? '名簿更新' : '支援者名簿更新'} ${r.on}: ${parts.join('・')}${source ? `（${source}）` : ''}`;
}

/** One point of the plan-progress chart: counts of plans by their latest status on `date`. */
export interface ProgressPoint {
  /** `YYYY-MM-DD`, Japan Standard Time (UTC+9). */
  date: string;
  confirmed: number;
  inProgress: number;
  needsReview: number;
}

/** A saved plan version as the chart needs it. */
export interface ProgressVersion {
  planId: string;
  /** ISO 8601 timestamp of the save. */
  savedAt: string;
  plan: Pick<Plan, 'status'>;
}

/**
 * Plan progress over time from saved plan history: one point per day on which a plan was saved,
 * counting each plan by its latest saved status at the end of that day (JST).
 */
export function planProgressSeries(versions: readonly ProgressVersion[]): ProgressPoint[] {
  const sorted = [...versions].filter((v) => Number.isFinite(Date.parse(v.savedAt))).sort((a, b) => Date.parse(a.savedAt) - Date.parse(b.savedAt));
  const latest = new Map<string, PlanStatus>();
  const points: ProgressPoint[] = [];
  for (let i = 0; i < sorted.length; i++) {
    latest.set(sorted[i].planId, sorted[i].plan.status);
    const date = japanDateOf(sorted[i].savedAt);
    if (i + 1 < sorted.length && japanDateOf(sorted[i + 1].savedAt) === date) continue;
    let confirmed = 0, inProgress = 0, needsReview = 0;
    for (const s of latest.values()) {
      if (s === 'confirmed') confirmed++;
      else if (s === 'in_progress') inProgress++;
      else if (s === 'needs_review') needsReview++;
    }
    points.push({ date, confirmed, inProgress, needsReview });
  }
  return points;
}
