import { describe, expect, it } from 'vitest';
import { emergencySummary, PLAN_FAILURE_LABELS, planFailureNote, type SummaryPerson } from '../../../src/core/emergencySummary';
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
    expect(s.failures).toEqual([
      { personId: 'P1', reasons: ['shelter_closed'] },
      { personId: 'P2', reasons: ['supporter_absent'] },
      { personId: 'P3', reasons: ['too_slow'] },
      { personId: 'P4', reasons: ['shelter_full', 'supporter_absent', 'never_reached'] },
    ]);
    expect(emergencySummary(event, people, records, { allowanceMinutes: 31 }).failures.map((f) => f.personId)).not.toContain('P3');
  });

  it('words the reasons for the plan’s 要見直し', () => {
    expect(planFailureNote(EVENT.name, ['shelter_full', 'supporter_absent'])).toBe(`災害時モード（${EVENT.name}）: ${PLAN_FAILURE_LABELS.shelter_full}、${PLAN_FAILURE_LABELS.supporter_absent}`);
  });
});
