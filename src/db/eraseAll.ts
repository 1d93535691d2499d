import Dexie from 'dexie';
import type { DemoState } from './demo';
import { deleteReceived, listReceived, purgeExpiredReceived, RECEIVED_REGISTRY_NAME, ReceivedRegistry } from './received';
import type { HinanDatabase } from './schema';
import { deleteTileStore } from './tileStore';

/**
 * 「すべてのデータを消去」 (issue 10, part 6): for the day a laptop changes hands. Removes every
 * table of the store (the 作業者名 too), the map's tiles of its hazard zones and roads (their own
 * database, db/tileStore.ts), the received hand-over files (their own databases), the
 * app's localStorage entries, and the Cache Storage entries that hold data — leaving the app shell
 * (the service worker's precache), so the app still starts offline, empty.
 *
 * The erase cannot be recorded in the 提供記録: that record is part of what it erases.
 *
 * After an erase the demo does not come back: the store is left with the demo state
 * `{initialized: true, active: false}` (written in the same transaction as the clearing), which
 * `loadDemoIfFirstStart` reads as "set up already".
 */

/** The word to type when the store has no district to name. */
export const ERASE_ALL_WORD = 'すべて消去';

/** localStorage keys of this app: settings (`hinan.`) and plan-draft copies (`hinan:`). */
function isAppStorageKey(key: string): boolean {
  return key.startsWith('hinan.') || key.startsWith('hinan:');
}

/**
 * Cache Storage entries that belong to the app shell (Workbox's precache: `workbox-precache-v2-…`)
 * and stay; every other cache (runtime caches of map tiles or data) is removed.
 */
function isAppShellCache(name: string): boolean {
  return name.startsWith('workbox-precache');
}

/**
 * Whether `typed` confirms the erase: the name of any one district (spaces and width ignored), or
 * `ERASE_ALL_WORD` when the store has no district.
 */
export function confirmsErase(typed: string, districtNames: readonly string[]): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  const word = norm(typed);
  if (!word) return false;
  return districtNames.length ? districtNames.some((n) => norm(n) === word) : word === norm(ERASE_ALL_WORD);
}

/** What an erase removed. */
export interface EraseSummary {
  /** Records removed from the store, all tables together. */
  records: number;
  receivedFiles: number;
  localStorageKeys: number;
  caches: number;
}

/** Empties every table in one transaction (all or nothing) and marks the store as set up without the demo. */
export async function eraseStore(db: HinanDatabase): Promise<number> {
  return db.transaction('rw', db.tables, async () => {
    let records = 0;
    for (const table of db.tables) {
      records += await table.count();
      await table.clear();
    }
    await db.meta.put({ key: 'demo', value: { initialized: true, active: false, shelterIds: [] } satisfies DemoState });
    return records;
  });
}

/** Removes this app's localStorage entries; returns how many. */
function eraseLocalStorage(storage: Storage): number {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null && isAppStorageKey(key)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
  return keys.length;
}

/** Removes every Cache Storage entry except the app shell's precache; returns how many. */
async function eraseDataCaches(cacheStorage: CacheStorage): Promise<number> {
  const names = (await cacheStorage.keys()).filter((n) => !isAppShellCache(n));
  for (const name of names) await cacheStorage.delete(name);
  return names.length;
}

/** Deletes every received hand-over file, and any file database the registry lost track of; returns how many files. */
async function eraseReceived(registry: ReceivedRegistry): Promise<number> {
  const files = await listReceived(registry);
  for (const file of files) await deleteReceived(registry, file.id);
  await purgeExpiredReceived(registry); // also deletes file databases the registry does not list
  return files.length;
}

export interface EraseTargets {
  /** Defaults to the app's registry of received files (when this device has one). */
  registry?: ReceivedRegistry;
  /** Defaults to the page's `localStorage` (absent in Node). */
  storage?: Storage;
  /** Defaults to the page's `caches` (absent in Node and on plain http other than localhost). */
  cacheStorage?: CacheStorage;
}

/** Erases everything (see the file comment). The store first: if it fails, nothing else is touched. */
export async function eraseAll(db: HinanDatabase, targets: EraseTargets = {}): Promise<EraseSummary> {
  const records = await eraseStore(db);
  // The tiles drawn from the erased zones and roads (a derived cache; an open connection, the map's, is closed by the delete).
  await deleteTileStore(db.name);
  // The registry is only opened when it exists (opening would create it).
  const registry = targets.registry ?? ((await Dexie.exists(RECEIVED_REGISTRY_NAME)) ? new ReceivedRegistry() : null);
  let receivedFiles = 0;
  try {
    if (registry) receivedFiles = await eraseReceived(registry);
  } finally {
    if (!targets.registry) registry?.close();
  }
  const storage = targets.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
  const cacheStorage = targets.cacheStorage ?? (typeof caches === 'undefined' ? undefined : caches);
  return {
    records,
    receivedFiles,
    localStorageKeys: storage ? eraseLocalStorage(storage) : 0,
    caches: cacheStorage ? await eraseDataCaches(cacheStorage) : 0,
  };
}
