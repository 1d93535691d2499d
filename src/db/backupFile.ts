import Dexie from 'dexie';
import type { Consent } from '../core/consent';
import type { Plan } from '../core/plan';
import { japanDateTimeLabel, japanToday } from '../core/japanDate';
import { keepsStoredConsent } from '../core/restoreConsent';
import { errorMessage } from '../core/thrown';
import { APP_VERSION } from '../io/appVersion';
import { BackupError } from '../io/backup/backupError';
import { openContainer, packSection, readHeader, sealContainer, type ByteSource, type ContainerHeader, type ContainerOptions } from '../io/backup/container';
import { BackupRecordCheck, formatRecordError } from '../io/backup/recordValidators';
import { clipValue, quoteValue } from '../io/quote';
import { stagingDatabaseName } from './backupStaging';
import { fromJsonValue, packTables, putRows, readAllTables } from './backupTables';
import { tablesAt } from '../io/backup/storeVersions';
import { OperatorMissingError, prepareDisclosure, recordDisclosure, type Disclosure } from './disclosures';
import { DEVICE_LOCAL_META_KEYS, getOperator } from './operator';
import { isRecord } from './plainValue';
import { CURRENT_SCHEMA_VERSION, HinanDatabase, SCHEMA_VERSIONS, type MetaEntry, type StoreRows } from './schema';

/**
 * バックアップ (issue 10, parts 1–2): the whole store in one encrypted `.hinan` file, and back.
 * Writing reads every table in one read transaction; reading checks and upgrades everything in
 * memory (and in a temporary staging database for an older schema) before `restoreBackup` replaces
 * the store in one read-write transaction.
 */

/** A backup file read and checked: tables in the CURRENT schema's shape, every record valid. */
export interface DecodedBackup {
  header: ContainerHeader;
  /** Rows per table name (every table of the current schema, empty when the file had none). */
  tables: StoreRows;
  /** Rows per table, as `tables` holds them (after any schema upgrade). */
  counts: Record<string, number>;
  /** The UI's saved settings (localStorage key → value) the file carried; {} when none. */
  settings: Record<string, string>;
}

/** Where a long operation is: a stage in words, and done of total (rows, segments or bytes). */
export interface BackupProgress {
  stage: string;
  done: number;
  total: number;
}
export type OnBackupProgress = (progress: BackupProgress) => void;

/** The section holding the UI's settings (not a table of the store). */
const LOCAL_SETTINGS_SECTION = 'localSettings';

/** 避難支援_バックアップ_20260401.hinan, dated in Japan time. */
export function backupFileName(at: Date): string {
  return `避難支援_バックアップ_${japanToday(at).replaceAll('-', '')}.hinan`;
}

const isDeviceLocal = (table: string, row: unknown) => table === 'meta' && isRecord(row) && typeof row.key === 'string' && DEVICE_LOCAL_META_KEYS.includes(row.key);

/** The `seq` of a 提供記録 row read from the store (0 when there is none). */
const seqOf = (row: unknown): number => (isRecord(row) && typeof row.seq === 'number' ? row.seq : 0);

export interface WriteBackupOptions {
  passphrase: string;
  /** The UI's localStorage settings to carry along. */
  settings?: Record<string, string>;
  onProgress?: OnBackupProgress;
  /** Lower Argon2id cost (tests and benchmarks only). */
  kdf?: ContainerOptions['kdf'];
  /** The time the file is made (defaults to now). */
  now?: Date;
}

/**
 * Packs every table of `db` (a Dexie at any schema version) and the settings, and seals them:
 * the file's parts and the rows per table. Device-local meta rows are left out.
 */
