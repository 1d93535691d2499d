import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import { confirmPlan, DEFAULT_LEAVE_WHEN, defaultReviewDue, emptyPlan, RECONFIRM_NOTE, statusAfterEdit, validatePlan, type Plan } from '../../../src/core/plan';
import {
  completenessLabel, effectivePlanStatus, LEGAL_PLAN_ITEMS, missingLegalItems, planCompleteness, planIsOverdue, type LegalPlanItemKey,
} from '../../../src/core/planCompleteness';
import { acceptSuggestions, applySuggestions, hasSuggestions } from '../../../src/core/planSuggestions';
import { completePlan, person, supporter } from './fixtures';

const supporters = [supporter()];
const labels = (items: { label: string }[]) => items.map((i) => i.label);

/** How to remove each legal item from a complete person + plan. */
const removals: Record<LegalPlanItemKey, (p: Person, plan: Plan) => [Person, Plan]> = {
  name: (p, pl) => [{ ...p, name: ' ' }, pl],
  birthDate: (p, pl) => [{ ...p, birthDate: null }, pl],
  sex: (p, pl) => [{ ...p, sex: 'unknown' }, pl],
  address: (p, pl) => [{ ...p, address: '' }, pl],
  phone: (p, pl) => [{ ...p, phone: '' }, pl],
  reason: (p, pl) => [{ ...p, reason: '' }, pl],
  supporterName: (p, pl) => [p, { ...pl, primarySupporter: { supporterId: null, name: '', phone: '0242-00-0009', address: '会津若松市', chosenBy: 'user' } }],
  supporterAddress: (p, pl) => [p, { ...pl, primarySupporter: { supporterId: null, name: '近所 一郎', phone: '0242-00-0009', address: '', chosenBy: 'user' } }],
  supporterPhone: (p, pl) => [p, { ...pl, primarySupporter: { supporterId: null, name: '近所 一郎', phone: '', address: '会津若松市', chosenBy: 'user' } }],
  destination: (p, pl) => [p, { ...pl, destinations: { flood: { ...pl.destinations.flood!, shelterId: '' } }, alternativeDestination: null }],
  route: (p, pl) => [p, { ...pl, destinations: { flood: { ...pl.destinations.flood!, routeNote: '', routeLine: null } } }],
  consent: (p, pl) => [p, { ...pl, consent: { status: 'refused', date: '2024-05-01', method: 'verbal', recipients: [] } }],
};

