/**
 * The record of a drill for the debriefing: one row per person, those to follow up first —
 * 要支援, then 連絡つかず, then 未確認 (no report at all), then the confirmed — and within each
 * group the drill's own order (most urgent first). Dates and times are Japan time (Asia/Tokyo).
 */
import type { Drill, DrillRecord } from './drill';
import { DRILL_STATUS_LABELS, drillProgress, type DrillStatus } from './drillProgress';
import { fileNamePart } from './fileName';
import { japanDateOf, japanTimeLabel, japanToday } from './japanDate';
import { MOBILITY_LABELS, type Person } from './person';

/** A person's outcome: their latest reported status, or `unchecked` when nobody reported on them. */
export type DrillOutcome = DrillStatus | 'unchecked';

export const DRILL_OUTCOME_LABELS: Record<DrillOutcome, string> = { ...DRILL_STATUS_LABELS, unchecked: '未確認（報告なし）' };

/** Outcomes that need someone to follow up after the drill, in the order the debriefing takes them. */
export const FOLLOW_UP_OUTCOMES: readonly DrillOutcome[] = ['needs_help', 'not_reached', 'unchecked'];

const GROUP: Record<DrillOutcome, number> = { needs_help: 0, not_reached: 1, unchecked: 2, safe: 3, arrived: 3 };

export type DrillReportPerson = Pick<Person, 'id' | 'name' | 'address' | 'mobility'>;

export interface DrillReportRow {
  person: DrillReportPerson;
  outcome: DrillOutcome;
  /** ISO 8601 time of the latest report, or null. */
  latestAt: string | null;
  /** Minutes from the start to the first confirming report, or null. */
  confirmedAfterMin: number | null;
  /** Every report on this person, oldest first. */
  reports: DrillRecord[];
}

/** One row per person of `people` (the drill's targets, most urgent first; a repeated ID counts once), sorted for follow-up. */
export function drillReport(drill: Pick<Drill, 'kind' | 'startedAt' | 'records'>, people: readonly DrillReportPerson[]): DrillReportRow[] {
  const unique = [...new Map(people.map((p) => [p.id, p])).values()];
  const progress = drillProgress(drill, unique.map((p) => p.id));
  const reports = new Map<string, DrillRecord[]>(unique.map((p) => [p.id, []]));
  for (const r of drill.records) reports.get(r.personId)?.push(r);
  const rows = unique.map((person, i): DrillReportRow => {
    const s = progress.people[i];
    return {
      person,
      outcome: s.latest ?? 'unchecked',
      latestAt: s.latestAt,
      confirmedAfterMin: s.confirmedAfterMin,
      reports: reports.get(person.id)!.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    };
  });
  return rows.map((row, i) => ({ row, i })).sort((a, b) => GROUP[a.row.outcome] - GROUP[b.row.outcome] || a.i - b.i).map((x) => x.row);
}

/** 「2026-11-29 01:05」 in Japan time. */
const japanDateTime = (iso: string) => `${japanDateOf(iso)} ${japanTimeLabel(iso)}`;

/** The report as CSV rows (header first) for `encodeExcelCsv`: ID, name, address, outcome, and the Japan time of every report. */
export function drillReportCsvRows(rows: readonly DrillReportRow[]): string[][] {
  const out = [['ID', '氏名', '住所', '移動', '最後の状況', '最後の報告（日本時間）', '確認までの分', '報告の回数', '報告の経過（日本時間）']];
  for (const r of rows) {
    out.push([
      r.person.id,
      r.person.name,
      r.person.address,
      MOBILITY_LABELS[r.person.mobility],
      DRILL_OUTCOME_LABELS[r.outcome],
      r.latestAt ? japanDateTime(r.latestAt) : '',
      r.confirmedAfterMin === null ? '' : String(Math.round(r.confirmedAfterMin)),
      String(r.reports.length),
      r.reports.map((x) => `${japanTimeLabel(x.at)} ${DRILL_STATUS_LABELS[x.status]}`).join('、'),
    ]);
  }
  return out;
}

/** 「訓練記録_夜間安否確認訓練_2026-11-29.csv」: the drill's day in Japan (its start, else `now`'s). */
export function drillReportFileName(drill: Pick<Drill, 'name' | 'startedAt'>, now: Date = new Date()): string {
  return `訓練記録_${fileNamePart(drill.name)}_${drill.startedAt ? japanDateOf(drill.startedAt) : japanToday(now)}.csv`;
}
