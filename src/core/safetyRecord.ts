/**
 * 安否確認 records of one 災害時モード event. Each device records on its own; records travel
 * between devices as files and QR codes and are merged by person (core/safetyMerge.ts): the
 * latest record is the person's status on the board, every record stays in their timeline.
 * Times are ISO 8601 instants with whole seconds (UTC).
 */

/** Statuses a user records. 未確認 is the absence of any record, never stored. */
export const SAFETY_STATUSES = ['safe', 'needs_help', 'not_reached', 'evacuated', 'absent'] as const;
export type SafetyStatus = (typeof SAFETY_STATUSES)[number];

/** A person's state on the board: their latest status, or `unchecked` (未確認). */
export type SafetyState = SafetyStatus | 'unchecked';

export const SAFETY_STATUS_LABELS: Record<SafetyState, string> = {
  unchecked: '未確認',
  safe: '無事',
  needs_help: '要支援',
  not_reached: '連絡つかず',
  evacuated: '避難済',
  absent: '不在',
};

/**
 * One-letter codes carried in QR codes and files (never the label): stable across versions.
 * 安否 statuses: S 無事, H 要支援, N 連絡つかず, E 避難済, A 不在.
 */
export const SAFETY_STATUS_CODES: Record<SafetyStatus, string> = { safe: 'S', needs_help: 'H', not_reached: 'N', evacuated: 'E', absent: 'A' };

/** Statuses that count a person as confirmed (their whereabouts are known) for the minutes to half / 90 % / all. */
export const SAFETY_CONFIRMED_STATUSES: readonly SafetyStatus[] = ['safe', 'needs_help', 'evacuated', 'absent'];

/** Why a record was flagged instead of silently merged. */
export type SafetyFlag = 'future' | 'before_event';
export const SAFETY_FLAG_LABELS: Record<SafetyFlag, string> = {
  future: '記録の時刻が未来になっています（端末の時計を確認してください）',
  before_event: '記録の時刻が災害時モードの開始より前です',
};

/** One 安否 record (table `safetyRecords`). */
export interface SafetyRecord {
  /**
   * `safetyRecordId(...)`: made from the event, recorder, person, time and status, so the same
   * record read twice (the same QR, the same file) has the same id and changes nothing.
   */
  id: string;
  /** The event code (`Emergency.id`). */
  eventId: string;
  personId: string;
  status: SafetyStatus;
  /** For 避難済: the shelter id they reached, or null when not known / another place (see `note`). */
  shelterId: string | null;
  /** When it was recorded, ISO 8601, whole seconds. */
  at: string;
  /** The recording device's short id (4 characters, core/deviceId). */
  recorder: string;
  /** Free text (「ご家族と一緒」): kept in files, never in QR codes (it may hold personal data). */
  note: string;
  /** When this device merged it from another device, or null when recorded here. */
  receivedAt: string | null;
  /** Set when the time is suspicious; a flagged record is kept in the timeline but not used for the board until accepted. */
  flag: SafetyFlag | null;
}

/** The deterministic id of a record. */
export function safetyRecordId(r: Pick<SafetyRecord, 'eventId' | 'recorder' | 'personId' | 'at' | 'status'>): string {
  return `${r.eventId}|${r.recorder}|${r.personId}|${r.at}|${SAFETY_STATUS_CODES[r.status]}`;
}
