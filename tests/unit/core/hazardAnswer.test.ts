import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../src/core/evacuationAnalysis';
import { hazardAnswerAt, hazardAnswerLabel, HazardIndex } from '../../../src/core/hazardAtHome';
import { coverageOfZones, type HazardCoverage } from '../../../src/core/hazardCoverage';
import type { HazardZone } from '../../../src/core/hazardZone';
import type { LngLat } from '../../../src/core/geo';
import { priorityOf } from '../../../src/core/priority';
import { readHazardZones } from '../../../src/io/hazardZones';
import { person } from '../plan/fixtures';

/** The real PLATEAU 沼津市 土砂災害警戒区域 file (see ../shared/data/SOURCES.md). */
const NUMAZU = '../shared/data/hazards/landslide_zones_numazu_plateau.geojson';
const read = readHazardZones(readFileSync(NUMAZU), { file: 'landslide_zones_numazu_plateau.geojson', hazard: 'landslide' });
const zones = read.records;
const coverage = coverageOfZones(zones);
const index = new HazardIndex(zones);

/** A point inside zone `z` (a grid point of its bbox that the index confirms), and one in two zones. */
function pointIn(z: HazardZone, minHits = 1): LngLat | null {
  const [w, s, e, n] = z.bbox;
  for (let i = 1; i < 20; i++) for (let j = 1; j < 20; j++) {
    const p: LngLat = [w + ((e - w) * i) / 20, s + ((n - s) * j) / 20];
    if (index.hazardsAt(p).length >= minHits && index.zonesAt(p).includes(zones.indexOf(z))) return p;
  }
  return null;
}
const inside = pointIn(zones[0])!;
const inTwo = zones.map((z) => pointIn(z, 2)).find((p) => p !== null)!;
/** Inside the file's extent, in no zone: the middle of the extent's western edge, checked. */
const [w, s, e, n] = coverage[0].bbox;
const outside: LngLat = [w + 1e-6, (s + n) / 2];
/** Another city (会津若松): far outside the file's extent. */
const elsewhere: LngLat = [139.93, 37.49];

