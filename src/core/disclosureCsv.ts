import { japanDateOf, japanTimeLabel, japanToday } from './japanDate';

/**
 * The 提供記録 as rows for an Excel CSV (encode with io/excelCsv): one row per entry, in the order
 * given (the screen gives them newest first). Pure: the caller passes each entry's kind in words.
 * The last column, 「災害時提供」, holds the 災害時モード event's code (`Emergency.id`) on entries
 * made while an event was active (and on its own switching entries), so the city can pick out
 * what left the store under 災害対策基本法第49条の11第3項; it is empty otherwise. It comes last so
 * the columns of CSVs written before it keep their places.
 */

export const DISCLOSURE_CSV_HEADER = ['日時', '種類', '内容', '提供先', '人数', '対象者ID', 'ファイル名', '作業者', '災害時提供'] as const;

/** One 提供記録 entry as the CSV needs it (db/disclosures.ts `Disclosure`, with its kind in words). */
export interface DisclosureCsvEntry {
  /** ISO 8601 instant (UTC). */
  at: string;
  kindLabel: string;
  what: string;
  recipient: string | null;
  count: number;
  /** True for whole-store operations: every person, ids not listed. */
  wholeStore: boolean;
  personIds: readonly string[];
  fileName: string | null;
  operator: string;
  /** The 災害時モード event's code when the entry was made while it was active (db/disclosures.ts `Disclosure.emergencyId`). */
  emergencyId?: string;
}

/** Header row, then one row per entry; 日時 is Japan's date and clock time (「2026-11-29 01:05」). */
export function disclosureCsvRows(entries: readonly DisclosureCsvEntry[]): string[][] {
  return [
    [...DISCLOSURE_CSV_HEADER],
    ...entries.map((e) => [
      `${japanDateOf(e.at)} ${japanTimeLabel(e.at)}`,
      e.kindLabel,
      e.what,
      e.recipient ?? '',
      String(e.count),
      e.wholeStore ? '（全員）' : e.personIds.join('、'),
      e.fileName ?? '',
      e.operator,
      e.emergencyId ?? '',
    ]),
  ];
}

/** 「提供記録_2026-11-29.csv」: named with Japan's date of the export. */
export function disclosureCsvFileName(now: Date = new Date()): string {
  return `提供記録_${japanToday(now)}.csv`;
}
