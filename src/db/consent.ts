import { CONSENT_RECIPIENTS, validateConsent, type Consent, type ConsentRecipient } from '../core/consent';
import type { Person } from '../core/person';
import { isOnRoster, isPersonShown } from '../core/rosterArchive';
import { ValidationFailed } from './errors';
import { requestPersistentStorage } from './persistence';
import type { HinanDatabase } from './schema';

/**
 * Gives, refuses or withdraws a person's consent to 名簿 sharing (one transaction). Withdrawing
 * (status other than `given`) hides the person from every screen reading through the consent
 * gate at once — live queries update without a reload. Only the consent is validated, so a
 * withdrawal is never blocked by another field. Returns the person as stored.
 */
export async function setPersonConsent(db: HinanDatabase, personId: string, consent: Consent, options: { now?: () => Date } = {}): Promise<Person> {
  const value: Consent = { ...consent, recipients: [...consent.recipients] };
  const errors = validateConsent(value, 'consent');
  if (errors.length) throw new ValidationFailed('名簿情報の提供への同意', errors);
  await requestPersistentStorage();
  const updatedAt = (options.now?.() ?? new Date()).toISOString();
  return db.transaction('rw', db.people, async () => {
    const person = await db.people.get(personId);
    if (!person) throw new Error('対象の要支援者が名簿にないため、同意を記録できません。');
    const updated: Person = { ...person, consent: value, updatedAt };
    await db.people.put(updated);
    return updated;
  });
}

/**
 * Records a change of a consenting person's 情報提供先 made in the app: the new recipients, the
 * date the person agreed to them (`date`, `YYYY-MM-DD`, becomes the consent's date, so a later
 * re-import of an older 名簿 does not undo it — core/consentMerge.ts) and who recorded it
 * (`by`, 変更者). Only a person whose consent is 同意 can have recipients.
 */
export async function setPersonRecipients(
  db: HinanDatabase,
  personId: string,
  change: { recipients: readonly ConsentRecipient[]; date: string; by: string },
  options: { now?: () => Date } = {},
): Promise<Person> {
  const recipients = CONSENT_RECIPIENTS.filter((r) => change.recipients.includes(r));
  const at = (options.now?.() ?? new Date()).toISOString();
  await requestPersistentStorage();
  // Read and write in one transaction: a withdrawal recorded meanwhile (another tab) is never undone.
  return db.transaction('rw', db.people, async () => {
    const person = await db.people.get(personId);
    if (!person) throw new Error('対象の要支援者が名簿にないため、情報提供先を記録できません。');
    if (!isPersonShown(person)) {
      throw new Error(isOnRoster(person) ? '名簿情報の提供に同意していない人には、情報提供先を記録できません。' : '名簿から外れた人には、情報提供先を記録できません。');
    }
    const consent: Consent = { ...person.consent, recipients, date: change.date, changed: { by: change.by.trim(), at } };
    const errors = validateConsent(consent, 'consent');
    if (errors.length) throw new ValidationFailed('情報提供先', errors);
    const updated: Person = { ...person, consent, updatedAt: at };
    await db.people.put(updated);
    return updated;
  });
}
