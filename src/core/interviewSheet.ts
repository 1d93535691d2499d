/**
 * 聞き取り票 (interview sheet): the items a visitor asks at the person's home, **in paper order**,
 * numbered as on paper. The printed sheet (ui/paper/InterviewSheet.svelte) and the entry from the
 * sheet (ui/paper/InterviewEntry.svelte) both iterate `interviewSections`, so the order the visitor
 * wrote in and the order Tab moves in are the same by construction. Pure.
 *
 * Answers are a flat record keyed by `InterviewItem.key`: text → string, number → number | null,
 * choice → the option's value or null, checks → the chosen values, yesNo → boolean | null,
 * date → `YYYY-MM-DD` or null, shelter → a shelter id or ''.
 */
import { CONSENT_RECIPIENTS, CONSENT_RECIPIENT_LABELS, type ConsentRecipient } from './consent';
import { HAZARD_SHORT_LABELS, HAZARD_TYPES, type HazardType } from './hazard';
import {
  ALTERNATIVE_KINDS,
  ALTERNATIVE_KIND_LABELS,
  DEFAULT_LEAVE_WHEN,
  MOBILITY_AIDS,
  MOBILITY_AID_LABELS,
  TRANSPORTS,
  TRANSPORT_LABELS,
  confirmPlan,
  planContentChanged,
  type AlternativeDestination,
  type EmergencyContact,
  type Plan,
  type PlanSupporter,
} from './plan';
import { resolvePlanSupporter } from './planCompleteness';
import type { PlanSuggestions } from './planSuggestions';
import type { Supporter } from './supporter';
import { isIsoDate, isOneOf } from './validation';

export type InterviewItemKind = 'text' | 'longText' | 'number' | 'choice' | 'checks' | 'yesNo' | 'date' | 'shelter';

/** One option of a choice or a check-box group; numbered ①② on paper and by keys 1–9 in the entry, in this order. */
export interface InterviewOption {
  value: string;
  label: string;
}

export interface InterviewItem {
  /** Key in `InterviewAnswers` (e.g. 'floor', 'supporter1.name', 'destination.flood'). */
  key: string;
  /** Number on paper, e.g. '4-1'. */
  no: string;
  label: string;
  kind: InterviewItemKind;
  options?: readonly InterviewOption[];
  /** Unit written after a number (「階」「時間」). */
  unit?: string;
  /** Longest text kept (characters); the print cuts longer text with 「…（続きは計画書）」. */
  maxChars?: number;
}

export interface InterviewSection {
  /** Section number on paper (1 = 名簿の確認, not entered). */
  no: number;
  title: string;
  items: InterviewItem[];
}

export type AnswerValue = string | number | boolean | null | string[];
export type InterviewAnswers = Record<string, AnswerValue>;

/** The 避難のタイミング choices (the default first); anything else is written in 「その他」. */
export const LEAVE_WHEN_CHOICES: readonly string[] = [DEFAULT_LEAVE_WHEN, '警戒レベル4 避難指示', '明るいうちに早めに（自主避難）'];

/** The 同意書's wording: what the person agrees to (災害対策基本法 第49条の14・第49条の15). */
export const CONSENT_FORM_WORDING =
  '私は、この個別避難計画を作成すること、及び災害に備えて、計画の内容（氏名・住所・連絡先・心身の状況・避難支援に必要な事項）を下の□に印を付けた避難支援等関係者に提供することに同意します。' +
  '提供を受けた者には守秘義務があり（災害対策基本法第49条の13）、この同意はいつでも撤回できます。';

const opts = <T extends string>(values: readonly T[], labels: Record<T, string>): InterviewOption[] => values.map((value) => ({ value, label: labels[value] }));
const text = (key: string, no: string, label: string, maxChars = 60): InterviewItem => ({ key, no, label, kind: 'text', maxChars });
const longText = (key: string, no: string, label: string, maxChars = 200): InterviewItem => ({ key, no, label, kind: 'longText', maxChars });

