/**
 * Shared first step of the GeoJSON readers (hazard zones, road network): bytes or text → parsed
 * features, with Japanese messages for files that are not GeoJSON, are empty, or are written in
 * a projected coordinate system (平面直角座標, Web メルカトル) instead of longitude/latitude.
 */
import { decodeBytes } from './encoding';
import { fieldOf, isRecord } from '../core/jsonShape';
import type { RowError } from './rowError';
import { quoteValue } from './quote';

/** Input accepted by the GeoJSON readers: raw file bytes, decoded text, or an already parsed object. */
export type GeoJsonInput = Uint8Array | ArrayBuffer | string | object;

/**
 * A GeoJSON feature as found in the file: members unchecked. The readers reach every member with
 * optional chaining and check each value before use, so an element of another shape (null, a
 * number, a string geometry) reads as missing parts and becomes that feature's error.
 */
export interface LooseFeature {
  type?: unknown;
  id?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown; geometries?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

export type FeaturesResult = { ok: true; features: LooseFeature[] } | { ok: false; error: RowError };

/** `crs` names meaning longitude/latitude degrees (WGS84, JGD2011, JGD2000); anything else is refused. */
const GEOGRAPHIC_CRS = /(CRS84|EPSG:{1,2}(4326|6668|4612|4019)\b|^(4326|6668|4612)$)/i;

/**
 * Parses GeoJSON into its features. Accepts a FeatureCollection, a single Feature, or a bare
 * geometry (wrapped as one feature). The `crs` member, when present, must name a geographic
 * (lng/lat degrees) CRS.
 */
export function readGeoJsonFeatures(input: GeoJsonInput, file: string): FeaturesResult {
  const fail = (message: string): FeaturesResult => ({ ok: false, error: { file, row: 0, column: null, message } });
  let data: unknown = input;
  if (input instanceof ArrayBuffer) data = new Uint8Array(input);
  if (data instanceof Uint8Array) {
    const decoded = decodeBytes(data);
    if (!decoded.ok) return fail(decoded.message);
    data = decoded.text;
  }
  if (typeof data === 'string') {
    const text = data.replace(/^\uFEFF/, '');
    if (text.trim() === '') return fail('ファイルが空です。GeoJSON（.geojson）ファイルを選んでください。');
    try {
      data = JSON.parse(text);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return fail(`GeoJSONとして読めません（JSONの書式の誤り: ${detail}）。GISソフトで「GeoJSON」形式で書き出したファイルを選んでください。`);
    }
  }
  if (!isRecord(data)) {
    return fail('GeoJSONではありません。最上位が FeatureCollection のオブジェクトである必要があります。');
  }
  const obj = data;
  const crsName = fieldOf(fieldOf(obj.crs, 'properties'), 'name');
  if (typeof crsName === 'string' && !GEOGRAPHIC_CRS.test(crsName)) {
    return fail(`座標参照系が${quoteValue(crsName)}です。緯度経度（WGS84 EPSG:4326 または JGD2011 EPSG:6668）で書き出し直してください（QGISの「エクスポート」で座標参照系を指定できます）。`);
  }
  if (obj.type === 'FeatureCollection') {
    if (!Array.isArray(obj.features)) return fail('FeatureCollection に「features」の配列がありません。');
    if (obj.features.length === 0) return fail('地物が1つもありません（features が空です）。');
    return { ok: true, features: asLooseFeatures(obj.features) };
  }
  if (obj.type === 'Feature') return { ok: true, features: asLooseFeatures([obj]) };
  if (typeof obj.type === 'string' && 'coordinates' in obj) {
    return { ok: true, features: asLooseFeatures([{ type: 'Feature', geometry: obj, properties: {} }]) };
  }
  return fail(`GeoJSONの種類${quoteValue(obj.type ?? '（なし）')}は読めません。FeatureCollection を選んでください。`);
}

/** The file's features as the readers take them: the one place their shape is not checked (see LooseFeature). */
function asLooseFeatures(features: unknown[]): LooseFeature[] {
  return features as LooseFeature[];
}

/** Japanese ordinal used in messages: 「3番目の地物」. */
export function featureLabel(index: number): string {
  return `${index + 1}番目の地物`;
}

/**
 * Why a position outside Japan is there, in Japanese: swapped order, projected metres
 * (平面直角座標 / Web メルカトル), or simply elsewhere. `[x, y]` as found in the file.
 */
export function outsideJapanReason(x: number, y: number): string {
  if (y >= 122 && y <= 154 && x >= 20 && x <= 46) {
    return `座標（${x}, ${y}）が[緯度, 経度]の順になっているようです。GeoJSONは[経度, 緯度]の順です。`;
  }
  if (Math.abs(x) > 180 || Math.abs(y) > 90) {
    return `座標（${x}, ${y}）が経度・緯度の範囲を超えています。平面直角座標やWebメルカトル（メートル単位）のまま書き出されたようです。緯度経度（EPSG:4326）に変換してください。`;
  }
  return `位置が日本国外です（経度${x}、緯度${y}）。日本の経度はおよそ122〜154、緯度はおよそ20〜46です。`;
}
