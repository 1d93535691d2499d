/**
 * 受け取った名簿 — the recipient's side of a 受け渡しファイル. Each opened file goes into its OWN
 * IndexedDB database (`<registry>-<id>`), never into the app's store, and is only read after that;
 * a small registry database lists the received files. A file is deleted when the user asks, and
 * automatically once Japan's today is after its `expiresOn` (`purgeExpiredReceived`, run at app
 * start and when the screen opens).
 */
import Dexie, { type Table } from 'dexie';
import { isPersonShown } from '../core/rosterArchive';
import { validateDistrict, type District } from '../core/district';
import { handoverExpired, latestReceivableExpiry } from '../core/handoverExpiry';
import { japanDateOf, japanToday } from '../core/japanDate';
import { validatePerson, type Person } from '../core/person';
import { validatePlan, type Plan } from '../core/plan';
import { validateShelter, type Shelter } from '../core/shelter';
import { validateSupporter, type Supporter } from '../core/supporter';
import type { FieldError } from '../core/validation';
import { BackupError } from '../io/backup/backupError';
import { openContainer, readHeader, type ByteSource } from '../io/backup/container';
import { expiryLabel, HANDOVER_INFO_TABLE, HANDOVER_TABLES } from './handover';
import { isRecord } from './plainValue';

/** The registry's database name; each file's records live in `<name>-<id>`. */
export const RECEIVED_REGISTRY_NAME = 'hinan-received';

/** One received file, as the registry lists it (no personal data of the people in it). */
export interface ReceivedFile {
  id: string;
  /** The IndexedDB database holding its records. */
  dbName: string;
  fileName: string;
  /** Who it was made for (「消防団」「支援者 佐藤 一郎」). */
  recipient: string;
  /** 作業者名 of whoever made it. */
  operator: string;
  /** ISO 8601 (UTC) time it was made. */
  createdAt: string;
  /** Last day (`YYYY-MM-DD`, Japan) it is kept. */
  expiresOn: string;
  /** ISO 8601 (UTC) time it was opened on this device. */
  openedAt: string;
  /** People in it. */
  count: number;
  /** Identifies the file (its random key salt): opening the same file twice keeps one copy. */
  fileKey: string;
}

/** The list of received files on this device. */
export class ReceivedRegistry extends Dexie {
  files!: Table<ReceivedFile, string>;
  constructor(name = RECEIVED_REGISTRY_NAME) {
    super(name);
    this.version(1).stores({ files: 'id, expiresOn, fileKey' });
  }
}

/** The records of one received file. */
class ReceivedData extends Dexie {
  people!: Table<Person, string>;
  plans!: Table<Plan, string>;
  supporters!: Table<Supporter, string>;
  shelters!: Table<Shelter, string>;
  districts!: Table<District, string>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ people: 'id', plans: 'id, personId', supporters: 'id', shelters: 'id', districts: 'id' });
  }
}

/** What the 受け取った名簿 screen shows of one file: consented people only. */
export interface ReceivedContents {
  file: ReceivedFile;
  people: Person[];
  /** By person id. */
  plans: Map<string, Plan>;
  supporters: Map<string, Supporter>;
  shelters: Map<string, Shelter>;
  districts: Map<string, District>;
}

/** The rows of a hand-over file's tables as read (not yet checked). */
type FileTables = { [T in (typeof HANDOVER_TABLES)[number]]: unknown[] };

/** The rows of a hand-over file's tables, each checked by its record's validator. */
interface CheckedTables {
  people: Person[];
  plans: Plan[];
  supporters: Supporter[];
  shelters: Shelter[];
  districts: District[];
}

/** Every table checked, in file order; throws `BackupError('invalid-records')` naming the first bad record. */
function checkTables(tables: FileTables): CheckedTables {
  return {
    people: checkRows(tables.people, '要支援者', validatePerson),
    plans: checkRows(tables.plans, '個別避難計画', validatePlan),
    supporters: checkRows(tables.supporters, '支援者', validateSupporter),
    shelters: checkRows(tables.shelters, '避難所', validateShelter),
    districts: checkRows(tables.districts, '地区', validateDistrict),
  };
}

/** `rows` as records of type T once `validate` (the core/ validator the store's own writes pass) finds no error in any. */
function checkRows<T extends object>(rows: readonly unknown[], label: string, validate: (row: T) => FieldError[]): T[] {
  const checked: T[] = [];
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) throw badRecord(label, '記録の形が違います。');
    const record = row as T; // the file's row, typed only to be validated: nothing else reads it unless it passes
    const errors = validate(record);
    if (errors.length) throw badRecord(label, errors[0].message);
    checked.push(record);
  }
  return checked;
}

function badRecord(label: string, message: string): BackupError {
  return new BackupError('invalid-records', `ファイルの中身が正しくありません（${label}: ${message}）。`);
}

