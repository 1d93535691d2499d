import {
  emergencyLimitAfter,
  isEmergencyActive,
  isEventCode,
  newEventCode,
  eventTicketOf,
  revealsPerson,
  validateEmergency,
  type AlertLevel,
  type Emergency,
  type EventTicket,
} from '../core/emergency';
import type { HazardType } from '../core/hazard';
import { japanDateTimeLabel } from '../core/japanDate';
import type { Person } from '../core/person';
import { OperatorMissingError, recordEmergencySwitch } from './disclosures';
import { activeEmergencyAt } from './emergencyActive';
import { getOperator } from './operator';
import { readAllPaged } from './paged';
import type { HinanDatabase } from './schema';

/**
 * 災害時モード events in the store (table `emergencies`): switching the mode on (here, or joining an
 * event started on another device), renewing its 72-hour limit, ending it (by the button or the
 * limit), and Plan B. Every switch on or off appends a 提供記録 entry with the number of people the
 * event reveals. Ending never deletes anything: the event and its 安否 records stay.
 */

export { activeEmergencyAt as activeEmergency } from './emergencyActive';

/** What the 「災害時モードにする」 dialog asks. */
export interface EmergencyStartInput {
  /** The event in words (「令和9年 台風10号 大雨」). */
  name: string;
  alertLevel: AlertLevel;
  hazard: HazardType;
  /** Districts to reveal; empty = every district. */
  districtIds: string[];
  /** Reveal people who refused consent too (pending are always revealed). */
  includeRefused: boolean;
  /** The 49-11-3 check box: the city provided or authorised the 名簿 for this disaster. */
  authorised: boolean;
}

export type { EventTicket } from '../core/emergency';

/** Plan B of an event: shelters that did not open or are full, supporters who cannot help. */
export type PlanBChange = Partial<Pick<Emergency, 'closedShelterIds' | 'fullShelterIds' | 'absentSupporterIds'>>;

const NOT_AUTHORISED = '市区町村から名簿の提供を受けた（または提供が認められた）ことを確認して、「災害対策基本法第49条の11第3項」の欄に印を付けてください。';

/** Thrown when the event is not in this store. */
function missing(id: string): Error {
  return new Error(`災害時モード（識別コード ${id}）がこの端末にありません。`);
}

function alreadyActive(e: Emergency): Error {
  return new Error(`災害時モード「${e.name}」（識別コード ${e.id}）が続いています。新しく始めるには、先に「災害時モードを終える」を押してください。`);
}

/** Throws the first field error of `e` (Japanese), if any. */
function checkValid(e: Emergency): void {
  const [first] = validateEmergency(e);
  if (first) throw new Error(first.message);
}

/** Ids of the people `e` reveals among the stored people (core/emergency.ts `revealsPerson`). */
async function revealedPeople(db: HinanDatabase, e: Emergency): Promise<string[]> {
  const ids: string[] = [];
  await readAllPaged(db.people, (page: Person[]) => {
    for (const p of page) if (revealsPerson(e, p)) ids.push(p.id);
  });
  return ids;
}

/** The tables a switch reads and writes (the operator in `meta`, the people it counts, the 提供記録). */
const switchTables = (db: HinanDatabase) => [db.emergencies, db.people, db.disclosures, db.meta];

/**
 * Stores an event on this device (started here, or joined), counts whom it reveals and writes its
 * 'emergency-on' entry. Joining an event already active here only takes a later limit from the
 * ticket (renewed on the device that started it) and writes nothing else; joining an event that
 * ended here opens it again with the ticket's limit (its 安否 records and Plan B kept).
 */
async function switchOn(db: HinanDatabase, e: Emergency, how: '開始' | '参加', now: Date): Promise<Emergency> {
  checkValid(e);
  await expireEmergencies(db, now); // on its own: a refusal below must not undo it
  return db.transaction('rw', switchTables(db), async () => {
    const active = await activeEmergencyAt(db, now);
    if (active && active.id !== e.id) throw alreadyActive(active);
    if (active) return active.expiresAt < e.expiresAt ? takeLaterLimit(db, active, e, now) : active;
    const before = await db.emergencies.get(e.id);
    const opened: Emergency = before ? { ...before, expiresAt: e.expiresAt, endedAt: null, endedBy: null, endReason: null } : e;
    const revealedIds = await revealedPeople(db, opened);
    const stored: Emergency = { ...opened, revealedCount: revealedIds.length };
    await db.emergencies.put(stored);
    await recordEmergencySwitch(db, { kind: 'emergency-on', event: stored, revealedIds, operator: e.startedBy, how: before ? '再参加' : how, at: now });
    return stored;
  });
}

/** A joined event's later limit (renewed where it was started), recorded as a renewal by this device's 作業者名. */
async function takeLaterLimit(db: HinanDatabase, active: Emergency, ticket: Emergency, now: Date): Promise<Emergency> {
  const renewed: Emergency = { ...active, expiresAt: ticket.expiresAt, renewals: [...active.renewals, { at: now.toISOString(), by: ticket.startedBy, expiresAt: ticket.expiresAt }] };
  await db.emergencies.put(renewed);
  return renewed;
}

