import type { Mobility } from './person';

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
export function walkingTimeSeconds(distanceM: number, mobility: Mobility, winter = false, settings: WalkingSettings = DEFAULT_WALKING_SETTINGS): number {
  const speed = walkingSpeedMps(mobility, winter, settings);
  if (!(speed > 0)) return Infinity;
  return distanceM / speed;
}

/** Whole minutes, rounded up, for display (`walk_min`): 61 s → 2 min. */
export function toWholeMinutes(seconds: number): number {
  return Math.max(0, Math.ceil(seconds / 60 - 1e-9));
}