describe('completeness check (法定記載事項)', () => {
  it('lists exactly the legal items of 49-14 plus consent', () => {
    expect(labels([...LEGAL_PLAN_ITEMS])).toEqual([
      '氏名', '生年月日', '性別', '住所', '連絡先', '避難支援等を必要とする事由',
      '避難支援等実施者の氏名', '避難支援等実施者の住所', '避難支援等実施者の連絡先', '避難場所', '避難経路', '本人の同意',
    ]);
    expect(Object.keys(removals).sort()).toEqual(LEGAL_PLAN_ITEMS.map((i) => i.key).sort());
  });

  it('finds nothing missing in a complete plan and says so', () => {
    const c = planCompleteness(person(), completePlan(), supporters);
    expect(c.missing).toEqual([]);
    expect(c.percent).toBe(100);
    expect(c.message).toBe('必須項目はすべて記入済みです。');
  });

  it.each(LEGAL_PLAN_ITEMS.map((i) => [i.label, i.key] as const))('names only 「%s」 when just that item is missing', (label, key) => {
    const [p, pl] = removals[key](person(), completePlan());
    const c = planCompleteness(p, pl, supporters);
    expect(labels(c.missing)).toEqual([label]);
    expect(c.message).toBe(`未記入の必須項目: ${label}（1項目）`);
  });

  it('names every removed item, in the order of the item list, for many combinations', () => {
    const keys = LEGAL_PLAN_ITEMS.map((i) => i.key);
    for (let mask = 0; mask < 1 << keys.length; mask += 37) {
      let [p, pl] = [person(), completePlan()];
      // supporter name/address/phone removals each replace the whole entry; apply them as one free-text entry
      const removed = keys.filter((_, i) => mask & (1 << i));
      const sup = { supporterId: null, name: '近所 一郎', phone: '0242-00-0009', address: '会津若松市', chosenBy: 'user' as const };
      if (removed.includes('supporterName')) sup.name = '';
      if (removed.includes('supporterAddress')) sup.address = '';
      if (removed.includes('supporterPhone')) sup.phone = '';
      pl = { ...pl, primarySupporter: sup };
      for (const k of removed) if (!k.startsWith('supporter')) [p, pl] = removals[k](p, pl);
      expect(missingLegalItems(p, pl, supporters).map((i) => i.key)).toEqual(removed);
    }
  });

  it('without a plan, names the supporter, destination, route and consent items', () => {
    expect(labels(missingLegalItems(person(), undefined, supporters))).toEqual([
      '避難支援等実施者の氏名', '避難支援等実施者の住所', '避難支援等実施者の連絡先', '避難場所', '避難経路', '本人の同意',
    ]);
  });

  it('takes supporter details from the app, lets free text override, and notices a deleted supporter', () => {
    const pl = completePlan();
    expect(missingLegalItems(person(), pl, [supporter({ phone: '' })]).map((i) => i.key)).toEqual(['supporterPhone']);
    const overridden = { ...pl, primarySupporter: { ...pl.primarySupporter!, phone: '090-0000-0000' } };
    expect(missingLegalItems(person(), overridden, [supporter({ phone: '' })])).toEqual([]);
    expect(missingLegalItems(person(), pl, []).map((i) => i.key)).toEqual(['supporterName', 'supporterAddress', 'supporterPhone']);
  });

  it('counts a drawn route and a relative’s home as 避難経路 and 避難場所', () => {
    const drawn = completePlan({ destinations: { flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: [[139.93, 37.49], [139.94, 37.5]] } } });
    expect(missingLegalItems(person(), drawn, supporters)).toEqual([]);
    const relatives = completePlan({ destinations: {}, alternativeDestination: { kind: 'relatives', name: '長男宅', address: '郡山市', phone: '' } });
    expect(labels(missingLegalItems(person(), relatives, supporters))).toEqual(['避難経路']);
  });
});

describe('one completeness rule: a suggestion not yet accepted is not filled', () => {
  const suggested = applySuggestions(emptyPlan('p1', '2025-04-01'), { supporterIds: ['s1'], shelterByHazard: { flood: 'sh1', earthquake: 'sh2' } });

  it('counts a new plan the editor opens with suggestions exactly like no plan at all (the list)', () => {
    const inEditor = planCompleteness(person(), suggested, supporters);
    const inList = planCompleteness(person(), undefined, supporters);
    expect(completenessLabel(inEditor)).toBe('必須項目 6/12（未記入6）');
    expect(completenessLabel(inList)).toBe('必須項目 6/12（未記入6）');
    expect(completenessLabel(planCompleteness(person(), acceptSuggestions({ ...completePlan(), ...suggested, consent: completePlan().consent, destinations: { flood: completePlan().destinations.flood! } }), supporters))).toBe('必須項目 12/12（そろい）');
    expect(inEditor.missing).toEqual(inList.missing);
    // and says which missing items only wait for the suggestion to be accepted
    expect(inEditor.suggestedOnly).toEqual(['supporterName', 'supporterAddress', 'supporterPhone', 'destination']);
    expect(inList.suggestedOnly).toEqual([]);
  });

  it('counts suggested supporters and shelters once accepted, and a route the user wrote at once', () => {
    const withRoute = { ...suggested, destinations: { ...suggested.destinations, flood: { ...suggested.destinations.flood!, routeNote: '県道を北へ' } } };
    expect(missingLegalItems(person(), withRoute, supporters).map((i) => i.key)).toEqual(['supporterName', 'supporterAddress', 'supporterPhone', 'destination', 'consent']);
    expect(hasSuggestions(withRoute)).toBe(true);
    const accepted = acceptSuggestions(withRoute);
    expect(hasSuggestions(accepted)).toBe(false);
    expect(missingLegalItems(person(), accepted, supporters).map((i) => i.key)).toEqual(['consent']);
    expect(accepted.destinations.flood).toMatchObject({ shelterId: 'sh1', chosenBy: 'user', routeNote: '県道を北へ' });
    // an accepted entry is never replaced by a later suggestion
    expect(applySuggestions(accepted, { supporterIds: ['s9'], shelterByHazard: { flood: 'sh7' } })).toMatchObject({ primarySupporter: { supporterId: 's1' }, destinations: { flood: { shelterId: 'sh1' } } });
  });
});

