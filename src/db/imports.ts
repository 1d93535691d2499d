import { isShareable } from '../core/consent';
import { mergeReimportedShelter, validateShelter, type Shelter } from '../core/shelter';
import { validatePerson, type Person } from '../core/person';
import { validateSupporter, type Supporter } from '../core/supporter';
import type { Table } from 'dexie';
import { districtColor, type District } from '../core/district';
import type { FieldError } from '../core/validation';
import { withStoredConsent, type ConsentChoices } from './people';
import { assertAllValidYielding } from './records';
import { requestPersistenceAfterWork, requestPersistentStorage } from './persistence';
import type { HinanDatabase } from './schema';

/** Rows written per bulk call (small, so the page stays responsive); between chunks the progress callback runs. */
const CHUNK = 1000;

export type ImportProgress = (done: number, total: number) => void;

export async function putInChunks<T>(table: Table<T, string>, records: T[], onProgress?: ImportProgress) {
  for (let i = 0; i < records.length; i += CHUNK) {
    await table.bulkPut(records.slice(i, i + CHUNK));
    onProgress?.(Math.min(i + CHUNK, records.length), records.length);
  }
}

/** Stored districts, and each one's id and name → its id (files name a district by its name 地区). */
export async function storedDistrictKeys(db: HinanDatabase): Promise<{ districts: District[]; byKey: Map<string, string> }> {
  const districts = await db.districts.toArray();
  const byKey = new Map<string, string>();
  for (const d of districts) {
    byKey.set(d.id, d.id);
    byKey.set(d.name, d.id);
  }
  return { districts, byKey };
}

/** `records` with each `districtId` that is a stored district's id or name as that id; other names are kept as they are. */
export function withStoredDistrictIds<T extends { districtId: string | null }>(records: T[], byKey: ReadonlyMap<string, string>): T[] {
  return records.map((r) => {
    const id = r.districtId === null ? undefined : byKey.get(r.districtId);
    return id === undefined || id === r.districtId ? r : { ...r, districtId: id };
  });
}

/**
 * Files name a district by its name (地区 column). Maps each record's `districtId` to a stored
 * district with that id or name, creating districts (without outline) for new names.
 */
export async function resolveDistricts<T extends { districtId: string | null }>(db: HinanDatabase, records: T[]): Promise<T[]> {
  const { districts, byKey } = await storedDistrictKeys(db);
  const created: District[] = [];
  for (const r of records) {
    const key = r.districtId;
    if (key === null || byKey.has(key)) continue;
    const color = districtColor(districts.length + created.length);
    created.push({ id: key, name: key, outline: null, color, origin: 'user' });
    byKey.set(key, key);
  }
  if (created.length) await db.districts.bulkPut(created);
  return withStoredDistrictIds(records, byKey);
}

/** An import is meaningful work: the browser is asked again to keep the store (once per session). */
function afterImport<R>(result: R): R {
  requestPersistenceAfterWork();
  return result;
}

/**
 * Validates, then writes in one transaction (all or nothing): `prepare` (run inside it) may
 * adjust the records against the store; district names become districts. Returns what `prepare` said.
 */
async function commitAll<T extends { id: string; districtId: string | null }, R>(
  db: HinanDatabase,
  table: Table<T, string>,
  records: T[],
  validate: (r: T) => FieldError[],
  label: (r: T) => string,
  prepare: (records: T[]) => Promise<{ records: T[]; result: R }>,
  onProgress?: ImportProgress,
): Promise<R> {
  await assertAllValidYielding(records, validate, label);
  await requestPersistentStorage();
  return db.transaction('rw', [table, db.districts], async () => {
    const prepared = await prepare(records);
    await putInChunks(table, await resolveDistricts(db, prepared.records), onProgress);
    return prepared.result;
  }).then(afterImport);
}

export interface PeopleImportSummary {
  written: number;
  /** People written without consent as it stands after the merge (stored, never shown). */
  hidden: number;
  /** People whose stored refusal or 未確認 was kept although the file says 同意 (not in `takeFileConsent`). */
  consentKept: number;
  /** People shown whose stored 情報提供先 were kept although the file names more (the store's record is as new). */
  recipientsKept: number;
}

