/**
 * 「名簿から外れた人」 in the store (issue 11): the archived people and supporters, the retention
 * period the user sets, and 「完全に削除」 — the one way an archived record (with its plan, plan
 * history and draft) leaves the store, recorded in the 提供記録 by ids and number, never by name.
 */
import type { Table } from 'dexie';
import type { Person } from '../core/person';
import { isOnRoster } from '../core/rosterArchive';
import type { RosterKind } from '../core/rosterUpdate';
import type { Supporter } from '../core/supporter';
import { quoteValue } from '../io/quote';
import { recordDisclosure, type Disclosure } from './disclosures';
import { readAllPaged } from './paged';
import { isRecord } from './plainValue';
import type { HinanDatabase } from './schema';

/** Meta key of the retention period: `{days, savedAt}` (a merge follows the newer `savedAt`). */
const ARCHIVE_RETENTION_KEY = 'archiveRetentionDays';
/** Days an archived record is kept before 「保存期間を過ぎた人を削除」 offers it: 1 year by default. */
export const DEFAULT_ARCHIVE_RETENTION_DAYS = 365;
const MIN_ARCHIVE_RETENTION_DAYS = 1;
const MAX_ARCHIVE_RETENTION_DAYS = 3650;

function isRetentionDays(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= MIN_ARCHIVE_RETENTION_DAYS && v <= MAX_ARCHIVE_RETENTION_DAYS;
}

/** The retention period of archived records, days (the default when none was set). */
export async function archiveRetentionDays(db: HinanDatabase): Promise<number> {
  const value = (await db.meta.get(ARCHIVE_RETENTION_KEY))?.value;
  return isRecord(value) && isRetentionDays(value.days) ? value.days : DEFAULT_ARCHIVE_RETENTION_DAYS;
}

/** Sets the retention period (whole days, 1–3650); throws a Japanese message otherwise. */
export async function setArchiveRetentionDays(db: HinanDatabase, days: number, now: Date = new Date()): Promise<number> {
  if (!isRetentionDays(days)) throw new Error(`保存期間は${MIN_ARCHIVE_RETENTION_DAYS}〜${MAX_ARCHIVE_RETENTION_DAYS}日の整数で入力してください。`);
  await db.meta.put({ key: ARCHIVE_RETENTION_KEY, value: { days, savedAt: now.toISOString() } });
  return days;
}

type Archivable = Person | Supporter;

function tableOf(db: HinanDatabase, kind: RosterKind): Table<Archivable, string> {
  return kind === 'people' ? db.people : db.supporters;
}

/** The archived records of one 名簿, newest archive first, then by id. Names are for this list only. */
export function listArchived(db: HinanDatabase, kind: 'people'): Promise<Person[]>;
export function listArchived(db: HinanDatabase, kind: 'supporters'): Promise<Supporter[]>;
export function listArchived(db: HinanDatabase, kind: RosterKind): Promise<Archivable[]>;
export async function listArchived(db: HinanDatabase, kind: RosterKind): Promise<Archivable[]> {
  const out: Archivable[] = [];
  await readAllPaged(tableOf(db, kind), (page) => {
    for (const r of page) if (!isOnRoster(r)) out.push(r);
  });
  return out.sort((a, b) => (a.archived!.on === b.archived!.on ? a.id.localeCompare(b.id) : a.archived!.on < b.archived!.on ? 1 : -1));
}

/** `date` (`YYYY-MM-DD`) plus `days` calendar days. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Archived records whose retention period has ended by `today` (Japan date): archived on + days ≤ today. */
export function expiredArchived(db: HinanDatabase, kind: 'people', today: string): Promise<Person[]>;
export function expiredArchived(db: HinanDatabase, kind: 'supporters', today: string): Promise<Supporter[]>;
export function expiredArchived(db: HinanDatabase, kind: RosterKind, today: string): Promise<Archivable[]>;
export async function expiredArchived(db: HinanDatabase, kind: RosterKind, today: string): Promise<Archivable[]> {
  const [days, archived] = await Promise.all([archiveRetentionDays(db), listArchived(db, kind)]);
  return archived.filter((r) => plusDays(r.archived!.on, days) <= today);
}

export interface PurgeSummary {
  removed: number;
  /** Plans removed with them (people only). */
  plans: number;
  /** The 提供記録 entry. */
  disclosure: Disclosure;
}

/**
 * 「完全に削除」: removes the archived records `ids` — for people also their plans, plan history,
 * unsaved drafts and their checks in drills (status, time and note are about them) — and appends a 'delete' entry to the 提供記録 naming the ids and their number, in
 * one transaction (all or nothing). Refuses ids that are not archived (or not stored) and works only
 * with a 作業者名 (`OperatorMissingError`).
 */
export async function purgeArchived(db: HinanDatabase, kind: RosterKind, ids: readonly string[], now: Date = new Date()): Promise<PurgeSummary> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new Error('削除する人が選ばれていません。');
  const table = tableOf(db, kind);
  return db.transaction('rw', [table, db.plans, db.planVersions, db.planDrafts, db.drills, db.disclosures, db.meta], async () => {
    const stored = await table.bulkGet(unique);
    const refused = unique.filter((_, i) => !stored[i] || isOnRoster(stored[i]!));
    if (refused.length) {
      const shown = refused.slice(0, 5).map((id) => `ID${quoteValue(id)}`).join('、');
      throw new Error(`名簿から外れていない人は完全に削除できません（${shown}${refused.length > 5 ? ` ほか${refused.length - 5}人` : ''}）。`);
    }
    await table.bulkDelete(unique);
    let plans = 0;
    if (kind === 'people') {
      plans = await db.plans.where('personId').anyOf(unique).delete();
      await db.planVersions.where('personId').anyOf(unique).delete();
      await db.planDrafts.bulkDelete(unique);
      const removed = new Set(unique);
      await db.drills.toCollection().modify((drill) => {
        if (drill.records.some((r) => removed.has(r.personId))) drill.records = drill.records.filter((r) => !removed.has(r.personId));
      });
    }
    const who = kind === 'people' ? '名簿から外れた要支援者' : '名簿から外れた支援者';
    const disclosure = await recordDisclosure(db, {
      kind: 'delete',
      what: `${who} ${unique.length}人を完全に削除${kind === 'people' ? `（個別避難計画 ${plans}件と履歴を含む）` : ''}`,
      removedIds: unique,
      at: now,
    });
    return { removed: unique.length, plans, disclosure };
  });
}
