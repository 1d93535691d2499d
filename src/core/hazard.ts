/** The 8 hazard types of the GSI 指定緊急避難場所 data (災害種別), in the GSI column order. */
export const HAZARD_TYPES = [
  'flood',
  'landslide',
  'storm_surge',
  'earthquake',
  'tsunami',
  'large_fire',
  'inland_flood',
  'volcano',
] as const;

export type HazardType = (typeof HAZARD_TYPES)[number];

/** True when `value` is one of `HAZARD_TYPES` (e.g. a key or field read from a file). */
export function isHazardType(value: unknown): value is HazardType {
  return HAZARD_TYPES.some((h) => h === value);
}

/** Japanese label of each hazard type, as written in the GSI column headers. */
export const HAZARD_LABELS: Record<HazardType, string> = {
  flood: '洪水',
  landslide: '崖崩れ、土石流及び地滑り',
  storm_surge: '高潮',
  earthquake: '地震',
  tsunami: '津波',
  large_fire: '大規模な火事',
  inland_flood: '内水氾濫',
  volcano: '火山現象',
};

/** Short labels for compact UI (legends, table columns). */
export const HAZARD_SHORT_LABELS: Record<HazardType, string> = {
  flood: '洪水',
  landslide: '土砂災害',
  storm_surge: '高潮',
  earthquake: '地震',
  tsunami: '津波',
  large_fire: '大規模火災',
  inland_flood: '内水氾濫',
  volcano: '火山',
};
