import type { HazardType } from './hazard';
import type { ShelterKind } from './shelter';
import type { TimeOfDay } from './supporterMatching';
import { DEFAULT_WALKING_SETTINGS, type WalkingSettings } from './walkingTime';
import { DEFAULT_ASSUMED_WELFARE_CAPACITY } from './welfareCapacity';

/** The scenario and settings the whole analysis runs under. */
export interface AnalysisSettings {
  /** Hazard the destination must be designated for. */
  hazard: HazardType;
  /** Kind of first destination (default 指定緊急避難場所: where to run to first). */
  kind: ShelterKind;
  /** 積雪期: slows walking by the winter factor. */
  winter: boolean;
  timeOfDay: TimeOfDay;
  /** Supporter walking radius, metres. */
  supporterRadiusM: number;
  supporterTarget: number;
  /** Persons assumed for each 福祉避難所 whose capacity is unknown (welfareCapacity.ts). */
  assumedWelfareCapacity: number;
  /** Close road edges inside zones of the scenario hazard when routing. */
  avoidHazardRoads: boolean;
  walking: WalkingSettings;
  /** Planning date `YYYY-MM-DD` (ages). */
  onDate: string;
}

export const DEFAULT_ANALYSIS_SETTINGS: Omit<AnalysisSettings, 'onDate'> = {
  hazard: 'flood',
  kind: 'emergency_site',
  winter: false,
  timeOfDay: 'day',
  supporterRadiusM: 500,
  supporterTarget: 2,
  assumedWelfareCapacity: DEFAULT_ASSUMED_WELFARE_CAPACITY,
  avoidHazardRoads: false,
  walking: DEFAULT_WALKING_SETTINGS,
};
