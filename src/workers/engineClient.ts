import type { AnalysisInput, AnalysisSettings, EvacuationAnalysis } from '../core/evacuationAnalysis';
import type { PersonAnalysis } from '../core/evacuationAnalysis';
import { ENGINE_PART, type EngineRequest, type EngineResponse } from './engineProtocol';

/**
 * Runs the evacuation engine off the main thread. Starting a new run cancels the previous one
 * (its worker is terminated), so rapid edits never queue up stale work.
 */
export class EngineRunner {
  private worker: Worker | null = null;
  private nextId = 1;

  run(input: AnalysisInput, settings: AnalysisSettings, onProgress: (done: number, total: number) => void): Promise<EvacuationAnalysis> {
    this.cancel();
    const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const id = this.nextId++;
    const people: PersonAnalysis[] = [];
    return new Promise((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<EngineResponse>) => {
        const m = e.data;
        if (m.type === 'progress') onProgress(m.done, m.total);
        else if (m.type === 'people') for (const p of m.people) people.push(p);
        else {
          this.release(worker);
          if (m.type === 'result') resolve({ ...m.analysis, people });
          else reject(new Error(m.message));
        }
      };
      worker.onerror = (e) => {
        this.release(worker);
        reject(new Error(`計算処理が止まりました（${e.message}）。`));
      };
      void this.send(worker, id, input, settings);
    });
  }

  /** Posts the input, large arrays in parts with a pause between them (stops if the run is cancelled). */
  private async send(worker: Worker, id: number, input: AnalysisInput, settings: AnalysisSettings) {
    const rest: Partial<Record<keyof AnalysisInput, unknown>> = {};
    for (const key of Object.keys(input) as (keyof AnalysisInput)[]) {
      const value = input[key];
      if (value.length <= ENGINE_PART) {
        rest[key] = value;
        continue;
      }
      for (let i = 0; i < value.length; i += ENGINE_PART) {
        if (this.worker !== worker) return;
        worker.postMessage({ id, type: 'part', key, items: value.slice(i, i + ENGINE_PART) } satisfies EngineRequest);
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
    if (this.worker === worker) worker.postMessage({ id, type: 'run', input: rest as Partial<AnalysisInput>, settings } satisfies EngineRequest);
  }

  cancel() {
    this.worker?.terminate();
    this.worker = null;
  }

  private release(worker: Worker) {
    worker.terminate();
    if (this.worker === worker) this.worker = null;
  }
}
