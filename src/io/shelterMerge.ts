/**
 * Joining 国土地理院 指定緊急避難場所 (site) records to 指定避難所 records of the same facility.
 *
 * The first 11 characters of a 共通ID name a *place group* (often one address), not one facility:
 * real groups hold two schools, or a park and a community centre 100 m apart. A site and a shelter
 * record are one place only when their groups match AND their names match after normalising
 * width and spaces and removing a trailing floor qualifier: a floor or part of the building
 * (「（２階以上の階）」「（3F以上）」「（２階から上）」「（２～４階）」「（屋上）」「（2階以上※津波時）」,
 * 「○○中学校　２階以上」「○○小学校２階以上」). Other parentheses name another place
 * (「○○大学（総合グラウンド）」「○○小学校（体育館）」) and are kept.
 */
import { HAZARD_TYPES } from '../core/hazard';
import type { Shelter } from '../core/shelter';
import { normalizeCodeText } from './normalize';
import { quoteValue } from './quote';

const DIGITS = '[0-9０-９一二三四五六七八九十]+';
const STOREY = `${DIGITS}\\s*(?:階|[FＦfｆ])`;
/** Upward from a floor: 「以上」「より上」「から上」, optionally 「の階」「部分」. */
const UPWARD = '\\s*(?:以上|より上|から上)\\s*(?:の階|部分|の部分)?';
/** A floor (「２階」「3F以上」「２階以上の階」), a range of floors (「２～４階」) or the roof (「屋上」). */
const PART = `(?:(?:${DIGITS}\\s*(?:階|[FＦfｆ])?\\s*[～〜~－-]\\s*)?${STOREY}(?:${UPWARD}|\\s*(?:の階|部分|の部分))?|屋上)`;
/**
 * The trailing floor qualifier of a name: in parentheses, where a 「※」 remark may follow it
 * (「（2階以上※津波時）」); after a space (「○○中学校　２階以上」); or written straight after the
 * name when it says upward (「○○小学校２階以上」 — a bare 「○○会館３階」 may be the name itself).
 */
const TRAILING_FLOOR = new RegExp(
  `(?:\\s*[(（]\\s*(${PART}(?:\\s*※[^()（）]*)?)\\s*[)）]|[\\s　]+(${PART})|(${STOREY}${UPWARD}))\\s*$`,
);

/** A name's trailing floor qualifier as written (「２階以上の階」), or null. */
export function floorQualifier(name: string): string | null {
  const m = TRAILING_FLOOR.exec(name);
  return m ? (m[1] ?? m[2] ?? m[3]).trim() : null;
}

/** The key two records' names must share to be one place: no floor qualifier, NFKC, no spaces. */
export function placeNameKey(name: string): string {
  return exactNameKey(name.replace(TRAILING_FLOOR, ''));
}

/** A name (or floor qualifier) with width and spaces normalised: NFKC, no spaces. */
function exactNameKey(name: string): string {
  return normalizeCodeText(name).replace(/\s/g, '');
}

/** A record as the merge report names it. */
export interface RecordRef {
  id: string;
  name: string;
  file: string;
  row: number;
}

/** A site record joined to a shelter record: one place. */
export interface SiteJoin {
  site: RecordRef;
  shelter: RecordRef;
  /** The site's floor qualifier, kept as the place's `siteNote`; null when none. */
  siteNote: string | null;
}

/**
 * A site record left as its own place although its 共通ID group has shelter records, and why:
 * `name_differs` — no shelter record of its name; `same_name_joined` — the shelter record of its
 * name was already joined by `joinedSite` (an exact name beats a name without its floor qualifier);
 * `floor_differs` — both name a floor and the floors differ (`floors`: the site's, the shelter's).
 * `shelters`: the group's shelter records for `name_differs`, else the one shelter record meant.
 */
export type SiteKeptApart =
  | { reason: 'name_differs'; site: RecordRef; shelters: RecordRef[] }
  | { reason: 'same_name_joined'; site: RecordRef; shelters: [RecordRef]; joinedSite: RecordRef }
  | { reason: 'floor_differs'; site: RecordRef; shelters: [RecordRef]; floors: [string, string] };

