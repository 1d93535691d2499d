import { describe, expect, it } from 'vitest';
import { ErrorList, areAllOneOf, isFilledText, isOneOf, isOptionalText } from '../../../src/core/validation';

const LABELS = { a: 'エー', b: 'ビー' };

/** The errors one ErrorList call records. */
function errorsOf(call: (e: ErrorList) => void) {
  const e = new ErrorList();
  call(e);
  return e.errors;
}

describe('ErrorList', () => {
  it('requireText: blank, not a string, too long; nothing for a filled text', () => {
    for (const blank of ['', '  ', '\u3000', '\t\n', '\uFEFF']) {
      expect(errorsOf((e) => e.requireText(blank, 'name', '氏名', 5))).toEqual([{ field: 'name', message: '氏名を入力してください。' }]);
    }
    expect(errorsOf((e) => e.requireText(12, 'name', '氏名', 5))).toEqual([{ field: 'name', message: '氏名を入力してください。' }]);
    expect(errorsOf((e) => e.requireText('あいうえおか', 'name', '氏名', 5))).toEqual([{ field: 'name', message: '氏名は5文字以内で入力してください（6文字）。' }]);
    expect(errorsOf((e) => e.requireText(' 花子 ', 'name', '氏名', 5))).toEqual([]);
    expect(errorsOf((e) => e.requireText('x'.repeat(200), 'address', '住所'))).toEqual([]);
    expect(errorsOf((e) => e.requireText('x'.repeat(201), 'address', '住所'))).toHaveLength(1);
  });

  it('optionalText: absent is fine; not a string, too long', () => {
    for (const absent of [undefined, null, '']) expect(errorsOf((e) => e.optionalText(absent, 'phone', '電話番号', 3))).toEqual([]);
    expect(errorsOf((e) => e.optionalText(0, 'phone', '電話番号', 3))).toEqual([{ field: 'phone', message: '電話番号は文字列で入力してください。' }]);
    expect(errorsOf((e) => e.optionalText('1234', 'phone', '電話番号', 3))).toEqual([{ field: 'phone', message: '電話番号は3文字以内で入力してください（4文字）。' }]);
    expect(errorsOf((e) => e.optionalText('   ', 'phone', '電話番号', 3))).toEqual([]);
  });

  it('oneOf and everyOneOf name the allowed values (by label when given)', () => {
    expect(errorsOf((e) => e.oneOf('c', ['a', 'b'], 'f', '値', LABELS))).toEqual([{ field: 'f', message: '値は「エー」「ビー」のいずれかを選んでください。' }]);
    expect(errorsOf((e) => e.oneOf('c', ['a', 'b'], 'f', '値'))).toEqual([{ field: 'f', message: '値は「a」「b」のいずれかを選んでください。' }]);
    expect(errorsOf((e) => e.oneOf('b', ['a', 'b'], 'f', '値'))).toEqual([]);
    expect(errorsOf((e) => e.everyOneOf('a', ['a', 'b'], 'f', '値'))).toEqual([{ field: 'f', message: '値は一覧で指定してください。' }]);
    expect(errorsOf((e) => e.everyOneOf(['a', 'x', 'b', 3], ['a', 'b'], 'f', '値', LABELS))).toEqual([
      { field: 'f', message: '値に不明な値「x」があります（「エー」「ビー」のいずれか）。' },
      { field: 'f', message: '値に不明な値「3」があります（「エー」「ビー」のいずれか）。' },
    ]);
    expect(errorsOf((e) => e.everyOneOf([], ['a'], 'f', '値'))).toEqual([]);
  });

  it('check, fail and add append in order', () => {
    expect(errorsOf((e) => {
      e.check(true, 'a', 'A');
      e.check(false, 'b', 'B');
      e.fail('c', 'C');
      e.add([{ field: 'd', message: 'D' }]);
    })).toEqual([{ field: 'b', message: 'B' }, { field: 'c', message: 'C' }, { field: 'd', message: 'D' }]);
  });

  it('exports each method’s test: true exactly when the method records nothing', () => {
    const values: unknown[] = [undefined, null, '', ' ', '\u3000', 'a', 'abcd', 'あいうえお', 0, [], ['a'], ['a', 'c'], 'c'];
    for (const v of values) {
      expect(isFilledText(v, 4)).toBe(errorsOf((e) => e.requireText(v, 'f', 'L', 4)).length === 0);
      expect(isOptionalText(v, 4)).toBe(errorsOf((e) => e.optionalText(v, 'f', 'L', 4)).length === 0);
      expect(isOneOf(v, ['a', 'b'])).toBe(errorsOf((e) => e.oneOf(v, ['a', 'b'], 'f', 'L')).length === 0);
      expect(areAllOneOf(v, ['a', 'b'])).toBe(errorsOf((e) => e.everyOneOf(v, ['a', 'b'], 'f', 'L')).length === 0);
    }
  });
});
