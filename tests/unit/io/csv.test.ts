import { describe, expect, it } from 'vitest';
import { MAX_CELL_LENGTH, parseCsvTable } from '../../../src/io/csv';

describe('parseCsvTable', () => {
  it('keeps a quoted cell with a newline and commas as one cell of one record', () => {
    const t = parseCsvTable('ID,名称,備考\r\n1,"A, B","1行目\r\n2行目"\r\n2,C,\r\n', 'a.csv');
    expect(t.errors).toEqual([]);
    expect(t.records).toEqual([
      { row: 1, cells: ['1', 'A, B', '1行目\n2行目'] },
      { row: 2, cells: ['2', 'C', ''] },
    ]);
  });

  it('accepts Excel trailing empty cells but reports a row with real extra cells', () => {
    const t = parseCsvTable('a,b\n1,2,,\n3,4,5\n', 'a.csv');
    expect(t.records.map((r) => r.row)).toEqual([1]);
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ file: 'a.csv', row: 2, column: null });
    expect(t.errors[0].message).toContain('見出しは2列、この行は3列');
  });

  it('reads tab-separated text', () => {
    const t = parseCsvTable('ID\t氏名\nP1\t会津, 花子\n', 't.txt');
    expect(t.headers).toEqual(['ID', '氏名']);
    expect(t.records[0].cells).toEqual(['P1', '会津, 花子']);
  });

  it('ignores blank lines: rows count records after the header', () => {
    const t = parseCsvTable('a,b\n\n1,2\n\n3,4\n', 'a.csv');
    expect(t.records).toEqual([{ row: 1, cells: ['1', '2'] }, { row: 2, cells: ['3', '4'] }]);
  });

  it('reports an oversized cell with its column', () => {
    const t = parseCsvTable(`a,b\n1,${'x'.repeat(MAX_CELL_LENGTH + 1)}\n`, 'a.csv');
    expect(t.records).toEqual([]);
    expect(t.errors[0]).toMatchObject({ row: 1, column: 'b' });
  });
});
