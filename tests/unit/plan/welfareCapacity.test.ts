import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../src/core/analysisSettings';
import { districtKarte, karteEngineFields, karteSummaryLines } from '../../../src/core/districtKarte';
import { settingsFromSaved } from '../../../src/core/savedAnalysisSettings';
import { allocateWelfareShelters } from '../../../src/core/welfareAllocation';
import { ASSUMED_WELFARE_CAPACITY_RANGE, DEFAULT_ASSUMED_WELFARE_CAPACITY, isAssumedWelfareCapacity } from '../../../src/core/welfareCapacity';
import { makeShelter } from '../engine/fixtures';
import { person } from './fixtures';

/**
 * A 福祉避難所's capacity (null = unknown) and the persons assumed for unknown ones
 * (`assumedWelfareCapacity`): one default, one range, one name from the saved settings to the print.
 */
const DATE = '2025-04-01';
const welfare = (id: string, capacity: number | null) => makeShelter(id, [139.93, 37.49], { kinds: ['welfare_shelter'], capacity });

describe('assumedWelfareCapacity: one default and one range', () => {
  it('defaults to 10 persons and accepts whole persons 0–500 only', () => {
    expect(DEFAULT_ASSUMED_WELFARE_CAPACITY).toBe(10);
    expect(DEFAULT_ANALYSIS_SETTINGS.assumedWelfareCapacity).toBe(DEFAULT_ASSUMED_WELFARE_CAPACITY);
    expect(ASSUMED_WELFARE_CAPACITY_RANGE).toEqual({ min: 0, max: 500 });
    for (const ok of [0, 1, 10, 500]) expect(isAssumedWelfareCapacity(ok), String(ok)).toBe(true);
    for (const bad of [-1, 501, 2.5, Number.NaN, Infinity, '10', null, undefined]) expect(isAssumedWelfareCapacity(bad), String(bad)).toBe(false);
  });

  it('keeps a saved value within the range and falls back to the default outside it', () => {
    expect(settingsFromSaved({ assumedWelfareCapacity: 0 }).assumedWelfareCapacity).toBe(0);
    expect(settingsFromSaved({ assumedWelfareCapacity: 500 }).assumedWelfareCapacity).toBe(500);
    for (const bad of [501, -1, 2.5, '20', null]) expect(settingsFromSaved({ assumedWelfareCapacity: bad }).assumedWelfareCapacity).toBe(10);
  });

  it('still loads settings saved under the old name welfareCapacityDefault; the new name wins when both are there', () => {
    expect(settingsFromSaved({ welfareCapacityDefault: 25 }).assumedWelfareCapacity).toBe(25);
    expect(settingsFromSaved({ welfareCapacityDefault: 25, winter: true })).toEqual({ ...DEFAULT_ANALYSIS_SETTINGS, winter: true, assumedWelfareCapacity: 25 });
    expect(settingsFromSaved({ welfareCapacityDefault: 25, assumedWelfareCapacity: 30 }).assumedWelfareCapacity).toBe(30);
    expect(settingsFromSaved({ welfareCapacityDefault: 501 }).assumedWelfareCapacity).toBe(10);
    expect(settingsFromSaved({ welfareCapacityDefault: 25 })).not.toHaveProperty('welfareCapacityDefault');
  });

  it('the allocation counts an unknown capacity as assumedWelfareCapacity persons, and names those shelters', () => {
    const people = ['a', 'b', 'c', 'd'].map((id) => person({ id }));
    const shelters = [welfare('known', 1), welfare('unknown', null)];
    const r = allocateWelfareShelters(people, shelters, { onDate: DATE, assumedWelfareCapacity: 2 });
    expect(r.summary.assigned).toBe(3);
    expect(r.assumedCapacityShelterIds).toEqual(['unknown']);
    expect(allocateWelfareShelters(people, shelters, { onDate: DATE, assumedWelfareCapacity: 0 }).summary.assigned).toBe(1);
  });
});

describe('the 地区カルテ says what its 不足 rests on', () => {
  const people = ['a', 'b', 'c', 'd'].map((id) => person({ id }));
  const base = { districtId: 'd1', today: DATE, shownPeople: people, allPeopleCount: 4, supporters: [], plans: [] };
  const welfareLine = (lines: string[]) => lines.find((l) => l.startsWith('福祉避難所が必要な人'))!;

  it('from the allocation: the assumed persons and how many 福祉避難所 of the city were counted so', () => {
    const shelters = [welfare('known', 1), welfare('u1', null), welfare('u2', null)];
    const allocation = allocateWelfareShelters(people, shelters, { onDate: DATE, assumedWelfareCapacity: 1 });
    const k = districtKarte({ ...base, shelters, ...karteEngineFields({ allocation, assumedWelfareCapacity: 1 }) });
    expect(k.welfare).toMatchObject({ shortfall: 1, shortfallFrom: 'allocation', knownCapacityTotal: 1, unknownCapacityShelters: 2, assumedWelfareCapacity: 1, assumedCapacityShelters: 2 });
    expect(welfareLine(karteSummaryLines(k))).toContain('不足）は1人です。不足は、定員不明の福祉避難所（市内2か所）を1か所1人として計算しています。');
  });

  it('says nothing more when every capacity the allocation used was known', () => {
    const shelters = [welfare('known', 3)];
    const allocation = allocateWelfareShelters(people, shelters, { onDate: DATE, assumedWelfareCapacity: 10 });
    const k = districtKarte({ ...base, shelters, ...karteEngineFields({ allocation, assumedWelfareCapacity: 10 }) });
    expect(k.welfare).toMatchObject({ shortfall: 1, assumedWelfareCapacity: null, assumedCapacityShelters: 0 });
    expect(welfareLine(karteSummaryLines(k))).toMatch(/不足）は1人です。$/);
  });

  it('assumed 0: says the unknown ones took nobody; a district-only run says other districts were not counted', () => {
    const shelters = [welfare('known', 1), welfare('u1', null)];
    const allocation = allocateWelfareShelters(people, shelters, { onDate: DATE, assumedWelfareCapacity: 0 });
    const k = districtKarte({ ...base, shelters, ...karteEngineFields({ allocation, assumedWelfareCapacity: 0 }), welfareAllocatedFor: 'district' });
    const line = welfareLine(karteSummaryLines(k));
    expect(line).toContain('不足）は3人です。不足は、定員不明の福祉避難所（市内1か所）には誰も割り当てずに計算しています。');
    expect(line).toContain('この不足はこの地区の人だけを割り当てた数です（ほかの地区の人も同じ福祉避難所を使うため、市全体ではもっと足りないことがあります）。');
    const city = districtKarte({ ...base, shelters, ...karteEngineFields({ allocation, assumedWelfareCapacity: 0 }), welfareAllocatedFor: 'city' });
    expect(welfareLine(karteSummaryLines(city))).not.toContain('この地区の人だけ');
  });

  it('without an allocation: says the 不足 counts known capacities only', () => {
    const k = districtKarte({ ...base, shelters: [welfare('known', 1), welfare('u1', null)] });
    expect(k.welfare).toMatchObject({ demand: 4, shortfall: 3, shortfallFrom: 'capacity', knownCapacityTotal: 1, assumedWelfareCapacity: null });
    expect(welfareLine(karteSummaryLines(k))).toContain('不足は、定員が分かっている福祉避難所の定員だけで計算しています（定員不明の1か所は数えていません）。');
  });
});
