import { validateConsent, type Consent } from '../core/consent';
import type { Person } from '../core/person';
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
