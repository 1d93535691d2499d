/**
 * After a 災害時モード event (db/emergencyReview.ts): whom the event covered (read straight from the
 * demo store: given, pending and refused people of its district, nobody who left the 名簿), and
 * 「計画を要見直しにする」 — each failed plan saved as a new version with status 要見直し and the reason,
 * once; and the banner's count of revealed people (db/revealedCount.ts). fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { emptyPlan } from '../../../src/core/plan';
import { planFailureNote } from '../../../src/core/emergencySummary';
import { safetyRecordId, type SafetyRecord } from '../../../src/core/safetyRecord';
import { eventTicketOf } from '../../../src/core/emergency';
import { endEmergency, joinEmergency, startEmergency } from '../../../src/db/emergencies';
import { eventReviewInput, markFailedPlansForReview, switchedOnHere } from '../../../src/db/emergencyReview';
import { setOperator } from '../../../src/db/operator';
import { planHistory, savePlan } from '../../../src/db/plans';
import { revealedCount } from '../../../src/db/revealedCount';
import type { HinanDatabase } from '../../../src/db/schema';
import { openDemoDb } from './demoStore';

const T0 = new Date('2027-09-01T12:00:00.000Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function demoWithOperator(): Promise<HinanDatabase> {
  const db = await openDemoDb();
  await setOperator(db, '山田 花子');
  return db;
}

const byStatus = async (db: HinanDatabase, district: string, status: string) =>
  (await db.people.where('districtId').equals(district).toArray()).filter((p) => !p.archived && p.consent.status === status).map((p) => p.id);

function record(eventId: string, personId: string, minutes: number, status: SafetyRecord['status'] = 'safe'): SafetyRecord {
  const r = { eventId, recorder: 'AB3C', personId, at: later(minutes).toISOString(), status };
  return { ...r, id: safetyRecordId(r), shelterId: null, note: '', receivedAt: null, flag: null };
}

describe('whom an event covered', () => {
  it('is every person of its district on the 名簿 — given, pending and refused — named only when consented; after the event too', async () => {
    const db = await demoWithOperator();
    const given = await byStatus(db, 'demo-d1', 'given');
    const pending = await byStatus(db, 'demo-d1', 'pending');
    const refused = await byStatus(db, 'demo-d1', 'refused');
    expect(pending.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    // One refused person left the 名簿: never covered.
    await db.people.update(refused[0], { archived: { updateId: 'u1', at: '2027-04-01T01:00:00.000Z', on: '2027-04-01', reason: 'moved_out', fileName: '名簿2027.csv' } });
    const e = await startEmergency(db, { name: '令和9年 台風10号 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: true, authorised: true }, T0);
    await db.safetyRecords.bulkPut([record(e.id, given[0], 10), record(e.id, pending[0], 20)]);
    await endEmergency(db, e.id, later(60));

    const input = await eventReviewInput(db, e);
    expect(input.targets.map((t) => t.id)).toEqual([...given, ...pending, ...refused.slice(1)].sort());
    for (const t of input.targets) {
      expect(t.person === null).toBe(!given.includes(t.id));
      expect(t.revealed).toBe(!given.includes(t.id));
    }
    expect(input.records.map((r) => r.personId).sort()).toEqual([given[0], pending[0]].sort());
    expect(input.plans.size).toBe(0);
  });

  it('leaves refused people out when the event excluded them', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, { name: '大雨', alertLevel: 3, hazard: 'flood', districtIds: ['demo-d2'], includeRefused: false, authorised: true }, T0);
    const input = await eventReviewInput(db, e);
    const expected = [...(await byStatus(db, 'demo-d2', 'given')), ...(await byStatus(db, 'demo-d2', 'pending'))].sort();
    expect(input.targets.map((t) => t.id)).toEqual(expected);
  });
});

describe('who switched the mode on here', () => {
  it('is the starter on the device that began the event, and the one who joined on a device that joined it', async () => {
    const here = await demoWithOperator();
    const e = await startEmergency(here, { name: '大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: true, authorised: true }, T0);
    await endEmergency(here, e.id, later(60));
    expect(await switchedOnHere(here, e)).toEqual({ how: 'started', by: '山田 花子', at: T0.toISOString() });
    expect((await eventReviewInput(here, e)).switchedOn).toMatchObject({ how: 'started', by: '山田 花子' });

    const there = await openDemoDb();
    await setOperator(there, '山本 花子');
    const joined = await joinEmergency(there, eventTicketOf(e), true, later(10));
    expect(joined.startedBy).toBe('山本 花子'); // who switched it on on that device, not who began it
    await endEmergency(there, e.id, later(50));
    // Joined again after it ended there: still the first time counts.
    await joinEmergency(there, eventTicketOf(e), true, later(55));
    await endEmergency(there, e.id, later(58));
    const input = await eventReviewInput(there, joined);
    expect(input.switchedOn).toEqual({ how: 'joined', by: '山本 花子', at: later(10).toISOString() });

    // No entry for the event on this device (e.g. a store restored without it): unknown.
    await there.disclosures.clear();
    expect(await switchedOnHere(there, joined)).toBeNull();
  });
});

describe('the banner’s count', () => {
  it('counts the people the active event reveals in all its districts, and 0 once it ended', async () => {
    const db = await demoWithOperator();
    expect(await revealedCount(db, T0)).toBe(0);
    const e = await startEmergency(db, { name: '大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1', 'demo-d3'], includeRefused: true, authorised: true }, T0);
    const hidden = [...(await byStatus(db, 'demo-d1', 'pending')), ...(await byStatus(db, 'demo-d1', 'refused')), ...(await byStatus(db, 'demo-d3', 'pending')), ...(await byStatus(db, 'demo-d3', 'refused'))];
    expect(await revealedCount(db, later(1))).toBe(hidden.length);
    expect(e.revealedCount).toBe(hidden.length);
    await endEmergency(db, e.id, later(2));
    expect(await revealedCount(db, later(3))).toBe(0);
  });
});

describe('計画を要見直しにする', () => {
  it('saves each failed plan as a new version with status 要見直し and the event’s reason; pressing again changes nothing', async () => {
    const db = await demoWithOperator();
    const [a, b, c] = await byStatus(db, 'demo-d1', 'given');
    const planA = await savePlan(db, { ...emptyPlan(a, '2027-04-01'), status: 'in_progress' });
    const planB = await savePlan(db, { ...emptyPlan(b, '2027-04-01'), status: 'in_progress' });
    const e = await startEmergency(db, { name: '令和9年 台風10号 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: true, authorised: true }, T0);
    const ended = await endEmergency(db, e.id, later(600));

    const [shelter, otherShelter] = await db.shelters.limit(2).toArray();
    const [supporter] = await db.supporters.limit(1).toArray();
    const failures = [
      { personId: a, reasons: ['shelter_closed', 'supporter_absent'] as const, closedShelterIds: [shelter.id, otherShelter.id], fullShelterIds: [], absentSupporterIds: [supporter.id, 'sup-no-longer-stored'] },
      { personId: b, reasons: ['never_reached'] as const },
      { personId: c, reasons: ['too_slow'] as const }, // no plan stored
    ];
    const first = await markFailedPlansForReview(db, ended, failures, later(700));
    expect(first).toEqual({ marked: [a, b], already: [], noPlan: [c], failed: [] });

    const storedA = (await db.plans.get(planA.id))!;
    expect(storedA.status).toBe('needs_review');
    expect(storedA.version).toBe(planA.version + 1);
    // Dated the day the event ended in Japan: 2027-09-01 22:00 UTC is 9月2日 07:00 in Japan.
    const names = { shelter: (id: string) => (id === shelter.id ? shelter.name : otherShelter.name), supporter: () => supporter.name };
    expect(storedA.rosterReview).toEqual([{ on: '2027-09-02', updateId: `emergency:${e.id}`, field: 'emergency', text: planFailureNote(e.name, failures[0], names), weight: 5 }]);
    // Which shelters and which supporter, by name (a supporter no longer stored is left out).
    expect(storedA.rosterReview![0].text).toBe(`災害時モード（令和9年 台風10号 大雨）: 計画の避難先（${shelter.name}、${otherShelter.name}）が開設されなかった、計画の支援者（${supporter.name}）が不在だった`);
    expect((await db.plans.get(planB.id))!.rosterReview![0].text).toBe('災害時モード（令和9年 台風10号 大雨）: 最後まで安否を確認できなかった');
    // The plan's history keeps the version with the reason (the normal save path: a 'save' row).
    const [newest] = await planHistory(db, planA.id);
    expect(newest).toMatchObject({ kind: 'save', version: planA.version + 1, savedAt: later(700).toISOString() });
    expect(newest.plan.rosterReview?.[0].text).toContain(`計画の避難先（${shelter.name}、${otherShelter.name}）が開設されなかった`);
    expect((await db.plans.get(planB.id))!.status).toBe('needs_review');

    const again = await markFailedPlansForReview(db, ended, failures, later(800));
    expect(again).toEqual({ marked: [], already: [a, b], noPlan: [c], failed: [] });
    expect((await db.plans.get(planA.id))!.version).toBe(planA.version + 1);
  });

  it('a plan saved in another tab after it was read is read again and still marked', async () => {
    const db = await demoWithOperator();
    const [a] = await byStatus(db, 'demo-d1', 'given');
    const plan = await savePlan(db, { ...emptyPlan(a, '2027-04-01'), status: 'in_progress' });
    const e = await startEmergency(db, { name: '大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: true, authorised: true }, T0);
    const ended = await endEmergency(db, e.id, later(60));
    // Another tab saves while the review is under way: both saves land, the review on top.
    const [review] = await Promise.all([
      markFailedPlansForReview(db, ended, [{ personId: a, reasons: ['shelter_full'] }], later(70)),
      savePlan(db, { ...plan, whatToBring: '眼鏡' }),
    ]);
    expect(review.marked).toEqual([a]);
    const stored = (await db.plans.get(plan.id))!;
    expect(stored).toMatchObject({ status: 'needs_review', whatToBring: '眼鏡', version: plan.version + 2 });
  });
});
