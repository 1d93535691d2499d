import { validatePerson, type Person } from '../core/person';
import { putAllValidated } from './records';
import type { HinanDatabase } from './schema';

/** Saves people (all valid, or none written). Reading goes through `consentGate`. */
export function savePeople(db: HinanDatabase, people: Person[]): Promise<void> {
  return putAllValidated(db, db.people, people, validatePerson, (p) => `要支援者「${p.name || p.id}」`);
}

/** Number of people on the 名簿, whatever their consent (for counts only). */
export function countAllPeople(db: HinanDatabase): Promise<number> {
  return db.people.count();
}
