import { argon2id } from 'hash-wasm';
import { BackupError } from './backupError';
import { normalizePassphrase } from './passphrase';

/** Argon2id parameters, stored in the file header. `memoryKiB` in KiB (1024 bytes). */
export interface KdfParams {
  name: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** Random salt, base64 (16 bytes). */
  salt: string;
}

/** What the app writes: 64 MiB, 3 passes (RFC 9106's second recommended option). */
export const DEFAULT_KDF = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
/** Bounds a reader accepts, so a crafted header cannot make it allocate gigabytes or loop for hours. */
const MAX_MEMORY_KIB = 1024 * 1024;
const MAX_ITERATIONS = 64;

export function newKdfParams(options: Partial<Omit<KdfParams, 'name' | 'salt'>> = {}): KdfParams {
  return { name: 'argon2id', ...DEFAULT_KDF, ...options, salt: toBase64(crypto.getRandomValues(new Uint8Array(16))) };
}

/**
 * A Web Crypto key (the DOM's `CryptoKey`), named through `crypto.subtle` so that io/ compiles
 * without the DOM library (tsconfig.core.json).
 */
export type BackupKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** The AES-256-GCM key for a passphrase and the header's KDF parameters. */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<BackupKey> {
  const ok =
    params?.name === 'argon2id' &&
    Number.isInteger(params.memoryKiB) && params.memoryKiB >= 8 && params.memoryKiB <= MAX_MEMORY_KIB &&
    Number.isInteger(params.iterations) && params.iterations >= 1 && params.iterations <= MAX_ITERATIONS &&
    Number.isInteger(params.parallelism) && params.parallelism >= 1 && params.parallelism <= 16 &&
    params.memoryKiB >= 8 * params.parallelism && // Argon2's own minimum (RFC 9106 §3.1)
    typeof params.salt === 'string';
  const salt = ok ? fromBase64(params.salt) : null;
  // RFC 9106 §3.1: at least 8 bytes of salt; the app writes 16.
  if (!salt || salt.length < 8 || salt.length > 64) throw new BackupError('damaged', 'ファイルの先頭（鍵の作り方）が壊れています。');
  const raw = await argon2id({
    password: normalizePassphrase(passphrase),
    salt,
    iterations: params.iterations,
    parallelism: params.parallelism,
    memorySize: params.memoryKiB,
    hashLength: 32,
    outputType: 'binary',
  });
  return crypto.subtle.importKey('raw', new Uint8Array(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new BackupError('damaged', 'ファイルの先頭が壊れています。');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
