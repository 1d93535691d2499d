import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { encodeExcelCsv, excelCell, excelCsvText, shiftJisRefusal } from '../../../src/io/excelCsv';

const decodeSjis = (bytes: Uint8Array) => new TextDecoder('shift_jis').decode(bytes);

describe('CSV for Excel', () => {
  it('quotes commas, quotes and line breaks, and keeps Japanese text as written', () => {
    expect(excelCell('会津若松市栄町1-1')).toBe('会津若松市栄町1-1');
    expect(excelCell('一郎, 花子')).toBe('"一郎, 花子"');
    expect(excelCell('「"杖"」を使う')).toBe('"「""杖""」を使う"');
    expect(excelCell('1階\n北側')).toBe('"1階\n北側"');
    expect(excelCell(' 前後に空白 ')).toBe('" 前後に空白 "');
  });

  it('keeps digit strings Excel would change as text, and leaves ordinary numbers alone', () => {
    expect(excelCell('000123')).toBe('="000123"');
    expect(excelCell('0242001111')).toBe('="0242001111"');
    expect(excelCell('123456789012')).toBe('="123456789012"');
    expect(excelCell('0242-00-1111')).toBe('="0242-00-1111"');
    expect(excelCell('+81-90-0000-0000')).toBe('="+81-90-0000-0000"');
    expect(excelCell('1-2')).toBe('="1-2"');
    expect(excelCell('2024/4/1')).toBe('="2024/4/1"');
    expect(excelCell('37.495100')).toBe('37.495100');
    expect(excelCell('-1.5')).toBe('-1.5');
    expect(excelCell('139.929500')).toBe('139.929500');
    expect(excelCell('85')).toBe('85');
    expect(excelCell('0')).toBe('0');
  });

  it('never writes a cell a spreadsheet would run as a formula', () => {
    for (const bad of ['=HYPERLINK("http://example.com","x")', '+A1', '@SUM(A1)', '-2+3', '＝1+1', '=1+1"']) {
      const cell = excelCell(bad);
      const parsed = Papa.parse<string[]>(cell).data[0][0];
      expect(parsed.startsWith("'")).toBe(true);
      expect(parsed.slice(1)).toBe(bad);
    }
  });

  it('round-trips through a CSV parser: same cells, CRLF rows', () => {
    const rows = [['地区', '氏名', 'メモ'], ['一箕町松長地区', '会津　和子', '"玄関に段差", 2段'], ['中央・大町地区', '大町　一郎', '']];
    const text = excelCsvText(rows);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4);
    expect(Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data).toEqual(rows);
  });

  it('UTF-8 starts with a BOM; Shift_JIS holds cp932 characters and reports the ones it cannot', () => {
    const rows = [['氏名', '住所'], ['髙橋　①子', '会津若松市～町'], ['𠮷田　太郎', '鷗外通り']];
    const utf8 = encodeExcelCsv(rows, 'utf8_bom');
    expect([...utf8.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.lost).toEqual([]);
    expect(new TextDecoder().decode(utf8.bytes.slice(3))).toBe(excelCsvText(rows));

    const sjis = encodeExcelCsv(rows, 'shift_jis');
    const back = decodeSjis(sjis.bytes);
    expect(back).toContain('髙橋　①子');
    expect(back).toContain('会津若松市～町');
    expect(sjis.lost).toEqual([{ char: '𠮷', row: 3, column: 0 }, { char: '鷗', row: 3, column: 1 }]); // neither is in cp932
    expect(back).toContain('?田　太郎');
    expect(back).toContain('?外通り');
  });
});

