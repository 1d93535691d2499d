/**
 * Stored 位置参照情報 (address reference points) and geocoding results.
 * - Reference points are kept in `addressPoints` so geocoding works offline later; a file
 *   re-imported under the same name replaces its points, in one transaction.
 * - Results are written to people through the consent gate, in one transaction, each location
 *   saying how it was obtained (`geocode_block` / `geocode_town` / `geocode_online` / `manual`)
 *   and when.
 * - Answers of 国土地理院's address search are cached in `geocodeCache` (by normalised address).
 */
import { validatePerson, type LocationSource, type Person } from '../core/person';
import type { PositionReferenceLevel, PositionReferenceRecord } from '../io/positionReference';
import { shareablePeople, shareablePerson } from './consentGate';
import { ValidationFailed } from './errors';
import { requestPersistentStorage } from './persistence';
import { isOneOf } from '../core/validation';
import { isRecord } from './plainValue';
import type { HinanDatabase } from './schema';

/** One stored reference point: the 位置参照情報 record and the file it came from. */
export interface AddressPoint extends PositionReferenceRecord {
  /** Auto-increment key. */
  seq?: number;
  file: string;
}

/** One imported 位置参照情報 file, as listed on the screen. */
export interface AddressReferenceFile {
  file: string;
  level: PositionReferenceLevel;
  count: number;
  /** ISO 8601 timestamp of the import. */
  importedAt: string;
  /** [west, south, east] and north, WGS84 degrees. */
  bbox: [number, number, number, number];
}

/** A cached answer of the online address search (`found: false` = nothing found). */
export interface GeocodeCacheEntry {
  /** The address as searched (normalised by the caller). */
  key: string;
  found: boolean;
  lng: number | null;
  lat: number | null;
  /** The place name the service returned. */
  title: string;
  /** ISO 8601 timestamp of the request. */
  at: string;
}

/** `meta` key of the list of imported 位置参照情報 files (`AddressReferenceFile[]`). */
export const ADDRESS_FILES_META_KEY = 'addressReferenceFiles';
/** Rows written per bulk call; the progress callback runs between chunks. */
const CHUNK = 5000;

export type StoreProgress = (done: number, total: number) => void;

function bboxOf(records: readonly PositionReferenceRecord[]): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const r of records) {
    if (r.lng < w) w = r.lng;
    if (r.lng > e) e = r.lng;
    if (r.lat < s) s = r.lat;
    if (r.lat > n) n = r.lat;
  }
  return [w, s, e, n];
}

/** The stored list of 位置参照情報 files read back (malformed entries left out; [] when there is none). */
export function addressReferenceFilesOf(value: unknown): AddressReferenceFile[] {
  return Array.isArray(value) ? value.filter(isAddressReferenceFile) : [];
}

/** Whether `value` is a file entry as `storeAddressPoints` writes it (every field checked). */
function isAddressReferenceFile(value: unknown): value is AddressReferenceFile {
  return (
    isRecord(value) &&
    typeof value.file === 'string' &&
    isOneOf(value.level, ADDRESS_LEVELS) &&
    Number.isInteger(value.count) &&
    typeof value.importedAt === 'string' &&
    isBbox(value.bbox)
  );
}

const ADDRESS_LEVELS: readonly PositionReferenceLevel[] = ['block', 'town'];

/** Four numbers (a bbox as `bboxOf` computes it). */
function isBbox(value: unknown): value is [number, number, number, number] {
  return Array.isArray(value) && value.length === 4 && value.every((n) => typeof n === 'number');
}

/** The imported 位置参照情報 files, oldest first. */
export async function listAddressReferenceFiles(db: HinanDatabase): Promise<AddressReferenceFile[]> {
  return addressReferenceFilesOf((await db.meta.get(ADDRESS_FILES_META_KEY))?.value);
}

/**
 * Stores the points of one 位置参照情報 file in one transaction (chunked, `onProgress` between
 * chunks), replacing the points of an earlier import with the same file name. All or nothing.
 */
