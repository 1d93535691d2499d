/**
 * 受け渡しファイル (hand-over file): who one recipient may receive, and only what their sheets and
 * map need. Pure: the caller reads the store through the consent gate and writes the file.
 *
 * - A 避難支援等関係者 group (消防団, 民生委員…): exactly the people whose 名簿 consent names the group
 *   (`isShareableWith`). Their plan goes along only when the plan's own consent names the group too
 *   (the precedence rule of effectivePlan.ts `sharedWith`); otherwise the person is listed without it.
 * - One supporter (避難支援等実施者): the people whose plan names that supporter as primary or backup
 *   (an accepted entry, `plannedSupporter`), whose 名簿 consent is given and who consented to the plan.
 * Refused or pending consent never passes either rule.
 */
import { CONSENT_RECIPIENT_LABELS, isShareable, isShareableWith, type ConsentRecipient } from './consent';
import type { District } from './district';
import { plannedSupporter } from './effectivePlan';
import type { Person } from './person';
import type { Plan } from './plan';
import type { Shelter } from './shelter';
import type { Supporter } from './supporter';

/** Who the file is for: a group named in consent records, or one supporter in the app. */
export type HandoverRecipient = { kind: 'group'; group: ConsentRecipient } | { kind: 'supporter'; supporterId: string };

/** What the store holds, as the selection reads it (people already through the consent gate). */
export interface HandoverSource {
  people: readonly Person[];
  /** Each person's current plan, by person id. */
  plans: ReadonlyMap<string, Plan>;
  supporters: ReadonlyMap<string, Supporter>;
  shelters: ReadonlyMap<string, Shelter>;
  districts: ReadonlyMap<string, District>;
}

/** The records that go into one hand-over file. */
export interface HandoverSelection {
  /** In the source's order. */
  people: Person[];
  /** Current plans (no history) of the people above that may be shared with the recipient. */
  plans: Plan[];
  /** Supporters named in those plans, without their home's location (a sheet prints name, address, phone). */
  supporters: Supporter[];
  /** Shelters the plans name as destinations. */
  shelters: Shelter[];
  /** The people's districts (name, colour, outline for the map). */
  districts: District[];
}

/** 「消防団」, or 「支援者 佐藤 一郎」 for one supporter: the recipient as the 提供記録 and the file name say it. */
export function handoverRecipientLabel(recipient: HandoverRecipient, supporters: ReadonlyMap<string, Supporter>): string {
  if (recipient.kind === 'group') return CONSENT_RECIPIENT_LABELS[recipient.group];
  return `支援者 ${supporters.get(recipient.supporterId)?.name ?? recipient.supporterId}`;
}

/** Whether `plan` names supporter `supporterId` as primary or backup (accepted entries only). */
function planNames(plan: Plan, supporterId: string, supporters: ReadonlyMap<string, Supporter>): boolean {
  return [plan.primarySupporter, ...plan.backupSupporters].some((s) => plannedSupporter(s, supporters) && s.supporterId === supporterId);
}

/** A supporter record without what a plan sheet does not print: their home's location and district. */
function sheetSupporter(s: Supporter): Supporter {
  return { ...s, location: null, districtId: null };
}

/** The people, plans and places `recipient` may receive (see the module comment). */
export function selectHandover(recipient: HandoverRecipient, source: HandoverSource): HandoverSelection {
  const people: Person[] = [];
  const plans: Plan[] = [];
  for (const person of source.people) {
    if (!isShareable(person.consent)) continue;
    const plan = source.plans.get(person.id);
    if (recipient.kind === 'group') {
      if (!isShareableWith(person.consent, recipient.group)) continue;
      people.push(person);
      if (plan && isShareableWith(plan.consent, recipient.group)) plans.push(plan);
    } else if (plan && isShareable(plan.consent) && planNames(plan, recipient.supporterId, source.supporters)) {
      people.push(person);
      plans.push(plan);
    }
  }

  const supporterIds = new Set<string>();
  const shelterIds = new Set<string>();
  for (const plan of plans) {
    for (const s of [plan.primarySupporter, ...plan.backupSupporters]) if (s?.supporterId) supporterIds.add(s.supporterId);
    for (const d of Object.values(plan.destinations)) if (d?.shelterId) shelterIds.add(d.shelterId);
  }
  const districtIds = new Set(people.map((p) => p.districtId).filter((id): id is string => id !== null));
  const pick = <T>(ids: Set<string>, byId: ReadonlyMap<string, T>) => [...ids].map((id) => byId.get(id)).filter((x): x is T => x !== undefined);
  return {
    people,
    plans,
    supporters: pick(supporterIds, source.supporters).map(sheetSupporter),
    shelters: pick(shelterIds, source.shelters),
    districts: pick(districtIds, source.districts),
  };
}
