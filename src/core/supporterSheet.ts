/**
 * 支援者用シート (the paper a supporter carries): for one 避難支援等実施者, the people they help and
 * what they need to know about each. Pure: the caller reads the store through the consent gate.
 *
 * Who is on a supporter's sheet is the hand-over rule for one supporter (core/handoverSelection.ts
 * `selectHandover`, reused, not copied): people on the 名簿 whose 名簿 consent is given, whose plan
 * consent is given, and whose plan names the supporter as primary or backup (an accepted entry,
 * `plannedSupporter`). What the plan only suggests (supporters, destinations) is not printed.
 */
import { selectHandover, type HandoverSource } from './handoverSelection';
import { HAZARD_TYPES, type HazardType } from './hazard';
import type { Person } from './person';
import type { EmergencyContact, Plan, PlanSupporter } from './plan';
import { resolvePlanSupporter } from './planCompleteness';
import type { Shelter } from './shelter';
import type { Supporter } from './supporter';

/** How a plan names a supporter. */
export type SupporterRoleInPlan = 'primary' | 'backup';
export const SUPPORTER_ROLE_IN_PLAN_LABELS: Record<SupporterRoleInPlan, string> = { primary: '主', backup: '予備' };

/** Another supporter of the same person, as the plan names them (name and phone to call). */
export interface OtherSupporter {
  role: SupporterRoleInPlan;
  name: string;
  phone: string;
}

/** Where a person goes for some hazards: one shelter (or none yet) and its route. */
export interface SheetDestination {
  hazards: HazardType[];
  /** The shelter, or null when the plan names none in the app (a route drawn without one, a deleted shelter). */
  shelter: Shelter | null;
  routeNote: string;
  /** The plan's drawn route `[lng, lat][]` from home, or null. */
  routeLine: [number, number][] | null;
}

/** One person on a supporter's sheet. */
export interface SupporterSheetEntry {
  person: Person;
  /** The current plan, without what it only suggests. */
  plan: Plan;
  /** How this plan names the sheet's supporter. */
  role: SupporterRoleInPlan;
  /** Destinations, hazards with the same shelter and route together, in HAZARD_TYPES order. */
  destinations: SheetDestination[];
  /** The plan's other supporters (primary first). */
  others: OtherSupporter[];
  /** 家族・緊急連絡先 from the plan. */
  contacts: EmergencyContact[];
}

/** One supporter's sheet. */
export interface SupporterSheetData {
  supporter: Supporter;
  entries: SupporterSheetEntry[];
}

/** The plan's accepted supporter entries with their role, primary first. */
function namedSupporters(plan: Plan): { role: SupporterRoleInPlan; s: PlanSupporter }[] {
  const named: { role: SupporterRoleInPlan; s: PlanSupporter }[] = plan.primarySupporter ? [{ role: 'primary', s: plan.primarySupporter }] : [];
  for (const s of plan.backupSupporters) named.push({ role: 'backup', s });
  return named;
}

/** A plan's destinations grouped by shelter and route (「洪水・土砂災害のとき」 once). */
export function sheetDestinations(plan: Plan, shelters: ReadonlyMap<string, Shelter>): SheetDestination[] {
  const groups = new Map<string, SheetDestination>();
  for (const h of HAZARD_TYPES) {
    const d = plan.destinations[h];
    if (!d || d.chosenBy === 'suggestion' || !(d.shelterId || d.routeNote || d.routeLine)) continue;
    const key = JSON.stringify([d.shelterId, d.routeNote, d.routeLine]);
    const known = groups.get(key);
    if (known) known.hazards.push(h);
    else groups.set(key, { hazards: [h], shelter: (d.shelterId && shelters.get(d.shelterId)) || null, routeNote: d.routeNote, routeLine: d.routeLine });
  }
  return [...groups.values()];
}

/**
 * The entries of `supporterId`'s sheet, in the source's order (the gate's: フリガナ). `source.people`
 * are the people through the consent gate; anyone not on the 名簿 or without consent is left out here too.
 */
export function supporterSheetEntries(supporterId: string, source: HandoverSource): SupporterSheetEntry[] {
  const selection = selectHandover({ kind: 'supporter', supporterId }, source);
  const plans = new Map(selection.plans.map((p) => [p.personId, p]));
  const entries: SupporterSheetEntry[] = [];
  for (const person of selection.people) {
    const plan = plans.get(person.id);
    if (!plan) continue;
    const named = namedSupporters(plan);
    const mine = named.find((x) => x.s.supporterId === supporterId);
    if (!mine) continue;
    const others = named
      .filter((x) => x !== mine && x.s.supporterId !== supporterId)
      .map(({ role, s }) => {
        const r = resolvePlanSupporter(s, source.supporters);
        return { role, name: r.name || '（氏名なし）', phone: r.phone };
      });
    entries.push({ person, plan, role: mine.role, destinations: sheetDestinations(plan, source.shelters), others, contacts: plan.emergencyContacts });
  }
  return entries;
}

/**
 * The sheets of a group of supporters (e.g. a district's), in `supporters` order, leaving out those
 * who support no one the sheet may name.
 */
export function supporterSheets(supporters: readonly Supporter[], source: HandoverSource): SupporterSheetData[] {
  return supporters.flatMap((supporter) => {
    const entries = supporterSheetEntries(supporter.id, source);
    return entries.length ? [{ supporter, entries }] : [];
  });
}

/**
 * The supporters a district's sheets are for: the district's own supporters and those the plans of
 * its people name (accepted entries), by name. `districtId` null: every supporter in `source`.
 */
export function districtSheetSupporters(districtId: string | null, source: HandoverSource): Supporter[] {
  const ids = new Set<string>();
  for (const s of source.supporters.values()) if (districtId === null || s.districtId === districtId) ids.add(s.id);
  if (districtId !== null) {
    for (const person of source.people) {
      if (person.districtId !== districtId) continue;
      const plan = source.plans.get(person.id);
      for (const { s } of plan ? namedSupporters(plan) : []) if (s.supporterId && s.chosenBy !== 'suggestion') ids.add(s.supporterId);
    }
  }
  const order = new Intl.Collator('ja');
  return [...ids]
    .map((id) => source.supporters.get(id))
    .filter((s): s is Supporter => s !== undefined)
    .sort((a, b) => order.compare(a.name, b.name) || order.compare(a.id, b.id));
}

/** 「支援者 佐藤 一郎」: the 提供記録's recipient of a supporter's sheet (as the hand-over says it). */
export function supporterSheetRecipient(supporter: Pick<Supporter, 'name'>): string {
  return `支援者 ${supporter.name}`;
}

/** 「支援者用シート（本町一丁目・佐藤 一郎・3人）」: the 提供記録's `what` of a print. */
export function supporterSheetWhat(scopeName: string, sheets: readonly SupporterSheetData[]): string {
  const people = new Set(sheets.flatMap((x) => x.entries.map((e) => e.person.id))).size;
  const who = sheets.length === 1 ? sheets[0].supporter.name : `${sheets.length}人の支援者`;
  return `支援者用シート（${scopeName}・${who}・${people}人）`;
}
