import { isShareable, type Consent } from '../core/consent';
import { mergeImportedConsent } from '../core/consentMerge';
import { isPersonShown } from '../core/rosterArchive';
import { validatePerson, type Person } from '../core/person';
import { assertAllValid } from './records';
import { requestPersistentStorage } from './persistence';
import type { HinanDatabase } from './schema';

/** A person a file would turn from a stored refusal or 未確認 into 同意 (core/consentMerge.ts). */
export interface ConsentConflict {
  personId: string;
  stored: Consent;
  file: Consent;
}

/** IDs of conflicting people whose file 同意 the user chose to take; everyone else keeps the stored consent. */
export type ConsentChoices = ReadonlySet<string>;

/** Stored people read per `bulkGet`. */
const CHUNK = 5000;

async function storedById(db: HinanDatabase, ids: string[]): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const p of await db.people.bulkGet(ids.slice(i, i + CHUNK))) if (p) out.set(p.id, p);
  }
  return out;
}

/** The people of a file whose stored refusal or 未確認 the file would turn into 同意 — to ask the user before saving. */
export async function findConsentConflicts(db: HinanDatabase, people: readonly Person[]): Promise<ConsentConflict[]> {
  const stored = await storedById(db, people.map((p) => p.id));
  const conflicts: ConsentConflict[] = [];
  for (const p of people) {
    const s = stored.get(p.id);
    if (s && mergeImportedConsent(s.consent, p.consent).conflict) conflicts.push({ personId: p.id, stored: s.consent, file: p.consent });
  }
  return conflicts;
}

/**
 * IDs of the file's `people` who would not be shown once imported with no answer from the user:
 * each one's file consent decided against the stored one by core/consentMerge.ts. The import
 * preview masks these — a person withdrawn in the app stays hidden even when the file says 同意.
 */
export async function hiddenAfterImport(db: HinanDatabase, people: readonly Person[]): Promise<Set<string>> {
  const stored = await storedById(db, people.map((p) => p.id));
  const hidden = new Set<string>();
  for (const p of people) {
    const s = stored.get(p.id);
    if (!isShareable(s ? mergeImportedConsent(s.consent, p.consent).consent : p.consent)) hidden.add(p.id);
  }
  return hidden;
}

/** Which of `ids` (any cells that may be IDs) are stored people who may not be shown (no consent, or off the 名簿): the column mapper leaves their rows out of its samples. */
export async function storedHiddenIds(db: HinanDatabase, ids: readonly string[]): Promise<Set<string>> {
  const stored = await storedById(db, [...new Set(ids)]);
  return new Set([...stored.values()].filter((p) => !isPersonShown(p)).map((p) => p.id));
}

/**
 * `people` as they may be written over the store: each keeps the consent core/consentMerge.ts
 * decides, so a re-import never undoes a withdrawal unless `choices` names the person. Call inside
 * a read-write transaction on `db.people` (the decision and the write are one). `kept` counts the
 * conflicts resolved to the stored consent.
 */
export async function withStoredConsent(db: HinanDatabase, people: readonly Person[], choices: ConsentChoices = new Set()): Promise<{ people: Person[]; kept: number }> {
  const stored = await storedById(db, people.map((p) => p.id));
  let kept = 0;
  const merged = people.map((p) => {
    const s = stored.get(p.id);
    if (!s) return p;
    const m = mergeImportedConsent(s.consent, p.consent);
    if (m.conflict && choices.has(p.id)) return p;
    if (m.conflict) kept++;
    return m.consent === p.consent ? p : { ...p, consent: m.consent };
  });
  return { people: merged, kept };
}

/** Saves people (all valid, or none written), keeping stored consent by the same rule as an import. Reading goes through `consentGate`. */
export async function savePeople(db: HinanDatabase, people: Person[]): Promise<void> {
  assertAllValid(people, validatePerson, (p) => `要支援者「${p.name || p.id}」`);
  await requestPersistentStorage();
  await db.transaction('rw', db.people, async () => db.people.bulkPut((await withStoredConsent(db, people)).people));
}
