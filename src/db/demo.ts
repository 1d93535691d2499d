import { validateDistrict } from '../core/district';
import { validatePerson } from '../core/person';
import { validateShelter } from '../core/shelter';
import { validateSupporter } from '../core/supporter';
import { assertAllValid } from './records';
import { requestPersistentStorage } from './persistence';
import { isRecord, isStringArray } from './plainValue';
import type { HinanDatabase } from './schema';

import type { DemoBundle as DemoData } from '../io/demoData';

/** State of the demo in this store, kept in `meta` under `demo`. */
export interface DemoState {
  /** The store has been set up once (demo loaded or user chose their own data). */
  initialized: boolean;
  /** Demo records are present. */
  active: boolean;
  shelterIds: string[];
}

const KEY = 'demo';

/** A stored demo state read back (missing fields as in a store never set up), or undefined for a value that is not one. */
export function demoStateOf(value: unknown): DemoState | undefined {
  if (!isRecord(value)) return undefined;
  return { initialized: Boolean(value.initialized), active: Boolean(value.active), shelterIds: isStringArray(value.shelterIds) ? value.shelterIds : [] };
}

export async function demoState(db: HinanDatabase): Promise<DemoState> {
  const entry = await db.meta.get(KEY);
  return demoStateOf(entry?.value) ?? { initialized: false, active: false, shelterIds: [] };
}

/**
 * On the first start with an empty store, loads the demo in one transaction.
 * Returns true when it loaded; false when the store was already set up (even if emptied since).
 */
export async function loadDemoIfFirstStart(db: HinanDatabase, load: () => Promise<DemoData>): Promise<boolean> {
  if ((await demoState(db)).initialized || (await db.people.count()) > 0) return false;
  const data = await load();
  assertAllValid(data.districts, validateDistrict, (d) => `地区「${d.name}」`);
  assertAllValid(data.people, validatePerson, (p) => `要支援者「${p.name}」`);
  assertAllValid(data.supporters, validateSupporter, (s) => `支援者「${s.name}」`);
  assertAllValid(data.shelters, validateShelter, (s) => `避難所「${s.name}」`);
  await requestPersistentStorage();
  return db.transaction('rw', [db.districts, db.people, db.supporters, db.shelters, db.meta], async () => {
    if ((await demoState(db)).initialized) return false; // another tab won the race
    await db.districts.bulkPut(data.districts);
    await db.people.bulkPut(data.people);
    await db.supporters.bulkPut(data.supporters);
    await db.shelters.bulkPut(data.shelters);
    const state: DemoState = { initialized: true, active: true, shelterIds: data.shelters.map((s) => s.id) };
    await db.meta.put({ key: KEY, value: state });
    return true;
  });
}

/**
 * Removes everything the demo added (fictional people, supporters, districts and the demo's
 * shelters) and any plans of demo people with their history, so the user starts with their own data.
 */
export async function removeDemo(db: HinanDatabase): Promise<void> {
  await db.transaction('rw', [db.districts, db.people, db.supporters, db.shelters, db.plans, db.planVersions, db.planDrafts, db.meta], async () => {
    const state = await demoState(db);
    const demoPeople = await db.people.where('origin').equals('demo').primaryKeys();
    await db.plans.where('personId').anyOf(demoPeople).delete();
    await db.planVersions.where('personId').anyOf(demoPeople).delete();
    await db.planDrafts.bulkDelete(demoPeople);
    await db.people.bulkDelete(demoPeople);
    await db.supporters.where('origin').equals('demo').delete();
    await db.districts.where('origin').equals('demo').delete();
    await db.shelters.bulkDelete(state.shelterIds);
    await db.meta.put({ key: KEY, value: { initialized: true, active: false, shelterIds: [] } satisfies DemoState });
  });
}
