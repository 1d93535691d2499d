import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { encodeExcelCsv, excelCell, excelCsvText } from '../../../src/io/excelCsv';

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
    expect(sjis.lost).toEqual([{ char: '𠮷', row: 3 }, { char: '鷗', row: 3 }]); // neither is in cp932
    expect(back).toContain('?田　太郎');
    expect(back).toContain('?外通り');
  });
});
