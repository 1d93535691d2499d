/**
 * 災害時モード — one disaster event during which the 名簿 may reach 避難支援等関係者 without consent
 * (災害対策基本法 第49条の11第3項). While an event is active, people of its districts whose consent
 * is pending (and refused, unless the city's rules exclude them) are shown, marked 「災害時提供」;
 * people who left the 名簿 never are. An event ends by the button or `EMERGENCY_HOURS` after it was
 * started or last renewed. Times are ISO 8601 instants (UTC); what is shown is Japan time.
 */
import { isShareable, type Consent } from './consent';
import { HAZARD_LABELS, HAZARD_TYPES, type HazardType } from './hazard';
import type { RosterArchive } from './rosterArchive';
import { isOnRoster } from './rosterArchive';
import { ErrorList, type FieldError } from './validation';

/** Hours an event stays on after it was started or renewed. */
export const EMERGENCY_HOURS = 72;

/** The marking on every print and export made while the mode is on, and on each revealed person. */
export const EMERGENCY_MARK = '災害時提供（災害対策基本法第49条の11第3項）';
/** The short marking next to a revealed person's name. */
export const EMERGENCY_SHORT_MARK = '災害時提供';

/**
 * The words of 災害対策基本法 第49条の11第3項, shown above the confirmation when the mode is
 * switched on or an event is joined.
 */
export const LAW_49_11_3 =
  '市町村長は、災害が発生し、又は発生するおそれがある場合において、避難行動要支援者の生命又は身体を災害から保護するために特に必要があると認めるときは、避難支援等の実施に必要な限度で、避難支援等関係者その他の者に対し、名簿情報を提供することができる。この場合においては、名簿情報の提供について本人の同意を得ることを要しない。';

/** 警戒レベル (1–5, 内閣府「避難情報に関するガイドライン」). */
export const ALERT_LEVELS = [1, 2, 3, 4, 5] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];
export const ALERT_LEVEL_LABELS: Record<AlertLevel, string> = {
  1: '警戒レベル1（早期注意情報）',
  2: '警戒レベル2（大雨・洪水注意報など）',
  3: '警戒レベル3（高齢者等避難）',
  4: '警戒レベル4（避難指示）',
  5: '警戒レベル5（緊急安全確保）',
};

/** How an event ended: the button, or the 72-hour limit passed without a renewal. */
export type EmergencyEndReason = 'ended' | 'expired';

/** One renewal of the 72-hour limit. */
export interface EmergencyRenewal {
  at: string;
  by: string;
  /** The new limit. */
  expiresAt: string;
}

/** One 災害時モード event (table `emergencies`). */
export interface Emergency {
  /**
   * The event code: 8 characters of `EVENT_CODE_ALPHABET`, random. Shown on the banner; another
   * device joins the same event by typing it or reading its QR, and every 安否 record carries it.
   */
  id: string;
  /** The event in words (「令和9年 台風10号 大雨」). */
  name: string;
  alertLevel: AlertLevel;
  hazard: HazardType;
  /** Districts whose 名簿 is revealed; empty = every district. */
  districtIds: string[];
  /** Reveal people who refused consent too (false when the city's rules exclude refusals). Pending are always revealed. */
  includeRefused: boolean;
  /** The user confirmed the city provided or authorised the 名簿 for this disaster (49-11-3). Always true on a stored event. */
  authorised: true;
  startedAt: string;
  /** 作業者名 of who switched it on (or joined, on a device that joined). */
  startedBy: string;
  /** When the mode goes off by itself unless renewed. */
  expiresAt: string;
  renewals: EmergencyRenewal[];
  endedAt: string | null;
  endedBy: string | null;
  endReason: EmergencyEndReason | null;
  /** People shown only because of the mode, counted when it was switched on on this device. */
  revealedCount: number;
  /** Plan B (during the event): shelters that did not open, and that are full. */
  closedShelterIds: string[];
  fullShelterIds: string[];
  /** Supporters who cannot help (unreachable, injured, themselves evacuated). */
  absentSupporterIds: string[];
}

/** What another device needs to join an event (its QR code, file or typed code): no personal data. */
export type EventTicket = Pick<Emergency, 'id' | 'name' | 'alertLevel' | 'hazard' | 'districtIds' | 'includeRefused' | 'startedAt' | 'expiresAt'>;

/** The ticket of `e` (for its QR code or file). */
export function eventTicketOf(e: EventTicket): EventTicket {
  const { id, name, alertLevel, hazard, districtIds, includeRefused, startedAt, expiresAt } = e;
  return { id, name, alertLevel, hazard, districtIds: [...districtIds], includeRefused, startedAt, expiresAt };
}

