import { insideClasses, TILE_NO_DATA_WORDS, type HazardAnswer } from './hazardAtHome';
import { HAZARD_SHORT_LABELS } from './hazard';
import { DEFAULT_WALK_LIMITS, NOT_WALKABLE_LABEL, type WalkEstimate } from './walkingTime';
import { MEDICAL_LABELS, MOBILITY_LABELS, type MedicalNeed, type Person } from './person';
import type { Plan } from './plan';

/** 優先度 — whose 個別避難計画 to make first. A is most urgent. */
export type PriorityRank = 'A' | 'B' | 'C';

/** Sort key of a rank: A (most urgent) first. */
export const PRIORITY_ORDER: Readonly<Record<PriorityRank, number>> = { A: 0, B: 1, C: 2 };

/** A person's priority with the points behind it and the reasons in Japanese, most important first. */
export interface Priority {
  rank: PriorityRank;
  /** 0 or 1: whether the home is in an imported zone of the scenario hazard. */
  hazardPoints: number;
  /** Need points: mobility + medical + household (see `priorityOf`). */
  needPoints: number;
  reasons: string[];
}

/** Medical needs that stop working without power or regular treatment (命に関わる). */
const LIFE_SUPPORT: readonly MedicalNeed[] = ['ventilator', 'home_oxygen', 'suction', 'dialysis'];

/** What priorityOf knows beyond the person; anything omitted is "not assessed", never "safe". */
export interface PriorityContext {
  /** The scenario hazard at home (three answers, hazardAtHome.ts). */
  hazard?: HazardAnswer | null;
  /** The way to the first destination (walkingTime.ts), or null when there is none. */
  walk?: WalkEstimate | null;
  /** Minutes assumed from 警戒レベル3 高齢者等避難 until leaving gets dangerous (DEFAULT_WALK_LIMITS). */
  leadTimeMinutes?: number;
}

const RAISE: Record<PriorityRank, PriorityRank> = { A: 'A', B: 'A', C: 'B' };

/**
 * Priority from the scenario hazard at home × mobility × living alone × medical dependence × the way out.
 *
 * Need points: mobility 寝たきり 3, 車いす 2, 杖・歩行器 1; medical 人工呼吸器・在宅酸素・たん吸引・透析 3,
 * other medical needs 1; household 一人暮らし 2, 高齢者のみ世帯 1, 日中独居 1.
 * - A: home in a zone of the scenario hazard and need ≥ 3, or need ≥ 5 anywhere (e.g. bedridden and alone).
 * - B: home in a zone of the scenario hazard, or need ≥ 3.
 * - C: everyone else.
 * Then one step more urgent (C → B, B → A) when walking to the first destination takes longer than
 * the lead time of 警戒レベル3 (「徒歩で約100分かかり、避難の目安（60分）を超える」) or is not possible
 * (寝たきり, 車いす too far: a vehicle must be arranged beforehand). 「データなし」 is said as such,
 * never as 区域外.
 */
