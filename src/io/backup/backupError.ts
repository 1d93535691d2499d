/** Why a backup or hand-over file could not be written or read. */
export type BackupErrorCode =
  | 'not-backup'
  | 'wrong-kind'
  | 'newer'
  | 'wrong-passphrase'
  | 'damaged'
  | 'truncated'
  | 'invalid-records'
  | 'weak-passphrase'
  | 'expired';

/** An error with a Japanese message fit to show as it is (no stack trace, no English). */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}
