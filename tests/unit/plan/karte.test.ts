import 'fake-indexeddb/auto';
import { booleanPointInPolygon } from '@turf/turf';
import { afterEach, describe, expect, it } from 'vitest';
import { districtKarte, karteEngineFields, karteSummaryLines, planProgressSeries, type PriorityInfo } from '../../../src/core/districtKarte';
import type { HazardAnswer } from '../../../src/core/hazardAtHome';
import { MOBILITIES, type Person } from '../../../src/core/person';
import { confirmPlan, emptyPlan, type Plan, type PlanStatus } from '../../../src/core/plan';
import { setPersonConsent } from '../../../src/db/consent';
import { loadDemoIfFirstStart } from '../../../src/db/demo';
import { districtKarteFromStore, planProgressFromStore } from '../../../src/db/karte';
import { savePlan } from '../../../src/db/plans';
import { HinanDatabase } from '../../../src/db/schema';
import { freshName, readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const opened: HinanDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const TODAY = '2025-06-01';
const district = demo.districts[0];
const inDistrict = demo.people.filter((p) => p.districtId === district.id);
const shown = inDistrict.filter((p) => p.consent.status === 'given');
const hiddenPerson = inDistrict.find((p) => p.consent.status !== 'given')!;
const districtSupporters = demo.supporters.filter((s) => s.districtId === district.id);
const otherSupporter = demo.supporters.find((s) => s.districtId !== district.id)!;
const planConsent = { status: 'given' as const, date: '2025-04-01', method: 'signature' as const, recipients: ['jishubo' as const] };
const linked = (supporterId: string) => ({ supporterId, name: '', phone: '', address: '', chosenBy: 'user' as const });

/** Plans written for the test: statuses spread over the shown people, plus one for a hidden person. */
function testPlans(): Plan[] {
  const s = districtSupporters;
  const plans: Plan[] = [
    confirmPlan({ ...emptyPlan(shown[0].id, TODAY), consent: planConsent, primarySupporter: linked(s[0].id), destinations: { flood: { shelterId: 'x', chosenBy: 'user', routeNote: '北へ', routeLine: null } } }, '2025-04-01'),
    // a supporter from another district, named for their details only
    confirmPlan({ ...emptyPlan(shown[1].id, TODAY), consent: planConsent, primarySupporter: linked(otherSupporter.id), destinations: { earthquake: { shelterId: 'y', chosenBy: 'user', routeNote: '', routeLine: [[139.9, 37.5], [139.91, 37.51]] } } }, '2025-04-01'),
    { ...emptyPlan(shown[10].id, TODAY), status: 'in_progress', primarySupporter: linked(s[0].id), backupSupporters: [linked(s[1].id)] },
    // confirmed long ago: past its review date → 要見直し
    { ...confirmPlan({ ...emptyPlan(shown[2].id, TODAY), consent: planConsent, primarySupporter: linked(s[0].id) }, '2024-01-10') },
    { ...emptyPlan(shown[3].id, TODAY), status: 'in_progress', backupSupporters: [linked(s[1].id)] },
    { ...emptyPlan(shown[4].id, TODAY), status: 'in_progress', primarySupporter: { supporterId: null, name: '親戚 次郎', phone: '', address: '', chosenBy: 'user' } },
    { ...emptyPlan(shown[5].id, TODAY), status: 'not_started' },
    { ...emptyPlan(hiddenPerson.id, TODAY), status: 'in_progress', primarySupporter: linked(s[0].id) },
  ];
  return plans;
}

async function storeWithPlans() {
  const db = new HinanDatabase(freshName());
  opened.push(db);
  await loadDemoIfFirstStart(db, async () => demo);
  for (const p of testPlans()) await savePlan(db, p);
  return db;
}

/** Independent count of the expected karte numbers from the demo data and the test plans. */
function expected(people: Person[], hiddenCount: number) {
  const plans = new Map(testPlans().map((p) => [p.personId, p]));
  const status = (p: Person): PlanStatus => {
    const plan = plans.get(p.id);
    if (!plan) return 'not_started';
    if (plan.status === 'confirmed' && plan.reviewDue! < TODAY) return 'needs_review';
    return plan.status;
  };
  const byStatus = { not_started: 0, in_progress: 0, confirmed: 0, needs_review: 0 };
  for (const p of people) byStatus[status(p)]++;
  const byMobility = Object.fromEntries(MOBILITIES.map((m) => [m, people.filter((p) => p.mobility === m).length]));
  const withSupporter = people.filter((p) => {
    const plan = plans.get(p.id);
    return plan && (plan.primarySupporter || plan.backupSupporters.length > 0);
  });
  const loads = new Map(districtSupporters.map((s) => [s.id, 0]));
  for (const p of people) {
    const plan = plans.get(p.id);
    for (const entry of plan ? [plan.primarySupporter, ...plan.backupSupporters] : []) {
      if (entry?.supporterId && loads.has(entry.supporterId)) loads.set(entry.supporterId, loads.get(entry.supporterId)! + 1);
    }
  }
  const overloaded = districtSupporters.filter((s) => loads.get(s.id)! > s.capacity).map((s) => s.id);
  const filled = (x: string | null) => !!x && x.trim() !== '';
  const allLegal = people.filter((p) => {
    const plan = plans.get(p.id);
    const sup = [...districtSupporters, otherSupporter].find((s) => s.id === plan?.primarySupporter?.supporterId);
    const dests = Object.values(plan?.destinations ?? {});
    return plan && filled(p.name) && filled(p.birthDate) && p.sex !== 'unknown' && filled(p.address) && filled(p.phone) && filled(p.reason)
      && sup && filled(sup.name) && filled(sup.address) && filled(sup.phone)
      && dests.some((d) => filled(d!.shelterId)) && dests.some((d) => filled(d!.routeNote) || (d!.routeLine?.length ?? 0) >= 2)
      && plan.consent.status === 'given';
  }).length;
  const welfareDemand = people.filter((p) => p.mobility === 'wheelchair' || p.mobility === 'bedridden' || p.medical.length > 0).length;
  const welfareInside = demo.shelters.filter((s) => s.kinds.includes('welfare_shelter') && !s.closed && booleanPointInPolygon(s.location, district.outline!));
  return {
    total: people.length + hiddenCount,
    shown: people.length,
    hidden: hiddenCount,
    byStatus,
    byMobility,
    planConsent: people.filter((p) => plans.get(p.id)?.consent.status === 'given').length,
    gap: people.length - withSupporter.length,
    overloaded,
    allLegal,
    welfareDemand,
    welfareShelters: welfareInside.length,
    welfareCapacity: welfareInside.reduce((n, s) => n + (s.capacity ?? 0), 0),
  };
}

describe('地区カルテ from the store', () => {
  it('equals counts computed independently from the demo data', async () => {
    const db = await storeWithPlans();
    const k = await districtKarteFromStore(db, district.id, TODAY);
    const e = expected(shown, inDistrict.length - shown.length);
    expect(k.totalPeople).toBe(inDistrict.length);
    expect(k.shownPeople).toBe(e.shown);
    expect(k.hiddenPeople).toBe(e.hidden);
    expect(k.hiddenPeople).toBeGreaterThan(0);
    expect(k.plansByStatus).toEqual(e.byStatus);
    expect(k.plansByStatus).toMatchObject({ confirmed: 2, needs_review: 1, in_progress: 3 });
    expect(k.percentConfirmed).toBe(Math.round((2 / e.shown) * 100));
    expect(k.byMobility).toEqual(e.byMobility);
    expect(k.planConsentGiven).toBe(e.planConsent);
    expect(k.supporterCount).toBe(districtSupporters.length);
    expect(k.supporterGapPersonIds.length).toBe(e.gap);
    expect(k.welfare).toMatchObject({ demand: e.welfareDemand, shelterCount: e.welfareShelters, knownCapacityTotal: e.welfareCapacity, shortfallFrom: 'capacity' });
    expect(k.hazard.known).toBe(false);
    // the hidden person's plan does not add to a supporter's load
    expect(k.overloadedSupporters.map((o) => o.supporterId).sort()).toEqual(e.overloaded.sort());
    expect(e.overloaded).toEqual([districtSupporters[0].id]);
    expect(k.plansWithAllLegalItems).toBe(e.allLegal);
    expect(k.plansWithAllLegalItems).toBeGreaterThanOrEqual(2);
    expect(k.nextPlans.length).toBe(e.shown - 2);
    expect(k.nextPlans.some((n) => n.personId === hiddenPerson.id)).toBe(false);
  });

  it('counts the whole store when no district is given', async () => {
    const db = await storeWithPlans();
    const k = await districtKarteFromStore(db, null, TODAY);
    expect(k.totalPeople).toBe(demo.people.length);
    expect(k.shownPeople).toBe(demo.people.filter((p) => p.consent.status === 'given').length);
  });

  it('withdrawing consent removes the person from the shown counts at once', async () => {
    const db = await storeWithPlans();
    const before = await districtKarteFromStore(db, district.id, TODAY);
    const target = shown[0]; // has a confirmed plan
    await setPersonConsent(db, target.id, { ...target.consent, status: 'refused', date: '2025-05-20' });
    const after = await districtKarteFromStore(db, district.id, TODAY);
    expect(after.totalPeople).toBe(before.totalPeople);
    expect(after.shownPeople).toBe(before.shownPeople - 1);
    expect(after.hiddenPeople).toBe(before.hiddenPeople + 1);
    expect(after.plansByStatus.confirmed).toBe(before.plansByStatus.confirmed - 1);
    expect(after.byMobility[target.mobility]).toBe(before.byMobility[target.mobility] - 1);
    const e = expected(shown.filter((p) => p.id !== target.id), inDistrict.length - shown.length + 1);
    expect(after.plansByStatus).toEqual(e.byStatus);
    expect(after.byMobility).toEqual(e.byMobility);
  });

  it('uses engine results: hazard at home, matching, priority order and welfare allocation', async () => {
    const db = await storeWithPlans();
    const inside = (zoneId: string): HazardAnswer => ({ hazard: 'flood', state: 'inside', zones: [{ zone: 0, zoneId, hazard: 'flood', depthClass: null, name: zoneId }] });
    const hazardAnswers = {
      hazard: 'flood' as const,
      byPerson: { [shown[6].id]: inside('z1'), [shown[7].id]: inside('z2'), [shown[8].id]: { hazard: 'flood', state: 'outside' } as const, [hiddenPerson.id]: inside('z1') },
    };
    const priority: Record<string, PriorityInfo> = {
      [shown[8].id]: { rank: 'C', reasons: [] },
      [shown[3].id]: { rank: 'A', reasons: ['浸水想定区域内'] }, // in progress
      [shown[9].id]: { rank: 'A', reasons: ['一人暮らし'] }, // no plan → before shown[3]
      [shown[2].id]: { rank: 'B', reasons: [] }, // overdue review
    };
    const k = await districtKarteFromStore(db, district.id, TODAY, {
      hazardAnswers, priority,
      supporterAssignments: [{ personId: shown[6].id, supporterId: districtSupporters[2].id }, { personId: hiddenPerson.id, supporterId: districtSupporters[2].id }],
      welfareDemandPersonIds: [shown[6].id, shown[7].id, hiddenPerson.id],
      welfareLeftOver: [{ personId: shown[7].id, reason: 'capacity' }, { personId: hiddenPerson.id, reason: 'capacity' }],
    });
    // The hidden person's answer is not counted; shown people without an answer are データなし.
    expect(k.hazard).toEqual({ known: true, hazard: 'flood', inside: 2, outside: 1, noData: k.shownPeople - 3, unreadable: 0, fromTiles: 0, tilesReadOn: null });
    expect(k.nextPlans.slice(0, 4).map((n) => [n.personId, n.rank, n.status])).toEqual([
      [shown[9].id, 'A', 'not_started'], [shown[3].id, 'A', 'in_progress'], [shown[2].id, 'B', 'needs_review'], [shown[8].id, 'C', 'not_started'],
    ]);
    expect(k.nextPlans[0].reasons).toEqual(['一人暮らし']);
    const e = expected(shown, 0);
    expect(k.supporterGapPersonIds.length).toBe(e.gap - 1); // shown[6] matched
    expect(k.welfare).toMatchObject({ demand: 2, shortfall: 1, shortfallFrom: 'allocation' });
    const lines = karteSummaryLines(k);
    expect(lines[0]).toContain(`${k.shownPeople}人`);
    expect(lines.join('')).toContain('支援者空白');
    // The 福祉避難所 sentence never reads an unknown capacity as zero.
    const welfareLine = (shelterCount: number, unknownCapacityShelters: number, knownCapacityTotal: number) =>
      karteSummaryLines({ ...k, welfare: { ...k.welfare, shelterCount, unknownCapacityShelters, knownCapacityTotal } }).at(-1)!;
    expect(welfareLine(3, 3, 0)).toContain('3か所で、どこも定員が分かっていません');
    expect(welfareLine(3, 3, 0)).not.toContain('合計0人');
    expect(welfareLine(3, 1, 40)).toContain('定員が分かっている2か所の定員は合計40人（ほか1か所は定員不明）');
    expect(welfareLine(2, 0, 50)).toContain('2か所で定員は合計50人');
    expect(welfareLine(0, 0, 0)).toContain('地区内の福祉避難所はありません');
    expect(welfareLine(0, 0, 0)).toContain(`不足）は${k.welfare.shortfall}人`);
  });
});

describe('plan progress over time', () => {
  it('counts each plan by its latest status at the end of each day (JST)', () => {
    const v = (planId: string, savedAt: string, status: PlanStatus) => ({ planId, savedAt, plan: { status } });
    const points = planProgressSeries([
      v('a', '2025-04-01T01:00:00Z', 'in_progress'),
      v('b', '2025-04-01T02:00:00Z', 'in_progress'),
      v('a', '2025-04-01T16:00:00Z', 'confirmed'), // 2025-04-02 01:00 JST
      v('c', '2025-04-03T00:00:00Z', 'in_progress'),
      v('b', '2025-04-03T01:00:00Z', 'confirmed'),
      v('a', '2025-04-03T02:00:00Z', 'needs_review'),
    ]);
    expect(points).toEqual([
      { date: '2025-04-01', confirmed: 0, inProgress: 2, needsReview: 0 },
      { date: '2025-04-02', confirmed: 1, inProgress: 1, needsReview: 0 },
      { date: '2025-04-03', confirmed: 1, inProgress: 1, needsReview: 1 },
    ]);
    expect(planProgressSeries([])).toEqual([]);
  });

  it('is drawn from the saved history of shown people only', async () => {
    const db = new HinanDatabase(freshName());
    opened.push(db);
    await loadDemoIfFirstStart(db, async () => demo);
    const day = (d: number) => () => new Date(Date.UTC(2025, 3, d, 3));
    const a = await savePlan(db, { ...emptyPlan(shown[0].id, TODAY), status: 'in_progress' }, { now: day(1) });
    await savePlan(db, { ...emptyPlan(hiddenPerson.id, TODAY), status: 'in_progress' }, { now: day(1) });
    await savePlan(db, confirmPlan({ ...a, consent: planConsent }, '2025-04-05'), { now: day(5) });
    expect(await planProgressFromStore(db, district.id)).toEqual([
      { date: '2025-04-01', confirmed: 0, inProgress: 1, needsReview: 0 },
      { date: '2025-04-05', confirmed: 1, inProgress: 0, needsReview: 0 },
    ]);
  });
});

describe('districtKarte (pure)', () => {
  it('reports zero percent, not NaN, for a district nobody consented in', () => {
    const k = districtKarte({ districtId: 'd', today: TODAY, shownPeople: [], allPeopleCount: 4, supporters: [], plans: [], shelters: [] });
    expect(k).toMatchObject({ totalPeople: 4, shownPeople: 0, hiddenPeople: 4, percentConfirmed: 0 });
    expect(karteSummaryLines(k)[0]).toContain('表示していないのは4人');
  });

  it('reads engine results: matched people are not 支援者空白, left-over people are the shortfall', () => {
    const people = shown.slice(0, 3);
    const fields = karteEngineFields({
      matching: { matches: [{ personId: people[0].id, supporterId: 'sx', distanceM: 120, round: 1 }] },
      allocation: { assignments: [{ personId: people[1].id, shelterId: 'w1', distanceM: 800 }], leftOver: [{ personId: people[2].id, reason: 'capacity' }] },
    });
    const k = districtKarte({ districtId: 'd', today: TODAY, shownPeople: people, allPeopleCount: 3, supporters: [], plans: [], shelters: [], ...fields });
    expect(k.supporterGapPersonIds).toEqual([people[1].id, people[2].id]);
    expect(k.welfare).toMatchObject({ demand: 2, shortfall: 1, shortfallFrom: 'allocation' });
    expect(k.hazard.known).toBe(false);
  });
});
