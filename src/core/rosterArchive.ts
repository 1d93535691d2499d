/**
 * 名簿から外れた人 — people (and supporters) a 名簿 update no longer lists (issue 11). They are
 * archived, never deleted: hidden from every view, print, export and drill exactly like a person
 * without consent, with their plans and history kept, until a later 名簿 lists them again (restored
 * with their plan) or the user removes them for good (「完全に削除」, recorded in the 提供記録).
 */
import { isShareable, isShareableWith, type Consent, type ConsentRecipient } from './consent';
import { ErrorList, isIsoDate, type FieldError } from './validation';

/** Why someone left the 名簿 (the user's answer in the update preview). */
export const ARCHIVE_REASONS = ['moved_out', 'deceased', 'facility', 'other', 'unknown'] as const;
export type ArchiveReason = (typeof ARCHIVE_REASONS)[number];
export const ARCHIVE_REASON_LABELS: Record<ArchiveReason, string> = {
  moved_out: '転出',
  deceased: '死亡',
  facility: '施設入所',
  other: 'その他',
  unknown: '不明',
};

/** The mark an update puts on a record that left the 名簿. */
export interface RosterArchive {
  /** The 名簿 update that archived the record (`RosterUpdateRecord.id`). */
  updateId: string;
  /** ISO 8601 instant of the update. */
  at: string;
  /** The update's date in Japan, `YYYY-MM-DD` (shown in the list, used for the retention period). */
  on: string;
  reason: ArchiveReason;
  /** The file the update read (shown in the list). */
  fileName: string;
}

/** True while the record is on the current 名簿 (not archived). */
export function isOnRoster(record: { archived?: RosterArchive }): boolean {
  return record.archived === undefined;
}

/**
 * THE person-level gate: a person may be shown on the map, in lists, prints, exports, drills and
 * hand-overs only when on the current 名簿 and their consent allows sharing. Every check of a
 * stored person goes through this (never `isShareable(p.consent)` alone).
 */
export function isPersonShown(person: { consent: Consent; archived?: RosterArchive }): boolean {
  return isOnRoster(person) && isShareable(person.consent);
}

/** `isPersonShown`, narrowed to people who agreed to `recipient` (消防団, 民生委員…). */
export function isPersonShownTo(person: { consent: Consent; archived?: RosterArchive }, recipient: ConsentRecipient): boolean {
  return isOnRoster(person) && isShareableWith(person.consent, recipient);
}

/** Field errors (Japanese) for an archive mark (absent is valid). */
export function validateArchive(a: RosterArchive | undefined, field = 'archived'): FieldError[] {
  if (a === undefined) return [];
  const e = new ErrorList();
  e.requireText(a?.updateId, `${field}.updateId`, '名簿更新の識別子', 64);
  e.check(typeof a?.at === 'string' && !Number.isNaN(Date.parse(a.at)), `${field}.at`, '名簿から外れた日時が読めません。');
  e.check(isIsoDate(a?.on), `${field}.on`, '名簿から外れた日は「2027-04-01」の形の日付で入力してください。');
  e.oneOf(a?.reason, ARCHIVE_REASONS, `${field}.reason`, '名簿から外れた理由', ARCHIVE_REASON_LABELS);
  e.optionalText(a?.fileName, `${field}.fileName`, '名簿のファイル名', 300);
  return e.errors;
}
