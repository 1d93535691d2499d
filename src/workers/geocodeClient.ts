import type { GeocodeResult } from '../io/geocode';
import type { ReferencePlace } from '../io/geoloniaTowns';
import type { PositionReferenceRecord } from '../io/positionReference';
import type { GeocodeRequest, GeocodeResponse, ReferencePreview } from './geocodeProtocol';

let nextId = 1;
export type WorkerProgress = (stage: string, done: number, total: number) => void;

function run<T>(build: (id: number) => { req: GeocodeRequest; transfer: Transferable[] }, pick: (m: GeocodeResponse) => T | undefined, onProgress: WorkerProgress, signal?: AbortSignal): Promise<T> {
  const worker = new Worker(new URL('./geocodeWorker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  const { req, transfer } = build(id);
  return new Promise<T>((resolve, reject) => {
    const finish = () => worker.terminate();
    signal?.addEventListener('abort', () => {
      finish();
      reject(new DOMException('中止しました。', 'AbortError'));
    });
    worker.onmessage = (e: MessageEvent<GeocodeResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') return onProgress(m.stage, m.done, m.total);
      finish();
      if (m.type === 'failed') return reject(new Error(m.message));
      const value = pick(m);
      if (value === undefined) reject(new Error('処理の応答が読めません。'));
      else resolve(value);
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`処理が止まりました（${e.message}）。`));
    };
    worker.postMessage(req, transfer);
  });
}

/**
 * Reads an address reference file (位置参照情報 CSV, Geolonia JSON, ABR 町字 CSV) in a Web Worker;
 * `place` names the city for files that do not. Rejects with a Japanese message; `signal` cancels.
 */
export async function readReferenceInWorker(file: File, onProgress: WorkerProgress, signal?: AbortSignal, place?: ReferencePlace): Promise<ReferencePreview> {
  const bytes = await file.arrayBuffer();
  return run(
    (id) => ({ req: { id, type: 'read', file: { name: file.name, bytes }, place }, transfer: [bytes] }),
    (m) => (m.type === 'read' ? m.preview : undefined),
    onProgress,
    signal,
  );
}

/** Matches addresses against reference points in a Web Worker; one result per address, in order. */
export function geocodeInWorker(points: PositionReferenceRecord[], addresses: string[], onProgress: WorkerProgress, signal?: AbortSignal): Promise<GeocodeResult[]> {
  return run(
    (id) => ({ req: { id, type: 'geocode', points, addresses }, transfer: [] }),
    (m) => (m.type === 'geocoded' ? m.results : undefined),
    onProgress,
    signal,
  );
}
