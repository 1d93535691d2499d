import { describe, expect, it } from 'vitest';
import { districtKarte, karteSummaryLines } from '../../../src/core/districtKarte';
import { hazardAnswerAt, type HazardAnswer, type HazardHit } from '../../../src/core/hazardAtHome';
import type { HazardCoverage } from '../../../src/core/hazardCoverage';
import { person } from './fixtures';

/**
 * 地区カルテ hazard count (issue 9, defect D): the scenario hazard's three-state answer at each home
 * (the same answers as the map panel), never 「0人」 read as safe when nobody's home has data.
 */
const TODAY = '2025-06-01';
const floodFile: HazardCoverage = { source: 'flood.geojson', hazard: 'flood', bbox: [138.80, 35.05, 138.82, 35.07] };
const hit = (zoneId: string): HazardHit => ({ zone: 0, zoneId, hazard: 'flood', depthClass: '0.5m未満', name: zoneId });
const people = Array.from({ length: 12 }, (_, i) => person({ id: `P${i + 1}`, name: `人${i + 1}`, location: { lng: 138.9, lat: 35.1, source: 'manual' } as never }));
const base = { districtId: 'd', today: TODAY, shownPeople: people, allPeopleCount: 12, supporters: [], plans: [], shelters: [] };

describe('地区カルテ: scenario hazard 区域内・区域外・データなし', () => {
  it('flood zones that cover none of the homes: 12 データなし, and the sentence never says 0人 in hazard areas', () => {
    // Every home is outside the flood file's extent: the map panel says 「洪水はデータなし」 for each.
    const answers: Record<string, HazardAnswer> = Object.fromEntries(people.map((p) => [p.id, hazardAnswerAt([138.9, 35.1], 'flood', [], [floodFile])]));
    const k = districtKarte({ ...base, hazardAnswers: { hazard: 'flood', byPerson: answers } });
    expect(k.hazard).toMatchObject({ known: true, hazard: 'flood', inside: 0, outside: 0, noData: 12 });
    const line = karteSummaryLines(k).find((l) => l.includes('想定区域'))!;
    expect(line).toBe('洪水の想定区域内にある人は0人、区域外は0人、データがなく分からない人が12人です。');
    expect(line).not.toContain('区域内にある人は0人です');
  });

  it('counts each answer state, and a shown person without an answer as データなし', () => {
    const answers: Record<string, HazardAnswer> = {
      P1: hazardAnswerAt([138.81, 35.06], 'flood', [hit('z1')], [floodFile]),
      P2: hazardAnswerAt([138.81, 35.06], 'flood', [hit('z1'), hit('z2')], [floodFile]),
      P3: hazardAnswerAt([138.81, 35.06], 'flood', [], [floodFile]),
      P4: hazardAnswerAt(null, 'flood', [], [floodFile]),
      HIDDEN: hazardAnswerAt([138.81, 35.06], 'flood', [hit('z1')], [floodFile]),
    };
    const k = districtKarte({ ...base, shownPeople: people.slice(0, 5), hazardAnswers: { hazard: 'flood', byPerson: answers } });
    expect(k.hazard).toMatchObject({ inside: 2, outside: 1, noData: 2 });
    expect(karteSummaryLines(k)).toContain('洪水の想定区域内にある人は2人、区域外は1人、データがなく分からない人が2人です。');
  });
});
