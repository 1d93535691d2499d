/**
 * `hinan backup-verify FILE --passphrase-file F`: decrypts a `.hinan` file piece by piece from disk,
 * checks every chunk (order, completeness, row counts) and every record with the validators the
 * app's imports and saves use (src/io/backup/recordValidators.ts), and prints the rows per table.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorCode, errorMessage } from '../core/thrown';
import { upgradePlanV1, type PlanV1 } from '../core/planUpgrade';
import { CURRENT_SCHEMA_VERSION, tablesAt } from '../io/backup/storeVersions';
import { BackupError } from '../io/backup/backupError';
import { openContainer, readHeader, type ContainerHeader, type Section } from '../io/backup/container';
import { BACKUP_TABLES, BackupRecordCheck, formatRecordError, tableLabel } from '../io/backup/recordValidators';
import { KIND_LABELS, openBackupFile, reportingBackupErrors } from './backupInfo';
import { InputError, type CliIo, type Command } from './cliIo';
import { parseOptions, requiredText, UsageError } from './options';

/** Record problems printed before 「ほかN件」. */
const SHOWN_ERRORS = 10;

export const BACKUP_VERIFY_USAGE = `hinan backup-verify ファイル.hinan --passphrase-file パスフレーズ.txt
  バックアップ・受け渡しファイルをパスフレーズで開き、すべてのかたまりが欠けず・入れ替わらず・書き換えられて
  いないこと、すべての記録がアプリの取り込み・保存と同じ決まりに合うことを確かめ、表ごとの件数を標準出力に出します。
  --passphrase-file  パスフレーズを1行目に書いたファイル（コマンドの履歴にパスフレーズを残さないため）。
  問題がなければ終了コード0。パスフレーズの誤り、壊れた・途中で切れたファイル、新しい版のアプリのファイル、
  誤った記録があれば、理由（誤った記録は最初の${SHOWN_ERRORS}件）を標準エラーに出して終了コード1です。`;

/** The passphrase: the first line of the file (a BOM and the line break removed). */
function readPassphrase(path: string, io: CliIo): string {
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    const code = errorCode(err);
    throw new InputError([`${path}: ${code === 'ENOENT' ? 'パスフレーズのファイルが見つかりません。' : `パスフレーズのファイルを読めません（${code ?? errorMessage(err)}）。`}`]);
  }
  const passphrase = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0].trim();
  if (!passphrase) throw new InputError([`${path}: パスフレーズのファイルの1行目が空です。`]);
  return passphrase;
}

/**
 * A section in the current schema's shape, when that can be done without IndexedDB: schema 1's
 * plans (PlanV1) through the same `upgradePlanV1` the schema-2 upgrade runs. Other tables are the
 * same in every schema version that has them.
 */
function currentShape(section: Section, schemaVersion: number, now: string): Section {
  if (schemaVersion >= 2 || section.table !== 'plans') return section;
  return { table: 'plans', rows: section.rows.map((p) => upgradedOrAsIs(p, now)) };
}

/** A schema-1 plan upgraded, or the row unchanged when it is too broken to upgrade (the plan validator then names what is wrong). */
function upgradedOrAsIs(row: unknown, now: string): unknown {
  try {
    return row && typeof row === 'object' ? upgradePlanV1(row as PlanV1, now) : row;
  } catch {
    return row;
  }
}

/**
 * Decrypts and checks the whole file, section by section as it is read (only one section in
 * memory); returns the header, the manifest's rows per table and the record check.
 */
async function verifyFile(blob: Blob, passphrase: string): Promise<{ header: ContainerHeader; counts: Record<string, number>; records: BackupRecordCheck }> {
  const { header } = await readHeader(blob);
  if (!Number.isInteger(header.schemaVersion) || header.schemaVersion < 1) throw new BackupError('damaged', 'ファイルの先頭（データの版）が壊れています。');
  if (header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupError('newer', `このファイルは新しい版のアプリ（データの版 ${header.schemaVersion}、この版のアプリは ${CURRENT_SCHEMA_VERSION}）で作られたため、この版では確かめられません。アプリを新しくしてください。`);
  }
  const records = new BackupRecordCheck(header.kind);
  const known = new Set(tablesAt(header.schemaVersion));
  const now = new Date().toISOString();
  const sections = openContainer(blob, passphrase);
  for (;;) {
    const next = await sections.next();
    if (next.done) return { header, counts: next.value.counts, records };
    const { table } = next.value;
    if (header.schemaVersion < CURRENT_SCHEMA_VERSION && Object.hasOwn(BACKUP_TABLES, table) && !known.has(table)) {
      throw new BackupError('invalid-records', `データの版 ${header.schemaVersion} のファイルに、その版にない表「${tableLabel(table)}（${table}）」があります。`);
    }
    records.add(currentShape(next.value, header.schemaVersion, now));
  }
}

/** Runs `hinan backup-verify` with the words after the command name. */
export async function runBackupVerify(args: readonly string[], io: CliIo): Promise<number> {
  const [path, ...rest] = args;
  if (!path || path.startsWith('--')) throw new UsageError('backup-verify には1つのファイルを指定してください。');
  const o = parseOptions(rest, { 'passphrase-file': { type: 'value', required: true } });
  const passphrase = readPassphrase(requiredText(o, 'passphrase-file'), io);
  const { name, blob } = await openBackupFile(path, io);
  return reportingBackupErrors(name, async () => {
    const { header, counts, records } = await verifyFile(blob, passphrase);
    if (records.errorCount > 0) {
      const lines = records.errors.slice(0, SHOWN_ERRORS).map((e) => `${name}: ${formatRecordError(e)}`);
      if (records.errorCount > SHOWN_ERRORS) lines.push(`ほか${records.errorCount - SHOWN_ERRORS}件の問題があります。`);
      lines.push(`${name}: 記録に${records.errorCount}件の問題があります。このファイルからは復元できません。`);
      throw new InputError(lines);
    }
    const tables = Object.keys(counts);
    const width = Math.max(...tables.map((t) => `${tableLabel(t)}（${t}）`.length), 0);
    const total = tables.reduce((sum, t) => sum + counts[t], 0);
    io.stdout([...tables.map((t) => `${`${tableLabel(t)}（${t}）`.padEnd(width)}  ${counts[t].toLocaleString('ja-JP')}件`), `合計  ${total.toLocaleString('ja-JP')}件`].join('\n'));
    io.stderr(`${name}: ${KIND_LABELS[header.kind]}を確かめました。パスフレーズは正しく、欠け・入れ替わり・書き換えはなく、すべての記録が正しい形です。`);
    if (header.schemaVersion < CURRENT_SCHEMA_VERSION) {
      io.stderr(`古い版（スキーマ ${header.schemaVersion}）のファイルです。${header.schemaVersion < 2 ? '計画は今の形に直してから確かめました。' : ''}${header.schemaVersion < 2 ? 'ほかの' : ''}表はファイルのままの形で確かめました（復元のときに今の形 ${CURRENT_SCHEMA_VERSION} に直します）。`);
    }
    return 0;
  });
}

/** `hinan backup-verify`. */
export const BACKUP_VERIFY_COMMAND: Command = { usage: BACKUP_VERIFY_USAGE, run: runBackupVerify };
