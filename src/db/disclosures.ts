import { CONSENT_RECIPIENTS, type ConsentRecipient } from '../core/consent';
import { EMERGENCY_MARK, revealsPerson, type Emergency } from '../core/emergency';
import type { Person } from '../core/person';
import { isOnRoster, isPersonShown, isPersonShownTo } from '../core/rosterArchive';
import { activeEmergencyAt } from './emergencyActive';
import { getOperator } from './operator';
import type { HinanDatabase } from './schema';

/**
 * 提供記録 (disclosure record): one entry appended every time personal data leaves the store —
 * a print, a CSV, a backup, a hand-over file, a restore or merge, a deletion. Entries are never
 * edited or deleted by the app (a restore replaces the whole store, record included, and then
 * appends its own entry).
 */

export const DISCLOSURE_KINDS = [
  'print-plan',
  'print-karte',
  'print-map',
  'print-receipt',
  'print-list',
  'csv-roster',
  'csv-drill',
  'csv-disclosures',
  'backup',
  'handover',
  'restore',
  'merge',
  'delete',
  'emergency-on',
  'emergency-off',
  'emergency-renew',
  'print-safety',
  'csv-safety',
  'safety-file',
  'print-interview',
  'print-supporter',
  'print-checklist',
] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, string> = {
  'print-plan': '計画書・連絡カードの印刷',
  'print-karte': '地区カルテの印刷',
  'print-map': '避難地図の印刷',
  'print-receipt': '受領書の印刷',
  'print-list': '一覧の印刷',
  'csv-roster': '名簿CSVの出力',
  'csv-drill': '訓練記録CSVの出力',
  'csv-disclosures': '提供記録CSVの出力',
  backup: 'バックアップの作成',
  handover: '受け渡しファイルの作成',
  restore: 'バックアップからの復元',
  merge: '別の端末のデータの統合',
  delete: 'データの削除',
  'emergency-on': '災害時モードの開始',
  'emergency-off': '災害時モードの終了',
  'emergency-renew': '災害時モードの延長',
  'print-safety': '安否確認の印刷',
  'csv-safety': '安否情報CSVの出力',
  'safety-file': '安否の記録ファイルの作成',
  'print-interview': '聞き取り票・同意書の印刷',
  'print-supporter': '支援者用シートの印刷',
  'print-checklist': '安否確認チェック表の印刷',
};

/** The 提供記録's 種類 column: the kind, and 「（統合で追加）」 on an entry a merge brought from another device. */
export function disclosureKindLabel(entry: { kind: DisclosureKind; mergedFrom?: string }): string {
  return DISCLOSURE_KIND_LABELS[entry.kind] + (entry.mergedFrom !== undefined ? '（統合で追加）' : '');
}

/** The 提供記録's ファイル名 column: the file, 「（印刷）」 for a print, 「—」 for anything else without a file. */
export function disclosureFileLabel(entry: { kind: DisclosureKind; fileName: string | null }): string {
  return entry.fileName ?? (entry.kind.startsWith('print-') ? '（印刷）' : '—');
}

/** One entry of the 提供記録. */
export interface Disclosure {
  /** Auto-increment key, in the order entries were written on this device. */
  seq?: number;
  /** Random id, unique across devices (a merge unites records by it). */
  id: string;
  /** ISO 8601 timestamp (UTC) of the disclosure. */
  at: string;
  kind: DisclosureKind;
  /** What left the store, in words (e.g. 「地区カルテ（本町一丁目）」). */
  what: string;
  /** To whom: a recipient's label (「消防団」「支援者 佐藤 一郎」), or null when the group keeps it (a backup, a print for itself). */
  recipient: string | null;
  /** Ids of the people whose data left the store (empty when `wholeStore`). */
  personIds: string[];
  /** How many people. */
  count: number;
  /** True for operations on the whole store (backup, restore, merge, erase): every person, ids not listed. */
  wholeStore: boolean;
  /** The file written, or null for a print. */
  fileName: string | null;
  /** The 作業者名 of the device that did it. */
  operator: string;
  /**
   * Set on an entry a merge brought in from another device's backup (it happened there, not
   * here): the 作業者名 in that file's header ('' when it had none). Absent on this device's own entries.
   */
  mergedFrom?: string;
  /**
   * The 災害時モード event (`Emergency.id`) active when it happened: set on every entry made while
   * an event is active (its `what` then ends with `EMERGENCY_MARK`), and on the event's own
   * 'emergency-on' / 'emergency-off' entries. Absent otherwise.
   */
  emergencyId?: string;
}

