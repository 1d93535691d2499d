/**
 * Depth / zone class of hazard polygons, from the property names common in Japanese open data.
 *
 * Detected properties, in priority order (the first one present in the file is used):
 * - 国土数値情報 A31 洪水浸水想定区域 (令和元年度以降): `A31_201` 想定最大規模 and `A31_101` 計画規模,
 *   浸水深ランク 1–6 → 「0.5m未満」「0.5m以上3.0m未満」「3.0m以上5.0m未満」「5.0m以上10.0m未満」
 *   「10.0m以上20.0m未満」「20.0m以上」.
 * - 国土数値情報 A31 (平成24年度): `A31_001`, codes 11–15 (5段階) and 21–27 (7段階).
 * - 国土数値情報 A33 土砂災害警戒区域: `A33_002` 区域区分, 1 → 土砂災害警戒区域, 2 → 土砂災害特別警戒区域.
 * - PLATEAU / GIS exports with text labels, kept as written: `areaType_label` (土砂災害警戒区域 /
 *   特別警戒区域), `rank_label`, `浸水深`, `浸水深ランク`, `浸水ランク`, `区域区分`, `depth_class`,
 *   `depthClass`, `depth`, `max_depth`, `rank`. A bare number in `浸水深` / `depth` / `max_depth`
 *   is read as metres (`1.2` → 「1.2m」).
 * Codes not in the tables are kept as written and reported once per value.
 */
import type { HazardType } from '../core/hazard';
import type { LooseFeature } from './geojsonInput';

/** Property names tried for the depth / zone class, highest priority first. */
export const DEPTH_PROPERTIES: readonly string[] = [
  'A31_201', 'A31_101', 'A31_001', 'A33_002',
  'areaType_label', 'rank_label', '浸水深', '浸水深ランク', '浸水ランク', '区域区分',
  'depth_class', 'depthClass', 'depth', 'max_depth', 'rank',
];

/** 令和 A31 浸水深ランク (A31_101 / A31_201). */
const A31_RANK: Record<string, string> = {
  '1': '0.5m未満', '2': '0.5m以上3.0m未満', '3': '3.0m以上5.0m未満',
  '4': '5.0m以上10.0m未満', '5': '10.0m以上20.0m未満', '6': '20.0m以上',
};

/** 平成24年 A31_001 浸水深ランクコード. */
const A31_001_CODES: Record<string, string> = {
  '11': '0.5m未満', '12': '0.5m以上1.0m未満', '13': '1.0m以上2.0m未満', '14': '2.0m以上5.0m未満', '15': '5.0m以上',
  '21': '0.5m未満', '22': '0.5m以上1.0m未満', '23': '1.0m以上2.0m未満', '24': '2.0m以上3.0m未満',
  '25': '3.0m以上4.0m未満', '26': '4.0m以上5.0m未満', '27': '5.0m以上',
};

/** A33_002 区域区分. */
const A33_ZONE: Record<string, string> = { '1': '土砂災害警戒区域', '2': '土砂災害特別警戒区域' };

const CODE_TABLES: Record<string, Record<string, string>> = {
  A31_201: A31_RANK,
  A31_101: A31_RANK,
  A31_001: A31_001_CODES,
  A33_002: A33_ZONE,
};

const METRE_PROPERTIES = new Set(['浸水深', 'depth', 'max_depth']);

function present(v: unknown): boolean {
  return v !== null && v !== undefined && String(v).trim() !== '';
}

/**
 * The depth property of a file: `override` when given (the user's choice), else the
 * first of DEPTH_PROPERTIES present in any of the first `sample` features; null when none.
 */
export function detectDepthProperty(features: readonly LooseFeature[], override?: string | null, sample = 500): string | null {
  if (override) return override;
  const n = Math.min(features.length, sample);
  const has = (key: string) => {
    for (let i = 0; i < n; i++) if (present(features[i]?.properties?.[key])) return true;
    return false;
  };
  for (const key of DEPTH_PROPERTIES) if (has(key)) return key;
  return null;
}

/** Depth / zone class label of one property value: `{label, known}`; known=false when a code is not in the table. */
export function depthClassOf(property: string, value: unknown): { label: string | null; known: boolean } {
  if (!present(value)) return { label: null, known: true };
  const raw = String(value).normalize('NFKC').trim();
  const table = CODE_TABLES[property];
  if (table) {
    const code = /^\d+(\.0+)?$/.test(raw) ? String(Number(raw)) : raw;
    const label = table[code];
    return label ? { label, known: true } : { label: raw, known: false };
  }
  if (METRE_PROPERTIES.has(property) && /^\d+(\.\d+)?$/.test(raw)) return { label: `${raw}m`, known: true };
  return { label: String(value).trim(), known: true };
}

/** The hazard type a file's own attributes state, and the attribute that says so. */
export interface FileHazardType {
  hazard: HazardType;
  /** Property name that decided it, e.g. `disasterType_label` or `A31_201`. */
  attribute: string;
}

/** Attribute-name patterns that state a hazard type, in the order tried. */
const HAZARD_ATTRIBUTES: readonly [RegExp, HazardType][] = [
  [/^A31a?_/, 'flood'],
  [/^A33_/, 'landslide'],
  [/^disasterType_label$/, 'landslide'],
  [/^A40_/, 'tsunami'],
  [/^A49_/, 'storm_surge'],
  [/高潮/, 'storm_surge'],
];

/**
 * The hazard type the file's attributes state (read from the first feature that has properties):
 * A31 → flood, A33 or PLATEAU `disasterType_label` → landslide, A40 (津波浸水想定) → tsunami,
 * A49 / 高潮 → storm_surge; null when they do not say.
 */
export function fileHazardType(features: readonly LooseFeature[]): FileHazardType | null {
  const p = features.find((f) => f?.properties && typeof f.properties === 'object')?.properties;
  if (!p) return null;
  const keys = Object.keys(p);
  for (const [pattern, hazard] of HAZARD_ATTRIBUTES) {
    const attribute = keys.find((k) => pattern.test(k));
    if (attribute) return { hazard, attribute };
  }
  return null;
}
