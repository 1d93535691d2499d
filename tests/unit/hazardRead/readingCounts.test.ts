import { describe, expect, it } from 'vitest';
import type { HazardType } from '../../../src/core/hazard';
import type { HazardCoverage } from '../../../src/core/hazardCoverage';
import { readingId, type HazardReading, type ReadingSubject, type TileOutcome } from '../../../src/core/hazardReading';
import type { HazardTileLayerId } from '../../../src/core/hazardTileLayers';
import { DEEP_WATER_MARK, deepWaterAt, deepWaterDesignated, readingCounts, shelterReadingNote } from '../../../src/ui/hazardRead/readingCounts';
import { homeHazardLines } from '../../../src/ui/plan/homeHazards';

const inside = (key: string, label: string, minDepthM: number | null): TileOutcome => ({ state: 'inside', key, label, minDepthM });
const OUT: TileOutcome = { state: 'outside' };
const NO_TILE: TileOutcome = { state: 'no_tile' };
const ODD: TileOutcome = { state: 'unreadable', rgba: [0, 0, 255, 255] };

function reading(subject: ReadingSubject, subjectId: string, hazard: HazardType, layers: [HazardTileLayerId, TileOutcome][], readOn = '2026-11-28'): HazardReading {
  return { id: readingId(subject, subjectId, hazard), subject, subjectId, hazard, layers: layers.map(([layer, outcome]) => ({ layer, outcome })), point: [139.95, 37.52], readAt: `${readOn}T01:00:00.000Z`, readOn };
}
const flood = (id: string, o: TileOutcome, subject: ReadingSubject = 'person') => reading(subject, id, 'flood', [['flood', o]]);
const landslide = (id: string, debris: TileOutcome, steep: TileOutcome, slip: TileOutcome) =>
  reading('person', id, 'landslide', [['debris_flow', debris], ['steep_slope', steep], ['landslide_slip', slip]]);