export async function writeBackupAt(
  db: Dexie,
  header: { schemaVersion: number; operator: string; createdAt: Date },
  options: WriteBackupOptions,
  ownEntry?: Disclosure,
): Promise<{ parts: Uint8Array<ArrayBuffer>[]; counts: Record<string, number> }> {
  const { packed, counts } = await packTables(
    db,
    (table, row) => !isDeviceLocal(table, row),
    (done, total) => options.onProgress?.({ stage: 'データを読んでいます', done, total }),
    // The backup's own 提供記録 entry goes in the file keyed after the last entry of the snapshot.
    (table, lastRow) => (ownEntry && table === 'disclosures' ? [(ownEntry.seq = seqOf(lastRow) + 1, ownEntry)] : []),
  );
  const settings = Object.entries(options.settings ?? {}).map(([key, value]) => ({ key, value }));
  const written = { ...counts };
  if (settings.length) {
    packed.push(packSection(LOCAL_SETTINGS_SECTION, settings));
    written[LOCAL_SETTINGS_SECTION] = settings.length;
  }
  options.onProgress?.({ stage: '暗号化しています', done: 0, total: packed.length + 1 });
  const parts = await sealContainer(
    { kind: 'backup', schemaVersion: header.schemaVersion, appVersion: APP_VERSION, operator: header.operator, passphrase: options.passphrase, createdAt: header.createdAt, kdf: options.kdf },
    packed,
    written,
    (done, total) => options.onProgress?.({ stage: '暗号化しています', done, total }),
  );
  return { parts, counts };
}

/**
 * 「バックアップを作る」: the whole store (hidden people, plan history and 提供記録 included) as the
 * parts of one `.hinan` file (`new Blob(parts)`). The file holds its own 'backup' entry of the
 * 提供記録, which is appended to the store once the file is made.
 * Throws `OperatorMissingError` before reading anything when no 作業者名 is set.
 */
export async function writeBackup(
  db: HinanDatabase,
  options: WriteBackupOptions,
): Promise<{ parts: Uint8Array<ArrayBuffer>[]; fileName: string; counts: Record<string, number> }> {
  const operator = await getOperator(db);
  if (!operator) throw new OperatorMissingError();
  const createdAt = options.now ?? new Date();
  const fileName = backupFileName(createdAt);
  // The file carries its own entry, so a restore keeps the record whole; the store gets it only
  // once the file is made (a tab closed while packing records no backup that never happened).
  const entry = await prepareDisclosure(db, { kind: 'backup', what: 'バックアップ（全データ）', wholeStoreCount: await db.people.count(), fileName, at: createdAt });
  const { parts, counts } = await writeBackupAt(db, { schemaVersion: CURRENT_SCHEMA_VERSION, operator, createdAt }, options, entry);
  try {
    await db.disclosures.add(entry);
  } catch {
    // Another tab recorded something meanwhile and took that key: keep the entry under a new one.
    delete entry.seq;
    await db.disclosures.add(entry);
  }
  return { parts, fileName, counts };
}

/**
 * Reads and checks a backup file without writing to the app's store: decrypts every section,
 * upgrades an older schema's records through `SCHEMA_VERSIONS`, validates every record.
 * Throws `BackupError` (Japanese message) for any file that must not be restored.
 */
