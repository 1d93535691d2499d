/**
 * The mode-aware consent gate (db/consentGate.ts `shareablePeople`, db/disclosures.ts
 * `recordDisclosure`): every consent state × district inside / outside / none × includeRefused ×
 * archived, against an expectation written out here (not computed by core/emergency.ts): while an
 * event is active its districts' pending people are shown, the refused too when the event includes
 * them, archived people never, and people with consent are shown but never "revealed". After the
 * event everything un-consented is hidden again. The plan editor's one-person read stays consent-only.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Consent, ConsentStatus } from '../../../src/core/consent';
import { EMERGENCY_MARK } from '../../../src/core/emergency';
import type { Person } from '../../../src/core/person';
import type { RosterArchive } from '../../../src/core/rosterArchive';
import { shareablePeople, shareablePerson } from '../../../src/db/consentGate';
import { ConsentGateError, recordDisclosure } from '../../../src/db/disclosures';
import { endEmergency, startEmergency } from '../../../src/db/emergencies';
import { liveQuery } from '../../../src/db/liveQuery';
import { setOperator } from '../../../src/db/operator';
import type { HinanDatabase } from '../../../src/db/schema';
import { openTestDb, readDemoBundle } from './demoStore';

const T0 = new Date('2027-09-01T12:00:00.000Z');
const LATER = new Date('2027-09-01T13:00:00.000Z');
const ARCHIVED: RosterArchive = { updateId: 'u-1', at: '2027-04-01T00:00:00.000Z', on: '2027-04-01', reason: 'moved_out', fileName: '名簿.csv' };

const CONSENTS: Record<ConsentStatus, Consent> = {
  given: { status: 'given', date: '2024-03-27', method: 'signature', recipients: ['jishubo', 'minsei'] },
  refused: { status: 'refused', date: '2025-03-17', method: 'signature', recipients: [] },
  pending: { status: 'pending', date: null, method: 'unknown', recipients: [] },
};
const STATUSES: ConsentStatus[] = ['given', 'refused', 'pending'];
const DISTRICTS = ['demo-d1', 'demo-d2', null] as const satisfies readonly (string | null)[];

interface Case {
  status: ConsentStatus;
  districtId: string | null;
  archived: boolean;
}
const CASES: Case[] = STATUSES.flatMap((status) => DISTRICTS.flatMap((districtId) => [false, true].map((archived) => ({ status, districtId, archived }))));
const idOf = (c: Case) => `${c.status}-${c.districtId ?? 'none'}-${c.archived ? 'archived' : 'on'}`;

/** A store with one person per case (18), made from a demo person; 作業者名 set. */
async function matrixStore(): Promise<{ db: HinanDatabase; people: Map<string, Person> }> {
  const db = openTestDb();
  await setOperator(db, '山田 花子');
  const template = readDemoBundle().people[0];
  const people = new Map<string, Person>();
  for (const c of CASES) {
    const p: Person = { ...template, id: idOf(c), name: `試験 ${idOf(c)}`, nameKana: `シケン ${idOf(c)}`, districtId: c.districtId, consent: CONSENTS[c.status] };
    if (c.archived) p.archived = ARCHIVED;
    else delete p.archived;
    people.set(p.id, p);
  }
  await db.people.bulkPut([...people.values()]);
  return { db, people };
}

/** The rule, written out: is the case shown, and is it shown only because of the event? */
function expected(c: Case, event: { districtIds: string[]; includeRefused: boolean } | null): { shown: boolean; revealed: boolean } {
  if (c.archived) return { shown: false, revealed: false };
  if (c.status === 'given') return { shown: true, revealed: false };
  if (!event) return { shown: false, revealed: false };
  const covered = event.districtIds.length === 0 || (c.districtId !== null && event.districtIds.includes(c.districtId));
  const revealed = covered && (c.status === 'pending' || event.includeRefused);
  return { shown: revealed, revealed };
}

const EVENTS = [
  { districtIds: ['demo-d1'], includeRefused: true },
  { districtIds: ['demo-d1'], includeRefused: false },
  { districtIds: [], includeRefused: true },
  { districtIds: [], includeRefused: false },
  { districtIds: ['demo-d1', 'demo-d2'], includeRefused: true },
];

