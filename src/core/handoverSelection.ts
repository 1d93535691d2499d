/**
 * 受け渡しファイル (hand-over file): who one recipient may receive, and only what their sheets and
 * map need. Pure: the caller reads the store through the consent gate and writes the file.
 *
 * - A 避難支援等関係者 group (消防団, 民生委員…): exactly the people whose 名簿 consent names the group
 *   (`isPersonShownTo`). Their plan goes along only when the plan's own consent names the group too
 *   (the precedence rule of effectivePlan.ts `sharedWith`); otherwise the person is listed without it.
 * - One supporter (避難支援等実施者): the people whose plan names that supporter as primary or backup
 *   (an accepted entry, `plannedSupporter`), whose 名簿 consent is given and who consented to the plan.
 * Refused or pending consent, or a person off the 名簿 (archived), never passes either rule. Only what the user chose goes along: a
 * supporter or destination the plan merely suggests (`chosenBy: 'suggestion'`) is left out of the
 * plan, and its supporter or shelter is not in the file.
 */
import { CONSENT_RECIPIENT_LABELS, isShareable, isShareableWith, type ConsentRecipient } from './consent';
import { isPersonShown, isPersonShownTo } from './rosterArchive';
import type { District } from './district';
import { plannedSupporter } from './effectivePlan';
import type { Person } from './person';
import type { Plan } from './plan';
import type { Shelter } from './shelter';
import type { Supporter } from './supporter';

/**
 * Who the file is for: a group named in consent records (with, when given, the name of the member
 * who receives it, as cleaned by `receiverNameError`'s rules), or one supporter in the app.
 */
export type HandoverRecipient = { kind: 'group'; group: ConsentRecipient; receiverName?: string } | { kind: 'supporter'; supporterId: string };

/** Longest 受け取る人の氏名 accepted (characters). */
export const RECEIVER_NAME_MAX_LENGTH = 50;

/** A Japanese message when a cleaned (core/personName.ts) 受け取る人の氏名 is too long, else null ('' is allowed: the field is optional). */
export function receiverNameError(name: string): string | null {
  return [...name].length > RECEIVER_NAME_MAX_LENGTH ? `受け取る人の氏名は${RECEIVER_NAME_MAX_LENGTH}文字以内で入力してください。` : null;
}

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

/**
 * 「消防団」, 「民生委員（山田 花子）」 with the receiving member's name, or 「支援者 佐藤 一郎」 for one
 * supporter: the recipient as the 提供記録, the file's contents and the 受領書 say it.
 */
export function handoverRecipientLabel(recipient: HandoverRecipient, supporters: ReadonlyMap<string, Supporter>): string {
  if (recipient.kind === 'group') {
    const group = CONSENT_RECIPIENT_LABELS[recipient.group];
    return recipient.receiverName ? `${group}（${recipient.receiverName}）` : group;
  }
  return `支援者 ${supporters.get(recipient.supporterId)?.name ?? recipient.supporterId}`;
}

/** 「消防団」「支援者」: the role only, for the file name (a name on a disk is readable by anyone). */
export function handoverRoleLabel(recipient: HandoverRecipient): string {
  return recipient.kind === 'group' ? CONSENT_RECIPIENT_LABELS[recipient.group] : '支援者';
}

/** Whether `plan` names supporter `supporterId` as primary or backup (accepted entries only). */
function planNames(plan: Plan, supporterId: string, supporters: ReadonlyMap<string, Supporter>): boolean {
  return [plan.primarySupporter, ...plan.backupSupporters].some((s) => s !== null && plannedSupporter(s, supporters) && s.supporterId === supporterId);
}

/** A supporter record without what a plan sheet does not print: their home's location and district. */
function sheetSupporter(s: Supporter): Supporter {
  return { ...s, location: null, districtId: null };
}

/** `plan` without the supporters and destinations it only suggests (the user has not accepted them). */
function acceptedOnly(plan: Plan): Plan {
  const accepted = (x: { chosenBy: string } | null | undefined): boolean => !!x && x.chosenBy !== 'suggestion';
  return {
    ...plan,
    primarySupporter: plan.primarySupporter && accepted(plan.primarySupporter) ? plan.primarySupporter : null,
    backupSupporters: plan.backupSupporters.filter(accepted),
    destinations: Object.fromEntries(Object.entries(plan.destinations).filter(([, d]) => accepted(d))),
  };
}

/** The people, plans and places `recipient` may receive (see the module comment). */
export function selectHandover(recipient: HandoverRecipient, source: HandoverSource): HandoverSelection {
  const people: Person[] = [];
  const plans: Plan[] = [];
  for (const person of source.people) {
    if (!isPersonShown(person)) continue;
    const plan = source.plans.get(person.id);
    if (recipient.kind === 'group') {
      if (!isPersonShownTo(person, recipient.group)) continue;
      people.push(person);
      if (plan && isShareableWith(plan.consent, recipient.group)) plans.push(acceptedOnly(plan));
    } else if (plan && isShareable(plan.consent) && planNames(plan, recipient.supporterId, source.supporters)) {
      people.push(person);
      plans.push(acceptedOnly(plan));
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
