import { isShareable } from '../core/consent';
import type { Person } from '../core/person';
import { readAllPaged } from './paged';
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
  let total = 0;
  const people: Person[] = [];
  const keep = (page: Person[]) => {
    total += page.length;
    for (const p of page) if (isShareable(p.consent)) people.push(p);
  };
  if (scope.districtId) keep(await db.people.where('districtId').equals(scope.districtId).toArray());
  else await readAllPaged(db.people, keep);
  people.sort(byKana);
  return { people, hiddenCount: total - people.length };
}

const kanaOrder = new Intl.Collator('ja');
const idOrder = new Intl.Collator();
/** フリガナ (else 氏名) in Japanese collation, then id: the order of every list of people. */
function byKana(a: Person, b: Person): number {
  return kanaOrder.compare(a.nameKana || a.name, b.nameKana || b.name) || idOrder.compare(a.id, b.id);
}

/** One person by id, or undefined when absent or not shareable. */
export async function shareablePerson(db: HinanDatabase, id: string): Promise<Person | undefined> {
  const p = await db.people.get(id);
  return p && isShareable(p.consent) ? p : undefined;
}
