import { afterEach, describe, expect, it } from 'vitest';
import { DISCLOSURE_CSV_HEADER, disclosureCsvFileName, disclosureCsvRows, type DisclosureCsvEntry } from '../../../src/core/disclosureCsv';
import { encodeExcelCsv } from '../../../src/io/excelCsv';

/** 2026-11-28 16:05 UTC is 2026-11-29 01:05 in Japan: the record says Japan's date and time. */
const entry = (over: Partial<DisclosureCsvEntry> = {}): DisclosureCsvEntry => ({
  at: '2026-11-28T16:05:00.000Z',
  kindLabel: '名簿CSVの出力',
  what: '消防団向け名簿（一箕町松長地区）',
  recipient: '消防団',
  count: 2,
  wholeStore: false,
  personIds: ['0012', 'P-7'],
  fileName: '消防団向け名簿_一箕町松長地区_2026-11-29.csv',
  operator: '山田 花子',
  ...over,
});

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('提供記録 CSV', () => {
  it('has one row per entry in the order given, with Japan time, the kind in words, recipient, count, ids, file and operator', () => {
    process.env.TZ = 'America/New_York';
    const rows = disclosureCsvRows([entry(), entry({ at: '2026-11-27T01:00:00.000Z', kindLabel: 'バックアップの作成', what: 'すべてのデータ', recipient: null, count: 150, wholeStore: true, personIds: [], fileName: '避難支援_バックアップ_20261127.hinan' })]);
    expect(rows[0]).toEqual([...DISCLOSURE_CSV_HEADER]);
    expect(DISCLOSURE_CSV_HEADER).toEqual(['日時', '種類', '内容', '提供先', '人数', '対象者ID', 'ファイル名', '作業者', '災害時提供']);
    expect(rows[1]).toEqual(['2026-11-29 01:05', '名簿CSVの出力', '消防団向け名簿（一箕町松長地区）', '消防団', '2', '0012、P-7', '消防団向け名簿_一箕町松長地区_2026-11-29.csv', '山田 花子', '']);
    // A whole-store operation lists no ids: it is every person the store held.
    expect(rows[2]).toEqual(['2026-11-27 10:00', 'バックアップの作成', 'すべてのデータ', '', '150', '（全員）', '避難支援_バックアップ_20261127.hinan', '山田 花子', '']);
    // A print has no file.
    expect(disclosureCsvRows([entry({ fileName: null })])[1][6]).toBe('');
  });

  it('has the 災害時モード event code in 「災害時提供」 on entries made while an event was active, and nothing on the others', () => {
    const during = entry({ kindLabel: '安否の印刷', what: '未確認者リスト　災害時提供（災害対策基本法第49条の11第3項）', emergencyId: 'K7M2QX9A' });
    const rows = disclosureCsvRows([during, entry(), entry({ emergencyId: undefined })]);
    expect(rows.map((r) => r.length)).toEqual([9, 9, 9, 9]);
    expect(rows.map((r) => r[8])).toEqual(['災害時提供', 'K7M2QX9A', '', '']);
    // The other columns are those of an entry without an event.
    expect(rows[1].slice(0, 8)).toEqual(['2026-11-29 01:05', '安否の印刷', '未確認者リスト　災害時提供（災害対策基本法第49条の11第3項）', '消防団', '2', '0012、P-7', '消防団向け名簿_一箕町松長地区_2026-11-29.csv', '山田 花子']);
    // A code Excel would read as a number in scientific notation (「2345E678」) stays text.
    const csv = new TextDecoder().decode(encodeExcelCsv(disclosureCsvRows([entry({ emergencyId: '2345E678' })]), 'utf8_bom').bytes);
    expect(csv.split('\r\n')[1].endsWith(',="2345E678"')).toBe(true);
  });

  it('opens in Excel as written: BOM, CRLF, the date and a leading-zero id kept as text, a formula-like name made harmless', () => {
    const rows = disclosureCsvRows([entry({ personIds: ['0012'], operator: '=HYPERLINK("x")' })]);
    const bytes = encodeExcelCsv(rows, 'utf8_bom').bytes;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('日時,種類,内容,提供先,人数,対象者ID,ファイル名,作業者,災害時提供');
    expect(lines[1]).toContain('="2026-11-29 01:05"');
    expect(lines[1]).toContain('="0012"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toBe('');
  });

  it('is named with the Japan date of the export', () => {
    expect(disclosureCsvFileName(new Date('2026-11-28T16:05:00.000Z'))).toBe('提供記録_2026-11-29.csv');
  });
});