export interface SiteMergeResult {
  /** The places: shelter records (with the site role when joined) and unjoined sites, in input order of shelters after sites. */
  places: Shelter[];
  /** Every join made, in site order. */
  joins: SiteJoin[];
  /** Sites that share a 共通ID group with shelter records but were not joined, with the reason. */
  keptApart: SiteKeptApart[];
}

const ref = (s: Shelter): RecordRef => ({ id: s.id, name: s.name, file: s.source.file, row: s.source.row });
const isGsi = (r: Shelter) => /^E\d{13}$/.test(r.id);

/** Marks the site record's 備考 in a joined place's 備考: 「避難場所として: 「洪水」では2階以上に避難」. */
export const SITE_NOTE_PREFIX = '避難場所として: ';

/** Whether two names' floor qualifiers let them be one place: not both present and different. */
function floorsAgree(a: string | null, b: string | null): boolean {
  return !a || !b || exactNameKey(a) === exactNameKey(b);
}

/**
 * Joins each 指定緊急避難場所 record to the 指定避難所 record of the same facility (same 11-character
 * 共通ID group and the same name, see placeNameKey): the shelter gains the site role, its hazard
 * flags, its capacity when it has none, the site's floor qualifier as `siteNote`, the floor rule of
 * the site's 備考 as `siteFloors`, and the site's 備考 itself on a new line after its own, marked
 * with SITE_NOTE_PREFIX (both records' 備考 are kept). Each shelter record takes at most one site:
 * sites whose whole name matches are joined first (「第七小学校」 before 「第七小学校（２階以上）」
 * for the shelter 「第七小学校」), then sites matching without their floor qualifier, each in file
 * order. When several shelter records qualify, a site joins the one with the same sequence
 * character (the 14th), else a general shelter before a 福祉避難所.
 *
 * When the site and the shelter both name a floor and the floors differ (site 「第八小学校（２階以上）」,
 * shelter 「第八小学校（３階以上）」) they are NOT joined: the shelter's floor is part of its name, and
 * one destination reading 「第八小学校（３階以上）（洪水時は２階以上）」 would leave a 民生委員 unsure
 * which floor to go to; two places, each under its own record's name, cannot be misread. The merge
 * report says why (see SiteKeptApart). Unjoined sites stay as their own places. Records whose IDs
 * are not GSI 共通IDs never join.
 */
export function mergeSitesIntoShelters(records: Shelter[]): SiteMergeResult {
  const byGroup = new Map<string, Shelter[]>();
  for (const r of records) {
    if (r.kinds.includes('emergency_site') || !isGsi(r)) continue;
    const key = r.id.slice(0, 11);
    const list = byGroup.get(key) ?? [];
    list.push(r);
    byGroup.set(key, list);
  }
  const sites = records.filter((r) => r.kinds.includes('emergency_site'));
  const groupOf = (site: Shelter) => (isGsi(site) ? (byGroup.get(site.id.slice(0, 11)) ?? []) : []);
  const rank = (site: Shelter, s: Shelter) => (s.id[13] === site.id[13] ? 0 : 2) + (s.kinds.includes('welfare_shelter') ? 1 : 0);
  const sameName = (site: Shelter, s: Shelter) => placeNameKey(s.name) === placeNameKey(site.name);
  const passes: ((site: Shelter, s: Shelter) => boolean)[] = [
    (site, s) => exactNameKey(s.name) === exactNameKey(site.name),
    (site, s) => sameName(site, s) && floorsAgree(floorQualifier(site.name), floorQualifier(s.name)),
  ];
  const targetOf = new Map<Shelter, Shelter>();
  const siteOf = new Map<string, Shelter>(); // shelter id → the site joined to it
  for (const matches of passes) {
    for (const site of sites) {
      if (targetOf.has(site)) continue;
      const target = groupOf(site)
        .filter((s) => !siteOf.has(s.id) && matches(site, s))
        .sort((a, b) => rank(site, a) - rank(site, b))[0];
      if (!target) continue;
      targetOf.set(site, target);
      siteOf.set(target.id, site);
    }
  }

  const joined = new Map<string, Shelter>();
  const places: Shelter[] = [];
  const joins: SiteJoin[] = [];
  const keptApart: SiteKeptApart[] = [];
  for (const site of sites) {
    const target = targetOf.get(site);
    if (!target) {
      const group = groupOf(site);
      if (group.length) keptApart.push(whyApart(site, group, siteOf));
      places.push(site);
      continue;
    }
    const qualifier = floorQualifier(site.name);
    const siteNote = qualifier && !floorQualifier(target.name) ? qualifier : null;
    joined.set(target.id, {
      ...target,
      kinds: [...target.kinds, 'emergency_site'],
      hazards: HAZARD_TYPES.filter((h) => target.hazards.includes(h) || site.hazards.includes(h)),
      capacity: target.capacity ?? site.capacity,
      notes: [target.notes, site.notes && `${SITE_NOTE_PREFIX}${site.notes}`].filter(Boolean).join('\n'),
      ...(siteNote ? { siteNote } : {}),
      ...(site.siteFloors ? { siteFloors: site.siteFloors } : {}),
    });
    joins.push({ site: ref(site), shelter: ref(target), siteNote });
  }
  for (const r of records) {
    if (!r.kinds.includes('emergency_site')) places.push(joined.get(r.id) ?? r);
  }
  return { places, joins, keptApart };
}

