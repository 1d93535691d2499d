/**
 * 「安否の記録」 file: one device's 安否 records of one event as JSON, carried to another device
 * (USB memory, a shared folder) when QR codes are too slow or notes must travel too. Unlike the QR
 * codes it holds the notes, so it is personal data: writing it is recorded in the 提供記録.
 *
 * ```json
 * { "format": "hinan-safety-records", "version": 1, "marking": "災害時提供（災害対策基本法第49条の11第3項）",
 *   "event": { "id": "K7QX2M9P", "name": "令和9年 台風10号 大雨" },
 *   "recorder": "AB3C", "writtenAt": "2026-09-01T12:00:00Z",
 *   "records": [{ "person": "P001", "status": "E", "at": "2026-09-01T11:58:03Z", "recorder": "AB3C", "shelter": "S-12", "note": "ご家族と一緒" }] }
 * ```
 * `status` is the one-letter code (SAFETY_STATUS_CODES); ids are recomputed on reading. The
 * marking (`EMERGENCY_MARK`) is on its face and in its name, as on every export made in the mode.
 */
import { EMERGENCY_MARK, isDeviceShortId, type Emergency } from '../core/emergency';
import { fileNamePart } from '../core/fileName';
import { japanDateOf, japanTimeLabel } from '../core/japanDate';
import { fieldOf, isRecord } from '../core/jsonShape';
import { makeSafetyRecord, safetyRecordTime, safetyStatusOfCode } from '../core/safetyMerge';
import { SAFETY_STATUS_CODES, type SafetyRecord } from '../core/safetyRecord';

export const SAFETY_FILE_FORMAT = 'hinan-safety-records';
export const SAFETY_FILE_VERSION = 1;
/** Longest note kept from a file (characters). */
export const SAFETY_NOTE_MAX_LENGTH = 500;

export type SafetyFileRead = { ok: true; recorder: string; records: SafetyRecord[] } | { ok: false; message: string };

/** The file's bytes (UTF-8 JSON, no BOM). */
export function safetyFileBytes(event: Pick<Emergency, 'id' | 'name'>, recorder: string, records: readonly SafetyRecord[], now: Date = new Date()): Uint8Array {
  const file = {
    format: SAFETY_FILE_FORMAT,
    version: SAFETY_FILE_VERSION,
    marking: EMERGENCY_MARK,
    event: { id: event.id, name: event.name },
    recorder,
    writtenAt: safetyRecordTime(now),
    records: records.map((r) => ({ person: r.personId, status: SAFETY_STATUS_CODES[r.status], at: r.at, recorder: r.recorder, shelter: r.shelterId, note: r.note })),
  };
  return new TextEncoder().encode(`${JSON.stringify(file, null, 1)}\n`);
}

/** 「安否記録_令和9年_台風10号_大雨_災害時提供_AB3C_2026-09-01_2105.json」: the event's name, the marking, the recorder and Japan's date and time. */
export function safetyFileName(event: Pick<Emergency, 'name'>, recorder: string, now: Date = new Date()): string {
  const iso = now.toISOString();
  return `安否記録_${fileNamePart(event.name)}_災害時提供_${recorder}_${japanDateOf(iso)}_${japanTimeLabel(iso).replace(':', '')}.json`;
}

/** Reads a 安否の記録 file for `event`; refused (in words naming the file) when it is another kind of file, of another event, or broken. */
export function readSafetyFile(bytes: Uint8Array, fileName: string, event: Pick<Emergency, 'id' | 'name' | 'startedAt'>): SafetyFileRead {
  const refuse = (why: string): SafetyFileRead => ({ ok: false, message: `「${fileName}」は取り込めません。${why}` });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return refuse('安否の記録のファイルではないか、壊れています。');
  }
  if (fieldOf(json, 'format') !== SAFETY_FILE_FORMAT) return refuse('避難支援プランナーの「安否の記録」のファイルではありません。');
  const version = fieldOf(json, 'version');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return refuse('安否の記録のファイルですが、版の番号がありません（壊れているか、書き換えられています）。');
  if (version > SAFETY_FILE_VERSION) return refuse('新しい版のアプリで書き出されたファイルです。アプリを新しくしてから取り込んでください。');
  const eventId = fieldOf(fieldOf(json, 'event'), 'id');
  const eventName = fieldOf(fieldOf(json, 'event'), 'name');
  if (eventId !== event.id) {
    const theirs = typeof eventName === 'string' && eventName ? `「${eventName}」（識別コード ${String(eventId)}）` : `識別コード ${String(eventId)}`;
    return refuse(`別の災害${theirs}の記録です。この端末の災害は「${event.name}」（識別コード ${event.id}）です。`);
  }
  const recorder = fieldOf(json, 'recorder');
  const list = fieldOf(json, 'records');
  if (!isDeviceShortId(recorder) || !Array.isArray(list)) return refuse('ファイルが壊れています（記録した端末または記録の一覧が読めません）。');
  const records: SafetyRecord[] = [];
  for (let i = 0; i < list.length; i++) {
    const record = readRecord(list[i], event.id);
    if (record === null) return refuse(`ファイルが壊れています（${i + 1}件目の記録が読めません）。`);
    records.push(record);
  }
  return { ok: true, recorder, records };
}

function readRecord(item: unknown, eventId: string): SafetyRecord | null {
  if (!isRecord(item)) return null;
  const { person, status, at, recorder, shelter, note } = item;
  const code = typeof status === 'string' ? safetyStatusOfCode(status) : null;
  if (typeof person !== 'string' || !person || code === null || typeof at !== 'string' || !isDeviceShortId(recorder)) return null;
  if (!(shelter === null || shelter === undefined || typeof shelter === 'string') || !(note === undefined || typeof note === 'string')) return null;
  return makeSafetyRecord({ eventId, personId: person, status: code, at, recorder, shelterId: shelter ?? null, note: (note ?? '').slice(0, SAFETY_NOTE_MAX_LENGTH) });
}
