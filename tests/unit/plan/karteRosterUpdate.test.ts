/**
 * The 地区カルテ after a 名簿 update (issue 11): plans an update sent back to 要見直し are counted as
 * 要見直し, 「次に計画を作る人」 puts them first within a 優先度 by their weightiest reason (a changed
 * medical need before a changed 住所), and every applied update is said in one line.
 */
import { describe, expect, it } from 'vitest';
import { districtKarte, rosterUpdateLine } from '../../../src/core/districtKarte';
import { confirmPlan, emptyPlan, type Plan, type PlanRosterReason } from '../../../src/core/plan';
import { rosterReviewWeight } from '../../../src/core/priority';
import { person } from './fixtures';

const TODAY = '2027-04-02';
const planConsent = { status: 'given' as const, date: '2026-04-01', method: 'signature' as const, recipients: ['jishubo' as const] };
const reason = (field: string, weight: number, text: string): PlanRosterReason => ({ on: '2027-04-01', updateId: 'u1', field, text, weight });
const MEDICAL = reason('medical', 5, '名簿の更新（2027-04-01）で医療が （なし） → 在宅酸素 に変わりました');
const ADDRESS = reason('address', 2, '名簿の更新（2027-04-01）で住所が 栄町1-1 → 追手町2-1 に変わりました');
const DISTRICT = reason('districtId', 2, '名簿の更新（2027-04-01）で地区が 松長 → 大町 に変わりました');

/** A confirmed plan a 名簿 update set to 要見直し with `reasons`. */
const reviewed = (personId: string, reasons: PlanRosterReason[]): Plan => ({
  ...confirmPlan({ ...emptyPlan(personId, '2026-05-01'), consent: planConsent }, '2026-05-01'),
  status: 'needs_review',
  rosterReview: reasons,
});

// Same 優先度 for everyone; フリガナ would put あ, い, う, え in this order.
const people = [
  person({ id: 'a', name: '相沢 一', nameKana: 'アイザワ' }),
  person({ id: 'b', name: '井上 二', nameKana: 'イノウエ' }),
  person({ id: 'c', name: '上野 三', nameKana: 'ウエノ' }),
  person({ id: 'd', name: '遠藤 四', nameKana: 'エンドウ' }),
];
const priority = Object.fromEntries(people.map((p) => [p.id, { rank: 'B' as const, reasons: ['車いす'] }]));

describe('the 地区カルテ after a 名簿 update', () => {
  it('ranks update-driven reviews by their weightiest reason: a changed medical need before a changed 住所, both before a plan not started', () => {
    const plans = [reviewed('b', [ADDRESS]), reviewed('d', [DISTRICT, MEDICAL]), { ...emptyPlan('c', TODAY), status: 'in_progress' as const }];
    const k = districtKarte({ districtId: null, today: TODAY, shownPeople: people, allPeopleCount: 4, supporters: [], plans, shelters: [], priority });
    expect(k.nextPlans.map((n) => n.personId)).toEqual(['d', 'b', 'a', 'c']);
    expect(k.nextPlans[0].reviewReasons).toEqual([MEDICAL.text, DISTRICT.text]);
    expect(k.nextPlans[2].reviewReasons).toEqual([]);
    // The 要見直し count includes the plans the update marked.
    expect(k.plansByStatus.needs_review).toBe(2);
    // 優先度 still comes first: an A without update reasons before a B with a medical change.
    const raised = districtKarte({ districtId: null, today: TODAY, shownPeople: people, allPeopleCount: 4, supporters: [], plans, shelters: [], priority: { ...priority, a: { rank: 'A', reasons: [] } } });
    expect(raised.nextPlans.map((n) => n.personId)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('rosterReviewWeight is the highest reason weight, 0 without reasons', () => {
    expect(rosterReviewWeight(reviewed('a', [DISTRICT, MEDICAL]))).toBe(5);
    expect(rosterReviewWeight(reviewed('a', [ADDRESS]))).toBe(2);
    expect(rosterReviewWeight(emptyPlan('a', TODAY))).toBe(0);
    expect(rosterReviewWeight(undefined)).toBe(0);
    // Confirmed again: the reasons are answered and the plan leaves the list.
    const again = confirmPlan(reviewed('b', [MEDICAL]), TODAY);
    expect(rosterReviewWeight(again)).toBe(0);
    const k = districtKarte({ districtId: null, today: TODAY, shownPeople: people, allPeopleCount: 4, supporters: [], plans: [again], shelters: [], priority });
    expect(k.nextPlans.map((n) => n.personId)).not.toContain('b');
  });

  it('says each applied update in one line', () => {
    const counts = { added: 12, archived: 5, changed: 30, returned: 0, unchanged: 100, matchedByName: 0, reviews: 18, locationChecks: 0 };
    expect(rosterUpdateLine({ kind: 'people', on: '2027-04-01', fileName: '名簿2027.csv', operator: '山田 花子', counts })).toBe('名簿更新 2027-04-01: 新規12人・外れた人5人・要見直し18件（名簿2027.csv・山田 花子）');
    expect(rosterUpdateLine({ kind: 'people', on: '2027-04-01', fileName: '', operator: null, counts: { ...counts, returned: 2, locationChecks: 3 } })).toBe('名簿更新 2027-04-01: 新規12人・外れた人5人・要見直し18件・名簿に戻った人2人・位置の確認3人');
    expect(rosterUpdateLine({ kind: 'supporters', on: '2027-04-03', fileName: '支援者.csv', operator: null, counts: { ...counts, added: 3, archived: 1, changed: 4, reviews: 0 } })).toBe('支援者名簿更新 2027-04-03: 新規3人・外れた人1人・変更4人（支援者.csv）');
  });
});
