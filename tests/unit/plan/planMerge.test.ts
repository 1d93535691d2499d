import { describe, expect, it } from 'vitest';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import { mergePlans, samePlanContent, setValueAt, valueAt } from '../../../src/core/planMerge';

const base: Plan = { ...emptyPlan('p1', '2025-04-01'), version: 3, status: 'in_progress', whatToBring: '眼鏡' };
const edit = (over: (p: Plan) => void, version = 3): Plan => {
  const p = structuredClone(base);
  over(p);
  p.version = version;
  return p;
};

describe('three-way merge of plan edits, per field path', () => {
  it('takes fields only the other screen changed, keeps fields only this screen changed, and never reports them as conflicts', () => {
    const mine = edit((p) => ((p.whatToBring = '眼鏡、常備薬3日分'), (p.medical.careNotes = 'たん吸引')));
    const theirs = edit((p) => ((p.supporterNotes = '玄関の鍵は隣の佐藤さん'), (p.dwelling.bedroom = '1階 北側の和室')), 4);
    const { merged, conflicts } = mergePlans(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toMatchObject({
      version: 4,
      whatToBring: '眼鏡、常備薬3日分',
      supporterNotes: '玄関の鍵は隣の佐藤さん',
      dwelling: { bedroom: '1階 北側の和室', floor: null, daytimeLocation: '' },
      medical: { careNotes: 'たん吸引' },
    });
  });

  it('nested fields merge one by one (dwelling.floor here, dwelling.bedroom there)', () => {
    const mine = edit((p) => (p.dwelling.floor = 2));
    const theirs = edit((p) => (p.dwelling.bedroom = '2階 南側'), 4);
    const { merged, conflicts } = mergePlans(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.dwelling).toEqual({ floor: 2, bedroom: '2階 南側', daytimeLocation: '' });
  });

  it('a field both changed to different values is a conflict with base, mine and theirs; the merge holds mine until the user chooses', () => {
    const mine = edit((p) => (p.supporterNotes = 'B: 犬がいる'));
    const theirs = edit((p) => (p.supporterNotes = 'A: 夜は長女が同居'), 4);
    const { merged, conflicts } = mergePlans(base, mine, theirs);
    expect(conflicts).toEqual([{ path: 'supporterNotes', base: '', mine: 'B: 犬がいる', theirs: 'A: 夜は長女が同居' }]);
    expect(merged.supporterNotes).toBe('B: 犬がいる');
  });

  it('both making the same change is no conflict', () => {
    const mine = edit((p) => (p.transport = 'wheelchair'));
    const theirs = edit((p) => (p.transport = 'wheelchair'), 4);
    expect(mergePlans(base, mine, theirs).conflicts).toEqual([]);
  });

  it('a supporter, the consent and each hazard’s destination are whole units: never half of one and half of another', () => {
    const withPrimary = (name: string, phone: string) => ({ supporterId: null, name, phone, address: '', chosenBy: 'user' as const });
    const mine = edit((p) => {
      p.primarySupporter = withPrimary('若松 太郎', '0242-00-0001');
      p.destinations.flood = { shelterId: 'sh1', chosenBy: 'user', routeNote: '県道を北へ', routeLine: null };
    });
    const theirs = edit((p) => {
      p.primarySupporter = withPrimary('会津 次郎', '0242-00-0002');
      p.destinations.earthquake = { shelterId: 'sh2', chosenBy: 'user', routeNote: '', routeLine: null };
    }, 4);
    const { merged, conflicts } = mergePlans(base, mine, theirs);
    expect(conflicts.map((c) => c.path)).toEqual(['primarySupporter']);
    expect(conflicts[0].theirs).toMatchObject({ name: '会津 次郎', phone: '0242-00-0002' });
    expect(merged.destinations).toMatchObject({ flood: { shelterId: 'sh1' }, earthquake: { shelterId: 'sh2' } });
  });

  it('a field removed on one side and untouched on the other is removed; lists are units', () => {
    const start = edit((p) => (p.destinations.flood = { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: null }));
    const mine = structuredClone(start);
    delete mine.destinations.flood;
    mine.mobilityAids = ['cane'];
    const theirs = { ...structuredClone(start), mobilityAids: ['walker' as const], version: 4 };
    const { merged, conflicts } = mergePlans(start, mine, theirs);
    expect(merged.destinations.flood).toBeUndefined();
    expect(conflicts).toEqual([{ path: 'mobilityAids', base: [], mine: ['cane'], theirs: ['walker'] }]);
  });

  it('compares content without the fields the store sets, and reads/writes field paths', () => {
    expect(samePlanContent(base, { ...base, version: 9, updatedAt: '2030-01-01T00:00:00Z' })).toBe(true);
    expect(samePlanContent(base, { ...base, whatToBring: '' })).toBe(false);
    const p = structuredClone(base);
    setValueAt(p, 'medical.batteryHours', 8);
    expect(valueAt(p, 'medical.batteryHours')).toBe(8);
    setValueAt(p, 'destinations.flood', undefined);
    expect('flood' in p.destinations).toBe(false);
  });
});