describe('Shift_JIS refusal message', () => {
  const header = ['地区', 'ID', '氏名', '住所'];
  const person = (i: number, name: string, address = '会津若松市栄町') => ['一箕町松長地区', `P${String(i).padStart(4, '0')}`, name, address];

  it('names the person (ID and 氏名), the column and the character, per person', () => {
    const rows = [header, ...Array.from({ length: 40 }, (_, i) => person(i + 1, `会津　${i + 1}`)), person(41, '𠮷田　花子'), person(42, '森　鷗子', '𠮷野町')];
    const encoded = encodeExcelCsv(rows, 'shift_jis');
    const message = shiftJisRefusal(rows, encoded.lost);
    expect(message).toContain('41人目 ID「P0041」「𠮷田　花子」の氏名に「𠮷」');
    expect(message).toContain('42人目 ID「P0042」「森　鷗子」の氏名に「鷗」、住所に「𠮷」');
    expect(message).toContain('書き出していません');
    expect(message).toContain('UTF-8（BOM付き）');
  });

  it('lists at most five people and says how many more', () => {
    const rows = [header, ...Array.from({ length: 8 }, (_, i) => person(i + 1, `𠮷田　${i + 1}`))];
    const message = shiftJisRefusal(rows, encodeExcelCsv(rows, 'shift_jis').lost);
    expect(message).toContain('5人目 ID「P0005」');
    expect(message).not.toContain('6人目');
    expect(message).toContain('ほか3人');
  });
});

/**
 * What Excel shows for one CSV field as written: a `="…"` formula shows its text; any other field
 * shows its text (a leading 「'」 included) — provided `excelCell` protected every value Excel would
 * otherwise read as a number, date, time or TRUE/FALSE.
 */
function excelShows(cell: string): string {
  return shownText(Papa.parse<string[]>(cell).data[0][0]);
}

/** What Excel shows for a field already read from the CSV. */
function shownText(field: string): string {
  const m = /^="(.*)"$/s.exec(field);
  return m ? m[1].replace(/""/g, '"') : field;
}

describe('values Excel would reinterpret are written as text', () => {
  // value → what Excel would show if the value were written as it is
  it.each([
    ['-(1)', '-1'],
    ['(1)', '-1'],
    ['1e5', '100000'],
    ['1E+05', '100000'],
    ['2.5e-3', '0.0025'],
    ['.5', '0.5'],
    ['1,000', '1000'],
    ['1,2', '12'],
    ['50%', '0.5 shown as 50%'],
    ['¥100', '100 as currency'],
    ['1/2', 'a date (1月2日)'],
    ['1-2', 'a date (1月2日)'],
    ['10:30', 'a time'],
    ['4月1日', 'a date'],
    ['2024年4月', 'a date'],
    ['令和6年4月1日', 'a date'],
    ['R6.4.1', 'a date'],
    ['0123', '123'],
    ['+81-90-1111-2222', 'a sum'],
    ['０２４２－００－１１１１', 'a date or a sum'],
    ['１２３', '123 as a number'],
    [' 12 ', '12'],
    ['TRUE', 'a boolean'],
    ['false', 'FALSE'],
    // English month names (found by an adversarial try).
    ['Sep-10', 'a date (10 September)'],
    ['10-Sep', 'a date'],
    ['Apr 1', 'a date'],
  ])('%j (Excel would show %s) is shown as written', (value) => {
    const cell = excelCell(value);
    expect(cell.startsWith('="') || cell.startsWith('"=""')).toBe(true);
    expect(excelShows(cell)).toBe(value);
  });

  it.each(['85', '0', '-3', '12.5', '37.495100', '139.929500', '-1.5'])('keeps the plain number %j a number', (value) => {
    expect(excelCell(value)).toBe(value);
  });

  it.each(['会津若松市栄町1-1', '1階 北側', 'A-1', '要見直し', '2号棟', 'Mayumi', 'Octavia'])('leaves ordinary text %j as it is', (value) => {
    expect(excelCell(value)).toBe(value);
  });

  it('a protected value holding a comma is still one CSV field', () => {
    const text = excelCsvText([['1,000', '0242']]);
    expect(Papa.parse<string[]>(text.trimEnd()).data[0].map(shownText)).toEqual(['1,000', '0242']);
  });
});
