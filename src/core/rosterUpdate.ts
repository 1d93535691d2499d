/**
 * 名簿の更新 (issue 11): comparing the city's next 名簿 with the store, record by record, and the
 * exact records an update would write. The preview shows this plan; applying it writes it in one
 * transaction (db/rosterUpdate.ts), so what the user saw is what happens. Pure: no store access.
 *
 * CONTRACT (lead): the types below are shared by core, db, ui, cli. The planner functions are
 * implemented in this file by the core helper.
 */
import { isDerivedPersonId } from './derivedPersonId';
import { isOnRoster, type ArchiveReason } from './rosterArchive';
import type { LocationCheck, Person, PlacedLocation, RecordOrigin } from './person';
import type { Supporter } from './supporter';
import type { PlanRosterReason } from './plan';
import type { Consent, ConsentRecipient } from './consent';
import { mergeImportedConsent } from './consentMerge';
import { distanceMetres, type Metres } from './geo';
import { majorityMunicipality } from './municipality';
import {
  changedReasonText, locationReasonText, personFieldWords, PLAN_REASON_WEIGHTS, RETURNED_REASON_FIELD, RETURNED_REASON_WEIGHT, returnedReasonText, ROSTER_FIELD_LABELS, supporterFieldWords,
} from './rosterChangeWording';
import { isRosterRecord, matchRoster, PERSON_NAME_RULE, sameAddress, SUPPORTER_NAME_RULE, type MatchableRecord, type NameMatchRule } from './rosterMatch';

/** Which 名簿 an update is about. */
export type RosterKind = 'people' | 'supporters';

/** The kind of 名簿 whose records are `T` (`people` for Person, `supporters` for Supporter). */
export type RosterKindOf<T> = T extends Person ? 'people' : T extends Supporter ? 'supporters' : RosterKind;

/** The person fields an update compares (every 名簿 item plus the planning needs). */
export const PERSON_ROSTER_FIELDS = ['name', 'nameKana', 'birthDate', 'sex', 'address', 'phone', 'reason', 'districtId', 'location', 'mobility', 'household', 'medical', 'communication', 'consent'] as const;
export type PersonRosterField = (typeof PERSON_ROSTER_FIELDS)[number];

/** The supporter fields an update compares. */
export const SUPPORTER_ROSTER_FIELDS = ['name', 'role', 'address', 'phone', 'availability', 'capacity', 'districtId', 'location'] as const;
export type SupporterRosterField = (typeof SUPPORTER_ROSTER_FIELDS)[number];

export type RosterField = PersonRosterField | SupporterRosterField;

/** How a file row was paired with a stored record. */
export type MatchedBy = 'id' | 'name_birth' | 'name_birth_address' | 'name_address';

/** One field that differs, in words as shown and as written to the 変更一覧 CSV. */
export interface FieldChange {
  /** `id`: a record matched by 氏名+生年月日 takes the file's (renumbered) ID. */
  field: RosterField | 'id';
  /** 項目名, e.g. 「移動」. */
  label: string;
  /** Old and new values in words (「杖・歩行器」, 「車いす」; 「（なし）」 for empty). */
  old: string;
  new: string;
}

/** A stored record the file lists (by ID or by 氏名+生年月日), and what the update writes for it. */
export interface MatchedRecord<T> {
  /** The record as stored. */
  before: T;
  /** The record as the update writes it (the file's values, with the kept place and consent). */
  after: T;
  matchedBy: MatchedBy;
  /** Fields whose value differs between `before` and `after` (empty for an unchanged record). */
  changes: FieldChange[];
}

/** A file row matched by 氏名+生年月日 to more than one stored record: not matched (listed for the user). */
export interface AmbiguousMatch<T> {
  file: T;
  candidateIds: string[];
  /**
   * The row's ID is stored for another person (氏名 and 生年月日 both differ): held until the user
   * confirms it is the same person (`RosterUpdateChoices.sameIdentity`).
   */
  differentPerson?: boolean;
  /** With `differentPerson`: the file also lists the stored person by 氏名+生年月日 under another ID, so 「同じ人です」 cannot be taken. */
  listedElsewhere?: boolean;
}

