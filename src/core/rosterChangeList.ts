/**
 * 変更一覧 — a 名簿 update plan (core/rosterUpdate.ts) as rows, one per changed field: the rows of
 * `hinan diff-people`'s CSV (`person_id,change,field,old,new`) and of the app's 変更一覧 CSV for
 * the city. People who may not be shown once the update is applied (core/rosterArchive.ts
 * `isPersonShown` false: no consent, or archived) keep their ID, change and field names — the
 * city's own identifiers, so it can act on a withdrawal or a departure — but their values, name and
 * district are withheld, except the 同意 row and the reason for leaving the 名簿. Supporters are
 * not gated. Pure.
 */
import { ARCHIVE_REASON_LABELS, isPersonShown } from './rosterArchive';
import type { Person } from './person';
import type { Supporter } from './supporter';
import type { RosterUpdatePlan } from './rosterUpdate';
import { districtWords, ROSTER_FIELD_LABELS } from './rosterChangeWording';

export const ROSTER_CHANGE_KINDS = ['added', 'archived', 'returned', 'changed', 'renumbered', 'ambiguous', 'location_check'] as const;
export type RosterChangeKind = (typeof ROSTER_CHANGE_KINDS)[number];

/** One row of the 変更一覧. */
export interface RosterChangeRow {
  /** The record's ID as written (the file's ID; for `archived`, the stored ID). */
  id: string;
  change: RosterChangeKind;
  /** 項目名 (「移動」), or '' for a row about the whole record (added, returned without field changes). */
  field: string;
  old: string;
  new: string;
  /** 氏名 and 地区 name, for reading the list ('' when withheld). */
  name: string;
  district: string;
  /** The person may not be shown: values, name and district are empty. */
  withheld: boolean;
}

/** 項目名 of the rows that are not a compared field. */
const ARCHIVE_REASON_FIELD = '名簿から外れた理由';
const ID_FIELD = 'ID';
const CANDIDATES_FIELD = '照合の候補';
/** An ID stored for someone else (氏名 and 生年月日 both differ): the row is held. */
const DIFFERENT_PERSON_FIELD = '同じIDの別の人';
const LOCATION_CHECK_WORDS = '位置の確認が必要';

/**
 * The rows of `plan`, grouped by change: added, changed, returned, renumbered, location_check,
 * archived, ambiguous. `districtNames` (district id → name) names stored districts; a file's
 * district name not stored stands as it is.
 */
export function rosterChangeRows(plan: RosterUpdatePlan<Person> | RosterUpdatePlan<Supporter>, districtNames: ReadonlyMap<string, string> = new Map()): RosterChangeRow[] {
  // A record's values may appear: people by `isPersonShown` as the update leaves them; supporters always.
  return plan.kind === 'people' ? changeRows(plan, isPersonShown, districtNames) : changeRows(plan, () => true, districtNames);
}

/** The rows of one kind's plan; `shown(after)`: whether a record's values may appear. */
function changeRows<T extends Person | Supporter>(p: RosterUpdatePlan<T>, shown: (after: T) => boolean, districtNames: ReadonlyMap<string, string>): RosterChangeRow[] {
  const rows: RosterChangeRow[] = [];
  const row = (id: string, change: RosterChangeKind, field: string, old: string, value: string, r: T, show: boolean, keepValues = false) => {
    const values = show || keepValues;
    rows.push({
      id, change, field, old: values ? old : '', new: values ? value : '',
      name: show ? r.name : '', district: show && r.districtId !== null ? districtWords(r.districtId, districtNames) : '', withheld: !show,
    });
  };
  const consentLabel = ROSTER_FIELD_LABELS.consent;

  for (const r of p.added) row(r.id, 'added', '', '', '', r, shown(r));
  for (const kind of ['changed', 'returned'] as const) {
    for (const m of p[kind]) {
      const show = shown(m.after);
      // The ID change has its own 'renumbered' row below.
      const fields = m.changes.filter((c) => c.field !== 'id');
      if (fields.length === 0 && kind === 'returned') row(m.after.id, kind, '', '', '', m.after, show);
      for (const c of fields) row(m.after.id, kind, c.label, c.old, c.new, m.after, show, c.label === consentLabel);
    }
  }
  const afterById = new Map(p.writes.map((w) => [w.id, w]));
  for (const { fromId, toId } of p.renumbered) {
    const r = afterById.get(toId)!;
    row(toId, 'renumbered', ID_FIELD, fromId, toId, r, shown(r), true);
  }
  for (const id of p.locationChecks) {
    const r = afterById.get(id)!;
    row(id, 'location_check', ROSTER_FIELD_LABELS.location, '', LOCATION_CHECK_WORDS, r, shown(r));
  }
  for (const m of p.archived) row(m.before.id, 'archived', ARCHIVE_REASON_FIELD, '', ARCHIVE_REASON_LABELS[m.after.archived!.reason], m.before, shown(m.after), true);
  for (const a of p.ambiguous) {
    const field = a.differentPerson ? DIFFERENT_PERSON_FIELD : CANDIDATES_FIELD;
    row(a.file.id, 'ambiguous', field, '', a.candidateIds.join(' '), a.file, shown(a.file));
  }
  return rows;
}

/** How many records have their values withheld in `rows`. */
export function withheldCount(rows: readonly RosterChangeRow[]): number {
  const ids = new Set<string>();
  for (const r of rows) if (r.withheld) ids.add(r.id);
  return ids.size;
}
