import type { Emergency } from '../core/emergency';
import { revealsPerson } from '../core/emergency';
import type { Person } from '../core/person';
import { isOnRoster, isPersonShown } from '../core/rosterArchive';
import { activeEmergencyAt } from './emergencyActive';
import { readAllPaged } from './paged';
import type { HinanDatabase } from './schema';

/** What a screen may show of the 名簿: consented people on the current 名簿 (and, in 災害時モード, the people it reveals), and how many were withheld. */
export interface ShareablePeople {
  people: Person[];
  /**
   * People on the current 名簿 in the same scope who are still hidden: consent refused or pending
   * and not revealed by an active 災害時モード event (「同意のない N人」).
   */
  hiddenCount: number;
  /**
   * People in the same scope who left the 名簿 (archived): not shown and not part of the 名簿's
   * numbers — they are listed only in 「名簿から外れた人」. Never revealed, not even in 災害時モード.
   */
  archivedCount: number;
  /**
   * Ids of the people in `people` shown only because of the active 災害時モード event
   * (core/emergency.ts `revealsPerson`): everything that shows one marks it 「災害時提供」. Empty
   * when no event is active. People whose consent allows sharing are never in it.
   */
  revealedIds: ReadonlySet<string>;
  /** The event active when the gate was read, or null. */
  emergency: Emergency | null;
}

export interface PeopleScope {
  /** Limit to one district; undefined or null for all. */
  districtId?: string | null;
}

/**
 * The one gate every map layer, list, print and export reads people through: returns only people
 * on the current 名簿 whose consent allows sharing (core/rosterArchive.ts `isPersonShown`) and,
 * while a 災害時モード event is active at `now`, the people it reveals (pending always, refused
 * unless the event excludes them, only in its districts) — sorted by フリガナ. Read-only: usable
 * in `liveQuery` (a change to `people` or `emergencies` re-runs it). The mode's 72-hour limit is
 * read at `now`; a live query re-runs on a change, not on the clock, so the app also calls
 * db/emergencies.ts `expireEmergencies` every minute (which writes, and so re-runs the queries).
 */
export async function shareablePeople(db: HinanDatabase, scope: PeopleScope = {}, now: Date = new Date()): Promise<ShareablePeople> {
  const emergency = await activeEmergencyAt(db, now);
  let hiddenCount = 0;
  let archivedCount = 0;
  const people: Person[] = [];
  const revealedIds = new Set<string>();
  const keep = (page: Person[]) => {
    for (const p of page) {
      if (isPersonShown(p)) people.push(p);
      else if (emergency && revealsPerson(emergency, p)) {
        people.push(p);
        revealedIds.add(p.id);
      } else if (isOnRoster(p)) hiddenCount++;
      else archivedCount++;
    }
  };
  if (scope.districtId) keep(await db.people.where('districtId').equals(scope.districtId).toArray());
  else await readAllPaged(db.people, keep);
  people.sort(byKana);
  return { people, hiddenCount, archivedCount, revealedIds, emergency };
}

const kanaOrder = new Intl.Collator('ja');
const idOrder = new Intl.Collator();
/** フリガナ (else 氏名) in Japanese collation, then id: the order of every list of people. */
function byKana(a: Person, b: Person): number {
  return kanaOrder.compare(a.nameKana || a.name, b.nameKana || b.name) || idOrder.compare(a.id, b.id);
}

/**
 * One person by id, or undefined when absent, archived or not shareable. Consent only, even in
 * 災害時モード: the plan editor reads people through it, and no plan is written for someone
 * without consent.
 */
export async function shareablePerson(db: HinanDatabase, id: string): Promise<Person | undefined> {
  const p = await db.people.get(id);
  return p && isPersonShown(p) ? p : undefined;
}