/** A hand-placed (or 位置の確認) place that a file's coordinates would move by more than 50 m: the user chooses. */
export interface LocationChoice {
  id: string;
  stored: PlacedLocation;
  file: PlacedLocation;
  /** Great-circle distance between the two. */
  metres: Metres;
}

/** A person the file would turn from a stored refusal or 未確認 into 同意 (the user chooses; default keep). */
export interface RosterConsentConflict {
  id: string;
  stored: Consent;
  file: Consent;
}

/** Counts per district (key: district id, or the file's district name for a new district; '' for none). */
export interface RosterUpdateCounts {
  added: number;
  archived: number;
  changed: number;
  returned: number;
  unchanged: number;
}

/** What the user decides in the preview. */
export interface RosterUpdateChoices {
  /**
   * The file lists the whole 名簿 (the city's yearly file): stored records it does not list leave the
   * 名簿 (archived). False for a file of some people only (one district's, or the rows of a file
   * read without its error rows): nobody is archived, the rest stay as they are.
   */
  wholeRoster: boolean;
  /** Match rows whose ID is not stored by 氏名+生年月日 (+住所) (offered when IDs were renumbered or absent). */
  matchByName: boolean;
  /** Reason per archived id; `archiveReasonForAll` for the rest. */
  archiveReasons: Record<string, ArchiveReason>;
  archiveReasonForAll: ArchiveReason;
  /** IDs (stored) whose file coordinates replace the kept place (see `LocationChoice`). */
  takeFileLocation: ReadonlySet<string>;
  /** IDs whose file 同意 replaces a stored refusal/未確認 (see `RosterConsentConflict`). */
  takeFileConsent: ReadonlySet<string>;
  /** IDs whose stored record and file row the user confirmed are one person although 氏名 and 生年月日 both differ. */
  sameIdentity: ReadonlySet<string>;
  /**
   * 名簿 only: the consent form's 情報提供先 the user ticked for 同意 rows that name none — given to new
   * people and to stored people with none recorded (never to one who chose none in the app); stored
   * 情報提供先 are never narrowed by them.
   */
  formRecipients?: readonly ConsentRecipient[];
}

/** Facts of the update itself. */
export interface RosterUpdateContext {
  /** The update's id (also `RosterUpdateRecord.id`). */
  updateId: string;
  fileName: string;
  /** ISO 8601 instant of the update; `today` is its date in Japan (`YYYY-MM-DD`). */
  now: string;
  today: string;
  /** District id → name, for the words of a district change. */
  districtNames: ReadonlyMap<string, string>;
}

/** Everything an update would do: the preview shows it, the apply writes `writes` and `planReasons`. */
export interface RosterUpdatePlan<T> {
  kind: RosterKindOf<T>;
  /** In the file, not in the store. */
  added: T[];
  /** On the current 名簿 in the store, not in the file: archived (with their reason in `after`). */
  archived: MatchedRecord<T>[];
  /** Archived in the store, listed again by the file: restored (with their plan). */
  returned: MatchedRecord<T>[];
  /** Matched and different. */
  changed: MatchedRecord<T>[];
  unchanged: number;
  /** Matches made by 氏名+生年月日 (+住所) rather than by ID (their ID is renumbered to the file's). */
  matchedByName: number;
  ambiguous: AmbiguousMatch<T>[];
  /** Stored ids whose record moves to the file's id (renumbered), with their plan and history. */
  renumbered: { fromId: string; toId: string }[];
  locationChoices: LocationChoice[];
  consentConflicts: RosterConsentConflict[];
  /** Ids whose 住所 changed without coordinates: place dropped, 「位置の確認が必要」. */
  locationChecks: string[];
  /** Per district and in total. */
  byDistrict: Map<string, RosterUpdateCounts>;
  total: RosterUpdateCounts;
  /** Stored on-roster records (excluding the demo): the base of the more-than-half rule. */
  storedOnRoster: number;
  /** Districts (keys as in `byDistrict`) the update would leave without anyone on the 名簿 (see `emptiedDistricts`). */
  emptiedDistricts: string[];
  /**
   * True when `archived` is more than half of `storedOnRoster`, or a district loses everyone
   * (`emptiedDistricts`): applying needs the user to confirm the number.
   */
  archiveNeedsConfirmation: boolean;
  /** Set when the file is for another city (no ID and no 氏名+生年月日 in common, addresses in another municipality): refused. */
  refusal: string | null;
  /** Every record to put (added, changed, returned, archived), as written. */
  writes: T[];
  /** People only: the reasons each affected plan gets (status 本人確認済 → 要見直し), keyed by person id after renumbering. */
  planReasons: Map<string, PlanRosterReason[]>;
}

