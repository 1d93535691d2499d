import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from './analysisSettings';
import { HAZARD_TYPES } from './hazard';
import { MOBILITIES } from './person';
import { SHELTER_KINDS } from './shelter';

/** The scenario settings a user keeps between visits (everything but the date). */
export type ScenarioSettings = Omit<AnalysisSettings, 'onDate'>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const inRange = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * Settings saved earlier (parsed JSON of unknown shape) → settings to use: each field that is
 * present and valid is kept, anything else falls back to its default. Never throws, so a stale or
 * hand-edited value cannot stop the app from starting.
 */
export function settingsFromSaved(saved: unknown): ScenarioSettings {
  const d = DEFAULT_ANALYSIS_SETTINGS;
  if (!isObject(saved)) return structuredClone(d);
  const pick = <K extends keyof ScenarioSettings>(key: K, ok: (v: unknown) => boolean): ScenarioSettings[K] => (ok(saved[key]) ? (saved[key] as ScenarioSettings[K]) : structuredClone(d[key]));
  const walking = isObject(saved.walking) ? saved.walking : {};
  const speeds = isObject(walking.speedsMps) ? walking.speedsMps : {};
  return {
    hazard: pick('hazard', (v) => (HAZARD_TYPES as readonly unknown[]).includes(v)),
    kind: pick('kind', (v) => (SHELTER_KINDS as readonly unknown[]).includes(v)),
    winter: pick('winter', (v) => typeof v === 'boolean'),
    timeOfDay: pick('timeOfDay', (v) => v === 'day' || v === 'night'),
    supporterRadiusM: pick('supporterRadiusM', (v) => inRange(v, 50, 5000)),
    supporterTarget: pick('supporterTarget', (v) => Number.isInteger(v) && inRange(v, 1, 5)),
    welfareCapacityDefault: pick('welfareCapacityDefault', (v) => Number.isInteger(v) && inRange(v, 1, 500)),
    avoidHazardRoads: pick('avoidHazardRoads', (v) => typeof v === 'boolean'),
    walking: {
      speedsMps: Object.fromEntries(MOBILITIES.map((m) => [m, inRange(speeds[m], 0.05, 3) ? speeds[m] : d.walking.speedsMps[m]])) as ScenarioSettings['walking']['speedsMps'],
      winterFactor: inRange(walking.winterFactor, 0.1, 1) ? walking.winterFactor : d.walking.winterFactor,
    },
  };
}
