import type { HazardType } from '../core/hazard';
import type { ColumnMapping } from '../io/columnMapping';
import type { ImportKind, ImportPreview, ImportResponse } from './importProtocol';

let nextId = 1;

/**
 * Reads files in a Web Worker; `onProgress` gets stage text and done/total.
 * The promise rejects with a Japanese message; `signal` cancels (terminates the worker).
 * `columns` gives column mappings by source signature for CSVs not in a known layout.
 */
export async function readInWorker(
  kind: ImportKind,
  files: File[],
  onProgress: (stage: string, done: number, total: number) => void,
  signal?: AbortSignal,
  hazard?: HazardType,
  columns?: { mappings: Record<string, ColumnMapping>; confirmedSignature?: string },
): Promise<ImportPreview> {
  const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  const records: unknown[] = [];
  return new Promise<ImportPreview>((resolve, reject) => {
    const finish = () => worker.terminate();
    signal?.addEventListener('abort', () => {
      finish();
      reject(new DOMException('取り込みを中止しました。', 'AbortError'));
    });
    worker.onmessage = (e: MessageEvent<ImportResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') onProgress(m.stage, m.done, m.total);
      else if (m.type === 'records') for (const r of m.records) records.push(r);
      else if (m.type === 'result') (finish(), resolve({ ...m.preview, records: records as ImportPreview['records'] }));
      else (finish(), reject(new Error(m.message)));
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`読み込み処理が止まりました（${e.message}）。`));
    };
    worker.postMessage(
      { id, kind, files: payload, hazard, mappings: columns?.mappings, confirmedSignature: columns?.confirmedSignature },
      payload.map((p) => p.bytes),
    );
  });
}
