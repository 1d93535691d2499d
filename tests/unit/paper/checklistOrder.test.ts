import { describe, expect, it } from 'vitest';
import { CHECKLIST_BOXES, CHECKLIST_KEY_LEGEND, checklistEntries, checklistGroups, checklistKeyAction, checklistPages } from '../../../src/core/checklistOrder';

const p = (id: string, districtId: string | null) => ({ id, districtId });
const names: Record<string, string> = { d1: '本町一丁目', d2: '栄町', d3: '一箕町' };
const byName = (a: string, b: string) => names[a].localeCompare(names[b], 'ja');

describe('安否確認チェック表: order, numbers, pages, keys', () => {
  it('keeps a single district in the given order, numbered 1…N', () => {
    const ordered = ['e', 'a', 'd', 'b', 'c'].map((id) => p(id, 'd1'));
    const groups = checklistGroups(ordered, byName);
    expect(groups).toHaveLength(1);
    expect(checklistEntries(groups).map((e) => [e.no, e.person.id])).toEqual([[1, 'e'], [2, 'a'], [3, 'd'], [4, 'b'], [5, 'c']]);
  });

  it('groups several districts (in the order given for districts, no district last), keeps the order inside each, numbers across all', () => {
    const ordered = [p('a', 'd1'), p('b', null), p('c', 'd3'), p('d', 'd1'), p('e', 'd2'), p('f', 'd3')];
    const groups = checklistGroups(ordered, byName);
    const expectedDistricts = ['d1', 'd2', 'd3'].sort(byName);
    expect(groups.map((g) => g.districtId)).toEqual([...expectedDistricts, null]);
    const entries = checklistEntries(groups);
    expect(entries.map((e) => e.no)).toEqual([1, 2, 3, 4, 5, 6]);
    // Every person once; inside a district, the given order.
    expect(entries.map((e) => e.person.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    for (const g of groups) {
      const ids = g.entries.map((e) => e.person.id);
      expect(ids).toEqual(ordered.filter((x) => x.districtId === g.districtId).map((x) => x.id));
    }
  });

  it('splits each district into pages of at most n rows, each district on its own pages, numbered per district', () => {
    const ordered = [...Array.from({ length: 25 }, (_, i) => p(`a${i}`, 'd1')), ...Array.from({ length: 3 }, (_, i) => p(`b${i}`, 'd2'))];
    const pages = checklistPages(checklistGroups(ordered, byName), 12);
    expect(checklistEntries(checklistGroups(ordered, byName)).map((e) => e.no)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
    const d1 = pages.filter((x) => x.districtId === 'd1');
    const d2 = pages.filter((x) => x.districtId === 'd2');
    expect(d1.map((x) => [x.page, x.pages, x.entries.length])).toEqual([[1, 3, 12], [2, 3, 12], [3, 3, 1]]);
    expect(d2.map((x) => [x.page, x.pages, x.entries.length])).toEqual([[1, 1, 3]]);
    // No row lost or repeated, in the entry's order.
    expect(pages.flatMap((x) => x.entries.map((e) => e.no))).toEqual(checklistEntries(checklistGroups(ordered, byName)).map((e) => e.no));
    expect(new Set(pages.flatMap((x) => x.entries.map((e) => e.no))).size).toBe(28);
    expect(checklistPages([], 12)).toEqual([]);
    expect(checklistPages(checklistGroups([p('x', 'd1')], byName), 0)).toHaveLength(1);
  });

  it('maps the keys: 1–4 the boxes in paper order, 0 and Space skip, Backspace back, others nothing', () => {
    expect(CHECKLIST_BOXES.map((b) => [b.key, b.label])).toEqual([['1', '無事'], ['2', '要支援'], ['3', '連絡つかず'], ['4', '避難済']]);
    expect(['1', '2', '3', '4'].map((k) => checklistKeyAction(k))).toEqual([
      { kind: 'status', status: 'safe' },
      { kind: 'status', status: 'needs_help' },
      { kind: 'status', status: 'not_reached' },
      { kind: 'status', status: 'arrived' },
    ]);
    expect(checklistKeyAction('0')).toEqual({ kind: 'skip' });
    expect(checklistKeyAction(' ')).toEqual({ kind: 'skip' });
    expect(checklistKeyAction('Backspace')).toEqual({ kind: 'back' });
    for (const k of ['5', '9', 'Enter', 'a', 'Tab', 'Delete']) expect(checklistKeyAction(k)).toBeNull();
    for (const b of CHECKLIST_BOXES) expect(CHECKLIST_KEY_LEGEND).toContain(`${b.key} ${b.label}`);
    expect(CHECKLIST_KEY_LEGEND).toContain('Backspace');
  });
});
