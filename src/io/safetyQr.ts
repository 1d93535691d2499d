/**
 * Text carried by QR codes between devices during a 災害時モード event, with no personal data.
 *
 * 安否 QR (one or more parts):
 *   `HINAN-ANPI1|<event code>|<recorder>|<part>/<parts>|<origin>|<records>|<CRC-32>`
 *   origin: the event's start on the showing device, whole seconds since 1970 (UTC); records
 *   separated by 「;」, each `<person id>,<status code>,<seconds since the origin>[,<shelter id>[,<recorder>]]`
 *   (the shelter only for 避難済; a record's own recorder only when it differs from the part's, e.g.
 *   a device passing on records of another). Ids escape 「%|,;」 and line ends as %XX. No names,
 *   addresses, phone numbers or notes: notes travel only in files (io/safetyFile.ts).
 * Event QR (for joining an event on another device):
 *   `HINAN-EVENT1|<event code>|<alert level>|<hazard>|<1 = refused included>|<started at>|<expires at>|<district ids, 「,」>|<event name>|<CRC-32>`
 * The CRC-32 (8 hex digits) covers everything before its 「|」; a QR damaged or edited by hand is refused.
 * The origin travels in the QR, so the reading device needs no start time of its own to the second
 * (a device that joined by typing the code knows it only to the minute): record times are absolute.
 */
import { crc32Hex } from '../core/checksum';
import { ALERT_LEVELS, isDeviceShortId, isEventCode, type Emergency, type EventTicket } from '../core/emergency';
import { isHazardType } from '../core/hazard';
import { makeSafetyRecord, safetyRecordTime, safetyStatusOfCode } from '../core/safetyMerge';
import { SAFETY_STATUS_CODES, type SafetyRecord } from '../core/safetyRecord';

export const SAFETY_QR_PREFIX = 'HINAN-ANPI1';
export const EVENT_QR_PREFIX = 'HINAN-EVENT1';

export type { EventTicket } from '../core/emergency';

export type SafetyQrRead = { ok: true; eventId: string; recorder: string; part: number; parts: number; records: SafetyRecord[] } | { ok: false; message: string };

export const TAMPERED_MESSAGE = '読み取った内容が壊れているか書き換えられています。もう一度読み取ってください。';

