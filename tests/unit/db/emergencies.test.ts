/**
 * 災害時モード in the store (db/emergencies.ts, db/device.ts): switching on (started here or
 * joined), the 72-hour limit at exactly its instant, renewal, ending (never deleting a record),
 * Plan B, and the 提供記録 entries with their counts — on the demo store (given / pending /
 * refused people in demo-d1..d3) in fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_HOURS, EMERGENCY_MARK, EVENT_CODE_ALPHABET, eventTicketOf, isDeviceShortId, isEventCode, randomCode, type Emergency } from '../../../src/core/emergency';
import { safetyRecordId, type SafetyRecord } from '../../../src/core/safetyRecord';
import { shareablePeople } from '../../../src/db/consentGate';
import { deviceShortId } from '../../../src/db/device';
import { listDisclosures, recordDisclosure } from '../../../src/db/disclosures';
import {
  activeEmergency,
  endEmergency,
  expireEmergencies,
  getEmergency,
  joinEmergency,
  listEmergencies,
  renewEmergency,
  setPlanB,
  startEmergency,
  type EmergencyStartInput,
  type EventTicket,
} from '../../../src/db/emergencies';
import { setOperator } from '../../../src/db/operator';
import type { HinanDatabase } from '../../../src/db/schema';
import { openDemoDb } from './demoStore';

const T0 = new Date('2027-09-01T12:00:00.000Z');
const hours = (h: number, from = T0) => new Date(from.getTime() + h * 3_600_000);
const LIMIT = EMERGENCY_HOURS * 3_600_000;

const INPUT: EmergencyStartInput = { name: '令和9年 台風10号 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: true, authorised: true };

async function demoWithOperator(): Promise<HinanDatabase> {
  const db = await openDemoDb();
  await setOperator(db, '山田 花子');
  return db;
}

/** Ids of stored people of `district` on the 名簿 with the given consent statuses, read straight from the table. */
async function rawIds(db: HinanDatabase, district: string, statuses: string[]): Promise<string[]> {
  const rows = await db.people.where('districtId').equals(district).toArray();
  return rows.filter((p) => !p.archived && statuses.includes(p.consent.status)).map((p) => p.id).sort();
}

const sortedIds = (ids: Iterable<string>) => [...ids].sort();

describe('switching the mode on', () => {
  it('starts an event with a new 8-letter code and a 72-hour limit, reveals the district’s pending and refused people, and records who, when, which event and how many', async () => {
    const db = await demoWithOperator();
    const before = await shareablePeople(db, {}, T0);
    expect(before.revealedIds.size).toBe(0);
    expect(before.emergency).toBeNull();

    const e = await startEmergency(db, INPUT, T0);
    expect(isEventCode(e.id)).toBe(true);
    expect(e).toMatchObject({ name: INPUT.name, startedAt: T0.toISOString(), startedBy: '山田 花子', expiresAt: hours(72).toISOString(), endedAt: null, authorised: true, renewals: [] });
    const revealed = await rawIds(db, 'demo-d1', ['pending', 'refused']);
    expect(revealed).toHaveLength(12); // 4 pending + 8 refused in the demo's demo-d1
    expect(e.revealedCount).toBe(12);
    expect(await getEmergency(db, e.id)).toEqual(e);
    expect(await activeEmergency(db, T0)).toEqual(e);

    const [entry] = await listDisclosures(db, 1);
    expect(entry).toMatchObject({ kind: 'emergency-on', operator: '山田 花子', at: T0.toISOString(), count: 12, emergencyId: e.id, wholeStore: false });
    expect(sortedIds(entry.personIds)).toEqual(revealed);
    expect(entry.what).toContain(INPUT.name);
    expect(entry.what).toContain(e.id);
    expect(entry.what).toContain('12人');
  });

  it('refuses without the 49-11-3 confirmation, without a 作業者名, with no name, and while another event is active — in Japanese, writing nothing', async () => {
    const db = await openDemoDb();
    await expect(startEmergency(db, { ...INPUT, authorised: false }, T0)).rejects.toThrow('第49条の11第3項');
    await expect(startEmergency(db, INPUT, T0)).rejects.toThrow('作業者名が未設定です');
    await setOperator(db, '山田 花子');
    await expect(startEmergency(db, { ...INPUT, name: '  ' }, T0)).rejects.toThrow('災害名を入力してください');
    expect(await db.emergencies.count()).toBe(0);
    expect(await db.disclosures.count()).toBe(0);

    const first = await startEmergency(db, INPUT, T0);
    await expect(startEmergency(db, { ...INPUT, name: '別の災害' }, hours(1))).rejects.toThrow(`災害時モード「${INPUT.name}」（識別コード ${first.id}）が続いています`);
    expect(await db.emergencies.count()).toBe(1);
    expect(await db.disclosures.count()).toBe(1);
  });

  it('an event of every district reveals every district’s people; without refusals, only the pending', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, { ...INPUT, districtIds: [], includeRefused: false }, T0);
    const pending = [...(await rawIds(db, 'demo-d1', ['pending'])), ...(await rawIds(db, 'demo-d2', ['pending'])), ...(await rawIds(db, 'demo-d3', ['pending']))].sort();
    expect(pending).toHaveLength(15);
    expect(e.revealedCount).toBe(15);
    expect(sortedIds((await shareablePeople(db, {}, T0)).revealedIds)).toEqual(pending);
  });
});