export async function decodeBackup(source: ByteSource, passphrase: string, options: { onProgress?: OnBackupProgress } = {}): Promise<DecodedBackup> {
  const { onProgress } = options;
  const { header } = await readHeader(source);
  if (header.kind !== 'backup') {
    throw new BackupError('wrong-kind', 'このファイルは受け渡しファイルです。バックアップではないため復元・統合には使えません。「受け取った名簿」から開いてください。');
  }
  if (!Number.isInteger(header.schemaVersion) || header.schemaVersion < 1) throw new BackupError('damaged', 'ファイルの先頭（データの版）が壊れています。');
  if (header.schemaVersion > CURRENT_SCHEMA_VERSION) {
    throw new BackupError('newer', `このバックアップは新しい版のアプリ（${clipValue(header.appVersion, 20)}、データの版 ${header.schemaVersion}）で作られたため、この版（データの版 ${CURRENT_SCHEMA_VERSION}）では復元できません。アプリを新しくしてから開いてください。`);
  }
  onProgress?.({ stage: 'パスフレーズを確かめています', done: 0, total: 1 });
  const known = new Set(tablesAt(header.schemaVersion));
  let tables: Record<string, unknown[]> = {};
  const settings: Record<string, string> = {};
  const sections = openContainer(source, passphrase, (done, total) => onProgress?.({ stage: '復号しています', done, total }));
  for await (const section of sections) {
    if (section.table === LOCAL_SETTINGS_SECTION) {
      for (const row of section.rows) {
        if (!isRecord(row) || typeof row.key !== 'string' || typeof row.value !== 'string') throw new BackupError('invalid-records', 'バックアップの画面設定（localSettings）の形が正しくありません。');
        settings[row.key] = row.value;
      }
      continue;
    }
    if (!known.has(section.table)) {
      throw new BackupError('invalid-records', `バックアップに、データの版 ${header.schemaVersion} にない表${quoteValue(section.table)}があります。このファイルは復元できません。`);
    }
    const rows = (tables[section.table] ??= []);
    for (const row of section.rows) rows.push(fromJsonValue(row));
  }
  if (header.schemaVersion < CURRENT_SCHEMA_VERSION) {
    onProgress?.({ stage: '古い版のデータを今の形に変換しています', done: 0, total: 1 });
    tables = await upgradeTables(tables, header.schemaVersion);
  }
  for (const name of tablesAt(CURRENT_SCHEMA_VERSION)) tables[name] ??= [];
  onProgress?.({ stage: '内容を検査しています', done: 0, total: 1 });
  const check = new BackupRecordCheck('backup', 5);
  for (const [table, rows] of Object.entries(tables)) check.add({ table, rows });
  if (check.errorCount) {
    const shown = check.errors.map(formatRecordError).join('\n');
    throw new BackupError('invalid-records', `バックアップの内容に正しくない記録が${check.errorCount}件あるため、復元できません。\n${shown}${check.errorCount > check.errors.length ? '\n…' : ''}`);
  }
  const counts = Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
  return { header, tables: checkedTables(tables), counts, settings };
}

/**
 * The decoded tables typed as the store's rows: call only once `BackupRecordCheck` found no error
 * in them (it validates every row of every table with the validators the store's writes use).
 */
function checkedTables(tables: Record<string, unknown[]>): StoreRows {
  return tables as StoreRows;
}

/**
 * Runs records of schema `fromVersion` through the real `SCHEMA_VERSIONS` upgrades: writes them into a
 * temporary database opened at that version, reopens it at the current version (the upgrades run),
 * reads everything back and deletes the temporary database.
 */
async function upgradeTables(tables: Record<string, unknown[]>, fromVersion: number): Promise<Record<string, unknown[]>> {
  const name = stagingDatabaseName();
  const old = new Dexie(name);
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > fromVersion) break;
    const version = old.version(v.version).stores(v.stores);
    if (v.upgrade) version.upgrade(v.upgrade);
  }
  let current: HinanDatabase | null = null;
  try {
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const table of old.tables) await putRows(table, tables[table.name] ?? []);
    });
    old.close();
    current = new HinanDatabase(name);
    await current.open();
    return await readAllTables(current);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError('invalid-records', `古い版（データの版 ${fromVersion}）のバックアップを今の形に変換できませんでした（${errorMessage(err)}）。`);
  } finally {
    old.close();
    current?.close();
    await Dexie.delete(name);
  }
}

/** What a restore kept of the store it replaced. */
export interface RestoreResult {
  /** Ids of the people whose withdrawn or limited consent was kept over the backup's (core/restoreConsent.ts). */
  keptConsent: string[];
  /** 提供記録 entries this store had and the file lacked, kept after the file's entries. */
  keptDisclosures: number;
  /** Ids of the plans whose narrower plan consent (計画の提供先) was kept over the backup's. */
  keptPlanConsent: string[];
  /** 提供記録 entries of the replaced store NOT kept because the file comes from another store (no entry in common). */
  droppedDisclosures: number;
}

/**
 * 「バックアップから復元」: replaces every table with the backup's rows in ONE read-write
 * transaction (if anything fails, nothing changes), keeping this device's own meta rows (作業者名),
 * then appends a 'restore' entry to the restored 提供記録. Two things of the replaced store stay:
 * - a person's consent withdrawn or limited since the backup (`keepsStoredConsent`): an older file
 *   never shares someone again who said no;
 * - the 提供記録 never loses an entry: the file's entries (their keys), then this store's entries
 *   the file lacks (by `id`), keyed after them in their order.
 * Throws `OperatorMissingError` before writing anything when no 作業者名 is set.
 */
