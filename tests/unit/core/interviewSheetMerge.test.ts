import { describe, expect, it } from 'vitest';
import { validatePlan, type Plan } from '../../../src/core/plan';
import { answersFromPlan, applyInterviewAnswers, mergeInterviewAnswers, resolveInterviewConflict, sheetHazards, type InterviewAnswers } from '../../../src/core/interviewSheet';
import { completePlan, supporter } from '../plan/fixtures';

/** Two screens typing the same 聞き取り票: 保存 writes only what this form changed, onto the plan as it is now. */

const hazards = sheetHazards(null, null);
const supportersById = new Map([['s1', supporter()]]);
const visit = '2026-11-29';
const merge = (plan: Plan, start: InterviewAnswers, current: InterviewAnswers) => mergeInterviewAnswers(plan, start, current, hazards, visit, supportersById);
const answersOf = (plan: Plan) => answersFromPlan(plan, hazards, supportersById);
/** The plan as saved by another screen that typed `changes` into its own form. */
const savedElsewhere = (plan: Plan, changes: InterviewAnswers): Plan => ({ ...applyInterviewAnswers(plan, { ...answersOf(plan), ...changes }, hazards, visit, supportersById), version: plan.version + 1 });

describe('mergeInterviewAnswers', () => {
  const opened = completePlan({ version: 3, dwelling: { floor: 1, bedroom: '', daytimeLocation: '' } });
  const start = answersOf(opened);

  it('keeps what another screen saved since the form opened and adds only this form’s changes (A: 寝室, B: 日中)', () => {
    const now = savedElsewhere(opened, { bedroom: '1階 奥の和室' }); // tab A saved 2-2
    const mine = { ...start, daytimeLocation: 'デイサービス（火・金）' }; // tab B typed 2-3 only
    const r = merge(now, start, mine);
    expect(r.conflicts).toEqual([]);
    expect(r.written).toEqual(['daytimeLocation']);
    expect(r.plan.dwelling).toEqual({ floor: 1, bedroom: '1階 奥の和室', daytimeLocation: 'デイサービス（火・金）' });
    expect(validatePlan(r.plan)).toEqual([]);
    // The old way (every answer written back) loses A's 寝室: the reason for this function.
    expect(applyInterviewAnswers(now, mine, hazards, visit, supportersById).dwelling.bedroom).toBe('');
  });

  it('writes nothing when nothing was changed in the form, whatever was saved elsewhere', () => {
    const now = savedElsewhere(opened, { bedroom: '2階', 'consent.recipients': ['minsei'], whatToBring: '薬' });
    const r = merge(now, start, start);
    expect(r).toMatchObject({ written: [], conflicts: [] });
    expect(r.plan.dwelling.bedroom).toBe('2階');
    expect(r.plan.whatToBring).toBe('薬');
    expect(r.plan.consent.recipients).toEqual(['minsei']);
  });

  it('an item changed here and elsewhere to another value is a conflict: the stored value stays until chosen', () => {
    const now = savedElsewhere(opened, { bedroom: '1階 奥の和室', floor: 2 });
    const mine = { ...start, bedroom: '2階 北側', floor: 2, mustBring: '薬' };
    const r = merge(now, start, mine);
    // 2-1 was changed to the same value on both: no conflict. 2-2 differs: a conflict. 4-6 only here: written.
    expect(r.conflicts).toEqual([{ keys: ['bedroom'] }]);
    expect(r.written).toEqual(['floor', 'mustBring']);
    expect(r.plan.dwelling.bedroom).toBe('1階 奥の和室');
    expect(r.plan.medical.mustBring).toBe('薬');
    expect(r.stored.bedroom).toBe('1階 奥の和室');

    // 「この票の値」: this form's value is written over the other screen's.
    const sheet = resolveInterviewConflict(start, mine, r.stored, r.conflicts[0], 'sheet');
    expect(sheet.current.bedroom).toBe('2階 北側');
    const afterSheet = merge(now, sheet.start, sheet.current);
    expect(afterSheet.conflicts).toEqual([]);
    expect(afterSheet.plan.dwelling).toEqual({ floor: 2, bedroom: '2階 北側', daytimeLocation: '' });

    // 「別の画面で保存された値」: the stored value stays, and the form shows it.
    const stored = resolveInterviewConflict(start, mine, r.stored, r.conflicts[0], 'stored');
    expect(stored.current.bedroom).toBe('1階 奥の和室');
    const afterStored = merge(now, stored.start, stored.current);
    expect(afterStored.conflicts).toEqual([]);
    expect(afterStored.written).toEqual(['floor', 'mustBring']);
    expect(afterStored.plan.dwelling.bedroom).toBe('1階 奥の和室');

    // Chosen, then changed again elsewhere: a new conflict, not a silent overwrite.
    const later = savedElsewhere(now, { bedroom: '居間' });
    expect(merge(later, sheet.start, sheet.current).conflicts).toEqual([{ keys: ['bedroom'] }]);
  });

  it('6-1 and 6-2 are one answer: a choice here against 「その他」 written elsewhere is one conflict; chosen, it wins whole', () => {
    const now = savedElsewhere(opened, { leaveWhen: null, leaveWhenOther: '雨が強くなったら' });
    const mine = { ...start, leaveWhen: '警戒レベル4 避難指示', leaveWhenOther: '' };
    const r = merge(now, start, mine);
    expect(r.conflicts).toEqual([{ keys: ['leaveWhen', 'leaveWhenOther'] }]);
    expect(r.plan.leaveWhen).toBe('雨が強くなったら');
    const chosen = resolveInterviewConflict(start, mine, r.stored, r.conflicts[0], 'sheet');
    expect(merge(now, chosen.start, chosen.current).plan.leaveWhen).toBe('警戒レベル4 避難指示');
  });

  it('lists compare as sets; a ticked 同意書 and 確認した are written onto the newer plan', () => {
    const now = savedElsewhere(opened, { mobilityAids: ['cane'] });
    const mine = { ...start, 'consent.agreed': 'given', 'consent.recipients': ['minsei', 'jishubo'], 'consent.signedBy': 'self', confirmed: true };
    const r = merge(now, start, mine);
    expect(r.conflicts).toEqual([]);
    expect(r.plan.mobilityAids).toEqual(['cane']);
    expect([r.plan.status, r.plan.confirmedOn]).toEqual(['confirmed', visit]);
    expect(r.plan.consent).toMatchObject({ status: 'given', method: 'signature', recipients: ['jishubo', 'minsei'] });
  });

  it('a plan not saved yet (version 0) reads as blank, as the form started', () => {
    const fresh = completePlan({ version: 0 });
    const blank = answersFromPlan(null, hazards, supportersById);
    const r = merge(fresh, blank, { ...blank, bedroom: '寝室' });
    expect(r).toMatchObject({ written: ['bedroom'], conflicts: [] });
    expect(r.plan.dwelling.bedroom).toBe('寝室');
  });
});
