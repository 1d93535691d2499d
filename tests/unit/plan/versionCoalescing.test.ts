import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { confirmPlan, emptyPlan, type Plan } from '../../../src/core/plan';
import { PlanConflict, planHistory, restorePlanVersion, savePlan } from '../../../src/db/plans';
import type { HinanDatabase } from '../../../src/db/schema';
import { openDemoDb, readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const demoDb = openDemoDb;

const person = demo.people.find((p) => p.consent.status === 'given')!;
const planConsent = { status: 'given' as const, date: '2025-04-01', method: 'signature' as const, recipients: ['jishubo' as const] };

/** A clock the test moves by hand: minutes after 2025-04-01 10:00 JST. */
function handClock() {
  let minutes = 0;
  return { now: () => new Date(Date.UTC(2025, 3, 1, 1, 0) + minutes * 60_000), wait: (m: number) => (minutes += m) };
}

/** Types one field after another, an autosave per field a minute apart, like an afternoon in the editor. */
async function typeFields(db: HinanDatabase, start: Plan, fields: string[], clock: ReturnType<typeof handClock>, session: string): Promise<Plan> {
  let plan = start;
  for (const text of fields) {
    clock.wait(1);
    plan = await savePlan(db, { ...plan, status: plan.status === 'not_started' ? 'in_progress' : plan.status, supporterNotes: `${plan.supporterNotes}${text}` }, { now: clock.now, autosave: { session } });
  }
  return plan;
}

describe('history: one version per sitting', () => {
  it('coalesces the autosaves of one editing session (gaps under 10 minutes) into one version holding the last content', async () => {
    const db = await demoDb();
    const clock = handClock();
    const fields = Array.from({ length: 34 }, (_, i) => `項目${i + 1}。`);
    const last = await typeFields(db, emptyPlan(person.id, '2025-04-01'), fields, clock, 'sitting-1');
    expect(last.version).toBe(34); // compare-and-set still counts every save
    const history = await planHistory(db, last.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'autosave', version: 34, saves: 34, startedAt: '2025-04-01T01:01:00.000Z', savedAt: '2025-04-01T01:34:00.000Z' });
    expect(history[0].plan.supporterNotes).toBe(fields.join(''));
  });

  it('starts a new version after a 10-minute pause, for another session, after an explicit save and on a status change', async () => {
    const db = await demoDb();
    const clock = handClock();
    let plan = await typeFields(db, emptyPlan(person.id, '2025-04-01'), ['a', 'b'], clock, 's1');
    clock.wait(8); // 9 minutes since the last save: still the same sitting
    plan = await typeFields(db, plan, ['c'], clock, 's1');
    expect(await planHistory(db, plan.id)).toHaveLength(1);
    clock.wait(10); // 11 minutes since the last save: a new sitting
    plan = await typeFields(db, plan, ['d', 'e'], clock, 's1');
    expect((await planHistory(db, plan.id)).map((v) => v.plan.supporterNotes)).toEqual(['abcde', 'abc']);

    plan = await typeFields(db, plan, ['f'], clock, 's2'); // another tab or visit
    clock.wait(1);
    plan = await savePlan(db, { ...plan, whatToBring: '眼鏡' }, { now: clock.now }); // explicit save
    plan = await typeFields(db, plan, ['g'], clock, 's2'); // typing after it is a version of its own
    plan = await typeFields(db, { ...plan, consent: planConsent }, ['h'], clock, 's2');
    clock.wait(1);
    plan = await savePlan(db, confirmPlan(plan, '2025-04-01'), { now: clock.now, autosave: { session: 's2' } }); // status change
    plan = await typeFields(db, plan, ['i'], clock, 's2');
    const history = await planHistory(db, plan.id);
    expect(history.map((v) => [v.kind, v.plan.status, v.plan.supporterNotes])).toEqual([
      ['autosave', 'confirmed', 'abcdefghi'],
      ['save', 'confirmed', 'abcdefgh'],
      ['autosave', 'in_progress', 'abcdefgh'],
      ['save', 'in_progress', 'abcdef'],
      ['autosave', 'in_progress', 'abcdef'],
      ['autosave', 'in_progress', 'abcde'],
      ['autosave', 'in_progress', 'abc'],
    ]);
    expect(history.map((v) => v.version)).toEqual([11, 10, 9, 7, 6, 5, 3]);
  });

  it('keeps compare-and-set: an autosave from an old copy is refused and coalesces nothing', async () => {
    const db = await demoDb();
    const clock = handClock();
    const mine = await typeFields(db, emptyPlan(person.id, '2025-04-01'), ['a', 'b'], clock, 'tab-a');
    clock.wait(1);
    await savePlan(db, { ...mine, whatToBring: '別のタブ' }, { now: clock.now, autosave: { session: 'tab-b' } });
    clock.wait(1);
    const err = await savePlan(db, { ...mine, supporterNotes: 'abc' }, { now: clock.now, autosave: { session: 'tab-a' } }).catch((e) => e);
    expect(err).toBeInstanceOf(PlanConflict);
    const history = await planHistory(db, mine.id);
    expect(history.map((v) => [v.version, v.plan.supporterNotes, v.plan.whatToBring])).toEqual([
      [3, 'ab', '別のタブ'],
      [2, 'ab', ''],
    ]);
  });

  it('a restore is a version of its own, and typing after it starts a new one', async () => {
    const db = await demoDb();
    const clock = handClock();
    let plan = await typeFields(db, emptyPlan(person.id, '2025-04-01'), ['a'], clock, 's1');
    clock.wait(11);
    plan = await typeFields(db, plan, ['b', 'c'], clock, 's1');
    const [, first] = await planHistory(db, plan.id);
    plan = await restorePlanVersion(db, plan.id, first.seq!, { now: clock.now });
    plan = await typeFields(db, plan, ['x'], clock, 's1');
    expect((await planHistory(db, plan.id)).map((v) => [v.kind, v.plan.supporterNotes])).toEqual([
      ['autosave', 'ax'],
      ['restore', 'a'],
      ['autosave', 'abc'],
      ['autosave', 'a'],
    ]);
  });
});
