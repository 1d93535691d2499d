import Dexie, { type Table } from 'dexie';
import type { Person } from '../core/person';
import type { Supporter } from '../core/supporter';
import type { Shelter } from '../core/shelter';
import type { District } from '../core/district';
import type { HazardZone } from '../core/hazardZone';
import { coverageOfZones, type HazardCoverage } from '../core/hazardCoverage';
import type { Plan } from '../core/plan';
import type { Drill } from '../core/drill';
import type { RoadNetwork } from '../io/roadNetwork';
import { upgradePlanV1, type PlanV1 } from './planUpgrade';
import type { AddressPoint, GeocodeCacheEntry } from './geocoding';
import type { Disclosure } from './disclosures';
import type { RosterUpdateRecord } from '../core/rosterUpdate';

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
 * Every schema version the app has ever shipped, oldest first. Never edit a published entry:
 * add a new one with the changed stores and an `upgrade` that rewrites old records.
 */
export const SCHEMA_VERSIONS: { version: number; stores: Record<string, string | null>; upgrade?: (tx: import('dexie').Transaction) => Promise<void> }[] = [
  {
    version: 1,
    stores: {
      people: 'id, districtId, consent.status, origin',
      supporters: 'id, districtId, origin',
      shelters: 'id, *kinds',
      districts: 'id, origin',
      hazardZones: 'id, hazard',
      plans: 'id, personId, status',
      drills: 'id, districtId',
      meta: 'key',
    },
  },
  {
    // 個別避難計画 editor: plan history, and plans rewritten to the version-2 model.
    version: 2,
    stores: {
      planVersions: '++seq, planId, personId, savedAt',
    },
    upgrade: async (tx) => {
      const now = new Date().toISOString();
      const old = (await tx.table('plans').toArray()) as PlanV1[];
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
  },
  {
    // Imported road networks (for routing and the offline map), one row per imported file;
    // hazard zones indexed by source file so a re-import replaces them.
    version: 3,
    stores: {
      roadNetworks: 'id',
      hazardZones: 'id, hazard, source',
    },
  },
  {
    // 位置参照情報 points for offline geocoding, and cached answers of 国土地理院's address search.
    version: 4,
    stores: {
      addressPoints: '++seq, level, file',
      geocodeCache: 'key',
    },
  },
  {
    // What was typed in a plan editor and not yet saved as a version, one row per person, written
    // on every keystroke so a reload or a closed tab loses nothing (issue 8).
    version: 5,
    stores: {
      planDrafts: 'personId',
    },
  },
  {
    // The area each imported hazard file answers for (hazard type + extent), one row per file, so a
    // home outside every file of a hazard is 「データなし」, not 「区域外」 (issue 9). Files imported
    // before get the extent of their stored zones.
    version: 6,
    stores: {
      hazardCoverage: 'source, hazard',
    },
    upgrade: async (tx) => {
      const zones = (await tx.table('hazardZones').toArray()) as HazardZone[];
      await tx.table('hazardCoverage').bulkPut(coverageOfZones(zones));
    },
  },
  {
    // 提供記録: one row appended every time personal data leaves the store (issue 10). Never edited.
    version: 7,
    stores: {
      disclosures: '++seq, at, kind',
    },
  },
  {
    // 名簿の更新 (issue 11): one row per applied update of the 名簿 or the 支援者名簿, kept for the
    // 地区カルテ's history. Archived people stay in `people` (their `archived` mark, not an index).
    version: 8,
    stores: {
      rosterUpdates: 'id, at, kind',
    },
  },
];

/** The schema version this app writes (the last of `SCHEMA_VERSIONS`). */
export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

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

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
