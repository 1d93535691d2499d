import { describe, expect, it } from 'vitest';
import { districtKarte } from '../../../src/core/districtKarte';
import { effectivePlan, suggestionFromAnalysis, withSource } from '../../../src/core/effectivePlan';
import type { Plan, PlanSupporter } from '../../../src/core/plan';
import type { Priority } from '../../../src/core/priority';
import { ROSTER_EXPORT_HEADER, rosterExport } from '../../../src/core/rosterExport';
import { makeShelter } from '../engine/fixtures';
import { completePlan, person, supporter } from './fixtures';

/**
 * A plan's own supporters and destinations come before the engine's suggestions, everywhere
 * (issue 9, defect 3): the one rule (core/effectivePlan.ts) and the consumers that must use it.
 */
const TODAY = '2025-06-01';
const linked = (supporterId: string): PlanSupporter => ({ supporterId, name: '', phone: '', address: '', chosenBy: 'user' });
const written = (name: string, phone = ''): PlanSupporter => ({ supporterId: null, name, phone, address: '', chosenBy: 'user' });
const blank: PlanSupporter = { supporterId: null, name: '  ', phone: '', address: '', chosenBy: 'user' };
const consent = (recipients: string[]) => ({ status: 'given', date: '2024-04-01', method: 'signature', recipients }) as Plan['consent'];

const a = supporter({ id: 'sa', name: '若松 一郎', phone: '0242-00-0101', capacity: 3 });
const b = supporter({ id: 'sb', name: '若松 二郎', phone: '0242-00-0102', capacity: 3 });
const near = supporter({ id: 'sn', name: '近所 三郎', phone: '0242-00-0103', capacity: 1 });
const supporters = new Map([a, b, near].map((s) => [s.id, s]));
/** The engine matched `near` and suggested 第二中学校 for the flood scenario. */
const suggested = suggestionFromAnalysis({ destination: { shelterId: 'sh2' }, supporters: [{ supporterId: 'sn' }] }, 'flood');

describe('effectivePlan: the plan first, the suggestion only where the plan has none', () => {
  it("uses a confirmed plan's two supporters and its destination, ignoring the suggestion", () => {
    const plan = completePlan({ status: 'confirmed', primarySupporter: linked('sa'), backupSupporters: [written('親戚 花子', '090-0000-0000')] });
    const e = effectivePlan(plan, suggested, { supporters });
    expect(e.supporters).toEqual([
      { supporterId: 'sa', name: '若松 一郎', phone: '0242-00-0101', source: 'plan' },
      { supporterId: null, name: '親戚 花子', phone: '090-0000-0000', source: 'plan' },
    ]);
    expect(e.destinations.flood).toEqual({ shelterId: 'sh1', source: 'plan', routeLine: null });
  });

  it('falls back to the suggestion, marked as such, where the plan is absent, names nobody or has no shelter for the hazard', () => {
    for (const plan of [undefined, completePlan({ primarySupporter: blank, backupSupporters: [], destinations: { flood: { shelterId: '', chosenBy: 'user', routeNote: '北へ', routeLine: null } } })]) {
      const e = effectivePlan(plan, suggested, { supporters });
      expect(e.supporters).toEqual([{ supporterId: 'sn', name: '近所 三郎', phone: '0242-00-0103', source: 'suggestion' }]);
      expect(e.destinations.flood).toMatchObject({ shelterId: 'sh2', source: 'suggestion' });
      expect(withSource(e.supporters[0].name, e.supporters[0].source)).toBe('近所 三郎（提案）');
    }
    // A plan's destination for another hazard does not hide the suggestion for the scenario's.
    const quakeOnly = completePlan({ destinations: { earthquake: { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: null } } });
    expect(effectivePlan(quakeOnly, suggested, { supporters }).destinations).toEqual({
      earthquake: { shelterId: 'sh1', source: 'plan', routeLine: null },
      flood: { shelterId: 'sh2', source: 'suggestion', routeLine: null },
    });
  });

  it('treats a pre-filled suggestion the user never accepted as a suggestion, even once the plan is saved (found by an adversarial try)', () => {
    const unaccepted = completePlan({
      primarySupporter: { ...linked('sa'), chosenBy: 'suggestion' },
      backupSupporters: [{ ...linked('sb'), chosenBy: 'suggestion' }],
      destinations: { flood: { shelterId: 'sh1', chosenBy: 'suggestion', routeNote: '', routeLine: null } },
    });
    const e = effectivePlan(unaccepted, suggested, { supporters });
    expect(e.supporters).toEqual([{ supporterId: 'sn', name: '近所 三郎', phone: '0242-00-0103', source: 'suggestion' }]);
    expect(e.destinations.flood).toMatchObject({ shelterId: 'sh2', source: 'suggestion' });
  });

  it('does not count a supporter deleted from the app since the plan named them', () => {
    const plan = completePlan({ primarySupporter: linked('gone'), backupSupporters: [] });
    expect(effectivePlan(plan, suggested, { supporters }).supporters.map((x) => [x.supporterId, x.source])).toEqual([['sn', 'suggestion']]);
  });

  it("keeps the plan-consent rule for a recipient: a plan not shared with them gives way to the suggestion", () => {
    const plan = completePlan({ consent: consent(['minsei']), primarySupporter: linked('sa') });
    expect(effectivePlan(plan, suggested, { supporters, sharedWith: 'shobodan' }).supporters.map((s) => s.source)).toEqual(['suggestion']);
    expect(effectivePlan(plan, suggested, { supporters, sharedWith: 'minsei' }).supporters.map((s) => s.source)).toEqual(['plan']);
  });
});

