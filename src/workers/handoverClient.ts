import type { HandoverRecipient } from '../core/handoverSelection';
import type { Person } from '../core/person';
import { OperatorMissingError } from '../db/disclosures';
import type { ReceivedFile } from '../db/received';
import { BackupError } from '../io/backup/backupError';
import type { HandoverRequest, HandoverResponse } from './handoverProtocol';
import type { WithoutId } from './requestId';

/**
 * 受け渡しファイル work off the main thread (src/workers/handoverWorker.ts), one worker per call,
 * with progress `(done, total)`. Errors come back as `BackupError`, `OperatorMissingError` or
 * `Error`, each with its Japanese message.
 */

function call(request: WithoutId<HandoverRequest>, onProgress: (done: number, total: number) => void): Promise<HandoverResponse> {
  const worker = new Worker(new URL('./handoverWorker.ts', import.meta.url), { type: 'module' });
  return new Promise<HandoverResponse>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<HandoverResponse>) => {
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.done, m.total);
      worker.terminate();
      if (m.type !== 'failed') resolve(m);
      else if (m.code === 'operator-missing') reject(new OperatorMissingError());
      else if (m.code === 'failed') reject(new Error(m.message));
      else reject(new BackupError(m.code, m.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`受け渡しファイルの処理が止まりました（${e.message}）。`));
    };
    worker.postMessage({ ...request, id: 1 } satisfies HandoverRequest);
  });
}

/** Makes the file for `recipient` (and its 'handover' 提供記録 entry); the page's clock dates it. */
export async function createHandover(
  options: { recipient: HandoverRecipient; passphrase: string; expiresOn: string },
  onProgress: (done: number, total: number) => void,
): Promise<{ blob: Blob; fileName: string; label: string; people: Person[] }> {
  const m = await call({ type: 'write', ...options, now: Date.now() }, onProgress);
  if (m.type !== 'written') throw new Error(`予期しない応答です（${m.type}）。`);
  return m;
}

/** Opens a received file into its own database; the page's clock decides whether it has expired. */
export async function openHandover(file: File, passphrase: string, onProgress: (done: number, total: number) => void): Promise<ReceivedFile> {
  const m = await call({ type: 'receive', file, fileName: file.name, passphrase, now: Date.now() }, onProgress);
  if (m.type !== 'received') throw new Error(`予期しない応答です（${m.type}）。`);
  return m.file;
}
