import Dexie, { type Table } from 'dexie';
import type { Person } from '../core/person';
import type { Supporter } from '../core/supporter';
import type { Shelter } from '../core/shelter';
import type { District } from '../core/district';
import type { HazardZone } from '../core/hazardZone';
import type { Plan } from '../core/plan';
import type { Drill } from '../core/drill';

/** A small key/value record for app state (demo flag, settings). */
export interface MetaEntry {
  key: string;
  value: unknown;
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
];

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
  meta!: Table<MetaEntry, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}