/** One applied update, kept for the 地区カルテ's history (table `rosterUpdates`, schema v8). */
export interface RosterUpdateRecord {
  id: string;
  kind: RosterKind;
  /** ISO 8601 instant; `on` its date in Japan. */
  at: string;
  on: string;
  fileName: string;
  /** 作業者名 of the device (db/operator.ts), or null when none was set. */
  operator: string | null;
  counts: RosterUpdateCounts & { matchedByName: number; reviews: number; locationChecks: number };
}

export type PersonRosterPlan = RosterUpdatePlan<Person>;
export type SupporterRosterPlan = RosterUpdatePlan<Supporter>;

// ---------------------------------------------------------------------------------------------
// The planner (core helper).

/** Choices before the user said anything: match by name, reason 不明 for everyone, keep every stored place and consent. */
export function defaultRosterChoices(): RosterUpdateChoices {
  return { wholeRoster: true, matchByName: true, archiveReasons: {}, archiveReasonForAll: 'unknown', takeFileLocation: new Set(), takeFileConsent: new Set(), sameIdentity: new Set() };
}

/**
 * The update of the 名簿 `stored` (may hold archived and demo records) by the rows of `file`.
 * Demo records are not part of the 名簿: never matched (core/rosterMatch.ts), archived or counted.
 * Stored on-roster records the file does not list are archived with the chosen reason, except the
 * candidates of an ambiguous row (left as they are); archived records the file lists return without
 * their mark. Places follow `decidePlace`. `byDistrict` counts a record under its district as
 * written (archived ones under their stored district). Fields compare as the user reads them: 住所 after NFKC,
 * spaces and dash variants (core/rosterMatch.ts), 医療 / 意思疎通 / 提供先 as sets, 位置 to 1e-6°,
 * 同意 by status, date, method and recipients. The consent of a matched person is decided by
 * core/consentMerge.ts (a conflict keeps the stored consent unless `choices.takeFileConsent` has
 * the stored id). Each changed or returned person whose plan content changed (移動, 医療, 世帯,
 * 意思疎通, 住所/位置, 地区, 同意) gets `planReasons` in words, keyed by the id as written.
 * Choices (`takeFileLocation`, `takeFileConsent`, `archiveReasons`) and the ids of
 * `locationChoices` / `consentConflicts` / `archived` are stored ids; `locationChecks` and
 * `planReasons` use the id as written (the file's, after renumbering).
 */
export function planPeopleUpdate(stored: readonly Person[], file: readonly Person[], choices: RosterUpdateChoices, ctx: RosterUpdateContext): PersonRosterPlan {
  return planRoster(stored, file, choices, ctx, PERSON_SPEC);
}

/**
 * The update of the 支援者名簿 `stored` by `file`: the same rules as `planPeopleUpdate`, matched by
 * 氏名 + 住所 when IDs differ, with no consent and no plan reasons. A changed 住所 without
 * coordinates drops the place and lists the id in `locationChecks` (a supporter has no
 * `locationCheck` mark: an unplaced supporter already shows in 位置の確認).
 */
export function planSupportersUpdate(stored: readonly Supporter[], file: readonly Supporter[], choices: RosterUpdateChoices, ctx: RosterUpdateContext): SupporterRosterPlan {
  return planRoster(stored, file, choices, ctx, SUPPORTER_SPEC);
}

/** What both kinds share. */
type RosterRecord = MatchableRecord & { location: PlacedLocation | null; districtId: string | null; createdAt: string; updatedAt: string };