describe('地区カルテ counts use the plan first', () => {
  const p = person({ id: 'p-planned', name: '計画 あり' });
  const q = person({ id: 'p-matched', name: '計画 なし', address: '会津若松市栄町2-2' });
  const plan = completePlan({ id: 'plan-1', personId: p.id, status: 'confirmed', confirmedOn: TODAY, reviewDue: '2026-06-01', primarySupporter: linked('sa'), backupSupporters: [linked('sb')] });
  const karte = districtKarte({
    districtId: 'd1', today: TODAY, shownPeople: [p, q], allPeopleCount: 2, supporters: [a, b, near], plans: [plan], shelters: [],
    // The engine matched the nearest supporter to both; its capacity is 1.
    supporterAssignments: [{ personId: p.id, supporterId: 'sn' }, { personId: q.id, supporterId: 'sn' }],
  });

  it('a person whose plan names supporters is not 支援者空白', () => {
    expect(karte.supporterGapPersonIds).toEqual([]);
  });

  it("a matched supporter carries only people whose plan names nobody: the planned person is their plan supporters' load", () => {
    expect(karte.overloadedSupporters).toEqual([]);
    const loaded = districtKarte({
      districtId: 'd1', today: TODAY, shownPeople: [p, q], allPeopleCount: 2, supporters: [{ ...a, capacity: 0 }, b, near], plans: [plan],
      shelters: [], supporterAssignments: [{ personId: q.id, supporterId: 'sn' }],
    });
    expect(loaded.overloadedSupporters.map((o) => [o.supporterId, o.load])).toEqual([['sa', 1]]);
  });
});

describe('関係者向け名簿 uses the plan first', () => {
  const priority: Priority = { rank: 'B', hazardPoints: 0, needPoints: 0, reasons: [] };
  const shelters = new Map([['sh1', makeShelter('sh1', [139.93, 37.5], { name: '松長小学校' })], ['sh2', makeShelter('sh2', [139.94, 37.5], { name: '第二中学校' })]]);
  const col = (name: (typeof ROSTER_EXPORT_HEADER)[number]) => ROSTER_EXPORT_HEADER.indexOf(name);
  const rowFor = (plan: Plan) => {
    const who = person({ id: 'p1', consent: { status: 'given', date: '2024-04-01', method: 'signature', recipients: ['shobodan'] } });
    const out = rosterExport({
      people: [who], recipient: 'shobodan', hazard: 'flood', onDate: TODAY, plans: new Map([[who.id, plan]]), supporters, shelters, districts: new Map(),
      suggestions: new Map([[who.id, { priority, destination: { shelterId: 'sh2' }, supporters: [{ supporterId: 'sn' }] }]]),
    });
    return out.rows[1];
  };

  it("lists the plan's two supporters and destination when the plan is shared with the recipient", () => {
    const row = rowFor(completePlan({ consent: consent(['shobodan']), primarySupporter: linked('sa'), backupSupporters: [linked('sb')] }));
    expect(row[col('避難支援等実施者')]).toBe('若松 一郎／若松 二郎');
    expect(row[col('実施者の電話番号')]).toBe('0242-00-0101／0242-00-0102');
    expect(row[col('避難先')]).toBe('松長小学校［洪水］');
  });

  it('says when the plan names a shelter the group has since marked 開設しない (found by an adversarial try)', () => {
    shelters.set('sh1', { ...shelters.get('sh1')!, closed: true });
    try {
      const row = rowFor(completePlan({ consent: consent(['shobodan']), primarySupporter: linked('sa'), backupSupporters: [] }));
      expect(row[col('避難先')]).toBe('松長小学校［開設しない］［洪水］');
    } finally {
      shelters.set('sh1', { ...shelters.get('sh1')!, closed: false });
    }
  });

  it('gives the suggestion, marked 「（提案）」, when the plan names nobody (a blank supporter entry is nobody)', () => {
    const row = rowFor(completePlan({ consent: consent(['shobodan']), primarySupporter: blank, backupSupporters: [] }));
    expect(row[col('避難支援等実施者')]).toBe('近所 三郎（提案）');
    expect(row[col('実施者の電話番号')]).toBe('0242-00-0103');
  });
});