describe('the 72-hour limit', () => {
  it('is active until one millisecond before 72 hours, and hidden again from exactly 72 hours', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, INPUT, T0);
    const justBefore = new Date(T0.getTime() + LIMIT - 1);
    const atLimit = new Date(T0.getTime() + LIMIT);
    expect((await shareablePeople(db, { districtId: 'demo-d1' }, justBefore)).revealedIds.size).toBe(12);
    expect(await expireEmergencies(db, justBefore)).toEqual([]);
    expect((await activeEmergency(db, justBefore))?.id).toBe(e.id);

    // The gate hides them at the limit even before anything wrote the end.
    const gate = await shareablePeople(db, { districtId: 'demo-d1' }, atLimit);
    expect(gate.revealedIds.size).toBe(0);
    expect(gate.emergency).toBeNull();
    expect(gate.hiddenCount).toBe(12);
    expect(await activeEmergency(db, atLimit)).toBeNull();
  });

  it('expireEmergencies ends it as expired at its limit, with an emergency-off entry at that time naming the 72 hours; a second call does nothing', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, INPUT, T0);
    const later = hours(80);
    const [expired, ...none] = await expireEmergencies(db, later);
    expect(none).toEqual([]);
    expect(expired).toMatchObject({ id: e.id, endReason: 'expired', endedAt: hours(72).toISOString(), endedBy: null });
    expect(await getEmergency(db, e.id)).toEqual(expired);
    const [off] = await listDisclosures(db, 1);
    expect(off).toMatchObject({ kind: 'emergency-off', at: hours(72).toISOString(), count: 12, emergencyId: e.id, operator: '山田 花子' });
    expect(off.what).toContain('72時間の期限切れ');
    expect(off.what).not.toContain(EMERGENCY_MARK);
    expect(await expireEmergencies(db, hours(90))).toEqual([]);
    expect(await db.disclosures.count()).toBe(2);
  });

  it('renewing sets the limit to 72 hours from the renewal and keeps the people shown past the first limit', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, INPUT, T0);
    const renewed = await renewEmergency(db, e.id, hours(70));
    expect(renewed.expiresAt).toBe(hours(142).toISOString());
    expect(renewed.renewals).toEqual([{ at: hours(70).toISOString(), by: '山田 花子', expiresAt: hours(142).toISOString() }]);
    // The renewal is in the 提供記録: it keeps the 名簿 shown for longer.
    const [renewal] = await listDisclosures(db, 1);
    expect(renewal).toMatchObject({ kind: 'emergency-renew', operator: '山田 花子', emergencyId: e.id, count: 12, at: hours(70).toISOString() });
    expect(renewal.what).toContain('延長');
    expect(await expireEmergencies(db, hours(100))).toEqual([]);
    expect((await shareablePeople(db, { districtId: 'demo-d1' }, hours(141))).revealedIds.size).toBe(12);
    expect((await shareablePeople(db, { districtId: 'demo-d1' }, hours(142))).revealedIds.size).toBe(0);
    const [expired] = await expireEmergencies(db, hours(150));
    expect(expired).toMatchObject({ endReason: 'expired', endedAt: hours(142).toISOString() });
  });

  it('an event past its limit cannot be renewed: it ends as expired and the message says so', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, INPUT, T0);
    await expect(renewEmergency(db, e.id, hours(72))).rejects.toThrow('72時間の期限');
    expect(await getEmergency(db, e.id)).toMatchObject({ endReason: 'expired', endedAt: hours(72).toISOString() });
    // and a new event can start at once
    const next = await startEmergency(db, { ...INPUT, name: '令和9年 台風11号' }, hours(73));
    expect(next.id).not.toBe(e.id);
    expect((await listEmergencies(db)).map((x) => x.id)).toEqual([next.id, e.id]);
  });
});