/** Where a matched record is placed after the update, and why. */
interface PlaceDecision {
  location: PlacedLocation | null;
  /** The user's choice between a kept place and the file's, when > 50 m apart. */
  choice: LocationChoice | null;
  /** 位置の確認が必要: set (住所 changed without coordinates), clear (the file places the record), keep (as stored). */
  check: 'set' | 'clear' | 'keep';
}

/** The values every written record takes from the update rather than from the file row. */
interface RecordStamp {
  id: string;
  location: PlacedLocation | null;
  origin: RecordOrigin;
  createdAt: string;
  updatedAt: string;
}

/**
 * How one kind of record is compared, worded and written. `K`: the values of the record as
 * written that are neither the file's nor the decided place (people: the consent kept, the
 * 位置の確認 mark).
 */
interface RosterSpec<T extends RosterRecord, F extends RosterField, K> {
  kind: RosterKindOf<T>;
  fields: readonly F[];
  rule: NameMatchRule<T>;
  /**
   * True when `field` reads the same to the user in `before` and in the record the update would
   * write: the file row `file`, with `kept` and the decided place `location` over it.
   */
  same: (field: F, before: T, file: T, kept: K, location: PlacedLocation | null) => boolean;
  words: (r: T, field: F, districtNames: ReadonlyMap<string, string>) => string;
  /** `K` from `before` and the file row; lists consent conflicts in `plan`. */
  kept: (before: T, file: T, place: PlaceDecision, choices: RosterUpdateChoices, ctx: RosterUpdateContext, plan: RosterUpdatePlan<T>) => K;
  /** True when the 位置の確認 mark as written (in `kept`) differs from `before`'s. */
  markMoved: (before: T, kept: K) => boolean;
  /** The record as written: the file row's values without its archive and 位置の確認 marks, then `kept`, then `stamp`. */
  write: (file: T, kept: K, stamp: RecordStamp) => T;
  /** For refusal messages: what besides the ID was compared (「氏名・生年月日」). */
  nameWords: string;
  /** The plan reasons of a changed or returned record (people only). */
  reasons: ((m: MatchedRecord<T>, returning: boolean, ctx: RosterUpdateContext) => PlanRosterReason[]) | null;
  /** A new record as written (the file's row, with what the choices add to it). */
  added?: (file: T, choices: RosterUpdateChoices) => T;
}

/** Places set by hand or by 位置の確認: kept unless the file brings coordinates far enough away. */
const KEPT_SOURCES: ReadonlySet<string> = new Set(['manual', 'geocode_block', 'geocode_town', 'geocode_online']);

/** Farther than this (metres) between a kept place and the file's coordinates, the user chooses. */
export const LOCATION_CHOICE_METRES = 50;

/** Coordinates equal to 1e-6° (about 0.1 m). */
const COORD_EPS = 1e-6;

function sameLocation(a: PlacedLocation | null, b: PlacedLocation | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a.lng - b.lng) <= COORD_EPS && Math.abs(a.lat - b.lat) <= COORD_EPS;
}

/** The same codes, whatever their order. */
function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
  return true;
}

/** Status, date, method and recipients (not who changed it in the app). */
function sameConsent(a: Consent, b: Consent): boolean {
  return a.status === b.status && a.date === b.date && a.method === b.method && sameSet(a.recipients, b.recipients);
}

/**
 * The place rules: a stored place set by hand or by 位置の確認 (`KEPT_SOURCES`) is kept unless the
 * file brings coordinates; when they are more than 50 m away the user chooses (`takeFile`), within
 * 50 m the stored place stays. A place from a file's coordinates takes the new file's. Without
 * coordinates in the file: the same 住所 keeps the stored place; a changed 住所 drops it.
 */
function decidePlace(before: RosterRecord, file: RosterRecord, addressChanged: boolean, takeFile: boolean): PlaceDecision {
  const s = before.location, f = file.location;
  if (f === null) return addressChanged ? { location: null, choice: null, check: 'set' } : { location: s, choice: null, check: 'keep' };
  if (s !== null && KEPT_SOURCES.has(s.source)) {
    const metres = distanceMetres([s.lng, s.lat], [f.lng, f.lat]);
    if (metres <= LOCATION_CHOICE_METRES) return { location: s, choice: null, check: 'clear' };
    return { location: takeFile ? f : s, choice: { id: before.id, stored: s, file: f, metres }, check: 'clear' };
  }
  return { location: s !== null && sameLocation(s, f) ? s : f, choice: null, check: 'clear' };
}

