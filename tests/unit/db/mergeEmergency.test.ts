/**
 * 「別の端末のデータを統合」 with 災害時モード (schema 9): events and 安否 records of two devices
 * (fake-indexeddb, each with the demo store and its own 作業者名 and short id) come together
 * through real backup files (writeBackup → decodeBackup → mergeBackup), by the rules in the
 * comment of src/db/mergeBackup.ts. Merging the same file again changes nothing.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EMERGENCY_HOURS, EMERGENCY_MARK, eventTicketOf, type Emergency } from '../../../src/core/emergency';
import { latestByPerson, makeSafetyRecord } from '../../../src/core/safetyMerge';
import type { SafetyRecord, SafetyStatus } from '../../../src/core/safetyRecord';
import { decodeBackup, restoreBackup, writeBackup } from '../../../src/db/backupFile';
import { shareablePeople } from '../../../src/db/consentGate';
import { removeDemo } from '../../../src/db/demo';
import { deviceShortId } from '../../../src/db/device';
import { activeEmergency, endEmergency, expireEmergencies, getEmergency, joinEmergency, renewEmergency, setPlanB, startEmergency, type EmergencyStartInput } from '../../../src/db/emergencies';
import { MERGE_TABLE_LABELS, mergeBackup, mergeEmergency } from '../../../src/db/mergeBackup';
import { setOperator } from '../../../src/db/operator';
import { acceptFlaggedSafety, mergeIncomingSafety, recordSafety } from '../../../src/db/safetyRecords';
import type { HinanDatabase } from '../../../src/db/schema';
import { FAST_KDF, PASSPHRASE, snapshot } from './backupStore';
import { openDemoDb, openTestDb } from './demoStore';

const T0 = new Date('2027-09-01T12:00:00.000Z');
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
const hours = (h: number) => minutes(h * 60);
const iso = (d: Date) => d.toISOString();
/** demo-d3 holds given, pending and refused people. */
const INPUT: EmergencyStartInput = { name: '令和9年 台風10号 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d3'], includeRefused: true, authorised: true };
const A_OPERATOR = '山田 花子';
const B_OPERATOR = '佐藤 一郎';

async function backupOf(db: HinanDatabase, now: Date) {
  const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF, now });
  return decodeBackup(new Blob(parts), PASSPHRASE);
}

/** Device A (the leader's laptop, demo store) and device B: a copy of A's store made before any event, with its own 作業者名. */
async function twoDevices(): Promise<{ a: HinanDatabase; b: HinanDatabase }> {
  const a = await openDemoDb();
  await setOperator(a, A_OPERATOR);
  const b = openTestDb();
  await setOperator(b, B_OPERATOR);
  await restoreBackup(b, await backupOf(a, minutes(-60)));
  return { a, b };
}

/** A started the event at T0; B joined it from its QR at +5 min. */
async function sharedEvent(): Promise<{ a: HinanDatabase; b: HinanDatabase; event: Emergency; people: string[] }> {
  const { a, b } = await twoDevices();
  const event = await startEmergency(a, INPUT, T0);
  await joinEmergency(b, eventTicketOf(event), true, minutes(5));
  const people = (await a.people.where('districtId').equals('demo-d3').primaryKeys()).sort();
  return { a, b, event, people };
}

const merge = (db: HinanDatabase, decoded: Awaited<ReturnType<typeof backupOf>>, now: Date) => mergeBackup(db, decoded, { now: () => now, fileName: 'B.hinan' });
const recordsOf = async (db: HinanDatabase, eventId: string) => (await db.safetyRecords.where('eventId').equals(eventId).toArray()).sort((x, y) => (x.id < y.id ? -1 : 1));
const byId = (rows: SafetyRecord[]) => new Map(rows.map((r) => [r.id, r]));

/** A record of a third device (short id 「QQQQ」), as read from its QR code. */
function thirdDevice(event: Emergency, personId: string, at: Date, status: SafetyStatus = 'safe'): SafetyRecord {
  const r = makeSafetyRecord({ eventId: event.id, personId, status, recorder: 'QQQQ', note: '', at: iso(at) });
  if (r === null) throw new Error('bad time');
  return r;
}

/** Ids of stored people of `district` on the 名簿 without 同意 (pending or refused), read straight from the table. */
async function unconsentedIds(db: HinanDatabase, district: string): Promise<string[]> {
  const rows = await db.people.where('districtId').equals(district).toArray();
  return rows.filter((p) => !p.archived && (p.consent.status === 'pending' || p.consent.status === 'refused')).map((p) => p.id).sort();
}

