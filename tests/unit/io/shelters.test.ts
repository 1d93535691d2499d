import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readShelterFile, readShelterFiles } from '../../../src/io/shelterFile';
import { fixtureBytes, toShiftJis } from './helpers';

const AIZU_CSV = 'shelters/gsi_csv_layout_shelters_072028_aizuwakamatsu.csv';
const AIZU_SITES = 'shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson';
const AIZU_SHELTERS = 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson';
const NANAO = 'shelters/standard_dataset_emergency_sites_172022_nanao.csv';
const read = (name: string) => readShelterFile(fixtureBytes(name), name.split('/').pop()!);
const text = (name: string) => new TextDecoder().decode(fixtureBytes(name));

describe('GSI shelter files', () => {
  it('reads the 会津若松 指定避難所 CSV: 102 shelters, 32 福祉避難所 with their 受入対象者', () => {
    const r = read(AIZU_CSV);
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ format: 'gsi-csv', encoding: 'utf-8-bom', rowCount: 102 });
    expect(r.records).toHaveLength(102);
    const welfare = r.records.filter((s) => s.kinds.includes('welfare_shelter'));
    expect(welfare).toHaveLength(32);
    expect(r.records.find((s) => s.id === 'E0720200004122')).toMatchObject({ name: 'そらと星のバラード', accepts: ['elderly'], location: [139.954732, 37.534069] });
    expect(r.records.find((s) => s.id === 'E0720200010121')?.accepts).toEqual(['children']);
  });

  it('reads the same CSV re-encoded as Shift_JIS (cp932) to the same shelters', () => {
    const sjis = toShiftJis(text(AIZU_CSV).replace(/^\uFEFF/, ''));
    const r = readShelterFile(sjis, 'aizu_sjis.csv');
    expect(r.encoding).toBe('shift_jis');
    expect(r.records.map(({ source, ...s }) => s)).toEqual(read(AIZU_CSV).records.map(({ source, ...s }) => s));
  });

  it('gives the GeoJSON and the CSV of the same data the same shelters', () => {
    const geo = read(AIZU_SHELTERS).records.map(({ source, notes, ...s }) => s);
    const csv = read(AIZU_CSV).records.map(({ source, notes, ...s }) => s);
    expect(geo).toEqual(csv);
  });

  it.each([
    [AIZU_SITES, 199, 0],
    ['shelters/gsi_emergency_sites_022012_aomori.geojson', 295, 0],
    ['shelters/gsi_shelters_022012_aomori.geojson', 194, 40],
  ])('reads %s: %d records, %d 福祉避難所', (name, count, welfare) => {
    const r = read(name);
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(count);
    expect(r.records.filter((s) => s.kinds.includes('welfare_shelter'))).toHaveLength(welfare);
  });

  it('reads hazard flags of 指定緊急避難場所 (物流修景緑地: 洪水, 土砂, 地震, 大規模火事, 内水)', () => {
    const site = read(AIZU_SITES).records.find((s) => s.id === 'E0720200001201');
    expect(site?.hazards).toEqual(['flood', 'landslide', 'earthquake', 'large_fire', 'inland_flood']);
  });

  it('merges a city’s site and shelter files into facilities that play both roles', () => {
    const r = readShelterFiles([AIZU_SITES, AIZU_SHELTERS].map((n) => ({ name: n, bytes: fixtureBytes(n) })));
    expect(r.errors).toEqual([]);
    const both = r.records.filter((s) => s.kinds.includes('emergency_site') && s.kinds.some((k) => k !== 'emergency_site'));
    expect(both.length).toBeGreaterThan(50);
    expect(r.records.length).toBe(199 + 102 - both.length);
    const shelters = r.records.filter((s) => s.kinds.includes('shelter') || s.kinds.includes('welfare_shelter'));
    expect(shelters).toHaveLength(102);
    for (const s of both) expect(s.hazards.length).toBeGreaterThan(0);
  });

  it('refuses the same file given twice, naming both places', () => {
    const r = readShelterFiles([{ name: 'a.geojson', bytes: fixtureBytes(AIZU_SITES) }, { name: 'b.geojson', bytes: fixtureBytes(AIZU_SITES) }]);
    expect(r.records).toEqual([]);
    expect(r.errors[0]).toMatchObject({ file: 'b.geojson', row: 1, column: 'ID' });
    expect(r.errors[0].message).toContain('a.geojson');
  });
});

describe('自治体標準オープンデータセット 指定緊急避難場所一覧', () => {
  it('reads 七尾: 112 sites, 七尾中学校 capacity 1371 (indoor) and the multi-line cell intact', () => {
    const r = read(NANAO);
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('standard-csv');
    expect(r.records).toHaveLength(112);
    const school = r.records.find((s) => s.name === '七尾中学校');
    expect(school).toMatchObject({ id: '172022-CC0000000505', capacity: 1371, kinds: ['emergency_site'], location: [136.95849, 37.03803] });
    expect(school?.hazards).toEqual(['flood', 'landslide', 'storm_surge', 'earthquake', 'tsunami', 'large_fire', 'inland_flood']);
    expect(r.records.find((s) => s.name === '県立七尾高等学校')?.capacity).toBe(2736);
  });

  it('uses the outdoor capacity for an open-air site written 屋内0人', () => {
    const open = read(NANAO).records.find((s) => s.capacity === 118970);
    expect(open).toBeDefined();
  });

  it('gives rows without a 全国地方公共団体コード the file’s code', () => {
    const r = read(NANAO);
    expect(r.records.find((s) => s.name === '秀楽苑')?.id).toBe('172022-NEW003');
  });

  it('reads the same file in Shift_JIS, with columns reordered and half of them dropped', () => {
    const parsed = Papa.parse<string[]>(text(NANAO), { skipEmptyLines: true }).data;
    const keep = ['経度', '想定収容人数', 'ID', '災害種別_津波', '緯度', '名称', '災害種別_洪水', '全国地方公共団体コード', '所在地_連結表記'];
    const idx = keep.map((h) => parsed[0].indexOf(h));
    const reordered = Papa.unparse(parsed.map((row) => idx.map((i) => row[i])), { newline: '\r\n' });
    const r = readShelterFile(toShiftJis(reordered), 'nanao_sjis.csv');
    expect(r.encoding).toBe('shift_jis');
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(112);
    expect(r.records.find((s) => s.name === '七尾中学校')).toMatchObject({ capacity: 1371, hazards: ['flood', 'tsunami'] });
  });

  it('reads the older 推奨 layout: variant headers, ○ flags, 5-digit code, full-width digits, 指定避難所との重複', () => {
    const r = read('standard_recommended_asahikawa_constructed.csv');
    expect(r.errors).toEqual([]);
    expect(r.records.map((s) => [s.id, s.capacity, s.kinds, s.hazards])).toEqual([
      ['012041-1', 3000, ['emergency_site'], ['landslide', 'earthquake', 'large_fire']],
      ['012041-2', 450, ['emergency_site', 'shelter'], ['flood', 'earthquake', 'inland_flood']],
      ['012041-3', 810, ['emergency_site'], ['earthquake', 'large_fire']],
    ]);
    expect(r.records[1].address).toBe('北海道旭川市錦町１５丁目 体育館');
    expect(r.records[1].notes).toContain('２階に\n避難スペースあり');
  });
});
