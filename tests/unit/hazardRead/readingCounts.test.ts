import { describe, expect, it } from 'vitest';
import type { HazardType } from '../../../src/core/hazard';
import { readingId, type HazardReading, type ReadingSubject, type TileOutcome } from '../../../src/core/hazardReading';
import type { HazardTileLayerId } from '../../../src/core/hazardTileLayers';
import { deepWaterDesignated, readingCounts, shelterReadingNote } from '../../../src/ui/hazardRead/readingCounts';

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
