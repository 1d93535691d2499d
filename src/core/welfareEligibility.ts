import { ageOn, type Person } from './person';
import { ACCEPT_GROUPS, type AcceptGroup, type Shelter } from './shelter';

/**
 * 受入対象者 — which 福祉避難所 accept which person.
 *
 * A person's groups are derived from the 名簿 fields (age on the planning date):
 * - `elderly` 高齢者: age ≥ 65.
 * - `children` 要配慮児童: age < 18; `infants` 乳幼児: age < 6 (未就学).
 * - `disabled` 障がい者: moves by wheelchair or is bedridden, or has a communication need other
 *   than 日本語が不自由 (hearing, vision, dementia, intellectual, speech).
 * - `medical_care` 医療的ケア: any medical need (人工呼吸器, 在宅酸素, 透析…).
 * - `pregnant` 妊産婦 is never derived: the 名簿 has no such field.
 * A person "needs care" when they have any group or do not walk unaided.
 *
 * A shelter accepts a person when:
 * 1. the person needs medical care ⇒ the shelter lists `medical_care` (hard requirement), and
 * 2. the shelter lists one of the person's groups, or lists `care_needed` 要配慮者 and the
 *    person needs care, or lists nothing at all (受入対象者 blank — many GSI records — counted
 *    as accepting anyone who needs care; `acceptsWhenUnlisted: false` turns this off).
 * A shelter whose 受入対象者 text is written but names no group this app reads (`acceptsUnread`)
 * accepts nobody automatically: its text may restrict whom it takes (as 「小児」 did before it was
 * read), so guessing "anyone" could send a person where they are not taken. The import says so.
 */
export interface EligibilityOptions {
  /** Count a shelter with an empty 受入対象者 list as accepting anyone needing care. Default true. */
  acceptsWhenUnlisted?: boolean;
}

/** Bit of an accept group in a group mask (bit i = ACCEPT_GROUPS[i]). */
export function acceptGroupBit(group: AcceptGroup): number {
  return 1 << ACCEPT_GROUPS.indexOf(group);
}

const MEDICAL_BIT = acceptGroupBit('medical_care');
const CARE_NEEDED_BIT = acceptGroupBit('care_needed');

/** Accept groups a person belongs to on `onDate` (`YYYY-MM-DD`); see the rule above. */
export function acceptGroupsOf(
  p: Pick<Person, 'birthDate' | 'mobility' | 'medical' | 'communication'>,
  onDate: string,
): AcceptGroup[] {
  const groups: AcceptGroup[] = [];
  const age = ageOn(p.birthDate, onDate);
  if (age !== null && age >= 65) groups.push('elderly');
  if (p.mobility === 'wheelchair' || p.mobility === 'bedridden' || p.communication.some((c) => c !== 'language')) {
    groups.push('disabled');
  }
  if (age !== null && age < 18) groups.push('children');
  if (age !== null && age < 6) groups.push('infants');
  if (p.medical.length > 0) groups.push('medical_care');
  if (groups.length > 0 || p.mobility !== 'independent') groups.push('care_needed');
  return groups;
}

/** Mask bit of a shelter whose 受入対象者 text was not read; no person has it, so it matches nobody. */
const UNREAD_BIT = 1 << ACCEPT_GROUPS.length;

/** A shelter's 受入対象者 mask for acceptsMask: its groups, or UNREAD_BIT when its text was not read. */
export function shelterAcceptMask(s: Pick<Shelter, 'accepts' | 'acceptsUnread'>): number {
  return groupMask(s.accepts) | (s.acceptsUnread ? UNREAD_BIT : 0);
}

/** Bit mask of a list of accept groups. */
export function groupMask(groups: readonly AcceptGroup[]): number {
  let mask = 0;
  for (const g of groups) mask |= acceptGroupBit(g);
  return mask;
}

/**
 * True when a shelter whose 受入対象者 mask is `shelterMask` takes a person whose group mask is
 * `personMask` (as made by `groupMask(acceptGroupsOf(p))`). A person with no groups needs no
 * 福祉避難所 and is accepted nowhere.
 */
export function acceptsMask(shelterMask: number, personMask: number, options: EligibilityOptions = {}): boolean {
  if ((personMask & CARE_NEEDED_BIT) === 0) return false;
  if ((personMask & MEDICAL_BIT) !== 0 && (shelterMask & MEDICAL_BIT) === 0) return false;
  if (shelterMask === 0) return options.acceptsWhenUnlisted ?? true;
  return (shelterMask & personMask) !== 0;
}

/**
 * The 受入対象 that no open 福祉避難所 offers, for a person none of them accepts (`shelterMasks`
 * from `groupMask` of each open 福祉避難所): `['medical_care']` when the person needs medical care
 * and no shelter lists 医療的ケア (the hard requirement above), otherwise the person's own groups,
 * none of which any shelter lists.
 */
export function missingAcceptGroups(personGroups: readonly AcceptGroup[], shelterMasks: readonly number[]): AcceptGroup[] {
  if (personGroups.includes('medical_care') && !shelterMasks.some((m) => (m & MEDICAL_BIT) !== 0)) return ['medical_care'];
  return [...personGroups];
}

/** True when a 福祉避難所 with `accepts` takes a person in `personGroups`. */
export function acceptsPerson(
  accepts: readonly AcceptGroup[],
  personGroups: readonly AcceptGroup[],
  options: EligibilityOptions = {},
): boolean {
  return acceptsMask(groupMask(accepts), groupMask(personGroups), options);
}

/**
 * Who is planned into a 福祉避難所 (the demand the allocation serves): people who move by
 * wheelchair or are bedridden, or depend on medical care (人工呼吸器, 在宅酸素, 透析…). Others go to a
 * general 指定避難所 first; a district can still choose a 福祉避難所 for them in the plan editor.
 */
export function needsWelfareShelter(p: Pick<Person, 'mobility' | 'medical'>): boolean {
  return p.mobility === 'wheelchair' || p.mobility === 'bedridden' || p.medical.length > 0;
}
