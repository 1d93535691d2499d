/**
 * Which 名簿 consent a person keeps when a backup replaces the store (「バックアップから復元」,
 * issue 10): an older backup must not silently bring back a consent that was withdrawn or limited
 * since. Same spirit as a re-import (core/consentMerge.ts) and a merge (core/recordMerge.ts).
 *
 * This store's consent is kept for a person (same id in the store and in the backup) when
 * - it shares less than the backup's: 不同意/未確認 where the backup has 同意, or a 情報提供先 the
 *   backup names is missing here; and
 * - it is not shown to be older than the backup's: recorded after the backup was made, or the
 *   backup's record has no later time than this one (an undated withdrawal is never undone by a
 *   dated 同意: which came last cannot be told, and the narrower answer is the safe one).
 * A 未確認 with no date and no change in the app is "nothing recorded yet": the backup's consent.
 * Times are `consent.changed.at` (instant) or else `consent.date` (a Japan date, compared by day).
 */
import type { Consent } from './consent';
import { japanDateOf } from './japanDate';

/** Whether this store's consent (`stored`) is kept over the backup's (`backup`, from a file made at ISO instant `backupCreatedAt`). */
export function keepsStoredConsent(stored: Consent, backup: Consent, backupCreatedAt: string): boolean {
  if (stored.status === 'pending' && stored.date === null && !stored.changed) return false;
  if (!sharesMore(backup, stored)) return false;
  const storedAt = recordedAt(stored);
  if (!storedAt) return true;
  if (isLater(storedAt, { instant: backupCreatedAt, day: japanDateOf(backupCreatedAt) })) return true;
  const backupAt = recordedAt(backup);
  return !backupAt || !isLater(backupAt, storedAt);
}

interface RecordedAt {
  /** ISO 8601 instant, when the consent was changed in the app. */
  instant: string | null;
  /** Japan date `YYYY-MM-DD`. */
  day: string;
}

/** When a consent was recorded: the app's change time, or else its date; null when neither. */
function recordedAt(c: Consent): RecordedAt | null {
  if (c.changed?.at) return { instant: c.changed.at, day: japanDateOf(c.changed.at) };
  return c.date ? { instant: null, day: c.date } : null;
}

/** `a` later than `b`: by instant when both have one, else by Japan day. */
function isLater(a: RecordedAt, b: RecordedAt): boolean {
  if (a.instant && b.instant) return Date.parse(a.instant) > Date.parse(b.instant);
  return a.day > b.day;
}

/** True when `a` lets the person be shown where `b` does not: 同意 against no consent, or a recipient `b` lacks. */
function sharesMore(a: Consent, b: Consent): boolean {
  if (a.status !== 'given') return false;
  return b.status !== 'given' || a.recipients.some((r) => !b.recipients.includes(r));
}
