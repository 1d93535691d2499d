import { validateDistrict, type District } from '../core/district';
import { putAllValidated } from './records';
import type { HinanDatabase } from './schema';

/** Saves districts (all valid, or none written). */
export function saveDistricts(db: HinanDatabase, districts: District[]): Promise<void> {
  return putAllValidated(db, db.districts, districts, validateDistrict, (d) => `地区「${d.name || d.id}」`);
}

/** All districts sorted by name. */
export async function listDistricts(db: HinanDatabase): Promise<District[]> {
  return (await db.districts.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}
