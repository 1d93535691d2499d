import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../../../src/io/csv';
import { readPositionReference, type PositionReferenceRecord } from '../../../src/io/positionReference';
import { buildGeocodeIndex, geocodeAddress, geocodeAll } from '../../../src/io/geocode';

const gaiku = readPositionReference(readFileSync('tests/fixtures/geocode/gaiku_072028_aizuwakamatsu_sjis.csv'), 'gaiku.csv').records;
const oaza = readPositionReference(readFileSync('tests/fixtures/geocode/oaza_072028_aizuwakamatsu_sjis.csv'), 'oaza.csv').records;
const messy = parseCsvTable(readFileSync('tests/fixtures/geocode/addresses_messy_072028.csv', 'utf8'), 'addresses.csv');

describe('geocoding the messy address list against the 会津若松 街区レベル fixture', () => {
  const index = buildGeocodeIndex(gaiku);
  const rows = messy.records.map((r) => ({ address: r.cells[0], style: r.cells[1], level: r.cells[2], lng: Number(r.cells[3]), lat: Number(r.cells[4]) }));
  const results = geocodeAll(index, rows.map((r) => r.address));

  it('has at least 100 addresses written in at least 10 different ways', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
    expect(new Set(rows.map((r) => r.style)).size).toBeGreaterThanOrEqual(10);
  });

  it('places ≥ 95 % at 街区 level, each at exactly the expected 街区', () => {
    const block = results.filter((r) => r.level === 'block');
    expect(block.length / rows.length).toBeGreaterThanOrEqual(0.95);
    rows.forEach((row, i) => {
      const r = results[i];
      if (row.level === 'block') {
        expect(r.level, `${row.style}: ${row.address} → ${r.reason}`).toBe('block');
        expect(r.lng, row.address).toBeCloseTo(row.lng, 6);
        expect(r.lat, row.address).toBeCloseTo(row.lat, 6);
        expect(r.reason).toBeNull();
      } else {
        expect(r.level, row.address).not.toBe('block');
      }
    });
  });

  it('lists the rest as unmatched or town-level, each with a Japanese reason', () => {
    const rest = rows.map((row, i) => ({ ...row, result: results[i] })).filter((x) => x.result.level !== 'block');
    expect(rest.map((x) => x.style)).toEqual(['存在しない町名', '別の市', '別の県', '存在しない街区', '番地なし']);
    for (const x of rest) expect(x.result.reason).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(rest[0].result).toMatchObject({ level: null, lng: null, lat: null, matched: '' });
    expect(rest[0].result.reason).toContain('町名が会津若松市に見つかりません');
    expect(rest[2].result.reason).toContain('「宮城県」の位置参照情報が読み込まれていません');
    expect(rest[3].result).toMatchObject({ level: 'town', matched: '福島県会津若松市中町' });
    expect(rest[3].result.reason).toContain('街区符号・地番「43」');
    expect(rest[4].result.reason).toContain('番地が書かれていません');
  });

  it('says which place it matched, as written in the reference file', () => {
    expect(geocodeAddress(index, '会津若松市一箕町鶴賀船ヶ森北１番地').matched).toBe('福島県会津若松市一箕町大字鶴賀 船ケ森北 1');
  });
});

describe('geocodeAddress — levels, fallbacks and ambiguity', () => {
  const rec = (town: string, koaza: string, block: string | null, lng: number, lat: number, city = '会津若松市'): PositionReferenceRecord => ({
    level: block === null ? 'town' : 'block', prefecture: '福島県', city, town, koaza, block, lng, lat, representative: true, row: 1,
  });

  it('uses the 大字・町丁目 point for town-level results when that file is loaded too', () => {
    const index = buildGeocodeIndex([...gaiku, ...oaza]);
    const r = geocodeAddress(index, '会津若松市中町999');
    const town = oaza.find((x) => x.town === '中町')!;
    expect(r).toMatchObject({ level: 'town', lng: town.lng, lat: town.lat });
    expect(r.reason).toContain('大字・町丁目の代表点');
  });

  it('with only the 大字・町丁目 level file, places at town level and says so', () => {
    const index = buildGeocodeIndex(oaza);
    const r = geocodeAddress(index, '福島県会津若松市真宮新町南三丁目5番地');
    expect(r.level).toBe('town');
    expect(r.matched).toBe('福島県会津若松市真宮新町南三丁目');
  });

  it('finds 「南3-」 as 南三丁目 but prefers a longer town name', () => {
    const index = buildGeocodeIndex([rec('飯盛三丁目', '', '12', 139.95, 37.5), rec('飯盛', '', '3', 139.9, 37.4)]);
    expect(geocodeAddress(index, '飯盛3-12-1')).toMatchObject({ level: 'block', lng: 139.95 });
    expect(geocodeAddress(index, '飯盛3番地')).toMatchObject({ level: 'block', lng: 139.9 });
  });

  it('does not pick a 小字 when the address leaves it out', () => {
    const index = buildGeocodeIndex([rec('一箕町大字亀賀', '北柳原', '12', 139.93, 37.52), rec('一箕町大字亀賀', '川西', '12', 139.94, 37.51)]);
    const r = geocodeAddress(index, '一箕町亀賀12');
    expect(r.level).toBe('town');
    expect(r.reason).toContain('小字を書くと');
    expect(r.lng).toBeCloseTo(139.935, 9);
  });

  it('refuses to choose between two cities with the same town name', () => {
    const index = buildGeocodeIndex([rec('本町', '', '1', 139.9, 37.5, '会津若松市'), rec('本町', '', '1', 140.1, 37.6, '喜多方市')]);
    const r = geocodeAddress(index, '本町1-2');
    expect(r.level).toBeNull();
    expect(r.reason).toContain('同じ町名が複数あります');
    expect(geocodeAddress(index, '喜多方市本町1-2')).toMatchObject({ level: 'block', lng: 140.1 });
  });

  it('prefers the 代表フラグ record among duplicates of one 街区', () => {
    const a = { ...rec('中町', '', '7', 139.1, 37.1), representative: false };
    const b = rec('中町', '', '7', 139.2, 37.2);
    expect(geocodeAddress(buildGeocodeIndex([a, b]), '中町7')).toMatchObject({ level: 'block', lng: 139.2 });
  });

  it('handles empty input and an empty index', () => {
    expect(geocodeAddress(buildGeocodeIndex(gaiku), '　').reason).toContain('空欄');
    expect(geocodeAddress(buildGeocodeIndex([]), '中町1').reason).toContain('読み込まれていません');
  });

  it('reports progress for batches', () => {
    const index = buildGeocodeIndex(gaiku);
    const calls: number[] = [];
    geocodeAll(index, Array(2500).fill('会津若松市中町1'), (d) => calls.push(d));
    expect(calls).toEqual([1000, 2000, 2500]);
  });
});
