import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Encoding from 'encoding-japanese';
import { readPositionReference } from '../../../src/io/positionReference';
import { distanceMetres } from '../../../src/core/geo';

const GAIKU = 'tests/fixtures/geocode/gaiku_072028_aizuwakamatsu_sjis.csv';
const OAZA = 'tests/fixtures/geocode/oaza_072028_aizuwakamatsu_sjis.csv';

const sjis = (text: string) => Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));

describe('readPositionReference — 街区レベル (Shift_JIS fixture)', () => {
  const r = readPositionReference(readFileSync(GAIKU), 'gaiku.csv');

  it('detects Shift_JIS and the 街区 level and reads every row', () => {
    expect(r.errors).toEqual([]);
    expect(r.encoding).toBe('shift_jis');
    expect(r.level).toBe('block');
    expect(r.records).toHaveLength(3060);
  });

  it('keeps names as written, including 小字 and kanji 丁目', () => {
    const withKoaza = r.records.find((x) => x.town === '一箕町大字鶴賀' && x.koaza === '船ケ森北');
    expect(withKoaza).toBeDefined();
    expect(r.records.some((x) => x.town === '真宮新町南三丁目' && x.block === '1')).toBe(true);
    expect(r.records[0]).toMatchObject({ level: 'block', prefecture: '福島県', city: '会津若松市', town: '一箕町大字亀賀', koaza: '', block: '1', lat: 37.515386, lng: 139.937589, representative: true, row: 1 });
  });

  it('its 座標系番号 / X / Y agree with its 緯度 / 経度 within 0.5 m (X is northing)', () => {
    const text = new TextDecoder('shift_jis').decode(readFileSync(GAIKU));
    const lines = text.trim().split('\r\n');
    // blank 緯度・経度 in every row: positions must then come from X/Y zone IX
    const planeOnly = lines.map((l, i) => (i === 0 ? l : l.replace(/^((?:"[^"]*",){8})"[^"]*","[^"]*"/, '$1"",""'))).join('\r\n');
    const p = readPositionReference(sjis(planeOnly), 'plane.csv');
    expect(p.errors).toEqual([]);
    expect(p.records).toHaveLength(3060);
    let worst = 0;
    p.records.forEach((rec, i) => (worst = Math.max(worst, distanceMetres([rec.lng, rec.lat], [r.records[i].lng, r.records[i].lat]))));
    expect(worst).toBeGreaterThan(0); // really converted (X/Y are rounded to 0.1 m)
    expect(worst).toBeLessThan(0.5);
  });
});

describe('readPositionReference — 大字・町丁目レベル and header variants', () => {
  it('reads the 大字・町丁目 level fixture', () => {
    const r = readPositionReference(readFileSync(OAZA), 'oaza.csv');
    expect(r.errors).toEqual([]);
    expect(r.level).toBe('town');
    expect(r.records).toHaveLength(262);
    expect(r.records.every((x) => x.block === null && x.koaza === '')).toBe(true);
    expect(r.records.find((x) => x.town === '中町')).toMatchObject({ city: '会津若松市', prefecture: '福島県' });
  });

  it('binds reordered, unquoted, half-width and 「・」-less headers by name (UTF-8 too)', () => {
    const text = ['経度,緯度,街区符号地番,大字町丁目名,小字通称名,市区町村名,都道府県名,X座標,Y座標,座標系番号', '139.9258,37.4969,３,中町,,会津若松市,福島県,,,9'].join('\n');
    const r = readPositionReference(text, 'variant.csv');
    expect(r.errors).toEqual([]);
    expect(r.records[0]).toMatchObject({ town: '中町', block: '３', lng: 139.9258, lat: 37.4969, level: 'block' });
  });

  it('refuses a CSV that is not 位置参照情報, naming the missing columns', () => {
    const r = readPositionReference('氏名,住所\n山田,中町1\n', 'people.csv');
    expect(r.records).toEqual([]);
    expect(r.errors[0].row).toBe(0);
    expect(r.errors[0].message).toContain('「市区町村名」「大字・町丁目名」');
    expect(r.errors[0].message).toContain('位置参照情報');
  });

  it('lists bad rows with row and column, and keeps the good ones', () => {
    const text = [
      '都道府県名,市区町村名,大字・町丁目名,小字・通称名,街区符号・地番,座標系番号,Ｘ座標,Ｙ座標,緯度,経度',
      '福島県,会津若松市,中町,,1,9,,,37.4969,139.9258',
      '福島県,会津若松市,中町,,2,9,,,北緯,139.9258',
      '福島県,会津若松市,中町,,,9,,,37.4969,139.9258',
      '福島県,会津若松市,中町,,4,9,,,139.9258,37.4969',
      '福島県,会津若松市,,,5,9,,,37.4969,139.9258',
      '福島県,会津若松市,中町,,6,25,100,100,,',
    ].join('\n');
    const r = readPositionReference(text, 'bad.csv');
    expect(r.records.map((x) => x.block)).toEqual(['1']);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '緯度'],
      [3, '街区符号・地番'],
      [4, '緯度・経度'],
      [5, '大字・町丁目名'],
      [6, '座標系番号'],
    ]);
    expect(r.errors[2].message).toContain('入れ替わっている');
    expect(r.errors[4].message).toContain('1〜19');
  });
});