describe('merging 安否 records and events of the same 災害時モード event', () => {
  it('both devices’ records, renewals and Plan B marks come together, each record once; A stays on; merging again (either way) changes nothing', async () => {
    const { a, b, event, people } = await sharedEvent();
    const [p0, p1, p2, p3] = people;
    expect(await deviceShortId(a)).not.toBe(await deviceShortId(b));
    await recordSafety(a, { eventId: event.id, personId: p0, status: 'safe' }, minutes(10));
    await recordSafety(a, { eventId: event.id, personId: p1, status: 'needs_help', note: '足をけが' }, minutes(12));
    await recordSafety(b, { eventId: event.id, personId: p2, status: 'evacuated', shelterId: 'shelter-x', note: 'ご家族と一緒' }, minutes(15));
    await recordSafety(b, { eventId: event.id, personId: p1, status: 'safe' }, minutes(20)); // B reached p1 later
    await recordSafety(b, { eventId: event.id, personId: p3, status: 'not_reached' }, minutes(25));
    const renewed = await renewEmergency(b, event.id, hours(50));
    await setPlanB(b, event.id, { closedShelterIds: ['s-x'], absentSupporterIds: ['sup-9'] });
    await setPlanB(a, event.id, { closedShelterIds: ['s-z'], fullShelterIds: ['s-y'] });
    const aBefore = await recordsOf(a, event.id);
    const bRecords = await recordsOf(b, event.id);
    const eventBefore = (await getEmergency(a, event.id))!;

    const now = hours(51);
    const decoded = await backupOf(b, now);
    const summary = await merge(a, decoded, now);

    // A's own records untouched; B's three arrive as B stored them, received now, not flagged.
    const after = byId(await recordsOf(a, event.id));
    expect(after.size).toBe(5);
    for (const r of aBefore) expect(after.get(r.id)).toEqual(r);
    for (const r of bRecords) expect(after.get(r.id)).toEqual({ ...r, receivedAt: iso(now), flag: null });
    const board = latestByPerson([...after.values()]);
    expect([p0, p1, p2, p3].map((p) => board.get(p)?.status)).toEqual(['safe', 'safe', 'evacuated', 'not_reached']);
    expect(summary.added).toMatchObject({ safetyRecords: 3 });
    expect(summary.added.emergencies).toBeUndefined();
    expect(summary.safety).toEqual({ flagged: 0, notesFilled: 0, changedPeople: 3, unknownPeople: 0, withoutEvent: 0 });
    expect(summary.eventsNotJoined).toEqual([]);

    // The event: B's later limit and its renewal, both devices' Plan B marks; the rest is A's; A stays on.
    const merged = (await getEmergency(a, event.id))!;
    expect(merged).toEqual({
      ...eventBefore,
      expiresAt: renewed.expiresAt,
      renewals: renewed.renewals,
      closedShelterIds: ['s-z', 's-x'],
      fullShelterIds: ['s-y'],
      absentSupporterIds: ['sup-9'],
    });
    expect(merged.expiresAt).toBe(iso(hours(50 + EMERGENCY_HOURS)));
    expect(merged.startedBy).toBe(A_OPERATOR);
    expect((await activeEmergency(a, now))?.id).toBe(event.id);
    const line = summary.updated.find((u) => u.table === 'emergencies')!;
    expect(line).toMatchObject({ id: event.id, label: `${INPUT.name}（識別コード ${event.id}）` });
    expect(line.reason).toContain('期限を');
    expect(line.reason).toContain('相手の端末の延長の記録1件を加えました');
    expect(line.reason).toContain('開設しない避難所1か所、不在の支援者1人');
    // The merge happened while the mode is on here: its 提供記録 entry carries the event and the marking.
    expect(summary.disclosure).toMatchObject({ kind: 'merge', emergencyId: event.id });
    expect(summary.disclosure!.what.endsWith(EMERGENCY_MARK)).toBe(true);

    const before = await snapshot(a);
    const again = await merge(a, decoded, minutes(51 * 60 + 1));
    expect(again).toMatchObject({ addedTotal: 0, updated: [], changed: false, disclosure: null, eventsNotJoined: [] });
    expect(again.safety).toEqual({ flagged: 0, notesFilled: 0, changedPeople: 0, unknownPeople: 0, withoutEvent: 0 });
    expect(await snapshot(a)).toEqual(before);

    // The other way: B gets A's two records and A's marks; both devices now hold the same records and marks.
    const back = await merge(b, await backupOf(a, hours(52)), hours(52));
    expect(back.added).toMatchObject({ safetyRecords: 2 });
    expect([...byId(await recordsOf(b, event.id)).keys()]).toEqual([...after.keys()].sort());
    const onB = (await getEmergency(b, event.id))!;
    expect([onB.closedShelterIds, onB.fullShelterIds, onB.absentSupporterIds].map((l) => [...l].sort())).toEqual([['s-x', 's-z'], ['s-y'], ['sup-9']]);
    expect(onB.expiresAt).toBe(renewed.expiresAt);
    expect(onB.startedBy).toBe(B_OPERATOR);
  });

  it('a note fills in a record read before from a QR code; a duplicate changes nothing else; flagged stays flagged; an acceptance on the other device is not taken; unknown people and events are counted, not merged', async () => {
    const { a, b, event, people } = await sharedEvent();
    const [p0, p1, p2, p3] = people;
    const withNote = await recordSafety(b, { eventId: event.id, personId: p0, status: 'needs_help', note: '薬が切れそう' }, minutes(10));
    // A read B's QR code at +11 min: the same record without its note.
    await mergeIncomingSafety(a, event, [{ ...withNote, note: '' }], minutes(11));
    // A record timed 20 minutes ahead of B's clock: flagged 'future' on B. At the merge it is no longer in the future.
    const ahead = thirdDevice(event, p1, minutes(40));
    await mergeIncomingSafety(b, event, [ahead], minutes(20));
    // A record timed before the event: flagged on B, then accepted there.
    const early = thirdDevice(event, p2, minutes(-30), 'absent');
    await mergeIncomingSafety(b, event, [early], minutes(21));
    await acceptFlaggedSafety(b, early.id, minutes(21));
    // The same early record on both: flagged on A, accepted on B.
    const both = thirdDevice(event, p3, minutes(-20));
    await mergeIncomingSafety(a, event, [both], minutes(22));
    await mergeIncomingSafety(b, event, [both], minutes(22));
    await acceptFlaggedSafety(b, both.id, minutes(22));
    // Straight into B's table: a person no store holds, and an event no store holds.
    const stranger = thirdDevice(event, 'nobody-1', minutes(30));
    const orphan = { ...thirdDevice(event, p0, minutes(30)), eventId: 'ZZZZ2222' };
    await b.safetyRecords.bulkPut([stranger, orphan]);
    const aBoth = (await a.safetyRecords.get(both.id))!;
    const aWithNote = (await a.safetyRecords.get(withNote.id))!;
    expect(aWithNote).toMatchObject({ note: '', receivedAt: iso(minutes(11)), flag: null });
    expect((await b.safetyRecords.get(ahead.id))!.flag).toBe('future');
    expect((await b.safetyRecords.get(early.id))!.flag).toBeNull();

    const now = minutes(60);
    const decoded = await backupOf(b, now);
    const summary = await merge(a, decoded, now);

    expect(await a.safetyRecords.get(withNote.id)).toEqual({ ...aWithNote, note: '薬が切れそう' });
    expect(await a.safetyRecords.get(ahead.id)).toMatchObject({ flag: 'future', receivedAt: iso(now) });
    expect(await a.safetyRecords.get(early.id)).toMatchObject({ flag: 'before_event', receivedAt: iso(now) });
    expect(await a.safetyRecords.get(both.id)).toEqual(aBoth);
    expect(await a.safetyRecords.get(stranger.id)).toBeUndefined();
    expect(await a.safetyRecords.where('eventId').equals('ZZZZ2222').count()).toBe(0);
    expect(summary.added).toMatchObject({ safetyRecords: 2 });
    expect(summary.safety).toEqual({ flagged: 2, notesFilled: 1, changedPeople: 0, unknownPeople: 1, withoutEvent: 1 });
    // Flagged records stay off the board: only p0's record (A's own copy, note filled) counts.
    expect([...latestByPerson(await recordsOf(a, event.id)).keys()]).toEqual([p0]);

    const before = await snapshot(a);
    expect(await merge(a, decoded, minutes(61))).toMatchObject({ changed: false, addedTotal: 0, safety: { flagged: 0, notesFilled: 0, changedPeople: 0, unknownPeople: 1, withoutEvent: 1 } });
    expect(await snapshot(a)).toEqual(before);
  });
});