export interface ReceiveOptions {
  fileName: string;
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

/**
 * Opens a hand-over file and keeps it in a database of its own. Throws `BackupError` with a
 * Japanese message for a file that is not a hand-over file (a backup), is past its expiry, has a
 * wrong passphrase or is damaged; nothing is kept then. A file already opened is returned as it is.
 */
export async function receiveHandover(registry: ReceivedRegistry, source: ByteSource, passphrase: string, options: ReceiveOptions): Promise<ReceivedFile> {
  const now = options.now ?? new Date();
  const { header } = await readHeader(source);
  if (header.kind !== 'handover' || typeof header.expiresOn !== 'string') {
    throw new BackupError('wrong-kind', 'このファイルはバックアップです。受け渡しファイルではないため、ここでは開けません（バックアップは「データの保管」の「バックアップから復元」で開きます）。');
  }
  if (handoverExpired(header.expiresOn, japanToday(now))) {
    throw new BackupError('expired', `この受け渡しファイルは有効期限（${expiryLabel(header.expiresOn)}まで）が過ぎているため開けません。渡した人に新しいファイルを頼んでください。`);
  }
  if (Number.isNaN(Date.parse(header.createdAt))) throw new BackupError('invalid-records', 'ファイルの中身が正しくありません（作成日時が読めません）。');
  const createdOn = japanDateOf(header.createdAt);
  if (header.expiresOn > latestReceivableExpiry(createdOn)) {
    throw new BackupError(
      'invalid-records',
      `この受け渡しファイルの有効期限（${expiryLabel(header.expiresOn)}まで）は、作成日（${expiryLabel(createdOn)}）から1年を超えています。受け渡しファイルの有効期限は最長1年のため、開けません。渡した人に作り直しを頼んでください。`,
    );
  }
  const fileKey = header.kdf.salt;
  const known = await registry.files.where('fileKey').equals(fileKey).first();

  const read: FileTables = { people: [], plans: [], supporters: [], shelters: [], districts: [] };
  let info: unknown;
  const sections = openContainer(source, passphrase, options.onProgress);
  for await (const section of sections) {
    const table = HANDOVER_TABLES.find((t) => t === section.table);
    if (section.table === HANDOVER_INFO_TABLE) info = section.rows[0];
    else if (table) read[table].push(...section.rows);
  }
  const recipient = isRecord(info) ? info.recipient : undefined;
  if (typeof recipient !== 'string') throw new BackupError('invalid-records', 'ファイルの中身が正しくありません（受け渡し先の記録がありません）。');
  const tables = checkTables(read);
  if (known) return known;

  // Person gate on this side too: only consented people on the 名簿, and only their plans.
  const people = tables.people.filter(isPersonShown);
  const ids = new Set(people.map((p) => p.id));
  const id = crypto.randomUUID();
  const file: ReceivedFile = {
    id,
    dbName: `${registry.name}-${id}`,
    fileName: options.fileName,
    recipient,
    operator: header.operator,
    createdAt: header.createdAt,
    expiresOn: header.expiresOn,
    openedAt: now.toISOString(),
    count: people.length,
    fileKey,
  };
  const data = new ReceivedData(file.dbName);
  try {
    await data.transaction('rw', [data.people, data.plans, data.supporters, data.shelters, data.districts], async () => {
      await data.people.bulkPut(people);
      await data.plans.bulkPut(tables.plans.filter((p) => ids.has(p.personId)));
      await data.supporters.bulkPut(tables.supporters);
      await data.shelters.bulkPut(tables.shelters);
      await data.districts.bulkPut(tables.districts);
    });
    await registry.files.add(file);
  } catch (err) {
    data.close();
    await Dexie.delete(file.dbName);
    throw err;
  }
  data.close();
  return file;
}

/** The received files, newest first. */
export async function listReceived(registry: ReceivedRegistry): Promise<ReceivedFile[]> {
  const files = await registry.files.toArray();
  return files.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

const kanaOrder = new Intl.Collator('ja');

/** One received file's records for showing (read-only), or undefined when it is gone. */
export async function readReceived(registry: ReceivedRegistry, id: string): Promise<ReceivedContents | undefined> {
  const file = await registry.files.get(id);
  if (!file) return undefined;
  const data = new ReceivedData(file.dbName);
  try {
    const [people, plans, supporters, shelters, districts] = await Promise.all([data.people.toArray(), data.plans.toArray(), data.supporters.toArray(), data.shelters.toArray(), data.districts.toArray()]);
    return {
      file,
      people: people.filter(isPersonShown).sort((a, b) => kanaOrder.compare(a.nameKana || a.name, b.nameKana || b.name) || a.id.localeCompare(b.id)),
      plans: new Map(plans.map((p) => [p.personId, p])),
      supporters: new Map(supporters.map((s) => [s.id, s])),
      shelters: new Map(shelters.map((s) => [s.id, s])),
      districts: new Map(districts.map((d) => [d.id, d])),
    };
  } finally {
    data.close();
  }
}

/** Deletes one received file: its database, then its registry entry. */
export async function deleteReceived(registry: ReceivedRegistry, id: string): Promise<void> {
  const file = await registry.files.get(id);
  if (!file) return;
  await Dexie.delete(file.dbName);
  await registry.files.delete(id);
}

/**
 * Deletes every received file past its expiry (Japan date of `now`), and any file database the
 * registry does not list (a tab closed while a file was being opened); returns the expired ones.
 */
export async function purgeExpiredReceived(registry: ReceivedRegistry, now: Date = new Date()): Promise<ReceivedFile[]> {
  const today = japanToday(now);
  const expired = await registry.files.where('expiresOn').below(today).toArray();
  for (const file of expired) await deleteReceived(registry, file.id);
  const listed = new Set((await registry.files.toArray()).map((f) => f.dbName));
  const names = (await Dexie.getDatabaseNames()).filter((n) => n.startsWith(`${registry.name}-`) && !listed.has(n));
  for (const name of names) await Dexie.delete(name);
  return expired;
}

/** At app start: purges expired received files, without creating the registry on a device that never received one. */
export async function purgeExpiredReceivedOnStart(name = RECEIVED_REGISTRY_NAME): Promise<ReceivedFile[]> {
  if (!(await Dexie.exists(name))) return [];
  const registry = new ReceivedRegistry(name);
  try {
    return await purgeExpiredReceived(registry);
  } finally {
    registry.close();
  }
}
