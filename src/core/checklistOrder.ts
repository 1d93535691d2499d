/**
 * The paper 安否確認チェック表 and its keyboard entry share one order: the people in the drill's (or
 * the board's) priority order, grouped by district (districts in the order given, people keeping
 * their order inside a district), numbered 1…N across the whole list. The printed No. of a row is
 * the row number of the keyboard entry, so the paper is typed in from top to bottom. Pure.
 */
import type { DrillStatus } from './drillProgress';

/** One row of the checklist: the person and the No. printed beside them. */
export interface ChecklistEntry<T> {
  no: number;
  person: T;
}

/** The people of one district on the checklist. */
export interface ChecklistGroup<T> {
  districtId: string | null;
  entries: ChecklistEntry<T>[];
}

/**
 * Groups `ordered` by district and numbers them. `districtOrder` sorts the districts (e.g. by name);
 * people without a district come last. A single-district list keeps `ordered` exactly.
 */
export function checklistGroups<T extends { districtId: string | null }>(ordered: readonly T[], districtOrder: (a: string, b: string) => number): ChecklistGroup<T>[] {
  const byDistrict = new Map<string | null, T[]>();
  for (const p of ordered) {
    const list = byDistrict.get(p.districtId);
    if (list) list.push(p);
    else byDistrict.set(p.districtId, [p]);
  }
  const keys = [...byDistrict.keys()].sort((a, b) => (a === null ? 1 : 0) - (b === null ? 1 : 0) || (a !== null && b !== null ? districtOrder(a, b) : 0));
  let no = 0;
  return keys.map((districtId) => ({ districtId, entries: (byDistrict.get(districtId) ?? []).map((person) => ({ no: ++no, person })) }));
}

/** The checklist's rows, top to bottom over every district (the keyboard entry's order). */
export function checklistEntries<T>(groups: readonly ChecklistGroup<T>[]): ChecklistEntry<T>[] {
  return groups.flatMap((g) => g.entries);
}

/**
 * One row of the keyboard entry when the drill keeps the order it was printed in: a person on the
 * paper (`printed`), a person on the paper who can no longer be shown (`gone`: consent withdrawn,
 * left the 名簿 or the drill's district — only the row number is left, a key there writes nothing),
 * or a person shown now but not on the paper (`extra`, numbered on after the paper's last row).
 */
export type ChecklistRow<T> = { kind: 'printed'; no: number; person: T } | { kind: 'gone'; no: number; personId: string } | { kind: 'extra'; no: number; person: T };

/** The entry's rows for a kept printed order, and whether they differ from today's order. */
export interface KeptChecklistRows<T> {
  /** The paper's rows (No. 1…printed count), then the `extra` rows. */
  rows: ChecklistRow<T>[];
  /** Printed people who can no longer be shown. */
  gone: number;
  /** People shown now who are not on the paper. */
  extra: number;
  /** True when the rows are not exactly today's entries in today's order (the notice is shown). */
  differs: boolean;
}

/**
 * The keyboard entry's rows for the printed order `printedIds` (row n is printedIds[n - 1]) given
 * the people shown now, in today's order (`current`, e.g. checklistEntries(...) mapped to the
 * person). The paper's numbers are kept whatever changed since it was printed. Pure.
 */
export function keptChecklistRows<T extends { id: string }>(printedIds: readonly string[], current: readonly T[]): KeptChecklistRows<T> {
  const byId = new Map(current.map((p) => [p.id, p]));
  const printed = new Set(printedIds);
  const rows: ChecklistRow<T>[] = printedIds.map((personId, i) => {
    const person = byId.get(personId);
    return person ? { kind: 'printed', no: i + 1, person } : { kind: 'gone', no: i + 1, personId };
  });
  const extras = current.filter((p) => !printed.has(p.id));
  rows.push(...extras.map((person, i): ChecklistRow<T> => ({ kind: 'extra', no: printedIds.length + i + 1, person })));
  const gone = rows.filter((r) => r.kind === 'gone').length;
  const differs = printedIds.length !== current.length || printedIds.some((id, i) => current[i].id !== id);
  return { rows, gone, extra: extras.length, differs };
}

/** The entry's rows without a kept printed order (drills printed before it was kept, or never): today's entries. */
export function currentChecklistRows<T>(entries: readonly ChecklistEntry<T>[]): ChecklistRow<T>[] {
  return entries.map(({ no, person }) => ({ kind: 'printed', no, person }));
}

/** One printed page: a district's rows, and which of that district's pages it is. */
export interface ChecklistPage<T> {
  districtId: string | null;
  /** 1-based, within the district. */
  page: number;
  /** Pages of this district. */
  pages: number;
  entries: ChecklistEntry<T>[];
}

/** Splits each district into pages of at most `rowsPerPage` rows (each district starts on a new page; a district without people prints no page). */
export function checklistPages<T>(groups: readonly ChecklistGroup<T>[], rowsPerPage: number): ChecklistPage<T>[] {
  const size = Math.max(1, Math.floor(rowsPerPage));
  return groups.flatMap((g) => {
    const pages = Math.ceil(g.entries.length / size);
    return Array.from({ length: pages }, (_, i) => ({ districtId: g.districtId, page: i + 1, pages, entries: g.entries.slice(i * size, (i + 1) * size) }));
  });
}

/** The boxes of the checklist, left to right, with the key that enters each. */
export const CHECKLIST_BOXES: readonly { key: string; status: DrillStatus; label: string }[] = [
  { key: '1', status: 'safe', label: '無事' },
  { key: '2', status: 'needs_help', label: '要支援' },
  { key: '3', status: 'not_reached', label: '連絡つかず' },
  { key: '4', status: 'arrived', label: '避難済' },
];

/** What one key does in the keyboard entry. */
export type ChecklistKeyAction = { kind: 'status'; status: DrillStatus } | { kind: 'skip' } | { kind: 'back' };

/** The action of a key (`KeyboardEvent.key`): 1–4 a box, 0 or Space skip the row, Backspace back one row; null for any other key. */
export function checklistKeyAction(key: string): ChecklistKeyAction | null {
  const box = CHECKLIST_BOXES.find((b) => b.key === key);
  if (box) return { kind: 'status', status: box.status };
  if (key === '0' || key === ' ' || key === 'Spacebar') return { kind: 'skip' };
  if (key === 'Backspace') return { kind: 'back' };
  return null;
}

/** The legend printed on every page and shown over the entry. */
export const CHECKLIST_KEY_LEGEND = `入力のキー: ${CHECKLIST_BOXES.map((b) => `${b.key} ${b.label}`).join('　')}　0・スペース 飛ばす　Backspace 1行戻る`;

/** What a row of the printed checklist says of a person (the screen builds it from the gate's people and their plan). */
export interface ChecklistPerson {
  id: string;
  name: string;
  nameKana: string;
  address: string;
  phone: string;
  districtId: string | null;
  /** The supporters' names, 「、」 between them ('' for none). */
  supporters: string;
  /** Shown only because 災害時モード is on (printed with ＊). */
  revealed: boolean;
}

/** Rows on one A4 landscape page of the checklist (the rows have a fixed height: see ui/paper/SafetyChecklist.svelte). */
export const CHECKLIST_ROWS_PER_PAGE = 12;