function emptyCounts(): RosterUpdateCounts {
  return { added: 0, archived: 0, changed: 0, returned: 0, unchanged: 0 };
}

/** `consent` with the consent form's 情報提供先 when it is 同意 naming none (else as it is). */
function withFormRecipients(consent: Consent, form: readonly ConsentRecipient[] | undefined): Consent {
  if (consent.status !== 'given' || consent.recipients.length > 0 || !form || form.length === 0) return consent;
  return { ...consent, recipients: [...form] };
}

/** The generic planner behind `planPeopleUpdate` and `planSupportersUpdate`. */
function planRoster<T extends RosterRecord, F extends RosterField, K>(stored: readonly T[], file: readonly T[], choices: RosterUpdateChoices, ctx: RosterUpdateContext, spec: RosterSpec<T, F, K>): RosterUpdatePlan<T> {
  const plan: RosterUpdatePlan<T> = {
    kind: spec.kind, added: [], archived: [], returned: [], changed: [], unchanged: 0, matchedByName: 0, ambiguous: [], renumbered: [],
    locationChoices: [], consentConflicts: [], locationChecks: [], byDistrict: new Map(), total: emptyCounts(), storedOnRoster: 0,
    emptiedDistricts: [], archiveNeedsConfirmation: false, refusal: null, writes: [], planReasons: new Map(),
  };
  const count = (districtId: string | null, what: keyof RosterUpdateCounts) => {
    const key = districtId ?? '';
    let c = plan.byDistrict.get(key);
    if (!c) plan.byDistrict.set(key, (c = emptyCounts()));
    c[what]++;
    plan.total[what]++;
  };

  const m = matchRoster(stored, file, choices.matchByName, spec.rule, choices.sameIdentity);
  plan.ambiguous = m.ambiguous;

  for (const row of m.added) {
    const f = spec.added ? spec.added(row, choices) : row;
    plan.added.push(f);
    plan.writes.push(f);
    count(f.districtId, 'added');
  }

  for (const { stored: before, file: f, by } of m.pairs) {
    if (by !== 'id') plan.matchedByName++;
    const returning = before.archived !== undefined;
    // A file without an ID column (core/derivedPersonId.ts) keeps the stored ID: only a city's ID renumbers.
    const renumber = f.id !== before.id && !isDerivedPersonId(f.id);
    const place = decidePlace(before, f, !sameAddress(before.address, f.address), choices.takeFileLocation.has(before.id));
    if (place.choice) plan.locationChoices.push(place.choice);
    const kept = spec.kept(before, f, place, choices, ctx, plan);
    // Compared without building the record: most rows are unchanged.
    let changed: F[] | null = null;
    for (const field of spec.fields) if (!spec.same(field, before, f, kept, place.location)) (changed ??= []).push(field);
    if (changed === null && !returning && !renumber && !spec.markMoved(before, kept)) {
      plan.unchanged++;
      count(before.districtId, 'unchanged');
      continue;
    }
    const after = spec.write(f, kept, { id: renumber ? f.id : before.id, location: place.location, origin: before.origin, createdAt: before.createdAt, updatedAt: ctx.now });
    const changes: FieldChange[] = (changed ?? []).map((field) => ({
      field, label: ROSTER_FIELD_LABELS[field], old: spec.words(before, field, ctx.districtNames), new: spec.words(after, field, ctx.districtNames),
    }));
    // The ID is a 名簿 item too: a renumbered record is a changed one.
    if (renumber) changes.unshift({ field: 'id', label: 'ID', old: before.id, new: after.id });
    const record: MatchedRecord<T> = { before, after, matchedBy: by, changes };
    if (returning) {
      plan.returned.push(record);
      count(after.districtId, 'returned');
    } else if (changes.length > 0) {
      plan.changed.push(record);
      count(after.districtId, 'changed');
    } else {
      plan.unchanged++;
      count(after.districtId, 'unchanged');
    }
    if (renumber) plan.renumbered.push({ fromId: before.id, toId: after.id });
    if (place.check === 'set') plan.locationChecks.push(after.id);
    plan.writes.push(after);
    const reasons = spec.reasons?.(record, returning, ctx);
    if (reasons && reasons.length > 0) plan.planReasons.set(after.id, reasons);
  }

  for (const before of stored) if (isRosterRecord(before) && isOnRoster(before)) plan.storedOnRoster++;
  for (const before of m.unpaired) {
    if (!isOnRoster(before) || !choices.wholeRoster) continue;
    const reason = Object.hasOwn(choices.archiveReasons, before.id) ? choices.archiveReasons[before.id] : choices.archiveReasonForAll;
    const after = { ...before, archived: { updateId: ctx.updateId, at: ctx.now, on: ctx.today, reason, fileName: ctx.fileName }, updatedAt: ctx.now };
    plan.archived.push({ before, after, matchedBy: 'id', changes: [] });
    plan.writes.push(after);
    count(before.districtId, 'archived');
  }

  plan.emptiedDistricts = emptiedDistricts(stored, plan);
  plan.archiveNeedsConfirmation = plan.archived.length > plan.storedOnRoster / 2 || plan.emptiedDistricts.length > 0;
  plan.refusal = otherCityRefusal(stored, file, plan, spec);
  return plan;
}

