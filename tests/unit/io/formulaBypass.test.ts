import { describe, expect, it } from 'vitest';
import { looksLikeFormula } from '../../../src/io/normalize';
import { PEOPLE_TEMPLATE_HEADER, readPeopleFile } from '../../../src/io/peopleCsv';
import { SUPPORTER_TEMPLATE_HEADER, readSupportersFile } from '../../../src/io/supportersCsv';

/**
 * Characters that storing removes from the start of a cell (String.prototype.trim for names and
 * addresses; normalizeCodeText — NFKC, dashes, trim — for codes such as phone numbers). A formula
 * hidden behind one of them must be caught at import, not stored as 「=…」.
 */
const INVISIBLE_PREFIXES: [string, string][] = [
  ['NBSP U+00A0', '\u00a0'],
  ['BOM U+FEFF', '\ufeff'],
  ['LINE SEPARATOR U+2028', '\u2028'],
  ['PARAGRAPH SEPARATOR U+2029', '\u2029'],
  ['EN SPACE U+2002', '\u2002'],
  ['NARROW NBSP U+202F', '\u202f'],
  ['MEDIUM MATHEMATICAL SPACE U+205F', '\u205f'],
  ['OGHAM SPACE U+1680', '\u1680'],
  ['LINE FEED', '\n'],
  ['VERTICAL TAB', '\v'],
  ['FORM FEED', '\f'],
  ['two of them', '\u00a0\ufeff'],
  // Kept by storing but invisible to a reader (found by an adversarial try).
  ['ZERO WIDTH SPACE U+200B', '\u200b'],
  ['WORD JOINER U+2060', '\u2060'],
  ['MONGOLIAN VOWEL SEPARATOR U+180E', '\u180e'],
  ['NEXT LINE U+0085', '\u0085'],
];
const PAYLOADS = ['=1+1', '+1+cmd', '-1+cmd', '@SUM(A1)'];
const FORMULA_START = /^[=+\-@]/;

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;
const NOW = '2025-01-01T00:00:00.000Z';

function peopleRow(id: string, name: string, address: string, phone: string): string {
  return [id, csvCell(name), 'カナ', '1940-04-01', '女', csvCell(address), csvCell(phone), '', '独歩', '', '', '同意', '', '37.5', '139.93'].join(',');
}

describe('formula check at import runs on the value as stored', () => {
  for (const [label, prefix] of INVISIBLE_PREFIXES) {
    it.each(PAYLOADS)(`名簿: ${label} before %j is refused in 氏名, 住所 and 電話番号`, (payload) => {
      const text = [PEOPLE_TEMPLATE_HEADER, peopleRow('P1', prefix + payload, '会津若松市栄町1-1', '0242-00-0000'), peopleRow('P2', '会津　花子', prefix + payload, '0242-00-0000'), peopleRow('P3', '会津　花子', '会津若松市栄町1-1', prefix + payload)].join('\r\n');
      const r = readPeopleFile(text, 'meibo.csv', { now: NOW });
      const formulaErrors = r.errors.filter((e) => e.message.includes('数式'));
      expect(formulaErrors.map((e) => [e.row, e.column])).toEqual([
        [1, '氏名'],
        [2, '住所'],
        [3, '電話番号'],
      ]);
      // Nothing that would be stored (even through 「正常な行だけ取り込む」) starts like a formula.
      for (const p of [...r.records, ...r.validRecords]) for (const v of [p.name, p.address, p.phone]) expect(v).not.toMatch(FORMULA_START);
    });

    it(`支援者: ${label} before a formula is refused`, () => {
      const row = ['S1', csvCell(prefix + '=1+1'), '近隣住民', csvCell(prefix + '@SUM(A1)'), csvCell(prefix + '-1+cmd'), '昼夜', '2', '', '37.5', '139.93'].join(',');
      const r = readSupportersFile([SUPPORTER_TEMPLATE_HEADER, row].join('\r\n'), 'shien.csv', { now: NOW });
      expect(r.errors.filter((e) => e.message.includes('数式')).map((e) => e.column)).toEqual(['氏名', '住所', '電話番号']);
      expect(r.validRecords).toEqual([]);
    });
  }

  it.each(['ー1+cmd', '−1+cmd', '－1+cmd', '‐1+cmd'])('a dash variant that a code column turns into 「-」 (%j) is refused', (v) => {
    expect(looksLikeFormula(v)).toBe(true);
  });

  it.each(['\u00a0会津 花子', '\ufeff0242-00-0000', '\u00a0-12.5', '\u3000+81-90-1111-2222', 'アーケード'])('leaves ordinary values with the same prefixes alone: %j', (v) => {
    expect(looksLikeFormula(v)).toBe(false);
  });
});