describe('an event ended on either device', () => {
  it('on here, ended on B by the button: ends here too (B’s end), with this device’s 「災害時モードの終了」 entry and count; joining again turns it back on', async () => {
    const { a, b, event } = await sharedEvent();
    const revealed = await unconsentedIds(a, 'demo-d3');
    expect((await shareablePeople(a, {}, minutes(30))).revealedIds.size).toBe(revealed.length);
    const ended = await endEmergency(b, event.id, minutes(30));
    const now = minutes(40);
    const decoded = await backupOf(b, now);
    const summary = await merge(a, decoded, now);

    const onA = (await getEmergency(a, event.id))!;
    expect(onA).toMatchObject({ endedAt: iso(minutes(30)), endedBy: B_OPERATOR, endReason: 'ended', startedBy: A_OPERATOR });
    expect(ended.endedAt).toBe(onA.endedAt);
    expect(await activeEmergency(a, now)).toBeNull();
    expect((await shareablePeople(a, {}, now)).revealedIds.size).toBe(0);
    const own = (await a.disclosures.toArray()).filter((d) => d.mergedFrom === undefined);
    const off = own.filter((d) => d.kind === 'emergency-off');
    expect(off).toHaveLength(1);
    expect(off[0]).toMatchObject({ at: iso(now), operator: A_OPERATOR, emergencyId: event.id, count: revealed.length });
    expect([...off[0].personIds].sort()).toEqual(revealed);
    expect(off[0].what).toContain('統合した別の端末で終了済み');
    const line = summary.updated.find((u) => u.table === 'emergencies')!;
    expect(line.reason).toContain('この端末でも災害時モードを終えました');
    expect(line.reason).toContain('「この災害に参加する」');
    // The merge's own entry: made after the mode ended here, so not marked.
    expect(summary.disclosure!.emergencyId).toBeUndefined();

    const before = await snapshot(a);
    expect(await merge(a, decoded, minutes(41))).toMatchObject({ changed: false, updated: [] });
    expect(await snapshot(a)).toEqual(before);

    await joinEmergency(a, eventTicketOf(onA), true, minutes(45));
    expect((await activeEmergency(a, minutes(45)))?.id).toBe(event.id);
  });

  it('ended here, on on B: stays ended (a merge never switches the mode on) and takes B’s Plan B marks; no switching entry here', async () => {
    const { a, b, event } = await sharedEvent();
    await endEmergency(a, event.id, minutes(30));
    await setPlanB(b, event.id, { closedShelterIds: ['s-x'] });
    const now = minutes(40);
    const summary = await merge(a, await backupOf(b, now), now);
    const onA = (await getEmergency(a, event.id))!;
    expect(onA).toMatchObject({ endedAt: iso(minutes(30)), endedBy: A_OPERATOR, endReason: 'ended', closedShelterIds: ['s-x'] });
    expect(await activeEmergency(a, now)).toBeNull();
    expect((await shareablePeople(a, {}, now)).revealedIds.size).toBe(0);
    const own = (await a.disclosures.toArray()).filter((d) => d.mergedFrom === undefined);
    expect(own.filter((d) => d.kind.startsWith('emergency-'))).toHaveLength(2); // A's own on and off
    expect(summary.updated.find((u) => u.table === 'emergencies')!.reason).toBe('相手の端末で付けた印（開設しない避難所1か所）を加えました');
  });

  it('ended on both: the earlier end, with who ended it; merging back changes nothing on the device that ended first', async () => {
    const { a, b, event } = await sharedEvent();
    await endEmergency(a, event.id, minutes(50));
    await endEmergency(b, event.id, minutes(30));
    const summary = await merge(a, await backupOf(b, minutes(60)), minutes(60));
    expect(await getEmergency(a, event.id)).toMatchObject({ endedAt: iso(minutes(30)), endedBy: B_OPERATOR, endReason: 'ended' });
    expect(summary.updated.find((u) => u.table === 'emergencies')!.reason).toMatch(/^終了の日時を、先に終えた相手の端末の終了（.+、佐藤 一郎）に合わせました$/);
    const onB = await getEmergency(b, event.id);
    const back = await merge(b, await backupOf(a, minutes(61)), minutes(61));
    expect(back.updated.filter((u) => u.table === 'emergencies')).toEqual([]);
    expect(await getEmergency(b, event.id)).toEqual(onB);
  });

  it('B reached the 72-hour limit without seeing A’s renewal: A stays on with its later limit; back on B the event stays ended, with the later limit', async () => {
    const { a, b, event } = await sharedEvent();
    const renewed = await renewEmergency(a, event.id, hours(60));
    const [expired] = await expireEmergencies(b, hours(80));
    expect(expired).toMatchObject({ endReason: 'expired', endedAt: iso(hours(EMERGENCY_HOURS)) });
    const now = hours(80);
    const summary = await merge(a, await backupOf(b, now), now);
    expect(await getEmergency(a, event.id)).toEqual(renewed);
    expect((await activeEmergency(a, now))?.id).toBe(event.id);
    expect(summary.updated.filter((u) => u.table === 'emergencies')).toEqual([]);

    await merge(b, await backupOf(a, hours(81)), hours(81));
    expect(await getEmergency(b, event.id)).toMatchObject({ endReason: 'expired', endedAt: iso(hours(EMERGENCY_HOURS)), expiresAt: renewed.expiresAt, renewals: renewed.renewals });
    expect(await activeEmergency(b, hours(81))).toBeNull();
  });
});

