import { validateShelter, type Shelter } from '../core/shelter';
import { putAllValidated } from './records';
import type { HinanDatabase } from './schema';

/** Saves shelters (all valid, or none written). */
export function saveShelters(db: HinanDatabase, shelters: Shelter[]): Promise<void> {
  return putAllValidated(db, db.shelters, shelters, validateShelter, (s) => `避難所「${s.name || s.id}」`);
}

/** All shelters sorted by name. */
export async function listShelters(db: HinanDatabase): Promise<Shelter[]> {
  return (await db.shelters.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
}
