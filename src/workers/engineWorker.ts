/// <reference lib="webworker" />
import { analyseEvacuation, type AnalysisInput, type AnalysisSettings, type EvacuationAnalysis, type PersonAnalysis } from '../core/evacuationAnalysis';

/**
 * Messages between the page and the engine worker. City-scale arrays (10⁵ people, hazard zones)
 * travel in `part` messages of `ENGINE_PART` items each way, so the page encodes and decodes them
 * in short steps instead of one long freeze; `run` carries the rest of the input.
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

const post = (m: EngineResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
const parts: Partial<Record<keyof AnalysisInput, unknown[]>> = {};

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const m = event.data;
  if (m.type === 'part') {
    const list = (parts[m.key] ??= []);
    for (const item of m.items) list.push(item);
    return;
  }
  const { id, settings } = m;
  try {
    const input = { ...m.input, ...parts } as AnalysisInput;
    const analysis = analyseEvacuation(input, settings, (done, total) => post({ id, type: 'progress', done, total }));
    for (let i = 0; i < analysis.people.length; i += ENGINE_PART) post({ id, type: 'people', people: analysis.people.slice(i, i + ENGINE_PART) });
    post({ id, type: 'result', analysis: { ...analysis, people: [] } });
  } catch (err) {
    post({ id, type: 'failed', message: `計算できませんでした（${(err as Error).message}）。` });
  }
};
