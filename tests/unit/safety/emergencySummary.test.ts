import { describe, expect, it } from 'vitest';
import { emergencySummary, PLAN_FAILURE_LABELS, planFailureNote, planFailureTexts, wholeMinutesLabel, type SummaryPerson } from '../../../src/core/emergencySummary';
import { EVENT, START, rec } from './safetyFixtures';

const event = { startedAt: START, closedShelterIds: ['S-closed'], fullShelterIds: ['S-full'], absentSupporterIds: ['sup-away'] };
const plan = (o: Partial<NonNullable<SummaryPerson['plan']>> = {}) => ({ shelterIds: ['S-ok'], supporterIds: ['sup-ok'], walkMinutes: 20, ...o });
const people: SummaryPerson[] = [
  { id: 'P1', districtId: 'd1', plan: plan({ shelterIds: ['S-closed', 'W-ok'] }) },
  { id: 'P2', districtId: 'd1', plan: plan({ supporterIds: ['sup-ok', 'sup-away'] }) },
  { id: 'P3', districtId: 'd2', plan: plan({ walkMinutes: 10 }) },
  { id: 'P4', districtId: 'd2', plan: plan({ shelterIds: ['S-full'], supporterIds: ['sup-away'] }) },
  { id: 'P5', districtId: null, plan: null },
  { id: 'P6', districtId: 'd1', plan: plan() },
];
const records = [
  rec('P1', 'evacuated', 25, { shelterId: 'W-ok' }),
  rec('P2', 'safe', 10),
  rec('P3', 'evacuated', 41), // walk 10 + 30 allowed: 41 is too slow
  rec('P4', 'not_reached', 15),
  rec('P5', 'not_reached', 20),
  rec('P6', 'evacuated', 50),
  rec('P6', 'needs_help', 400, { recorder: 'XY9Z' }), // the latest: 要支援 (arrived at 50 = walk 20 + 30: not too slow)
  { ...rec('P5', 'safe', 30), flag: 'future' as const }, // flagged: left out
];

describe('emergencySummary', () => {
  const s = emergencySummary(event, [...people, people[0]], records);

  it('counts by state and district, with the minutes to half / 90 % / all', () => {
    expect(s.targets).toBe(6);
    expect(s.confirmed).toBe(4);
    expect(s.byState).toEqual({ unchecked: 0, safe: 1, needs_help: 1, not_reached: 2, evacuated: 2, absent: 0 });
    expect(s.byDistrict).toEqual([
      { districtId: 'd1', targets: 3, confirmed: 3, byState: { unchecked: 0, safe: 1, needs_help: 1, not_reached: 0, evacuated: 1, absent: 0 } },
      { districtId: 'd2', targets: 2, confirmed: 1, byState: { unchecked: 0, safe: 0, needs_help: 0, not_reached: 1, evacuated: 1, absent: 0 } },
      { districtId: null, targets: 1, confirmed: 0, byState: { unchecked: 0, safe: 0, needs_help: 0, not_reached: 1, evacuated: 0, absent: 0 } },
    ]);
    // confirmed at 10 (P2), 25 (P1), 41 (P3), 50 (P6) of 6
    expect(s.minutesTo).toEqual({ half: 41, ninety: null, all: null });
    expect(s.neverReached).toEqual(['P4', 'P5']);
  });

  it('lists the plans that failed and why', () => {
    const none = { closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] };
    expect(s.failures).toEqual([
      { personId: 'P1', reasons: ['shelter_closed'], ...none, closedShelterIds: ['S-closed'] },
      { personId: 'P2', reasons: ['supporter_absent'], ...none, absentSupporterIds: ['sup-away'] },
      { personId: 'P3', reasons: ['too_slow'], ...none },
      { personId: 'P4', reasons: ['shelter_full', 'supporter_absent', 'never_reached'], ...none, fullShelterIds: ['S-full'], absentSupporterIds: ['sup-away'] },
    ]);
    expect(emergencySummary(event, people, records, { allowanceMinutes: 31 }).failures.map((f) => f.personId)).not.toContain('P3');
  });

  it('words the reasons for the plan’s 要見直し, naming the shelters and supporters', () => {
    const names = {
      shelter: (id: string) => ({ 'S-closed': '北斗高等学校', 'S-full': '鶴城小学校', 'W-ok': '福祉センター' })[id] ?? null,
      supporter: (id: string) => ({ 'sup-away': '佐藤 一郎', 'sup-ok': '鈴木 次郎' })[id] ?? null,
    };
    const p4 = s.failures.find((f) => f.personId === 'P4')!;
    expect(planFailureNote(EVENT.name, p4, names)).toBe(`災害時モード（${EVENT.name}）: 計画の避難先（鶴城小学校）が満員だった、計画の支援者（佐藤 一郎）が不在だった、${PLAN_FAILURE_LABELS.never_reached}`);
    expect(planFailureTexts(s.failures[0], names)).toEqual(['計画の避難先（北斗高等学校）が開設されなかった']);
    // Several, each name once; ids without a name are left out; nothing known: the plain label.
    const many = { reasons: ['shelter_closed', 'supporter_absent'] as const, closedShelterIds: ['S-closed', 'S-full', 'S-gone'], absentSupporterIds: ['sup-away', 'sup-ok', 'sup-away'] };
    expect(planFailureTexts(many, names)).toEqual(['計画の避難先（北斗高等学校、鶴城小学校）が開設されなかった', '計画の支援者（佐藤 一郎、鈴木 次郎）が不在だった']);
    expect(planFailureNote(EVENT.name, { reasons: ['shelter_full', 'supporter_absent'] }, names)).toBe(`災害時モード（${EVENT.name}）: ${PLAN_FAILURE_LABELS.shelter_full}、${PLAN_FAILURE_LABELS.supporter_absent}`);
  });
});