/**
 * The hazards whose 避難先 the sheet asks about: always 洪水 and 地震, and those the plan itself
 * decided (a shelter chosen by the user, or a written or drawn route) — in `HAZARD_TYPES` order.
 * The engine's suggestions never add a line (they are printed as （提案） on the lines there are), so
 * every print of the same plan version — from the editor, from まとめて印刷, before or after the
 * engine ran — has the same lines and numbers, and the entry, which reads that version back, too.
 * `_suggestion` is accepted for callers that have one; it does not change the answer.
 */
export function sheetHazards(plan: Plan | null, _suggestion?: PlanSuggestions | null): HazardType[] {
  const wanted = new Set<HazardType>(['flood', 'earthquake']);
  for (const h of HAZARD_TYPES) {
    const d = plan?.destinations[h];
    if (d && ((d.shelterId && d.chosenBy === 'user') || d.routeNote.trim() || d.routeLine)) wanted.add(h);
  }
  return HAZARD_TYPES.filter((h) => wanted.has(h));
}

/** The sheet's sections in paper order, with a 避難先 line for each of `hazards`. */
export function interviewSections(hazards: readonly HazardType[]): InterviewSection[] {
  return [
    { no: 1, title: '名簿の記載（変更があれば書き直してください）', items: [] },
    {
      no: 2,
      title: '住まい',
      items: [{ key: 'floor', no: '2-1', label: '住んでいる階', kind: 'number', unit: '階' }, text('bedroom', '2-2', '寝室の場所'), text('daytimeLocation', '2-3', '日中いる場所')],
    },
    {
      no: 3,
      title: '移動',
      items: [{ key: 'mobilityAids', no: '3-1', label: '使っている補助具', kind: 'checks', options: opts(MOBILITY_AIDS, MOBILITY_AID_LABELS) }, longText('mobilityNotes', '3-2', '移動の注意（介助の方法・段差など）')],
    },
    {
      no: 4,
      title: '医療・電源',
      items: [
        longText('careNotes', '4-1', '必要な医療的ケア'),
        { key: 'powerDependent', no: '4-2', label: '電源が必要な機器', kind: 'yesNo' },
        { key: 'batteryHours', no: '4-3', label: 'バッテリーの持ち時間', kind: 'number', unit: '時間' },
        text('powerAvailableAt', '4-4', '停電時に電源を使える場所'),
        text('careProviderContact', '4-5', '主治医・訪問看護（名前と電話）'),
        longText('mustBring', '4-6', '必ず持ち出す医療機器・薬', 120),
      ],
    },
    { no: 5, title: '意思疎通', items: [longText('communicationNotes', '5-1', '意思疎通の配慮（聞こえ・見え・認知症・言葉など）')] },
    {
      no: 6,
      title: '避難のタイミングと方法',
      items: [
        { key: 'leaveWhen', no: '6-1', label: '避難を始めるとき', kind: 'choice', options: LEAVE_WHEN_CHOICES.map((v) => ({ value: v, label: v })) },
        text('leaveWhenOther', '6-2', '（その他のとき）'),
        { key: 'transport', no: '6-3', label: '避難の方法', kind: 'choice', options: opts(TRANSPORTS, TRANSPORT_LABELS) },
        longText('whatToBring', '6-4', '持ち出す物', 120),
      ],
    },
    {
      no: 7,
      title: '避難先',
      items: [
        ...hazards.map((h, i): InterviewItem => ({ key: `destination.${h}`, no: `7-${i + 1}`, label: `${HAZARD_SHORT_LABELS[h]}のとき`, kind: 'shelter' })),
        { key: 'alternative.kind', no: `7-${hazards.length + 1}`, label: '指定避難所以外の避難先', kind: 'choice', options: opts(ALTERNATIVE_KINDS, ALTERNATIVE_KIND_LABELS) },
        text('alternative.name', `7-${hazards.length + 2}`, '（その避難先の）名前'),
        text('alternative.address', `7-${hazards.length + 3}`, '住所', 80),
        text('alternative.phone', `7-${hazards.length + 4}`, '電話', 20),
      ],
    },
    {
      no: 8,
      title: '避難支援等実施者（支援者）',
      items: [1, 2].flatMap((n) => [text(`supporter${n}.name`, `8-${n * 3 - 2}`, `${n === 1 ? '主' : '予備'}の支援者 氏名`, 40), text(`supporter${n}.phone`, `8-${n * 3 - 1}`, '電話', 20), text(`supporter${n}.address`, `8-${n * 3}`, '住所', 80)]),
    },
    {
      no: 9,
      title: '家族・緊急連絡先',
      items: [1, 2].flatMap((n) => [text(`contact${n}.name`, `9-${n * 3 - 2}`, `連絡先${n} 氏名`, 40), text(`contact${n}.relation`, `9-${n * 3 - 1}`, '続柄', 20), text(`contact${n}.phone`, `9-${n * 3}`, '電話', 20)]),
    },
    { no: 10, title: '支援者に伝えておくこと', items: [longText('supporterNotes', '10-1', '支援者への留意事項')] },
    {
      no: 11,
      title: '同意書',
      items: [
        { key: 'consent.agreed', no: '11-1', label: '計画の作成と提供に', kind: 'choice', options: [{ value: 'given', label: '同意する' }, { value: 'refused', label: '同意しない' }] },
        { key: 'consent.recipients', no: '11-2', label: '提供してよい相手', kind: 'checks', options: opts(CONSENT_RECIPIENTS, CONSENT_RECIPIENT_LABELS) },
        { key: 'consent.date', no: '11-3', label: '同意日', kind: 'date' },
        { key: 'consent.signedBy', no: '11-4', label: '署名', kind: 'choice', options: [{ value: 'self', label: '本人の署名' }, { value: 'proxy', label: '代筆' }] },
        text('consent.proxyName', '11-5', '代筆者の氏名', 40),
        text('consent.proxyRelation', '11-6', '代筆者の続柄', 20),
        { key: 'confirmed', no: '11-7', label: 'この内容を本人（家族）と確認した', kind: 'yesNo' },
      ],
    },
  ];
}

