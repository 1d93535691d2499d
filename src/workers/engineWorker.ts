/// <reference lib="webworker" />
import { analyseEvacuation, type AnalysisInput } from '../core/evacuationAnalysis';
import { ENGINE_PART, type EngineRequest, type EngineResponse } from './engineProtocol';

/**
 * Runs the evacuation engine for the page (workers/engineClient.ts); the messages are in
 * engineProtocol.ts. The handler is installed only inside a dedicated worker, so a page that
 * imported this module by mistake would not answer its own messages with 「計算できませんでした」.
 */
const post = (m: EngineResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
const parts: Partial<Record<keyof AnalysisInput, unknown[]>> = {};

const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;

if (inWorker) self.onmessage = onRequest;

function onRequest(event: MessageEvent<EngineRequest>): void {
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
}
