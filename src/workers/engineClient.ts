import type { AnalysisInput, AnalysisSettings, EvacuationAnalysis } from '../core/evacuationAnalysis';
import type { EngineRequest, EngineResponse } from './engineWorker';

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
    return new Promise((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<EngineResponse>) => {
        const m = e.data;
        if (m.type === 'progress') onProgress(m.done, m.total);
        else {
          this.release(worker);
          if (m.type === 'result') resolve(m.analysis);
          else reject(new Error(m.message));
        }
      };
      worker.onerror = (e) => {
        this.release(worker);
        reject(new Error(`計算処理が止まりました（${e.message}）。`));
      };
      worker.postMessage({ id, input, settings } satisfies EngineRequest);
    });
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
