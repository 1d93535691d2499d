/**
 * The city's 安否情報 CSV: one row per person of the 安否確認 board, in board order, for
 * `encodeExcelCsv` (io/excelCsv.ts). Made while the 災害時モード is on, so the file name carries
 * 「災害時提供」 and each row says on what ground the person's data is given: 同意 (consent), or
 * the 災害対策基本法 第49条の11第3項 marking for people shown only because of the event.
 */
import { EMERGENCY_MARK, type Emergency } from '../core/emergency';
import { fileNamePart } from '../core/fileName';
import { japanDateOf, japanTimeLabel, japanToday } from '../core/japanDate';
import type { SafetyBoardRow } from '../core/safetyBoard';
import { SAFETY_STATUS_LABELS } from '../core/safetyRecord';

export const SAFETY_CSV_HEADER = ['ID', '氏名', '住所', '地区', '安否', '時刻（日本時間）', '避難先', '備考', '提供の根拠'] as const;

/** The ground column for a person shown with consent. */
export const CONSENT_GROUND = '同意';

/** 避難済 without a known shelter (the place is in the note). */
export const OTHER_SHELTER_LABEL = 'その他（備考を参照）';

/** Header row, then one row per board row (order kept); 時刻 is Japan's date and clock time of the latest record (「2026-09-01 21:05」), empty when 未確認. */
export function safetyCsvRows(rows: readonly SafetyBoardRow[], shelterName: (id: string) => string, districtName: (id: string | null) => string): string[][] {
  return [
    [...SAFETY_CSV_HEADER],
    ...rows.map(({ person, state, latest }) => [
      person.id,
      person.name,
      person.address,
      districtName(person.districtId),
      SAFETY_STATUS_LABELS[state],
      latest ? `${japanDateOf(latest.at)} ${japanTimeLabel(latest.at)}` : '',
      latest?.status === 'evacuated' ? (latest.shelterId ? shelterName(latest.shelterId) : OTHER_SHELTER_LABEL) : '',
      latest?.note ?? '',
      person.revealed ? EMERGENCY_MARK : CONSENT_GROUND,
    ]),
  ];
}

/** 「安否情報_令和9年_台風10号_大雨_災害時提供_2026-09-01.csv」: the event's name and Japan's date of the export. */
export function safetyCsvFileName(event: Pick<Emergency, 'name'>, now: Date = new Date()): string {
  return `安否情報_${fileNamePart(event.name)}_災害時提供_${japanToday(now)}.csv`;
}
