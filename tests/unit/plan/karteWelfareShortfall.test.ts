import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { districtKarte, karteEngineFields, karteSummaryLines } from '../../../src/core/districtKarte';
import { allocateWelfareShelters } from '../../../src/core/welfareAllocation';
import { needsWelfareShelter } from '../../../src/core/welfareEligibility';
import { leftOverReasonText, systemicShortfallSentence, systemicShortfalls } from '../../../src/core/welfareShortfall';
import { AIZU_ROSTER, AIZU_SHELTERS, readPeople, readShelters } from '../cli/helpers';
import { makeShelter } from '../engine/fixtures';
import { person } from './fixtures';

/**
 * A city whose 福祉避難所 accept no 医療的ケア leaves every such person without a place: a gap of
 * the city, said once (issue 9, defect 5). Real 会津若松 GSI shelters (受入対象者 高齢者, 障がい者,
 * 要配慮児童, 要配慮者… and none 医療的ケア) with the 2,000-person fictional 名簿.
 */
const DATE = '2025-04-01';
const shelters = readShelters(AIZU_SHELTERS);
const demand = readPeople(AIZU_ROSTER).filter((p) => isShareable(p.consent) && needsWelfareShelter(p));
const allocation = allocateWelfareShelters(demand, shelters, { onDate: DATE, assumedWelfareCapacity: 10 });
/** Counted independently: placed people with any medical need (no real shelter lists 医療的ケア). */
const medical = demand.filter((p) => p.location && p.medical.length > 0);

describe('systemic 福祉避難所 shortfall (real 会津若松 shelters)', () => {
  it('groups everyone no shelter accepts under the missing 受入対象 and says it once', () => {
    expect(shelters.some((s) => s.kinds.includes('welfare_shelter') && s.accepts.includes('medical_care'))).toBe(false);
    expect(medical.length).toBeGreaterThan(50);
    const groups = systemicShortfalls(allocation.leftOver);
    expect(groups).toHaveLength(1);
    expect(groups[0].missing).toEqual(['medical_care']);
    expect(groups[0].personIds.sort()).toEqual(medical.map((p) => p.id).sort());
    expect(systemicShortfallSentence(groups[0])).toBe(`医療的ケアが必要な${medical.length}人を受け入れる福祉避難所が市内にありません`);
  });

  it("names the missing 受入対象 in each person's reason", () => {
    const one = allocation.leftOver.find((l) => l.personId === medical[0].id)!;
    expect(one.reason).toBe('no_eligible_shelter');
    expect(leftOverReasonText(one)).toBe('受入対象に医療的ケアを含む福祉避難所が市内にありません');
    expect(leftOverReasonText({ reason: 'capacity' })).toBe('定員が足りず割り当てられません');
  });

  it('puts the sentence in the 地区カルテ, for the district’s people only', () => {
    const district = medical[0].districtId;
    const shown = demand.filter((p) => p.districtId === district);
    const k = districtKarte({
      districtId: district, today: DATE, shownPeople: shown, allPeopleCount: shown.length, supporters: [], plans: [], shelters: [],
      ...karteEngineFields({ allocation }),
    });
    const n = medical.filter((p) => p.districtId === district).length;
    expect(k.welfare.systemic.map((s) => [s.missing, s.personIds.length])).toEqual([[['medical_care'], n]]);
    expect(karteSummaryLines(k)).toContain(`医療的ケアが必要な${n}人を受け入れる福祉避難所が市内にありません。`);
  });

  it('names the groups when a person without medical needs finds no shelter for them', () => {
    const child = person({ id: 'c', birthDate: '2015-01-01', mobility: 'wheelchair' });
    const r = allocateWelfareShelters([child], [makeShelter('w', [139.93, 37.49], { kinds: ['welfare_shelter'], accepts: ['elderly'] })], { onDate: DATE, assumedWelfareCapacity: 5 });
    expect(r.leftOver).toEqual([{ personId: 'c', reason: 'no_eligible_shelter', missing: ['disabled', 'children', 'care_needed'] }]);
    expect(systemicShortfallSentence(systemicShortfalls(r.leftOver)[0])).toBe('障がい者・要配慮児童・要配慮者にあたる1人を受け入れる福祉避難所が市内にありません');
  });
});
