/**
 * `hinan backup-info FILE`: the header of a `.hinan` backup or hand-over file — what a city clerk
 * can learn about a file without its passphrase (docs/backup-format.md). Also the file opening
 * shared with `backup-verify`.
 */
import { openAsBlob, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { japanDateLabel, japanDateTimeLabel } from '../core/japanDate';
import { errorCode, errorMessage } from '../core/thrown';
import { isIsoDate } from '../core/validation';
import { CURRENT_SCHEMA_VERSION } from '../io/backup/storeVersions';
import { BackupError } from '../io/backup/backupError';
import { readHeader, type ContainerHeader } from '../io/backup/container';
import { clipValue } from '../io/quote';
import { InputError, type CliIo, type Command } from './cliIo';
import { UsageError } from './options';

export const BACKUP_INFO_USAGE = `hinan backup-info ファイル.hinan
  バックアップ・受け渡しファイルの見出し（パスフレーズなしで読める部分）を標準出力に出します:
  種類、ファイル形式の版、データ（スキーマ）の版、作ったアプリの版、作成日時（日本時間）、作業者名、
  鍵の作り方（Argon2id の設定）、ファイルの大きさ、受け渡しファイルなら有効期限。
  個人の情報は見出しにありません。中身が壊れていないか・正しいかは hinan backup-verify で確かめます。`;

/** A `.hinan` file as a Blob read piece by piece (never whole into memory), relative to `io.cwd`. */
export async function openBackupFile(path: string, io: CliIo): Promise<{ name: string; blob: Blob }> {
  const full = resolve(io.cwd, path);
  try {
    if (!statSync(full).isFile()) throw new InputError([`${path}: フォルダーです。ファイルを指定してください。`]);
    return { name: basename(path), blob: await openAsBlob(full) };
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = errorCode(err);
    throw new InputError([`${path}: ${code === 'ENOENT' ? 'ファイルが見つかりません。' : `読めません（${code ?? errorMessage(err)}）。`}`]);
  }
}

/** Runs `body`; a BackupError (or anything unforeseen) becomes a Japanese InputError naming the file — never a stack trace. */
export async function reportingBackupErrors<T>(name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof InputError || err instanceof UsageError) throw err;
    if (err instanceof BackupError) throw new InputError([`${name}: ${err.message}`]);
    throw new InputError([`${name}: 読み取りの途中で止まりました（${clipValue(errorMessage(err))}）。ファイルを別の場所にコピーし直してから、もう一度試してください。`]);
  }
}

export const KIND_LABELS: Record<ContainerHeader['kind'], string> = { backup: 'バックアップ', handover: '受け渡しファイル' };

/** 「2025年4月1日 09:30（日本時間）」, or the raw text quoted when it is not a time. */
function timeLabel(iso: unknown): string {
  return typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? `${japanDateTimeLabel(iso)}（日本時間）` : `読めません（「${clipValue(iso)}」）`;
}

/** How a file's schema version relates to this app's. */
export function schemaLabel(version: unknown): string {
  const n = Number(version);
  if (!Number.isInteger(n) || n < 1) return `読めません（「${clipValue(version)}」）`;
  if (n > CURRENT_SCHEMA_VERSION) return `${n}（この版のアプリは ${CURRENT_SCHEMA_VERSION}。新しい版のアプリで作られたため、この版では復元できません）`;
  if (n < CURRENT_SCHEMA_VERSION) return `${n}（この版のアプリは ${CURRENT_SCHEMA_VERSION}。復元するときに今の形に直します）`;
  return `${n}（この版のアプリと同じ）`;
}

/** The header as labelled lines (Japanese); text from the file is clipped, since the header is not yet verified. */
export function headerLines(header: ContainerHeader, name: string, size: number): string[] {
  const kdf = header.kdf;
  const lines = [
    `ファイル: ${name}（${size.toLocaleString('ja-JP')} バイト）`,
    `種類: ${KIND_LABELS[header.kind]}`,
    `ファイル形式: ${header.format} 第${header.formatVersion}版（${clipValue(header.compression)} で圧縮、${clipValue(header.cipher?.name)} で暗号化）`,
    `データの版（スキーマ）: ${schemaLabel(header.schemaVersion)}`,
    `作ったアプリの版: ${clipValue(header.appVersion)}`,
    `作成日時: ${timeLabel(header.createdAt)}`,
    `作業者名: ${clipValue(header.operator) || '（なし）'}`,
    `鍵の作り方: ${clipValue(kdf?.name)}（メモリ ${Number(kdf?.memoryKiB) / 1024} MiB、${clipValue(kdf?.iterations)}回、並列度 ${clipValue(kdf?.parallelism)}）`,
  ];
  if (header.kind === 'handover') {
    const expires = header.expiresOn;
    lines.push(`有効期限: ${isIsoDate(expires) ? `${japanDateLabel(`${expires}T00:00:00+09:00`)}まで（受け取った端末はこの日を過ぎると消します）` : `読めません（「${clipValue(expires)}」）`}`);
  }
  return lines;
}

/** Runs `hinan backup-info` with the words after the command name. */
export async function runBackupInfo(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('--')) throw new UsageError('backup-info には1つのファイルを指定してください。');
  const { name, blob } = await openBackupFile(args[0], io);
  const { header } = await reportingBackupErrors(name, () => readHeader(blob));
  io.stdout(headerLines(header, name, blob.size).join('\n'));
  io.stderr('見出しはパスフレーズなしで読める部分です（書き換えられていないかはまだ確かめていません）。中身は hinan backup-verify で確かめてください。');
  return 0;
}

/** `hinan backup-info`. */
export const BACKUP_INFO_COMMAND: Command = { usage: BACKUP_INFO_USAGE, run: runBackupInfo };