/** A new event record on this device from its shared description (the ticket's fields): nothing renewed, ended, revealed or marked yet. */
function eventOnThisDevice(t: EventTicket, startedBy: string): Emergency {
  return {
    ...eventTicketOf(t),
    districtIds: [...new Set(t.districtIds)],
    authorised: true,
    startedBy,
    renewals: [],
    endedAt: null,
    endedBy: null,
    endReason: null,
    revealedCount: 0,
    closedShelterIds: [],
    fullShelterIds: [],
    absentSupporterIds: [],
  };
}

/** The operator, or a Japanese error when none was given on this device. */
async function requireOperator(db: HinanDatabase): Promise<string> {
  const operator = await getOperator(db);
  if (!operator) throw new OperatorMissingError();
  return operator;
}

/**
 * Switches the mode on: a new event with a new code, its limit `EMERGENCY_HOURS` from `now`.
 * Refuses (Japanese) without the 49-11-3 confirmation, without a 作業者名, or while another event
 * is active. Writes the 'emergency-on' entry with the number of people it reveals.
 */
export async function startEmergency(db: HinanDatabase, input: EmergencyStartInput, now: Date = new Date()): Promise<Emergency> {
  if (input.authorised !== true) throw new Error(NOT_AUTHORISED);
  const startedBy = await requireOperator(db);
  const startedAt = now.toISOString();
  let id = newEventCode();
  while (await db.emergencies.get(id)) id = newEventCode();
  const e = eventOnThisDevice({
    id,
    name: input.name.trim(),
    alertLevel: input.alertLevel,
    hazard: input.hazard,
    districtIds: input.districtIds,
    includeRefused: input.includeRefused,
    startedAt,
    expiresAt: emergencyLimitAfter(startedAt),
  }, startedBy);
  return switchOn(db, e, '開始', now);
}

/**
 * Joins on this device an event started on another (read from its QR code or file, or typed):
 * the same code, name, districts and limit; writes an 'emergency-on' entry. Refuses like
 * `startEmergency` (another event active here included) and when the ticket's limit has passed.
 * Reading the ticket of the event already active here changes only its limit, when the ticket's
 * is later (renewed on the other device); the ticket of an event that ended here opens it again.
 */
export async function joinEmergency(db: HinanDatabase, ticket: EventTicket, authorised: boolean, now: Date = new Date()): Promise<Emergency> {
  if (authorised !== true) throw new Error(NOT_AUTHORISED);
  const startedBy = await requireOperator(db);
  if (!isEventCode(ticket.id)) throw new Error(`災害の識別コード「${String(ticket.id)}」が正しくありません（8文字の英数字です）。`);
  const e = eventOnThisDevice({ ...ticket, name: typeof ticket.name === 'string' ? ticket.name.trim() : '' }, startedBy);
  checkValid(e);
  if (Date.parse(e.startedAt) > now.getTime() + JOIN_CLOCK_TOLERANCE_MS) {
    throw new Error(`災害時モード「${e.name}」の開始日時（${japanDateTimeLabel(e.startedAt)}）がこの端末の今の時刻より後です。開始日時（または、この端末の時計）を確かめてください。`);
  }
  // A ticket cannot reveal the 名簿 for longer than the mode's own limit from now: an edited or
  // mistyped limit (2099, a wrong year) ends 72 hours after joining at the latest.
  const latest = emergencyLimitAfter(now.toISOString());
  if (Date.parse(e.expiresAt) > Date.parse(latest)) e.expiresAt = latest;
  if (!isEmergencyActive(e, now)) {
    throw new Error(`災害時モード「${e.name}」（識別コード ${e.id}）は期限（${japanDateTimeLabel(e.expiresAt)}）を過ぎています。始めた端末で延長してから、もう一度読み取ってください。`);
  }
  return switchOn(db, e, '参加', now);
}

/** Ends `e` (stored, not yet ended) and writes its 'emergency-off' entry with the number of people hidden again. */
async function switchOff(db: HinanDatabase, e: Emergency, end: Pick<Emergency, 'endedAt' | 'endedBy' | 'endReason'>, at: Date, operator: string): Promise<Emergency> {
  const ended: Emergency = { ...e, ...end };
  const revealedIds = await revealedPeople(db, ended);
  await db.emergencies.put(ended);
  const how = end.endReason === 'expired' ? `の終了（${EMERGENCY_LIMIT_WORDS}）` : 'の終了';
  await recordEmergencySwitch(db, { kind: 'emergency-off', event: ended, revealedIds, operator, how, at });
  return ended;
}

const EMERGENCY_LIMIT_WORDS = '72時間の期限切れ';

/** How far a joined event's start may lie ahead of this device's clock (devices' clocks differ a little). */
const JOIN_CLOCK_TOLERANCE_MS = 10 * 60_000;

