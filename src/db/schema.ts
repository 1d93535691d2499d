import Dexie, { type Table, type Transaction } from 'dexie';
import type { Person } from '../core/person';
import type { Supporter } from '../core/supporter';
import type { Shelter } from '../core/shelter';
import type { District } from '../core/district';
import type { HazardZone } from '../core/hazardZone';
import { coverageOfZones, type HazardCoverage } from '../core/hazardCoverage';
import type { Plan } from '../core/plan';
import type { Drill } from '../core/drill';
import type { RoadNetwork } from '../io/roadNetwork';
import { upgradePlanV1, type PlanV1 } from '../core/planUpgrade';
import { STORE_VERSIONS, type StoreVersion } from '../io/backup/storeVersions';
import type { AddressPoint, GeocodeCacheEntry } from './geocoding';
import type { Disclosure } from './disclosures';
import type { RosterUpdateRecord } from '../core/rosterUpdate';
import type { Emergency } from '../core/emergency';
import type { SafetyRecord } from '../core/safetyRecord';
import type { HazardReading } from '../core/hazardReading';

/** A stored road network: the compact polylines of one imported file. */
export interface StoredRoadNetwork {
  /** The source file name (re-importing the same file replaces it). */
  id: string;
  importedAt: string;
  network: RoadNetwork;
}

/** A small key/value record for app state (demo flag, settings). */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** Why a plan version was written: `autosave` is one editing session's typing (see `savePlan`). */
/** `merge`: the version a merge made of both devices' changes (db/mergeBackup.ts). */
/** `roster`: a 名簿 update set the plan to 要見直し and gave its reasons (db/rosterUpdate.ts). */
export type PlanVersionKind = 'save' | 'autosave' | 'restore' | 'upgrade' | 'merge' | 'roster';

/**
 * One saved state of a plan (計画の履歴). Rows are only added, except that an `autosave` row is
 * replaced by the next autosave of the same editing session (one row per sitting).
 */
export interface PlanVersion {
  /** Auto-increment key, in save order. */
  seq?: number;
  planId: string;
  personId: string;
  /** The plan's `version` after this save. */
  version: number;
  /** ISO 8601 timestamp of the save. */
  savedAt: string;
  kind: PlanVersionKind;
  /** For a restore: the `seq` whose content was restored. */
  restoredFromSeq: number | null;
  /** The plan exactly as saved. */
  plan: Plan;
  /** For an autosave: the editing session that wrote it, when it began, and how many saves it holds. */
  session?: string;
  startedAt?: string;
  saves?: number;
  /** For a row a merge brought from another device, or a merged version: the 作業者名 of that device's file. */
  from?: string;
}

/** Unsaved typing in a plan editor (下書き): the plan as a save would write it. */
export interface PlanDraft {
  personId: string;
  /** The stored plan version the typing started from (0 for a plan never saved). */
  baseVersion: number;
  /** ISO 8601 timestamp of the last keystroke written. */
  writtenAt: string;
  plan: Plan;
}

/**
 * The record rewrites of the schema versions that changed records (db side of
 * io/backup/storeVersions.ts): version 2 rewrote plans to the plan editor's model, version 6 gave
 * hazard files their coverage.
 */
const SCHEMA_UPGRADES: Readonly<Record<number, (tx: Transaction) => Promise<void>>> = {
  2: async (tx) => {
    const now = new Date().toISOString();
    const old = await tx.table<PlanV1, string>('plans').toArray();
    const plans = old.map((p) => upgradePlanV1(p, now));
    await tx.table('plans').bulkPut(plans);
    const history: PlanVersion[] = plans.map((plan) => ({
      planId: plan.id,
      personId: plan.personId,
      version: plan.version,
      savedAt: plan.updatedAt,
      kind: 'upgrade',
      restoredFromSeq: null,
      plan,
    }));
    await tx.table('planVersions').bulkAdd(history);
  },
  6: async (tx) => {
    const zones = await tx.table<HazardZone, string>('hazardZones').toArray();
    await tx.table('hazardCoverage').bulkPut(coverageOfZones(zones));
  },
};

/** Every schema version, oldest first: its tables (io/backup/storeVersions.ts) and its upgrade, if any. */
export const SCHEMA_VERSIONS: readonly (StoreVersion & { upgrade?: (tx: Transaction) => Promise<void> })[] = STORE_VERSIONS.map((v) => ({ ...v, upgrade: SCHEMA_UPGRADES[v.version] }));

/** The name of a table of the store (a `Table` field of `HinanDatabase`). */
type StoreTable = keyof { [K in keyof HinanDatabase as string extends K ? never : HinanDatabase[K] extends Table<infer _Row, infer _Key> ? K : never]: true };

/** The row type of the store's table `T`. */
type StoreRow<T extends StoreTable> = HinanDatabase[T] extends Table<infer Row, infer _Key> ? Row : never;

/** Rows by table name: typed for the store's tables, of unknown shape for any other name. */
export type StoreRows = { [T in StoreTable]: StoreRow<T>[] } & Record<string, unknown[]>;

export { CURRENT_SCHEMA_VERSION } from '../io/backup/storeVersions';

export const DATABASE_NAME = 'hinan-shien-planner';

/** The app's IndexedDB database. Only `src/db/` touches it. */
export class HinanDatabase extends Dexie {
  people!: Table<Person, string>;
  supporters!: Table<Supporter, string>;
  shelters!: Table<Shelter, string>;
  districts!: Table<District, string>;
  hazardZones!: Table<HazardZone, string>;
  plans!: Table<Plan, string>;
  drills!: Table<Drill, string>;
  planVersions!: Table<PlanVersion, number>;
  meta!: Table<MetaEntry, string>;
  roadNetworks!: Table<StoredRoadNetwork, string>;
  addressPoints!: Table<AddressPoint, number>;
  geocodeCache!: Table<GeocodeCacheEntry, string>;
  planDrafts!: Table<PlanDraft, string>;
  hazardCoverage!: Table<HazardCoverage, string>;
  disclosures!: Table<Disclosure, number>;
  rosterUpdates!: Table<RosterUpdateRecord, string>;
  emergencies!: Table<Emergency, string>;
  safetyRecords!: Table<SafetyRecord, string>;
  hazardReadings!: Table<HazardReading, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
