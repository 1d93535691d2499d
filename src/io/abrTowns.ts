/**
 * アドレス・ベース・レジストリ（デジタル庁）町字 CSV → 大字・町丁目-level reference points.
 * Bound by header name, Japanese (町字マスター with its 位置参照拡張 columns in the same file:
 * 全国地方公共団体コード, 町字id, 都道府県名, 市区町村名, 政令市区名, 大字・町名, 丁目名, 小字名,
 * 代表点_経度, 代表点_緯度) or the English keys of the same data (lg_code, machiaza_id, pref, city,
 * ward, oaza_cho, chome, koaza, rep_lon, rep_lat). City = 市区町村名 + 政令市区名; town = 大字・町名
 * + 丁目名; koaza = 小字名. A 位置参照拡張 file alone (町字id and 代表点, no names) cannot be used.
 */
import { keysOf, recordOf } from './columns';
import type { CsvTable } from './csv';
import { readLatLng } from './coordinates';
import { normalizeHeader } from './normalize';
import type { PositionReferenceRecord } from './positionReference';
import { quoteValue } from './quote';
import type { RowError } from './rowError';

type AbrField = 'machiazaId' | 'prefecture' | 'city' | 'ward' | 'oaza' | 'chome' | 'koaza' | 'lng' | 'lat';

const ABR_HEADERS: Record<AbrField, string[]> = {
  machiazaId: ['町字id', 'machiaza_id'],
  prefecture: ['都道府県名', 'pref'],
  city: ['市区町村名', 'city'],
  ward: ['政令市区名', 'ward'],
  oaza: ['大字・町名', 'oaza_cho'],
  chome: ['丁目名', 'chome'],
  koaza: ['小字名', 'koaza'],
  lng: ['代表点_経度', 'rep_lon', 'rep_pnt_lon'],
  lat: ['代表点_緯度', 'rep_lat', 'rep_pnt_lat'],
};

function bind(headers: readonly string[]): Record<AbrField, number> {
  const keys = headers.map((h) => normalizeHeader(h).toLowerCase());
  return recordOf(keysOf(ABR_HEADERS), (f) => keys.findIndex((k) => ABR_HEADERS[f].some((n) => normalizeHeader(n).toLowerCase() === k)));
}

/** True when the headers are the アドレス・ベース・レジストリ's (a 町字id column). */
export function isAbrTownCsv(headers: readonly string[]): boolean {
  return bind(headers).machiazaId >= 0;
}

/**
 * Reads the rows. Rows without a 代表点 (common for 小字) are not read and reported once, with a
 * count and the first row, not one error per row.
 */
export function readAbrTownCsv(table: CsvTable, file: string): { records: PositionReferenceRecord[]; errors: RowError[] } {
  const col = bind(table.headers);
  const missing: string[] = [];
  if (col.city < 0) missing.push('市区町村名');
  if (col.oaza < 0) missing.push('大字・町名');
  if (col.lat < 0 || col.lng < 0) missing.push('代表点_経度・代表点_緯度');
  if (missing.length) {
    const posOnly = col.oaza < 0 && col.lat >= 0;
    return {
      records: [],
      errors: [{
        file, row: 0, column: null,
        message: `アドレス・ベース・レジストリの町字のCSVですが、見出しに「${missing.join('」「')}」がありません。${posOnly ? '位置参照拡張（代表点だけ）のファイルには町名がないため、住所の照合に使えません。' : ''}町字マスターの町名の列（大字・町名・丁目名・小字名）と代表点の列（代表点_経度・代表点_緯度）を含むCSVを選んでください。`,
      }],
    };
  }
  const cell = (cells: string[], f: AbrField) => (col[f] >= 0 ? (cells[col[f]] ?? '').trim() : '');
  const records: PositionReferenceRecord[] = [];
  const errors: RowError[] = [];
  const noPoint: { row: number; town: string }[] = [];
  for (const { row, cells } of table.records) {
    const town = cell(cells, 'oaza') + cell(cells, 'chome');
    const koaza = cell(cells, 'koaza');
    if (!town && !koaza) {
      errors.push({ file, row, column: table.headers[col.oaza], message: '大字・町名と小字名が空欄です。' });
      continue;
    }
    const latCell = cell(cells, 'lat'), lngCell = cell(cells, 'lng');
    if (latCell === '' && lngCell === '') {
      noPoint.push({ row, town: town + koaza });
      continue;
    }
    const ll = readLatLng(latCell, lngCell);
    if (!ll.ok || !ll.value) {
      errors.push({ file, row, column: table.headers[ll.ok || ll.column !== 'lng' ? col.lat : col.lng], message: `${ll.ok ? '代表点の緯度・経度が空欄です。' : ll.message}（${quoteValue(town + koaza)}）` });
      continue;
    }
    records.push({
      level: 'town', prefecture: cell(cells, 'prefecture'), city: cell(cells, 'city') + cell(cells, 'ward'),
      town: town || koaza, koaza: town ? koaza : '', block: null, lng: ll.value[0], lat: ll.value[1], representative: true, row,
    });
  }
  if (noPoint.length) {
    errors.push({ file, row: noPoint[0].row, column: table.headers[col.lat], message: `代表点（緯度・経度）のない町字が${noPoint.length.toLocaleString('ja-JP')}件あり、読み込んでいません（最初は${quoteValue(noPoint[0].town)}）。` });
  }
  return { records, errors };
}