describe('ending the mode', () => {
  it('hides the un-consented again, records who ended it and how many were hidden, and deletes nothing', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, INPUT, T0);
    const [person] = [...(await shareablePeople(db, { districtId: 'demo-d1' }, T0)).revealedIds];
    const record: SafetyRecord = { eventId: e.id, personId: person, status: 'safe', shelterId: null, at: hours(1).toISOString(), recorder: 'ABCD', note: '', receivedAt: null, flag: null, id: '' };
    record.id = safetyRecordId(record);
    await db.safetyRecords.put(record);
    await setPlanB(db, e.id, { closedShelterIds: ['s-1'] });

    await setOperator(db, '佐藤 次郎');
    const ended = await endEmergency(db, e.id, hours(5));
    expect(ended).toMatchObject({ endedAt: hours(5).toISOString(), endedBy: '佐藤 次郎', endReason: 'ended', closedShelterIds: ['s-1'] });
    const gate = await shareablePeople(db, { districtId: 'demo-d1' }, hours(5));
    expect(gate.revealedIds.size).toBe(0);
    expect(gate.people.some((p) => p.id === person)).toBe(false);
    expect(await db.safetyRecords.toArray()).toEqual([record]);
    expect(await getEmergency(db, e.id)).toEqual(ended);
    const [off] = await listDisclosures(db, 1);
    expect(off).toMatchObject({ kind: 'emergency-off', operator: '佐藤 次郎', count: 12, emergencyId: e.id, at: hours(5).toISOString() });
    // ending again changes nothing and writes no second entry
    expect(await endEmergency(db, e.id, hours(6))).toEqual(ended);
    expect(await db.disclosures.count()).toBe(2);
    await expect(renewEmergency(db, e.id, hours(6))).rejects.toThrow('終わっています');
    await expect(setPlanB(db, e.id, { fullShelterIds: ['s-2'] })).rejects.toThrow('終わっている');
    await expect(endEmergency(db, 'ZZZZZZZZ', hours(6))).rejects.toThrow('この端末にありません');
  });
});

