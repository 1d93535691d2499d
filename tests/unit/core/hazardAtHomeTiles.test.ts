import { describe, expect, it } from 'vitest';
import { districtKarte, karteHazardAnswers, karteSummaryLines } from '../../../src/core/districtKarte';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../src/core/evacuationAnalysis';
import type { LngLat } from '../../../src/core/geo';
import type { HazardType } from '../../../src/core/hazard';
import { hazardAnswerAt, hazardAnswerLabel, hazardSourceLabel, type HazardAnswer, type HazardHit } from '../../../src/core/hazardAtHome';
import type { HazardCoverage } from '../../../src/core/hazardCoverage';
import { readingId, type HazardReading, type TileOutcome } from '../../../src/core/hazardReading';
import { DEPTH_LEGEND, hazardTileLayer, type HazardTileLayerId, type LegendEntry } from '../../../src/core/hazardTileLayers';
import type { HazardZone } from '../../../src/core/hazardZone';
import { priorityOf } from '../../../src/core/priority';
import { person } from '../plan/fixtures';

/**
 * Hazard at home from the ハザードマップポータル's tiles (issue 16): an imported polygon layer of
 * the same hazard wins where its coverage reaches the home; else the home's reading; データなし and
 * 判定できない are never 区域外; every answer says its source.
 */
const HOME: LngLat = [138.81, 35.06];
const READ_ON = '2026-11-28';
const floodFile: HazardCoverage = { source: 'a31_flood.geojson', hazard: 'flood', bbox: [138.80, 35.05, 138.82, 35.07] };
const hit = (zoneId: string): HazardHit => ({ zone: 0, zoneId, hazard: 'flood', depthClass: '0.5-3.0m', name: '栄町' });
const entry = (key: string): LegendEntry => DEPTH_LEGEND.find((e) => e.key === key)!;
const inside = (e: LegendEntry): TileOutcome => ({ state: 'inside', key: e.key, label: e.label, minDepthM: e.minDepthM });

/** A stored reading of `hazard` at `point`, one outcome per layer. */
function reading(subjectId: string, hazard: HazardType, layers: [HazardTileLayerId, TileOutcome][], point: LngLat = HOME, subject: 'person' | 'shelter' = 'person'): HazardReading {
  return { id: readingId(subject, subjectId, hazard), subject, subjectId, hazard, layers: layers.map(([layer, outcome]) => ({ layer, outcome })), point: [point[0], point[1]], readAt: `${READ_ON}T01:00:00.000Z`, readOn: READ_ON };
}
const floodDeep = reading('p', 'flood', [['flood', inside(entry('depth_3_5'))]]);
const floodClear = reading('p', 'flood', [['flood', { state: 'outside' }]]);
const floodMissing = reading('p', 'flood', [['flood', { state: 'no_tile' }]]);
const floodUnreadable = reading('p', 'flood', [['flood', { state: 'unreadable', rgba: [0, 0, 255, 255] }]]);