/** `what` of an entry made while a 災害時モード event is active: ends with the marking (once). */
export function withEmergencyMark(what: string): string {
  return what.endsWith(EMERGENCY_MARK) ? what : `${what}　${EMERGENCY_MARK}`;
}

/** Thrown when a disclosure is attempted before a 作業者名 was given on this device. */
export class OperatorMissingError extends Error {
  constructor() {
    super('作業者名が未設定です。画面上部の「作業者名」に名前を入れてから、もう一度行ってください。');
    this.name = 'OperatorMissingError';
  }
}

/** Thrown when people who may not be disclosed (consent refused or pending, not to this recipient, or off the 名簿) reach the door. */
export class ConsentGateError extends Error {
  /** `offRoster`: how many of them left the 名簿 (archived), named in the message when any. */
  constructor(readonly personIds: string[], offRoster = 0) {
    super(`${offRoster ? '同意のない人・名簿から外れた人' : '同意のない人'}（${personIds.length}人）の情報は出力できません。`);
    this.name = 'ConsentGateError';
  }
}

export interface DisclosureRequest {
  kind: DisclosureKind;
  what: string;
  recipient?: string | null;
  /**
   * The people leaving the store. Every one must pass the person gate (core/rosterArchive.ts):
   * `isPersonShown`, or `isPersonShownTo(consentRecipient)` when the disclosure goes to one 避難支援等関係者;
   * while a 災害時モード event is active at `at`, also the people it reveals (core/emergency.ts `revealsPerson`).
   * Omit only for whole-store operations (give `wholeStoreCount` instead).
   */
  people?: readonly Person[];
  /** For whole-store operations (backup, restore, merge): how many people the store holds; no consent check, no ids. */
  wholeStoreCount?: number;
  /**
   * For a 'delete' only: the ids of the records removed from the store for good (people, or
   * supporters, who left the 名簿). Nothing leaves the store, so there is no consent check (a
   * removed person is never shown); the entry lists these ids and their number, never a name.
   */
  removedIds?: readonly string[];
  consentRecipient?: ConsentRecipient;
  fileName?: string | null;
  /** Timestamp to record; defaults to now. Also the time the 災害時モード is looked at. */
  at?: Date;
}

/**
 * The one door personal data leaves the store by: checks the 作業者名 and the consent gate, then
 * appends the 提供記録 entry. Call it just before the print dialog opens or the file is saved; when it
 * throws, show the message and do not print or save.
 */
export async function recordDisclosure(db: HinanDatabase, request: DisclosureRequest): Promise<Disclosure> {
  const entry = await prepareDisclosure(db, request);
  entry.seq = await db.disclosures.add(entry);
  return entry;
}

/**
 * The entry `recordDisclosure` would append, checked the same way (作業者名, consent gate) but not
 * written: for a backup, which carries its own entry and writes it only once the file is made.
 */
