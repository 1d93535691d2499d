import { describe, expect, it } from 'vitest';
import { addressParts, batchSelection, compareAddresses, kanjiNumber } from '../../../src/core/batchSelection';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import { person } from '../core/rosterFixtures';

const TODAY = '2026-11-29';
const plan = (personId: string, over: Partial<Plan> = {}): Plan => ({ ...emptyPlan(personId, '2026-04-01'), status: 'in_progress', ...over });

describe('natural order of addresses', () => {
  it('reads kanji numerals before 丁目・番地・号 as numbers, and full-width digits', () => {
    expect(kanjiNumber('十二')).toBe(12);
    expect(kanjiNumber('二十')).toBe(20);
    expect(kanjiNumber('百五')).toBe(105);
    expect(kanjiNumber('二〇')).toBe(20);
    expect(kanjiNumber('千二百三十四')).toBe(1234);
    expect(kanjiNumber('箕')).toBeNull();
    expect(addressParts('本町二丁目１０番３号')).toEqual([{ t: '本町' }, { n: 2 }, { n: 10 }, { n: 3 }]);
    expect(addressParts('本町2-10-3')).toEqual(addressParts('本町2丁目10番地の3'));
    // A numeral in a place name stays text.
    expect(addressParts('一箕町松長1丁目')).toEqual([{ t: '一箕町松長' }, { n: 1 }]);
  });

  it('orders numbers as numbers: 2 before 10, 九丁目 before 十丁目, town names in Japanese order', () => {
    const addresses = ['本町十丁目1番', '本町2丁目10番', '本町２丁目９番', '本町九丁目3', '本町2丁目9番2号', '栄町1-1', '本町1丁目'];
    const sorted = [...addresses].sort(compareAddresses);
    expect(sorted).toEqual(['栄町1-1', '本町1丁目', '本町２丁目９番', '本町2丁目9番2号', '本町2丁目10番', '本町九丁目3', '本町十丁目1番']);
    expect(compareAddresses('本町二丁目5', '本町2丁目5')).toBe(0);
  });
});

describe('who goes into a batch print, and in what order', () => {
  const people = [
    person('p1', { name: '会津 一', nameKana: 'アイヅ ハジメ', address: '本町3丁目1' }),
    person('p2', { name: '佐藤 二', nameKana: 'サトウ ジ', address: '本町1丁目20' }),
    person('p3', { name: '鈴木 三', nameKana: 'スズキ サン', address: '本町1丁目3' }),
    person('p4', { name: '田中 四', nameKana: 'タナカ シ', address: '本町十丁目1' }),
    person('p5', { name: '伊藤 五', nameKana: 'イトウ ゴ', address: '本町2丁目1' }),
  ];
  const plans = [
    plan('p2', { status: 'needs_review' }),
    plan('p3', { status: 'confirmed', reviewDue: '2026-01-01' }), // overdue: counts as 要見直し
    plan('p4', { status: 'confirmed', reviewDue: '2027-04-01' }),
    plan('p5', { status: 'not_started' }),
  ];
  const priority = { p1: { rank: 'B' as const }, p2: { rank: 'A' as const }, p3: { rank: 'A' as const }, p4: { rank: 'A' as const } };
  const input = { people, plans, priority, today: TODAY };
  const ids = (f: Parameters<typeof batchSelection>[1], o: Parameters<typeof batchSelection>[2]) => batchSelection(input, f, o).map((e) => e.person.id);

  it('priority order: A before B before unassessed; within a rank 要見直し before 確認済, then フリガナ', () => {
    // p2 and p3 are both A and 要見直し: by フリガナ (サトウ < スズキ); p4 A 確認済; p1 B; p5 unassessed.
    expect(ids('all', 'priority')).toEqual(['p2', 'p3', 'p4', 'p1', 'p5']);
  });

  it('a plan a 名簿 update sent back weighs more than the フリガナ', () => {
    const reason = { on: '2026-10-01', updateId: 'u1', field: 'medical', weight: 5, text: '医療が変わりました' };
    const weighted = plans.map((p): Plan => (p.personId === 'p3' ? { ...p, rosterReview: [reason] } : p));
    const order = batchSelection({ ...input, plans: weighted }, 'all', 'priority').map((e) => e.person.id);
    expect(order.slice(0, 2)).toEqual(['p3', 'p2']);
  });

  it('filters 未着手 (no plan or not started), 要見直し (also overdue), 優先度A', () => {
    expect(ids('not_started', 'priority')).toEqual(['p1', 'p5']);
    expect(ids('needs_review', 'priority')).toEqual(['p2', 'p3']);
    expect(ids('priority_a', 'address')).toEqual(['p3', 'p2', 'p4']);
  });

  it('address order: 丁目 then 番地 as numbers', () => {
    expect(ids('all', 'address')).toEqual(['p3', 'p2', 'p5', 'p1', 'p4']);
  });
});
