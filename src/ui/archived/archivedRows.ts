import { isShareable } from '../../core/consent';
import type { Person } from '../../core/person';
import { PLAN_STATUS_LABELS, type PlanStatus } from '../../core/plan';
import { ARCHIVE_REASON_LABELS, type RosterArchive } from '../../core/rosterArchive';
import type { RosterKind } from '../../core/rosterUpdate';
import { SUPPORTER_ROLE_LABELS, type Supporter } from '../../core/supporter';
import { dateLabel } from '../plan/planDraft';

/** One line of the 「名簿から外れた人」 list, in words as shown. */
export interface ArchivedRow {
  kind: RosterKind;
  id: string;
  /** 氏名, or the ID with the reason the name is withheld (a person without 同意). */
  label: string;
  /** False when the name is withheld (no 同意): the row and the dialog name the person by ID only. */
  named: boolean;
  districtId: string | null;
  /** 転出, 死亡, … */
  reason: string;
  /** The Japan date it left the 名簿, `YYYY-MM-DD`, and as shown (「2027年4月1日」). */
  on: string;
  dateLabel: string;
  /** The 名簿 file of the update that no longer listed the record. */
  fileName: string;
  /** One more line: whether a plan is kept and its status (people), or the 役割 (supporters). */
  extra: { term: '計画' | '役割'; text: string };
}

/** What the list shows for a person who has no 同意: the ID and why the name is not shown. */
export function withheldLabel(id: string): string {
  return `ID ${id}（同意のない人のため氏名は表示しません）`;
}

function base(kind: RosterKind, r: { id: string; districtId: string | null; archived?: RosterArchive }): Omit<ArchivedRow, 'label' | 'named' | 'extra'> {
  const a = r.archived!;
  return { kind, id: r.id, districtId: r.districtId, reason: ARCHIVE_REASON_LABELS[a.reason], on: a.on, dateLabel: dateLabel(a.on), fileName: a.fileName };
}

/** Rows for archived people; `planStatus`: their kept plans' status by person id. The name shows only with 同意 (`isShareable`). */
export function archivedPersonRows(people: readonly Person[], planStatus: ReadonlyMap<string, PlanStatus>): ArchivedRow[] {
  return people.map((p) => {
    const named = isShareable(p.consent);
    const status = planStatus.get(p.id);
    return {
      ...base('people', p),
      label: named ? p.name : withheldLabel(p.id),
      named,
      extra: { term: '計画', text: status ? `保存しています（${PLAN_STATUS_LABELS[status]}）` : 'なし' },
    };
  });
}

/** Rows for archived supporters (a supporter's name is not under the 名簿's consent rule). */
export function archivedSupporterRows(supporters: readonly Supporter[]): ArchivedRow[] {
  return supporters.map((s) => ({ ...base('supporters', s), label: s.name, named: true, extra: { term: '役割', text: SUPPORTER_ROLE_LABELS[s.role] } }));
}