describe('editing a 本人確認済 plan', () => {
  const confirmed = confirmPlan(completePlan(), '2025-04-01');

  it('goes back to 作成中 on the first change of content, with the 本人確認日 cleared and the review date kept', () => {
    const edited = statusAfterEdit(confirmed, { ...confirmed, supporterNotes: '鍵は隣家が預かっている' });
    expect(edited).toMatchObject({ status: 'in_progress', confirmedOn: null, reviewDue: confirmed.reviewDue, supporterNotes: '鍵は隣家が預かっている' });
    expect(RECONFIRM_NOTE).toBe('内容を変えたので本人確認をやり直してください');
    for (const change of [
      { emergencyContacts: [{ name: '会津 一郎', relation: '長男', phone: '090-1111-2222' }] },
      { destinations: { flood: { ...confirmed.destinations.flood!, shelterId: 'sh2' } } },
      { medical: { ...confirmed.medical, batteryHours: 6 } },
    ]) expect(statusAfterEdit(confirmed, { ...confirmed, ...change }).status).toBe('in_progress');
  });

  it('stays 本人確認済 for changes that are not content: review date, accepting a suggestion, key order', () => {
    expect(statusAfterEdit(confirmed, { ...confirmed, reviewDue: '2025-10-01' })).toMatchObject({ status: 'confirmed', confirmedOn: '2025-04-01' });
    const withSuggestion = { ...confirmed, primarySupporter: { ...confirmed.primarySupporter!, chosenBy: 'suggestion' as const } };
    expect(statusAfterEdit(withSuggestion, acceptSuggestions(withSuggestion)).status).toBe('confirmed');
    const reordered = Object.fromEntries(Object.entries(confirmed).reverse()) as unknown as Plan;
    expect(statusAfterEdit(confirmed, { ...reordered, medical: { ...confirmed.medical } }).status).toBe('confirmed');
  });

  it('leaves plans that were not 本人確認済 alone', () => {
    const draft = completePlan();
    expect(statusAfterEdit(draft, { ...draft, whatToBring: '眼鏡' }).status).toBe('in_progress');
    const review = { ...confirmed, status: 'needs_review' as const };
    expect(statusAfterEdit(review, { ...review, whatToBring: '眼鏡' }).status).toBe('needs_review');
  });
});