describe('precedence: an imported polygon layer of the same hazard, where it covers the home, over the tiles', () => {
  it('polygon 区域内 beats a tile 区域外', () => {
    const a = hazardAnswerAt(HOME, 'flood', [hit('z1')], [floodFile], floodClear);
    expect(a).toMatchObject({ state: 'inside', source: { kind: 'polygons', files: ['a31_flood.geojson'] } });
    expect(hazardSourceLabel(a)).toBe('取り込んだ区域データ（a31_flood.geojson）');
  });

  it('polygon 区域外 inside its coverage beats a tile 区域内', () => {
    const a = hazardAnswerAt(HOME, 'flood', [], [floodFile], floodDeep);
    expect(a).toEqual({ hazard: 'flood', state: 'outside', source: { kind: 'polygons', files: ['a31_flood.geojson'] } });
  });

  it('no polygon of that hazard (or the home beyond its coverage): the tile answers, with its source and date', () => {
    const landslideFile: HazardCoverage = { source: 'a33.geojson', hazard: 'landslide', bbox: [138.80, 35.05, 138.82, 35.07] };
    for (const coverage of [[], [landslideFile], [{ ...floodFile, bbox: [139, 36, 139.1, 36.1] as [number, number, number, number] }]]) {
      const a = hazardAnswerAt(HOME, 'flood', [], coverage, floodDeep);
      expect(a).toEqual({ hazard: 'flood', state: 'inside', classes: ['3.0〜5.0m'], keys: ['depth_3_5'], maxDepthM: 3, source: { kind: 'tiles', readOn: READ_ON } });
    }
  });

  it('a reading taken where the home no longer is, or of another hazard, is not used', () => {
    expect(hazardAnswerAt([138.9, 35.1], 'flood', [], [], floodDeep)).toEqual({ hazard: 'flood', state: 'no_data', why: 'no_zones' });
    expect(hazardAnswerAt(HOME, 'tsunami', [], [], floodDeep)).toEqual({ hazard: 'tsunami', state: 'no_data', why: 'no_zones' });
    expect(hazardAnswerAt(null, 'flood', [], [floodFile], floodDeep)).toEqual({ hazard: 'flood', state: 'no_data', why: 'no_location' });
  });
});

describe("each tile state's words: データなし and 判定できない are never 区域外", () => {
  const at = (r: HazardReading) => hazardAnswerAt(HOME, 'flood', [], [], r);
  const SOURCE = '［ハザードマップポータル（タイル）、2026-11-28 取得］';

  it('区域内 with the class label, 区域外, データなし（未整備の可能性があります）, 判定できない — each naming the source and date', () => {
    expect(hazardAnswerLabel(at(floodDeep))).toBe(`洪水の区域内（3.0〜5.0m）${SOURCE}`);
    expect(hazardAnswerLabel(at(floodClear))).toBe(`洪水の区域外${SOURCE}`);
    expect(at(floodMissing)).toEqual({ hazard: 'flood', state: 'no_data', why: 'tile_missing', source: { kind: 'tiles', readOn: READ_ON } });
    expect(hazardAnswerLabel(at(floodMissing))).toBe(`洪水はデータなし（未整備の可能性があります）${SOURCE}`);
    expect(at(floodUnreadable)).toMatchObject({ state: 'no_data', why: 'tile_unreadable' });
    expect(hazardAnswerLabel(at(floodUnreadable))).toBe(`洪水は判定できない（地図の色を読み取れませんでした）${SOURCE}`);
    for (const r of [floodMissing, floodUnreadable]) expect(hazardAnswerLabel(at(r))).not.toMatch(/区域外|安全/);
    expect(hazardSourceLabel(at(floodClear))).toBe('ハザードマップポータル（タイル）、2026-11-28 取得');
    // A screen that names the sources once beside the answers leaves the ［…］ out.
    expect(hazardAnswerLabel(at(floodDeep), { withSource: false })).toBe('洪水の区域内（3.0〜5.0m）');
    expect(hazardAnswerLabel(at(floodMissing), { withSource: false })).toBe('洪水はデータなし（未整備の可能性があります）');
  });

  it('土砂災害: three layers, one answer — any layer inside is 区域内 with every class; a missing layer is データなし, not 区域外', () => {
    const debris = hazardTileLayer('debris_flow').legend[1];
    const steep = hazardTileLayer('steep_slope').legend[0];
    const r = reading('p', 'landslide', [['debris_flow', inside(debris)], ['steep_slope', inside(steep)], ['landslide_slip', { state: 'no_tile' }]]);
    expect(hazardAnswerLabel(hazardAnswerAt(HOME, 'landslide', [], [], r))).toBe(`土砂災害の区域内（土砂災害特別警戒区域（土石流）・土砂災害警戒区域（急傾斜地の崩壊））${SOURCE}`);
    const partial = reading('p', 'landslide', [['debris_flow', { state: 'outside' }], ['steep_slope', { state: 'outside' }], ['landslide_slip', { state: 'no_tile' }]]);
    expect(hazardAnswerAt(HOME, 'landslide', [], [], partial)).toMatchObject({ state: 'no_data', why: 'tile_missing' });
  });
});

