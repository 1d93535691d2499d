/**
 * Which hazard (災害種別) a shelter-file column header stands for, tolerant of the spellings seen
 * in GSI and municipal files: `崖崩れ、土石流及び地滑り`, `崖崩、土石流及び地滑`, `大規模火災`,
 * `災害種別_洪水`, full-width/half-width variants and spaces.
 */
import { HAZARD_TYPES, type HazardType } from '../core/hazard';
import { normalizeHeader } from './normalize';

/** Known header spellings of each hazard flag (before normalisation). */
export const HAZARD_HEADER_NAMES: Record<HazardType, readonly string[]> = {
  flood: ['洪水'],
  landslide: ['崖崩れ、土石流及び地滑り', '崖崩、土石流及び地滑', '崖崩れ・土石流及び地滑り', '崖崩れ、土石及び地滑り', '崖崩れ、土石流、地滑り', '土砂災害', '土砂'],
  storm_surge: ['高潮'],
  earthquake: ['地震'],
  tsunami: ['津波'],
  large_fire: ['大規模な火事', '大規模火災', '大規模な火災', '大火災', '火災', '火事'],
  inland_flood: ['内水氾濫', '内水'],
  volcano: ['火山現象', '火山'],
};

const KEYWORDS: [HazardType, RegExp][] = [
  ['volcano', /火山/],
  ['inland_flood', /内水/],
  ['flood', /洪水|外水/],
  ['landslide', /崖|がけ|土砂|土石|地滑|地すべり/],
  ['storm_surge', /高潮/],
  ['earthquake', /地震/],
  ['tsunami', /津波/],
  ['large_fire', /火事|火災/],
];

const KNOWN = new Map<string, HazardType>();
for (const h of HAZARD_TYPES) for (const name of HAZARD_HEADER_NAMES[h]) KNOWN.set(normalizeHeader(name), h);

const PREFIX = /^(災害種別|対象災害|災害の種類|災害)[_\-:：・]?/;

/**
 * Hazard type of a column header, or null. Accepts the known names, the same with a `災害種別_`
 * prefix, and any short header of the landslide family (contains 崖 and 地滑) or `災害種別_<keyword>`.
 */
export function hazardOfHeader(header: string): HazardType | null {
  const h = normalizeHeader(header);
  const hasPrefix = PREFIX.test(h);
  const rest = h.replace(PREFIX, '');
  const known = KNOWN.get(rest);
  if (known) return known;
  if (hasPrefix || rest.length <= 14) {
    if (!hasPrefix && !(/崖/.test(rest) && /地滑|地すべり/.test(rest))) return null;
    for (const [type, re] of KEYWORDS) if (re.test(rest)) return type;
  }
  return null;
}

/** Column index of each hazard flag in `headers` (first matching column wins); absent hazards are left out. */
export function hazardColumns(headers: readonly string[]): Map<HazardType, number> {
  const out = new Map<HazardType, number>();
  headers.forEach((header, i) => {
    const h = hazardOfHeader(header);
    if (h && !out.has(h)) out.set(h, i);
  });
  return out;
}

/**
 * Reads a hazard flag cell: `1`, `1.0`, `１`, `○`, `◯`, `〇`, `●`, `有`, `可`, `TRUE` → true;
 * empty, `0`, `×`, `-`, `無` → false; anything else → null (the caller reports it).
 */
export function readFlag(value: unknown): boolean | null {
  const s = String(value ?? '').normalize('NFKC').trim().toLowerCase();
  if (['1', '1.0', '1.00', '○', '◯', '〇', '●', '有', 'あり', '可', '対応', 'true', 'yes', 'y'].includes(s)) return true;
  if (['', '0', '0.0', '×', '✕', '-', '－', '無', 'なし', '不可', 'false', 'no', 'n'].includes(s)) return false;
  return null;
}
