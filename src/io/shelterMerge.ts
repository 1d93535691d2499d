/**
 * Joining 国土地理院 指定緊急避難場所 (site) records to 指定避難所 records of the same facility.
 *
 * The first 11 characters of a 共通ID name a *place group* (often one address), not one facility:
 * real groups hold two schools, or a park and a community centre 100 m apart. A site and a shelter
 * record are one place only when their groups match AND their names match after normalising
 * width and spaces and removing a trailing floor qualifier (「（２階以上の階）」「（3階以上）」
 * 「（2F以上）」). Other parentheses name another place (「○○大学（総合グラウンド）」) and are kept.
 */
import { HAZARD_TYPES } from '../core/hazard';
import type { Shelter } from '../core/shelter';
import { normalizeCodeText } from './normalize';
import { quoteValue } from './quote';

const DIGITS = '0-9０-９一二三四五六七八九十';
/** A floor (「２階」「3F」) optionally followed by 以上 / より上 and 「の階」「部分」. */
const FLOOR = `[${DIGITS}]+\\s*(?:階|[FＦfｆ])\\s*(?:以上|より上)?\\s*(?:の階|部分|の部分)?`;
/** The trailing floor qualifier of a name: in parentheses, or after a space (「○○中学校　２階以上」). */
const TRAILING_FLOOR = new RegExp(`(?:\\s*[(（]\\s*(${FLOOR})\\s*[)）]|[\\s　]+(${FLOOR}))\\s*$`);

/** A name's trailing floor qualifier as written (「２階以上の階」), or null. */
export function floorQualifier(name: string): string | null {
  const m = TRAILING_FLOOR.exec(name);
  return m ? (m[1] ?? m[2]).trim() : null;
}

/** The key two records' names must share to be one place: no floor qualifier, NFKC, no spaces. */
export function placeNameKey(name: string): string {
  return normalizeCodeText(name.replace(TRAILING_FLOOR, '')).replace(/\s/g, '');
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

/** A site record left as its own place although its 共通ID group has shelter records (names differ). */
export interface SiteKeptApart {
  site: RecordRef;
  shelters: RecordRef[];
}

export interface SiteMergeResult {
  /** The places: shelter records (with the site role when joined) and unjoined sites, in input order of shelters after sites. */
  places: Shelter[];
  /** Every join made, in site order. */
  joins: SiteJoin[];
  /** Sites that share a 共通ID group with shelter records but not a name. */
  keptApart: SiteKeptApart[];
}

const ref = (s: Shelter): RecordRef => ({ id: s.id, name: s.name, file: s.source.file, row: s.source.row });
const isGsi = (r: Shelter) => /^E\d{13}$/.test(r.id);

/** Marks the site record's 備考 in a joined place's 備考: 「避難場所として: 「洪水」では2階以上に避難」. */
export const SITE_NOTE_PREFIX = '避難場所として: ';

/**
 * Joins each 指定緊急避難場所 record to the 指定避難所 record of the same facility (same 11-character
 * 共通ID group and the same name, see placeNameKey): the shelter gains the site role, its hazard
 * flags, its capacity when it has none, the site's floor qualifier as `siteNote`, the floor rule of
 * the site's 備考 as `siteFloors`, and the site's 備考 itself on a new line after its own, marked
 * with SITE_NOTE_PREFIX (both records' 備考 are kept). When several
 * shelter records qualify, a site joins the one with the same sequence character (the 14th), else
 * a general shelter before a 福祉避難所; each shelter record takes at most one site. Unjoined sites
 * stay as their own places. Records whose IDs are not GSI 共通IDs never join.
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
  const joined = new Map<string, Shelter>();
  const places: Shelter[] = [];
  const joins: SiteJoin[] = [];
  const keptApart: SiteKeptApart[] = [];
  const rank = (site: Shelter, s: Shelter) => (s.id[13] === site.id[13] ? 0 : 2) + (s.kinds.includes('welfare_shelter') ? 1 : 0);
  for (const site of records) {
    if (!site.kinds.includes('emergency_site')) continue;
    const group = isGsi(site) ? (byGroup.get(site.id.slice(0, 11)) ?? []) : [];
    const key = placeNameKey(site.name);
    const target = group
      .filter((s) => !joined.has(s.id) && placeNameKey(s.name) === key)
      .sort((a, b) => rank(site, a) - rank(site, b))[0];
    if (!target) {
      if (group.length) keptApart.push({ site: ref(site), shelters: group.map(ref) });
      places.push(site);
      continue;
    }
    const qualifier = floorQualifier(site.name);
    const siteNote = qualifier && floorQualifier(target.name) !== qualifier ? qualifier : null;
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
    ...r.keptApart.map((k) => `別の場所のまま: ${name(k.site)}（指定緊急避難場所）は ${k.shelters.map(name).join('、')} と共通IDの先頭11文字が同じですが、名称が違います`),
  ];
  return { summary, lines };
}
