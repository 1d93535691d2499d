import { afterEach, describe, expect, it } from 'vitest';
import type { DrillRecord } from '../../../src/core/drill';
import type { DrillStatus } from '../../../src/core/drillProgress';
import { drillReport, drillReportCsvRows, drillReportFileName, type DrillReportPerson } from '../../../src/core/drillReport';
import { excelCsvText } from '../../../src/io/excelCsv';

/** 2026-11-29 00:30 in Japan, still 2026-11-28 in UTC: the drill's day is Japan's. */
const START = '2026-11-28T15:30:00.000Z';
const atMin = (m: number) => new Date(Date.parse(START) + m * 60_000).toISOString();
const rec = (personId: string, m: number, status: DrillStatus): DrillRecord => ({ personId, at: atMin(m), status, note: '' });
const who = (id: string, name = `氏名${id}`): DrillReportPerson => ({ id, name, address: `会津若松市${id}町1-1`, mobility: 'independent' });

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('drill report (the debriefing after a drill)', () => {
  it('has one row per person, 要支援 first, then 連絡つかず, then 未確認 (no report), then the confirmed, each group in drill order', () => {
    // Two people share a name (real 名簿 do); one ID is given twice.
    const people = [who('a'), who('b', '会津 花子'), who('c'), who('d', '会津 花子'), who('e'), who('b', '会津 花子'), who('f')];
    const rows = drillReport(
      { kind: 'safety_check', startedAt: START, records: [rec('a', 1, 'safe'), rec('b', 2, 'not_reached'), rec('c', 3, 'not_reached'), rec('c', 9, 'safe'), rec('e', 4, 'needs_help'), rec('f', 5, 'not_reached')] },
      people,
    );
    expect(rows.map((r) => [r.person.id, r.outcome])).toEqual([
      ['e', 'needs_help'],
      ['b', 'not_reached'],
      ['f', 'not_reached'],
      ['d', 'unchecked'],
      ['a', 'safe'],
      ['c', 'safe'],
    ]);
    expect(rows.find((r) => r.person.id === 'c')!.reports.map((r) => r.status)).toEqual(['not_reached', 'safe']);
    expect(rows.find((r) => r.person.id === 'd')!.latestAt).toBeNull();
  });

  it('in 避難誘導, 要支援 comes first even though it does not confirm', () => {
    const rows = drillReport({ kind: 'evacuation_guidance', startedAt: START, records: [rec('a', 1, 'arrived'), rec('b', 2, 'needs_help')] }, [who('a'), who('b'), who('c')]);
    expect(rows.map((r) => [r.person.id, r.outcome, r.confirmedAfterMin])).toEqual([['b', 'needs_help', null], ['c', 'unchecked', null], ['a', 'arrived', 1]]);
  });

  it.each(['UTC', 'America/Los_Angeles'])('writes ID, outcome and every report time in Japan time, Excel-safe, and names the file with the Japan date (machine zone %s)', (zone) => {
    process.env.TZ = zone;
    const drill = { name: '夜間 安否確認/訓練', kind: 'safety_check' as const, startedAt: START, records: [rec('0012', 4, 'not_reached'), rec('0012', 35, 'safe')] };
    const rows = drillReportCsvRows(drillReport(drill, [who('0012'), who('0013')]));
    expect(rows).toEqual([
      ['ID', '氏名', '住所', '移動', '最後の状況', '最後の報告（日本時間）', '確認までの分', '報告の回数', '報告の経過（日本時間）'],
      ['0013', '氏名0013', '会津若松市0013町1-1', '独歩', '未確認（報告なし）', '', '', '0', ''],
      ['0012', '氏名0012', '会津若松市0012町1-1', '独歩', '無事', '2026-11-29 01:05', '35', '2', '00:34 連絡つかず、01:05 無事'],
    ]);
    // IDs with leading zeros and the date-time stay text in Excel.
    const text = excelCsvText(rows);
    expect(text).toContain('="0012"');
    expect(text).toContain('="2026-11-29 01:05"');
    expect(drillReportFileName(drill)).toBe('訓練記録_夜間_安否確認_訓練_2026-11-29.csv');
    expect(drillReportFileName({ name: '訓練', startedAt: null }, new Date('2026-11-28T16:00:00Z'))).toBe('訓練記録_訓練_2026-11-29.csv');
  });
});
