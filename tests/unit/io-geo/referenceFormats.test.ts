import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../src/io/csv';
import { buildGeocodeIndex, geocodeAddress, geocodeAll } from '../../../src/io/geocode';
import { readPositionReference } from '../../../src/io/positionReference';

/** Real Geolonia 住所データ for 会津若松市 (CC BY 4.0): `[{town, koaza, lat, lng}]`, 705 points. */
const GEOLONIA = readFileSync('data/reference/towns_072028_aizuwakamatsu.json');
const ABR = readFileSync('tests/fixtures/geocode/abr_town_072028_aizuwakamatsu.csv');
const EXPECTED = /国土交通省「位置参照情報ダウンロードサービス」.*Geolonia 住所データのJSON.*アドレス・ベース・レジストリの町字のCSV/;

describe('a file of another kind is recognised by its content and refused with one message', () => {
  it('a GeoJSON (a shelter file dropped by mistake): one error naming it and what is expected, not one per line', () => {
    const r = readPositionReference(readFileSync('tests/fixtures/shelters/gsi_shelters_022012_aomori.geojson'), 'shelters.csv');
    expect(r.records).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^GeoJSON（地図の図形のファイル）ですが、住所の位置参照の形ではありません。/);
    expect(r.errors[0].message).toMatch(EXPECTED);
  });

  it('a broken JSON: one error', () => {
    const r = readPositionReference('[{"town": "栄町", "lat": 37.49', 'towns.json');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^JSONのファイルのようですが、JSONとして読めません/);
  });

  it('a CSV of something else (a 名簿): one error with its headers and what is expected', () => {
    const r = readPositionReference(readFileSync('tests/fixtures/people_template.csv'), 'people.csv');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toContain('見出し: ID、氏名');
    expect(r.errors[0].message).toMatch(EXPECTED);
  });

  it('a ZIP (ABR files come zipped): says so', () => {
    const r = readPositionReference(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'mt_town_pos_pref07.csv.zip');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toContain('ZIP形式');
  });
});

describe('Geolonia 住所データ JSON', () => {
  it('without a city anywhere: one error asking for it', () => {
    const r = readPositionReference(GEOLONIA, 'towns_072028_aizuwakamatsu.json');
    expect(r.format).toBe('geolonia');
    expect(r.records).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toContain('市区町村名');
  });

  it('reads 705 町丁目 / 小字 points, the city from the file name (as Geolonia names its files) or from the user', () => {
    for (const r of [readPositionReference(GEOLONIA, '会津若松市.json'), readPositionReference(GEOLONIA, 'towns.json', { prefecture: '福島県', city: '会津若松市' })]) {
      expect(r.errors).toEqual([]);
      expect(r).toMatchObject({ format: 'geolonia', level: 'town', encoding: 'utf-8' });
      expect(r.records).toHaveLength(705);
      expect(r.records[1]).toMatchObject({ level: 'town', city: '会津若松市', town: '一箕町大字亀賀', koaza: '北柳原', block: null, lat: 37.520822, lng: 139.934592 });
    }
    expect(readPositionReference(GEOLONIA, '福島県会津若松市.json').records[0].prefecture).toBe('福島県');
  });

  it('places the messy address list at the 町丁目 / 小字 point of each address (town level, said so)', () => {
    const points = readPositionReference(GEOLONIA, '会津若松市.json').records;
    const index = buildGeocodeIndex(points);
    const messy = parseCsvTable(readFileSync('tests/fixtures/geocode/addresses_messy_072028.csv', 'utf8'), 'addresses.csv').records
      .filter((r) => r.cells[2] === 'block')
      .map((r) => ({ address: r.cells[0], place: r.cells[5] }));
    const results = geocodeAll(index, messy.map((m) => m.address));
    let placed = 0;
    messy.forEach((m, i) => {
      const r = results[i];
      const [town, koaza] = m.place.split(' ').length === 3 ? m.place.split(' ') : [m.place.split(' ')[0], ''];
      const want = points.find((p) => p.town.replace('大字', '') === town.replace('大字', '') && p.koaza === koaza);
      if (r.level !== 'town' || !want) return;
      expect(r.reason).toContain('町丁目の位置（大字・町丁目の代表点）');
      expect([r.lng, r.lat], m.address).toEqual([want.lng, want.lat]);
      placed++;
    });
    expect(placed / messy.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('アドレス・ベース・レジストリ 町字 CSV', () => {
  const r = readPositionReference(ABR, 'mt_town_072028.csv');

  it('reads the towns with 丁目 and 小字, and reports the row without a 代表点 once', () => {
    expect(r).toMatchObject({ format: 'abr', level: 'town', encoding: 'utf-8' });
    expect(r.records.map((x) => [x.town, x.koaza])).toEqual([
      ['大町一丁目', ''], ['大町二丁目', ''], ['栄町', ''], ['追手町', ''], ['一箕町大字亀賀', ''], ['一箕町大字亀賀', '北柳原'], ['飯盛一丁目', ''], ['飯盛二丁目', ''],
    ]);
    expect(r.records[0]).toMatchObject({ prefecture: '福島県', city: '会津若松市', lng: 139.927373, lat: 37.499911, row: 1 });
    expect(r.errors).toEqual([{ file: 'mt_town_072028.csv', row: 7, column: '代表点_緯度', message: '代表点（緯度・経度）のない町字が1件あり、読み込んでいません（最初は「一箕町大字亀賀川西」）。' }]);
  });

  it('reads the English header keys of the same data', () => {
    const en = readPositionReference('lg_code,machiaza_id,pref,city,ward,oaza_cho,chome,koaza,rep_lon,rep_lat\n041009,0001001,宮城県,仙台市,青葉区,一番町,一丁目,,140.8741,38.2566\n', 'mt_town.csv');
    expect(en.errors).toEqual([]);
    expect(en.records[0]).toMatchObject({ city: '仙台市青葉区', town: '一番町一丁目', lng: 140.8741, lat: 38.2566 });
  });

  it('refuses a 位置参照拡張 file alone (no town names), saying why', () => {
    const pos = readPositionReference('全国地方公共団体コード,町字id,住居表示フラグ,代表点_経度,代表点_緯度\n072028,0001001,0,139.927373,37.499911\n', 'mt_town_pos_pref07.csv');
    expect(pos.records).toEqual([]);
    expect(pos.errors).toHaveLength(1);
    expect(pos.errors[0].message).toContain('位置参照拡張（代表点だけ）のファイルには町名がない');
  });

  it('places addresses at the 町丁目 or 小字 point', () => {
    const index = buildGeocodeIndex(r.records);
    expect(geocodeAddress(index, '福島県会津若松市大町１丁目５－３')).toMatchObject({ level: 'town', lng: 139.927373, lat: 37.499911 });
    expect(geocodeAddress(index, '会津若松市一箕町大字亀賀字北柳原12')).toMatchObject({ level: 'town', lng: 139.934592, lat: 37.520822 });
    expect(geocodeAddress(index, '会津若松市飯盛二丁目3-4')).toMatchObject({ level: 'town', lng: 139.948402, lat: 37.500953 });
    expect(geocodeAddress(index, '会津若松市門田町大字御山1')).toMatchObject({ level: null });
  });
});
