/**
 * Merging another device's records into this store, record by record (issue 10, part 3):
 * 「別の端末のデータを統合」. Each rule takes this device's record (`ours`) and the other's
 * (`theirs`) with the same key and returns the record to keep; a record only the other device
 * has is added. A rule never loses a hand-made change it can see, and merging the same records
 * twice changes nothing (every rule is idempotent: merging `theirs` into its own result returns it).
 *
 * - With a modification time (people and supporters `updatedAt`, road networks `importedAt`,
 *   cached address answers `at`): the newer wins; at the same time this device's record is kept.
 * - People: then the more restrictive 名簿 consent of the two wins (see `restrictiveConsent`),
 *   until a person confirms it in the app.
 * - Shelters (no time): this device's record, plus the hand edits (capacity, notes, 開設しない)
 *   only the other device made; a field both edited keeps this device's value.
 * - Districts (no time): this device's record, with the other's outline when this one has none.
 * - Drills: one drill, the union of both devices' checks (a check is who, when, what), in time
 *   order; the start and end times that either device recorded.
 * - Imported reference data without a time (hazard zones, their coverage): this device's record.
 */
import { CONSENT_RECIPIENTS, type Consent, type ConsentStatus } from './consent';
import type { Drill, DrillRecord } from './drill';
import type { District } from './district';
import { copyShelterField, type Shelter } from './shelter';

/** JSON with object keys sorted, so two records written in another key order compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const entries: [string, unknown][] = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Whether two records hold the same data (key order ignored). */
export function sameRecord(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** `theirs` when its time is later than `ours`'s, else `ours` (ISO 8601 strings compared as instants; a missing time is oldest). */
export function newerWins<T>(ours: T, theirs: T, timeOf: (r: T) => string | null | undefined): T {
  return instant(timeOf(theirs)) > instant(timeOf(ours)) ? theirs : ours;
}

function instant(iso: string | null | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? -Infinity : t;
}

/** How restrictive a consent status is: 不同意 > 未確認 > 同意. */
const RESTRICTION: Record<ConsentStatus, number> = { refused: 2, pending: 1, given: 0 };

/**
 * The more restrictive of two 名簿 consents: the stronger status (不同意 > 未確認 > 同意); when both
 * are 同意, `newer`'s record with only the 情報提供先 both name. At the same status otherwise `newer`
 * (the consent of the record that won by time) is kept whole.
 */
export function restrictiveConsent(ours: Consent, theirs: Consent, newer: Consent): Consent {
  if (RESTRICTION[ours.status] !== RESTRICTION[theirs.status]) return RESTRICTION[ours.status] > RESTRICTION[theirs.status] ? ours : theirs;
  if (ours.status !== 'given') return newer;
  const recipients = CONSENT_RECIPIENTS.filter((r) => ours.recipients.includes(r) && theirs.recipients.includes(r));
  return recipients.length === newer.recipients.length ? newer : { ...newer, recipients };
}

/** Whether two consents let the person be shown differently (status or 情報提供先; dates and methods aside). */
export function consentRestrictionDiffers(a: Consent, b: Consent): boolean {
  if (a.status !== b.status) return true;
  if (a.status !== 'given') return false;
  return a.recipients.length !== b.recipients.length || a.recipients.some((r) => !b.recipients.includes(r));
}

/** The person record to keep: the newer by `updatedAt`, with the more restrictive consent of the two. */
export function mergePerson<P extends { updatedAt: string; consent: Consent }>(ours: P, theirs: P): P {
  const newer = newerWins(ours, theirs, (p) => p.updatedAt);
  const consent = restrictiveConsent(ours.consent, theirs.consent, newer.consent);
  return consent === newer.consent ? newer : { ...newer, consent };
}

/** This device's shelter with the hand edits only the other device made (see the module comment). */
export function mergeShelter(ours: Shelter, theirs: Shelter): Shelter {
  const mine = new Set(ours.edited ?? []);
  const taken = (theirs.edited ?? []).filter((f) => !mine.has(f));
  if (taken.length === 0) return ours;
  const merged: Shelter = { ...ours, edited: [...(ours.edited ?? []), ...taken] };
  for (const f of taken) copyShelterField(merged, theirs, f);
  return merged;
}

/** This device's district, with the other's outline when this one has none drawn or imported. */
export function mergeDistrict(ours: District, theirs: District): District {
  return ours.outline === null && theirs.outline !== null ? { ...ours, outline: theirs.outline } : ours;
}

/** One drill: this device's scenario, the union of both devices' checks (time order), either device's start and end. */
export function mergeDrill(ours: Drill, theirs: Drill): Drill {
  const seen = new Set(ours.records.map(recordKey));
  const extra = theirs.records.filter((r) => !seen.has(recordKey(r)));
  const startedAt = ours.startedAt ?? theirs.startedAt;
  const endedAt = ours.endedAt ?? theirs.endedAt;
  if (extra.length === 0 && startedAt === ours.startedAt && endedAt === ours.endedAt) return ours;
  const records = [...ours.records, ...extra].sort((a, b) => instant(a.at) - instant(b.at));
  return { ...ours, startedAt, endedAt, records };
}

/** A drill check's identity: who, when, what and the note. */
function recordKey(r: DrillRecord): string {
  return canonicalJson([r.personId, r.at, r.status, r.note]);
}