describe('priority: the reason names the class, the source and the date', () => {
  const who = { mobility: 'wheelchair' as const, medical: [], household: 'with_family' as const };

  it('「洪水 3.0〜5.0m（ハザードマップポータル、2026-11-28 取得）」 and a raised rank', () => {
    const p = priorityOf(who, { hazard: hazardAnswerAt(HOME, 'flood', [], [], floodDeep) });
    expect(p.hazardPoints).toBe(1);
    expect(p.rank).toBe('B');
    expect(p.reasons[0]).toBe('自宅が想定区域内にある：洪水 3.0〜5.0m（ハザードマップポータル、2026-11-28 取得）');
  });

  it('a polygon reason is as before; データなし / 判定できない from tiles raise nothing and say so', () => {
    expect(priorityOf(who, { hazard: hazardAnswerAt(HOME, 'flood', [hit('z')], [floodFile], floodClear) }).reasons[0]).toBe('自宅が洪水の想定区域（0.5-3.0m）内にある');
    const missing = priorityOf(who, { hazard: hazardAnswerAt(HOME, 'flood', [], [], floodMissing) });
    expect(missing.hazardPoints).toBe(0);
    expect(missing.reasons).toContain('洪水：ハザードマップのデータなし（未整備の可能性、2026-11-28 取得）');
    const unreadable = priorityOf(who, { hazard: hazardAnswerAt(HOME, 'flood', [], [], floodUnreadable) });
    expect(unreadable.reasons.join()).toContain('判定できない');
    for (const p of [missing, unreadable]) expect(p.reasons.join()).not.toMatch(/区域外|安全/);
  });
});

describe('地区カルテ counts: 判定できない and データなし apart, never with 区域外', () => {
  const people = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6'].map((id) => person({ id, name: id }));
  const base = { districtId: 'd', today: '2026-11-29', shownPeople: people, allPeopleCount: 6, supporters: [], plans: [], shelters: [] };
  const tile = (r: HazardReading) => hazardAnswerAt(HOME, 'flood', [], [], r);

  it('counts each state; the tile answers, their latest date and the credit are said', () => {
    const byPerson: Record<string, HazardAnswer> = { P1: tile(floodDeep), P2: tile(floodClear), P3: tile(floodMissing), P4: tile(floodUnreadable), P5: tile({ ...floodUnreadable, readOn: '2026-11-20' }) };
    const k = districtKarte({ ...base, hazardAnswers: { hazard: 'flood', byPerson } });
    expect(k.hazard).toEqual({ known: true, hazard: 'flood', inside: 1, outside: 1, noData: 2, unreadable: 2, fromTiles: 5, tilesReadOn: READ_ON });
    const lines = karteSummaryLines(k);
    expect(lines).toContain('洪水の想定区域内にある人は1人、区域外は1人、データがなく分からない人が2人、地図の色から判定できない人が2人です。');
    expect(lines).toContain('このうち5人はハザードマップポータル（タイル）から読み取った結果です（2026-11-28 取得、出典：ハザードマップポータルサイト）。');
  });

  it('answers are counted when only tiles answered (no zones imported), and not counted at all when nothing did', () => {
    const tiles = [{ personId: 'P1', hazard: tile(floodMissing) }, { personId: 'P2', hazard: hazardAnswerAt(HOME, 'flood', [], []) }];
    expect(karteHazardAnswers('flood', tiles, false)?.byPerson.P1).toMatchObject({ why: 'tile_missing' });
    expect(karteHazardAnswers('flood', [tiles[1]], false)).toBeUndefined();
    expect(karteHazardAnswers('flood', [tiles[1]], true)).toBeDefined();
  });
});

