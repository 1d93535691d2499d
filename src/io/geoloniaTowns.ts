/**
 * Geolonia 住所データ (github.com/geolonia/japanese-addresses, CC BY 4.0, credit 「Geolonia 住所データ」):
 * the per-city JSON `api/ja/{都道府県名}/{市区町村名}.json`, an array of `{town, koaza, lat, lng}` —
 * one representative point per 大字・町丁目 (koaza '') or 小字 — read as 大字・町丁目-level
 * reference points. The file names neither the prefecture nor the city: they come from the caller
 * (what the user typed) or from the file name (「会津若松市.json」「福島県会津若松市.json」).
 */
import { japanLocationProblem } from './coordinates';
import { fieldOf } from '../core/jsonShape';
import type { PositionReferenceRecord } from './positionReference';
import { quoteValue } from './quote';
import type { RowError } from './rowError';

/** Where the points are, when the file does not say. */
export interface ReferencePlace {
  prefecture?: string;
  city?: string;
}

/** True when parsed JSON is a Geolonia 住所データ city file: an array whose first item has `town`, `lat` and `lng`. */
export function isGeoloniaTowns(data: unknown): data is unknown[] {
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  return typeof first === 'object' && first !== null && 'town' in first && 'lat' in first && 'lng' in first;
}

/** The prefecture and city a file name gives (「福島県会津若松市.json」 → 福島県, 会津若松市), else null. */
export function placeFromFileName(file: string): { prefecture: string; city: string } | null {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').normalize('NFKC').trim();
  const m = /^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)?(.+?[市区町村])$/.exec(base);
  return m && /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(m[2]) ? { prefecture: m[1] ?? '', city: m[2] } : null;
}

/** Reads the points. Rows with problems are listed in `errors`; without a city, one error says how to give it. */
export function readGeoloniaTowns(data: unknown[], file: string, place: ReferencePlace = {}): { records: PositionReferenceRecord[]; errors: RowError[] } {
  const fromName = placeFromFileName(file);
  const city = place.city?.trim() || fromName?.city || '';
  const prefecture = place.prefecture?.trim() || fromName?.prefecture || '';
  if (!city) {
    return {
      records: [],
      errors: [{ file, row: 0, column: null, message: 'Geolonia 住所データのJSONには市区町村名が書かれていません。「市区町村名」の欄に市区町村名（例: 会津若松市）を入れてから、もう一度ファイルを選んでください（ファイル名が「会津若松市.json」なら入力は不要です）。' }],
    };
  }
  const records: PositionReferenceRecord[] = [];
  const errors: RowError[] = [];
  data.forEach((item, i) => {
    const row = i + 1;
    const o = { town: fieldOf(item, 'town'), koaza: fieldOf(item, 'koaza'), lat: fieldOf(item, 'lat'), lng: fieldOf(item, 'lng') };
    const town = typeof o.town === 'string' ? o.town.trim() : '';
    const koaza = typeof o.koaza === 'string' ? o.koaza.trim() : '';
    const lat = Number(o.lat);
    const lng = Number(o.lng);
    if (!town) return void errors.push({ file, row, column: 'town', message: '町丁目名（town）が空欄です。' });
    if (o.lat === null || o.lng === null || o.lat === '' || o.lng === '' || !Number.isFinite(lat) || !Number.isFinite(lng)) {
      return void errors.push({ file, row, column: 'lat・lng', message: `緯度・経度（lat, lng）が数値ではありません（${quoteValue(town + koaza)}）。` });
    }
    const problem = japanLocationProblem([lng, lat]);
    if (problem) return void errors.push({ file, row, column: 'lat・lng', message: `${problem}（${quoteValue(town + koaza)}）` });
    records.push({ level: 'town', prefecture, city, town, koaza, block: null, lng, lat, representative: true, row });
  });
  return { records, errors };
}
