/**
 * A hazard zone's ID, name and 箇所番号 from the attributes Japanese files use:
 * - 国土数値情報 A33 土砂災害警戒区域: `A33_004` 区域番号, `A33_005` 区域名, `A33_006` 所在地.
 * - 都道府県の土砂災害警戒区域 shapefiles (e.g. 鹿児島県, 東京都): `kashonum` / `kashoname` (急傾斜地・地すべり
 *   の箇所番号・箇所名), `keiryunum` / `keiryuname` (土石流の渓流番号・渓流名), `shozaichi` 所在地;
 *   Japanese headers `箇所番号`, `箇所名`, `区域番号`, `区域名`, `渓流番号`, `渓流名`.
 * - PLATEAU urf:SedimentDisasterProneArea: `zoneNumber`, `zoneName`, `location`, `gml_id`.
 * A 箇所番号 is not an ID: the 警戒区域 and 特別警戒区域 of one place share it, and split zones repeat it.
 * An ID attribute is used only when every feature has one and no two are equal (an `id` of 0 on
 * every feature is not an ID); otherwise zones are numbered `<prefix>-<feature number>`.
 * IDs are the store's key across all files, so a per-file number (`id`, `fid`, `OBJECTID`…) is
 * prefixed with the file (`<prefix>-<value>`); only a GML `gml_id` (a UUID) is kept as it is.
 */
import type { LooseFeature } from './geojsonInput';

/** Properties tried for a zone's name, highest priority first. */
export const NAME_PROPERTIES: readonly string[] = [
  'name', '名称', 'zoneName', '区域名', 'A33_005', 'kashoname', 'keiryuname', '箇所名', '渓流名',
  'river_name', '河川名', 'location', '所在地', 'A33_006', 'shozaichi',
];

/** Properties tried for a zone's 箇所番号 / 区域番号, highest priority first. */
export const CODE_PROPERTIES: readonly string[] = ['zoneNumber', '区域番号', 'A33_004', '箇所番号', 'kashonum', 'keiryunum', '渓流番号'];

/** Per-file ID properties tried after `gml_id` and the feature's own `id`, highest priority first. */
const ID_PROPERTIES: readonly string[] = ['id', 'fid', 'gid', 'OBJECTID', 'objectid'];

/** Longest zone ID, in characters: a 24-character file prefix and a 41-character gml_id (a UUID) fit. */
const MAX_ID = 128;

function text(v: unknown): string | null {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function firstOf(props: Record<string, unknown> | null | undefined, keys: readonly string[], max: number): string | null {
  if (!props) return null;
  for (const key of keys) {
    const v = text(props[key]);
    if (v !== null) return v.slice(0, max);
  }
  return null;
}

/** A zone's display name from its properties, or null. */
export function zoneNameOf(properties: Record<string, unknown> | null | undefined): string | null {
  return firstOf(properties, NAME_PROPERTIES, 200);
}

/** A zone's 箇所番号 / 区域番号 from its properties, or null. */
export function zoneCodeOf(properties: Record<string, unknown> | null | undefined): string | null {
  return firstOf(properties, CODE_PROPERTIES, MAX_ID);
}

/**
 * IDs for every feature of a file, `<prefix>-<local id>`: the local id is the first ID source
 * (`gml_id`, the feature's own `id`, then ID_PROPERTIES) that every feature has with no two equal
 * and that fits in MAX_ID characters with the prefix; when none qualifies, the 1-based feature number.
 * The prefix (zoneIdPrefix) tells files apart, so two files' zones never replace each other —
 * not even when both number their features 1, 2, 3 or share a `gml_id`.
 */
export function zoneIdsOf(features: readonly LooseFeature[], prefix: string): string[] {
  const sources: ((f: LooseFeature) => unknown)[] = [(f) => f?.properties?.gml_id, (f) => f?.id, ...ID_PROPERTIES.map((k) => (f: LooseFeature) => f?.properties?.[k])];
  for (const read of sources) {
    const values = features.map((f) => text(read(f)));
    if (!values.length || !values.every((v): v is string => v !== null) || new Set(values).size !== values.length) continue;
    const ids = values.map((v) => `${prefix}-${v}`);
    if (ids.every((id) => id.length <= MAX_ID)) return ids;
  }
  return features.map((_, i) => `${prefix}-${i + 1}`);
}

/**
 * The part of every zone ID that names its file: the file name without its extension when it
 * has at most 24 characters, else its first 15 characters, 「~」 and an 8-digit hash of the whole
 * name (FNV-1a), so two long names that begin alike still differ.
 */
export function zoneIdPrefix(file: string): string {
  const name = file.replace(/\.[^.]*$/, '') || 'zone';
  if ([...name].length <= 24) return name;
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return `${[...name].slice(0, 15).join('')}~${h.toString(16).padStart(8, '0')}`;
}
