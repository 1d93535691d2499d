/// <reference lib="webworker" />
import { analyseEvacuation, type AnalysisInput, type AnalysisSettings, type EvacuationAnalysis } from '../core/evacuationAnalysis';

/** Messages between the page and the engine worker. */
export type EngineRequest = { id: number; input: AnalysisInput; settings: AnalysisSettings };
export type EngineResponse =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'result'; analysis: EvacuationAnalysis }
  | { id: number; type: 'failed'; message: string };

const post = (m: EngineResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  const { id, input, settings } = event.data;
  try {
    const analysis = analyseEvacuation(input, settings, (done, total) => post({ id, type: 'progress', done, total }));
    post({ id, type: 'result', analysis });
  } catch (err) {
    post({ id, type: 'failed', message: `計算できませんでした（${(err as Error).message}）。` });
  }
};