/** Letters of an event code: no 0/O, 1/I/L, so it can be read aloud and typed from paper. */
export const EVENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const EVENT_CODE_LENGTH = 8;

/** True when `code` has the shape of an event code. */
export function isEventCode(code: unknown): code is string {
  return typeof code === 'string' && code.length === EVENT_CODE_LENGTH && [...code].every((c) => EVENT_CODE_ALPHABET.includes(c));
}

/** True while the event reveals people at `now`: not ended and before its limit. */
export function isEmergencyActive(e: Pick<Emergency, 'endedAt' | 'expiresAt'>, now: Date): boolean {
  return e.endedAt === null && now.getTime() < Date.parse(e.expiresAt);
}

/** The limit `EMERGENCY_HOURS` after `from` (ISO 8601). */
export function emergencyLimitAfter(from: string): string {
  return new Date(Date.parse(from) + EMERGENCY_HOURS * 3_600_000).toISOString();
}

/** True when the event covers `districtId` (an event of every district covers people without a district too). */
export function coversDistrict(e: Pick<Emergency, 'districtIds'>, districtId: string | null): boolean {
  return e.districtIds.length === 0 || (districtId !== null && e.districtIds.includes(districtId));
}

/**
 * True when the person is shown only because of the event: on the current 名簿, in its districts,
 * and without shareable consent (pending always; refused when `includeRefused`). People whose
 * consent allows sharing are not "revealed" (they are shown anyway).
 */
export function revealsPerson(e: Pick<Emergency, 'districtIds' | 'includeRefused'>, person: { consent: Consent; archived?: RosterArchive; districtId: string | null }): boolean {
  if (!isOnRoster(person) || isShareable(person.consent)) return false;
  if (!coversDistrict(e, person.districtId)) return false;
  return person.consent.status !== 'refused' || e.includeRefused;
}

/** Field errors (Japanese) for an event; empty when valid. */
export function validateEmergency(e: Emergency): FieldError[] {
  const list = new ErrorList();
  list.check(isEventCode(e.id), 'id', `災害の識別コードは${EVENT_CODE_LENGTH}文字の英数字です。`);
  list.requireText(e.name, 'name', '災害名', 100);
  list.check(ALERT_LEVELS.some((l) => l === e.alertLevel), 'alertLevel', '警戒レベルは1〜5から選んでください。');
  list.oneOf(e.hazard, HAZARD_TYPES, 'hazard', '災害の種類', HAZARD_LABELS);
  list.check(e.authorised === true, 'authorised', '名簿の提供（災害対策基本法第49条の11第3項）を確認してください。');
  const instant = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));
  list.check(instant(e.startedAt), 'startedAt', '開始日時が読めません。');
  list.check(instant(e.expiresAt) && Date.parse(e.expiresAt) > Date.parse(e.startedAt), 'expiresAt', '終了予定の日時が開始より前です。');
  list.check(e.endedAt === null || instant(e.endedAt), 'endedAt', '終了日時が読めません。');
  list.check(Array.isArray(e.districtIds) && e.districtIds.every((d) => typeof d === 'string'), 'districtIds', '地区の指定が読めません。');
  for (const f of ['closedShelterIds', 'fullShelterIds', 'absentSupporterIds'] as const) list.check(Array.isArray(e[f]) && e[f].every((d) => typeof d === 'string'), f, '避難所・支援者の指定が読めません。');
  return list.errors;
}

/** Length of a device's short id (4 letters of `EVENT_CODE_ALPHABET`): the recorder on every 安否 record. */
export const DEVICE_ID_LENGTH = 4;

/** True when `id` has the shape of a device's short id. */
export function isDeviceShortId(id: unknown): id is string {
  return typeof id === 'string' && id.length === DEVICE_ID_LENGTH && [...id].every((c) => EVENT_CODE_ALPHABET.includes(c));
}

/**
 * `length` random letters of `EVENT_CODE_ALPHABET`, uniform (bytes ≥ the largest multiple of the
 * alphabet's size are drawn again). `fill` fills a byte array with random bytes (crypto.getRandomValues).
 */
export function randomCode(length: number, fill: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => void crypto.getRandomValues(b)): string {
  const n = EVENT_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = '';
  const bytes = new Uint8Array(Math.min(length * 2, 4096));
  while (code.length < length) {
    fill(bytes);
    for (const b of bytes) if (b < limit && code.length < length) code += EVENT_CODE_ALPHABET[b % n];
  }
  return code;
}

/** A new event code (`Emergency.id`). */
export function newEventCode(): string {
  return randomCode(EVENT_CODE_LENGTH);
}