describe('readingCounts', () => {
  it('counts 区域内 by class (deepest first), 区域外, データなし, 判定できない and the unread apart', () => {
    const readings = [
      flood('a', inside('depth_3_5', '3.0〜5.0m', 3)),
      flood('b', inside('depth_0_03', '0.3m未満', 0)),
      flood('c', inside('depth_3_5', '3.0〜5.0m', 3)),
      flood('d', inside('depth_0_05', '0.5m未満', 0)),
      flood('e', OUT),
      flood('f', NO_TILE),
      flood('g', ODD),
      flood('x', OUT), // not among the subjects counted
      flood('a', OUT, 'shelter'), // a shelter with the same id: not a person
    ];
    const c = readingCounts(readings, 'person', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']).find((r) => r.hazard === 'flood')!;
    expect(c.inside).toEqual([
      { label: '3.0〜5.0m', count: 2 },
      { label: '0.5m未満', count: 1 },
      { label: '0.3m未満', count: 1 },
    ]);
    expect([c.insideTotal, c.outside, c.noData, c.unreadable, c.notRead]).toEqual([4, 1, 1, 1, 1]);
    expect(c.readOn).toEqual(['2026-11-28']);
  });

  it('combines the 土砂災害 layers: the most severe class names the person; a missing layer tile is データなし, never 区域外', () => {
    const readings = [
      landslide('a', inside('debris_flow_warning', '土砂災害警戒区域（土石流）', null), inside('steep_slope_special', '土砂災害特別警戒区域（急傾斜地の崩壊）', null), OUT),
      landslide('b', OUT, OUT, NO_TILE),
      landslide('c', OUT, ODD, NO_TILE),
      landslide('d', OUT, OUT, OUT),
    ];
    const c = readingCounts(readings, 'person', ['a', 'b', 'c', 'd']).find((r) => r.hazard === 'landslide')!;
    expect(c.inside).toEqual([{ label: '土砂災害特別警戒区域（急傾斜地の崩壊）', count: 1 }]);
    expect([c.insideTotal, c.outside, c.noData, c.unreadable]).toEqual([1, 1, 1, 1]);
  });

  it('gives every tile hazard a row, all unread when nothing is stored', () => {
    const rows = readingCounts([], 'person', ['a', 'b']);
    expect(rows.map((r) => r.hazard).sort()).toEqual(['flood', 'landslide', 'storm_surge', 'tsunami']);
    expect(rows.every((r) => r.notRead === 2 && r.outside === 0)).toBe(true);
  });
});

describe('shelter notes', () => {
  it('says the depth with source and date, and flags 3 m or deeper', () => {
    expect(shelterReadingNote(flood('s1', inside('depth_3_5', '3.0〜5.0m', 3), 'shelter'), '洪水')).toEqual({ text: '洪水 3.0〜5.0m の区域内', deep: true, source: 'ハザードマップポータル、2026-11-28 取得' });
    expect(shelterReadingNote(flood('s1', inside('depth_05_3', '0.5〜3.0m', 0.5), 'shelter'), '洪水')?.deep).toBe(false);
    expect(shelterReadingNote(flood('s1', NO_TILE, 'shelter'), '洪水')?.text).toBe('洪水 データなし（未整備の可能性があります）');
    expect(shelterReadingNote(flood('s1', ODD, 'shelter'), '洪水')?.text).not.toContain('区域外');
    expect(shelterReadingNote(undefined, '洪水')).toBeNull();
  });

  it('flags only sites designated for the hazard whose reading is 3 m or deeper', () => {
    const shelters = [
      { id: 's1', hazards: ['flood' as const] },
      { id: 's2', hazards: ['earthquake' as const] },
      { id: 's3', hazards: ['flood' as const] },
      { id: 's4', hazards: ['flood' as const] },
    ];
    const readings = [
      flood('s1', inside('depth_5_10', '5.0〜10.0m', 5), 'shelter'),
      flood('s2', inside('depth_5_10', '5.0〜10.0m', 5), 'shelter'),
      flood('s3', inside('depth_05_3', '0.5〜3.0m', 0.5), 'shelter'),
      flood('s4', inside('depth_5_10', '5.0〜10.0m', 5)), // a person's reading with that id
    ];
    expect(deepWaterDesignated(shelters, readings, 'flood', '洪水').map((f) => f.shelter.id)).toEqual(['s1']);
  });
});

describe('deepWaterAt: the mark a destination gets where it is offered or printed', () => {
  it('marks a shelter read 3 m or deeper for the asked hazard, whatever the engine chose; people and other depths are not marked', () => {
    const at = deepWaterAt([
      flood('s1', inside('depth_5_10', '5.0〜10.0m', 5), 'shelter'),
      flood('s2', inside('depth_05_3', '0.5〜3.0m', 0.5), 'shelter'),
      flood('s3', NO_TILE, 'shelter'),
      flood('p1', inside('depth_5_10', '5.0〜10.0m', 5)), // a person with the same depth: not a shelter
    ]);
    expect(DEEP_WATER_MARK).toBe('（想定浸水3m以上）');
    expect(at('s1', 'flood')).toBe(true);
    expect(at('s1', ['earthquake', 'flood'])).toBe(true);
    expect(at('s1', 'earthquake')).toBe(false);
    expect([at('s2', 'flood'), at('s3', 'flood'), at('p1', 'flood'), at('nobody', 'flood')]).toEqual([false, false, false, false]);
  });
});

describe('homeHazardLines: 「自宅の想定」 of the plan editor and the 計画書', () => {
  const home: [number, number] = [139.95, 37.52];
  it('one line per hazard read for this person, with source and date; データなし / 判定できない said as such; the credit flag', () => {
    const readings = [
      flood('p1', inside('depth_3_5', '3.0〜5.0m', 3)),
      reading('person', 'p1', 'tsunami', [['tsunami', NO_TILE]]),
      landslide('p1', ODD, OUT, OUT),
      flood('p2', OUT), // someone else
    ];
    const h = homeHazardLines('p1', home, null, [], readings);
    expect(h.lines.map((l) => [l.hazard, l.state, l.text])).toEqual([
      ['flood', 'inside', '洪水の区域内（3.0〜5.0m）［ハザードマップポータル（タイル）、2026-11-28 取得］'],
      ['landslide', 'no_data', '土砂災害は判定できない（地図の色を読み取れませんでした）［ハザードマップポータル（タイル）、2026-11-28 取得］'],
      ['tsunami', 'no_data', '津波はデータなし（未整備の可能性があります）［ハザードマップポータル（タイル）、2026-11-28 取得］'],
    ]);
    expect(h.fromTiles).toBe(true);
    expect(h.unreadableNote).toContain('紙のハザードマップで確かめてください');
  });
  it('nothing answered → no lines; an imported file reaching the home is not answered without the engine hits (never 区域外 unknowingly)', () => {
    expect(homeHazardLines('p1', home, null, [], []).lines).toEqual([]);
    const coverage: HazardCoverage[] = [{ source: 'a31.geojson', hazard: 'flood', bbox: [139.9, 37.5, 140, 37.6] }];
    const unknown = homeHazardLines('p1', home, null, coverage, [flood('p1', OUT)]);
    expect(unknown.lines.map((l) => l.state)).toEqual(['unknown']);
    const known = homeHazardLines('p1', home, [], coverage, [flood('p1', inside('depth_3_5', '3.0〜5.0m', 3))]);
    expect(known.lines.map((l) => l.text)).toEqual(['洪水の区域外［取り込んだ区域データ（a31.geojson）］']);
    expect(known.fromTiles).toBe(false);
  });
});