/** Every item of the sections, in paper order. */
export function interviewItems(sections: readonly InterviewSection[]): InterviewItem[] {
  return sections.flatMap((s) => s.items);
}

/** The supporter entry in slot `n` (0 = primary): accepted entries only (a suggestion is not the plan's). */
function supporterSlot(plan: Plan | null, n: number): PlanSupporter | null {
  if (!plan) return null;
  const entries = [plan.primarySupporter, ...plan.backupSupporters].filter((s): s is PlanSupporter => !!s && s.chosenBy === 'user');
  return entries[n] ?? null;
}

/**
 * The answers as the plan holds them now (what the sheet prints and the entry starts from). A
 * person without a plan gets blanks; a suggestion is not an answer (the sheet prints it as （提案）).
 * With `supportersById`, a supporter linked to the app's record shows the record's name, phone and
 * address where the plan writes none (as the 計画書 does). 「確認した」 is always blank: it is ticked
 * at the visit, not printed.
 */
export function answersFromPlan(plan: Plan | null, hazards: readonly HazardType[], supportersById?: ReadonlyMap<string, Supporter>): InterviewAnswers {
  const a: InterviewAnswers = {
    floor: plan?.dwelling.floor ?? null,
    bedroom: plan?.dwelling.bedroom ?? '',
    daytimeLocation: plan?.dwelling.daytimeLocation ?? '',
    mobilityAids: plan ? [...plan.mobilityAids] : [],
    mobilityNotes: plan?.mobilityNotes ?? '',
    careNotes: plan?.medical.careNotes ?? '',
    powerDependent: plan ? plan.medical.powerDependent : null,
    batteryHours: plan?.medical.batteryHours ?? null,
    powerAvailableAt: plan?.medical.powerAvailableAt ?? '',
    careProviderContact: plan?.medical.careProviderContact ?? '',
    mustBring: plan?.medical.mustBring ?? '',
    communicationNotes: plan?.communicationNotes ?? '',
    leaveWhen: plan && LEAVE_WHEN_CHOICES.includes(plan.leaveWhen) ? plan.leaveWhen : null,
    leaveWhenOther: plan && !LEAVE_WHEN_CHOICES.includes(plan.leaveWhen) ? plan.leaveWhen : '',
    transport: plan?.transport ?? null,
    whatToBring: plan?.whatToBring ?? '',
    'alternative.kind': plan?.alternativeDestination?.kind ?? null,
    'alternative.name': plan?.alternativeDestination?.name ?? '',
    'alternative.address': plan?.alternativeDestination?.address ?? '',
    'alternative.phone': plan?.alternativeDestination?.phone ?? '',
    supporterNotes: plan?.supporterNotes ?? '',
    'consent.agreed': plan && plan.consent.status !== 'pending' ? plan.consent.status : null,
    'consent.recipients': plan ? [...plan.consent.recipients] : [],
    'consent.date': plan?.consent.date ?? null,
    'consent.signedBy': plan?.consent.method === 'signature' ? (plan.consent.proxy ? 'proxy' : 'self') : null,
    'consent.proxyName': plan?.consent.proxy?.name ?? '',
    'consent.proxyRelation': plan?.consent.proxy?.relation ?? '',
    confirmed: false,
  };
  for (const h of hazards) {
    const d = plan?.destinations[h];
    a[`destination.${h}`] = d && d.chosenBy === 'user' ? d.shelterId : '';
  }
  for (const n of [1, 2]) {
    const s = supporterSlot(plan, n - 1);
    const shown = s ? resolvePlanSupporter(s, supportersById ?? new Map()) : null;
    a[`supporter${n}.name`] = shown?.name ?? '';
    a[`supporter${n}.phone`] = shown?.phone ?? '';
    a[`supporter${n}.address`] = shown?.address ?? '';
    a[`supporter${n}.id`] = s?.supporterId ?? null;
    const c = plan?.emergencyContacts[n - 1];
    a[`contact${n}.name`] = c?.name ?? '';
    a[`contact${n}.relation`] = c?.relation ?? '';
    a[`contact${n}.phone`] = c?.phone ?? '';
  }
  return a;
}

