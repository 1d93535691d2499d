import type { HazardType } from './hazard';
import { HAZARD_TYPES, HAZARD_LABELS } from './hazard';
import type { Disruption } from './replanRule';
import { ErrorList, type FieldError } from './validation';

/** 安否確認訓練 / 避難誘導訓練 */
export const DRILL_KINDS = ['safety_check', 'evacuation_guidance'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];
export const DRILL_KIND_LABELS: Record<DrillKind, string> = {
  safety_check: '安否確認訓練',
  evacuation_guidance: '避難誘導訓練',
};

/** One timestamped check during a drill. */
export interface DrillRecord {
  personId: string;
  /** ISO 8601 timestamp. */
  at: string;
  status: 'safe' | 'needs_help' | 'not_reached' | 'arrived';
  note: string;
}

/** 避難訓練 — a scenario and the checks recorded while running it. */
export interface Drill {
  id: string;
  name: string;
  kind: DrillKind;
  districtId: string | null;
  hazard: HazardType;
  timeOfDay: 'day' | 'night';
  season: 'normal' | 'snow';
  /** Plan B of the scenario: shelters that do not open (開設しない)… */
  closedShelterIds: string[];
  /** …supporters who cannot come (不在)… */
  absentSupporterIds: string[];
  /** …and shelters that are full (満員); absent on drills made before it existed (none full). */
  fullShelterIds?: string[];
  startedAt: string | null;
  endedAt: string | null;
  records: DrillRecord[];
  /**
   * The rows of the paper 安否確認チェック表 as last printed for this drill (its No. n is
   * personIds[n - 1]), so 「チェック表から入力」 follows the paper even when the district's people
   * or the order have changed since; absent when it was never printed (or on older drills).
   */
  checklist?: DrillChecklistPrint;
}

/** The kept order of a printed checklist: when it was printed and who is on each row, top to bottom. */
export interface DrillChecklistPrint {
  /** ISO 8601 timestamp of the print. */
  printedAt: string;
  personIds: string[];
}

/** Whether `v` is a well-formed kept checklist order (a timestamp, distinct non-empty ids). */
export function isDrillChecklistPrint(v: unknown): v is DrillChecklistPrint {
  if (typeof v !== 'object' || v === null || !('printedAt' in v) || !('personIds' in v)) return false;
  const { printedAt, personIds } = v;
  if (typeof printedAt !== 'string' || Number.isNaN(Date.parse(printedAt)) || !Array.isArray(personIds)) return false;
  return personIds.every((x) => typeof x === 'string' && x !== '') && new Set(personIds).size === personIds.length;
}

/** Of two kept checklist orders, the one printed last (a reprint replaces the kept order); `a` on a tie. */
export function laterChecklist(a: DrillChecklistPrint | undefined, b: DrillChecklistPrint | undefined): DrillChecklistPrint | undefined {
  if (!a || !b) return a ?? b;
  return Date.parse(b.printedAt) > Date.parse(a.printedAt) ? b : a;
}

/** Field-level errors (Japanese) for a drill; empty when valid. */
export function validateDrill(d: Drill): FieldError[] {
  const e = new ErrorList();
  e.requireText(d.id, 'id', 'ID', 64);
  e.requireText(d.name, 'name', '訓練名', 100);
  e.oneOf(d.kind, DRILL_KINDS, 'kind', '訓練の種類', DRILL_KIND_LABELS);
  e.oneOf(d.hazard, HAZARD_TYPES, 'hazard', '想定する災害', HAZARD_LABELS);
  e.oneOf(d.timeOfDay, ['day', 'night'] as const, 'timeOfDay', '時間帯', { day: '昼', night: '夜' });
  e.oneOf(d.season, ['normal', 'snow'] as const, 'season', '季節', { normal: '通常期', snow: '積雪期' });
  const ids = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');
  e.check(ids(d.closedShelterIds) && (d.fullShelterIds === undefined || ids(d.fullShelterIds)), 'closedShelterIds', '開設しない・満員の避難所の指定が読めません。');
  e.check(ids(d.absentSupporterIds), 'absentSupporterIds', '不在の支援者の指定が読めません。');
  e.check(d.checklist === undefined || isDrillChecklistPrint(d.checklist), 'checklist', '印刷したチェック表の並び（印刷日時・要支援者IDの一覧）が読めません。');
  e.check(!d.startedAt || !d.endedAt || !(Date.parse(d.startedAt) > Date.parse(d.endedAt)), 'endedAt', '終了時刻が開始時刻より前になっています。');
  return e.errors;
}

/** The drill's Plan B as the engine's disruption (core/replan.ts). */
export function drillDisruption(d: Pick<Drill, 'closedShelterIds' | 'absentSupporterIds' | 'fullShelterIds'>): Disruption {
  return { closedShelterIds: [...d.closedShelterIds], fullShelterIds: [...(d.fullShelterIds ?? [])], absentSupporterIds: [...d.absentSupporterIds] };
}
