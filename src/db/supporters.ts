import { isOnRoster } from '../core/rosterArchive';
import type { Supporter } from '../core/supporter';
import type { HinanDatabase } from './schema';

/**
 * Supporters on the current 支援者名簿, optionally of one district, sorted by name: what every list,
 * map layer, picker, the 地区カルテ, the hand-over and the matching engine read. A supporter who left
 * the 名簿 (`archived`, core/rosterArchive.ts) is never listed, drawn, picked or matched.
 */
export async function listSupporters(db: HinanDatabase, districtId?: string | null): Promise<Supporter[]> {
  const list = districtId ? await db.supporters.where('districtId').equals(districtId).toArray() : await db.supporters.toArray();
  return list.filter(isOnRoster).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
}

/** The supporters with these ids that are on the current 支援者名簿 (absent and archived ones left out), in `ids` order. */
export async function supportersOnRoster(db: HinanDatabase, ids: readonly string[]): Promise<Supporter[]> {
  return (await db.supporters.bulkGet([...ids])).filter((s): s is Supporter => s !== undefined && isOnRoster(s));
}
