/**
 * Pairs the rows of a new 名簿 file with the stored records (名簿の更新, core/rosterUpdate.ts):
 * by ID first; then, when asked, rows whose ID is not stored by 氏名 + 生年月日 (supporters:
 * 氏名 + 住所), narrowed by 住所 when several stored records share the key. A row that still has
 * several candidates, or a stored record that several rows would take, is ambiguous: nothing is
 * paired, the candidates stay as they are. So is a row whose ID is stored for someone else — 氏名
 * and 生年月日 (supporters: 氏名 and 住所) both differ, an ID the city gave to another person —
 * unless the user confirmed it is the same person: a plan must never pass to someone else
 * silently. Pure; Maps keyed by id and by key, no per-row scans.
 */
import type { AmbiguousMatch, MatchedBy } from './rosterUpdate';
import type { RecordOrigin } from './person';
import type { RosterArchive } from './rosterArchive';

/** What the matcher needs of a record. */
export interface MatchableRecord {
  id: string;
  name: string;
  address: string;
  origin: RecordOrigin;
  archived?: RosterArchive;
}

/** How one kind of record is matched without its ID. */
export interface NameMatchRule<T> {
  /** The key two records of the same person share (normalised), or null when the record has none. */
  key: (record: T) => string | null;
  /** How a pair made by `key` alone is recorded. */
  by: MatchedBy;
  /** How a pair narrowed by 住所 is recorded; null when the key already contains the 住所 (no narrowing). */
  byAddress: MatchedBy | null;
  /** True when a stored record and a file row with the same ID look like two different people. */
  differentPerson: (stored: T, file: T) => boolean;
}

/** A stored record and the file row that lists it. */
export interface RosterPair<T> {
  stored: T;
  file: T;
  by: MatchedBy;
}

export interface RosterMatch<T> {
  /** In file order. */
  pairs: RosterPair<T>[];
  /** File rows paired with nothing (new records), in file order. */
  added: T[];
  ambiguous: AmbiguousMatch<T>[];
  /** Stored 名簿 records (not demo) paired with nothing and not a candidate of an ambiguous row, in stored order. */
  unpaired: T[];
  /** File rows paired by ID. */
  byId: number;
}

/** A 氏名 for matching: NFKC, every space (half- and full-width) removed. '' for none. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

/** A 住所 for comparing: NFKC, spaces removed, dash variants as `-`. Equal texts skip the work (see `sameAddress`). */
export function normalizeRosterAddress(address: string): string {
  return address.normalize('NFKC').replace(/\s+/g, '').replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D\u30FC]/g, '-');
}

/** True when two 住所 are the same after `normalizeRosterAddress`. */
export function sameAddress(a: string, b: string): boolean {
  return a === b || normalizeRosterAddress(a) === normalizeRosterAddress(b);
}

/** People: 氏名 + 生年月日 (none without a 生年月日), narrowed by 住所. */
export const PERSON_NAME_RULE: NameMatchRule<MatchableRecord & { birthDate: string | null }> = {
  key: (p) => (p.birthDate && p.name ? `${normalizeName(p.name)}\u0000${p.birthDate}` : null),
  by: 'name_birth',
  byAddress: 'name_birth_address',
  // A corrected 生年月日 is the same person; a new 氏名 (marriage) only when the 生年月日 confirms it —
  // a different 氏名 with a different or missing 生年月日 may be someone else.
  differentPerson: (s, f) => normalizeName(s.name) !== normalizeName(f.name) && !(s.birthDate !== null && s.birthDate === f.birthDate),
};

/** Supporters: 氏名 + 住所 (none without a 住所). */
export const SUPPORTER_NAME_RULE: NameMatchRule<MatchableRecord> = {
  key: (s) => (s.address && s.name ? `${normalizeName(s.name)}\u0000${normalizeRosterAddress(s.address)}` : null),
  by: 'name_address',
  byAddress: null,
  differentPerson: (s, f) => normalizeName(s.name) !== normalizeName(f.name) && !(s.address !== '' && sameAddress(s.address, f.address)),
};

/** True when a stored record belongs to the 名簿 (the demo's records never do). */
export function isRosterRecord(r: { origin: RecordOrigin }): boolean {
  return r.origin !== 'demo';
}

/**
 * Pairs `file` rows with `stored` records (see the module comment). Stored demo records are never
 * paired (a file row with a demo record's ID is new). File IDs are unique (the readers refuse
 * duplicates). `rule` is used only when `matchByName`.
 */