describe('an event only the other device holds', () => {
  it('still on there: not taken, nor its records, and named in the summary; after joining it here, merging again brings the records', async () => {
    const { a, b } = await twoDevices();
    const event = await startEmergency(b, INPUT, T0);
    const [p0, p1] = (await b.people.where('districtId').equals('demo-d3').primaryKeys()).sort();
    await recordSafety(b, { eventId: event.id, personId: p0, status: 'safe' }, minutes(10));
    await recordSafety(b, { eventId: event.id, personId: p1, status: 'absent' }, minutes(11));
    const summary = await merge(a, await backupOf(b, minutes(20)), minutes(20));
    expect(summary.eventsNotJoined).toEqual([{ id: event.id, name: INPUT.name, records: 2 }]);
    expect(summary.added.emergencies).toBeUndefined();
    expect(summary.added.safetyRecords).toBeUndefined();
    expect(await a.emergencies.count()).toBe(0);
    expect(await a.safetyRecords.count()).toBe(0);
    expect((await shareablePeople(a, {}, minutes(20))).revealedIds.size).toBe(0);

    await joinEmergency(a, eventTicketOf(event), true, minutes(25));
    const again = await merge(a, await backupOf(b, minutes(30)), minutes(30));
    expect(again.eventsNotJoined).toEqual([]);
    expect(again.added).toMatchObject({ safetyRecords: 2 });
    expect(again.safety.changedPeople).toBe(2);
    expect(await a.safetyRecords.count()).toBe(2);
  });

  it('ended there: taken as it is with its records, counted, nothing switched here', async () => {
    const { a, b } = await twoDevices();
    const event = await startEmergency(b, INPUT, T0);
    const [p0] = (await b.people.where('districtId').equals('demo-d3').primaryKeys()).sort();
    const record = await recordSafety(b, { eventId: event.id, personId: p0, status: 'safe', note: '自宅で無事' }, minutes(10));
    const ended = await endEmergency(b, event.id, minutes(30));
    const now = minutes(40);
    const summary = await merge(a, await backupOf(b, now), now);
    expect(await getEmergency(a, event.id)).toEqual(ended);
    expect(await a.safetyRecords.toArray()).toEqual([{ ...record, receivedAt: iso(now) }]);
    expect(summary.added).toMatchObject({ emergencies: 1, safetyRecords: 1 });
    expect(summary.addedTotal).toBeGreaterThanOrEqual(2);
    expect((await a.disclosures.toArray()).filter((d) => d.mergedFrom === undefined && d.kind.startsWith('emergency-'))).toEqual([]);
    expect(await activeEmergency(a, now)).toBeNull();
  });

  it('not ended there but past its limit now: taken as ended by the limit (at its limit), no entry here', async () => {
    const { a, b } = await twoDevices();
    const event = await startEmergency(b, INPUT, T0);
    const now = hours(EMERGENCY_HOURS + 1);
    const summary = await merge(a, await backupOf(b, now), now);
    expect(await getEmergency(a, event.id)).toEqual({ ...event, endedAt: event.expiresAt, endedBy: null, endReason: 'expired' });
    expect(summary.added.emergencies).toBe(1);
    expect(summary.eventsNotJoined).toEqual([]);
    expect((await a.disclosures.toArray()).filter((d) => d.mergedFrom === undefined && d.kind.startsWith('emergency-'))).toEqual([]);
  });

  it('records of demo people this device removed are not brought back (counted with the demo)', async () => {
    const { a, b } = await twoDevices();
    const event = await startEmergency(b, INPUT, T0);
    const [p0] = (await b.people.where('districtId').equals('demo-d3').primaryKeys()).sort();
    await recordSafety(b, { eventId: event.id, personId: p0, status: 'safe' }, minutes(10));
    await endEmergency(b, event.id, minutes(30));
    await removeDemo(a);
    const summary = await merge(a, await backupOf(b, minutes(40)), minutes(40));
    expect(await a.safetyRecords.count()).toBe(0);
    expect(summary.added.safetyRecords).toBeUndefined();
    expect(summary.demoSkipped).toBeGreaterThan(await b.people.count());
  });
});

