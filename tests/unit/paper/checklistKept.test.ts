import { describe, expect, it } from 'vitest';
import { currentChecklistRows, keptChecklistRows, type ChecklistRow } from '../../../src/core/checklistOrder';
import { isDrillChecklistPrint, laterChecklist, validateDrill, type Drill } from '../../../src/core/drill';
import { BACKUP_TABLES } from '../../../src/io/backup/recordValidators';

const p = (id: string) => ({ id });
const shape = (rows: ChecklistRow<{ id: string }>[]) => rows.map((r) => [r.no, r.kind, r.kind === 'gone' ? r.personId : r.person.id]);

describe('安否確認チェック表: the printed order kept with the drill', () => {
  it('unchanged people in the same order: the paper rows exactly, nothing differs', () => {
    const kept = keptChecklistRows(['a', 'b', 'c'], ['a', 'b', 'c'].map(p));
    expect(shape(kept.rows)).toEqual([[1, 'printed', 'a'], [2, 'printed', 'b'], [3, 'printed', 'c']]);
    expect(kept).toMatchObject({ gone: 0, extra: 0, differs: false });
  });

  it('a printed person no longer shown keeps their No. as a gone row; everyone below keeps the paper number', () => {
    const kept = keptChecklistRows(['a', 'b', 'c', 'd'], ['a', 'c', 'd'].map(p));
    expect(shape(kept.rows)).toEqual([[1, 'printed', 'a'], [2, 'gone', 'b'], [3, 'printed', 'c'], [4, 'printed', 'd']]);
    expect(kept).toMatchObject({ gone: 1, extra: 0, differs: true });
  });

  it('today’s order changed (engine, Plan B, another day): the paper order is followed, not today’s', () => {
    const kept = keptChecklistRows(['a', 'b', 'c'], ['c', 'a', 'b'].map(p));
    expect(shape(kept.rows)).toEqual([[1, 'printed', 'a'], [2, 'printed', 'b'], [3, 'printed', 'c']]);
    expect(kept).toMatchObject({ gone: 0, extra: 0, differs: true });
  });

  it('people shown now but not on the paper come after it, numbered on from its last row, in today’s order', () => {
    const kept = keptChecklistRows(['a', 'b', 'c'], ['x', 'c', 'a', 'y'].map(p));
    expect(shape(kept.rows)).toEqual([[1, 'printed', 'a'], [2, 'gone', 'b'], [3, 'printed', 'c'], [4, 'extra', 'x'], [5, 'extra', 'y']]);
    expect(kept).toMatchObject({ gone: 1, extra: 2, differs: true });
  });

  it('an empty paper: everyone is an extra row from No. 1; without a kept order, today’s entries', () => {
    expect(shape(keptChecklistRows([], ['a'].map(p)).rows)).toEqual([[1, 'extra', 'a']]);
    expect(shape(currentChecklistRows([{ no: 1, person: p('a') }, { no: 2, person: p('b') }]))).toEqual([[1, 'printed', 'a'], [2, 'printed', 'b']]);
  });
});

describe('Drill.checklist: validation, backups, merge rule', () => {
  const drill: Drill = { id: 'drill-1', name: '訓練', kind: 'safety_check', districtId: 'd1', hazard: 'flood', timeOfDay: 'night', season: 'normal', closedShelterIds: [], absentSupporterIds: [], startedAt: null, endedAt: null, records: [] };
  const printed = { printedAt: '2026-11-01T01:00:00.000Z', personIds: ['a', 'b'] };

  it('is optional, and checked when present', () => {
    expect(validateDrill(drill)).toEqual([]);
    expect(validateDrill({ ...drill, checklist: printed })).toEqual([]);
    for (const bad of [{ printedAt: 'いつか', personIds: ['a'] }, { printedAt: printed.printedAt, personIds: ['a', 'a'] }, { printedAt: printed.printedAt, personIds: [''] }, { printedAt: printed.printedAt }, null, 'a,b']) {
      expect(isDrillChecklistPrint(bad)).toBe(false);
      expect(validateDrill({ ...drill, checklist: Object(bad) }).map((e) => e.field), JSON.stringify(bad)).toEqual(['checklist']);
    }
  });

  it('a backup row of a drill with or without the kept order is accepted; a malformed one is refused', () => {
    const validate = BACKUP_TABLES.drills.validate;
    expect(validate({ ...drill })).toEqual([]);
    expect(validate({ ...drill, checklist: printed })).toEqual([]);
    expect(validate({ ...drill, checklist: { printedAt: printed.printedAt, personIds: 'a' } }).map((e) => e.field)).toEqual(['checklist']);
  });

  it('of two kept orders the one printed last wins (a reprint replaces it)', () => {
    const later = { printedAt: '2026-11-02T01:00:00.000Z', personIds: ['b', 'a'] };
    expect(laterChecklist(printed, later)).toBe(later);
    expect(laterChecklist(later, printed)).toBe(later);
    expect(laterChecklist(undefined, printed)).toBe(printed);
    expect(laterChecklist(printed, undefined)).toBe(printed);
    expect(laterChecklist(undefined, undefined)).toBeUndefined();
  });
});