describe('hazard at home: three answers per hazard type (real 沼津 土砂災害 file)', () => {
  it('the file has one coverage, its extent, and the fixtures are where they claim', () => {
    expect(read.coverage).toEqual(coverage[0]);
    expect(coverage).toHaveLength(1);
    expect(index.hazardsAt(inside).length).toBeGreaterThan(0);
    expect(index.hazardsAt(outside)).toEqual([]);
    expect(index.hazardsAt(inTwo).length).toBe(2);
    expect(e > w && n > s).toBe(true);
  });

  it('区域内 with the zone, 区域外 only inside the covered area, else データなし', () => {
    const at = (p: LngLat) => hazardAnswerAt(p, 'landslide', index.hazardsAt(p), coverage);
    const a = at(inside);
    expect(a.state).toBe('inside');
    expect(hazardAnswerLabel(a)).toContain(zones[0].name);
    expect(at(outside)).toEqual({ hazard: 'landslide', state: 'outside', source: { kind: 'polygons', files: ['landslide_zones_numazu_plateau.geojson'] } });
    expect(hazardAnswerLabel(at(outside))).toBe('土砂災害の区域外');
    expect(at(elsewhere)).toEqual({ hazard: 'landslide', state: 'no_data', why: 'outside_coverage' });
    expect(hazardAnswerLabel(at(elsewhere))).toBe('土砂災害はデータなし（自宅が取り込んだ土砂災害データの範囲の外です）');
  });

  it('with only 土砂災害 zones loaded, 洪水 is データなし everywhere — in the zone, beside it and far away', () => {
    for (const p of [inside, outside, elsewhere]) {
      const a = hazardAnswerAt(p, 'flood', index.hazardsAt(p), coverage);
      expect(a).toEqual({ hazard: 'flood', state: 'no_data', why: 'no_zones' });
      expect(hazardAnswerLabel(a)).toBe('洪水はデータなし（洪水の区域データが取り込まれていません）');
      expect(hazardAnswerLabel(a)).not.toContain('区域外');
    }
  });

  it('names the hazard once for a home inside two zones of it (警戒区域 and 特別警戒区域 of one place)', () => {
    const a = hazardAnswerAt(inTwo, 'landslide', index.hazardsAt(inTwo), coverage);
    expect(a.state === 'inside' && 'zones' in a && a.zones.length).toBe(2);
    const label = hazardAnswerLabel(a);
    const name = a.state === 'inside' && 'zones' in a ? a.zones[0].name : '';
    expect(label.match(/の区域内/g)).toHaveLength(1);
    expect(label.split(name)).toHaveLength(2); // the place's name once, though two zones carry it
    expect(label).toMatch(/^土砂災害の区域内（.+：土砂災害特別警戒区域（指定済）・土砂災害警戒区域（指定済）|^土砂災害の区域内（.+：土砂災害警戒区域（指定済）・土砂災害特別警戒区域（指定済）/);
    // One priority reason, not one per zone.
    const p = priorityOf({ mobility: 'independent', medical: [], household: 'with_family' }, { hazard: a });
    expect(p.reasons.filter((r) => r.startsWith('自宅が'))).toHaveLength(1);
  });

  it('a priority reason never calls データなし safe', () => {
    const a = hazardAnswerAt(inside, 'flood', index.hazardsAt(inside), coverage);
    const p = priorityOf({ mobility: 'independent', medical: [], household: 'with_family' }, { hazard: a });
    expect(p.reasons).toEqual(['洪水：区域データなし（自宅の危険はわかりません）']);
    expect(p.reasons.join()).not.toContain('区域外');
  });

  it('coverage of several files: each file answers only for its own hazard and extent', () => {
    const flood: HazardCoverage = { source: 'flood.geojson', hazard: 'flood', bbox: [139.9, 37.4, 140.0, 37.6] };
    expect(hazardAnswerAt(elsewhere, 'flood', [], [...coverage, flood]).state).toBe('outside');
    expect(hazardAnswerAt(inside, 'flood', index.hazardsAt(inside), [...coverage, flood])).toEqual({ hazard: 'flood', state: 'no_data', why: 'outside_coverage' });
  });
});

describe('the engine: the scenario hazard drives the answer and the priority', () => {
  const home = (id: string, [lng, lat]: LngLat) => person({ id, location: { lng, lat, source: 'manual', at: '2024-04-01T00:00:00Z' }, mobility: 'independent', household: 'with_family' });
  const people = [home('in', inside), home('out', outside), home('far', elsewhere)];
  const run = (hazard: AnalysisSettings['hazard'], cov = coverage) =>
    analyseEvacuation({ people, shelters: [], supporters: [], hazardZones: zones, hazardCoverage: cov, roads: [] }, { ...DEFAULT_ANALYSIS_SETTINGS, hazard, onDate: '2026-11-23' });

  it('scenario 洪水 with only 土砂災害 zones: everyone データなし, no priority raised by the landslide zone', () => {
    const r = run('flood');
    expect(r.people.map((p) => p.hazard.state)).toEqual(['no_data', 'no_data', 'no_data']);
    expect(r.people.map((p) => p.priority.rank)).toEqual(['C', 'C', 'C']);
    for (const p of r.people) expect(p.priority.reasons.join()).not.toMatch(/区域外|土砂災害の想定区域/);
  });

  it('scenario 土砂災害: 区域内 raises the priority with its reason, 区域外 only inside the file extent', () => {
    const r = run('landslide');
    expect(r.people.map((p) => p.hazard.state)).toEqual(['inside', 'outside', 'no_data']);
    expect(r.people[0].priority.rank).toBe('B');
    expect(r.people[0].priority.reasons[0]).toMatch(/^自宅が土砂災害の想定区域（土砂災害.*警戒区域（指定済））内にある$/);
  });

  it('without a coverage for the hazard, a home in no zone is データなし, never 区域外', () => {
    expect(run('landslide', []).people.map((p) => p.hazard.state)).toEqual(['inside', 'no_data', 'no_data']);
  });
});