describe('the consent gate in 災害時モード', () => {
  it.each(EVENTS)('districts %j: every consent state × district × archived, whole store and per district, before, during and after', async (event) => {
    const { db, people } = await matrixStore();
    const check = async (on: typeof event | null, now: Date) => {
      for (const districtId of [undefined, 'demo-d1', 'demo-d2']) {
        const inScope = CASES.filter((c) => districtId === undefined || c.districtId === districtId);
        const gate = await shareablePeople(db, { districtId }, now);
        const want = (pick: (e: { shown: boolean; revealed: boolean }) => boolean) => inScope.filter((c) => pick(expected(c, on))).map(idOf).sort();
        const where = `${JSON.stringify(on)} scope ${districtId}`;
        expect(gate.people.map((p) => p.id).sort(), where).toEqual(want((e) => e.shown));
        expect([...gate.revealedIds].sort(), where).toEqual(want((e) => e.revealed));
        expect(gate.archivedCount, where).toBe(inScope.filter((c) => c.archived).length);
        expect(gate.hiddenCount, where).toBe(inScope.filter((c) => !c.archived && !expected(c, on).shown).length);
        expect(gate.emergency?.districtIds ?? null, where).toEqual(on ? on.districtIds : null);
        // people with consent are never "revealed"; every revealed person is among `people`
        for (const id of gate.revealedIds) expect(people.get(id)!.consent.status).not.toBe('given');
      }
    };
    await check(null, T0);
    const e = await startEmergency(db, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', authorised: true, ...event }, T0);
    expect(e.revealedCount).toBe(CASES.filter((c) => expected(c, event).revealed).length);
    await check(event, LATER);
    await endEmergency(db, e.id, LATER);
    await check(null, LATER);
  });

  it('the plan editor’s one-person read stays consent-only, even while the event is active', async () => {
    const { db } = await matrixStore();
    await startEmergency(db, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', authorised: true, districtIds: [], includeRefused: true }, T0);
    expect((await shareablePeople(db, {}, LATER)).revealedIds.has('pending-demo-d1-on')).toBe(true);
    expect(await shareablePerson(db, 'pending-demo-d1-on')).toBeUndefined();
    expect(await shareablePerson(db, 'refused-demo-d1-on')).toBeUndefined();
    expect((await shareablePerson(db, 'given-demo-d1-on'))?.id).toBe('given-demo-d1-on');
  });

  it.each([undefined, 'demo-d1'])('a live query of the gate (scope %s) re-runs when the mode goes on and off, and when a person changes meanwhile', async (districtId) => {
    const { db, people } = await matrixStore();
    const seen: string[] = [];
    const sub = liveQuery(() => shareablePeople(db, { districtId })).subscribe((r) => seen.push(`${r.people.length}/${r.revealedIds.size}`));
    const settle = async (n: number) => {
      for (let i = 0; i < 200 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await settle(1);
    const now = new Date();
    const e = await startEmergency(db, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', authorised: true, districtIds: ['demo-d1'], includeRefused: true }, now);
    await settle(2);
    // consent given while the mode is on: still shown, no longer "revealed" (the people are watched too)
    await db.people.put({ ...people.get('pending-demo-d1-on')!, consent: CONSENTS.given });
    await settle(3);
    await endEmergency(db, e.id, new Date(now.getTime() + 1000));
    await settle(4);
    sub.unsubscribe();
    // whole store: 3 given on the 名簿 (d1, d2, none); demo-d1: 1 given — then + pending and refused of demo-d1
    expect(seen).toEqual(districtId ? ['1/0', '3/2', '3/1', '2/0'] : ['3/0', '5/2', '5/1', '4/0']);
  });
});

describe('the 提供記録 door in 災害時モード', () => {
  it('lets revealed people through only while the event is active, marks the entries, and never lets archived or uncovered people through', async () => {
    const { db, people } = await matrixStore();
    const p = (id: string) => people.get(id)!;
    const refusedIn = p('refused-demo-d1-on');
    const pendingIn = p('pending-demo-d1-on');
    const pendingOut = p('pending-demo-d2-on');
    const archivedIn = p('pending-demo-d1-archived');
    const given = p('given-demo-d1-on');

    await expect(recordDisclosure(db, { kind: 'print-list', what: '一覧', people: [given, pendingIn], at: T0 })).rejects.toThrow(ConsentGateError);
    const e = await startEmergency(db, { name: '令和9年 台風10号', alertLevel: 4, hazard: 'flood', authorised: true, districtIds: ['demo-d1'], includeRefused: false }, T0);
    const before = await db.disclosures.count();

    const entry = await recordDisclosure(db, { kind: 'print-safety', what: '未確認者リスト（本町一丁目）', people: [given, pendingIn], at: LATER });
    expect(entry).toMatchObject({ emergencyId: e.id, count: 2, personIds: [given.id, pendingIn.id], what: `未確認者リスト（本町一丁目）　${EMERGENCY_MARK}` });
    // handing over to one 避難支援等関係者: the revealed person passes too
    expect((await recordDisclosure(db, { kind: 'handover', what: '受け渡し', people: [pendingIn], consentRecipient: 'shobodan', at: LATER })).emergencyId).toBe(e.id);
    // a whole-store operation while active carries the event too
    expect((await recordDisclosure(db, { kind: 'backup', what: 'バックアップ', wholeStoreCount: 18, at: LATER })).what.endsWith(EMERGENCY_MARK)).toBe(true);

    for (const blocked of [refusedIn, pendingOut, archivedIn]) {
      await expect(recordDisclosure(db, { kind: 'print-safety', what: '未確認者リスト', people: [pendingIn, blocked], at: LATER }), blocked.id).rejects.toThrow(ConsentGateError);
    }
    // a given person whose consent does not name this recipient stays refused (the event reveals only people without consent)
    await expect(recordDisclosure(db, { kind: 'handover', what: '受け渡し', people: [given], consentRecipient: 'police', at: LATER })).rejects.toThrow(ConsentGateError);
    expect(await db.disclosures.count()).toBe(before + 3);

    await endEmergency(db, e.id, LATER);
    const after = new Date(LATER.getTime() + 1);
    await expect(recordDisclosure(db, { kind: 'print-safety', what: '未確認者リスト', people: [pendingIn], at: after })).rejects.toThrow('同意のない人（1人）');
    const plain = await recordDisclosure(db, { kind: 'print-list', what: '一覧', people: [given], at: after });
    expect(plain.emergencyId).toBeUndefined();
    expect(plain.what).toBe('一覧');
  });
});
