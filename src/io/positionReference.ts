/**
 * Address reference files → reference points. The format is recognised from the content first
 * (JSON or CSV, then the headers or keys), never from the extension alone:
 * - 国土交通省 位置参照情報 CSV (below), the main format;
 * - Geolonia 住所データ JSON `[{town, koaza, lat, lng}]` (geoloniaTowns.ts), 町丁目 level;
 * - アドレス・ベース・レジストリ 町字 CSV (abrTowns.ts), 町丁目 level.
 * Anything else gets one message saying what the file looks like and what is expected.
 *
 * 国土交通省 位置参照情報 CSV (Shift_JIS as downloaded; UTF-8 also read):
 * two levels, told apart by their headers and bound by header name (order, quoting, full- or
 * half-width letters and 「・」 may vary):
 * - 街区レベル: 都道府県名, 市区町村名, 大字・町丁目名, 小字・通称名, 街区符号・地番, 座標系番号,
 *   Ｘ座標, Ｙ座標, 緯度, 経度, 住居表示フラグ, 代表フラグ, 更新前履歴フラグ, 更新後履歴フラグ
 * - 大字・町丁目レベル: 都道府県コード, 都道府県名, 市区町村コード, 市区町村名, 大字町丁目コード,
 *   大字町丁目名, 緯度, 経度, 原典資料コード, 大字・字・丁目区分コード
 * Position comes from 緯度/経度; when those are empty, from 座標系番号 + X (northing) / Y
 * (easting) metres (JGD2011) through proj4. The history flags are not interpreted.
 */
import { isAbrTownCsv, readAbrTownCsv } from './abrTowns';
import { errorMessage } from '../core/thrown';
import { keysOf, recordOf } from './columns';
import { fieldOf } from '../core/jsonShape';
import { parseCsvTable, type CsvTable } from './csv';
import { decodeBytes, type TextEncodingName } from './encoding';
import { parsePlaneZone, planeToLngLat, readLatLng, japanLocationProblem } from './coordinates';
import { normalizeHeader, parseDecimal } from './normalize';
import type { ReadResult, RowError } from './rowError';
import { clipList } from './quote';
import { isGeoloniaTowns, readGeoloniaTowns, type ReferencePlace } from './geoloniaTowns';

/** The kinds of reference file read. */
export type ReferenceFormat = 'mlit' | 'geolonia' | 'abr';

/** Japanese name of each format for the 位置の確認 screen. */
export const REFERENCE_FORMAT_LABELS: Record<ReferenceFormat, string> = {
  mlit: '国土交通省 位置参照情報（CSV）',
  geolonia: 'Geolonia 住所データ（JSON）',
  abr: 'アドレス・ベース・レジストリ 町字（CSV）',
};

/** The formats accepted, as said in every 「読めません」 message. */
const EXPECTED = '国土交通省「位置参照情報ダウンロードサービス」の街区レベルまたは大字・町丁目レベルのCSV、Geolonia 住所データのJSON（町丁目ごとの {town, koaza, lat, lng} の配列）、またはアドレス・ベース・レジストリの町字のCSV（代表点の列を含むもの）を選んでください。';

/** `block` = 街区レベル (one point per 街区符号 / 地番), `town` = 大字・町丁目レベル (one point per town). */
export type PositionReferenceLevel = 'block' | 'town';

/** One reference point. Names are as written in the file (trimmed). */
export interface PositionReferenceRecord {
  level: PositionReferenceLevel;
  prefecture: string;
  city: string;
  /** 大字・町丁目名, e.g. 「一箕町大字亀賀」「真宮新町南三丁目」. */
  town: string;
  /** 小字・通称名 ('' when none or at town level). */
  koaza: string;
  /** 街区符号・地番 as written (null at town level). */
  block: string | null;
  /** WGS84 degrees. */
  lng: number;
  lat: number;
  /** 代表フラグ = 1 (true when the column is absent). */
  representative: boolean;
  /** 1-based data row in the file. */
  row: number;
}

export interface PositionReferenceReadResult extends ReadResult<PositionReferenceRecord> {
  level: PositionReferenceLevel | null;
  encoding: TextEncodingName | null;
  /** The format recognised, or null when none was. */
  format: ReferenceFormat | null;
}

