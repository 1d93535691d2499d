/**
 * What the printed 聞き取り票 (ui/paper/InterviewSheet.svelte) writes in each place: the 名簿 rows,
 * the plan's answers cut to the room on paper, the suggested destination and supporters marked
 * （提案）, the route sketch's destination. Pure (no store, no DOM): the sheet is rendered many times
 * by the batch print from plain props.
 */
import { CONSENT_METHOD_LABELS, CONSENT_RECIPIENT_LABELS, CONSENT_STATUS_LABELS, type Consent } from '../../core/consent';
import { HAZARD_SHORT_LABELS, type HazardType } from '../../core/hazard';
import type { InterviewAnswers, InterviewItem } from '../../core/interviewSheet';
import { COMMUNICATION_LABELS, HOUSEHOLD_LABELS, MEDICAL_LABELS, MOBILITY_LABELS, SEX_LABELS, ageOn, type Person } from '../../core/person';
import type { Plan, PlanSupporter } from '../../core/plan';
import { resolvePlanSupporter } from '../../core/planCompleteness';
import type { PlanSuggestions } from '../../core/planSuggestions';
import { destinationLabel, type Shelter } from '../../core/shelter';
import type { Supporter } from '../../core/supporter';
import type { LngLat } from '../../core/geo';
import { toWareki } from '../../io/wareki';

/** Written after a text cut to fit the sheet (the whole text is on the 計画書). */
export const CONTINUED = '…（続きは計画書）';

/** Printed width of a character in full-width characters: ASCII and half-width kana take half. */
const charWidth = (c: string): number => (/^[\u0020-\u007e\uff61-\uff9f]$/.test(c) ? 0.5 : 1);

/**
 * `text` trimmed, cut with 「…（続きは計画書）」 when it has more than `max` characters (code
 * points) or, given, is wider than `room` full-width characters (half-width digits count half).
 */
