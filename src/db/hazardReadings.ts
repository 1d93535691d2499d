import type { HazardReading, ReadingSubject } from '../core/hazardReading';
import { isRecord, isStringArray } from '../core/jsonShape';
import type { HinanDatabase } from './schema';

/**
 * Hazard at home read from the ハザードマップポータル's tiles (issue 16): the stored readings (table
 * `hazardReadings`, one row per subject × hazard, see core/hazardReading.ts), the log of reads
 * (meta `hazardReadRuns`) and the user's choice about asking the portal at all (meta `hazardTiles`).
 */

/** One read of the tiles, as logged in meta `hazardReadRuns` (newest last). */
export interface HazardReadRun {
  /** ISO 8601 timestamp of the read. */
  at: string;
  /** Japan date of the read, `YYYY-MM-DD`. */
  readOn: string;
  /** The districts read (empty: every district). */
  districtIds: string[];
  /** How many tiles were requested (every layer). */
  tiles: number;
  /** How many of them the portal did not have (404: データなし). */
  missing: number;
  /** How many people and shelters were read. */
  people: number;
  shelters: number;
}

/** meta key of the read log (`HazardReadRun[]`, oldest first). */
export const HAZARD_READ_RUNS_META_KEY = 'hazardReadRuns';
/** How many runs the log keeps (the oldest are dropped). */
export const HAZARD_READ_RUNS_KEPT = 50;
/** meta key of the user's choice about the portal (`HazardTileChoice`). */
export const HAZARD_TILES_META_KEY = 'hazardTiles';

/**
 * Whether the app may ask the ハザードマップポータル for tiles (overlays and reads):
 * - `unasked`: the privacy statement was never answered (shown before the first read);
 * - `allowed`: 「読み取る」 was chosen once; overlays and reads go ahead;
 * - `refused`: 「今後使わない」 — no request to the portal, for good, until changed back on the
 *   データの保管 screen.
 */
export type HazardTileChoice = 'unasked' | 'allowed' | 'refused';

const CHOICES: readonly HazardTileChoice[] = ['unasked', 'allowed', 'refused'];
const isChoice = (v: unknown): v is HazardTileChoice => CHOICES.some((c) => c === v);

/** A stored run, checked field by field (a meta value may come from an old or foreign backup). */
export function isHazardReadRun(v: unknown): v is HazardReadRun {
  if (!isRecord(v)) return false;
  const counts = [v.tiles, v.missing, v.people, v.shelters];
  return typeof v.at === 'string' && typeof v.readOn === 'string' && isStringArray(v.districtIds) && counts.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0);
}

/**
 * Stores a read in one transaction: each reading replaces the stored row of its subject × hazard
 * (same id), rows of other subjects or hazards stay, and `run` is appended to meta
 * `hazardReadRuns` (the last `HAZARD_READ_RUNS_KEPT` kept).
 */
export async function saveHazardReadings(db: HinanDatabase, readings: readonly HazardReading[], run: HazardReadRun): Promise<void> {
  await db.transaction('rw', db.hazardReadings, db.meta, async () => {
    await db.hazardReadings.bulkPut([...readings]);
    const runs = await hazardReadRuns(db);
    await db.meta.put({ key: HAZARD_READ_RUNS_META_KEY, value: [...runs, run].slice(-HAZARD_READ_RUNS_KEPT) });
  });
}

/** Every stored reading, or those of people / of shelters. */
export async function listHazardReadings(db: HinanDatabase, subject?: ReadingSubject): Promise<HazardReading[]> {
  return subject === undefined ? db.hazardReadings.toArray() : db.hazardReadings.where('subject').equals(subject).toArray();
}

/** The logged reads, oldest first (rows of an unknown shape left out). */
export async function hazardReadRuns(db: HinanDatabase): Promise<HazardReadRun[]> {
  return hazardReadRunsOf((await db.meta.get(HAZARD_READ_RUNS_META_KEY))?.value);
}

/** Deletes every reading and the read log (the choice about the portal stays). */
export async function deleteHazardReadings(db: HinanDatabase): Promise<void> {
  await db.transaction('rw', db.hazardReadings, db.meta, async () => {
    await db.hazardReadings.clear();
    await db.meta.delete(HAZARD_READ_RUNS_META_KEY);
  });
}

/** The user's choice about the portal (`unasked` until one was made). */
export async function hazardTileChoice(db: HinanDatabase): Promise<HazardTileChoice> {
  const value = (await db.meta.get(HAZARD_TILES_META_KEY))?.value;
  return isChoice(value) ? value : 'unasked';
}

/** Records the user's choice about the portal (`refused` holds until set back here or on the データの保管 screen). */
export async function setHazardTileChoice(db: HinanDatabase, choice: HazardTileChoice): Promise<void> {
  await db.meta.put({ key: HAZARD_TILES_META_KEY, value: choice });
}

/** The runs of a meta value (from the store or a backup file): those of the right shape. */
export function hazardReadRunsOf(value: unknown): HazardReadRun[] {
  return Array.isArray(value) ? value.filter(isHazardReadRun) : [];
}

/**
 * Two devices' read logs united (a merge): this device's runs, then the other's it lacks (same
 * time and districts), in time order, the last `HAZARD_READ_RUNS_KEPT`; null when that adds none.
 */
export function mergeHazardReadRuns(ours: readonly HazardReadRun[], theirs: readonly HazardReadRun[]): HazardReadRun[] | null {
  const key = (r: HazardReadRun) => `${r.at}|${r.districtIds.join(',')}`;
  const have = new Set(ours.map(key));
  const extra = theirs.filter((r) => !have.has(key(r)));
  if (extra.length === 0) return null;
  return [...ours, ...extra].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).slice(-HAZARD_READ_RUNS_KEPT);
}

/** What is stored of the readings, for the データの保管 screen: people and shelters read, and the last read. */
export interface HazardReadingSummary {
  people: number;
  shelters: number;
  lastRun: HazardReadRun | null;
}

export async function hazardReadingSummary(db: HinanDatabase): Promise<HazardReadingSummary> {
  const distinct = async (subject: ReadingSubject) => new Set((await db.hazardReadings.where('subject').equals(subject).toArray()).map((r) => r.subjectId)).size;
  const runs = await hazardReadRuns(db);
  return { people: await distinct('person'), shelters: await distinct('shelter'), lastRun: runs.at(-1) ?? null };
}
