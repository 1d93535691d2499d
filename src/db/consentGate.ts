import type { Person } from '../core/person';
import { isOnRoster, isPersonShown } from '../core/rosterArchive';
import { readAllPaged } from './paged';
import type { HinanDatabase } from './schema';

/** What a screen may show of the 名簿: consented people on the current 名簿 only, and how many were withheld. */
export interface ShareablePeople {
  people: Person[];
  /** People on the current 名簿 in the same scope whose consent is refused or pending (「同意のない N人」). */
  hiddenCount: number;
  /**
   * People in the same scope who left the 名簿 (archived): not shown and not part of the 名簿's
   * numbers — they are listed only in 「名簿から外れた人」.
   */
  archivedCount: number;
}

export interface PeopleScope {
  /** Limit to one district; undefined or null for all. */
  districtId?: string | null;
}

/**
 * The one gate every map layer, list, print and export reads people through:
 * returns only people on the current 名簿 whose consent allows sharing (core/rosterArchive.ts
 * `isPersonShown`), sorted by フリガナ.
 */
export async function shareablePeople(db: HinanDatabase, scope: PeopleScope = {}): Promise<ShareablePeople> {
  let hiddenCount = 0;
  let archivedCount = 0;
  const people: Person[] = [];
  const keep = (page: Person[]) => {
    for (const p of page) {
      if (isPersonShown(p)) people.push(p);
      else if (isOnRoster(p)) hiddenCount++;
      else archivedCount++;
    }
  };
  if (scope.districtId) keep(await db.people.where('districtId').equals(scope.districtId).toArray());
  else await readAllPaged(db.people, keep);
  people.sort(byKana);
  return { people, hiddenCount, archivedCount };
}

const kanaOrder = new Intl.Collator('ja');
const idOrder = new Intl.Collator();
/** フリガナ (else 氏名) in Japanese collation, then id: the order of every list of people. */
function byKana(a: Person, b: Person): number {
  return kanaOrder.compare(a.nameKana || a.name, b.nameKana || b.name) || idOrder.compare(a.id, b.id);
}

/** One person by id, or undefined when absent, archived or not shareable. */
export async function shareablePerson(db: HinanDatabase, id: string): Promise<Person | undefined> {
  const p = await db.people.get(id);
  return p && isPersonShown(p) ? p : undefined;
}
