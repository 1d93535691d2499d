import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deviceShortId } from '../../../src/db/device';
import { endEmergency, joinEmergency, startEmergency } from '../../../src/db/emergencies';
import { loadDemoIfFirstStart } from '../../../src/db/demo';
import { setOperator } from '../../../src/db/operator';
import { acceptFlaggedSafety, listSafetyRecords, mergeIncomingSafety, recordSafety, recordsToSend } from '../../../src/db/safetyRecords';
import type { HinanDatabase } from '../../../src/db/schema';
import { decodeEventTicket, decodeSafetyQr, encodeEventTicket, encodeSafetyQr } from '../../../src/io/safetyQr';
import { readSafetyFile, safetyFileBytes } from '../../../src/io/safetyFile';
import { openTestDb, readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const T0 = new Date('2027-09-01T12:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** A device: its own store with the demo 名簿 and a 作業者名. */
async function device(operator: string): Promise<HinanDatabase> {
  const db = openTestDb();
  await loadDemoIfFirstStart(db, async () => demo);
  await setOperator(db, operator);
  return db;
}

/** Device A starts the event; device B joins it by reading A's event QR. */
async function twoDevices() {
  const a = await device('本部 一郎');
  const b = await device('班長 花子');
  const event = await startEmergency(a, { name: '令和9年 台風10号 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: true, authorised: true }, T0);
  const read = decodeEventTicket(encodeEventTicket(event));
  if (!read.ok) throw new Error(read.message);
  const joined = await joinEmergency(b, read.ticket, true, at(5));
  return { a, b, event, joined };
}

describe('安否 records in the store', () => {
  it('are recorded on the device with its short id, and refused for someone not on the 名簿 or after the event', async () => {
    const { a, event } = await twoDevices();
    const r = await recordSafety(a, { eventId: event.id, personId: 'demo-p004', status: 'evacuated', shelterId: 'S-1', note: ' ご家族と一緒 ' }, at(10));
    expect(r).toMatchObject({ recorder: await deviceShortId(a), personId: 'demo-p004', status: 'evacuated', shelterId: 'S-1', note: 'ご家族と一緒', at: '2027-09-01T12:10:00Z', receivedAt: null, flag: null });
    await expect(recordSafety(a, { eventId: event.id, personId: 'nobody', status: 'safe' }, at(11))).rejects.toThrow('この人は今の名簿にいない');
    await expect(recordSafety(a, { eventId: 'ZZZZZZZZ', personId: 'demo-p001', status: 'safe' }, at(11))).rejects.toThrow('ZZZZZZZZ');
    await expect(recordSafety(a, { eventId: event.id, personId: 'demo-p001', status: 'safe', note: 'あ'.repeat(501) }, at(11))).rejects.toThrow('500文字');
    await endEmergency(a, event.id, at(20));
    await expect(recordSafety(a, { eventId: event.id, personId: 'demo-p001', status: 'safe' }, at(21))).rejects.toThrow('終わっている');
    // ending the mode deleted nothing
    expect(await listSafetyRecords(a, event.id)).toEqual([r]);
  });

  it('travel from one device to another by QR code and by file; reading twice changes nothing', async () => {
    const { a, b, event, joined } = await twoDevices();
    for (const [i, id] of ['demo-p001', 'demo-p004', 'demo-p005'].entries()) await recordSafety(a, { eventId: event.id, personId: id, status: 'safe' }, at(10 + i));
    await recordSafety(b, { eventId: joined.id, personId: 'demo-p002', status: 'needs_help', note: '足を痛めている' }, at(12));
    await recordSafety(b, { eventId: joined.id, personId: 'demo-p001', status: 'evacuated', shelterId: 'S-9' }, at(30));

    // A's QR codes, read on B
    const idA = await deviceShortId(a);
    const sendA = await recordsToSend(a, event.id, idA);
    expect(sendA).toHaveLength(3);
    const incoming = encodeSafetyQr(event, idA, sendA, 120).flatMap((text) => {
      const read = decodeSafetyQr(text, joined);
      if (!read.ok) throw new Error(read.message);
      return read.records;
    });
    const first = await mergeIncomingSafety(b, joined, incoming, at(40));
    expect(first.added).toHaveLength(3);
    // demo-p001: B's own 避難済 at 30 stays the latest
    expect(first.changedPeople).toEqual(['demo-p004', 'demo-p005']);
    const again = await mergeIncomingSafety(b, joined, incoming, at(41));
    expect(again).toMatchObject({ added: [], duplicates: 3, changedPeople: [], flagged: [] });
    expect(await listSafetyRecords(b, joined.id)).toHaveLength(5);
    // B sends only its own
    const idB = await deviceShortId(b);
    expect(idB).not.toBe(idA);
    const sendB = await recordsToSend(b, joined.id, idB);
    expect(sendB.map((r) => r.personId)).toEqual(['demo-p002', 'demo-p001']);

    // B's QR codes read on A first (no notes) …
    const idBQr = encodeSafetyQr(joined, idB, sendB).flatMap((text) => {
      const r = decodeSafetyQr(text, event);
      if (!r.ok) throw new Error(r.message);
      return r.records;
    });
    expect((await mergeIncomingSafety(a, event, idBQr, at(44))).changedPeople).toEqual(['demo-p002', 'demo-p001']);
    expect((await a.safetyRecords.where('personId').equals('demo-p002').first())?.note).toBe('');
    // … then B's file: the note travels and fills in the same record
    const read = readSafetyFile(safetyFileBytes(joined, idB, sendB, at(45)), 'b.json', event);
    if (!read.ok) throw new Error(read.message);
    const merged = await mergeIncomingSafety(a, event, read.records, at(50));
    expect(merged).toMatchObject({ added: [], duplicates: 2, changedPeople: [] });
    expect(merged.notesFilled.map((r) => r.personId)).toEqual(['demo-p002']);
    expect(await mergeIncomingSafety(a, event, read.records, at(51))).toMatchObject({ duplicates: 2, notesFilled: [] });
    const onA = await listSafetyRecords(a, event.id);
    const onB = await listSafetyRecords(b, joined.id);
    expect(onA.map((r) => r.id)).toEqual(onB.map((r) => r.id));
    expect(onA.find((r) => r.personId === 'demo-p002')).toMatchObject({ note: '足を痛めている', receivedAt: at(44).toISOString(), recorder: idB });
  });

  it('keep records of people not on this device’s 名簿 out, flag odd times until accepted', async () => {
    const { a, b, event, joined } = await twoDevices();
    const idA = await deviceShortId(a);
    await recordSafety(a, { eventId: event.id, personId: 'demo-p003', status: 'safe' }, at(10));
    await recordSafety(a, { eventId: event.id, personId: 'demo-p006', status: 'safe' }, at(11));
    await recordSafety(a, { eventId: event.id, personId: 'demo-p007', status: 'safe' }, at(100)); // A's clock runs fast
    const p006 = await b.people.get('demo-p006');
    await b.people.put({ ...p006!, archived: { updateId: 'u1', at: T0.toISOString(), on: '2027-09-01', reason: 'moved_out', fileName: 'meibo.csv' } });
    const [text] = encodeSafetyQr(event, idA, await recordsToSend(a, event.id, idA));
    const read = decodeSafetyQr(text, joined);
    if (!read.ok) throw new Error(read.message);
    const result = await mergeIncomingSafety(b, joined, read.records, at(20));
    expect(result.unknownPeople).toEqual(['demo-p006']);
    expect(result.flagged.map((r) => [r.personId, r.flag])).toEqual([['demo-p007', 'future']]);
    expect(result.added.map((r) => r.personId)).toEqual(['demo-p003']);
    const stored = await listSafetyRecords(b, joined.id);
    expect(stored.map((r) => r.personId)).toEqual(['demo-p003', 'demo-p007']);
    // Not while its time is still ahead (it would stay the latest and hide every real record until then)…
    await expect(acceptFlaggedSafety(b, result.flagged[0].id, at(20))).rejects.toThrow('まだ来ていない');
    expect((await b.safetyRecords.get(result.flagged[0].id))?.flag).toBe('future');
    // …once the time has come (the clocks were put right), it may be accepted.
    await acceptFlaggedSafety(b, result.flagged[0].id, at(100));
    expect((await b.safetyRecords.get(result.flagged[0].id))?.flag).toBeNull();
    await expect(acceptFlaggedSafety(b, 'no such record')).rejects.toThrow('見つかりません');
    await expect(mergeIncomingSafety(b, { ...joined, id: 'ZZZZZZZZ' }, read.records, at(21))).rejects.toThrow('ZZZZZZZZ');
  });
});
