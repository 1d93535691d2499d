/**
 * Coordinates read from files: 緯度/経度 cells (decimal degrees or 度分秒) with swapped / outside-Japan
 * checks, and 平面直角座標 X/Y with 系番号 (I–XIX) converted to WGS84 `[lng, lat]` with proj4.
 * Surveying writes X = northing and Y = easting (metres), the opposite of proj4's [easting, northing].
 */
import proj4 from 'proj4';
import { isInJapan, type LngLat } from '../core/geo';
import { normalizeCodeText, parseDecimal, plainDecimalValue } from './normalize';
import { quoteValue } from './quote';

export type CellCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads degrees from `37.4948`, `３７．４９４８`, `37°29'41.3"` or `37度29分41.3秒`; NaN when unreadable, null when empty. */
export function parseDegrees(cell: string): number | null {
  // Fast path: a plain decimal such as `37.4948` (most cells) is its own normalised text, has no
  // degree sign and reads as parseDecimal reads it.
  if (typeof cell === 'string') {
    const plain = plainDecimalValue(cell);
    if (plain !== undefined) return plain;
  }
  const s = normalizeCodeText(cell);
  if (s === '') return null;
  const dms = s.match(/^([+-]?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分])?\s*(?:(\d+(?:\.\d+)?)\s*(?:["″秒]|'')?)?\s*([NSEW北南東西])?$/i);
  if (dms) {
    const v = Number(dms[1]) + Number(dms[2] ?? 0) / 60 + Number(dms[3] ?? 0) / 3600;
    return /[SW南西]/i.test(dms[4] ?? '') ? -v : v;
  }
  return parseDecimal(s);
}

/** Japanese message about a `[lng, lat]` that is outside Japan, suggesting the swap when that would fix it; null when fine. */
export function japanLocationProblem([lng, lat]: LngLat): string | null {
  if (isInJapan([lng, lat])) return null;
  if (isInJapan([lat, lng])) {
    return `緯度と経度が入れ替わっているようです（緯度${lat}、経度${lng}）。緯度${lng}、経度${lat}ではありませんか。`;
  }
  return `位置が日本国外です（緯度${lat}、経度${lng}）。日本の緯度はおよそ20〜46、経度はおよそ122〜154です。`;
}

/**
 * Reads a 緯度 cell and a 経度 cell into `[lng, lat]` degrees. Both empty → null (no location yet).
 * Errors name the column to fix: `lat`, `lng`, or `both` (swapped / outside Japan).
 */
export function readLatLng(latCell: string, lngCell: string): { ok: true; value: LngLat | null } | { ok: false; column: 'lat' | 'lng' | 'both'; message: string } {
  const lat = parseDegrees(latCell);
  const lng = parseDegrees(lngCell);
  if (lat === null && lng === null) return { ok: true, value: null };
  if (lat === null || Number.isNaN(lat)) return { ok: false, column: 'lat', message: lat === null ? '経度があるのに緯度が空欄です。両方入力するか、両方空欄にしてください。' : `緯度${quoteValue(latCell)}は数値（例: 37.4948）で入力してください。` };
  if (lng === null || Number.isNaN(lng)) return { ok: false, column: 'lng', message: lng === null ? '緯度があるのに経度が空欄です。両方入力するか、両方空欄にしてください。' : `経度${quoteValue(lngCell)}は数値（例: 139.9323）で入力してください。` };
  const problem = japanLocationProblem([lng, lat]);
  if (problem) return { ok: false, column: 'both', message: problem };
  return { ok: true, value: [lng, lat] };
}

/** Origin `[lat, lon]` in degrees of each 平面直角座標系 zone I..XIX (index = zone − 1). */
export const PLANE_ZONE_ORIGINS: readonly (readonly [number, number])[] = [
  [33, 129.5], [33, 131], [36, 132 + 1 / 6], [33, 133.5], [36, 134 + 1 / 3], [36, 136], [36, 137 + 1 / 6],
  [36, 138.5], [36, 139 + 5 / 6], [40, 140 + 5 / 6], [44, 140.25], [44, 142.25], [44, 144.25], [26, 142],
  [26, 127.5], [26, 124], [26, 131], [20, 136], [26, 154],
];

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX'];

/** 系番号 from `9`, `９`, `IX`, `Ⅸ`, `第9系`, `IX系`; a CellCheck with a Japanese message when not 1–19. */
export function parsePlaneZone(cell: string): CellCheck<number> {
  const s = normalizeCodeText(cell).toUpperCase().replace(/^第/, '').replace(/系$/, '').replace(/\s/g, '');
  const n = /^\d+$/.test(s) ? Number(s) : ROMAN.indexOf(s) + 1;
  if (Number.isInteger(n) && n >= 1 && n <= 19) return { ok: true, value: n };
  return { ok: false, message: `系番号${quoteValue(cell)}が読めません。平面直角座標系の系番号は1〜19（またはI〜XIX）です。` };
}

/** Geodetic datum of plane coordinates: JGD2011 and JGD2000 use GRS80; 日本測地系 (Tokyo) uses Bessel. */
export type PlaneDatum = 'JGD2011' | 'JGD2000' | 'Tokyo';

/** proj4 definition of zone `zone` (1–19); JGD2011 zone N is EPSG:6668+N, JGD2000 EPSG:2442+N. */
export function planeZoneProj(zone: number, datum: PlaneDatum = 'JGD2011'): string {
  const [lat0, lon0] = PLANE_ZONE_ORIGINS[zone - 1];
  const ellps = datum === 'Tokyo' ? '+ellps=bessel +towgs84=-146.414,507.337,680.507,0,0,0,0' : '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0';
  return `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=0.9999 +x_0=0 +y_0=0 ${ellps} +units=m +no_defs`;
}

/** 平面直角座標 (X northing, Y easting, metres) in zone 1–19 → WGS84 `[lng, lat]` degrees. */
export function planeToLngLat(x: number, y: number, zone: number, datum: PlaneDatum = 'JGD2011'): LngLat {
  const [lng, lat] = proj4(planeZoneProj(zone, datum), 'WGS84', [y, x]);
  return [lng, lat];
}

/** WGS84 `[lng, lat]` degrees → 平面直角座標 `{x: northing, y: easting}` in metres in zone 1–19. */
export function lngLatToPlane([lng, lat]: LngLat, zone: number, datum: PlaneDatum = 'JGD2011'): { x: number; y: number } {
  const [e, n] = proj4('WGS84', planeZoneProj(zone, datum), [lng, lat]);
  return { x: n, y: e };
}
