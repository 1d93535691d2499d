/**
 * What the 名簿の更新 preview shows of an update plan (core/rosterUpdate.ts), made in the import
 * worker so a 150,000-row plan never crosses to the page: counts in full, each list cut to its
 * first `SUMMARY_LIST_LIMIT` entries (the rest counted), no records to write. A person whom the
 * person gate (`isPersonShown`) hides both before and after the update appears only by ID and
 * consent — never by name, address or any other item. So does one the file withdraws (shown now,
 * not after the update): ID and the consent change only, as the 変更一覧 (core/rosterChangeList.ts)
 * and the re-import's consent question show them. People leaving the 名簿 keep their name (they
 * are listed in 「名簿から外れた人」 too). Pure.
 */
import { CONSENT_STATUS_LABELS } from '../core/consent';
import type { Person } from '../core/person';
import { isPersonShown } from '../core/rosterArchive';
import type { FieldChange, MatchedRecord, RosterConsentConflict, RosterKind, RosterUpdateCounts, RosterUpdatePlan } from '../core/rosterUpdate';
import type { Supporter } from '../core/supporter';

/** Entries shown per list; the rest are counted (「ほか N人」). */
export const SUMMARY_LIST_LIMIT = 200;

/** The district of a record without one (also its `data-district`). */
export const NO_DISTRICT = '地区なし';

/** One person (or supporter) in a list of the preview. */
export interface RosterListed {
  id: string;
  /** null when the person may not be shown after the update (no consent): ID and consent only. */
  name: string | null;
  /** District name, or `NO_DISTRICT`. */
  district: string;
  /** 名簿 only: the consent state in words (after the update), shown beside a hidden person's ID. */
  consent: string | null;
}

/** The first entries of a list and how many it holds. */
export interface RosterList<T> {
  items: T[];
  count: number;
}

export interface RosterUpdateSummary {
  kind: RosterKind;
  total: RosterUpdateCounts;
  matchedByName: number;
  /** Per district (by name, in name order). */
  districts: { name: string; counts: RosterUpdateCounts }[];
  added: RosterList<RosterListed>;
  archived: RosterList<RosterListed>;
  returned: RosterList<RosterListed>;
  /** Changed records with every changed field (none listed for a hidden person); `fromId` when renumbered. */
  changed: RosterList<RosterListed & { changes: FieldChange[]; fromId: string | null }>;
  /** Matched by 氏名+生年月日 and given the file's ID. */
  renumbered: RosterList<RosterListed & { fromId: string }>;
  /** File rows that match several stored records by 氏名+生年月日, or whose ID is stored for someone else (`differentPerson`): not matched. */
  ambiguous: RosterList<RosterListed & { candidateIds: string[]; differentPerson: boolean; listedElsewhere: boolean; storedName: string | null }>;
  /** Hand-set places the file's coordinates would move by more than 50 m (`id` is the stored ID). */
  locationChoices: RosterList<RosterListed & { metres: number }>;
  /** Stored refusals the file's 同意 would undo (ID and consent only). */
  consentConflicts: RosterList<RosterConsentConflict>;
  /** Changed 住所 without coordinates: 「位置の確認が必要」. */
  locationChecks: RosterList<RosterListed & { address: string | null }>;
  /** 本人確認済 plans the update sets to 要見直し, with the reasons (none listed for a hidden person). */
  reviews: RosterList<RosterListed & { reasons: string[] }>;
  storedOnRoster: number;
  /** Names of districts the update would leave without anyone on the 名簿. */
  emptiedDistricts: string[];
  archiveNeedsConfirmation: boolean;
  refusal: string | null;
  /** True when applying would write nothing (the same file again). */
  nothingChanges: boolean;
}

/** What the summary needs besides the plan, read from the store by the worker. */
export interface SummaryContext {
  /** District id → name. */
  districtNames: ReadonlyMap<string, string>;
  /** Stored person ids whose plan is 本人確認済. */
  confirmedPlans: ReadonlySet<string>;
  /** Stored ids (among the ambiguous rows' candidates) the person gate hides. */
  hiddenStored: ReadonlySet<string>;
  /** Stored records the summary must name that the plan does not carry: location choices' and the held rows' (by id). */
  storedRecords: ReadonlyMap<string, RosterRecord>;
}

type RosterRecord = Person | Supporter;

/** A 名簿 record rather than a supporter: only people carry a consent. */
const isPerson = (r: RosterRecord): r is Person => 'consent' in r;

function list<T, U>(all: readonly T[], map: (t: T) => U, limit = SUMMARY_LIST_LIMIT): RosterList<U> {
  return { items: all.slice(0, limit).map(map), count: all.length };
}

