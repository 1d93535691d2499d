import type { AnalysisInput, AnalysisSettings, EvacuationAnalysis, PersonAnalysis } from '../core/evacuationAnalysis';

/**
 * Messages between the page and the engine worker (workers/engineWorker.ts). City-scale arrays
 * (10⁵ people, hazard zones) travel in `part` messages of `ENGINE_PART` items each way, so the page
 * encodes and decodes them in short steps instead of one long freeze; `run` carries the rest of the
 * input. The page imports only this file, never the worker's module: the engine stays out of the
 * page's bundle and no message handler of the worker is installed on the page.
 */
export const ENGINE_PART = 5000;

export type EngineRequest =
  | { id: number; type: 'part'; key: keyof AnalysisInput; items: unknown[] }
  | { id: number; type: 'run'; input: Partial<AnalysisInput>; settings: AnalysisSettings };

export type EngineResponse =
  | { id: number; type: 'progress'; done: number; total: number }
  /** A slice of `analysis.people`, in order; the `result` that follows has `people: []`. */
  | { id: number; type: 'people'; people: PersonAnalysis[] }
  | { id: number; type: 'result'; analysis: EvacuationAnalysis }
  | { id: number; type: 'failed'; message: string };
