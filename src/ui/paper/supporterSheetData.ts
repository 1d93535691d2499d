import type { HandoverSource } from '../../core/handoverSelection';
import type { Plan } from '../../core/plan';
import { districtSheetSupporters, supporterSheets, supporterSheetWhat, supporterSheetRecipient, type SupporterSheetData } from '../../core/supporterSheet';
import { shareablePeople } from '../../db/consentGate';
import type { DisclosureRequest } from '../../db/disclosures';
import type { HinanDatabase } from '../../db/schema';
import { listSupporters } from '../../db/supporters';

/**
 * What the 支援者用シート read from the store: people through the consent gate (planning work: the
 * people shown only by 災害時モード are dropped), their plans, the supporters on the 支援者名簿,
 * shelters and districts. Read-only: usable in `liveQuery`.
 */
export async function supporterSheetSource(db: HinanDatabase): Promise<HandoverSource> {
  const gate = await shareablePeople(db);
  const people = gate.people.filter((p) => !gate.revealedIds.has(p.id));
  const [plans, supporters, shelters, districts] = await Promise.all([
    db.plans.where('personId').anyOf(people.map((p) => p.id)).toArray(),
    listSupporters(db),
    db.shelters.toArray(),
    db.districts.toArray(),
  ]);
  return {
    people,
    plans: new Map<string, Plan>(plans.map((p) => [p.personId, p])),
    supporters: new Map(supporters.map((s) => [s.id, s])),
    shelters: new Map(shelters.map((s) => [s.id, s])),
    districts: new Map(districts.map((d) => [d.id, d])),
  };
}

/**
 * The sheets of a district's supporters (null: all districts), or of one supporter when
 * `supporterId` is given; only supporters who support someone the sheet may name.
 */
export async function loadSupporterSheets(db: HinanDatabase, districtId: string | null, supporterId: string | null = null): Promise<SupporterSheetData[]> {
  const source = await supporterSheetSource(db);
  const chosen = districtSheetSupporters(districtId, source).filter((s) => supporterId === null || s.id === supporterId);
  return supporterSheets(chosen, source);
}

/**
 * The 提供記録 request of printing `sheets` (`print-supporter`): the people on them; the recipient
 * is the supporter when there is one sheet (「支援者 佐藤 一郎」), else 「支援者（N人）」.
 */
export function supporterSheetRequest(scopeName: string, sheets: readonly SupporterSheetData[]): DisclosureRequest {
  const people = [...new Map(sheets.flatMap((x) => x.entries.map((e) => [e.person.id, e.person] as const))).values()];
  return {
    kind: 'print-supporter',
    what: supporterSheetWhat(scopeName, sheets),
    recipient: sheets.length === 1 ? supporterSheetRecipient(sheets[0].supporter) : `支援者（${sheets.length}人）`,
    people,
  };
}
