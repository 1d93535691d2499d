import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { isRecord } from '../../core/jsonShape';
import { BackupError } from './backupError';
import { deriveKey, fromBase64, newKdfParams, toBase64, type KdfParams } from './keyDerivation';

/**
 * The `.hinan` container: a plain JSON header, then AES-256-GCM encrypted, deflate-compressed
 * segments (docs/backup-format.md). Used for backups and for hand-over files.
 *
 *   file    = MAGIC (8 bytes) · u32be headerLength · header (UTF-8 JSON) · SHA-256(header) (32 bytes) · segment*
 *   segment = u32be length · ciphertext (length bytes, the last 16 the GCM tag)
 *
 * Segment i (from 0) is encrypted with nonce = noncePrefix (7 bytes) · u32be i · flag (1 on the last
 * segment, else 0) and the header bytes as additional data, so a flipped byte, a changed header,
 * reordered or dropped segments, and a cut-off file are all detected. Its plaintext is raw deflate of
 * the UTF-8 JSON of one `Section`; the last segment holds the `Manifest` (rows per table). The
 * header's digest tells a damaged header (salt, nonce, key check) from a wrong passphrase.
 */

export const MAGIC = 'HINANBAK';
/** The container format this code writes and the newest it reads. */
export const FORMAT_VERSION = 1;
export type ContainerKind = 'backup' | 'handover';

/** The header: readable without the passphrase, so it holds no personal data. */
export interface ContainerHeader {
  format: 'hinan';
  kind: ContainerKind;
  formatVersion: number;
  /** The IndexedDB schema version the records were read from (`SCHEMA_VERSIONS`). */
  schemaVersion: number;
  appVersion: string;
  /** ISO 8601 (UTC) time the file was made. */
  createdAt: string;
  /** 作業者名 of the device that made it. */
  operator: string;
  kdf: KdfParams;
  cipher: {
    name: 'AES-256-GCM';
    /** 7 random bytes, base64: the first part of every segment's nonce. */
    noncePrefix: string;
    /** The encryption of `KEY_CHECK_TEXT` (nonce: prefix · FFFFFFFF · 02), base64: tells a wrong passphrase from a damaged file. */
    keyCheck: string;
  };
  compression: 'deflate-raw';
  /** Hand-over files only: the last day (YYYY-MM-DD, Japan) the recipient's app keeps it. */
  expiresOn?: string;
}

/** One table's rows (a table may span several sections). */
export interface Section {
  table: string;
  rows: unknown[];
}

/** The last segment: how many rows each table has, so a reader can check it got them all. */
export interface Manifest {
  end: true;
  counts: Record<string, number>;
}

/** A decoded segment that has the manifest's shape (`end: true` and an object of numbers; the counts are compared with the rows read by the reader). */
function isManifest(v: unknown): v is Manifest {
  return isRecord(v) && v.end === true && isRecord(v.counts) && Object.values(v.counts).every((n) => typeof n === 'number');
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

/** Every field of a `ContainerHeader`: its name, what a message calls it, and its test. */
const HEADER_FIELDS: readonly [field: string, label: string, ok: (v: unknown) => boolean][] = [
  ['format', '形式', (v) => v === 'hinan'],
  ['kind', '種類', (v) => v === 'backup' || v === 'handover'],
  ['formatVersion', 'ファイル形式の版', (v) => v === FORMAT_VERSION],
  ['schemaVersion', 'データの版', (v) => isNumber(v) && Number.isInteger(v) && v >= 1],
  ['appVersion', 'アプリの版', isText],
  ['createdAt', '作成日時', isText],
  ['operator', '作業者名', isText],
  ['kdf', '鍵の作り方', (v) => isRecord(v) && v.name === 'argon2id' && isNumber(v.memoryKiB) && isNumber(v.iterations) && isNumber(v.parallelism) && isText(v.salt)],
  ['cipher', '暗号の設定', (v) => isRecord(v) && v.name === 'AES-256-GCM' && isText(v.noncePrefix) && isText(v.keyCheck)],
  ['compression', '圧縮の方式', (v) => v === 'deflate-raw'],
  ['expiresOn', '有効期限', (v) => v === undefined || isText(v)],
];

/** What a message calls the first field of `header` that is not as a `ContainerHeader` has it, or undefined when every one is. */
function badHeaderField(header: Record<string, unknown>): string | undefined {
  return HEADER_FIELDS.find(([field, , ok]) => !ok(header[field]))?.[1];
}

/** A parsed header with every field of a `ContainerHeader` (the key-derivation bounds are `deriveKey`'s). */
function isContainerHeader(v: unknown): v is ContainerHeader {
  return isRecord(v) && badHeaderField(v) === undefined;
}

/** A decoded segment that has a section's shape (a table name and an array of rows; the rows are checked by the reader). */
function isSection(v: unknown): v is Section {
  return typeof v === 'object' && v !== null && 'table' in v && typeof v.table === 'string' && 'rows' in v && Array.isArray(v.rows);
}

export interface ContainerOptions {
  kind: ContainerKind;
  schemaVersion: number;
  appVersion: string;
  operator: string;
  passphrase: string;
  createdAt?: Date;
  expiresOn?: string;
  /** Lower Argon2id cost (tests and benchmarks only); the app always uses the defaults. */
  kdf?: Partial<Omit<KdfParams, 'name' | 'salt'>>;
}

const KEY_CHECK_TEXT = 'hinan-key-check';
const encoder = new TextEncoder();

/** Compresses one section (synchronous, so it can run inside an IndexedDB read transaction). */
export function packSection(table: string, rows: unknown[]): Uint8Array<ArrayBuffer> {
  return deflateSync(strToU8(JSON.stringify({ table, rows } satisfies Section)), { level: 6 });
}

function nonce(prefix: Uint8Array, index: number, flag: number): Uint8Array<ArrayBuffer> {
  const n = new Uint8Array(12);
  n.set(prefix, 0);
  new DataView(n.buffer).setUint32(7, index);
  n[11] = flag;
  return n;
}

function u32(value: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, value);
  return b;
}