/** An id or text made safe between separators (「%|,;」 and line ends as %XX). */
export function escapeQrField(text: string): string {
  return text.replace(/[%|,;\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** The inverse of `escapeQrField`. */
export function unescapeQrField(text: string): string {
  return text.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Whole seconds since the epoch of the event's start (the origin of the seconds in a QR made here). */
const startSeconds = (event: Pick<Emergency, 'startedAt'>) => Math.floor(Date.parse(event.startedAt) / 1000);

/** UTF-8 length of a text (what the QR code holds). */
const byteLength = (text: string) => new TextEncoder().encode(text).length;

/** The text with its CRC-32 appended. */
const sealed = (body: string) => `${body}|${crc32Hex(body)}`;

/**
 * Splits the body from its CRC-32; null when the CRC does not match (damaged or edited). The CRC
 * is read without regard to case (a QR reader may give it either way).
 */
function unsealed(text: string): string | null {
  const cut = text.lastIndexOf('|');
  if (cut < 0) return null;
  const body = text.slice(0, cut);
  return text.slice(cut + 1).toUpperCase() === crc32Hex(body) ? body : null;
}

function recordEntry(r: SafetyRecord, recorder: string, origin: number): string {
  const seconds = Math.floor(Date.parse(r.at) / 1000) - origin;
  const fields = [escapeQrField(r.personId), SAFETY_STATUS_CODES[r.status], String(seconds)];
  const shelter = r.status === 'evacuated' && r.shelterId ? escapeQrField(r.shelterId) : '';
  if (r.recorder !== recorder) fields.push(shelter, escapeQrField(r.recorder));
  else if (shelter) fields.push(shelter);
  return fields.join(',');
}

/**
 * The QR texts for `records` (the recorder's own, or passed on from others), as few parts as fit
 * in `maxChars` UTF-8 bytes each (a record that alone is longer gets a part of its own). No names,
 * addresses or notes. Empty when there are no records.
 */
export function encodeSafetyQr(event: Pick<Emergency, 'id' | 'startedAt'>, recorder: string, records: readonly SafetyRecord[], maxChars = 600): string[] {
  if (records.length === 0) return [];
  const origin = startSeconds(event);
  const entries = records.map((r) => recordEntry(r, recorder, origin));
  const sizes = entries.map(byteLength);
  // The header's length depends on the digits of the part count: pack again with more digits if needed.
  for (let digits = 1; ; digits++) {
    const overhead = byteLength(`${SAFETY_QR_PREFIX}|${event.id}|${recorder}|${'9'.repeat(digits)}/${'9'.repeat(digits)}|${origin}||`) + 8 + 1;
    const parts: string[][] = [];
    let current: string[] = [];
    let size = overhead;
    entries.forEach((entry, i) => {
      const extra = sizes[i] + (current.length > 0 ? 1 : 0);
      if (current.length > 0 && size + extra > maxChars) {
        parts.push(current);
        current = [];
        size = overhead;
      }
      size += sizes[i] + (current.length > 0 ? 1 : 0);
      current.push(entry);
    });
    parts.push(current);
    if (String(parts.length).length > digits) continue;
    return parts.map((list, i) => sealed(`${SAFETY_QR_PREFIX}|${event.id}|${recorder}|${i + 1}/${parts.length}|${origin}|${list.join(';')}`));
  }
}

const notOurs = (what: string): { ok: false; message: string } => ({ ok: false, message: `${what}ではありません。避難支援プランナーの${what}を読み取ってください。` });

/**
 * Reads one 安否 QR text for `event`: refused (in words) when it is not one, damaged, or of another
 * event. Times come from the QR's own origin, not from `event.startedAt`.
 */
export function decodeSafetyQr(text: string, event: Pick<Emergency, 'id' | 'name' | 'startedAt'>): SafetyQrRead {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${EVENT_QR_PREFIX}|`)) return { ok: false, message: 'これは災害に参加するためのQRコードです。安否の記録のQRコードを読み取ってください。' };
  if (!trimmed.startsWith(`${SAFETY_QR_PREFIX}|`)) return notOurs('安否の記録のQRコード');
  const body = unsealed(trimmed);
  if (body === null) return { ok: false, message: TAMPERED_MESSAGE };
  const fields = body.split('|');
  if (fields.length !== 6) return { ok: false, message: TAMPERED_MESSAGE };
  const [, eventId, recorder, partText, originText, recordsText] = fields;
  if (eventId !== event.id) {
    return { ok: false, message: `このQRコードは別の災害（識別コード ${eventId}）の記録です。この端末の災害は「${event.name}」（識別コード ${event.id}）です。` };
  }
  const partMatch = /^(\d+)\/(\d+)$/.exec(partText);
  const part = partMatch ? Number(partMatch[1]) : 0;
  const parts = partMatch ? Number(partMatch[2]) : 0;
  if (!isDeviceShortId(recorder) || part < 1 || part > parts || !/^\d{1,12}$/.test(originText)) return { ok: false, message: TAMPERED_MESSAGE };
  const origin = Number(originText);
  const records: SafetyRecord[] = [];
  for (const entry of recordsText === '' ? [] : recordsText.split(';')) {
    const record = readEntry(entry, eventId, recorder, origin);
    if (record === null) return { ok: false, message: TAMPERED_MESSAGE };
    records.push(record);
  }
  return { ok: true, eventId, recorder, part, parts, records };
}

function readEntry(entry: string, eventId: string, partRecorder: string, origin: number): SafetyRecord | null {
  const [personText, code, secondsText, shelterText = '', recorderText = '', ...rest] = entry.split(',');
  const status = safetyStatusOfCode(code ?? '');
  if (rest.length > 0 || !personText || status === null || !/^-?\d+$/.test(secondsText ?? '')) return null;
  const recorder = recorderText ? unescapeQrField(recorderText) : partRecorder;
  if (!isDeviceShortId(recorder)) return null;
  const at = new Date((origin + Number(secondsText)) * 1000);
  if (Number.isNaN(at.getTime())) return null; // a time no calendar holds (a tampered or broken code)
  return makeSafetyRecord({ eventId, personId: unescapeQrField(personText), status, recorder, at: at.toISOString(), shelterId: shelterText ? unescapeQrField(shelterText) : null, note: '' });
}

/** The event QR's text: what another device needs to join (no personal data). */
export function encodeEventTicket(e: EventTicket): string {
  const fields = [EVENT_QR_PREFIX, e.id, String(e.alertLevel), e.hazard, e.includeRefused ? '1' : '0', e.startedAt, e.expiresAt, e.districtIds.map(escapeQrField).join(','), escapeQrField(e.name)];
  return sealed(fields.join('|'));
}

/** Reads an event QR's text; refused (in words) when it is not one or damaged. */
export function decodeEventTicket(text: string): { ok: true; ticket: EventTicket } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith(`${SAFETY_QR_PREFIX}|`)) return { ok: false, message: 'これは安否の記録のQRコードです。災害に参加するには、災害のQRコードを読み取ってください。' };
  if (!trimmed.startsWith(`${EVENT_QR_PREFIX}|`)) return notOurs('災害のQRコード');
  const body = unsealed(trimmed);
  if (body === null) return { ok: false, message: TAMPERED_MESSAGE };
  const fields = body.split('|');
  if (fields.length !== 9) return { ok: false, message: TAMPERED_MESSAGE };
  const [, id, levelText, hazard, refused, startedAt, expiresAt, districtsText, nameText] = fields;
  const alertLevel = ALERT_LEVELS.find((l) => String(l) === levelText);
  const started = safetyRecordTime(startedAt);
  const expires = safetyRecordTime(expiresAt);
  const name = unescapeQrField(nameText).trim();
  if (!isEventCode(id) || alertLevel === undefined || !isHazardType(hazard) || (refused !== '0' && refused !== '1') || started === null || expires === null || !name) {
    return { ok: false, message: TAMPERED_MESSAGE };
  }
  const districtIds = districtsText === '' ? [] : districtsText.split(',').map(unescapeQrField);
  return { ok: true, ticket: { id, name, alertLevel, hazard, districtIds, includeRefused: refused === '1', startedAt, expiresAt } };
}