// ---- Reading answers back, typed (an answer of the wrong type reads as blank) ----
const textOf = (a: InterviewAnswers, k: string): string => {
  const v = a[k];
  return typeof v === 'string' ? v.trim() : '';
};
const numberOf = (a: InterviewAnswers, k: string): number | null => {
  const v = a[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const listOf = <T extends string>(a: InterviewAnswers, k: string, allowed: readonly T[]): T[] => {
  const v = a[k];
  return Array.isArray(v) ? allowed.filter((x) => v.includes(x)) : [];
};
const choiceOf = <T extends string>(a: InterviewAnswers, k: string, allowed: readonly T[]): T | null => {
  const v = a[k];
  return isOneOf(v, allowed) ? v : null;
};

/**
 * The plan with the sheet's answers written in (a copy; `plan` is not changed). Only the items on
 * the sheet are touched: a hazard not asked keeps its destination, a destination with a drawn route
 * but no shelter stays, supporters and contacts beyond the sheet's two are kept. A supporter written
 * with the name of the printed (or suggested, or the one app supporter of that name) supporter keeps
 * (or makes) the link to the app's record:
 * with `supportersById`, fields equal to the record's are not copied into the plan. A name written
 * with no 種類 of 指定避難所以外の避難先 is 「その他」.
 * A signed 同意書 (`consent.agreed`) sets the plan consent: status, date (else `visitDate`), method
 * 署名 (with the 代筆者 when 代筆), recipients (none for a refusal); the same answers keep the consent
 * as it was. Status: `confirmed` ticked with consent given makes the plan 本人確認済 on `visitDate`
 * (an unchanged plan already confirmed keeps its date); a confirmed plan whose content changed
 * without the tick, or whose consent is not given, goes back to 作成中; 未着手 becomes 作成中.
 */
export function applyInterviewAnswers(plan: Plan, a: InterviewAnswers, hazards: readonly HazardType[], visitDate: string, supportersById?: ReadonlyMap<string, Supporter>): Plan {
  let next: Plan = structuredClone(plan);
  next.dwelling = { floor: numberOf(a, 'floor'), bedroom: textOf(a, 'bedroom'), daytimeLocation: textOf(a, 'daytimeLocation') };
  next.mobilityAids = listOf(a, 'mobilityAids', MOBILITY_AIDS);
  next.mobilityNotes = textOf(a, 'mobilityNotes');
  const powerDependent = a.powerDependent === true;
  next.medical = {
    careNotes: textOf(a, 'careNotes'),
    mustBring: textOf(a, 'mustBring'),
    powerDependent,
    batteryHours: powerDependent ? numberOf(a, 'batteryHours') : null,
    powerAvailableAt: textOf(a, 'powerAvailableAt'),
    careProviderContact: textOf(a, 'careProviderContact'),
  };
  next.communicationNotes = textOf(a, 'communicationNotes');
  next.leaveWhen = textOf(a, 'leaveWhenOther') || choiceOf(a, 'leaveWhen', LEAVE_WHEN_CHOICES) || plan.leaveWhen;
  next.transport = choiceOf(a, 'transport', TRANSPORTS) ?? plan.transport;
  next.whatToBring = textOf(a, 'whatToBring');
  for (const h of hazards) {
    const shelterId = textOf(a, `destination.${h}`);
    const current = plan.destinations[h];
    if (!shelterId) {
      if (current?.chosenBy === 'user' && current.shelterId) delete next.destinations[h];
      continue;
    }
    const same = current?.shelterId === shelterId;
    next.destinations[h] = { shelterId, chosenBy: 'user', routeNote: same ? current.routeNote : '', routeLine: same ? current.routeLine : null };
  }
  const alternative = { name: textOf(a, 'alternative.name'), address: textOf(a, 'alternative.address'), phone: textOf(a, 'alternative.phone') };
  const written = alternative.name || alternative.address || alternative.phone;
  const kind = choiceOf(a, 'alternative.kind', ALTERNATIVE_KINDS) ?? (written ? 'other' : null);
  next.alternativeDestination = kind ? ({ kind, ...alternative } satisfies AlternativeDestination) : null;

  const entries = [plan.primarySupporter, ...plan.backupSupporters].filter((s): s is PlanSupporter => !!s);
  const suggested = entries.filter((s) => s.chosenBy === 'suggestion');
  const supporters = [1, 2].flatMap((n): PlanSupporter[] => {
    const typed = { name: textOf(a, `supporter${n}.name`), phone: textOf(a, `supporter${n}.phone`), address: textOf(a, `supporter${n}.address`) };
    if (!typed.name && !typed.phone && !typed.address) return [];
    const namesake = [...(supportersById?.values() ?? [])].filter((s) => s.name.trim() === typed.name);
    const byName: PlanSupporter | null = namesake.length === 1 ? { supporterId: namesake[0].id, name: '', phone: '', address: '', chosenBy: 'suggestion' } : null;
    const linked = [supporterSlot(plan, n - 1), ...suggested, byName].find((s) => !!s?.supporterId && resolvePlanSupporter(s, supportersById ?? new Map()).name === typed.name);
    if (!linked?.supporterId) return [{ supporterId: null, ...typed, chosenBy: 'user' }];
    const record = resolvePlanSupporter({ ...linked, name: '', phone: '', address: '' }, supportersById ?? new Map());
    // A field as the record has it stays the plan's own (blank: the record's is shown); another is written over it.
    const own = (field: 'name' | 'phone' | 'address') => (typed[field] === record[field] ? (linked.chosenBy === 'user' ? linked[field] : '') : typed[field]);
    return [{ supporterId: linked.supporterId, name: own('name'), phone: own('phone'), address: own('address'), chosenBy: 'user' }];
  });
  const kept = [...supporters, ...entries.filter((s) => s.chosenBy === 'user').slice(2)];
  const chosen = kept.length ? kept : suggested;
  next.primarySupporter = chosen[0] ?? null;
  next.backupSupporters = chosen.slice(1);
  const contacts: EmergencyContact[] = [1, 2].flatMap((n) => {
    const c = { name: textOf(a, `contact${n}.name`), relation: textOf(a, `contact${n}.relation`), phone: textOf(a, `contact${n}.phone`) };
    return c.name || c.relation || c.phone ? [c] : [];
  });
  next.emergencyContacts = [...contacts, ...plan.emergencyContacts.slice(2)];
  next.supporterNotes = textOf(a, 'supporterNotes');

  const agreed = choiceOf(a, 'consent.agreed', ['given', 'refused'] as const);
  if (agreed) {
    const date = a['consent.date'];
    const signedBy = choiceOf(a, 'consent.signedBy', ['self', 'proxy'] as const);
    const consent: Plan['consent'] = {
      status: agreed,
      date: isIsoDate(date) ? date : visitDate,
      method: signedBy ? 'signature' : plan.consent.method,
      recipients: agreed === 'given' ? listOf(a, 'consent.recipients', CONSENT_RECIPIENTS) : [],
      ...(signedBy === 'proxy' ? { proxy: { name: textOf(a, 'consent.proxyName'), relation: textOf(a, 'consent.proxyRelation') } } : {}),
    };
    const { changed: _stamp, ...was } = plan.consent;
    next.consent = JSON.stringify(consent) === JSON.stringify({ ...was, recipients: CONSENT_RECIPIENTS.filter((r) => was.recipients.includes(r)) }) ? plan.consent : consent;
  }
  const changed = planContentChanged(plan, next);
  if (next.consent.status !== 'given') {
    if (next.status === 'confirmed') next = { ...next, status: 'in_progress', confirmedOn: null };
  } else if (a.confirmed === true) {
    if (plan.status !== 'confirmed' || changed) next = confirmPlan(next, visitDate);
  } else if (plan.status === 'confirmed' && changed) {
    next = { ...next, status: 'in_progress', confirmedOn: null };
  }
  if (next.status === 'not_started') next.status = 'in_progress';
  return next;
}

/** Keys of `items` whose answers differ between `a` and `b` (lists compared as sets, text trimmed). */
export function changedAnswerKeys(items: readonly InterviewItem[], a: InterviewAnswers, b: InterviewAnswers): string[] {
  const norm = (v: AnswerValue | undefined): string => (Array.isArray(v) ? [...v].sort().join('\u0000') : typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v));
  return items.filter((item) => norm(a[item.key]) !== norm(b[item.key])).map((item) => item.key);
}

/**
 * Items that are one answer on paper (6-1's choice and 6-2 「その他」): changed together, merged
 * together, chosen together in a conflict.
 */
const ANSWER_GROUPS: readonly (readonly string[])[] = [['leaveWhen', 'leaveWhenOther']];

/** An item (or group of items) this form changed that the stored plan also changed, to another value, since the form opened. */
export interface InterviewConflict {
  /** The keys of the answer (two for 6-1/6-2), in paper order. */
  keys: string[];
}

export interface InterviewMerge {
  /** The plan to save: `plan` (as it is now) with only this form's changes written in; a conflict keeps the stored value. */
  plan: Plan;
  /** Keys this form changed and writes into the plan. */
  written: string[];
  /** Changed here and (to another value) in the stored plan since the form opened: to be chosen before saving. */
  conflicts: InterviewConflict[];
  /** The answers as the plan holds them now (the 「別の画面で保存された値」 of a conflict). */
  stored: InterviewAnswers;
}

/**
 * The sheet's answers merged onto the plan as it is now, for 保存 of 「聞き取り票から入力」: `start`
 * is what the form started with (`answersFromPlan` when it opened), `current` what it holds now, and
 * `plan` the plan as it is now (another screen's save since may be in it). Only the items changed in
 * the form (current ≠ start) are written; every other item keeps the plan's value. An item changed
 * here and also changed in the plan since (stored ≠ start), to a different value, is a conflict: the
 * plan keeps the stored value until the user chooses (`resolveInterviewConflict`). A plan never
 * saved (version 0) reads as blank, as the form does.
 */
export function mergeInterviewAnswers(
  plan: Plan,
  start: InterviewAnswers,
  current: InterviewAnswers,
  hazards: readonly HazardType[],
  visitDate: string,
  supportersById?: ReadonlyMap<string, Supporter>,
): InterviewMerge {
  const items = interviewItems(interviewSections(hazards));
  const stored = answersFromPlan(plan.version === 0 ? null : plan, hazards, supportersById);
  const mine = new Set(changedAnswerKeys(items, start, current));
  const theirs = new Set(changedAnswerKeys(items, start, stored));
  const differ = new Set(changedAnswerKeys(items, current, stored));
  const grouped = new Set(ANSWER_GROUPS.flat());
  const units = [...ANSWER_GROUPS.map((g) => [...g]), ...items.filter((i) => !grouped.has(i.key)).map((i) => [i.key])];
  const order = new Map(items.map((i, n) => [i.key, n]));
  const merged: InterviewAnswers = { ...stored };
  const written: string[] = [];
  const conflicts: InterviewConflict[] = [];
  for (const keys of units) {
    if (!keys.some((k) => mine.has(k))) continue;
    if (keys.some((k) => theirs.has(k)) && keys.some((k) => differ.has(k))) {
      conflicts.push({ keys });
      continue;
    }
    for (const k of keys) merged[k] = current[k] ?? null;
    written.push(...keys.filter((k) => mine.has(k)));
  }
  const byOrder = (a: string, b: string) => (order.get(a) ?? 0) - (order.get(b) ?? 0);
  conflicts.sort((a, b) => byOrder(a.keys[0], b.keys[0]));
  return { plan: applyInterviewAnswers(plan, merged, hazards, visitDate, supportersById), written: written.sort(byOrder), conflicts, stored };
}

/**
 * The user's choice for a conflict: 'stored' takes the value saved elsewhere (the form shows it,
 * nothing of this form is written there), 'sheet' keeps this form's value (written over it). Either
 * way the form's start becomes the stored value, so the same stored value is not asked again — a
 * later save elsewhere that changes it again is a new conflict.
 */
export function resolveInterviewConflict(
  start: InterviewAnswers,
  current: InterviewAnswers,
  stored: InterviewAnswers,
  conflict: InterviewConflict,
  take: 'stored' | 'sheet',
): { start: InterviewAnswers; current: InterviewAnswers } {
  const nextStart = { ...start };
  const nextCurrent = { ...current };
  for (const k of conflict.keys) {
    nextStart[k] = stored[k] ?? null;
    if (take === 'stored') nextCurrent[k] = stored[k] ?? null;
  }
  return { start: nextStart, current: nextCurrent };
}

/** Which consent recipients, for a sheet's check boxes. */
export type SheetRecipient = ConsentRecipient;

// ---- The short code on each page: which person, which day, which version of the plan ----

/** Crockford's base 32 (no I, L, O, U: nothing to misread on paper). */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PERSON_HASH_LENGTH = 7;

/** A 35-bit hash of a person id as 7 base-32 characters (cyrb53; collisions are possible and handled by the lookup). */
export function personHash(personId: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < personId.length; i++) {
    const c = personId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  let n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  let out = '';
  for (let i = 0; i < PERSON_HASH_LENGTH; i++) {
    out = CODE_ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return out;
}

/**
 * The sheet's short code, e.g. 「K7Q3M2A-261129-3」: the person's hash, the sheet's date (Japan,
 * `YYYY-MM-DD`, written YYMMDD) and the plan's version printed (0 = no plan yet).
 */
export function sheetCode(personId: string, japanDate: string, planVersion: number): string {
  return `${personHash(personId)}-${japanDate.slice(2).replaceAll('-', '')}-${planVersion}`;
}

export interface ParsedSheetCode {
  personHash: string;
  /** `YYYY-MM-DD` */
  date: string;
  planVersion: number;
}

/**
 * A typed code read back: full-width characters, lower case, spaces and missing or extra dashes
 * are forgiven; O/I/L read as 0/1/1 (Crockford). Null when it is not a sheet code.
 */
export function parseSheetCode(input: string): ParsedSheetCode | null {
  const plain = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[ー－—–]/g, '-')
    .replace(/\s+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const m = /^([0-9A-HJKMNP-TV-Z]{7})-?(\d{2})(\d{2})(\d{2})-?(\d{1,6})$/.exec(plain);
  if (!m) return null;
  const date = `20${m[2]}-${m[3]}-${m[4]}`;
  if (!isIsoDate(date)) return null;
  return { personHash: m[1], date, planVersion: Number(m[5]) };
}
