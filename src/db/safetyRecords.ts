import { isEmergencyActive, type Emergency } from '../core/emergency';
import { isOnRoster } from '../core/rosterArchive';
import { isNewerSafetyRecord, makeSafetyRecord, mergeSafetyRecords, SAFETY_CLOCK_SLACK_MS, type SafetyMergeResult } from '../core/safetyMerge';
import { japanDateTimeLabel } from '../core/japanDate';
import type { SafetyRecord, SafetyStatus } from '../core/safetyRecord';
import { SAFETY_NOTE_MAX_LENGTH } from '../io/safetyFile';
import { deviceShortId } from './device';
import { readAllPaged } from './paged';
import type { HinanDatabase } from './schema';

/**
 * 安否 records of 災害時モード events (table `safetyRecords`): recording one on this device,
 * merging those read from other devices' QR codes and files (core/safetyMerge.ts, one
 * transaction), accepting a flagged one, and the records this device sends. Records are never
 * deleted, not even when the mode ends.
 */

export interface SafetyInput {
  eventId: string;
  personId: string;
  status: SafetyStatus;
  /** For 避難済: the shelter reached, or null for another place (say where in `note`). */
  shelterId?: string | null;
  note?: string;
}

const byTime = (a: SafetyRecord, b: SafetyRecord) => (isNewerSafetyRecord(a, b) ? 1 : isNewerSafetyRecord(b, a) ? -1 : 0);

async function storedEvent(db: HinanDatabase, eventId: string): Promise<Emergency> {
  const event = await db.emergencies.get(eventId);
  if (!event) throw new Error(`災害時モード（識別コード ${eventId}）がこの端末にありません。災害に参加してから記録してください。`);
  return event;
}

/**
 * Records a person's status now, on this device (recorder = `deviceShortId`). Refuses (Japanese)
 * when the event is not active here, the person is not on the 名簿, or the note is too long.
 */
export async function recordSafety(db: HinanDatabase, input: SafetyInput, now: Date = new Date()): Promise<SafetyRecord> {
  const recorder = await deviceShortId(db);
  const note = (input.note ?? '').trim();
  if ([...note].length > SAFETY_NOTE_MAX_LENGTH) throw new Error(`メモは${SAFETY_NOTE_MAX_LENGTH}文字以内で入力してください。`);
  return db.transaction('rw', db.emergencies, db.people, db.safetyRecords, async () => {
    const event = await storedEvent(db, input.eventId);
    if (!isEmergencyActive(event, now)) throw new Error(`災害時モード「${event.name}」は終わっているため、安否を記録できません。`);
    const person = await db.people.get(input.personId);
    if (!person || !isOnRoster(person)) throw new Error('この人は今の名簿にいないため、安否を記録できません。');
    const record = makeSafetyRecord({ eventId: event.id, personId: person.id, status: input.status, at: now.toISOString(), recorder, shelterId: input.shelterId ?? null, note });
    if (record === null) throw new Error('端末の時計が読めないため、安否を記録できません。');
    await db.safetyRecords.put(record);
    return record;
  });
}

/** Every record of the event (flagged ones included), oldest first. Read-only (usable in liveQuery). */
export async function listSafetyRecords(db: HinanDatabase, eventId: string): Promise<SafetyRecord[]> {
  return (await db.safetyRecords.where('eventId').equals(eventId).toArray()).sort(byTime);
}

/**
 * Merges records read from another device (QR codes, a file) in one transaction: new records are
 * stored (flagged ones too, kept out of the board), duplicates change nothing (except that a note
 * a file brings fills in the same record read before from a QR code), records of people
 * not on this device's current 名簿 are left out and listed. Merging after the event ended is
 * allowed (late files still count for the summary); the event must be on this device.
 */
export async function mergeIncomingSafety(db: HinanDatabase, event: Emergency, incoming: readonly SafetyRecord[], now: Date = new Date()): Promise<SafetyMergeResult> {
  return db.transaction('rw', db.emergencies, db.people, db.safetyRecords, async () => {
    await storedEvent(db, event.id);
    const existing = await db.safetyRecords.where('eventId').equals(event.id).toArray();
    const knownPersonIds = new Set<string>();
    await readAllPaged(db.people, (page) => {
      for (const p of page) if (isOnRoster(p)) knownPersonIds.add(p.id);
    });
    const result = mergeSafetyRecords(existing, incoming, { event, knownPersonIds, now });
    await db.safetyRecords.bulkPut([...result.added, ...result.flagged, ...result.notesFilled]); // a filled note last: it wins
    return result;
  });
}

/** Accepts a flagged record (the user checked its time): it counts on the board from now on. */
export async function acceptFlaggedSafety(db: HinanDatabase, id: string, now: Date = new Date()): Promise<void> {
  await db.transaction('rw', db.safetyRecords, async () => {
    const record = await db.safetyRecords.get(id);
    if (!record) throw new Error('この安否の記録が見つかりません。');
    // A record still in the future would stay the person's latest until its time came, hiding every real record made meanwhile.
    if (Date.parse(record.at) > now.getTime() + SAFETY_CLOCK_SLACK_MS) {
      throw new Error(`この記録の時刻（${japanDateTimeLabel(record.at)}）はまだ来ていないため、採用できません。記録した端末（${record.recorder}）の時計を直してから、その人の状況をもう一度記録してください。`);
    }
    if (record.flag !== null) await db.safetyRecords.put({ ...record, flag: null });
  });
}

/** The records this device recorded for the event (`recorder`), oldest first: what its QR codes and files send. */
export async function recordsToSend(db: HinanDatabase, eventId: string, recorder: string): Promise<SafetyRecord[]> {
  return (await listSafetyRecords(db, eventId)).filter((r) => r.recorder === recorder);
}