export async function restoreBackup(
  db: HinanDatabase,
  decoded: DecodedBackup,
  options: { onProgress?: OnBackupProgress; fileName?: string | null } = {},
): Promise<RestoreResult> {
  const operator = await getOperator(db);
  if (!operator) throw new OperatorMissingError();
  const total = db.tables.reduce((n, t) => n + (decoded.tables[t.name]?.length ?? 0), 0);
  let done = 0;
  const progress = (rows: number) => {
    done += rows;
    options.onProgress?.({ stage: '書き込んでいます', done, total });
  };
  progress(0);
  const { createdAt, operator: madeBy } = decoded.header;
  const result: RestoreResult = { keptConsent: [], keptDisclosures: 0, keptPlanConsent: [], droppedDisclosures: 0 };
  await db.transaction('rw', db.tables, async () => {
    const kept = (await db.meta.bulkGet([...DEVICE_LOCAL_META_KEYS])).filter((row): row is MetaEntry => row !== undefined);
    const storedConsent = new Map((await db.people.toArray()).map((p) => [p.id, p.consent]));
    const people = (decoded.tables.people ?? []).map((p) => {
      const stored = storedConsent.get(p.id);
      if (!stored || !keepsStoredConsent(stored, p.consent, createdAt)) return p;
      result.keptConsent.push(p.id);
      return { ...p, consent: stored };
    });
    // A plan's own consent (計画の提供先) narrowed since the backup is kept the same way; its time is
    // the plan's save when the consent itself has none.
    const withSaveTime = (p: Plan): Consent => (p.consent.changed ? p.consent : { ...p.consent, changed: { by: '', at: p.updatedAt } });
    const storedPlans = new Map((await db.plans.toArray()).map((p) => [p.id, p]));
    const plans = (decoded.tables.plans ?? []).map((p) => {
      const stored = storedPlans.get(p.id);
      if (!stored || stored.personId !== p.personId || !keepsStoredConsent(withSaveTime(stored), withSaveTime(p), createdAt)) return p;
      result.keptPlanConsent.push(p.id);
      return { ...p, consent: stored.consent };
    });
    const fileDisclosures = decoded.tables.disclosures ?? [];
    const inFile = new Set(fileDisclosures.map((d) => d.id));
    const storedDisclosures = await db.disclosures.orderBy(':id').toArray();
    // This store's entries the file lacks are kept only when the file comes from this store's own
    // history (an entry in common: every backup carries its own). A file of another group's store
    // must not take this store's record — it names this store's people.
    const sameHistory = storedDisclosures.some((d) => inFile.has(d.id));
    let seq = fileDisclosures.reduce((max, d) => Math.max(max, d.seq ?? 0), 0);
    const notInFile = storedDisclosures.filter((d) => !inFile.has(d.id));
    const laterDisclosures = sameHistory ? notInFile.map((d) => ({ ...d, seq: ++seq })) : [];
    result.keptDisclosures = laterDisclosures.length;
    result.droppedDisclosures = sameHistory ? 0 : notInFile.length;
    const rowsOf = (name: string): unknown[] => {
      if (name === 'people') return people;
      if (name === 'plans') return plans;
      if (name === 'disclosures') return [...fileDisclosures, ...laterDisclosures];
      const rows = decoded.tables[name] ?? [];
      return name === 'meta' ? rows.filter((row) => !isDeviceLocal('meta', row)) : rows;
    };
    for (const table of db.tables) {
      await table.clear();
      await putRows(table, rowsOf(table.name), progress);
    }
    await db.meta.bulkPut(kept);
  });
  await recordDisclosure(db, {
    kind: 'restore',
    what: `バックアップからの復元（${japanDateTimeLabel(createdAt)}、${madeBy || '作業者名なし'}作成）`,
    wholeStoreCount: decoded.tables.people?.length ?? 0,
    fileName: options.fileName ?? null,
  });
  return result;
}
