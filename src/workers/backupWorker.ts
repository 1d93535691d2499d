/// <reference lib="webworker" />
import { decodeBackup, restoreBackup, writeBackup, type BackupProgress, type DecodedBackup } from '../db/backupFile';
import { OperatorMissingError } from '../db/disclosures';
import { mergeBackup } from '../db/mergeBackup';
import { HinanDatabase } from '../db/schema';
import { BackupError } from '../io/backup/backupError';
import { errorMessage } from '../core/thrown';
import type { BackupFailureCode, BackupRequest, BackupResponse } from './backupProtocol';
import { inWorker, pageChannel } from './workerScope';

/** What failed, in words, per operation (for errors that are not a `BackupError`). */
const FAILED: Record<BackupRequest['type'], string> = {
  backup: 'バックアップを作れませんでした',
  inspect: 'ファイルを読めませんでした',
  restore: '復元できませんでした。元のデータはそのままです',
  merge: '統合できませんでした',
};

/** The browser's (or Dexie's) error for a full store. */
function isQuotaError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'name' in err && (err.name === 'QuotaExceededError' || err.name === 'Dexie.QuotaExceededError');
}

function failure(err: unknown, type: BackupRequest['type']): { code: BackupFailureCode; message: string } {
  if (err instanceof BackupError) return { code: err.code, message: err.message };
  if (err instanceof OperatorMissingError) return { code: 'operator-missing', message: err.message };
  const detail = isQuotaError(err) ? '端末の保存容量が足りません' : errorMessage(err);
  return { code: 'failed', message: `${FAILED[type]}（${detail}）。` };
}

/**
 * The worker's message handler: backup, inspect (decode and keep), restore or merge the inspected
 * backup, on the store `openDb` opens (once). Exported for tests; the worker installs it below.
 */
export function backupHandler(openDb: () => HinanDatabase): (request: BackupRequest, post: (m: BackupResponse) => void) => Promise<void> {
  let db: HinanDatabase | null = null;
  let inspected: { decoded: DecodedBackup; fileName: string | null } | null = null;
  const held = () => {
    if (!inspected) throw new Error('先にバックアップファイルを開いてください');
    return inspected;
  };
  return async (request, post) => {
    const { id } = request;
    const onProgress = (p: BackupProgress) => post({ id, type: 'progress', ...p });
    try {
      db ??= openDb();
      if (request.type === 'backup') {
        const { parts, fileName, counts } = await writeBackup(db, { passphrase: request.passphrase, settings: request.settings, onProgress });
        post({ id, type: 'backup-done', blob: new Blob(parts, { type: 'application/octet-stream' }), fileName, counts });
      } else if (request.type === 'inspect') {
        inspected = null;
        const decoded = await decodeBackup(request.file, request.passphrase, { onProgress });
        inspected = { decoded, fileName: request.fileName };
        post({ id, type: 'inspected', header: decoded.header, counts: decoded.counts });
      } else if (request.type === 'restore') {
        const { decoded, fileName } = held();
        const kept = await restoreBackup(db, decoded, { onProgress, fileName });
        inspected = null;
        post({ id, type: 'restored', counts: decoded.counts, settings: decoded.settings, kept });
      } else {
        const { decoded, fileName } = held();
        const summary = await mergeBackup(db, decoded, { fileName, onProgress: (done, total) => onProgress({ stage: '統合しています', done, total }) });
        inspected = null;
        post({ id, type: 'merged', summary });
      }
    } catch (err) {
      post({ id, type: 'failed', ...failure(err, request.type) });
    }
  };
}

// Installed only when running as a worker: importing this module on the page (or in a test) does nothing.
if (inWorker()) {
  const page = pageChannel<BackupRequest, BackupResponse>();
  const handle = backupHandler(() => new HinanDatabase());
  page.listen((request) => void handle(request, (m) => page.post(m)));
}
