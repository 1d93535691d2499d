/**
 * 地区・町内会 (or city) outlines from GeoJSON: Polygon / MultiPolygon features in `[lng, lat]`
 * WGS84 degrees, each with a name property (`name`, `名称`, `地区名`, `町内会名`…, or the 国土数値情報
 * 行政区域 `N03_004`). Polygons of one name are joined into one MultiPolygon (a 町内会 in two
 * parts). All or nothing: any feature that cannot be used is an error and no outline is returned,
 * so a half-read file never replaces outlines. Pure: runs in Node and in a Web Worker.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { isInJapan } from '../core/geo';
import { featureLabel, outsideJapanReason, readGeoJsonFeatures, type GeoJsonInput, type LooseFeature } from './geojsonInput';
import { cleanRing, describeRepairs, emptyRepairCounts } from './polygonRepair';
import { quoteValue } from './quote';
import type { RowError } from './rowError';

/** Property names read as the outline's name, first present wins (compared as written). */
export const OUTLINE_NAME_PROPERTIES = ['name', 'NAME', 'Name', '名称', '名前', '地区名', '地区', '町内会名', '町内会', '自治会名', '町丁目名', '町名', 'N03_004'] as const;

export interface DistrictOutline {
  name: string;
  outline: Polygon | MultiPolygon;
}

export interface DistrictOutlineReadResult {
  /** Empty whenever `errors` is not. */
  outlines: DistrictOutline[];
  errors: RowError[];
  /** Repairs made (rings closed, duplicate points dropped) and names joined. */
  notes: RowError[];
  /** The property the names were read from, or null. */
  nameProperty: string | null;
  featureCount: number;
}

/** Reads outlines from GeoJSON bytes, text or object (`file` names it in messages). */
export function readDistrictOutlines(input: GeoJsonInput, file: string): DistrictOutlineReadResult {
  const parsed = readGeoJsonFeatures(input, file);
  if (!parsed.ok) return { outlines: [], errors: [parsed.error], notes: [], nameProperty: null, featureCount: 0 };
  const features = parsed.features;
  const errors: RowError[] = [];
  const notes: RowError[] = [];
  const err = (row: number, column: string | null, message: string) => errors.push({ file, row, column, message });
  const hasName = (f: LooseFeature, k: string) => {
    const v = f?.properties?.[k];
    return typeof v === 'string' && v.trim() !== '';
  };
  const nameProperty = OUTLINE_NAME_PROPERTIES.find((k) => features.some((f) => hasName(f, k))) ?? null;
  if (nameProperty === null) {
    err(0, null, `地区の名前の属性がありません。各地物に ${OUTLINE_NAME_PROPERTIES.slice(3, 8).map((k) => `「${k}」`).join('')} などの属性で名前を付けてください（「name」も読めます）。`);
    return { outlines: [], errors, notes, nameProperty, featureCount: features.length };
  }
  const byName = new Map<string, number[][][][]>();
  features.forEach((f, i) => {
    const row = i + 1;
    const where = featureLabel(i);
    const rawName = f?.properties?.[nameProperty];
    const name = typeof rawName === 'string' ? rawName.trim() : typeof rawName === 'number' ? String(rawName) : '';
    if (!name) return err(row, nameProperty, `${where}に名前（属性${quoteValue(nameProperty)}）がありません。`);
    if (name.length > 100) return err(row, nameProperty, `${where}の名前が長すぎます（${name.length}文字、100文字まで）。`);
    const g = f.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      return err(row, 'geometry', `${where}（${quoteValue(name)}）の形状が${quoteValue(g?.type ?? 'なし')}です。地区の範囲はPolygonまたはMultiPolygonで指定してください。`);
    }
    const partsIn: unknown = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (!Array.isArray(partsIn) || partsIn.length === 0) return err(row, 'geometry.coordinates', `${where}（${quoteValue(name)}）に座標がありません。`);
    const counts = emptyRepairCounts();
    const parts: number[][][][] = [];
    for (const rings of partsIn) {
      if (!Array.isArray(rings) || rings.length === 0) return err(row, 'geometry.coordinates', `${where}（${quoteValue(name)}）のポリゴンに輪（座標の並び）がありません。`);
      const kept: number[][][] = [];
      for (let r = 0; r < rings.length; r++) {
        const res = cleanRing(rings[r], r === 0 ? '外周' : `${r}番目の穴`, counts);
        if (!res.ok) return err(row, 'geometry.coordinates', `${where}（${quoteValue(name)}）: ${res.message}`);
        kept.push(res.ring);
      }
      const [x, y] = kept[0][0];
      if (!isInJapan([x, y])) return err(row, 'geometry.coordinates', `${where}（${quoteValue(name)}）: ${outsideJapanReason(x, y)}`);
      parts.push(kept);
    }
    const repaired = describeRepairs(counts);
    if (repaired) notes.push({ file, row, column: 'geometry', message: `${where}（${quoteValue(name)}）を修復しました: ${repaired}` });
    const known = byName.get(name);
    if (known) {
      known.push(...parts);
      notes.push({ file, row, column: nameProperty, message: `${where}は${quoteValue(name)}の続きとして、同じ名前の範囲にまとめました。` });
    } else byName.set(name, parts);
  });
  if (errors.length) return { outlines: [], errors, notes, nameProperty, featureCount: features.length };
  const outlines = [...byName].map(([name, parts]): DistrictOutline => ({
    name,
    outline: parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts },
  }));
  return { outlines, errors, notes, nameProperty, featureCount: features.length };
}