export function cutText(text: string, max: number, room = Infinity): string {
  const chars = [...text.trim()];
  let width = 0;
  for (let i = 0; i < chars.length; i++) {
    width += charWidth(chars[i]);
    if (i >= max || width > room) return `${chars.slice(0, i).join('')}${CONTINUED}`;
  }
  return chars.join('');
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
/** The number printed before option `i` (0-based): ①②…, the key 1–9 of the entry. */
export const circled = (i: number): string => [...CIRCLED][i] ?? `(${i + 1})`;

/**
 * Width of an item on the sheet, in twelfths of the line (items flow left to right and wrap), so
 * short answers share a line and the two pages hold every section. Unlisted items take the line.
 */
const SPANS: Record<string, number> = {
  floor: 2,
  bedroom: 5,
  daytimeLocation: 5,
  powerDependent: 4,
  batteryHours: 3,
  powerAvailableAt: 5,
  leaveWhenOther: 6,
  transport: 6,
  'alternative.name': 4,
  'alternative.address': 5,
  'alternative.phone': 3,
  'consent.date': 4,
  'consent.signedBy': 8,
  'consent.proxyName': 6,
  'consent.proxyRelation': 6,
};
const SUPPORTER_SPANS: Record<string, number> = { name: 4, phone: 3, address: 5 };
const CONTACT_SPANS: Record<string, number> = { name: 5, relation: 3, phone: 4 };

/** More hazards than this on the sheet: their 避難先 go two to a line (label above, name only). */
export const HAZARDS_ONE_PER_LINE = 5;

/** The item's width in twelfths of the line (`hazards`: how many 避難先 lines the sheet has). */
export function itemSpan(item: Pick<InterviewItem, 'key'>, hazards = 0): number {
  if (item.key.startsWith('destination.')) return hazards > HAZARDS_ONE_PER_LINE ? 6 : 12;
  const m = /^(supporter|contact)[12]\.(\w+)$/.exec(item.key);
  if (m) return (m[1] === 'supporter' ? SUPPORTER_SPANS : CONTACT_SPANS)[m[2]] ?? 12;
  return SPANS[item.key] ?? 12;
}

/** Characters of 10.5 pt text on one line across the sheet (beside the sections' title column). */
const CHARS_PER_LINE = 44;

/**
 * How wide (in full-width characters) a text answer may be printed: two lines of its box, with
 * room for 「…（続きは計画書）」, so the sheet keeps to two pages.
 */
export function printRoom(item: Pick<InterviewItem, 'key'>): number {
  return Math.max(10, Math.floor((itemSpan(item) / 12) * CHARS_PER_LINE * 2) - [...CONTINUED].length - 4);
}

/** An answer's text as printed: at most its item's `maxChars` characters and `printRoom` wide. */
export function printedText(item: Pick<InterviewItem, 'key' | 'maxChars'>, text: string): string {
  return cutText(text, item.maxChars ?? Infinity, printRoom(item));
}

/** Whether the item's label is written before its answer on the same line (a whole-line item with a one-line answer) rather than above it. */
export function labelInline(item: Pick<InterviewItem, 'key' | 'kind'>, hazards = 0): boolean {
  if (item.kind === 'shelter') return hazards <= HAZARDS_ONE_PER_LINE;
  return INLINE.has(item.key) || (itemSpan(item) === 12 && item.kind !== 'longText' && item.kind !== 'text');
}
const INLINE = new Set(['consent.date', 'consent.proxyName', 'consent.proxyRelation']);

/** What the label says about ticking: 「（一つに✓）」 or 「（いくつでも）」, '' for other kinds. */
export function tickHint(item: Pick<InterviewItem, 'kind'>): string {
  if (item.kind === 'choice') return '（一つに✓）';
  return item.kind === 'checks' ? '（いくつでも）' : '';
}

/** The printed text of a text or number answer ('' = blank, to be written in). */
export function answerText(item: InterviewItem, answers: InterviewAnswers): string {
  const v = answers[item.key];
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return '';
  return printedText(item, v);
}

/** Whether option `value` of a choice, check-box or yes/no item is ticked on the printed sheet. */
export function isTicked(item: InterviewItem, answers: InterviewAnswers, value: string): boolean {
  const v = answers[item.key];
  if (Array.isArray(v)) return v.includes(value);
  if (typeof v === 'boolean') return (v ? 'yes' : 'no') === value;
  return v === value;
}

/** The options printed for an item (yes/no as ① はい ② いいえ). */
export function printedOptions(item: InterviewItem): readonly { value: string; label: string }[] {
  if (item.kind === 'yesNo') return [{ value: 'yes', label: 'はい' }, { value: 'no', label: 'いいえ' }];
  return item.options ?? [];
}

/** The 同意書's answers are left blank on paper (the person ticks and signs them); the record so far is printed as a line. */
export function isConsentKey(key: string): boolean {
  return key.startsWith('consent.') || key === 'confirmed';
}

/** 「同意（2026年4月1日・署名）　提供先: 自主防災組織、民生委員」: the consent as recorded now. */
export function consentRecordLine(consent: Consent | null): string {
  if (!consent || consent.status === 'pending') return 'まだ記録されていません（未確認）';
  const date = consent.date ? `${japaneseDate(consent.date)}・` : '';
  const who = consent.proxy ? `・代筆 ${consent.proxy.name}（${consent.proxy.relation}）` : '';
  const to = consent.status === 'given' ? `　提供先: ${consent.recipients.length ? consent.recipients.map((r) => CONSENT_RECIPIENT_LABELS[r]).join('、') : 'なし'}` : '';
  return `${CONSENT_STATUS_LABELS[consent.status]}（${date}${CONSENT_METHOD_LABELS[consent.method]}${who}）${to}`;
}

/** 「2026年4月1日」 */
export function japaneseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** One row of the 名簿 part: what the 名簿 says, printed for the visitor to check. */
export interface RosterRow {
  label: string;
  value: string;
  /** A second label and value on the same row (移動・世帯, 医療・意思疎通). */
  pair?: { label: string; value: string };
}

const listOr = <T extends string>(codes: readonly T[], labels: Record<T, string>): string => (codes.length ? codes.map((c) => labels[c]).join('、') : 'なし');

/** The 名簿 items of `person`, as the sheet prints them (age on `onDate`). */
export function rosterRows(person: Person, onDate: string, districtName: string): RosterRow[] {
  const age = ageOn(person.birthDate, onDate);
  const wareki = person.birthDate ? toWareki(person.birthDate) : null;
  const birth = person.birthDate ? `${japaneseDate(person.birthDate)}${wareki ? `（${wareki}）` : ''}${age === null ? '' : `　${age}歳`}` : '不明';
  return [
    { label: '氏名', value: `${person.name}${person.nameKana ? `（${person.nameKana}）` : ''}` },
    { label: '生年月日', value: birth, pair: { label: '性別', value: SEX_LABELS[person.sex] } },
    { label: '住所', value: cutText(person.address, 44) },
    { label: '電話', value: person.phone || '—', pair: { label: '地区', value: districtName || '—' } },
    { label: '支援が必要な事由', value: cutText(person.reason || '—', 44) },
    { label: '移動', value: MOBILITY_LABELS[person.mobility], pair: { label: '世帯', value: HOUSEHOLD_LABELS[person.household] } },
    { label: '医療', value: listOr(person.medical, MEDICAL_LABELS), pair: { label: '意思疎通', value: listOr(person.communication, COMMUNICATION_LABELS) } },
  ];
}

/** A destination as printed: the shelter's name (with the floor to go to), its address, and whether it is only suggested. */
export interface PrintedDestination {
  hazard: HazardType;
  shelter: Shelter;
  name: string;
  address: string;
  suggested: boolean;
  /** The plan's drawn route to it, when the plan's destination is this shelter. */
  routeLine: LngLat[] | null;
}

/**
 * The destination the sheet prints for `hazard`: the plan's own choice; else a suggestion (the
 * plan's suggested entry, then the engine's `suggestion`), marked （提案）; null when none is known.
 */
export function printedDestination(hazard: HazardType, plan: Plan | null, suggestion: PlanSuggestions | null, sheltersById: ReadonlyMap<string, Shelter>): PrintedDestination | null {
  const d = plan?.destinations[hazard];
  const chosen = d && d.shelterId ? { id: d.shelterId, suggested: d.chosenBy !== 'user' } : null;
  const suggestedId = suggestion?.shelterByHazard?.[hazard];
  const pick = chosen ?? (suggestedId ? { id: suggestedId, suggested: true } : null);
  const shelter = pick ? sheltersById.get(pick.id) : undefined;
  if (!pick || !shelter) return null;
  const routeLine = d && d.shelterId === shelter.id && d.routeLine && d.routeLine.length >= 2 ? d.routeLine : null;
  return { hazard, shelter, name: destinationLabel(shelter, hazard), address: shelter.address, suggested: pick.suggested, routeLine };
}

/** The destination drawn in the sketch: the first hazard of the sheet with a destination, the plan's own before a suggestion. */
export function sketchDestination(destinations: readonly (PrintedDestination | null)[]): PrintedDestination | null {
  const known = destinations.filter((d): d is PrintedDestination => d !== null);
  return known.find((d) => !d.suggested) ?? known[0] ?? null;
}

/** The words under the sketch: 「略図: 自宅→○○小学校（洪水）」. */
export const sketchCaption = (d: PrintedDestination): string => `略図: 自宅→${d.shelter.name}（${HAZARD_SHORT_LABELS[d.hazard]}${d.suggested ? '・提案' : ''}）`;

/** A supporter as printed in slot 1 (主) or 2 (予備). */
export interface PrintedSupporter {
  name: string;
  phone: string;
  address: string;
  suggested: boolean;
}

/**
 * The two supporter slots: the plan's accepted supporters first (as `answersFromPlan` numbers
 * them), names and phones resolved from the app's supporters; an empty slot takes a suggested
 * supporter (the plan's suggested entries, then the engine's), marked （提案）; null = blank.
 */
export function printedSupporters(plan: Plan | null, suggestion: PlanSuggestions | null, supportersById: ReadonlyMap<string, Supporter>): [PrintedSupporter | null, PrintedSupporter | null] {
  const entries = plan ? [plan.primarySupporter, ...plan.backupSupporters].filter((s): s is PlanSupporter => !!s) : [];
  const accepted = entries.filter((s) => s.chosenBy === 'user');
  const fromSuggestion: PlanSupporter[] = (suggestion?.supporterIds ?? []).map((supporterId) => ({ supporterId, name: '', phone: '', address: '', chosenBy: 'suggestion' }));
  const suggested = [...entries.filter((s) => s.chosenBy === 'suggestion'), ...fromSuggestion].filter((s, i, all) => !s.supporterId || all.findIndex((x) => x.supporterId === s.supporterId) === i).filter((s) => !accepted.some((a) => a.supporterId && a.supporterId === s.supporterId));
  const slots = [...accepted, ...suggested].slice(0, 2).map((entry): PrintedSupporter => {
    const r = resolvePlanSupporter(entry, supportersById);
    const cut = (field: 'name' | 'phone' | 'address', text: string) => printedText({ key: `supporter1.${field}`, maxChars: field === 'address' ? 80 : field === 'name' ? 40 : 20 }, text);
    return { name: cut('name', r.name), phone: cut('phone', r.phone), address: cut('address', r.address), suggested: entry.chosenBy !== 'user' };
  });
  return [slots[0] ?? null, slots[1] ?? null];
}
