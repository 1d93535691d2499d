import { describe, expect, it } from 'vitest';
import { kanjiToNumber, normalizeAddress, splitBlockNumbers, splitCity, splitPrefecture } from '../../../src/io/addressNormalize';

describe('kanjiToNumber', () => {
  it.each([
    ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['二十一', 21], ['百五', 105], ['一〇五', 105], ['千二百三十四', 1234], ['三百', 300],
  ])('%s → %i', (k, n) => expect(kanjiToNumber(k)).toBe(n));

  it('refuses text that is not a kanji number', () => {
    expect(kanjiToNumber('二三十')).toBeNull();
    expect(kanjiToNumber('箕')).toBeNull();
    expect(kanjiToNumber('')).toBeNull();
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['full-width digits and ideographic spaces', '福島県　会津若松市　中町　４－１６', '福島県会津若松市中町4-16'],
    ['漢数字 丁目 and 番地の', '真宮新町南三丁目十二番地の五', '真宮新町南3丁目12-5'],
    ['十二番地 (no sub-number)', '中町十二番地', '中町12'],
    ['番 and 号', '飯盛2丁目12番3号', '飯盛2丁目12-3'],
    ['「の」 between numbers', '中町4の16', '中町4-16'],
    ['「ノ」 between numbers', '中町4ノ16', '中町4-16'],
    ['番地 followed by a number', '中町12番地5', '中町12-5'],
    ['長音 ー after a digit', '中町12ー5', '中町12-5'],
    ['em dash, minus, hyphen variants', '中町1―2‐3−4', '中町1-2-3-4'],
    ['大字 and 字 dropped', '一箕町大字亀賀字北柳原12', '一箕町亀賀北柳原12'],
    ['ヶ → ケ, 之/ノ → の, 舘 → 館', '一箕町八幡石ヶ森 郷之原 湯ノ平 古舘', '一箕町八幡石ケ森郷の原湯の平古館'],
    ['postcode removed', '〒965-0001 会津若松市中町1', '会津若松市中町1'],
    ['katakana ー in building names kept', 'センタービル101', 'センタービル101'],
    ['half-width katakana widened', 'ｺｰﾎﾟ1', 'コーポ1'],
  ])('%s', (_name, input, expected) => expect(normalizeAddress(input)).toBe(expected));

  it('leaves kanji numerals that are part of a town name alone', () => {
    expect(normalizeAddress('北会津町三本松')).toBe('北会津町三本松');
    expect(normalizeAddress('十日町')).toBe('十日町');
    expect(normalizeAddress('門田町大字一ノ堰')).toBe('門田町一の堰');
  });

  it('gives the same form for the ways one address is written', () => {
    const forms = ['会津若松市飯盛二丁目十二番地の五', '会津若松市飯盛２丁目１２－５', '会津若松市 飯盛2丁目12番5号', '会津若松市飯盛2丁目12の5', '会津若松市飯盛二丁目12ー5'];
    expect(new Set(forms.map(normalizeAddress))).toEqual(new Set(['会津若松市飯盛2丁目12-5']));
  });

  it('returns empty text for empty input', () => {
    expect(normalizeAddress('')).toBe('');
    expect(normalizeAddress(null)).toBe('');
    expect(normalizeAddress('　 ')).toBe('');
  });
});

describe('splitPrefecture / splitCity / splitBlockNumbers', () => {
  it('splits a leading 都道府県', () => {
    expect(splitPrefecture('福島県会津若松市中町1')).toEqual({ prefecture: '福島県', rest: '会津若松市中町1' });
    expect(splitPrefecture('会津若松市中町1')).toEqual({ prefecture: null, rest: '会津若松市中町1' });
    expect(splitPrefecture('北海道旭川市')).toEqual({ prefecture: '北海道', rest: '旭川市' });
  });

  it('splits a known city, also a 郡 town written without its 郡, preferring the longest', () => {
    expect(splitCity('会津若松市中町1', ['会津若松市'])).toEqual({ city: '会津若松市', rest: '中町1' });
    expect(splitCity('猪苗代町千代田1', ['耶麻郡猪苗代町'])).toEqual({ city: '耶麻郡猪苗代町', rest: '千代田1' });
    expect(splitCity('耶麻郡猪苗代町千代田1', ['耶麻郡猪苗代町'])).toEqual({ city: '耶麻郡猪苗代町', rest: '千代田1' });
    expect(splitCity('札幌市中央区北1条西2', ['札幌市', '札幌市中央区'])).toEqual({ city: '札幌市中央区', rest: '北1条西2' });
    expect(splitCity('郡山市朝日1', ['会津若松市'])).toBeNull();
  });

  it('reads the 街区符号 and following numbers', () => {
    expect(splitBlockNumbers('12-5-101コーポ')).toEqual({ numbers: [12, 5, 101], tail: 'コーポ' });
    expect(splitBlockNumbers('-7')).toEqual({ numbers: [7], tail: '' });
    expect(splitBlockNumbers('北12')).toEqual({ numbers: [], tail: '北12' });
  });
});
