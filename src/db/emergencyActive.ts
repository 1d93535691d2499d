import Dexie, { type Transaction } from 'dexie';
import { isEmergencyActive, type Emergency } from '../core/emergency';
import type { HinanDatabase } from './schema';

/** The Dexie transaction the caller runs in, or null (Dexie types it as always present). */
function currentTransaction(): Transaction | null {
  return Dexie.currentTransaction ?? null;
}

/** The newest of `events` active at `now`, or null. */
function newestActive(events: readonly Emergency[], now: Date): Emergency | null {
  let active: Emergency | null = null;
  for (const e of events) {
    if (isEmergencyActive(e, now) && (active === null || e.startedAt > active.startedAt)) active = e;
  }
  return active;
}

/**
 * The 災害時モード event active at `now` (not ended, before its limit), or null; the newest by
 * start when, against the rules, more than one is. Read-only: usable inside `liveQuery`, and any
 * change to `emergencies` re-runs the query. Shared by the consent gate, the 提供記録 and
 * db/emergencies.ts (which re-exports it as `activeEmergency`). Called inside a transaction that
 * does not hold `emergencies` (a merge, a purge writing its 提供記録 entry), it reads outside that
 * transaction and keeps it open meanwhile (Dexie.waitFor).
 *
 * Not an async function on purpose: it hands back Dexie's own promise, so a liveQuery's zone
 * reaches the caller's next reads (behind an async function's extra ticks, Dexie loses it and the
 * caller's later reads — the people — would go unwatched).
 */
export function activeEmergencyAt(db: HinanDatabase, now: Date = new Date()): Promise<Emergency | null> {
  const tx = currentTransaction();
  if (tx && !tx.storeNames.includes('emergencies')) return Dexie.waitFor(Dexie.ignoreTransaction(() => db.emergencies.toArray())).then((all) => newestActive(all, now));
  return db.emergencies.toArray().then((all) => newestActive(all, now));
}