export function matchRoster<T extends MatchableRecord>(
  stored: readonly T[], file: readonly T[], matchByName: boolean, rule: NameMatchRule<T>, confirmedSame: ReadonlySet<string> = new Set(),
): RosterMatch<T> {
  const storedById = new Map<string, T>();
  for (const s of stored) if (isRosterRecord(s)) storedById.set(s.id, s);

  // The stored record each file row is paired with by ID; the rest wait for their name.
  const byIdOf: (T | undefined)[] = new Array(file.length);
  const pendingRows: number[] = [];
  const byName = new Map<number, RosterPair<T> | AmbiguousMatch<T>>();
  const untouched = new Set<string>();
  /** Stored records whose ID a file row gives to someone else: still found by 氏名, but never paired. */
  const held: T[] = [];
  let byId = 0;
  // The file's rows by 氏名+生年月日 key (made once, when a reused ID first needs it): a stored person
  // whose ID went to someone else may be listed by name under another ID.
  let fileKeys: Map<string, string[]> | null = null;
  const listedElsewhere = (s: T): boolean => {
    if (fileKeys === null) {
      fileKeys = new Map();
      for (const f of file) {
        const k = rule.key(f);
        if (k !== null) fileKeys.set(k, [...(fileKeys.get(k) ?? []), f.id]);
      }
    }
    const k = rule.key(s);
    return k !== null && (fileKeys.get(k) ?? []).some((id) => id !== s.id);
  };
  for (let i = 0; i < file.length; i++) {
    const s = storedById.get(file[i].id);
    const reused = s !== undefined && rule.differentPerson(s, file[i]);
    const elsewhere = reused && listedElsewhere(s);
    // 「同じ人です」 does not hold when another row lists the stored person by name: they are that row.
    if (s && reused && (!confirmedSame.has(s.id) || elsewhere)) {
      // The ID now names someone else: neither record is touched until the user says otherwise.
      byName.set(i, { file: file[i], candidateIds: [s.id], differentPerson: true, ...(elsewhere ? { listedElsewhere: true } : {}) });
      storedById.delete(s.id);
      held.push(s);
      untouched.add(s.id);
    } else if (s) {
      byIdOf[i] = s;
      storedById.delete(s.id);
      byId++;
    } else if (matchByName) {
      pendingRows.push(i);
    }
  }

  if (pendingRows.length > 0 && storedById.size + held.length > 0) {
    // Stored records not paired by ID, by key.
    const byKey = new Map<string, T[]>();
    for (const s of [...storedById.values(), ...held]) {
      const k = rule.key(s);
      if (k === null) continue;
      const list = byKey.get(k);
      if (list) list.push(s);
      else byKey.set(k, [s]);
    }
    // Each pending row's candidates; a stored record wanted by several rows is ambiguous for all of them.
    const wantedBy = new Map<string, number>();
    for (const i of pendingRows) {
      const k = rule.key(file[i]);
      const cands = k === null ? undefined : byKey.get(k);
      if (!cands) continue;
      let pick: T[] = cands;
      let by = rule.by;
      if (cands.length > 1 && rule.byAddress) {
        const narrowed = cands.filter((s) => sameAddress(s.address, file[i].address));
        if (narrowed.length === 1) by = rule.byAddress;
        if (narrowed.length >= 1) pick = narrowed;
      }
      // A row that finds a held record (the person whose ID went to someone else, listed under a new
      // ID) is held too: both rows are shown, neither is written.
      if (pick.length > 1 || held.includes(pick[0])) {
        byName.set(i, { file: file[i], candidateIds: pick.map((s) => s.id) });
        for (const s of pick) untouched.add(s.id);
      } else {
        byName.set(i, { stored: pick[0], file: file[i], by });
        wantedBy.set(pick[0].id, (wantedBy.get(pick[0].id) ?? 0) + 1);
      }
    }
    for (const [id, n] of wantedBy) if (n > 1) untouched.add(id);
    for (const [i, r] of byName) {
      if ('stored' in r && untouched.has(r.stored.id)) byName.set(i, { file: file[i], candidateIds: [r.stored.id] });
    }
  }

  const out: RosterMatch<T> = { pairs: [], added: [], ambiguous: [], unpaired: [], byId };
  for (let i = 0; i < file.length; i++) {
    const s = byIdOf[i];
    if (s) {
      out.pairs.push({ stored: s, file: file[i], by: 'id' });
      continue;
    }
    const r = byName.get(i);
    if (r === undefined) out.added.push(file[i]);
    else if ('candidateIds' in r) out.ambiguous.push(r);
    else {
      out.pairs.push(r);
      storedById.delete(r.stored.id);
    }
  }
  for (const s of storedById.values()) if (!untouched.has(s.id)) out.unpaired.push(s);
  return out;
}
