import { isRecord } from './jsonShape';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from './analysisSettings';
import { HAZARD_TYPES } from './hazard';
import { MOBILITIES } from './person';
import { SHELTER_KINDS } from './shelter';
import { isOneOf } from './validation';
import { isAssumedWelfareCapacity } from './welfareCapacity';

/** The scenario settings a user keeps between visits (everything but the date). */
export type ScenarioSettings = Omit<AnalysisSettings, 'onDate'>;

/**
 * Keys saved by earlier versions under another name: the old name is read when the new one is
 * absent (`welfareCapacityDefault` became `assumedWelfareCapacity`).
 */
const OLDER_KEYS: Partial<Record<keyof ScenarioSettings, string>> = { assumedWelfareCapacity: 'welfareCapacityDefault' };

const isObject = isRecord;
const inRange = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
const oneOf = <T extends string>(allowed: readonly T[]) => (v: unknown): v is T => isOneOf(v, allowed);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * Settings saved earlier (parsed JSON of unknown shape) → settings to use: each field that is
 * present and valid is kept, anything else falls back to its default. Never throws, so a stale or
 * hand-edited value cannot stop the app from starting.
 */
export function settingsFromSaved(saved: unknown): ScenarioSettings {
  const d = DEFAULT_ANALYSIS_SETTINGS;
  if (!isObject(saved)) return structuredClone(d);
  const pick = <K extends keyof ScenarioSettings>(key: K, ok: (v: unknown) => v is ScenarioSettings[K]): ScenarioSettings[K] => {
    const older = OLDER_KEYS[key];
    const v = key in saved || older === undefined ? saved[key] : saved[older];
    return ok(v) ? v : structuredClone(d[key]);
  };
  const walking = isObject(saved.walking) ? saved.walking : {};
  const speeds = isObject(walking.speedsMps) ? walking.speedsMps : {};
  const speedsMps = { ...d.walking.speedsMps };
  for (const m of MOBILITIES) {
    const v = speeds[m];
    if (inRange(v, 0.05, 3)) speedsMps[m] = v;
  }
  return {
    hazard: pick('hazard', oneOf(HAZARD_TYPES)),
    kind: pick('kind', oneOf(SHELTER_KINDS)),
    winter: pick('winter', isBoolean),
    timeOfDay: pick('timeOfDay', oneOf(['day', 'night'])),
    supporterRadiusM: pick('supporterRadiusM', (v): v is number => inRange(v, 50, 5000)),
    supporterTarget: pick('supporterTarget', (v): v is number => Number.isInteger(v) && inRange(v, 1, 5)),
    assumedWelfareCapacity: pick('assumedWelfareCapacity', isAssumedWelfareCapacity),
    avoidHazardRoads: pick('avoidHazardRoads', isBoolean),
    walking: { speedsMps, winterFactor: inRange(walking.winterFactor, 0.1, 1) ? walking.winterFactor : d.walking.winterFactor },
  };
}
