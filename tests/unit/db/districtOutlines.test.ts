/**
 * Issue 9 defect 13: an imported city had no district or city outlines. 地区 outlines are read from
 * GeoJSON (polygons with a name), all or nothing, and given to the district of that name (one a
 * 名簿 created) or to a new district.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districtContains } from '../../../src/core/districtArea';
import { saveDistrictOutlines } from '../../../src/db/districts';
import { readDistrictOutlines } from '../../../src/io/districtOutlines';
import { openTestDb } from './demoStore';

const AOMORI = '../shared/data/boundaries/city_boundary_N03-2021_s0010_02201_aomori.geojson';

const square = (x: number, y: number, d = 0.01) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('地区 outlines from GeoJSON', () => {
  it('reads a real 国土数値情報 city outline (N03_004) and stores it as a district', async () => {
    const r = readDistrictOutlines(new Uint8Array(readFileSync(AOMORI)), 'aomori.geojson');
    expect(r.errors).toEqual([]);
    expect(r.nameProperty).toBe('N03_004');
    expect(r.outlines.map((o) => o.name)).toEqual(['青森市']);
    const db = openTestDb();
    expect(await saveDistrictOutlines(db, r.outlines)).toEqual({ added: 1, updated: 0 });
    const stored = (await db.districts.toArray())[0];
    expect(stored).toMatchObject({ id: '青森市', name: '青森市', origin: 'user' });
    // 青森市役所 (lng 140.740, lat 40.822) is inside; 弘前 (140.464, 40.603) is not.
    expect(districtContains(stored.outline)([140.74, 40.822])).toBe(true);
    expect(districtContains(stored.outline)([140.464, 40.603])).toBe(false);
  });

  it('gives the outline to the district a 名簿 created by name, and joins polygons of one name', async () => {
    const db = openTestDb();
    await db.districts.put({ id: '栄町', name: '栄町', outline: null, color: '#d9480f', origin: 'user' });
    const r = readDistrictOutlines(
      collection(feature({ 町内会名: '栄町' }, { type: 'Polygon', coordinates: square(139.93, 37.49) }), feature({ 町内会名: '栄町' }, { type: 'Polygon', coordinates: square(139.95, 37.49) }), feature({ 町内会名: '本町' }, { type: 'Polygon', coordinates: square(139.9, 37.5) })),
      '町内会.geojson',
    );
    expect(r.errors).toEqual([]);
    expect(r.notes.map((n) => n.message).join()).toContain('「栄町」の続き');
    expect(await saveDistrictOutlines(db, r.outlines)).toEqual({ added: 1, updated: 1 });
    const sakae = (await db.districts.get('栄町'))!;
    expect(sakae.outline?.type).toBe('MultiPolygon');
    expect(sakae.color).toBe('#d9480f');
    expect((await db.districts.get('本町'))!.outline?.type).toBe('Polygon');
  });

  it('is all or nothing, with errors in Japanese naming the feature', () => {
    const r = readDistrictOutlines(
      collection(feature({ name: '一丁目' }, { type: 'Polygon', coordinates: square(139.93, 37.49) }), feature({ name: '二丁目' }, { type: 'Point', coordinates: [139.93, 37.49] }), feature({}, { type: 'Polygon', coordinates: square(139.9, 37.5) })),
      'bad.geojson',
    );
    expect(r.outlines).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.message])).toEqual([
      [2, '2番目の地物（「二丁目」）の形状が「Point」です。地区の範囲はPolygonまたはMultiPolygonで指定してください。'],
      [3, '3番目の地物に名前（属性「name」）がありません。'],
    ]);
  });

  it('says what is missing when no feature has a name, or the file is not GeoJSON', () => {
    const noName = readDistrictOutlines(collection(feature({ code: 1 }, { type: 'Polygon', coordinates: square(139.93, 37.49) })), 'x.geojson');
    expect(noName.errors[0].message).toContain('地区の名前の属性がありません');
    const csv = readDistrictOutlines('ID,名前\n1,栄町\n', 'x.csv');
    expect(csv.outlines).toEqual([]);
    expect(csv.errors[0].message).toContain('GeoJSONとして読めません');
  });
});
