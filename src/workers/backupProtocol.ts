import type { BackupErrorCode } from '../io/backup/backupError';
import type { ContainerHeader } from '../io/backup/container';
import type { MergeSummary } from '../db/mergeBackup';
import type { RestoreResult } from '../db/backupFile';

/**
 * Messages between the page and the backup worker (src/workers/backupWorker.ts). The worker keeps
 * at most one inspected backup (decoded and checked) until it is restored or merged; the page discards
 * it by ending the worker.
 */
export type BackupRequest =
  | { id: number; type: 'backup'; passphrase: string; settings: Record<string, string> }
  | { id: number; type: 'inspect'; file: Blob; fileName: string | null; passphrase: string }
  | { id: number; type: 'restore' }
  | { id: number; type: 'merge' };

/** How an error crosses to the page: a `BackupError` code, `operator-missing` (作業者名 not set) or `failed` (anything else). */
export type BackupFailureCode = BackupErrorCode | 'operator-missing' | 'failed';

export type BackupResponse =
  | { id: number; type: 'progress'; stage: string; done: number; total: number }
  | { id: number; type: 'backup-done'; blob: Blob; fileName: string; counts: Record<string, number> }
  | { id: number; type: 'inspected'; header: ContainerHeader; counts: Record<string, number> }
  | { id: number; type: 'restored'; counts: Record<string, number>; settings: Record<string, string>; kept: RestoreResult }
  | { id: number; type: 'merged'; summary: MergeSummary }
  | { id: number; type: 'failed'; code: BackupFailureCode; message: string };
