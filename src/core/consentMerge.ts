/**
 * Which consent a person keeps when a 名簿 is imported again (or updated) while the store
 * already holds them. The store holds what the group recorded — a withdrawal typed in the app,
 * or an earlier file — and a file must not silently share more than that:
 *
 * - Nothing recorded yet (no stored person, or stored 未確認 with no date): the file's consent.
 * - The file's 同意日 is later than the stored one (or only the file has a date): the file's.
 * - Otherwise the stored consent is as new as the file's or newer, and:
 *   - a file that would share more — 同意 where the store has 不同意/未確認, or recipients the
 *     store does not have — does not: the stored consent is kept. Turning a stored refusal or
 *     未確認 into 同意 is a *conflict* the user may decide per person (default: keep the store's);
 *   - a file that shares less (不同意 where the store has 同意, fewer recipients) is taken
 *     unless the store's date is later than the file's: an undated narrower answer from the city
 *     must never leave someone shown;
 *   - a file that shares the same keeps the stored record (its date and method).
 * - Both 同意: a file naming no 情報提供先 leaves the stored ones; stored 同意 with none recorded
 *   (never chosen in the app) takes the file's.
 */
import type { Consent } from './consent';

export interface ConsentMerge {
  consent: Consent;
  /** The file would turn a stored refusal or 未確認 into 同意 (the stored consent is `consent` unless decided otherwise). */
  conflict: boolean;
}

/** Decides one person's consent from the stored record and the file's (see the rule above). */
export function mergeImportedConsent(stored: Consent | undefined, file: Consent): ConsentMerge {
  if (!stored || (stored.status === 'pending' && stored.date === null)) return { consent: file, conflict: false };
  if (stored.status === 'given' && file.status === 'given') {
    // A file silent about 情報提供先 (no such column, none ticked for the consent form) says nothing
    // about them: the stored ones stay — a yearly 名簿 must not strip every person's recipients.
    if (file.recipients.length === 0 && stored.recipients.length > 0) {
      return { consent: isLater(file.date, stored.date) ? { ...file, recipients: stored.recipients } : stored, conflict: false };
    }
    // 情報提供先 never recorded — none on the stored record, none chosen in the app — come from the file.
    if (stored.recipients.length === 0 && file.recipients.length > 0 && stored.changed === undefined) {
      return { consent: isLater(file.date, stored.date) ? file : { ...stored, recipients: file.recipients }, conflict: false };
    }
  }
  if (isLater(file.date, stored.date)) return { consent: file, conflict: false };
  if (sharesMore(file, stored)) return { consent: stored, conflict: stored.status !== 'given' };
  if (sharesMore(stored, file) && !(file.date !== null && isLater(stored.date, file.date))) return { consent: file, conflict: false };
  return { consent: stored, conflict: false };
}

/** True when date `a` (`YYYY-MM-DD`) is later than `b`; a date is later than no date, no date never is. */
function isLater(a: string | null, b: string | null): boolean {
  return a !== null && (b === null || a > b);
}

/** True when `a` lets the person be shown where `b` does not: 同意 against no consent, or a recipient `b` lacks. */
function sharesMore(a: Consent, b: Consent): boolean {
  if (a.status !== 'given') return false;
  return b.status !== 'given' || a.recipients.some((r) => !b.recipients.includes(r));
}
