import type { TileLayerState } from '../db/tileStore';
import type { TileRequest, TileResponse } from './tileProtocol';

/**
 * Builds the map's vector tiles in a Web Worker (workers/tileWorker.ts), one build per store at a
 * time: a caller asking while a build runs shares it (and its progress). The worker ends with its build.
 */

export type TileBuildProgress = (stage: string, done: number, total: number) => void;
export interface TilesBuilt {
  /** The store revision the stored tiles are built from now (compare with `GeodataSummary.revision`). */
  revision: string;
  built: TileLayerState[];
}

interface Running {
  promise: Promise<TilesBuilt>;
  listeners: Set<TileBuildProgress>;
}

let nextId = 1;
const running = new Map<string, Running>();

/** Builds whatever tiles of the store named `dbName` are not built from its current revision. Rejects with a Japanese message. */
export function buildTilesInWorker(dbName: string, onProgress?: TileBuildProgress): Promise<TilesBuilt> {
  let run = running.get(dbName);
  if (!run) {
    const listeners = new Set<TileBuildProgress>();
    const promise = spawn(dbName, (stage, done, total) => listeners.forEach((l) => l(stage, done, total))).finally(() => running.delete(dbName));
    run = { promise, listeners };
    running.set(dbName, run);
  }
  if (onProgress) run.listeners.add(onProgress);
  return run.promise;
}

function spawn(dbName: string, onProgress: TileBuildProgress): Promise<TilesBuilt> {
  const worker = new Worker(new URL('./tileWorker.ts', import.meta.url), { type: 'module' });
  const id = nextId++;
  return new Promise<TilesBuilt>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<TileResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') return onProgress(m.stage, m.done, m.total);
      worker.terminate();
      if (m.type === 'built') resolve({ revision: m.revision, built: m.built });
      else reject(new Error(m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`地図の区域データの処理が止まりました（${e.message}）。`));
    };
    worker.postMessage({ id, type: 'build', dbName } satisfies TileRequest);
  });
}
