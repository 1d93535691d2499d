import { japanDateOf, japanToday } from '../core/japanDate';
import { lastDisclosureOf } from './disclosures';
import type { HinanDatabase } from './schema';

/**
 * Whether the group's work needs a backup (issue 10, part 6): the banner shows when the store holds
 * work of the group's own and no backup was made in the last `BACKUP_REMINDER_DAYS` days (Japan dates),
 * or never.
 */

/** Days after the last backup before the reminder shows. */
export const BACKUP_REMINDER_DAYS = 30;

export interface BackupStatus {
  /** The store holds the group's own work: a person or supporter not from the demo, a plan, or a drill. */
  holdsWork: boolean;
  /**
   * ISO 8601 instant the store's contents were last known to be in a backup file: the newest
   * 'backup' or 'restore' entry of the 提供記録 (right after a restore the store is the file's
   * contents), or null when none.
   */
  lastBackupAt: string | null;
}

/** Reads the store's backup status (for a live query). */
export async function backupStatus(db: HinanDatabase): Promise<BackupStatus> {
  const holdsWork =
    (await db.plans.count()) > 0 ||
    (await db.drills.count()) > 0 ||
    (await db.people.where('origin').notEqual('demo').first()) !== undefined ||
    (await db.supporters.where('origin').notEqual('demo').first()) !== undefined;
  const times = (await Promise.all([lastDisclosureOf(db, 'backup'), lastDisclosureOf(db, 'restore')])).flatMap((d) => (d ? [d.at] : []));
  return { holdsWork, lastBackupAt: times.sort().at(-1) ?? null };
}

/** Whole days from the Japan date of `fromIso` to the Japan date of `now`. */
function japanDaysSince(fromIso: string, now: Date = new Date()): number {
  return Math.round((Date.parse(japanToday(now)) - Date.parse(japanDateOf(fromIso))) / 86_400_000);
}

/** True when the reminder should show: work in the store, and no backup, or the last one `BACKUP_REMINDER_DAYS` or more days ago. */
export function backupDue(status: BackupStatus, now: Date = new Date()): boolean {
  if (!status.holdsWork) return false;
  return status.lastBackupAt === null || japanDaysSince(status.lastBackupAt, now) >= BACKUP_REMINDER_DAYS;
}
