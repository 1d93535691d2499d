import type { AnalysisSettings, EvacuationAnalysis, PersonAnalysis } from '../core/evacuationAnalysis';
import type { LngLat } from '../core/geo';
import type { HazardType } from '../core/hazard';
import type { Person } from '../core/person';
import type { PlanSuggestions } from '../core/planSuggestions';
import type { Disruption, ReplannedPerson } from '../core/replan';

/**
 * Messages between the page and the engine worker (workers/engineWorker.ts). The worker is one,
 * long-lived, per database: it reads people, shelters, supporters, hazard zones and road networks
 * from IndexedDB itself and keeps what it built from them (hazard index, road graph, snapper,
 * stage results) across runs; the page sends only what to compute and the keys that say what
 * changed. The page imports only this file, never the worker's module: the engine stays out of the
 * page's bundle and no message handler of the worker is installed on the page.
 */

/** Results travel back in slices of this many people, so the page decodes them in short steps. */
export const ENGINE_PART = 5000;

/**
 * Which stored data a request is about. The worker re-reads a part of the store only when its key
 * changed since it last read it.
 */
export interface EngineScope {
  /** IndexedDB database name (the page's `db.name`). */
  dbName: string;
  /** People and supporters of this district only; null for everyone. */
  districtId: string | null;
  /**
   * Consented people only, also while 災害時モード shows more (planning screens: the 地区カルテ). Off:
   * the people every screen shows (the consent gate's, revealed people included while the mode is on).
   */
  consentOnly?: boolean;
  /** Changes whenever people, supporters or shelters change in the store (the page's counter). */
  storeKey: number;
  /** `GeodataSummary.revision` (db/geodata.ts): changes whenever hazard zones or road networks change. */
  geodataRevision: string;
}

/** A road route between two points for the plan editor (ui/plan/routeChoice.ts). */
export interface RoadRouteQuery {
  home: LngLat;
  shelter: LngLat;
  hazard: HazardType;
  /** Close roads inside zones of `hazard` (「ハザード区域の道を通らない」). */
  avoidZones: boolean;
}

/** The answer: the line `[lng, lat][]` home → shelter along roads and its length in metres, or why there is none. */
export type RoadRouteAnswer = { line: LngLat[]; lengthM: number } | { reason: string };

export type EngineRequest =
  /**
   * The whole evacuation analysis for the people of `scope`. A newer `analyse` on the same
   * `channel` supersedes an older one still running (the older is dropped at its next stage).
   */
  | { id: number; type: 'analyse'; channel: string; scope: EngineScope; settings: AnalysisSettings }
  | { id: number; type: 'roadRoute'; scope: EngineScope; query: RoadRouteQuery }
  /** The plan editor's suggestions for one person (supporters nearby, nearest shelter per hazard). */
  | { id: number; type: 'suggest'; scope: EngineScope; person: Person }
  | { id: number; type: 'cancel'; channel: string }
  /**
   * Plan B (core/replan.ts `replanAffected`): the people of `scope` affected by `disruption`, with
   * their new destination, 福祉避難所 and supporters. The worker runs the analysis of `scope` under
   * `settings` itself (reusing the stage memo of `channel` — the channel of an `analyse` of the same
   * scope and settings, if the page runs one — default 'replan') and reads the plans itself.
   */
  | { id: number; type: 'replan'; scope: EngineScope; settings: AnalysisSettings; disruption: Disruption; channel?: string };

export type EngineResponse =
  | { id: number; type: 'progress'; done: number; total: number }
  /** A slice of `analysis.people`, in order; the `result` that follows has `people: []`. */
  | { id: number; type: 'people'; people: PersonAnalysis[] }
  | { id: number; type: 'result'; analysis: EvacuationAnalysis }
  | { id: number; type: 'roadRoute'; answer: RoadRouteAnswer }
  | { id: number; type: 'suggestions'; suggestions: PlanSuggestions }
  /** The affected people only, in the order of the scope's people. */
  | { id: number; type: 'replanned'; people: ReplannedPerson[] }
  /** The run was superseded or cancelled: the caller's promise is dropped, not rejected. */
  | { id: number; type: 'superseded' }
  | { id: number; type: 'failed'; message: string };