type Field = 'prefecture' | 'city' | 'town' | 'koaza' | 'block' | 'zone' | 'x' | 'y' | 'lat' | 'lng' | 'representative';

/** Accepted header spellings per field, compared after normalizeHeader and removing 「・」「/」「_」. */
const HEADER_ALIASES: Record<Field, string[]> = {
  prefecture: ['都道府県名', '都道府県'],
  city: ['市区町村名', '市区町村', '市町村名'],
  town: ['大字町丁目名', '大字町丁目', '町丁目名', '大字名', '町名'],
  koaza: ['小字通称名', '小字名', '小字', '通称名'],
  block: ['街区符号地番', '街区符号', '地番', '街区'],
  zone: ['座標系番号', '座標系', '系番号'],
  x: ['x座標', 'x'],
  y: ['y座標', 'y'],
  lat: ['緯度', 'lat', 'latitude'],
  lng: ['経度', 'lng', 'lon', 'longitude'],
  representative: ['代表フラグ', '代表'],
};

const LABELS: Record<Field, string> = {
  prefecture: '都道府県名', city: '市区町村名', town: '大字・町丁目名', koaza: '小字・通称名', block: '街区符号・地番',
  zone: '座標系番号', x: 'Ｘ座標', y: 'Ｙ座標', lat: '緯度', lng: '経度', representative: '代表フラグ',
};

function headerKey(h: string): string {
  return normalizeHeader(h).replace(/[・･/／_]/g, '');
}

/** Column index of each field found in `headers` (−1 when absent). */
export function bindPositionReferenceHeaders(headers: readonly string[]): Record<Field, number> {
  const keys = headers.map(headerKey);
  return recordOf(keysOf(HEADER_ALIASES), (field) => keys.findIndex((k) => HEADER_ALIASES[field].includes(k)));
}

/**
 * Reads an address reference file (bytes or text): JSON or CSV recognised by content, then the
 * format by keys or headers. `place` gives the city (and prefecture) for files that do not name
 * it (Geolonia JSON). Rows with problems are listed in `errors`, never guessed.
 */
export function readPositionReference(input: Uint8Array | ArrayBuffer | string, file: string, place: ReferencePlace = {}): PositionReferenceReadResult {
  let text: string;
  let encoding: TextEncodingName | null = null;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeBytes(input instanceof ArrayBuffer ? new Uint8Array(input) : input);
    if (!decoded.ok) return { records: [], errors: [{ file, row: 0, column: null, message: `${decoded.message}${EXPECTED}` }], level: null, encoding: null, format: null };
    text = decoded.text;
    encoding = decoded.encoding;
  }
  const fail = (message: string, format: ReferenceFormat | null = null): PositionReferenceReadResult => ({ records: [], errors: [{ file, row: 0, column: null, message }], level: null, encoding, format });
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (err) {
      return fail(`JSONのファイルのようですが、JSONとして読めません（${errorMessage(err)}）。${EXPECTED}`);
    }
    if (isGeoloniaTowns(data)) return { ...readGeoloniaTowns(data, file, place), level: 'town', encoding, format: 'geolonia' };
    const kind = fieldOf(data, 'type') === 'FeatureCollection' ? 'GeoJSON（地図の図形のファイル）' : 'JSON';
    return fail(`${kind}ですが、住所の位置参照の形ではありません。${EXPECTED}`);
  }
  const table = parseCsvTable(text, file);
  if (table.headers.length === 0) return { records: [], errors: [...table.errors], level: null, encoding, format: null };
  if (isAbrTownCsv(table.headers)) {
    const r = readAbrTownCsv(table, file);
    return { records: r.records, errors: [...table.errors, ...r.errors], level: 'town', encoding, format: 'abr' };
  }
  return { ...readMlitCsv(table, file), encoding };
}

