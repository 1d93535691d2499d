import { describe, expect, it } from 'vitest';
import { EMERGENCY_MARK } from '../../../src/core/emergency';
import { safetyBoard } from '../../../src/core/safetyBoard';
import { encodeExcelCsv } from '../../../src/io/excelCsv';
import { safetyCsvFileName, safetyCsvRows } from '../../../src/io/safetyCsv';
import { EVENT, START, person, rec } from './safetyFixtures';

const people = [
  person('P1', { name: '会津 一郎', nameKana: 'ア', priorityRank: 'A', address: '追手町1-1' }),
  person('P2', { name: '鶴ヶ城 花子', nameKana: 'イ', revealed: true, districtId: 'd2' }),
  person('P3', { name: '白虎 三郎', nameKana: 'ウ', revealed: true }),
  person('P4', { name: '猪苗代 四子', nameKana: 'エ', districtId: null }),
];
const records = [
  rec('P1', 'evacuated', 30, { shelterId: 'S-1', note: '車いす' }),
  rec('P2', 'evacuated', 200, { note: '親戚の家' }),
  rec('P3', 'needs_help', 45),
];
const shelters: Record<string, string> = { 'S-1': '鶴城小学校' };
const districts: Record<string, string> = { d1: '追手町', d2: '城東町' };
const rows = safetyCsvRows(
  safetyBoard(people, records, START).rows,
  (id) => shelters[id] ?? id,
  (id) => (id === null ? '（地区なし）' : districts[id]),
);

describe('the city’s 安否情報 CSV', () => {
  it('has the columns and one row per person in board order, with the ground of each', () => {
    expect(rows[0]).toEqual(['ID', '氏名', '住所', '地区', '安否', '時刻（日本時間）', '避難先', '備考', '提供の根拠']);
    expect(rows.slice(1)).toEqual([
      ['P1', '会津 一郎', '追手町1-1', '追手町', '避難済', '2026-09-01 21:30', '鶴城小学校', '車いす', '同意'],
      ['P2', '鶴ヶ城 花子', '会津若松市追手町P2番', '城東町', '避難済', '2026-09-02 00:20', 'その他（備考を参照）', '親戚の家', EMERGENCY_MARK],
      ['P3', '白虎 三郎', '会津若松市追手町P3番', '追手町', '要支援', '2026-09-01 21:45', '', '', EMERGENCY_MARK],
      ['P4', '猪苗代 四子', '会津若松市追手町P4番', '（地区なし）', '未確認', '', '', '', '同意'],
    ]);
  });

  it('opens in Excel: BOM, CRLF, times kept as text, the marking on every revealed row', () => {
    const { bytes } = encodeExcelCsv(rows, 'utf8_bom');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(lines[1]).toContain('="2026-09-01 21:30"');
    expect(lines.filter((l) => l.endsWith(EMERGENCY_MARK))).toHaveLength(2);
    const sjis = encodeExcelCsv(rows, 'shift_jis');
    expect(sjis.lost).toEqual([]);
  });

  it('is named with the event, 災害時提供 and Japan’s date', () => {
    expect(safetyCsvFileName(EVENT, new Date('2026-09-01T16:00:00Z'))).toBe('安否情報_令和9年_台風10号_大雨_災害時提供_2026-09-02.csv');
  });
});
