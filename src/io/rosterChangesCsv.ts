/**
 * 変更一覧 — the 名簿の更新 preview as a CSV for the city (opened in Excel: encode the rows with
 * io/excelCsv.ts): one row per changed field, with Japanese headers — the rows `hinan diff-people`
 * prints. Cells the change list withholds (core/rosterChangeList.ts: a person not shown after the
 * update keeps the city's ID, the change and the field names only) stay empty. Pure.
 */
import { rosterChangeRows, type RosterChangeKind } from '../core/rosterChangeList';
import type { Person } from '../core/person';
import type { RosterKind, RosterUpdatePlan } from '../core/rosterUpdate';
import type { Supporter } from '../core/supporter';
import { fileNamePart } from '../core/fileName';

export const ROSTER_CHANGES_HEADER = ['ID', '氏名', '地区', '変更の種類', '項目', '変更前', '変更後'] as const;

/** 変更の種類 in words. */
export const ROSTER_CHANGE_KIND_LABELS: Record<RosterChangeKind, string> = {
  added: '新規',
  archived: '名簿から外れた',
  returned: '名簿に戻った',
  changed: '変更',
  renumbered: 'IDの変更（氏名と生年月日で照合）',
  ambiguous: '判定できない（取り込まない行）',
  location_check: '位置の確認が必要',
};

/** The 変更一覧 rows of `plan`, header first (the rows of `hinan diff-people`). `districtNames`: district id → name. */
export function rosterChangesCsvRows(plan: RosterUpdatePlan<Person> | RosterUpdatePlan<Supporter>, districtNames: ReadonlyMap<string, string> = new Map()): string[][] {
  const rows = rosterChangeRows(plan, districtNames);
  return [[...ROSTER_CHANGES_HEADER], ...rows.map((r) => [r.id, r.name, r.district, ROSTER_CHANGE_KIND_LABELS[r.change], r.field, r.old, r.new])];
}

/** 「名簿の変更一覧_名簿_令和9年度_2027-04-01.csv」: the file read (without extension) and the Japan date. */
export function rosterChangesFileName(kind: RosterKind, sourceFile: string, onDate: string): string {
  const stem = sourceFile.replace(/\.[^.]*$/, '');
  return `${kind === 'people' ? '名簿' : '支援者名簿'}の変更一覧_${fileNamePart(stem)}_${onDate}.csv`;
}