describe('mergeEmergency (the rule for one event)', () => {
  const base: Emergency = { id: 'K7M2QX9A', name: '令和9年 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d3'], includeRefused: true, authorised: true, startedAt: iso(T0), startedBy: A_OPERATOR, expiresAt: iso(hours(72)), renewals: [], endedAt: null, endedBy: null, endReason: null, revealedCount: 7, closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] };
  const renewal = (h: number, by: string) => ({ at: iso(hours(h)), by, expiresAt: iso(hours(h + 72)) });
  const states: Record<string, Emergency> = {
    on: base,
    renewed: { ...base, expiresAt: iso(hours(100)), renewals: [renewal(28, B_OPERATOR)], closedShelterIds: ['s-1'] },
    renewedTwice: { ...base, expiresAt: iso(hours(110)), renewals: [renewal(28, B_OPERATOR), renewal(38, A_OPERATOR)], absentSupporterIds: ['sup-1'] },
    ended: { ...base, endedAt: iso(hours(10)), endedBy: B_OPERATOR, endReason: 'ended', fullShelterIds: ['s-2'] },
    endedLater: { ...base, endedAt: iso(hours(20)), endedBy: A_OPERATOR, endReason: 'ended' },
    expired: { ...base, endedAt: iso(hours(72)), endReason: 'expired' },
  };

  it('is idempotent, never turns an ended event on, keeps the later limit and every mark and renewal, and ends by the earlier end', () => {
    for (const [oursName, ours] of Object.entries(states)) {
      for (const [theirsName, theirs] of Object.entries(states)) {
        const m = mergeEmergency(ours, theirs);
        const where = `${oursName} ← ${theirsName}`;
        expect(mergeEmergency(m, theirs), where).toEqual(m);
        if (ours.endedAt !== null) expect(m.endedAt, where).not.toBeNull();
        expect(Date.parse(m.expiresAt), where).toBe(Math.max(Date.parse(ours.expiresAt), Date.parse(theirs.expiresAt)));
        for (const list of ['closedShelterIds', 'fullShelterIds', 'absentSupporterIds'] as const) expect(m[list], where).toEqual([...new Set([...ours[list], ...theirs[list]])]);
        expect(m.renewals.map((r) => r.at), where).toEqual([...new Set([...ours.renewals, ...theirs.renewals].map((r) => r.at))].sort());
        expect({ ...m, expiresAt: '', renewals: [], endedAt: null, endedBy: null, endReason: null, closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] }, where).toEqual({ ...ours, expiresAt: '', renewals: [], endedAt: null, endedBy: null, endReason: null, closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] });
      }
    }
    expect(mergeEmergency(states.on, states.ended)).toMatchObject({ endedAt: iso(hours(10)), endedBy: B_OPERATOR, endReason: 'ended' });
    expect(mergeEmergency(states.endedLater, states.ended)).toMatchObject({ endedAt: iso(hours(10)), endedBy: B_OPERATOR });
    expect(mergeEmergency(states.ended, states.endedLater)).toMatchObject({ endedAt: iso(hours(10)), endedBy: B_OPERATOR });
    // Expired on the other device, whose limit is earlier than ours (it had not seen our renewal): not an end here.
    expect(mergeEmergency(states.renewed, states.expired).endedAt).toBeNull();
    // …but with the same limit it is.
    expect(mergeEmergency(states.on, states.expired)).toMatchObject({ endedAt: iso(hours(72)), endReason: 'expired' });
    expect(mergeEmergency(states.on, states.on)).toBe(states.on);
  });

  it('the summary names both tables', () => {
    expect(MERGE_TABLE_LABELS).toMatchObject({ emergencies: '災害時モード', safetyRecords: '安否の記録' });
  });
});