describe('the engine with readings (analyseEvacuation)', () => {
  const home = (id: string, [lng, lat]: LngLat) => person({ id, location: { lng, lat, source: 'manual', at: '2024-04-01T00:00:00Z' }, mobility: 'independent', household: 'alone', medical: [] });
  const A: LngLat = [138.811, 35.061], B: LngLat = [138.812, 35.062], C: LngLat = [138.813, 35.063], D: LngLat = [139.5, 35.5];
  const people = [home('a', A), home('b', B), home('c', C), home('d', D)];
  const readings: HazardReading[] = [
    reading('a', 'flood', [['flood', inside(entry('depth_5_10'))]], A),
    reading('a', 'landslide', [['debris_flow', inside(hazardTileLayer('debris_flow').legend[0])], ['steep_slope', { state: 'outside' }], ['landslide_slip', { state: 'outside' }]], A),
    reading('b', 'flood', [['flood', { state: 'outside' }]], B),
    reading('c', 'flood', [['flood', { state: 'no_tile' }]], C),
    // A shelter's reading at d's home must not answer for d.
    reading('d', 'flood', [['flood', inside(entry('depth_20'))]], D, 'shelter'),
  ];
  // An imported flood zone over b's home: the polygon answers for b whatever the tile said.
  const zone: HazardZone = { id: 'z1', hazard: 'flood', depthClass: '0.5-3.0m', name: '栄町', source: 'a31.geojson', bbox: [138.8115, 35.0615, 138.8125, 35.0625], geometry: { type: 'Polygon', coordinates: [[[138.8115, 35.0615], [138.8125, 35.0615], [138.8125, 35.0625], [138.8115, 35.0625], [138.8115, 35.0615]]] } };
  const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, hazard: 'flood', onDate: '2026-11-29' };
  const run = (zones: HazardZone[]) =>
    analyseEvacuation({ people, shelters: [], supporters: [], hazardZones: zones, hazardCoverage: zones.map((z) => ({ source: z.source, hazard: z.hazard, bbox: z.bbox })), roads: [], hazardReadings: readings }, settings);

  it('uses each person’s reading for the scenario hazard and names the other hazards read inside', () => {
    const r = run([]);
    expect(r.people.map((p) => [p.hazard.state, p.hazard.source?.kind, p.hazard.state === 'no_data' ? p.hazard.why : null])).toEqual([
      ['inside', 'tiles', null],
      ['outside', 'tiles', null],
      ['no_data', 'tiles', 'tile_missing'],
      ['no_data', undefined, 'no_zones'],
    ]);
    // a lives alone (need 2) in a flood zone read from the tiles: B; b, alone and 区域外, stays C.
    expect(r.people.map((p) => p.priority.rank)).toEqual(['B', 'C', 'C', 'C']);
    expect(r.people[0].priority.reasons[0]).toBe('自宅が想定区域内にある：洪水 5.0〜10.0m（ハザードマップポータル、2026-11-28 取得）');
    expect(r.people[0].otherHazards?.map((o) => hazardAnswerLabel(o))).toEqual(['土砂災害の区域内（土砂災害警戒区域（土石流））［ハザードマップポータル（タイル）、2026-11-28 取得］']);
    expect(r.people[1].otherHazards).toEqual([]);
    expect(r.people[2].priority.reasons.join()).not.toContain('区域外');
  });

  it('an imported flood zone over a home takes precedence over its tile reading', () => {
    const r = run([zone]);
    expect(r.people[1].hazard).toMatchObject({ state: 'inside', source: { kind: 'polygons', files: ['a31.geojson'] } });
    expect(r.people[0].hazard.source?.kind).toBe('tiles'); // a's home is outside the zone file's extent
  });
});