/** Why `site` was not joined to any of its group's shelter records (`siteOf`: shelter id → joined site). */
function whyApart(site: Shelter, group: Shelter[], siteOf: Map<string, Shelter>): SiteKeptApart {
  const same = group.filter((s) => placeNameKey(s.name) === placeNameKey(site.name));
  const floor = floorQualifier(site.name);
  const taken = same.find((s) => floorsAgree(floor, floorQualifier(s.name)));
  if (taken) return { reason: 'same_name_joined', site: ref(site), shelters: [ref(taken)], joinedSite: ref(siteOf.get(taken.id)!) };
  if (same.length) return { reason: 'floor_differs', site: ref(site), shelters: [ref(same[0])], floors: [floor!, floorQualifier(same[0].name)!] };
  return { reason: 'name_differs', site: ref(site), shelters: group.map(ref) };
}

/**
 * The merge said in words, for the import screen and `hinan shelters`: how many records became
 * how many places, then every join and every site kept apart from its group's shelters.
 */
export function siteMergeReport(recordCount: number, r: SiteMergeResult): { summary: string; lines: string[] } {
  const summary = r.joins.length
    ? `${recordCount}件の記録 → ${r.places.length}か所（同じ施設の指定緊急避難場所と指定避難所の記録${r.joins.length}組を1か所にまとめました。共通IDの先頭11文字と名称が一致する組だけをまとめています）`
    : `${recordCount}件の記録 → ${r.places.length}か所`;
  const name = (x: RecordRef) => `${x.id}${quoteValue(x.name)}`;
  const lines = [
    ...r.joins.map((j) => `まとめた: ${name(j.site)}（指定緊急避難場所）＋ ${name(j.shelter)}（指定避難所）${j.siteNote ? `。避難場所としては${quoteValue(j.siteNote)}` : ''}`),
    ...r.keptApart.map((k) => `別の場所のまま: ${name(k.site)}（指定緊急避難場所）は ${k.shelters.map(name).join('、')} ${keptApartReason(k)}`),
  ];
  return { summary, lines };
}

/** The end of a 「別の場所のまま」 line: why the site was kept apart from `k.shelters`. */
function keptApartReason(k: SiteKeptApart): string {
  switch (k.reason) {
    case 'name_differs':
      return 'と共通IDの先頭11文字が同じですが、名称が違います';
    case 'same_name_joined':
      return `と同じ施設の記録ですが、同じ名称の避難場所の記録 ${k.joinedSite.id}${quoteValue(k.joinedSite.name)} がすでにまとめられているため、別の場所のままにしました`;
    case 'floor_differs':
      return `と共通IDの先頭11文字と階を除いた名称が同じですが、階の指定が違います（${quoteValue(k.floors[0])}と${quoteValue(k.floors[1])}）`;
  }
}
