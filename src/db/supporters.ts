import { validateSupporter, type Supporter } from '../core/supporter';
import { putAllValidated } from './records';
import type { HinanDatabase } from './schema';

/** Saves supporters (all valid, or none written). */
export function saveSupporters(db: HinanDatabase, supporters: Supporter[]): Promise<void> {
  return putAllValidated(db, db.supporters, supporters, validateSupporter, (s) => `支援者「${s.name || s.id}」`);
}

/** Supporters, optionally of one district, sorted by name. */
export async function listSupporters(db: HinanDatabase, districtId?: string | null): Promise<Supporter[]> {
  const list = districtId ? await db.supporters.where('districtId').equals(districtId).toArray() : await db.supporters.toArray();
  return list.sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
}