/**
 * Encrypts packed sections into the parts of one file (join them with `new Blob(parts)`).
 * `counts` are the rows per table the sections hold; `onProgress(done, total)` counts segments.
 */
export async function sealContainer(
  options: ContainerOptions,
  packed: readonly Uint8Array<ArrayBuffer>[],
  counts: Record<string, number>,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array<ArrayBuffer>[]> {
  const kdf = newKdfParams(options.kdf);
  const key = await deriveKey(options.passphrase, kdf);
  const prefix = crypto.getRandomValues(new Uint8Array(7));
  const keyCheck = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce(prefix, 0xffffffff, 2) }, key, encoder.encode(KEY_CHECK_TEXT)));
  const header: ContainerHeader = {
    format: 'hinan',
    kind: options.kind,
    formatVersion: FORMAT_VERSION,
    schemaVersion: options.schemaVersion,
    appVersion: options.appVersion,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    operator: options.operator,
    kdf,
    cipher: { name: 'AES-256-GCM', noncePrefix: toBase64(prefix), keyCheck: toBase64(keyCheck) },
    compression: 'deflate-raw',
    ...(options.expiresOn ? { expiresOn: options.expiresOn } : {}),
  };
  const headerBytes = encoder.encode(JSON.stringify(header));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', headerBytes));
  const parts: Uint8Array<ArrayBuffer>[] = [encoder.encode(MAGIC), u32(headerBytes.length), headerBytes, digest];
  const manifest = deflateSync(strToU8(JSON.stringify({ end: true, counts } satisfies Manifest)));
  const segments = [...packed, manifest];
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce(prefix, i, last ? 1 : 0), additionalData: headerBytes }, key, segments[i]));
    parts.push(u32(sealed.length), sealed);
    onProgress?.(i + 1, segments.length);
  }
  return parts;
}

/** Random access to the bytes of a file: a `Blob` (browser, `fs.openAsBlob`) or bytes in memory. */
export type ByteSource = Blob | Uint8Array;

async function readBytes(source: ByteSource, offset: number, length: number): Promise<Uint8Array<ArrayBuffer>> {
  if (source instanceof Uint8Array) return source.slice(offset, offset + length);
  return new Uint8Array(await source.slice(offset, offset + length).arrayBuffer());
}

function sizeOf(source: ByteSource): number {
  return source instanceof Uint8Array ? source.length : source.size;
}

/** Bytes of the header's SHA-256 digest that follows it. */
const DIGEST_BYTES = 32;
const NOT_BACKUP = 'このファイルは避難支援プランナーのバックアップ・受け渡しファイル（.hinan）ではありません。';
const TRUNCATED_HEADER = 'ファイルが途中で切れています（先頭の情報も最後までありません）。コピーが最後まで終わったファイルを使ってください。';

