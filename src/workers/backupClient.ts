import { OperatorMissingError } from '../db/disclosures';
import type { RestoreResult } from '../db/backupFile';
import type { MergeSummary } from '../db/mergeBackup';
import { BackupError } from '../io/backup/backupError';
import type { ContainerHeader } from '../io/backup/container';
import type { BackupRequest, BackupResponse } from './backupProtocol';
import type { WithoutId } from './requestId';

/**
 * Backup, restore and merge off the main thread (src/workers/backupWorker.ts), with progress.
 * Errors are rethrown as `BackupError` (Japanese message), `OperatorMissingError` (作業者名 not
 * set) or `Error` (anything else, in Japanese). An inspected backup stays in its worker until it is
 * restored, merged or discarded.
 */

export type ProgressCallback = (stage: string, done: number, total: number) => void;
type Result = Exclude<BackupResponse, { type: 'progress' } | { type: 'failed' }>;

let nextId = 1;
/** The worker holding the inspected backup, if any. */
let inspecting: Worker | null = null;

const spawn = () => new Worker(new URL('./backupWorker.ts', import.meta.url), { type: 'module' });

type Request = WithoutId<BackupRequest>;

function call(worker: Worker, request: Request, onProgress: ProgressCallback): Promise<Result> {
  const id = nextId++;
  return new Promise<Result>((resolve, reject) => {
    const done = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    const onMessage = (e: MessageEvent<BackupResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') return onProgress(m.stage, m.done, m.total);
      done();
      if (m.type !== 'failed') resolve(m);
      else if (m.code === 'operator-missing') reject(new OperatorMissingError());
      else if (m.code === 'failed') reject(new Error(m.message));
      else reject(new BackupError(m.code, m.message));
    };
    const onError = (e: ErrorEvent) => {
      done();
      reject(new Error(`バックアップの処理が止まりました（${e.message}）。元のデータはそのままです。`));
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage({ ...request, id } satisfies BackupRequest);
  });
}

/** 「バックアップを作る」: the file to save, its name and rows per table (a 'backup' 提供記録 entry is written). */
export async function createBackup(
  options: { passphrase: string; settings: Record<string, string> },
  onProgress: ProgressCallback,
): Promise<{ blob: Blob; fileName: string; counts: Record<string, number> }> {
  const worker = spawn();
  try {
    const m = await call(worker, { type: 'backup', ...options }, onProgress);
    if (m.type !== 'backup-done') throw new Error(`予期しない応答です（${m.type}）。`);
    return { blob: m.blob, fileName: m.fileName, counts: m.counts };
  } finally {
    worker.terminate();
  }
}

/** Decrypts and checks a backup file, keeping it in a worker; nothing is written. Replaces any earlier inspected file. */
export async function inspectBackup(file: Blob, passphrase: string, onProgress: ProgressCallback): Promise<{ header: ContainerHeader; counts: Record<string, number> }> {
  discardInspected();
  const worker = (inspecting = spawn());
  try {
    const m = await call(worker, { type: 'inspect', file, fileName: file instanceof File ? file.name : null, passphrase }, onProgress);
    if (m.type !== 'inspected') throw new Error(`予期しない応答です（${m.type}）。`);
    return { header: m.header, counts: m.counts };
  } catch (err) {
    if (inspecting === worker) discardInspected();
    throw err;
  }
}

function inspected(): Worker {
  if (!inspecting) throw new Error('先にバックアップファイルを開いてください。');
  return inspecting;
}

/**
 * Replaces the whole store with the inspected backup (one transaction: on any failure the store is
 * as before). Returns the rows per table and the UI settings the file carried (for the page to apply).
 */
export async function restoreInspected(onProgress: ProgressCallback): Promise<{ counts: Record<string, number>; settings: Record<string, string>; kept: RestoreResult }> {
  const m = await call(inspected(), { type: 'restore' }, onProgress);
  if (m.type !== 'restored') throw new Error(`予期しない応答です（${m.type}）。`);
  discardInspected();
  return { counts: m.counts, settings: m.settings, kept: m.kept };
}

/** Merges the inspected backup into the store (src/db/mergeBackup.ts). */
export async function mergeInspected(onProgress: ProgressCallback): Promise<MergeSummary> {
  const m = await call(inspected(), { type: 'merge' }, onProgress);
  if (m.type !== 'merged') throw new Error(`予期しない応答です（${m.type}）。`);
  discardInspected();
  return m.summary;
}

/** Forgets the inspected backup (ends its worker, freeing the decrypted data). */
export function discardInspected(): void {
  inspecting?.terminate();
  inspecting = null;
}