describe('plan consent and confirmation', () => {
  it('refuses 本人確認済 without plan consent, with a Japanese message', () => {
    for (const status of ['pending', 'refused'] as const) {
      const pl = confirmPlan(completePlan({ consent: { status, date: status === 'pending' ? null : '2024-05-01', method: 'verbal', recipients: [] } }), '2024-05-01');
      const errors = validatePlan(pl);
      expect(errors.map((e) => e.field)).toEqual(['status']);
      expect(errors[0].message).toContain('同意');
      expect(errors[0].message).toContain('本人確認済');
    }
    expect(validatePlan(confirmPlan(completePlan(), '2024-05-01'))).toEqual([]);
  });

  it('refuses plan consent marked given without a date', () => {
    const errors = validatePlan(completePlan({ consent: { status: 'given', date: null, method: 'signature', recipients: [] } }));
    expect(errors.map((e) => e.field)).toEqual(['consent.date']);
    expect(errors[0].message).toContain('同意日');
  });

  it('confirming sets the review date one year later', () => {
    const pl = confirmPlan(completePlan(), '2024-05-01');
    expect(pl).toMatchObject({ status: 'confirmed', confirmedOn: '2024-05-01', reviewDue: '2025-05-01' });
    expect(defaultReviewDue('2024-02-29')).toBe('2025-02-28');
  });

  it('shows a confirmed plan past its review date as 要見直し', () => {
    const pl = confirmPlan(completePlan(), '2024-05-01');
    expect(planIsOverdue(pl, '2025-05-01')).toBe(false);
    expect(effectivePlanStatus(pl, '2025-05-01')).toBe('confirmed');
    expect(planIsOverdue(pl, '2025-05-02')).toBe(true);
    expect(effectivePlanStatus(pl, '2025-05-02')).toBe('needs_review');
    expect(effectivePlanStatus(undefined, '2025-05-02')).toBe('not_started');
    expect(effectivePlanStatus({ ...pl, status: 'in_progress' }, '2030-01-01')).toBe('in_progress');
  });
});

describe('emptyPlan', () => {
  it('starts 未着手, leaves at 警戒レベル3 on foot, with consent pending and valid', () => {
    const pl = emptyPlan('p9', '2024-04-01');
    expect(pl).toMatchObject({ personId: 'p9', status: 'not_started', leaveWhen: DEFAULT_LEAVE_WHEN, transport: 'walk', version: 0 });
    expect(DEFAULT_LEAVE_WHEN).toBe('警戒レベル3 高齢者等避難');
    expect(pl.consent.status).toBe('pending');
    expect(validatePlan(pl)).toEqual([]);
  });

  it('reports field errors in Japanese for bad contacts, routes and floors', () => {
    const pl = completePlan({
      emergencyContacts: [{ name: '', relation: '長男', phone: 'abc' }],
      dwelling: { floor: 1.5, bedroom: '', daytimeLocation: '' },
      destinations: { flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: [[139.9, 37.4]] } },
    });
    const errors = validatePlan(pl);
    expect(errors.map((e) => e.field).sort()).toEqual(['destinations.flood.routeLine', 'dwelling.floor', 'emergencyContacts.0.name', 'emergencyContacts.0.phone']);
    for (const e of errors) expect(e.message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

describe('engine suggestions in the plan', () => {
  it('fills supporters and destinations but never replaces what the user chose', () => {
    const base = emptyPlan('p1', '2025-04-01');
    const first = applySuggestions(base, { supporterIds: ['s1', 's2'], shelterByHazard: { flood: 'sh1', earthquake: 'sh2' } });
    expect(first.primarySupporter).toMatchObject({ supporterId: 's1', chosenBy: 'suggestion' });
    expect(first.backupSupporters.map((s) => s.supporterId)).toEqual(['s2']);
    expect(first.destinations.flood).toMatchObject({ shelterId: 'sh1', chosenBy: 'suggestion' });

    // the user overrides the primary supporter and the flood shelter; the engine reruns
    const edited = {
      ...first,
      primarySupporter: { supporterId: null, name: '長男 一郎', phone: '090-0000-0001', address: '郡山市', chosenBy: 'user' as const },
      destinations: { ...first.destinations, flood: { shelterId: 'sh9', chosenBy: 'user' as const, routeNote: '車で', routeLine: null } },
    };
    const rerun = applySuggestions(edited, { supporterIds: ['s3'], shelterByHazard: { flood: 'sh5', earthquake: 'sh6' } });
    expect(rerun.primarySupporter?.name).toBe('長男 一郎');
    expect(rerun.backupSupporters.map((s) => s.supporterId)).toEqual(['s3']);
    expect(rerun.destinations.flood).toMatchObject({ shelterId: 'sh9', routeNote: '車で' });
    expect(rerun.destinations.earthquake?.shelterId).toBe('sh6');
    expect(validatePlan(rerun)).toEqual([]);
  });
});
