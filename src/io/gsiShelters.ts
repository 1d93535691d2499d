import { HAZARD_TYPES, type HazardType } from '../core/hazard';
import { isInJapan, type LngLat } from '../core/geo';
import type { AcceptGroup, Shelter, ShelterKind } from '../core/shelter';

/** A row-level problem found while reading a file, in Japanese. */
export interface RowError {
  file: string;
  /** 1-based data row (feature index + 1 for GeoJSON). */
  row: number;
  column: string | null;
  message: string;
}

/** GSI column header of each hazard flag, with variant spellings seen in the wild. */
const HAZARD_HEADERS: Record<HazardType, string[]> = {
  flood: ['洪水'],
  landslide: ['崖崩れ、土石流及び地滑り', '崖崩、土石流及び地滑', '崖崩れ・土石流及び地滑り', '土砂災害'],
  storm_surge: ['高潮'],
  earthquake: ['地震'],
  tsunami: ['津波'],
  large_fire: ['大規模な火事', '大規模火災'],
  inland_flood: ['内水氾濫'],
  volcano: ['火山現象'],
};

/** 受入対象者 wording → accept groups. */
const ACCEPT_WORDS: [RegExp, AcceptGroup][] = [
  [/高齢/, 'elderly'],
  [/障が?い|障害|障碍/, 'disabled'],
  [/児童/, 'children'],
  [/乳幼児/, 'infants'],
  [/妊産婦|妊婦/, 'pregnant'],
  [/医療/, 'medical_care'],
  [/要配慮者/, 'care_needed'],
];

/** Accept groups named in a 受入対象者 text (e.g. 「高齢者、障がい者」). */
export function parseAcceptGroups(text: string | null | undefined): AcceptGroup[] {
  if (!text) return [];
  const groups: AcceptGroup[] = [];
  for (const [pattern, group] of ACCEPT_WORDS) if (pattern.test(text)) groups.push(group);
  return groups;
}

/** True for GSI flag values meaning "designated": `1`, `1.0`, `○`, `◯`. */
export function isFlagSet(value: unknown): boolean {
  const s = String(value ?? '').trim();
  return s === '1' || s === '1.0' || s === '○' || s === '◯' || s === '〇';
}

/**
 * Role of a GSI record from its 14-character 共通ID: character 12 is `1` 指定避難所 or
 * `2` 指定緊急避難場所, character 13 `2` marks a 福祉避難所.
 */
export function kindFromCommonId(commonId: string): ShelterKind | null {
  if (!/^E\d{13}$/.test(commonId)) return null;
  if (commonId[11] === '2') return 'emergency_site';
  if (commonId[11] === '1') return commonId[12] === '2' ? 'welfare_shelter' : 'shelter';
  return null;
}

interface GsiFeature {
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/**
 * Reads a 国土地理院 指定緊急避難場所 or 指定避難所 GeoJSON FeatureCollection.
 * Returns one Shelter per record (not yet merged) and row errors for unusable features.
 */
export function readGsiGeojson(text: string, file: string): { shelters: Shelter[]; errors: RowError[] } {
  const errors: RowError[] = [];
  let data: { type?: string; features?: GsiFeature[] };
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { shelters: [], errors: [{ file, row: 0, column: null, message: `GeoJSONとして読めません（${(err as Error).message}）。` }] };
  }
  if (data?.type !== 'FeatureCollection' || !Array.isArray(data.features)) {
    return { shelters: [], errors: [{ file, row: 0, column: null, message: 'GeoJSONのFeatureCollectionではありません。' }] };
  }
  const shelters: Shelter[] = [];
  data.features.forEach((f, index) => {
    const row = index + 1;
    const p = f.properties ?? {};
    const commonId = String(p['共通ID'] ?? '').trim();
    const kind = kindFromCommonId(commonId);
    if (!kind) {
      errors.push({ file, row, column: '共通ID', message: `共通ID「${commonId}」が読めません（Eと13桁の数字が必要です）。` });
      return;
    }
    const c = f.geometry?.type === 'Point' ? (f.geometry.coordinates as number[]) : null;
    const location: LngLat | null = c && Number.isFinite(c[0]) && Number.isFinite(c[1]) ? [c[0], c[1]] : null;
    if (!location || !isInJapan(location)) {
      errors.push({ file, row, column: 'geometry', message: '位置（Point座標）がないか、日本国外です。' });
      return;
    }
    const hazards = HAZARD_TYPES.filter((h) => HAZARD_HEADERS[h].some((header) => isFlagSet(p[header])));
    shelters.push({
      id: commonId,
      name: String(p['施設・場所名'] ?? '').trim(),
      address: String(p['住所'] ?? '').trim(),
      kinds: [kind],
      hazards,
      capacity: null,
      accepts: kind === 'welfare_shelter' ? parseAcceptGroups(p['受入対象者'] as string) : [],
      location,
      closed: false,
      notes: String(p['備考'] ?? '').trim(),
      source: { file, row },
    });
  });
  return { shelters, errors };
}

/**
 * Joins each 指定緊急避難場所 record to the 指定避難所 record of the same facility (same first 11
 * characters of 共通ID): the shelter gains the site role and its hazard flags. When a facility has
 * several records, a site joins the shelter with the same sequence character (the 14th), else a
 * general shelter, else a 福祉避難所; each shelter record takes at most one site. Unjoined sites stay.
 */
export function mergeSitesIntoShelters(records: Shelter[]): Shelter[] {
  const byFacility = new Map<string, Shelter[]>();
  for (const r of records) {
    if (r.kinds.includes('emergency_site')) continue;
    const key = r.id.slice(0, 11);
    const list = byFacility.get(key) ?? [];
    list.push(r);
    byFacility.set(key, list);
  }
  const joined = new Map<string, Shelter>();
  const out: Shelter[] = [];
  const rank = (site: Shelter, s: Shelter) => (s.id[13] === site.id[13] ? 0 : 2) + (s.kinds.includes('welfare_shelter') ? 1 : 0);
  for (const site of records) {
    if (!site.kinds.includes('emergency_site')) continue;
    const target = (byFacility.get(site.id.slice(0, 11)) ?? [])
      .filter((s) => !joined.has(s.id))
      .sort((a, b) => rank(site, a) - rank(site, b))[0];
    if (!target) {
      out.push(site);
      continue;
    }
    joined.set(target.id, {
      ...target,
      kinds: [...target.kinds, 'emergency_site'],
      hazards: HAZARD_TYPES.filter((h) => target.hazards.includes(h) || site.hazards.includes(h)),
    });
  }
  for (const r of records) {
    if (!r.kinds.includes('emergency_site')) out.push(joined.get(r.id) ?? r);
  }
  return out;
}
