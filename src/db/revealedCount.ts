import { revealsPerson } from '../core/emergency';
import type { Person } from '../core/person';
import { activeEmergencyAt } from './emergencyActive';
import { readAllPaged } from './paged';
import type { HinanDatabase } from './schema';

/**
 * How many people the 災害時モード event active at `now` shows only because of the mode (in all its
 * districts, whatever district a screen shows): the banner's 「災害時提供の表示中（N人）」. 0 when no
 * event is active. Read-only: usable in `liveQuery` (a change to `people` or `emergencies` re-runs it).
 */
export async function revealedCount(db: HinanDatabase, now: Date = new Date()): Promise<number> {
  const e = await activeEmergencyAt(db, now);
  if (!e) return 0;
  let count = 0;
  const keep = (page: Person[]) => {
    for (const p of page) if (revealsPerson(e, p)) count++;
  };
  if (e.districtIds.length === 0) await readAllPaged(db.people, keep);
  else for (const id of e.districtIds) keep(await db.people.where('districtId').equals(id).toArray());
  return count;
}
