import { isShareable } from '../core/consent';
import type { Person } from '../core/person';
import type { HinanDatabase } from './schema';

/** What a screen may show of the 名簿: consented people only, and how many were withheld. */
export interface ShareablePeople {
  people: Person[];
  /** People in the same scope whose consent is refused or pending. */
  hiddenCount: number;
}

export interface PeopleScope {
  /** Limit to one district; undefined or null for all. */
  districtId?: string | null;
}

/**
 * The one gate every map layer, list, print and export reads people through:
 * returns only people whose consent allows sharing (core `isShareable`), sorted by フリガナ.
 */
export async function shareablePeople(db: HinanDatabase, scope: PeopleScope = {}): Promise<ShareablePeople> {
  const all = scope.districtId ? await db.people.where('districtId').equals(scope.districtId).toArray() : await db.people.toArray();
  const people = all.filter((p) => isShareable(p.consent));
  people.sort((a, b) => (a.nameKana || a.name).localeCompare(b.nameKana || b.name, 'ja') || a.id.localeCompare(b.id));
  return { people, hiddenCount: all.length - people.length };
}

/** One person by id, or undefined when absent or not shareable. */
export async function shareablePerson(db: HinanDatabase, id: string): Promise<Person | undefined> {
  const p = await db.people.get(id);
  return p && isShareable(p.consent) ? p : undefined;
}
