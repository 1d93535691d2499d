import type { HinanDatabase } from './schema';

/** Rows per table of the store now (table name → count), as a backup file's counts name them. */
export async function storeCounts(db: HinanDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}
