import { describe, expect, it } from 'vitest';
import type { DrillRecord } from '../../../src/core/drill';
import { DRILL_DONE_STATUSES, drillProgress, type DrillStatus } from '../../../src/core/drillProgress';
import { randInt, seededRandom } from '../engine/random';

const START = '2026-11-01T09:00:00.000Z';
const atMin = (m: number) => new Date(Date.parse(START) + m * 60_000).toISOString();
const rec = (personId: string, m: number, status: DrillStatus): DrillRecord => ({ personId, at: atMin(m), status, note: '' });

describe('drill progress', () => {
  it('counts a 安否確認 person at their first 無事 or 要支援, and keeps the latest status', () => {
    const p = drillProgress(
      { kind: 'safety_check', startedAt: START, records: [rec('a', 3, 'not_reached'), rec('a', 7, 'safe'), rec('b', 2, 'needs_help'), rec('b', 9, 'safe'), rec('x', 1, 'safe')] },
      ['a', 'b', 'c'],
    );
    expect(p.targets).toBe(3);
    expect(p.confirmed).toBe(2);
    expect(p.people.map((x) => [x.personId, x.latest, x.confirmedAfterMin, x.checks])).toEqual([['a', 'safe', 7, 2], ['b', 'safe', 2, 2], ['c', null, null, 0]]);
    expect(p.byLatest).toEqual({ safe: 2, needs_help: 0, not_reached: 0, arrived: 0, unchecked: 1 });
    expect(p.minutesTo).toEqual({ half: 7, ninety: null, all: null }); // 2 of 3 by minute 7; the record of x (not a target) is ignored
    expect(p.notConfirmed).toEqual(['c']);
    expect(p.needsHelp).toEqual([]);
  });

  it('in 避難誘導 only 到着 confirms; 要支援 is listed', () => {
    const p = drillProgress({ kind: 'evacuation_guidance', startedAt: START, records: [rec('a', 4, 'needs_help'), rec('b', 12, 'arrived')] }, ['a', 'b']);
    expect(p.confirmed).toBe(1);
    expect(p.needsHelp).toEqual(['a']);
    expect(p.minutesTo).toEqual({ half: 12, ninety: null, all: null });
  });

  it('counts a person listed twice once', () => {
    const p = drillProgress({ kind: 'safety_check', startedAt: START, records: [rec('a', 1, 'safe')] }, ['a', 'b', 'a']);
    expect([p.targets, p.confirmed, p.people.map((x) => x.personId), p.notConfirmed]).toEqual([2, 1, ['a', 'b'], ['b']]);
  });

  it('matches a brute-force count on random drills', () => {
    const rand = seededRandom(42);
    const statuses: DrillStatus[] = ['safe', 'needs_help', 'not_reached', 'arrived'];
    for (let trial = 0; trial < 200; trial++) {
      const kind = rand() < 0.5 ? 'safety_check' : 'evacuation_guidance';
      const ids = Array.from({ length: randInt(rand, 12) }, (_, i) => `p${i}`);
      const records = Array.from({ length: randInt(rand, 30) }, () => rec(`p${randInt(rand, 14)}`, randInt(rand, 90), statuses[randInt(rand, 4)]));
      const p = drillProgress({ kind, startedAt: START, records }, ids);
      // Brute force: the first minute t at which at least k targets had a confirming record at or before t.
      const confirmedBy = (t: number) => ids.filter((id) => records.some((r) => r.personId === id && DRILL_DONE_STATUSES[kind].includes(r.status) && Date.parse(r.at) <= Date.parse(atMin(t)))).length;
      const firstMinute = (k: number) => {
        if (ids.length === 0) return null;
        for (let t = 0; t < 90; t++) if (confirmedBy(t) >= k) return t;
        return null;
      };
      expect(p.confirmed).toBe(confirmedBy(90));
      expect(p.minutesTo.half).toBe(firstMinute(Math.ceil(ids.length * 0.5)));
      expect(p.minutesTo.ninety).toBe(firstMinute(Math.ceil(ids.length * 0.9)));
      expect(p.minutesTo.all).toBe(firstMinute(ids.length));
      expect(Object.values(p.byLatest).reduce((a, b) => a + b, 0)).toBe(ids.length);
    }
  });
});