describe('joining an event started on another device', () => {
  async function startedElsewhere(): Promise<EventTicket> {
    const other = await demoWithOperator();
    const e = await startEmergency(other, { ...INPUT, districtIds: ['demo-d2'], includeRefused: false }, T0);
    const ticket = eventTicketOf(e);
    expect(Object.keys(ticket).sort()).toEqual(['alertLevel', 'districtIds', 'expiresAt', 'hazard', 'id', 'includeRefused', 'name', 'startedAt']); // no one's name, no counts
    return ticket;
  }

  it('stores the same event (code, districts, limit) under this device’s 作業者名 and records the joining', async () => {
    const ticket = await startedElsewhere();
    const db = await openDemoDb();
    await setOperator(db, '鈴木 三郎');
    const e = await joinEmergency(db, ticket, true, hours(2));
    expect(e).toMatchObject({ ...ticket, startedBy: '鈴木 三郎', endedAt: null, revealedCount: 8 }); // demo-d2's 8 pending
    expect(sortedIds((await shareablePeople(db, {}, hours(2))).revealedIds)).toEqual(await rawIds(db, 'demo-d2', ['pending']));
    const [on] = await listDisclosures(db, 1);
    expect(on).toMatchObject({ kind: 'emergency-on', operator: '鈴木 三郎', count: 8, emergencyId: ticket.id, at: hours(2).toISOString() });
    expect(on.what).toContain('参加');
    // reading the same ticket again changes nothing
    expect(await joinEmergency(db, ticket, true, hours(3))).toEqual(e);
    expect(await db.disclosures.count()).toBe(1);
  });

  it('a later limit on the ticket (renewed where it started) is taken; after this device ended it, the ticket opens it again keeping its records', async () => {
    const ticket = await startedElsewhere();
    const db = await openDemoDb();
    await setOperator(db, '鈴木 三郎');
    const e = await joinEmergency(db, ticket, true, hours(1));
    const renewedThere = { ...ticket, expiresAt: hours(70 + 72).toISOString() };
    const taken = await joinEmergency(db, renewedThere, true, hours(71));
    expect(taken).toMatchObject({ expiresAt: renewedThere.expiresAt, renewals: [{ at: hours(71).toISOString(), by: '鈴木 三郎', expiresAt: renewedThere.expiresAt }] });
    expect(await db.disclosures.count()).toBe(1); // no second 'emergency-on'
    expect(await joinEmergency(db, ticket, true, hours(71.5))).toEqual(taken); // an older ticket does not shorten it
    expect(await expireEmergencies(db, hours(100))).toEqual([]);

    await setPlanB(db, e.id, { closedShelterIds: ['s-1'] });
    await endEmergency(db, e.id, hours(101));
    expect((await shareablePeople(db, {}, hours(101))).revealedIds.size).toBe(0);
    const again = await joinEmergency(db, renewedThere, true, hours(102));
    expect(again).toMatchObject({ id: e.id, endedAt: null, endReason: null, expiresAt: renewedThere.expiresAt, closedShelterIds: ['s-1'], revealedCount: 8 });
    const [on] = await listDisclosures(db, 1);
    expect(on).toMatchObject({ kind: 'emergency-on', count: 8, emergencyId: e.id });
    expect(on.what).toContain('再参加');
    expect((await shareablePeople(db, {}, hours(102))).revealedIds.size).toBe(8);
    expect(await db.emergencies.count()).toBe(1);
  });

  it('a ticket never reveals the 名簿 for more than 72 hours from joining, and a start still ahead of this clock is refused', async () => {
    const ticket = await startedElsewhere();
    const db = await openDemoDb();
    await setOperator(db, '鈴木 三郎');
    // An edited (or mistyped) limit: 2099.
    await expect(joinEmergency(db, { ...ticket, startedAt: hours(5).toISOString() }, true, hours(1))).rejects.toThrow('この端末の今の時刻より後です');
    expect(await db.emergencies.count()).toBe(0);
    const e = await joinEmergency(db, { ...ticket, expiresAt: '2099-12-31T00:00:00.000Z' }, true, hours(2));
    expect(e.expiresAt).toBe(hours(2 + 72).toISOString());
    expect((await shareablePeople(db, {}, hours(2 + 71))).revealedIds.size).toBe(8);
    expect(await expireEmergencies(db, hours(2 + 72))).toHaveLength(1);
    expect((await shareablePeople(db, {}, hours(2 + 72))).revealedIds.size).toBe(0);
  });

  it('refuses to join while another event is active here', async () => {
    const ticket = await startedElsewhere();
    const db = await demoWithOperator();
    const mine = await startEmergency(db, INPUT, T0);
    await expect(joinEmergency(db, ticket, true, hours(1))).rejects.toThrow(`識別コード ${mine.id}）が続いています`);
  });

  it('refuses without the confirmation, a broken code, or a ticket past its limit', async () => {
    const ticket = await startedElsewhere();
    const db = await demoWithOperator();
    await expect(joinEmergency(db, ticket, false, hours(1))).rejects.toThrow('第49条の11第3項');
    await expect(joinEmergency(db, { ...ticket, id: 'abc' }, true, hours(1))).rejects.toThrow('識別コード「abc」');
    await expect(joinEmergency(db, ticket, true, hours(72))).rejects.toThrow('期限');
    expect(await db.emergencies.count()).toBe(0);
  });
});

