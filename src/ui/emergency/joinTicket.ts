import { ALERT_LEVELS, EVENT_CODE_ALPHABET, EVENT_CODE_LENGTH, emergencyLimitAfter, isEventCode, type AlertLevel } from '../../core/emergency';
import { fileNamePart } from '../../core/fileName';
import { isHazardType, type HazardType } from '../../core/hazard';
import { japanDateOf, japanTimeLabel } from '../../core/japanDate';
import { encodeEventTicket, type EventTicket } from '../../io/safetyQr';

/**
 * Joining an event started on another device without its QR code: the code and name typed from the
 * banner (or read aloud on the phone), and the 参加用ファイル (the event QR's text in a file; no
 * personal data). Pure helpers for EventJoin.svelte.
 */

/** What the user typed, as the form holds it. */
export interface TypedEvent {
  code: string;
  name: string;
  alertLevel: number;
  hazard: string;
  districtIds: string[];
  includeRefused: boolean;
  /** 開始日時 in Japan time as a datetime-local value (`YYYY-MM-DDTHH:mm`). */
  startedAt: string;
}

/** A typed code as stored: full-width letters made half-width, upper case, spaces and hyphens dropped. */
export function normaliseEventCode(typed: string): string {
  return typed.normalize('NFKC').toUpperCase().replace(/[\s\-ー－]/g, '');
}

/** A datetime-local value (`YYYY-MM-DDTHH:mm`) in Japan time for an instant. */
export function japanInputValue(at: Date | string): string {
  const iso = typeof at === 'string' ? at : at.toISOString();
  return `${japanDateOf(iso)}T${japanTimeLabel(iso)}`;
}

/** The instant (ISO 8601, UTC) of a datetime-local value read as Japan time, or null when it is not one. */
export function instantOfJapanInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00+09:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Why a typed code is not an event code, in words; null when it is one. */
function codeProblem(code: string): string | null {
  if (code.length !== EVENT_CODE_LENGTH) return `識別コードは${EVENT_CODE_LENGTH}文字です（入力は${code.length}文字）。災害時モードの帯に出ている識別コードを確かめてください。`;
  const wrong = [...new Set([...code].filter((c) => !EVENT_CODE_ALPHABET.includes(c)))];
  if (!wrong.length) return null;
  const hint = wrong.some((c) => '01OIL'.includes(c)) ? '（識別コードには 0・1・O・I・L は使いません。似た字を確かめてください）' : '';
  return `識別コードに使えない文字があります: ${wrong.join(' ')}${hint}`;
}

/** The ticket for a typed event (its limit `EMERGENCY_HOURS` after the start), or what is wrong, in words. */
export function typedTicket(typed: TypedEvent): { ok: true; ticket: EventTicket } | { ok: false; message: string } {
  const id = normaliseEventCode(typed.code);
  const problem = codeProblem(id);
  if (problem !== null || !isEventCode(id)) return { ok: false, message: problem ?? '識別コードが正しくありません。' };
  const name = typed.name.trim();
  if (!name) return { ok: false, message: '災害名を入力してください（始めた端末の帯に出ている名前です）。' };
  const alertLevel: AlertLevel | undefined = ALERT_LEVELS.find((l) => l === typed.alertLevel);
  if (alertLevel === undefined) return { ok: false, message: '警戒レベルを選んでください。' };
  const hazard: HazardType | null = isHazardType(typed.hazard) ? typed.hazard : null;
  if (hazard === null) return { ok: false, message: '災害の種類を選んでください。' };
  const startedAt = instantOfJapanInput(typed.startedAt);
  if (startedAt === null) return { ok: false, message: '開始日時を入力してください（始めた端末の帯に出ている時刻です）。' };
  return {
    ok: true,
    ticket: { id, name, alertLevel, hazard, districtIds: [...typed.districtIds], includeRefused: typed.includeRefused, startedAt, expiresAt: emergencyLimitAfter(startedAt) },
  };
}

/** The 参加用ファイル: the event QR's text, for a device without a camera (no personal data). */
export function ticketFileText(ticket: EventTicket): string {
  return `${encodeEventTicket(ticket)}\r\n`;
}

/** 「災害参加_<event>_<code>.txt」. */
export function ticketFileName(ticket: Pick<EventTicket, 'id' | 'name'>): string {
  return `災害参加_${fileNamePart(ticket.name)}_${ticket.id}.txt`;
}