/** A district must hold at least this many on the 名簿 before losing all of them asks for confirmation. */
const EMPTIED_DISTRICT_MIN = 2;

/**
 * Districts (keys as in `byDistrict`) whose every stored 名簿 record (at least EMPTIED_DISTRICT_MIN)
 * the update archives and none of whose records the file lists: a district's worth of people
 * leaving at once is a wrong file (another district's list) far more often than a year's change.
 */
function emptiedDistricts<T extends RosterRecord>(stored: readonly T[], plan: RosterUpdatePlan<T>): string[] {
  if (plan.archived.length === 0) return [];
  const onRoster = new Map<string, number>();
  for (const s of stored) if (isRosterRecord(s) && isOnRoster(s)) onRoster.set(s.districtId ?? '', (onRoster.get(s.districtId ?? '') ?? 0) + 1);
  const out: string[] = [];
  for (const [key, n] of onRoster) {
    const c = plan.byDistrict.get(key);
    if (n >= EMPTIED_DISTRICT_MIN && c && c.archived === n && c.added + c.changed + c.unchanged + c.returned === 0) out.push(key);
  }
  return out;
}

/**
 * The refusal of another city's file: the store holds a 名簿, fewer than half of the file's rows are
 * the store's people (paired by ID with the same identity, or sharing 氏名+生年月日 — supporters:
 * 氏名+住所 — with a stored record), and the municipality most of the file's 住所 name differs from
 * the one most of the store's name (core/municipality.ts reads it from the 住所 text). Rows held
 * because their ID names someone else do not count: another city may use the same numbers, and one
 * coincidence must not let its file through. Never refused when either side's addresses name no
 * municipality, nor for a real update after a merger of municipalities (most rows are ours). Null
 * when not refused.
 */
function otherCityRefusal<T extends RosterRecord, F extends RosterField, K>(stored: readonly T[], file: readonly T[], plan: RosterUpdatePlan<T>, spec: RosterSpec<T, F, K>): string | null {
  if (plan.storedOnRoster === 0 || file.length === 0) return null;
  const storedKeys = new Set<string>();
  const storedById = new Map<string, T>();
  const storedAddresses: string[] = [];
  for (const s of stored) {
    if (!isRosterRecord(s)) continue;
    storedAddresses.push(s.address);
    storedById.set(s.id, s);
    const k = spec.rule.key(s);
    if (k !== null) storedKeys.add(k);
  }
  // Each file row counts once: ours by its ID (the same person) or by its 氏名+生年月日.
  let ours = 0;
  for (const f of file) {
    const s = storedById.get(f.id);
    const k = spec.rule.key(f);
    if ((s !== undefined && !spec.rule.differentPerson(s, f)) || (k !== null && storedKeys.has(k))) ours++;
  }
  if (ours * 2 >= file.length) return null;
  const storeCity = majorityMunicipality(storedAddresses);
  const fileCity = majorityMunicipality(file.map((f) => f.address));
  if (storeCity === null || fileCity === null || storeCity === fileCity) return null;
  const what = spec.kind === 'people' ? '名簿' : '支援者名簿';
  return `このファイルの住所は主に「${fileCity}」で、保存されている${what}（主に「${storeCity}」）の人とIDや${spec.nameWords}が一致する行が半分に届きません。別の市町村の${what}のため更新しません。ファイルを確かめてください。`;
}

