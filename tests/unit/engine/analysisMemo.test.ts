import { describe, expect, it } from 'vitest';
import { AnalysisMemo, type AnalysisStage } from '../../../src/core/analysisMemo';
import { analyseEvacuation, analyseEvacuationStaged, analyseEvacuationWith, DEFAULT_ANALYSIS_SETTINGS, type AnalysisInput, type AnalysisSettings } from '../../../src/core/evacuationAnalysis';
import { HazardIndex, routeCrossesHazard } from '../../../src/core/hazardAtHome';
import { coverageOfZones } from '../../../src/core/hazardCoverage';
import { isShareable } from '../../../src/core/consent';
import { readDemoBundle } from '../db/demoStore';
import { gridRoads, zonesOver } from '../workers/engineFixture';
import { roadLines } from '../../../src/io/roadNetwork';

const demo = readDemoBundle();
const zones = [...zonesOver(1, 60, 'flood', 'f'), ...zonesOver(2, 60, 'landslide', 'l')];
const input: AnalysisInput = {
  people: demo.people.filter((p) => isShareable(p.consent)),
  shelters: demo.shelters,
  supporters: demo.supporters,
  hazardZones: zones,
  hazardCoverage: coverageOfZones(zones),
  roads: [...roadLines(gridRoads(3, 30))],
};
const flood: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, avoidHazardRoads: true, onDate: '2026-11-23' };

describe('AnalysisMemo: a re-run reuses the stages whose inputs did not change', () => {
  it('another hazard recomputes only the hazard’s stages; the answer is the fresh one', () => {
    const built: AnalysisStage[] = [];
    const memo = new AnalysisMemo((s) => built.push(s));
    expect(analyseEvacuationWith(input, flood, { memo })).toEqual(analyseEvacuation(input, flood));
    expect(built).toContain('matching');
    built.length = 0;
    const landslide = { ...flood, hazard: 'landslide' as const };
    expect(analyseEvacuationWith(input, landslide, { memo })).toEqual(analyseEvacuation(input, landslide));
    expect([...built].sort()).toEqual(['closedEdges', 'destinations', 'nearest', 'results', 'roadNearest']);
    // Back to 洪水: its destinations (routes, zones crossed) are still remembered; only the per-person results are rebuilt.
    built.length = 0;
    expect(analyseEvacuationWith(input, flood, { memo })).toEqual(analyseEvacuation(input, flood));
    expect(built).toEqual(['results']);
  });

  it('the zones a road route crosses are those of the whole route, segment by segment', () => {
    const many = [...zonesOver(5, 500, 'flood', 'f'), ...zonesOver(6, 500, 'landslide', 'l')];
    const index = new HazardIndex(many);
    for (const hazard of ['flood', 'landslide'] as const) {
      const result = analyseEvacuation({ ...input, hazardZones: many, hazardCoverage: coverageOfZones(many) }, { ...flood, hazard, avoidHazardRoads: false });
      const routed = result.people.filter((p) => p.destination?.route);
      expect(routed.length).toBeGreaterThan(50);
      expect(routed.filter((p) => p.destination!.crossesHazardZones.length > 0).length).toBeGreaterThan(3);
      for (const p of routed) expect(p.destination!.crossesHazardZones).toEqual(routeCrossesHazard(p.destination!.route!, index, (z) => z.hazard === hazard));
    }
  });

  it('new people (another array) rebuild everything that depends on them, and nothing else', () => {
    const built: AnalysisStage[] = [];
    const memo = new AnalysisMemo((s) => built.push(s));
    analyseEvacuationWith(input, flood, { memo });
    built.length = 0;
    const fewer = { ...input, people: input.people.slice(10) };
    expect(analyseEvacuationWith(fewer, flood, { memo })).toEqual(analyseEvacuation(fewer, flood));
    expect(built).not.toContain('hazardIndex');
    expect(built).not.toContain('roadGraph');
    expect(built).not.toContain('shelterIndex');
    expect(built).toEqual(expect.arrayContaining(['points', 'homeZones', 'nearest', 'roadNearest', 'allocation', 'welfareNearest', 'matching', 'destinations', 'results']));
  });

  it('the staged run with a prebuilt index gives the same answer, and stops where its pause throws', async () => {
    const prebuilt = { hazardIndex: new HazardIndex(zones) };
    const staged = await analyseEvacuationStaged(input, flood, { prebuilt, pause: async () => {} });
    expect(staged).toEqual(analyseEvacuation(input, flood));
    let pauses = 0;
    const stop = new Error('stop');
    await expect(analyseEvacuationStaged(input, flood, { pause: async () => { if (++pauses === 2) throw stop; } })).rejects.toBe(stop);
    expect(pauses).toBe(2);
  });
});