export async function prepareDisclosure(db: HinanDatabase, request: DisclosureRequest): Promise<Disclosure> {
  const operator = await getOperator(db);
  if (!operator) throw new OperatorMissingError();
  if (request.consentRecipient !== undefined && !CONSENT_RECIPIENTS.includes(request.consentRecipient)) {
    throw new Error(`情報提供先「${String(request.consentRecipient)}」は使えません。`);
  }
  const at = request.at ?? new Date();
  const emergency = await activeEmergencyAt(db, at);
  const allowed = (p: Person) => (request.consentRecipient ? isPersonShownTo(p, request.consentRecipient) : isPersonShown(p)) || (emergency !== null && revealsPerson(emergency, p));
  // The screen's copy of a person may be older than the store (consent withdrawn since, in another tab
  // or by a merge): the stored record must pass too. People not in this store (a received hand-over
  // file's) are checked as given.
  const people = request.people ?? [];
  const stored = people.length ? await db.people.bulkGet(people.map((p) => p.id)) : [];
  const blocked = people.filter((p, i) => {
    const now = stored[i];
    return !allowed(p) || (now !== undefined && !allowed(now));
  });
  if (blocked.length) throw new ConsentGateError(blocked.map((p) => p.id), blocked.filter((p) => !isOnRoster(p)).length);
  if (request.removedIds !== undefined && (request.kind !== 'delete' || request.people !== undefined)) throw new Error('削除したIDは、データの削除の記録にだけ書けます。');
  const personIds = [...new Set(request.removedIds ?? (request.people ?? []).map((p) => p.id))];
  const wholeStore = request.wholeStoreCount !== undefined;
  const entry: Disclosure = {
    id: crypto.randomUUID(),
    at: at.toISOString(),
    kind: request.kind,
    what: emergency ? withEmergencyMark(request.what) : request.what,
    recipient: request.recipient ?? null,
    personIds,
    count: wholeStore ? request.wholeStoreCount! : personIds.length,
    wholeStore,
    fileName: request.fileName ?? null,
    operator,
  };
  if (emergency) entry.emergencyId = emergency.id;
  return entry;
}

/** What an 'emergency-on' / 'emergency-off' entry records. */
export interface EmergencySwitch {
  kind: 'emergency-on' | 'emergency-off' | 'emergency-renew';
  event: Pick<Emergency, 'id' | 'name'>;
  /** The people shown only because of the event (revealed when it went on, hidden again when it went off). */
  revealedIds: readonly string[];
  /** 作業者名 ('' when the event ended by its limit on a device without one). */
  operator: string;
  /** 「開始」「参加」「終了」「72時間の期限で終了」…, put before the event's name. */
  how: string;
  at: Date;
}

/**
 * Appends the entry of a 災害時モード switching on or off (who, when, which event, how many people
 * it reveals or hides again). Nothing leaves the store, so there is no consent check; the entry
 * lists the revealed people's ids and their number.
 */
export async function recordEmergencySwitch(db: HinanDatabase, s: EmergencySwitch): Promise<Disclosure> {
  const personIds = [...new Set(s.revealedIds)];
  const entry: Disclosure = {
    id: crypto.randomUUID(),
    at: s.at.toISOString(),
    kind: s.kind,
    what: `災害時モード${s.how}「${s.event.name}」（識別コード ${s.event.id}、災害時提供 ${personIds.length}人）`,
    recipient: null,
    personIds,
    count: personIds.length,
    wholeStore: false,
    fileName: null,
    operator: s.operator,
    emergencyId: s.event.id,
  };
  entry.seq = await db.disclosures.add(entry);
  return entry;
}

/** Every entry (or the newest `limit`), newest first by time (entries merged from another device interleave). */
export async function listDisclosures(db: HinanDatabase, limit?: number): Promise<Disclosure[]> {
  const newestFirst = db.disclosures.orderBy('at').reverse();
  return (limit === undefined ? newestFirst : newestFirst.limit(limit)).toArray();
}

/**
 * The newest entry of one kind done on this device (e.g. this store's last backup), or undefined;
 * entries a merge brought in (`mergedFrom`) are another device's and do not count. By `at`, not
 * `seq`: a merge appends the other device's older entries after ours.
 */
export async function lastDisclosureOf(db: HinanDatabase, kind: DisclosureKind): Promise<Disclosure | undefined> {
  let newest: Disclosure | undefined;
  await db.disclosures.where('kind').equals(kind).each((d) => {
    if (d.mergedFrom !== undefined) return; // another device's backup is not this store's
    if (!newest || d.at >= newest.at) newest = d; // same millisecond: the later entry
  });
  return newest;
}
