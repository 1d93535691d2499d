import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHazardZones } from '../../../src/io/hazardZones';
import { zoneIdPrefix } from '../../../src/io/hazardZoneIdentity';
import { zoneDisplayName } from '../../../src/core/hazardAtHome';

/** The real PLATEAU 沼津市 土砂災害警戒区域 file (see ../shared/data/SOURCES.md). */
const NUMAZU = '../shared/data/hazards/landslide_zones_numazu_plateau.geojson';

const square = (x: number, y: number, d = 0.001): number[][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const fc = (props: Record<string, unknown>[], ids?: unknown[]) => ({
  type: 'FeatureCollection',
  features: props.map((properties, i) => ({ type: 'Feature', ...(ids ? { id: ids[i] } : {}), geometry: { type: 'Polygon', coordinates: [square(139.9 + i * 0.01, 37.5)] }, properties })),
});
const read = (json: unknown) => readHazardZones(JSON.stringify(json), { file: 'zones.geojson', hazard: 'landslide' });

describe('zone name, 箇所番号 and ID from the file attributes', () => {
  it('real 沼津 file: name from zoneName, 箇所番号 from zoneNumber, shown together; the shared 番号 of 警戒 and 特別警戒 is not the ID', () => {
    const raw = JSON.parse(readFileSync(NUMAZU, 'utf8'));
    const r = readHazardZones(readFileSync(NUMAZU), { file: 'landslide_zones_numazu_plateau.geojson', hazard: 'landslide' });
    expect(r.records).toHaveLength(81);
    r.records.forEach((z, i) => {
      expect(z.name).toBe(raw.features[i].properties.zoneName);
      expect(z.code).toBe(raw.features[i].properties.zoneNumber);
      expect(z.id).toBe(`${zoneIdPrefix('landslide_zones_numazu_plateau.geojson')}-${raw.features[i].properties.gml_id}`);
    });
    const codes = r.records.map((z) => z.code);
    expect(new Set(codes).size).toBeLessThan(codes.length); // 箇所番号 repeat in the real file…
    expect(new Set(r.records.map((z) => z.id)).size).toBe(81); // …IDs do not
    expect(zoneDisplayName(r.records[0])).toBe('八重団地（103-Ⅰ-0648）');
  });

  it('都道府県 shapefile attributes: kashoname / kashonum, keiryuname / keiryunum', () => {
    const r = read(fc([{ kashoname: '大浜', kashonum: 'kyu527-0094-01', kubun: '警戒区域' }, { keiryuname: '朝戸川', keiryunum: 'dok527-0032' }]));
    expect(r.records.map((z) => [z.name, z.code])).toEqual([['大浜', 'kyu527-0094-01'], ['朝戸川', 'dok527-0032']]);
  });

  it('国土数値情報 A33: A33_005 区域名, A33_004 区域番号', () => {
    const r = read(fc([{ A33_001: '1', A33_002: '1', A33_004: '3-9-206-669-0022', A33_005: '霧里6', A33_006: '釧路市' }]));
    expect([r.records[0].name, r.records[0].code]).toEqual(['霧里6', '3-9-206-669-0022']);
  });

  it('an id of 0 on every feature is not an ID; a per-file id is prefixed with the file so two files never collide', () => {
    const zeros = read(fc([{ id: 0 }, { id: 0 }, { id: 0 }]));
    expect(zeros.records.map((z) => z.id)).toEqual(['zones-1', 'zones-2', 'zones-3']);
    const unique = read(fc([{}, {}], [7, 8]));
    expect(unique.records.map((z) => z.id)).toEqual(['zones-7', 'zones-8']);
    const fid = read(fc([{ fid: 11 }, { fid: 12 }]));
    expect(fid.records.map((z) => z.id)).toEqual(['zones-11', 'zones-12']);
  });
});

describe('zones of two files never share an ID (found by an adversarial try: one replaced the other in the store)', () => {
  const zonesOf = (file: string, json: unknown) => readHazardZones(JSON.stringify(json), { file, hazard: 'landslide' }).records.map((z) => z.id);

  it('two files with the same gml_id', () => {
    const west = zonesOf('dosha_west.geojson', fc([{ gml_id: 'z1' }]));
    const east = zonesOf('dosha_east.geojson', fc([{ gml_id: 'z1' }]));
    expect(west).toEqual(['dosha_west-z1']);
    expect(east).toEqual(['dosha_east-z1']);
  });

  it('two long file names that begin alike, both numbering their features 1, 2, 3 (or all id 0)', () => {
    const stem = '土砂災害警戒区域等の指定状況_青森県_令和六年度_指定箇所一覧_第1版_県土整備部河川砂防課提供_';
    const a = zonesOf(`${stem}西部.geojson`, fc([{}, {}], [0, 0]));
    const b = zonesOf(`${stem}東部.geojson`, fc([{}, {}], [0, 0]));
    expect(a).toHaveLength(2);
    expect(new Set([...a, ...b]).size).toBe(4);
    expect(a.every((id) => id.length <= 128)).toBe(true);
  });
});
