import { describe, expect, it } from 'vitest';
import { parseCsvTable, streamCsvRecords } from '../../../src/io/csv';
import { normalizeCodeText, parseDecimal, plainDecimalValue } from '../../../src/io/normalize';
import { readPeopleFile } from '../../../src/io/peopleCsv';
import { DuplicateIds, LOCATION_COLUMNS, duplicateIdErrors, locationReader, readRowLocation, trimCell } from '../../../src/io/rosterCommon';
import { bindColumns } from '../../../src/io/columns';
import { parseJapaneseDate } from '../../../src/io/wareki';

describe('import fast paths give the general path’s answers', () => {
  it('parses \r\n text (Excel) exactly like the same text with \n, quoted line breaks included', () => {
    const lf = 'ID,備考\n\n1,"1行目\n2行目"\n2,"a ""q"" b"\n3,"unterminated\n4,x\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(parseCsvTable(crlf, 'a.csv')).toEqual(parseCsvTable(lf, 'a.csv'));
    expect(parseCsvTable(lf, 'a.csv').records[0]).toEqual({ row: 1, cells: ['1', '1行目\n2行目'] });
    expect(parseCsvTable('a,b\r\n1,"x\ry"\n', 'a.csv')).toEqual(parseCsvTable('a,b\n1,"x\ny"\n', 'a.csv'));
  });

  it('streams the records parseCsvTable returns, with the same errors', () => {
    const text = `a,b\n1,2\n3\n\n5,6,,\n7,${'x'.repeat(10_001)}\n`;
    const seen: { row: number; cells: string[] }[] = [];
    const r = streamCsvRecords(text, 'a.csv', (row, cells) => seen.push({ row, cells }));
    const t = parseCsvTable(text, 'a.csv');
    expect(seen).toEqual(t.records);
    expect(r.errors).toEqual(t.errors);
    expect(r.recordCount).toBe(2);
  });

  it('guesses the delimiter from the first lines as from the whole text', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i};名前${i};x`).join('\n');
    expect(parseCsvTable(`ID;氏名;備考\n${rows}\n`, 's.csv').records[29].cells).toEqual(['29', '名前29', 'x']);
  });

  it('reads plain decimals to the same double as Number()', () => {
    for (const s of ['37.4948', '-12', '139.932300', '0.1', '-0', '0.30000000000000004', '123456789012345.6', '9007199254740993']) {
      expect(Object.is(plainDecimalValue(s), Number(s))).toBe(true);
      expect(Object.is(parseDecimal(s), Number(s))).toBe(true);
    }
    for (const s of ['', '1.', '.5', '+1', '1e3', '1,000', ' 1', '１']) expect(plainDecimalValue(s)).toBeUndefined();
  });

  it('normalises full-width ASCII like NFKC', () => {
    expect(normalizeCodeText('０２４２－００－１２３４')).toBe('0242-00-1234');
    expect(normalizeCodeText('Ｐ０１')).toBe('P01');
    expect(normalizeCodeText('０２４２ー００')).toBe('0242-00');
  });

  it('reads common 西暦/和暦 dates and leaves every rejection to the general path', () => {
    expect(parseJapaneseDate('1985-04-01')).toEqual({ ok: true, value: '1985-04-01' });
    expect(parseJapaneseDate('１９８５年４月１日')).toEqual({ ok: true, value: '1985-04-01' });
    expect(parseJapaneseDate('S60.4.1')).toEqual({ ok: true, value: '1985-04-01' });
    expect(parseJapaneseDate('平成元年1月8日')).toEqual({ ok: true, value: '1989-01-08' });
    expect(parseJapaneseDate('19850401')).toEqual({ ok: true, value: '1985-04-01' });
    expect(parseJapaneseDate('平成31年5月1日', '生年月日').ok).toBe(false);
    expect(parseJapaneseDate('平成元年1月7日', '生年月日').ok).toBe(false);
    expect(parseJapaneseDate('2024-02-30', '生年月日').ok).toBe(false);
  });

  it('finds duplicate IDs one row at a time, also when numbered IDs collide in the table', () => {
    const items = Array.from({ length: 5000 }, (_, i) => ({ id: String(((i * 7) % 4000) * 1_048_576), row: i + 1 }));
    const ids = new DuplicateIds('f.csv', () => 'ID');
    for (const { id, row } of items) ids.see(id, row);
    expect(ids.errors).toHaveLength(1000);
    expect(ids.errors[0]).toEqual({ file: 'f.csv', row: 4001, column: 'ID', message: `ID「${items[4000].id}」が${(4000 * 7 % 4000) / 7 + 1}行目と重複しています。IDは1人に1つにしてください。` });
    expect(duplicateIdErrors(items, 'f.csv', 'ID')).toEqual(ids.errors);
  });

  it('trims cells as String.prototype.trim does', () => {
    for (const t of ['', 'a', ' a', 'a ', '\u3000花子\u3000', '花子\t', '\uFEFFP1', 'P1\u00A0', '\u2028x', 'ｘ\u3000', 'a b', '\u3000', '  ']) {
      expect(trimCell(t)).toBe(t.trim());
    }
  });

  it('reads a row’s location with the per-file reader as readRowLocation does', () => {
    const headers = ['緯度', '経度', 'X座標', 'Y座標', '系番号'];
    const { binding } = bindColumns(headers, LOCATION_COLUMNS);
    const read = locationReader(binding, 'now');
    for (const cells of [
      ['37.4948', '139.9323', '', '', ''], ['37°29\'41.3"', '139.9323', '', '', ''], ['', '', '', '', ''], ['139.9323', '37.4948', '', '', ''],
      ['37.4948', '', '', '', ''], ['', '', '-12345.6', '5678.9', '9'], ['1e999', '139', '', '', ''], ['３７．４９４８', '139.9323', '', '', ''],
    ]) {
      expect(read(cells)).toEqual(readRowLocation(cells, binding, 'now'));
    }
    expect(read(['37.4948', '139.9323', '', '', ''])).toEqual({ value: { lng: 139.9323, lat: 37.4948, source: 'coordinates', at: 'now' }, problems: [] });
    expect(read(['139.9323', '37.4948', '', '', '']).problems).toEqual([{ key: 'lat', message: expect.stringContaining('入れ替わって') }]);
  });

  it('shares one frozen list per distinct 医療/意思疎通/情報提供先 cell between the people read', () => {
    const header = 'ID,氏名,住所,移動,医療,意思疎通,同意,情報提供先';
    const text = [header, 'P1,甲,住所1,独歩,在宅酸素・透析,,同意,民生委員', 'P2,乙,住所2,独歩,在宅酸素・透析,,同意,民生委員', 'P3,丙,住所3,独歩,,認知症,同意,'].join('\n');
    const [a, b, c] = readPeopleFile(text, 'p.csv', { now: '2025-04-01T00:00:00.000Z' }).records;
    expect(a.medical).toEqual(['home_oxygen', 'dialysis']);
    expect(b.medical).toBe(a.medical);
    expect(b.consent.recipients).toBe(a.consent.recipients);
    expect(c.communication).toEqual(['dementia']);
    expect(c.medical).toEqual([]);
    for (const list of [a.medical, a.communication, a.consent.recipients, c.medical, c.communication, c.consent.recipients]) expect(Object.isFrozen(list)).toBe(true);
    expect(() => (a.medical as string[]).push('insulin')).toThrow(TypeError);
  });

  it('reads a 名簿 with \r\n line breaks exactly as with \n', () => {
    const lf = [
      'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度',
      'P1,会津　花子,アイヅ　ハナコ,S15.4.1,女,"会津若松市栄町1-1\n(離れ)",０２４２－００－０００１,要介護３,車椅子,,在宅酸素,同意（R6.4.1）,栄町,37.4948,139.9323',
      'P1,会津　太郎,アイヅ　タロウ,1940/4/1,男,会津若松市栄町1-2,0242-00-0002,,独歩,一人暮らし,,同意,栄町,37.4950,139.9325',
    ].join('\n');
    const now = '2025-04-01T00:00:00.000Z';
    const a = readPeopleFile(lf, 'p.csv', { now });
    expect(readPeopleFile(lf.replace(/\n/g, '\r\n'), 'p.csv', { now })).toEqual(a);
    expect(a.errors.map((e) => e.row)).toEqual([2]);
    expect(a.validRecords[0]).toMatchObject({ id: 'P1', birthDate: '1940-04-01', phone: '0242-00-0001', address: '会津若松市栄町1-1\n(離れ)' });
  });
});