export function priorityOf(person: Pick<Person, 'mobility' | 'medical' | 'household'>, context: PriorityContext = {}): Priority {
  const reasons: string[] = [];
  const hz = context.hazard ?? null;
  const hazardPoints = hz?.state === 'inside' ? 1 : 0;
  if (hz?.state === 'inside') reasons.push(insideReason(hz));
  const mobilityPoints = { independent: 0, cane_walker: 1, wheelchair: 2, bedridden: 3 }[person.mobility] ?? 0;
  if (person.mobility === 'bedridden') reasons.push('寝たきりで自力では移動できない');
  else if (person.mobility === 'wheelchair') reasons.push('車いすで移動し、介助が必要');
  else if (person.mobility === 'cane_walker') reasons.push(`${MOBILITY_LABELS.cane_walker}を使い、歩くのに時間がかかる`);

  const lifeSupport = person.medical.filter((m) => LIFE_SUPPORT.includes(m));
  const otherMedical = person.medical.filter((m) => !LIFE_SUPPORT.includes(m));
  const medicalPoints = lifeSupport.length > 0 ? 3 : otherMedical.length > 0 ? 1 : 0;
  if (lifeSupport.length > 0) reasons.push(`${lifeSupport.map((m) => MEDICAL_LABELS[m]).join('・')}を使用（停電・治療中断が命に関わる）`);
  if (otherMedical.length > 0) reasons.push(`${otherMedical.map((m) => MEDICAL_LABELS[m]).join('・')}が必要`);

  const householdPoints = { alone: 2, elderly_only: 1, daytime_alone: 1, with_family: 0, unknown: 0 }[person.household] ?? 0;
  if (person.household === 'alone') reasons.push('一人暮らしで、すぐに助けてくれる同居者がいない');
  else if (person.household === 'elderly_only') reasons.push('高齢者のみの世帯');
  else if (person.household === 'daytime_alone') reasons.push('日中は一人になる');

  const needPoints = mobilityPoints + medicalPoints + householdPoints;
  const base: PriorityRank = (hazardPoints && needPoints >= 3) || needPoints >= 5 ? 'A' : hazardPoints || needPoints >= 3 ? 'B' : 'C';

  const lead = context.leadTimeMinutes ?? DEFAULT_WALK_LIMITS.leadTimeMinutes;
  const walk = context.walk ?? null;
  let raisedByWalk = false;
  if (walk?.kind === 'not_walkable') {
    reasons.push(`${NOT_WALKABLE_LABEL}: ${walk.reason}。${walk.transport}の手配が必要`);
    raisedByWalk = true;
  } else if (walk && walk.minutes > lead) {
    reasons.push(`徒歩で約${walk.minutes}分かかり、避難の目安（${lead}分）を超える`);
    raisedByWalk = true;
  }
  const rank = raisedByWalk ? RAISE[base] : base;

  if (hz?.state === 'no_data') reasons.push(noDataReason(hz));
  if (reasons.length === 0) reasons.push(hz?.state === 'outside' ? '想定区域外で、移動・医療・世帯に大きな支障の記録がない' : '移動・医療・世帯に大きな支障の記録がない');
  return { rank, hazardPoints, needPoints, reasons };
}

/** The name of the tile source in a reason: short, the date it was read. */
const TILE_REASON_SOURCE = 'ハザードマップポータル';

/**
 * The reason for a home inside a zone of the scenario hazard: 「自宅が洪水の想定区域（0.5-3.0m）内にある」
 * from imported polygons; from the tiles, with the class read, source and date:
 * 「自宅が想定区域内にある：洪水 3.0〜5.0m（ハザードマップポータル、2026-11-28 取得）」.
 */
export function insideReason(hz: HazardAnswer & { state: 'inside' }): string {
  const h = HAZARD_SHORT_LABELS[hz.hazard];
  const classes = insideClasses(hz);
  if (hz.source?.kind === 'tiles') return `自宅が想定区域内にある：${h}${classes.length ? ` ${classes.join('・')}` : ''}（${TILE_REASON_SOURCE}、${hz.source.readOn} 取得）`;
  return `自宅が${h}の想定区域${classes.length ? `（${classes.join('・')}）` : ''}内にある`;
}

/**
 * The reason for 「データなし」 / 「判定できない」 at home — said as such, never as 区域外, short:
 * 「洪水：ハザードマップで判定できない（2026-11-30 取得）」, 「洪水：ハザードマップのデータなし
 * （未整備の可能性、2026-11-30 取得）」, 「洪水：区域データなし（自宅の危険はわかりません）」.
 */
export function noDataReason(hz: HazardAnswer & { state: 'no_data' }): string {
  const h = HAZARD_SHORT_LABELS[hz.hazard];
  if (hz.why === 'tile_missing') return `${h}：ハザードマップのデータなし（未整備の可能性、${hz.source.readOn} 取得）`;
  if (hz.why === 'tile_unreadable') return `${h}：ハザードマップで${TILE_NO_DATA_WORDS.tile_unreadable}（${hz.source.readOn} 取得）`;
  return `${h}：区域データなし（自宅の危険はわかりません）`;
}

/**
 * The 名簿の更新 factor of 「次に計画を作る人」: how urgently a 名簿 update asks for this plan to be
 * reviewed — the highest `weight` of its `rosterReview` reasons (1–5, core/rosterChangeWording.ts:
 * a changed medical need 5, mobility 4, household/communication/consent 3, 住所・地区 2), 0 when no
 * update marked the plan (or it was confirmed again since). Among people of the same 優先度, a plan
 * an update sent back to 要見直し comes first, the weightier change first: the plan on paper no
 * longer fits the person and supporters may act on it, so a changed medical need is reviewed
 * before a changed 住所.
 */
export function rosterReviewWeight(plan: Pick<Plan, 'rosterReview'> | null | undefined): number {
  return Math.max(0, ...(plan?.rosterReview ?? []).map((r) => r.weight));
}
