import { CONSENT_RECIPIENTS, type ConsentRecipient } from '../core/consent';
import type { Person } from '../core/person';
import { isRecord } from './plainValue';
import type { HinanDatabase } from './schema';

/**
 * The 情報提供先 a city's consent form covers, for a 名簿 whose rows do not say (the app's
 * template has no 情報提供先 column). Remembered per file layout — the same source signature as a
 * column mapping (`mappingSignature`, kind + header set) — in the `meta` table, so the next file
 * of that layout is asked with the same boxes already ticked.
 */
interface SavedConsentForm {
  signature: string;
  recipients: ConsentRecipient[];
  /** ISO 8601 time of the answer. */
  savedAt: string;
}

const PREFIX = 'consentForm:';

/** Remembers (replaces) the recipients the consent form of one file layout covers. */
export async function saveConsentFormRecipients(db: HinanDatabase, signature: string, recipients: readonly ConsentRecipient[], savedAt = new Date().toISOString()): Promise<void> {
  const value: SavedConsentForm = { signature, recipients: CONSENT_RECIPIENTS.filter((r) => recipients.includes(r)), savedAt };
  await db.meta.put({ key: `${PREFIX}${signature}`, value });
}

/** The recipients remembered for a file layout, or null when never answered. */
export async function loadConsentFormRecipients(db: HinanDatabase, signature: string): Promise<ConsentRecipient[] | null> {
  const value = (await db.meta.get(`${PREFIX}${signature}`))?.value;
  const recipients: unknown = isRecord(value) ? value.recipients : undefined;
  return Array.isArray(recipients) ? CONSENT_RECIPIENTS.filter((r) => recipients.includes(r)) : null;
}

/** Rows of a file whose 同意 names no recipient: those the consent-form answer applies to. */
export function lacksRecipients(p: Person): boolean {
  return p.consent.status === 'given' && p.consent.recipients.length === 0;
}

/**
 * The file's people with the consent form's recipients on every 同意 row that names none (rows
 * that name their own keep them; rows without 同意 are unchanged). This is what the file says;
 * saving it still goes through the re-import consent rule (core/consentMerge.ts via `commitPeople`),
 * so a stored record that is as new keeps its own recipients.
 */
export function withConsentFormRecipients(people: readonly Person[], recipients: readonly ConsentRecipient[]): Person[] {
  if (recipients.length === 0) return [...people];
  const given = CONSENT_RECIPIENTS.filter((r) => recipients.includes(r));
  return people.map((p) => (lacksRecipients(p) ? { ...p, consent: { ...p.consent, recipients: [...given] } } : p));
}