/** What a person's record as written keeps from the store or the choices rather than the file row. */
interface PersonKept {
  consent: Consent;
  locationCheck?: LocationCheck;
}

const PERSON_SPEC: RosterSpec<Person, PersonRosterField, PersonKept> = {
  kind: 'people',
  fields: PERSON_ROSTER_FIELDS,
  rule: PERSON_NAME_RULE,
  nameWords: '氏名・生年月日',
  same: (field, before, file, kept, location) => {
    switch (field) {
      case 'medical':
      case 'communication': return sameSet(before[field], file[field]);
      case 'consent': return sameConsent(before.consent, kept.consent);
      case 'location': return sameLocation(before.location, location);
      case 'address': return sameAddress(before.address, file.address);
      default: return before[field] === file[field];
    }
  },
  markMoved: (before, kept) => before.locationCheck !== kept.locationCheck,
  write: (file, kept, stamp) => {
    const { archived: _archived, locationCheck: _check, ...values } = file;
    return { ...values, ...kept, ...stamp };
  },
  words: personFieldWords,
  added: (f, choices) => {
    const consent = withFormRecipients(f.consent, choices.formRecipients);
    return consent === f.consent ? f : { ...f, consent };
  },
  kept: (before, file, place, choices, ctx, plan) => {
    const merged = mergeImportedConsent(before.consent, file.consent);
    let consent = merged.consent;
    if (merged.conflict) {
      plan.consentConflicts.push({ id: before.id, stored: before.consent, file: file.consent });
      if (choices.takeFileConsent.has(before.id)) consent = file.consent;
    }
    // None chosen in the app is a choice the consent form does not override.
    const choseNone = before.consent.status === 'given' && before.consent.recipients.length === 0 && before.consent.changed !== undefined;
    if (!choseNone) consent = withFormRecipients(consent, choices.formRecipients);
    const locationCheck = place.check === 'set' ? { on: ctx.today, previousAddress: before.address } : place.check === 'keep' ? before.locationCheck : undefined;
    return locationCheck ? { consent, locationCheck } : { consent };
  },
  reasons: (m, returning, ctx) => {
    const out: PlanRosterReason[] = [];
    if (returning) out.push({ on: ctx.today, updateId: ctx.updateId, field: RETURNED_REASON_FIELD, text: returnedReasonText(ctx.today), weight: RETURNED_REASON_WEIGHT });
    for (const c of m.changes) {
      const weight = PLAN_REASON_WEIGHTS[c.field];
      if (weight === undefined) continue;
      const text = c.field === 'location' ? locationReasonText(ctx.today, m.before.location, m.after.location) : changedReasonText(ctx.today, c.label, c.old, c.new);
      out.push({ on: ctx.today, updateId: ctx.updateId, field: c.field, text, weight });
    }
    return out;
  },
};

/** A supporter's record as written keeps nothing from the store but the place and the stamp. */
type SupporterKept = Record<never, never>;

const SUPPORTER_SPEC: RosterSpec<Supporter, SupporterRosterField, SupporterKept> = {
  kind: 'supporters',
  fields: SUPPORTER_ROSTER_FIELDS,
  rule: SUPPORTER_NAME_RULE,
  nameWords: '氏名・住所',
  same: (field, before, file, _kept, location) => (field === 'location' ? sameLocation(before.location, location) : field === 'address' ? sameAddress(before.address, file.address) : before[field] === file[field]),
  markMoved: () => false,
  write: (file, kept, stamp) => {
    const { archived: _archived, ...values } = file;
    return { ...values, ...kept, ...stamp };
  },
  words: supporterFieldWords,
  kept: () => ({}),
  reasons: null,
};