export async function storeAddressPoints(
  db: HinanDatabase,
  file: string,
  records: readonly PositionReferenceRecord[],
  onProgress?: StoreProgress,
  now = new Date().toISOString(),
): Promise<AddressReferenceFile> {
  if (records.length === 0) throw new Error(`「${file}」に保存できる位置参照情報がありません。`);
  const level = records[0].level;
  const summary: AddressReferenceFile = { file, level, count: records.length, importedAt: now, bbox: bboxOf(records) };
  await requestPersistentStorage();
  await db.transaction('rw', db.addressPoints, db.meta, async () => {
    await db.addressPoints.where('file').equals(file).delete();
    for (let i = 0; i < records.length; i += CHUNK) {
      await db.addressPoints.bulkAdd(records.slice(i, i + CHUNK).map((r) => ({ ...r, file })));
      onProgress?.(Math.min(i + CHUNK, records.length), records.length);
    }
    const files = (await listAddressReferenceFiles(db)).filter((f) => f.file !== file);
    await db.meta.put({ key: ADDRESS_FILES_META_KEY, value: [...files, summary] });
  });
  return summary;
}

/** Removes every stored 位置参照情報 point (people keep their locations). */
export async function clearAddressPoints(db: HinanDatabase): Promise<void> {
  await db.transaction('rw', db.addressPoints, db.meta, async () => {
    await db.addressPoints.clear();
    await db.meta.delete(ADDRESS_FILES_META_KEY);
  });
}

/** Every stored reference point, as 位置参照情報 records (for building the geocoding index). */
export async function loadAddressPoints(db: HinanDatabase): Promise<PositionReferenceRecord[]> {
  const points = await db.addressPoints.toArray();
  return points.map(({ seq: _seq, file: _file, ...r }) => r);
}

/** True for a location that came from address matching (offline or online). */
export function isGeocodedSource(source: LocationSource | undefined): boolean {
  return source === 'geocode_block' || source === 'geocode_town' || source === 'geocode_online';
}

/**
 * The shown (consent-gated) people to geocode: those without a location, and with
 * `includeGeocoded` also those whose location came from address matching.
 */
export async function peopleToGeocode(db: HinanDatabase, includeGeocoded = false): Promise<Person[]> {
  // Consented people only, also during 災害時モード: their addresses may go to the online geocoder.
  const { people, revealedIds } = await shareablePeople(db);
  return people.filter((p) => !revealedIds.has(p.id)).filter((p) => p.location === null || (includeGeocoded && isGeocodedSource(p.location.source)));
}

/** A place found for one person. */
export interface PlacementUpdate {
  personId: string;
  /** WGS84 degrees. */
  lng: number;
  lat: number;
  source: LocationSource;
}

/**
 * Writes found places in one transaction (all or nothing); each location records its source
 * and `at`. A person placed again (by hand or by the geocoder) no longer needs 「位置の確認」 after
 * a 名簿 update changed their 住所: `locationCheck` is cleared. People no longer shown (consent
 * withdrawn or off the 名簿 meanwhile) or deleted are skipped. Returns the number of people written.
 */
export async function commitPlacements(db: HinanDatabase, updates: readonly PlacementUpdate[], at = new Date().toISOString()): Promise<number> {
  await requestPersistentStorage();
  return db.transaction('rw', db.people, async () => {
    const changed: Person[] = [];
    for (const u of updates) {
      const p = await shareablePerson(db, u.personId);
      if (!p) continue;
      const { locationCheck: _answered, ...rest } = p;
      const next: Person = { ...rest, location: { lng: u.lng, lat: u.lat, source: u.source, at }, updatedAt: at };
      const errors = validatePerson(next);
      if (errors.length) throw new ValidationFailed(`要支援者「${p.name || p.id}」`, errors);
      changed.push(next);
    }
    for (let i = 0; i < changed.length; i += CHUNK) await db.people.bulkPut(changed.slice(i, i + CHUNK));
    return changed.length;
  });
}

/** Saves a place set by hand on the map (source `manual`, `at` = now). */
export async function placeManually(db: HinanDatabase, personId: string, lng: number, lat: number, at = new Date().toISOString()): Promise<void> {
  const n = await commitPlacements(db, [{ personId, lng, lat, source: 'manual' }], at);
  if (n === 0) throw new Error('この人は表示できない（同意がない）か、名簿にありません。');
}

/** A cached online answer, or undefined when the address was never searched. */
export function getCachedOnline(db: HinanDatabase, key: string): Promise<GeocodeCacheEntry | undefined> {
  return db.geocodeCache.get(key);
}

export async function putCachedOnline(db: HinanDatabase, entry: GeocodeCacheEntry): Promise<void> {
  await db.geocodeCache.put(entry);
}
