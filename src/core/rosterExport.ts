/**
 * 関係者向け名簿 — the list a district hands to one 避難支援等関係者 (消防団, 民生委員, 町内会…):
 * one row per person who agreed to share with that recipient, with the 名簿 items, needs,
 * priority, supporters and destination. Plan details (supporters and destination written in the
 * plan) appear only when the person's plan consent names the same recipient; otherwise the
 * engine's suggestion is given, marked 「（提案）」 (the precedence rule of effectivePlan.ts).
 * Pure: the caller supplies people through the consent gate and writes the rows to a file.
 */
import { CONSENT_RECIPIENT_LABELS, type ConsentRecipient } from './consent';
import { isPersonShownTo } from './rosterArchive';
import type { District } from './district';
import { fileNamePart } from './fileName';
import { HAZARD_SHORT_LABELS, type HazardType } from './hazard';
import { COMMUNICATION_LABELS, HOUSEHOLD_LABELS, MEDICAL_LABELS, MOBILITY_LABELS, SEX_LABELS, ageOn, type Person } from './person';
import { effectivePlan, suggestionFromAnalysis, withSource } from './effectivePlan';
import { PLAN_STATUS_LABELS, type Plan } from './plan';
import { PRIORITY_ORDER, type Priority } from './priority';
import { destinationLabel, type Shelter } from './shelter';
import type { Supporter } from './supporter';

/** What the engine suggests for one person (a subset of PersonAnalysis). */
export interface ExportSuggestion {
  priority: Priority;
  /** Nearest suitable shelter for the export's hazard. */
  destination: { shelterId: string } | null;
  /** Matched supporters, nearest first. */
  supporters: { supporterId: string }[];
}

export interface RosterExportInput {
  /** People already through the person gate (isPersonShown); the export narrows them to `recipient` (isPersonShownTo). */
  people: readonly Person[];
  recipient: ConsentRecipient;
  /** Hazard whose destination is listed. */
  hazard: HazardType;
  /** `YYYY-MM-DD`, for ages. */
  onDate: string;
  plans: ReadonlyMap<string, Plan>;
  supporters: ReadonlyMap<string, Supporter>;
  shelters: ReadonlyMap<string, Shelter>;
  districts: ReadonlyMap<string, District>;
  suggestions: ReadonlyMap<string, ExportSuggestion>;
}

export interface RosterExport {
  /** Header row, then one row per person: district, then priority A→C, then フリガナ. */
  rows: string[][];
  /** People in the input whose consent does not name the recipient (not in the rows). */
  withheld: number;
}

export const ROSTER_EXPORT_HEADER = [
  '地区', 'ID', '氏名', 'フリガナ', '年齢', '性別', '住所', '電話番号', '避難支援等を必要とする事由', '移動', '世帯', '医療', '意思疎通',
  '優先度', '優先度の理由', '計画の状態', '避難支援等実施者', '実施者の電話番号', '避難先', '緯度', '経度',
] as const;

/** Builds the rows of the list for `recipient` (strings as they should appear in the file). */
export function rosterExport(input: RosterExportInput): RosterExport {
  const { recipient, hazard, plans, supporters, shelters, districts, suggestions } = input;
  const people = input.people.filter((p) => isPersonShownTo(p, recipient));
  const districtName = (p: Person) => (p.districtId ? (districts.get(p.districtId)?.name ?? p.districtId) : '');
  const rankOf = (p: Person) => PRIORITY_ORDER[suggestions.get(p.id)?.priority.rank ?? 'C'];
  const ordered = [...people].sort(
    (a, b) => districtName(a).localeCompare(districtName(b), 'ja') || rankOf(a) - rankOf(b) || (a.nameKana || a.name).localeCompare(b.nameKana || b.name, 'ja') || a.id.localeCompare(b.id),
  );
  const rows: string[][] = [[...ROSTER_EXPORT_HEADER]];
  for (const p of ordered) {
    const plan = plans.get(p.id);
    const suggestion = suggestions.get(p.id);
    const chosen = effectivePlan(plan, suggestion && suggestionFromAnalysis(suggestion, hazard), { supporters, sharedWith: recipient });
    const helpers = chosen.supporters.map((s) => ({ name: s.name && withSource(s.name, s.source), phone: s.phone }));
    const d = chosen.destinations[hazard];
    const destination = d ? withSource(shelters.has(d.shelterId) ? destinationLabel(shelters.get(d.shelterId)!, hazard) : d.shelterId, d.source) : '';
    const age = ageOn(p.birthDate, input.onDate);
    rows.push([
      districtName(p),
      p.id,
      p.name,
      p.nameKana,
      age === null ? '' : String(age),
      SEX_LABELS[p.sex],
      p.address,
      p.phone,
      p.reason,
      MOBILITY_LABELS[p.mobility],
      HOUSEHOLD_LABELS[p.household],
      p.medical.map((m) => MEDICAL_LABELS[m]).join('・'),
      p.communication.map((c) => COMMUNICATION_LABELS[c]).join('・'),
      suggestion?.priority.rank ?? '',
      suggestion?.priority.reasons.join('・') ?? '',
      plan ? PLAN_STATUS_LABELS[plan.status] : PLAN_STATUS_LABELS.not_started,
      helpers.map((h) => h.name).filter(Boolean).join('／'),
      helpers.map((h) => h.phone).filter(Boolean).join('／'),
      destination ? `${destination}［${HAZARD_SHORT_LABELS[hazard]}］` : '',
      p.location ? p.location.lat.toFixed(6) : '',
      p.location ? p.location.lng.toFixed(6) : '',
    ]);
  }
  return { rows, withheld: input.people.length - people.length };
}

/** A file name such as 「消防団向け名簿_一箕町松長地区_2026-11-24.csv」. */
export function rosterExportFileName(recipient: ConsentRecipient, scope: string, onDate: string): string {
  return `${CONSENT_RECIPIENT_LABELS[recipient]}向け名簿_${fileNamePart(scope)}_${onDate}.csv`;
}
