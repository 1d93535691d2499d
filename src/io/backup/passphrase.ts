import { BackupError } from './backupError';

/** Digits in a generated passphrase: 25 decimal digits = 83 bits. */
export const GENERATED_DIGITS = 25;
/** Shortest passphrase a user may choose (characters after normalisation). */
export const MIN_PASSPHRASE_LENGTH = 10;

/**
 * A random passphrase that is easy to read aloud and to type on any keyboard or phone:
 * 25 digits in five groups of five (「48213-09921-…」), 83 bits from `crypto.getRandomValues`.
 */
export function generatePassphrase(): string {
  const digits: number[] = [];
  const buffer = new Uint8Array(64);
  while (digits.length < GENERATED_DIGITS) {
    crypto.getRandomValues(buffer);
    // Rejection sampling: bytes 250–255 would make 0–5 more likely than 6–9.
    for (const b of buffer) if (b < 250 && digits.length < GENERATED_DIGITS) digits.push(b % 10);
  }
  const text = digits.join('');
  return text.match(/.{5}/g)!.join('-');
}

/**
 * The passphrase as it is turned into a key: NFKC (full-width digits and letters become
 * half-width), without spaces and hyphens, so 「４８２１３ ０９９２１」 and 「48213-09921」 are the same.
 */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFKC').replace(/[\s\-‐‑‒–—―ー−]/g, '');
}

/** Throws a Japanese message when a passphrase the user chose is too short to protect personal data. */
export function checkPassphraseStrength(passphrase: string): void {
  const length = [...normalizePassphrase(passphrase)].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError('weak-passphrase', `パスフレーズが短すぎます（${length}文字）。${MIN_PASSPHRASE_LENGTH}文字以上にするか、「パスフレーズを作る」で作ったものを使ってください。`);
  }
}
