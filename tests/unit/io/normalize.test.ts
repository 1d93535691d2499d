import { describe, expect, it } from 'vitest';
import { parseCapacityText } from '../../../src/io/capacity';
import { hazardOfHeader, readFlag } from '../../../src/io/hazardColumns';
import { isValidLocalGovCode, localGovCheckDigit, repairLocalGovCode } from '../../../src/io/localGovCode';
import { looksLikeFormula, neutralizeFormula, normalizeCodeText, parseDecimal, parseWholeNumber } from '../../../src/io/normalize';

describe('numeric and code normalisation', () => {
  it.each([
    ['３７．４９４８', 37.4948],
    [' 139.9323　', 139.9323],
    ['1,371', 1371],
    ['－１２．５', -12.5],
    ['', null],
  ])('parseDecimal(%j) = %j', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it('returns NaN for text that is not a number', () => {
    expect(parseDecimal('三十七')).toBeNaN();
    expect(parseWholeNumber('2.5')).toBeNaN();
    expect(parseWholeNumber('１２.0')).toBe(12);
  });

  it('unifies the dashes seen in addresses and phone numbers', () => {
    expect(normalizeCodeText('０２４２ー００‐００００')).toBe('0242-00-0000');
    expect(normalizeCodeText('３１―１')).toBe('31-1');
    expect(normalizeCodeText('Ｅ０７２　２０')).toBe('E072 20');
  });
});

describe('formula-like cells', () => {
  it.each(['=HYPERLINK("http://x","y")', '＝1+1', '@SUM(A1)', "+cmd|' /C calc'!A0", '-2+3+cmd|x', '\t=1'])('flags %j', (v) => {
    expect(looksLikeFormula(v)).toBe(true);
    expect(neutralizeFormula(v)).toBe(`'${v}`);
  });
  it.each(['+81-90-1111-2222', '-12.5', '会津 花子', '<script>alert(1)</script>', 'E=mc2', ''])('leaves %j alone', (v) => {
    expect(looksLikeFormula(v)).toBe(false);
    expect(neutralizeFormula(v)).toBe(v);
  });
});

describe('全国地方公共団体コード', () => {
  it('computes the check digit of SOURCES.md example 07202 → 8', () => {
    expect(localGovCheckDigit('07202')).toBe(8);
    expect(isValidLocalGovCode('072028')).toBe(true);
    expect(isValidLocalGovCode('072029')).toBe(false);
  });
  it.each([
    ['72028', '072028'],
    ['72028.0', '072028'],
    ['７２０２８', '072028'],
    ['07202', '072028'],
    ['7202', '072028'],
    ['172022', '172022'],
    ['17202', '172022'],
  ])('repairs %j to %j', (raw, code) => {
    const r = repairLocalGovCode(raw);
    expect(r.ok && r.code).toBe(code);
  });
  it('uses the prefecture to choose when both readings are valid (12041: 旭川 012041 or 千葉 120413)', () => {
    expect(repairLocalGovCode('12041', 1)).toMatchObject({ ok: true, code: '012041' });
    expect(repairLocalGovCode('12041', 12)).toMatchObject({ ok: true, code: '120413' });
  });
  it('rejects a wrong check digit and suggests the right one', () => {
    const r = repairLocalGovCode('072029');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('072028');
  });
});

describe('free-text capacity', () => {
  it.each([
    ['屋内1,371人／屋外5,470人（面積の1/2）', 1371, 5470, 1371],
    ['屋内2,736人屋外11,700人（面積の1/2）', 2736, 11700, 2736],
    ['屋内0人／屋外9,700人(面積の1/2)', 0, 9700, 9700],
    ['屋内１９１人／屋外０人(面積の1/2)', 191, 0, 191],
  ])('%s → indoor %d, outdoor %d, capacity %d', (text, indoor, outdoor, capacity) => {
    expect(parseCapacityText(text)).toEqual({ indoor, outdoor, capacity });
  });
  it.each([
    ['810人（2平方メートルあたり1人）', 810],
    ['約３，０００人', 3000],
    ['500', 500],
    ['120名', 120],
    ['未定', null],
    ['', null],
  ])('%j → capacity %j', (text, capacity) => {
    expect(parseCapacityText(text).capacity).toBe(capacity);
  });
});

describe('hazard columns and flags', () => {
  it.each([
    ['洪水', 'flood'],
    ['災害種別_洪水', 'flood'],
    ['崖崩れ、土石流及び地滑り', 'landslide'],
    ['崖崩、土石流及び地滑', 'landslide'],
    ['災害種別_崖崩れ、土石及び地滑り', 'landslide'],
    ['大規模火災', 'large_fire'],
    ['災害種別_大規模な火事', 'large_fire'],
    ['災害種別＿内水氾濫', 'inland_flood'],
    ['火山現象', 'volcano'],
  ])('%s → %s', (header, type) => {
    expect(hazardOfHeader(header)).toBe(type);
  });
  it.each(['津波避難ビル', '地震時の備考', '名称', '指定避難所との住所同一'])('does not take %s for a hazard flag', (header) => {
    expect(hazardOfHeader(header)).toBeNull();
  });
  it('reads flags 1, 1.0, ○ as set, empty/0 as unset, and anything else as unreadable', () => {
    expect(['1', '1.0', '１', '○', '◯'].map(readFlag)).toEqual([true, true, true, true, true]);
    expect(['', '0', ' '].map(readFlag)).toEqual([false, false, false]);
    expect(readFlag('2')).toBeNull();
  });
});
