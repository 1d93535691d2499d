/**
 * 支援者用シート: who is on a supporter's sheet (the hand-over rule for one supporter), what each
 * entry carries, which supporters a district's sheets are for; and, on the demo store
 * (fake-indexeddb), the source read through the consent gate and the print's 提供記録 entry.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Consent } from '../../../src/core/consent';
import type { District } from '../../../src/core/district';
import type { HandoverSource } from '../../../src/core/handoverSelection';
import type { Person } from '../../../src/core/person';
import { emptyPlan, type Plan, type PlanSupporter } from '../../../src/core/plan';
import type { Shelter } from '../../../src/core/shelter';
import type { Supporter } from '../../../src/core/supporter';
import { districtSheetSupporters, sheetDestinations, supporterSheetEntries, supporterSheets, supporterSheetWhat } from '../../../src/core/supporterSheet';
import { listDisclosures, recordDisclosure } from '../../../src/db/disclosures';
import { shareablePeople } from '../../../src/db/consentGate';
import { startEmergency } from '../../../src/db/emergencies';
import { setOperator } from '../../../src/db/operator';
import { savePlan } from '../../../src/db/plans';
import { loadSupporterSheets, supporterSheetRequest, supporterSheetSource } from '../../../src/ui/paper/supporterSheetData';
import { openDemoDb } from '../db/demoStore';

const GIVEN: Consent = { status: 'given', date: '2026-04-01', method: 'signature', recipients: ['minsei'] };
const PENDING: Consent = { status: 'pending', date: null, method: 'unknown', recipients: [] };
const REFUSED: Consent = { status: 'refused', date: '2026-04-01', method: 'signature', recipients: [] };

function person(id: string, kana: string, over: Partial<Person> = {}): Person {
  return {
    id,
    name: `氏名${id}`,
    nameKana: kana,
    birthDate: '1940-04-01',
    sex: 'female',
    address: `本町${id}`,
    phone: '0242-00-0000',
    reason: '',
    districtId: 'd1',
    location: { lng: 139.93, lat: 37.49, source: 'manual', at: '2026-04-01T00:00:00Z' },
    mobility: 'wheelchair',
    household: 'alone',
    medical: [],
    communication: [],
    consent: GIVEN,
    origin: 'user',
    createdAt: '2026-04-01T00:00:00Z',
    updatedAt: '2026-04-01T00:00:00Z',
    ...over,
  };
}

function supporter(id: string, name: string, districtId: string | null = 'd1'): Supporter {
  return { id, name, role: 'neighbor', address: `住所${id}`, phone: `090-0000-000${id.slice(-1)}`, availability: 'day_and_night', capacity: 3, districtId, location: null, origin: 'user', createdAt: '', updatedAt: '' };
}

const linked = (supporterId: string, chosenBy: 'user' | 'suggestion' = 'user'): PlanSupporter => ({ supporterId, name: '', phone: '', address: '', chosenBy });

function plan(personId: string, over: Partial<Plan> = {}): Plan {
  return { ...emptyPlan(personId, '2026-04-01'), consent: GIVEN, version: 1, ...over };
}

function shelter(id: string): Shelter {
  return { id, name: `避難所${id}`, address: `避難所の住所${id}`, kinds: ['shelter'], hazards: ['flood', 'earthquake'], capacity: null, accepts: [], location: [139.94, 37.5], closed: false, notes: '', source: { file: 'x', row: 1 } };
}

function source(people: Person[], plans: Plan[], supporters: Supporter[], shelters: Shelter[] = [shelter('h1'), shelter('h2')]): HandoverSource {
  return {
    people,
    plans: new Map(plans.map((p) => [p.personId, p])),
    supporters: new Map(supporters.map((s) => [s.id, s])),
    shelters: new Map(shelters.map((s) => [s.id, s])),
    districts: new Map<string, District>(),
  };
}

const dest = (shelterId: string, chosenBy: 'user' | 'suggestion' = 'user', routeNote = '') => ({ shelterId, chosenBy, routeNote, routeLine: null });

describe('supporterSheetEntries', () => {
  const s1 = supporter('s1', '佐藤 一郎');
  const s2 = supporter('s2', '鈴木 二郎');
  const people = [
    person('a', 'ア'), // plan names s1 as primary, s2 as backup
    person('b', 'イ'), // plan names s1 but the plan consent is pending
    person('c', 'ウ', { consent: REFUSED }), // 名簿 consent refused (never through the gate, and the rule refuses it too)
    person('d', 'エ'), // s1 only suggested
    person('e', 'オ'), // s1 as backup, a written-in primary
    person('f', 'カ', { archived: { updateId: 'u1', at: '2026-05-01T00:00:00Z', on: '2026-05-01', reason: 'moved_out', fileName: 'meibo.csv' } }), // off the 名簿
    person('g', 'キ', { consent: PENDING }), // 名簿 consent pending
    person('h', 'ク'), // plan names only s2
  ];
  const plans = [
    plan('a', {
      primarySupporter: linked('s1'),
      backupSupporters: [linked('s2')],
      destinations: { flood: dest('h1'), earthquake: dest('h1'), landslide: dest('h2', 'suggestion') },
      emergencyContacts: [{ name: '長男 太郎', relation: '長男', phone: '090-1111-2222' }],
    }),
    plan('b', { primarySupporter: linked('s1'), consent: PENDING }),
    plan('c', { primarySupporter: linked('s1') }),
    plan('d', { primarySupporter: linked('s1', 'suggestion') }),
    plan('e', { primarySupporter: { supporterId: null, name: '近所の 田中', phone: '0242-11-2222', address: '', chosenBy: 'user' }, backupSupporters: [linked('s1')] }),
    plan('f', { primarySupporter: linked('s1') }),
    plan('g', { primarySupporter: linked('s1') }),
    plan('h', { primarySupporter: linked('s2') }),
  ];
  const src = source(people, plans, [s1, s2]);

  it('holds exactly the people whose consented plan names the supporter (accepted entries), on the 名簿 with consent', () => {
    const entries = supporterSheetEntries('s1', src);
    expect(entries.map((e) => e.person.id)).toEqual(['a', 'e']);
    expect(entries.map((e) => e.role)).toEqual(['primary', 'backup']);
    expect(supporterSheetEntries('s2', src).map((e) => e.person.id)).toEqual(['a', 'h']);
    expect(supporterSheetEntries('nobody', src)).toEqual([]);
  });

  it('names the other supporters (linked or written in) and the family contacts', () => {
    const [a, e] = supporterSheetEntries('s1', src);
    expect(a.others).toEqual([{ role: 'backup', name: '鈴木 二郎', phone: '090-0000-0002' }]);
    expect(e.others).toEqual([{ role: 'primary', name: '近所の 田中', phone: '0242-11-2222' }]);
    expect(a.contacts).toEqual([{ name: '長男 太郎', relation: '長男', phone: '090-1111-2222' }]);
  });

  it('groups hazards with the same shelter and route, and leaves out a destination the plan only suggests', () => {
    const [a] = supporterSheetEntries('s1', src);
    expect(a.destinations).toHaveLength(1);
    expect(a.destinations[0]).toMatchObject({ hazards: ['flood', 'earthquake'], routeNote: '', routeLine: null });
    expect(a.destinations[0].shelter?.id).toBe('h1');
    // The plan handed to the sheet has no suggested entries either.
    expect(a.plan.destinations.landslide).toBeUndefined();
    // A different route to the same shelter is its own destination; an unknown shelter prints as none.
    const own = plan('x', { destinations: { flood: dest('h1', 'user', '北の道'), earthquake: dest('h1'), tsunami: dest('gone') } });
    const ds = sheetDestinations(own, src.shelters);
    expect(ds.map((d) => [d.hazards, d.shelter?.id ?? null])).toEqual([[['flood'], 'h1'], [['earthquake'], 'h1'], [['tsunami'], null]]);
  });

  it('lists a district\'s supporters — its own and those its plans name — and makes sheets only for those who support someone', () => {
    const outside = supporter('s3', '阿部 三郎', 'd2');
    const idle = supporter('s4', '井上 四郎');
    const withOutside = source(
      [...people, person('i', 'ケ')],
      [...plans, plan('i', { primarySupporter: linked('s3') })],
      [s1, s2, outside, idle, supporter('s5', '上田 五郎', 'd2')],
    );
    expect(districtSheetSupporters('d1', withOutside).map((s) => s.id)).toEqual(['s3', 's4', 's1', 's2']);
    expect(districtSheetSupporters(null, withOutside)).toHaveLength(5);
    const sheets = supporterSheets(districtSheetSupporters('d1', withOutside), withOutside);
    expect(sheets.map((x) => [x.supporter.id, x.entries.map((e) => e.person.id)])).toEqual([
      ['s3', ['i']],
      ['s1', ['a', 'e']],
      ['s2', ['a', 'h']],
    ]);
    expect(supporterSheetWhat('本町一丁目', sheets)).toBe('支援者用シート（本町一丁目・3人の支援者・4人）');
    expect(supporterSheetWhat('本町一丁目', sheets.slice(1, 2))).toBe('支援者用シート（本町一丁目・佐藤 一郎・2人）');
  });
});

describe('supporter sheets from the store (demo, fake-indexeddb)', () => {
  it('reads people through the consent gate, and the print is recorded as print-supporter to the supporter', async () => {
    const db = await openDemoDb();
    await setOperator(db, '山田 花子');
    const all = await db.people.toArray();
    const shown = all.filter((p) => p.consent.status === 'given' && p.districtId);
    const refused = all.find((p) => p.consent.status !== 'given')!;
    const [s1] = await db.supporters.toArray();
    const names = { primarySupporter: linked(s1.id), consent: GIVEN, version: 0 };
    await savePlan(db, plan(shown[0].id, names));
    await savePlan(db, plan(shown[1].id, { ...names, consent: PENDING }));
    // A plan of a person without 名簿 consent never reaches the sheet (written straight to the store).
    await db.plans.put(plan(refused.id, names));

    const src = await supporterSheetSource(db);
    expect(src.people.some((p) => p.id === refused.id)).toBe(false);
    const sheets = await loadSupporterSheets(db, null, s1.id);
    expect(sheets).toHaveLength(1);
    expect(sheets[0].entries.map((e) => e.person.id)).toEqual([shown[0].id]);
    expect(await loadSupporterSheets(db, shown[0].districtId, s1.id)).toHaveLength(1);

    const request = supporterSheetRequest('すべての地区', sheets);
    expect(request).toMatchObject({ kind: 'print-supporter', recipient: `支援者 ${s1.name}`, what: `支援者用シート（すべての地区・${s1.name}・1人）` });
    await recordDisclosure(db, request);
    const [entry] = await listDisclosures(db);
    expect(entry).toMatchObject({ kind: 'print-supporter', recipient: `支援者 ${s1.name}`, personIds: [shown[0].id], count: 1, operator: '山田 花子' });
  });

  it('leaves out the people 災害時モード reveals: the sheets are planning work', async () => {
    const db = await openDemoDb();
    await setOperator(db, '山田 花子');
    const all = await db.people.toArray();
    const pending = all.find((p) => p.consent.status === 'pending' && p.districtId)!;
    const [s1] = await db.supporters.toArray();
    await db.plans.put(plan(pending.id, { primarySupporter: linked(s1.id) }));
    await startEmergency(db, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', authorised: true, districtIds: [], includeRefused: true });
    // The gate shows them now (revealed), the sheets do not.
    const gate = await shareablePeople(db);
    expect(gate.revealedIds.has(pending.id)).toBe(true);
    const src = await supporterSheetSource(db);
    expect(src.people.some((p) => p.id === pending.id)).toBe(false);
    expect(src.people).toHaveLength(gate.people.length - gate.revealedIds.size);
    expect(await loadSupporterSheets(db, null, s1.id)).toEqual([]);
  });
});