/**
 * Stores imported 名簿 people in one transaction (all or nothing), replacing people with the same
 * ID — but each keeps the stored consent where the store's is as new and the file would share
 * more (core/consentMerge.ts): a re-import never undoes a withdrawal, unless the user chose the
 * file's 同意 for that person (`takeFileConsent`, IDs; see `findConsentConflicts`). People without
 * consent are stored but stay hidden (consent gate).
 */
export function commitPeople(
  db: HinanDatabase,
  people: Person[],
  { onProgress, takeFileConsent }: { onProgress?: ImportProgress; takeFileConsent?: ConsentChoices } = {},
): Promise<PeopleImportSummary> {
  const prepare = async (records: Person[]) => {
    const merged = await withStoredConsent(db, records, takeFileConsent);
    const hidden = merged.people.filter((p) => !isShareable(p.consent)).length;
    const recipientsKept = merged.people.filter((p, i) => isShareable(p.consent) && isShareable(records[i].consent) && records[i].consent.recipients.some((r) => !p.consent.recipients.includes(r))).length;
    return { records: merged.people, result: { written: records.length, hidden, consentKept: merged.kept, recipientsKept } };
  };
  return commitAll(db, db.people, people, validatePerson, (p) => `要支援者「${p.name || p.id}」`, prepare, onProgress);
}

/** IDs read per query when counting stored records. */
const COUNT_CHUNK = 5000;

/**
 * How many of `ids` the store already holds as people or supporters: an import would replace
 * those records by ID — asked before saving.
 */
export async function countStored(db: HinanDatabase, kind: 'people' | 'supporters', ids: readonly string[]): Promise<number> {
  const table = kind === 'people' ? db.people : db.supporters;
  let n = 0;
  for (let i = 0; i < ids.length; i += COUNT_CHUNK) n += (await table.where(':id').anyOf(ids.slice(i, i + COUNT_CHUNK)).primaryKeys()).length;
  return n;
}

/** Stores imported supporters in one transaction (all or nothing), replacing the same IDs. */
export function commitSupporters(db: HinanDatabase, supporters: Supporter[], onProgress?: ImportProgress): Promise<number> {
  const asGiven = async (records: Supporter[]) => ({ records, result: records.length });
  return commitAll(db, db.supporters, supporters, validateSupporter, (s) => `支援者「${s.name || s.id}」`, asGiven, onProgress);
}

export interface ShelterImportSummary {
  added: number;
  updated: number;
  /** Stored shelters from the same source files that the new import no longer has (flagged). */
  vanished: number;
}

/**
 * Stores imported shelters in one transaction: new IDs are added, known IDs updated keeping the
 * user's own edits (capacity, notes, 開設しない), and shelters of the same source files that
 * vanished from the import are flagged `vanished`, never deleted.
 */
export async function commitShelters(db: HinanDatabase, shelters: Shelter[], onProgress?: ImportProgress): Promise<ShelterImportSummary> {
  await assertAllValidYielding(shelters, validateShelter, (s) => `避難所「${s.name || s.id}」`);
  await requestPersistentStorage();
  const files = new Set(shelters.map((s) => s.source.file));
  const incoming = new Set(shelters.map((s) => s.id));
  return db.transaction('rw', db.shelters, async () => {
    const stored = new Map((await db.shelters.toArray()).map((s) => [s.id, s]));
    const merged = shelters.map((s) => mergeReimportedShelter(stored.get(s.id), s));
    const vanished: Shelter[] = [];
    for (const s of stored.values()) {
      if (files.has(s.source.file) && !incoming.has(s.id) && !s.vanished) vanished.push({ ...s, vanished: true });
    }
    await putInChunks(db.shelters, [...merged, ...vanished], onProgress);
    const updated = shelters.filter((s) => stored.has(s.id)).length;
    return { added: shelters.length - updated, updated, vanished: vanished.length };
  }).then(afterImport);
}

/**
 * True when the store holds the user's own people (or supporters) — not the demo's —, on the 名簿
 * or archived: importing a file of that kind is then a 名簿の更新 (db/rosterUpdate.ts), previewed and
 * applied as one update, not a plain import.
 */
export async function holdsOwnRecords(db: HinanDatabase, kind: 'people' | 'supporters'): Promise<boolean> {
  const table = kind === 'people' ? db.people : db.supporters;
  return (await table.where('origin').equals('user').limit(1).count()) > 0;
}
