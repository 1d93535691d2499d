import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import { confirmPlan, DEFAULT_LEAVE_WHEN, defaultReviewDue, emptyPlan, validatePlan, type Plan } from '../../../src/core/plan';
import {
  effectivePlanStatus, LEGAL_PLAN_ITEMS, missingLegalItems, planCompleteness, planIsOverdue, type LegalPlanItemKey,
} from '../../../src/core/planCompleteness';
import { applySuggestions } from '../../../src/core/planSuggestions';
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
