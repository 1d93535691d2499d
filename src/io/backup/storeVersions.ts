/**
 * The store's schema versions as data — which tables each version has — shared by the app's
 * IndexedDB (db/schema.ts adds the Dexie upgrades), backup restore and `hinan backup-verify`,
 * which must know a file's tables without opening a database.
 */

/** One schema version: its number and the tables it added or changed (null: removed). */
export interface StoreVersion {
  version: number;
  stores: Readonly<Record<string, string | null>>;
}

/**
 * Every schema version the app has ever shipped, oldest first, with the tables (Dexie index specs;
 * null removes a table) it added or changed. Never edit a published entry: add a new one, and its
 * `upgrade` that rewrites old records in db/schema.ts (`SCHEMA_UPGRADES`).
 */
export const STORE_VERSIONS: readonly StoreVersion[] = [
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
  {
    // 災害時モード (issue 14): one row per disaster event (started here or joined from another
    // device), and the 安否確認 records of every event, merged from every device by id.
    version: 9,
    stores: {
      emergencies: 'id, startedAt',
      safetyRecords: 'id, eventId, personId, [eventId+personId]',
    },
  },
  {
    // Hazard at home read from the ハザードマップポータル's tiles (issue 16): one row per person or
    // shelter × hazard (core/hazardReading.ts), replaced by the next read of that subject and hazard.
    version: 10,
    stores: {
      hazardReadings: 'id, subject, subjectId',
    },
  },
];

/** The schema version this app writes (the last of `STORE_VERSIONS`). */
export const CURRENT_SCHEMA_VERSION = STORE_VERSIONS[STORE_VERSIONS.length - 1].version;

/** The table names a store of schema `version` has (every table added up to it, less removed ones). */
export function tablesAt(version: number): string[] {
  const names = new Set<string>();
  for (const v of STORE_VERSIONS) {
    if (v.version > version) break;
    for (const [name, spec] of Object.entries(v.stores)) {
      if (spec === null) names.delete(name);
      else names.add(name);
    }
  }
  return [...names];
}
