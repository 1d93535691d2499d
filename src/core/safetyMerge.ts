/**
 * Merging 安否 records that arrive from other devices (QR codes, files) into this device's records.
 * Records are merged by id (`safetyRecordId`: event, recorder, person, time, status), so the same
 * QR or file read twice changes nothing. Every record is kept (the person's timeline); the board
 * shows each person's latest unflagged record. A record timed in the future (more than
 * `SAFETY_CLOCK_SLACK_MS` after now) or before the event started is kept but flagged: it is not
 * used on the board until someone accepts it. Records of people who are not on this device's
 * 名簿 are not merged; their ids are listed.
 */
import type { Emergency } from './emergency';
import { SAFETY_STATUS_CODES, SAFETY_STATUSES, safetyRecordId, type SafetyFlag, type SafetyRecord, type SafetyStatus } from './safetyRecord';

/** How far ahead of this device's clock a record may be before it is flagged 'future' (another device's clock may run a little fast). */
export const SAFETY_CLOCK_SLACK_MS = 5 * 60_000;

export interface SafetyMergeResult {
  /** New records to store that count on the board (not flagged), `receivedAt` set. */
  added: SafetyRecord[];
  /** Incoming records already here (same id) or repeated in the batch: nothing changes for them. */
  duplicates: number;
  /** New records to store that are flagged (kept in the timeline, not on the board until accepted). Disjoint from `added`. */
  flagged: SafetyRecord[];
  /** Person ids (each once, in order of first appearance) of incoming records for people not on this device's 名簿: not merged. */
  unknownPeople: string[];
  /** People whose latest record on the board changed (each once, in order of first appearance). */
  changedPeople: string[];
  /** Incoming records of another event: not merged (the readers refuse them before; counted here should one slip through). */
  otherEvent: number;
  /**
   * Records already here without a note (read from a QR code, which never carries notes) whose note
   * arrives now (from a file): the stored record with the note filled in. Counted among the
   * duplicates; nothing on the board changes.
   */
  notesFilled: SafetyRecord[];
}

export interface SafetyMergeContext {
  event: Pick<Emergency, 'id' | 'startedAt'>;
  knownPersonIds: ReadonlySet<string>;
  now: Date;
}

/** An instant as a record's time: ISO 8601, UTC, whole seconds, no milliseconds (「2026-09-01T12:34:56Z」); null when not a date. */
export function safetyRecordTime(at: Date | string): string | null {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return null;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The status of a one-letter code (SAFETY_STATUS_CODES), or null. */
export function safetyStatusOfCode(code: string): SafetyStatus | null {
  return SAFETY_STATUSES.find((s) => SAFETY_STATUS_CODES[s] === code) ?? null;
}

/** The fields a record is made of (its id, `receivedAt` and `flag` follow). */
export type SafetyRecordFields = Pick<SafetyRecord, 'eventId' | 'personId' | 'status' | 'recorder' | 'note'> & { at: string; shelterId?: string | null };

/**
 * A record with its time made canonical (`safetyRecordTime`) and its id computed from it, so a
 * record made here, read from a QR or read from a file has one id; the shelter is kept for 避難済 only.
 * `receivedAt` and `flag` are null (a merge sets them). Null when `at` is not a date.
 */
export function makeSafetyRecord(fields: SafetyRecordFields): SafetyRecord | null {
  const at = safetyRecordTime(fields.at);
  if (at === null) return null;
  const base = { eventId: fields.eventId, recorder: fields.recorder, personId: fields.personId, at, status: fields.status };
  return { id: safetyRecordId(base), ...base, shelterId: fields.status === 'evacuated' ? (fields.shelterId ?? null) : null, note: fields.note, receivedAt: null, flag: null };
}

/** Why a record's time is suspicious, or null: after `now` + slack, or before the event started. */
export function safetyFlagFor(at: string, event: Pick<Emergency, 'startedAt'>, now: Date): SafetyFlag | null {
  const t = Date.parse(at);
  if (t > now.getTime() + SAFETY_CLOCK_SLACK_MS) return 'future';
  if (t < Date.parse(event.startedAt)) return 'before_event';
  return null;
}

/** True when `a` is shown instead of `b` on the board: later `at`, ties broken by the greater id (so every device picks the same one). */
export function isNewerSafetyRecord(a: Pick<SafetyRecord, 'at' | 'id'>, b: Pick<SafetyRecord, 'at' | 'id'>): boolean {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return ta !== tb ? ta > tb : a.id > b.id;
}

/** Each person's latest unflagged record (the board's status). */
export function latestByPerson(records: readonly SafetyRecord[]): Map<string, SafetyRecord> {
  const latest = new Map<string, SafetyRecord>();
  for (const r of records) {
    if (r.flag !== null) continue;
    const current = latest.get(r.personId);
    if (!current || isNewerSafetyRecord(r, current)) latest.set(r.personId, r);
  }
  return latest;
}

/** What merging `incoming` into `existing` adds; pure — the caller stores `added` and `flagged`. */
export function mergeSafetyRecords(existing: readonly SafetyRecord[], incoming: readonly SafetyRecord[], ctx: SafetyMergeContext): SafetyMergeResult {
  const seen = new Map<string, SafetyRecord>();
  for (const r of existing) seen.set(r.id, r);
  const latest = latestByPerson(existing);
  const before = new Map<string, SafetyRecord | undefined>();
  const unknown = new Set<string>();
  const receivedAt = ctx.now.toISOString();
  const result: SafetyMergeResult = { added: [], duplicates: 0, flagged: [], unknownPeople: [], changedPeople: [], otherEvent: 0, notesFilled: [] };
  for (const r of incoming) {
    if (r.eventId !== ctx.event.id) {
      result.otherEvent++;
      continue;
    }
    const here = seen.get(r.id);
    if (here) {
      result.duplicates++;
      if (here.note === '' && r.note !== '') {
        const filled = { ...here, note: r.note };
        seen.set(r.id, filled);
        result.notesFilled.push(filled);
      }
      continue;
    }
    if (!ctx.knownPersonIds.has(r.personId)) {
      if (!unknown.has(r.personId)) {
        unknown.add(r.personId);
        result.unknownPeople.push(r.personId);
      }
      continue;
    }
    const flag = safetyFlagFor(r.at, ctx.event, ctx.now);
    const record: SafetyRecord = { ...r, receivedAt, flag };
    seen.set(r.id, record);
    if (flag !== null) {
      result.flagged.push(record);
      continue;
    }
    result.added.push(record);
    const current = latest.get(r.personId);
    if (!before.has(r.personId)) before.set(r.personId, current);
    if (!current || isNewerSafetyRecord(record, current)) latest.set(r.personId, record);
  }
  for (const [personId, old] of before) if (latest.get(personId) !== old) result.changedPeople.push(personId);
  return result;
}
