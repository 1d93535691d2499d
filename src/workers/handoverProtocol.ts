import type { HandoverRecipient } from '../core/handoverSelection';
import type { Person } from '../core/person';
import type { ReceivedFile } from '../db/received';
import type { BackupErrorCode } from '../io/backup/backupError';

/**
 * Messages between the page and src/workers/handoverWorker.ts. Argon2id runs as WebAssembly,
 * which the page's Content-Security-Policy does not allow on the main thread. `now` (ms since
 * the epoch) is the page's clock: the page decides what "today" is.
 */
export type HandoverRequest =
  | { id: number; type: 'write'; recipient: HandoverRecipient; passphrase: string; expiresOn: string; now: number }
  | { id: number; type: 'receive'; file: Blob; fileName: string; passphrase: string; now: number };

export type HandoverFailureCode = BackupErrorCode | 'operator-missing' | 'failed';

export type HandoverResponse =
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'written'; blob: Blob; fileName: string; label: string; people: Person[] }
  | { id: number; type: 'received'; file: ReceivedFile }
  | { id: number; type: 'failed'; code: HandoverFailureCode; message: string };
