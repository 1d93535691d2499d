import Dexie from 'dexie';
import { DATABASE_NAME } from './schema';

/**
 * The temporary databases an old-schema restore upgrades its records in (db/backupFile.ts
 * `upgradeTables`), named `<prefix><epoch ms>-<uuid>`. They hold decrypted records, so one left by
 * a tab closed mid-restore is deleted at the next start.
 */
const STAGING_PREFIX = `${DATABASE_NAME}-backup-staging-`;
/** A staging database older than this was left behind (ms): a restore never takes an hour. */
const STAGING_LEFT_AFTER_MS = 60 * 60 * 1000;

/** A new staging database name. */
export function stagingDatabaseName(now = Date.now()): string {
  return `${STAGING_PREFIX}${now}-${crypto.randomUUID()}`;
}

/**
 * Deletes staging databases older than an hour (so another tab's restore in progress is left
 * alone). Returns how many; does nothing where the browser cannot list databases.
 */
export async function deleteLeftoverStaging(now = Date.now()): Promise<number> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return 0;
  let deleted = 0;
  for (const { name } of await indexedDB.databases()) {
    if (!name?.startsWith(STAGING_PREFIX)) continue;
    const startedAt = Number(name.slice(STAGING_PREFIX.length).split('-')[0]);
    if (Number.isFinite(startedAt) && now - startedAt < STAGING_LEFT_AFTER_MS) continue;
    await Dexie.delete(name);
    deleted++;
  }
  return deleted;
}