/** The header and where the segments start. Throws `BackupError` for a file that is not ours or is newer. */
export async function readHeader(source: ByteSource): Promise<{ header: ContainerHeader; headerBytes: Uint8Array<ArrayBuffer>; dataOffset: number }> {
  const size = sizeOf(source);
  const start = await readBytes(source, 0, 12);
  if (start.length < 8 || new TextDecoder().decode(start.subarray(0, 8)) !== MAGIC) throw new BackupError('not-backup', NOT_BACKUP);
  // Our mark is there: a file that ends before its header does is a copy that stopped early.
  if (start.length < 12) throw new BackupError('truncated', TRUNCATED_HEADER);
  const headerLength = new DataView(start.buffer).getUint32(8);
  if (headerLength > 64 * 1024) throw new BackupError('damaged', 'ファイルの先頭が壊れています。');
  if (12 + headerLength + DIGEST_BYTES > size) throw new BackupError('truncated', TRUNCATED_HEADER);
  const headerBytes = await readBytes(source, 12, headerLength);
  const digest = await readBytes(source, 12 + headerLength, DIGEST_BYTES);
  const expected = new Uint8Array(await crypto.subtle.digest('SHA-256', headerBytes));
  const intact = expected.every((b, i) => b === digest[i]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw new BackupError('damaged', 'ファイルの先頭が壊れています。');
  }
  const claimed = isRecord(parsed) ? parsed : {};
  // The version is read before the digest is checked: a newer layout may place or compute it differently.
  if (claimed.format === 'hinan' && isNumber(claimed.formatVersion) && Number.isInteger(claimed.formatVersion) && claimed.formatVersion > FORMAT_VERSION) {
    throw new BackupError('newer', `このファイルは新しい版のアプリ（${String(claimed.appVersion).slice(0, 20)}、ファイル形式 ${String(claimed.formatVersion).slice(0, 10)}）で作られたため、この版では開けません。アプリを新しくしてから開いてください。`);
  }
  if (!intact) throw new BackupError('damaged', 'ファイルの先頭が壊れています（先頭の確認値が合いません）。別のコピーを使ってください。');
  if (claimed.format !== 'hinan' || (claimed.kind !== 'backup' && claimed.kind !== 'handover') || claimed.formatVersion !== FORMAT_VERSION) throw new BackupError('not-backup', NOT_BACKUP);
  if (!isContainerHeader(parsed)) {
    throw new BackupError('damaged', `ファイルの先頭が壊れています（${badHeaderField(claimed) ?? '先頭の情報'}が読めません）。別のコピーを使ってください。`);
  }
  return { header: parsed, headerBytes, dataOffset: 12 + headerLength + DIGEST_BYTES };
}

/**
 * Decrypts a container and yields its sections in file order, then checks the manifest: every
 * table's row count must match. Throws `BackupError` (wrong passphrase, damaged, truncated) —
 * callers must write nothing until the generator has finished.
 * `onProgress(bytesRead, totalBytes)`.
 */
export async function* openContainer(source: ByteSource, passphrase: string, onProgress?: (done: number, total: number) => void): AsyncGenerator<Section, { header: ContainerHeader; counts: Record<string, number> }> {
  const { header, headerBytes, dataOffset } = await readHeader(source);
  const key = await deriveKey(passphrase, header.kdf);
  const prefix = fromBase64(header.cipher.noncePrefix);
  if (prefix.length !== 7) throw new BackupError('damaged', 'ファイルの先頭が壊れています。');
  try {
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce(prefix, 0xffffffff, 2) }, key, fromBase64(header.cipher.keyCheck));
  } catch {
    throw new BackupError('wrong-passphrase', 'パスフレーズが違います。ファイルを作ったときのパスフレーズを確かめてください（区切りの「-」や空白、全角と半角の違いは問いません）。忘れたパスフレーズを取り戻す方法はありません。');
  }
  const size = sizeOf(source);
  const counted: Record<string, number> = {};
  let offset = dataOffset;
  for (let i = 0; ; i++) {
    if (offset + 4 > size) throw new BackupError('truncated', `ファイルが途中で切れています（${i + 1}番目のかたまりがありません）。コピーが最後まで終わったファイルを使ってください。`);
    const length = new DataView((await readBytes(source, offset, 4)).buffer).getUint32(0);
    if (length < 16 || offset + 4 + length > size) throw new BackupError('truncated', `ファイルが途中で切れています（${i + 1}番目のかたまりが欠けています）。コピーが最後まで終わったファイルを使ってください。`);
    const sealed = await readBytes(source, offset + 4, length);
    offset += 4 + length;
    let plain: Uint8Array;
    let last = false;
    try {
      plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce(prefix, i, 0), additionalData: headerBytes }, key, sealed));
    } catch {
      try {
        plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce(prefix, i, 1), additionalData: headerBytes }, key, sealed));
        last = true;
      } catch {
        throw new BackupError('damaged', `ファイルが壊れています（${i + 1}番目のかたまりが書き換わっているか、順番が入れ替わっています）。別のコピーを使ってください。`);
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(strFromU8(inflateSync(plain)));
    } catch {
      throw new BackupError('damaged', `ファイルが壊れています（${i + 1}番目のかたまりを展開できません）。`);
    }
    onProgress?.(offset, size);
    if (last) {
      if (!isManifest(value)) throw new BackupError('damaged', 'ファイルの最後（件数の記録）が壊れています。');
      const manifest = value;
      if (offset !== size) throw new BackupError('damaged', 'ファイルの最後に余分なデータが付いています。別のコピーを使ってください。');
      for (const table of new Set([...Object.keys(manifest.counts), ...Object.keys(counted)])) {
        if ((manifest.counts[table] ?? 0) !== (counted[table] ?? 0)) {
          throw new BackupError('damaged', `ファイルの件数が合いません（${table}: 記録 ${manifest.counts[table] ?? 0}件、実際 ${counted[table] ?? 0}件）。`);
        }
      }
      return { header, counts: manifest.counts };
    }
    if (!isSection(value)) throw new BackupError('damaged', `ファイルが壊れています（${i + 1}番目のかたまりの形が違います）。`);
    const section = value;
    counted[section.table] = (counted[section.table] ?? 0) + section.rows.length;
    yield section;
  }
}
