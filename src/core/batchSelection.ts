import type { Person } from './person';
import type { Plan, PlanStatus } from './plan';
import { effectivePlanStatus } from './planCompleteness';
import { PRIORITY_ORDER, rosterReviewWeight, type PriorityRank } from './priority';

/**
 * Who goes into a batch print of a district (まとめて印刷, issue 15), and in what order. Pure: the
 * people come already through the consent gate; this only filters and orders them.
 */

export const BATCH_FILTERS = ['all', 'not_started', 'needs_review', 'priority_a'] as const;
export type BatchFilter = (typeof BATCH_FILTERS)[number];
export const BATCH_FILTER_LABELS: Record<BatchFilter, string> = {
  all: '全員',
  not_started: '未着手の人',
  needs_review: '要見直しの人',
  priority_a: '優先度Aの人',
};

export const BATCH_ORDERS = ['priority', 'address'] as const;
export type BatchOrder = (typeof BATCH_ORDERS)[number];
export const BATCH_ORDER_LABELS: Record<BatchOrder, string> = {
  priority: '優先度の順（地区カルテと同じ順）',
  address: '住所の順（丁目・番地・号）',
};

export interface BatchInputs {
  /** The district's people, as the consent gate gave them (planning work: no 災害時提供 people). */
  people: readonly Person[];
  plans: readonly Plan[];
  /** The engine's 優先度 by person id (missing: not assessed, after C). */
  priority: Readonly<Record<string, { rank: PriorityRank } | undefined>>;
  /** Japan date `YYYY-MM-DD` (a confirmed plan past its review date counts as 要見直し). */
  today: string;
}

export interface BatchEntry {
  person: Person;
  plan: Plan | null;
  status: PlanStatus;
  rank: PriorityRank | null;
}

/** Same tie-breaks as the 地区カルテ's 「次に計画を作る人」: 未着手, then 要見直し, then 作成中, then 本人確認済. */
const STATUS_ORDER: Record<PlanStatus, number> = { not_started: 0, needs_review: 1, in_progress: 2, confirmed: 3 };

const kana = (p: Person) => p.nameKana || p.name;

/** The karte's order: 優先度 A > B > C > none, a 名簿 update's weightier 要見直し first, then status, フリガナ, id. */
function byPriority(a: BatchEntry, b: BatchEntry): number {
  const rank = (e: BatchEntry) => (e.rank ? PRIORITY_ORDER[e.rank] : 3);
  const d = rank(a) - rank(b) || rosterReviewWeight(b.plan) - rosterReviewWeight(a.plan) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  return d || kana(a.person).localeCompare(kana(b.person), 'ja') || a.person.id.localeCompare(b.person.id);
}

function byAddress(a: BatchEntry, b: BatchEntry): number {
  return compareAddresses(a.person.address, b.person.address) || kana(a.person).localeCompare(kana(b.person), 'ja') || a.person.id.localeCompare(b.person.id);
}

function keep(filter: BatchFilter, e: BatchEntry): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'not_started':
      return e.status === 'not_started';
    case 'needs_review':
      return e.status === 'needs_review';
    case 'priority_a':
      return e.rank === 'A';
  }
}

/** The people of the batch with their plans, filtered and ordered. */
export function batchSelection(input: BatchInputs, filter: BatchFilter, order: BatchOrder): BatchEntry[] {
  const planOf = new Map(input.plans.map((p) => [p.personId, p]));
  return input.people
    .map((person): BatchEntry => {
      const plan = planOf.get(person.id) ?? null;
      return { person, plan, status: effectivePlanStatus(plan, input.today), rank: input.priority[person.id]?.rank ?? null };
    })
    .filter((e) => keep(filter, e))
    .sort(order === 'priority' ? byPriority : byAddress);
}

// ---- Natural order of addresses: 「本町2丁目10番」 after 「本町2丁目9番」, 「二丁目」 = 「2丁目」. ----

const KANJI_DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const KANJI_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** 「十二」 → 12, 「二十」 → 20, 「百五」 → 105, 「二〇」 → 20; null when it is not a numeral. */
export function kanjiNumber(text: string): number | null {
  if (!text) return null;
  let total = 0, digit: number | null = null, positional = '';
  for (const ch of text) {
    if (ch in KANJI_DIGITS) {
      digit = digit === null ? KANJI_DIGITS[ch] : digit * 10 + KANJI_DIGITS[ch];
      positional += String(KANJI_DIGITS[ch]);
    } else if (ch in KANJI_UNITS) {
      total += (digit ?? 1) * KANJI_UNITS[ch];
      digit = null;
      positional = '';
    } else return null;
  }
  if (total === 0 && positional) return Number(positional);
  return total + (digit ?? 0);
}

/** A kanji numeral read as a number only where an address numbers something (一丁目, 三番地, 五号, 二条), not in names (一箕町). */
const KANJI_NUMBERED = /([〇零一二三四五六七八九十百千]+)(?=丁目|丁|番地|番|号|条|地割|線)/g;
/** What separates the numbers of an address once they are digits: 丁目・番地・番・号, の, hyphens, spaces. */
const SEPARATORS = /^(?:丁目|番地|番|号|の|[-－‐−―ー]|\s|　)+/;

type AddressPart = { n: number } | { t: string };

/** An address as text and number parts: full-width digits and kanji numerals read as numbers, 「1丁目2番3号」 = 「1-2-3」. */
export function addressParts(address: string): AddressPart[] {
  const text = address
    .normalize('NFKC')
    .replace(KANJI_NUMBERED, (k) => String(kanjiNumber(k) ?? k))
    .trim();
  const parts: AddressPart[] = [];
  let rest = text;
  while (rest) {
    const num = /^\d+/.exec(rest);
    if (num) {
      parts.push({ n: Number(num[0]) });
      rest = rest.slice(num[0].length).replace(SEPARATORS, '');
      continue;
    }
    const word = /^\D+?(?=\d|$)/.exec(rest);
    const t = word ? word[0] : rest;
    parts.push({ t });
    rest = rest.slice(t.length);
  }
  return parts;
}

/** Natural order of two addresses: numbers as numbers (a number before text), text in Japanese order. */
export function compareAddresses(a: string, b: string): number {
  const pa = addressParts(a), pb = addressParts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i], y = pb[i];
    if ('n' in x && 'n' in y) {
      if (x.n !== y.n) return x.n - y.n;
    } else if ('t' in x && 't' in y) {
      const d = x.t.localeCompare(y.t, 'ja');
      if (d) return d;
    } else return 'n' in x ? -1 : 1;
  }
  return pa.length - pb.length;
}