describe('Plan B', () => {
  it('replaces the lists given, keeps the others, without duplicates', async () => {
    const db = await demoWithOperator();
    const e = await startEmergency(db, INPUT, T0);
    let planB: Emergency = await setPlanB(db, e.id, { closedShelterIds: ['s-2', 's-1', 's-2'], absentSupporterIds: ['sup-1'] });
    expect(planB).toMatchObject({ closedShelterIds: ['s-1', 's-2'], fullShelterIds: [], absentSupporterIds: ['sup-1'] });
    planB = await setPlanB(db, e.id, { fullShelterIds: ['s-3'] });
    expect(planB).toMatchObject({ closedShelterIds: ['s-1', 's-2'], fullShelterIds: ['s-3'], absentSupporterIds: ['sup-1'] });
    expect(await getEmergency(db, e.id)).toEqual(planB);
  });
});

describe('the device’s short id', () => {
  it('is made once (4 letters of the event alphabet) and then stays', async () => {
    const db = await openDemoDb();
    const id = await deviceShortId(db);
    expect(isDeviceShortId(id)).toBe(true);
    expect(await deviceShortId(db)).toBe(id);
    const [a, b] = await Promise.all([deviceShortId(db), deviceShortId(db)]);
    expect([a, b]).toEqual([id, id]);
  });

  it('random codes use every letter of the alphabet about evenly and only those', () => {
    const counts = new Map<string, number>();
    for (const c of randomCode(31 * 2000)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(31);
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(300);
  });

  it('bytes at or above the last whole multiple of 31 (248) are drawn again, not folded onto the first letters', () => {
    const draws = [[255, 248, 0, 250, 30, 249, 31, 254], [247, 1, 2, 3, 4, 5, 6, 7]];
    let call = 0;
    const code = randomCode(4, (bytes) => bytes.set(draws[call++].slice(0, bytes.length)));
    expect(code).toBe(EVENT_CODE_ALPHABET[0] + EVENT_CODE_ALPHABET[30] + EVENT_CODE_ALPHABET[0] + EVENT_CODE_ALPHABET[247 % 31]);
  });
});

describe('disclosures while the mode is on', () => {
  it('accepts revealed people only while active; entries made then carry the event and end with the marking', async () => {
    const db = await demoWithOperator();
    const refused = (await db.people.where('districtId').equals('demo-d1').toArray()).find((p) => p.consent.status === 'refused')!;
    await expect(recordDisclosure(db, { kind: 'print-list', what: '一覧', people: [refused], at: T0 })).rejects.toThrow('同意のない人（1人）');
    const e = await startEmergency(db, INPUT, T0);
    const entry = await recordDisclosure(db, { kind: 'print-safety', what: '未確認者リスト', people: [refused], at: hours(1) });
    expect(entry).toMatchObject({ emergencyId: e.id, what: `未確認者リスト　${EMERGENCY_MARK}`, count: 1, personIds: [refused.id] });
    await endEmergency(db, e.id, hours(2));
    await expect(recordDisclosure(db, { kind: 'print-safety', what: '未確認者リスト', people: [refused], at: hours(3) })).rejects.toThrow('同意のない人（1人）');
    const after = await recordDisclosure(db, { kind: 'print-list', what: '一覧', people: [], at: hours(3) });
    expect(after.emergencyId).toBeUndefined();
    expect(after.what).toBe('一覧');
  });
});
