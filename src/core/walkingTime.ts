import type { Metres } from './geo';
import { MOBILITY_LABELS, type Mobility } from './person';

/**
 * Walking-time settings. Speeds are metres per second by how the person moves:
 * - `independent` 独歩 1.0 m/s — the unaided walking speed used in Japanese evacuation planning.
 * - `cane_walker` 杖・歩行器 0.5 m/s — the 要配慮者 speed of the tsunami evacuation guidelines.
 * - `wheelchair` 車いす 0.6 m/s — pushed by a supporter on ordinary streets.
 * - `bedridden` 寝たきり 0.4 m/s — carried (担架, リヤカー, おんぶ) by supporters.
 * `winterFactor` multiplies every speed in 積雪期 (snow, 除雪 not done yet): default 0.7.
 * All of these are defaults for the settings screen, not facts about a person.
 */
export interface WalkingSettings {
  speedsMps: Record<Mobility, number>;
  winterFactor: number;
}

export const DEFAULT_WALKING_SETTINGS: WalkingSettings = {
  speedsMps: { independent: 1.0, cane_walker: 0.5, wheelchair: 0.6, bedridden: 0.4 },
  winterFactor: 0.7,
};

/** Walking speed in metres per second for a mobility, slowed by the winter factor when `winter`. */
export function walkingSpeedMps(mobility: Mobility, winter = false, settings: WalkingSettings = DEFAULT_WALKING_SETTINGS): number {
  const speed = settings.speedsMps[mobility] ?? settings.speedsMps.cane_walker;
  return winter ? speed * settings.winterFactor : speed;
}

/** Seconds to cover `distanceM` metres for a mobility (Infinity for an unusable speed, NaN for a NaN distance). */
export function walkingTimeSeconds(distanceM: Metres, mobility: Mobility, winter = false, settings: WalkingSettings = DEFAULT_WALKING_SETTINGS): number {
  const speed = walkingSpeedMps(mobility, winter, settings);
  if (!(speed > 0)) return Infinity;
  return distanceM / speed;
}

/** Whole minutes, rounded up, for display (`walk_min`): 61 s → 2 min. */
export function toWholeMinutes(seconds: number): number {
  return Math.max(0, Math.ceil(seconds / 60 - 1e-9));
}

/**
 * When walking to the first destination is not a plan (the app's documented assumptions, not facts
 * about a person; see README 「徒歩で避難できる範囲」):
 * - `bedridden` 寝たきり: never — carrying a person on foot (担架, おんぶ) is for a few metres
 *   inside a building, not to a shelter; the plan needs a vehicle or a stretcher team.
 * - `wheelchair` 車いす: not beyond `wheelchairMaxM` = 2,000 m (road length when routed, else
 *   straight line), divided by nothing in summer and multiplied by the winter factor in 積雪期
 *   (the same effort covers less ground in snow: 1,400 m). 2 km at the 0.6 m/s pushing speed is
 *   about 56 minutes — as long as one helper can be expected to push a wheelchair in rain or dark
 *   and about the lead time below; further than that the plan should name a vehicle.
 * `leadTimeMinutes` = 60: the time assumed between 警戒レベル3 高齢者等避難 and the moment the way
 * may become dangerous. 内閣府「避難情報に関するガイドライン」(令和3年5月) says 高齢者等避難 is issued
 * so that people who need time can leave in time, but fixes no number of minutes; 60 is this app's
 * assumption (a river forecast typically gives 2–3 hours from レベル3 to 氾濫, and a supporter
 * must first come to the home). A person whose walk takes longer than this gets a higher priority.
 */
export interface WalkLimits {
  wheelchairMaxM: Metres;
  leadTimeMinutes: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { wheelchairMaxM: 2000, leadTimeMinutes: 60 };

/** What to use instead of walking, for the plan and the card. */
export const TRANSPORT_SUGGESTION = '車両（福祉車両・家族の車）・担架';

/** Shown instead of a walking time when walking is not a plan. */
export const NOT_WALKABLE_LABEL = '徒歩では困難（車両・担架が必要）';

/**
 * The way to a destination `distanceM` metres away for a mobility: walking minutes (whole, rounded
 * up), or `not_walkable` with why and what to use instead (see WalkLimits). `winter` slows walking
 * and shortens the wheelchair limit by the winter factor.
 */
export type WalkEstimate =
  | { kind: 'walk'; minutes: number }
  | { kind: 'not_walkable'; reason: string; transport: string };

export function walkEstimate(distanceM: Metres, mobility: Mobility, winter = false, settings: WalkingSettings = DEFAULT_WALKING_SETTINGS, limits: WalkLimits = DEFAULT_WALK_LIMITS): WalkEstimate {
  if (mobility === 'bedridden') return { kind: 'not_walkable', reason: '寝たきりのため、歩いての避難はできません', transport: TRANSPORT_SUGGESTION };
  const maxM = limits.wheelchairMaxM * (winter ? settings.winterFactor : 1);
  if (mobility === 'wheelchair' && distanceM > maxM) {
    const km = (m: number) => (m / 1000).toLocaleString('ja-JP', { maximumFractionDigits: 1 });
    // The distance rounded up to 0.1 km, so it never reads as the limit itself (2,001 m → 2.1 km).
    return { kind: 'not_walkable', reason: `車いすで押して行ける目安（${km(maxM)} km${winter ? '、積雪期' : ''}）より遠い（${km(Math.ceil(distanceM / 100) * 100)} km）`, transport: TRANSPORT_SUGGESTION };
  }
  return { kind: 'walk', minutes: toWholeMinutes(walkingTimeSeconds(distanceM, mobility, winter, settings)) };
}

/** 「徒歩約12分」 or 「徒歩では困難（車両・担架が必要）」. */
export function walkLabel(w: WalkEstimate): string {
  return w.kind === 'walk' ? `徒歩約${w.minutes}分` : NOT_WALKABLE_LABEL;
}

/**
 * A plan route's time in words, for the editor and the printed plan: 「車いすの速さで約35分（積雪期 約49分）」,
 * 「車いすの速さで約40分（積雪期は徒歩では困難）」, or 「徒歩では困難（車両・担架が必要）: <why>」.
 */
export function routeWalkLabel(distanceM: Metres, mobility: Mobility, options: { withWinter?: boolean } = {}): string {
  const summer = walkEstimate(distanceM, mobility, false);
  if (summer.kind === 'not_walkable') return `${NOT_WALKABLE_LABEL}: ${summer.reason}`;
  const head = `${MOBILITY_LABELS[mobility]}の速さで約${summer.minutes}分`;
  if (!options.withWinter) return head;
  const winter = walkEstimate(distanceM, mobility, true);
  return `${head}（${winter.kind === 'walk' ? `積雪期 約${winter.minutes}分` : '積雪期は徒歩では困難'}）`;
}