/** Ends every event whose limit passed by `now` (endedAt = its limit, endReason 'expired'). Inside a transaction with `switchTables`. */
async function endExpired(db: HinanDatabase, now: Date): Promise<Emergency[]> {
  const due = (await db.emergencies.toArray()).filter((e) => e.endedAt === null && !isEmergencyActive(e, now)).sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  if (!due.length) return [];
  const operator = await getOperator(db);
  const ended: Emergency[] = [];
  for (const e of due) ended.push(await switchOff(db, e, { endedAt: e.expiresAt, endedBy: null, endReason: 'expired' }, new Date(e.expiresAt), operator));
  return ended;
}

/**
 * Ends the events past their limit (the app calls it on load and every minute): each gets
 * endReason 'expired', endedAt = its limit, and an 'emergency-off' entry at that time. Returns them.
 */
export async function expireEmergencies(db: HinanDatabase, now: Date = new Date()): Promise<Emergency[]> {
  const due = (await db.emergencies.toArray()).some((e) => e.endedAt === null && !isEmergencyActive(e, now));
  if (!due) return []; // the usual case every minute: no write, no transaction
  return db.transaction('rw', switchTables(db), async () => await endExpired(db, now)); // an async function: Dexie follows its awaits
}

/**
 * 「災害時モードを終える」: ends the event now (who: the 作業者名) and writes the 'emergency-off'
 * entry with the number of people hidden again. Deletes nothing: the event and its 安否 records
 * stay. An event already ended is returned as it is; one past its limit ends as 'expired'.
 */
export async function endEmergency(db: HinanDatabase, id: string, now: Date = new Date()): Promise<Emergency> {
  return db.transaction('rw', switchTables(db), async () => {
    await endExpired(db, now);
    const e = await db.emergencies.get(id);
    if (!e) throw missing(id);
    if (e.endedAt !== null) return e;
    const operator = await getOperator(db);
    return switchOff(db, e, { endedAt: now.toISOString(), endedBy: operator || null, endReason: 'ended' }, now, operator);
  });
}

/** 「延長する」: the limit becomes `EMERGENCY_HOURS` from `now` (recorded in `renewals`). Refuses an event that has ended or passed its limit. */
export async function renewEmergency(db: HinanDatabase, id: string, now: Date = new Date()): Promise<Emergency> {
  const by = await requireOperator(db);
  await expireEmergencies(db, now); // on its own: the refusal below must not undo it
  return db.transaction('rw', switchTables(db), async () => {
    const e = await db.emergencies.get(id);
    if (!e) throw missing(id);
    if (e.endedAt !== null) {
      const why = e.endReason === 'expired' ? `72時間の期限（${japanDateTimeLabel(e.expiresAt)}）を過ぎたため終わっています` : '終わっています';
      throw new Error(`災害時モード「${e.name}」は${why}。続けるときは、もう一度「災害時モードにする」から始めてください。`);
    }
    const expiresAt = emergencyLimitAfter(now.toISOString());
    const renewed: Emergency = { ...e, expiresAt, renewals: [...e.renewals, { at: now.toISOString(), by, expiresAt }] };
    await db.emergencies.put(renewed);
    // A renewal keeps the 名簿 shown for longer: recorded like switching on, with who is still revealed.
    await recordEmergencySwitch(db, { kind: 'emergency-renew', event: renewed, revealedIds: await revealedPeople(db, renewed), operator: by, how: `の延長（${japanDateTimeLabel(expiresAt)}まで）`, at: now });
    return renewed;
  });
}

/** One event by its code, or undefined. */
export async function getEmergency(db: HinanDatabase, id: string): Promise<Emergency | undefined> {
  return db.emergencies.get(id);
}

/** Every event on this device, newest first (by start). */
export async function listEmergencies(db: HinanDatabase): Promise<Emergency[]> {
  return db.emergencies.orderBy('startedAt').reverse().toArray();
}

/** Sorted, without duplicates or blanks. */
const idList = (ids: readonly string[]) => [...new Set(ids.filter((id) => typeof id === 'string' && id !== ''))].sort();

/**
 * Plan B: sets the event's closed / full shelters and absent supporters (each list given replaces
 * the stored one; a list not given stays). Refuses an event that has ended.
 */
export async function setPlanB(db: HinanDatabase, id: string, change: PlanBChange): Promise<Emergency> {
  return db.transaction('rw', db.emergencies, async () => {
    const e = await db.emergencies.get(id);
    if (!e) throw missing(id);
    if (e.endedAt !== null) throw new Error(`災害時モード「${e.name}」は終わっているため、避難所・支援者の状況は変えられません。`);
    const next: Emergency = {
      ...e,
      closedShelterIds: idList(change.closedShelterIds ?? e.closedShelterIds),
      fullShelterIds: idList(change.fullShelterIds ?? e.fullShelterIds),
      absentSupporterIds: idList(change.absentSupporterIds ?? e.absentSupporterIds),
    };
    checkValid(next);
    await db.emergencies.put(next);
    return next;
  });
}