/** The preview of `plan`: counts, the first entries of each list, and nothing a hidden person's row would reveal. */
export function summarizeRosterPlan(plan: RosterUpdatePlan<RosterRecord>, ctx: SummaryContext): RosterUpdateSummary {
  // A person (a 名簿 record, with its consent) passes the person gate; a supporter is always shown.
  const shown = (r: RosterRecord) => (isPerson(r) ? isPersonShown(r) : true);
  const districtName = (key: string | null) => (key ? (ctx.districtNames.get(key) ?? key) : NO_DISTRICT);
  const consentWord = (r: RosterRecord) => (isPerson(r) ? CONSENT_STATUS_LABELS[r.consent.status] : null);
  /** A record as listed: `visible` decides whether its name is shown. */
  const entry = (r: RosterRecord, visible: boolean, district = r.districtId): RosterListed => ({
    id: r.id,
    name: visible ? r.name : null,
    district: districtName(district),
    consent: consentWord(r),
  });
  const matched = (m: MatchedRecord<RosterRecord>) => entry(m.after, shown(m.after));
  /** The changes a listed record may show: all of them once it is shown after the update, else only the consent change. */
  const visibleChanges = (m: MatchedRecord<RosterRecord>) => (shown(m.after) ? m.changes : m.changes.filter((c) => c.field === 'consent'));

  const byStoredId = new Map<string, MatchedRecord<RosterRecord>>();
  const byId = new Map<string, MatchedRecord<RosterRecord>>();
  for (const m of [...plan.changed, ...plan.returned]) {
    byStoredId.set(m.before.id, m);
    byId.set(m.after.id, m);
  }
  const storedIdOf = new Map(plan.renumbered.map((r) => [r.toId, r.fromId]));
  /** Every record as the update writes it, by id (renumbered and unchanged ones included). */
  const written = new Map(plan.writes.map((w) => [w.id, w]));

  const reviewed = [...plan.planReasons].filter(([id]) => ctx.confirmedPlans.has(storedIdOf.get(id) ?? id));
  const districts = [...plan.byDistrict]
    .map(([key, counts]) => ({ name: districtName(key), counts }))
    .sort((a, b) => (a.name === NO_DISTRICT ? 1 : b.name === NO_DISTRICT ? -1 : a.name.localeCompare(b.name, 'ja')));
  const t = plan.total;

  return {
    kind: plan.kind,
    total: t,
    matchedByName: plan.matchedByName,
    districts,
    added: list(plan.added, (r) => entry(r, shown(r))),
    archived: list(plan.archived, (m) => entry(m.before, shown(m.before) || shown(m.after), m.before.districtId)),
    returned: list(plan.returned, matched),
    changed: list(plan.changed, (m) => {
      return { ...entry(m.after, shown(m.after)), changes: visibleChanges(m), fromId: m.before.id !== m.after.id ? m.before.id : null };
    }),
    renumbered: list(plan.renumbered, (r) => {
      const m = byStoredId.get(r.fromId);
      const after = written.get(r.toId);
      const e = m ? matched(m) : after ? entry(after, shown(after)) : { id: r.toId, name: null, district: NO_DISTRICT, consent: null };
      return { ...e, id: r.toId, fromId: r.fromId };
    }),
    ambiguous: list(plan.ambiguous, (a) => {
      const visible = shown(a.file) && a.candidateIds.every((id) => !ctx.hiddenStored.has(id));
      const stored = a.differentPerson ? ctx.storedRecords.get(a.candidateIds[0]) : undefined;
      return {
        ...entry(a.file, visible), candidateIds: a.candidateIds, differentPerson: a.differentPerson === true, listedElsewhere: a.listedElsewhere === true,
        storedName: visible && stored ? stored.name : null,
      };
    }),
    locationChoices: list(plan.locationChoices, (c) => {
      // A place kept by default leaves the record unchanged: it is found among the stored records.
      const m = byStoredId.get(c.id) ?? byId.get(c.id);
      const stored = ctx.storedRecords.get(c.id);
      const e = m ? matched(m) : stored ? entry(stored, shown(stored)) : { id: c.id, name: null, district: NO_DISTRICT, consent: null };
      return { ...e, id: c.id, metres: c.metres };
    }),
    consentConflicts: list(plan.consentConflicts, (c) => c),
    locationChecks: list(plan.locationChecks, (id) => {
      const m = byId.get(id) ?? byStoredId.get(id);
      if (!m) return { id, name: null, district: NO_DISTRICT, consent: null, address: null };
      const e = matched(m);
      return { ...e, address: shown(m.after) ? m.after.address : null };
    }),
    reviews: list(reviewed, ([id, reasons]) => {
      const m = byId.get(id);
      const e = m ? matched(m) : { id, name: null, district: NO_DISTRICT, consent: null };
      return { ...e, reasons: m && shown(m.after) ? reasons.map((r) => r.text) : [] };
    }),
    storedOnRoster: plan.storedOnRoster,
    emptiedDistricts: plan.emptiedDistricts.map(districtName),
    archiveNeedsConfirmation: plan.archiveNeedsConfirmation,
    refusal: plan.refusal,
    nothingChanges: plan.writes.length === 0,
  };
}