describe('emergencySummary: confirmed at the end, never reached, to follow up', () => {
  const plain: SummaryPerson[] = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5'].map((id) => ({ id, districtId: 'd1', plan: null }));

  it('counts as confirmed only people whose latest status is confirmed, and lists those last 連絡つかず / 要支援 apart from the never reached', () => {
    const r = emergencySummary(event, plain, [
      rec('Q1', 'safe', 10),
      rec('Q1', 'not_reached', 60), // 無事, then lost: to follow up
      rec('Q2', 'safe', 20),
      rec('Q2', 'not_reached', 70),
      rec('Q3', 'needs_help', 30), // 要支援 at the end: confirmed, to follow up
      rec('Q4', 'evacuated', 40),
      rec('Q5', 'safe', 50),
    ]);
    expect(r.byState.not_reached).toBe(2);
    expect(r.confirmed).toBe(3);
    expect(r.byDistrict[0].confirmed).toBe(3);
    expect(r.neverReached).toEqual([]);
    expect(r.followUp).toEqual([
      { personId: 'Q1', state: 'not_reached' },
      { personId: 'Q2', state: 'not_reached' },
      { personId: 'Q3', state: 'needs_help' },
    ]);
    // The minutes: the first time that many had been confirmed.
    expect(r.minutesTo).toEqual({ half: 30, ninety: 50, all: 50 });
  });

  it('keeps the never reached (only 連絡つかず, or nothing) out of the follow-up list', () => {
    const r = emergencySummary(event, plain, [rec('Q1', 'not_reached', 10), rec('Q2', 'safe', 20), rec('Q3', 'absent', 30), rec('Q4', 'safe', 40)]);
    expect(r.neverReached).toEqual(['Q1', 'Q5']);
    expect(r.followUp).toEqual([]);
    expect(r.confirmed).toBe(3);
  });
});

describe('wholeMinutesLabel', () => {
  it('shows whole minutes, like the board', () => {
    expect(wholeMinutesLabel(1.468)).toBe('1分');
    expect(wholeMinutesLabel(5.235)).toBe('5分');
    expect(wholeMinutesLabel(0)).toBe('0分');
    expect(wholeMinutesLabel(29.5)).toBe('30分');
    expect(wholeMinutesLabel(12345.4)).toBe('12,345分');
  });
});