/** Reads the 国土交通省 位置参照情報 CSV layout (街区 or 大字・町丁目 level). */
function readMlitCsv(table: CsvTable, file: string): Omit<PositionReferenceReadResult, 'encoding'> {
  const errors: RowError[] = [...table.errors];
  const col = bindPositionReferenceHeaders(table.headers);
  const level: PositionReferenceLevel | null = col.block >= 0 ? 'block' : col.town >= 0 ? 'town' : null;
  const hasLatLng = col.lat >= 0 && col.lng >= 0;
  const hasPlane = col.zone >= 0 && col.x >= 0 && col.y >= 0;
  const missing: string[] = [];
  if (col.city < 0) missing.push(LABELS.city);
  if (col.town < 0) missing.push(LABELS.town);
  if (!hasLatLng && !hasPlane) missing.push('緯度・経度（または座標系番号・Ｘ座標・Ｙ座標）');
  if (level === null || missing.length) {
    errors.unshift({
      file, row: 0, column: null,
      message: `位置参照情報のCSVとして読めません。見出しに ${missing.map((m) => `「${m}」`).join('')} がありません（見出し: ${clipList(table.headers, 8)}）。${EXPECTED}`,
    });
    // Only the header problem: a file of another kind gives no row-by-row parse errors (thousands for a JSON or a text file).
    return { records: [], errors: errors.filter((e) => e.row === 0).slice(0, 1), level, format: null };
  }
  const headerOf = (f: Field) => (col[f] >= 0 ? table.headers[col[f]] : LABELS[f]);
  const cell = (cells: string[], f: Field) => (col[f] >= 0 ? (cells[col[f]] ?? '').trim() : '');
  const records: PositionReferenceRecord[] = [];

  for (const { row, cells } of table.records) {
    const town = cell(cells, 'town');
    if (town === '') {
      errors.push({ file, row, column: headerOf('town'), message: `${LABELS.town}が空欄です。` });
      continue;
    }
    const block = level === 'block' ? cell(cells, 'block') : null;
    if (level === 'block' && block === '') {
      errors.push({ file, row, column: headerOf('block'), message: `${LABELS.block}が空欄です（${town}）。` });
      continue;
    }
    let lngLat: [number, number] | null = null;
    const latCell = cell(cells, 'lat'), lngCell = cell(cells, 'lng');
    if (hasLatLng && (latCell !== '' || lngCell !== '')) {
      const r = readLatLng(latCell, lngCell);
      if (!r.ok) {
        errors.push({ file, row, column: r.column === 'lat' ? headerOf('lat') : r.column === 'lng' ? headerOf('lng') : `${headerOf('lat')}・${headerOf('lng')}`, message: `${r.message}（${town}${block ?? ''}）` });
        continue;
      }
      lngLat = r.value;
    } else if (hasPlane) {
      const z = parsePlaneZone(cell(cells, 'zone'));
      const x = parseDecimal(cell(cells, 'x')), y = parseDecimal(cell(cells, 'y'));
      if (!z.ok) {
        errors.push({ file, row, column: headerOf('zone'), message: z.message });
        continue;
      }
      if (x === null || y === null || Number.isNaN(x) || Number.isNaN(y)) {
        errors.push({ file, row, column: `${headerOf('x')}・${headerOf('y')}`, message: `緯度・経度が空欄で、Ｘ座標・Ｙ座標も数値ではありません（${town}${block ?? ''}）。` });
        continue;
      }
      lngLat = planeToLngLat(x, y, z.value);
      const problem = japanLocationProblem(lngLat);
      if (problem) {
        errors.push({ file, row, column: `${headerOf('x')}・${headerOf('y')}`, message: `Ｘ座標・Ｙ座標を${z.value}系として変換すると日本の外になります。${problem}` });
        continue;
      }
    }
    if (!lngLat) {
      errors.push({ file, row, column: `${headerOf('lat')}・${headerOf('lng')}`, message: `緯度・経度が空欄です（${town}${block ?? ''}）。` });
      continue;
    }
    const rep = cell(cells, 'representative');
    records.push({
      level,
      prefecture: cell(cells, 'prefecture'),
      city: cell(cells, 'city'),
      town,
      koaza: level === 'block' ? cell(cells, 'koaza') : '',
      block,
      lng: lngLat[0],
      lat: lngLat[1],
      representative: col.representative < 0 || parseDecimal(rep) === 1,
      row,
    });
  }
  return { records, errors, level, format: 'mlit' };
}
