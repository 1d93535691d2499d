/**
 * 福祉避難所 shortfalls in words. A person left over because no open 福祉避難所 takes their
 * 受入対象 (e.g. 医療的ケア when every shelter accepts only 要配慮者) is a gap of the city, not of
 * that person: it is said once per missing 受入対象 (「医療的ケアが必要なN人を受け入れる福祉避難所が
 * 市内にありません」), and each person's reason names the missing 受入対象. Pure.
 */
import { ACCEPT_GROUP_LABELS, type AcceptGroup } from './shelter';
import type { WelfareLeftOver } from './welfareAllocation';

/** People left over for want of one 受入対象 (or set of them) that no 福祉避難所 in the city offers. */
export interface SystemicShortfall {
  missing: AcceptGroup[];
  personIds: string[];
}

const groupsText = (missing: readonly AcceptGroup[]) => missing.map((g) => ACCEPT_GROUP_LABELS[g]).join('・');
const isMedical = (missing: readonly AcceptGroup[]) => missing.length === 1 && missing[0] === 'medical_care';

/**
 * Left-over people grouped by the 受入対象 no 福祉避難所 offers, largest group first. Only
 * `no_eligible_shelter` entries count (a full shelter or a missing location is not systemic);
 * `personIds`, when given, narrows to those people (a district, the people on screen).
 */
export function systemicShortfalls(leftOver: readonly WelfareLeftOver[], personIds?: ReadonlySet<string>): SystemicShortfall[] {
  const groups = new Map<string, SystemicShortfall>();
  for (const l of leftOver) {
    if (l.reason !== 'no_eligible_shelter' || (personIds && !personIds.has(l.personId))) continue;
    const missing = l.missing ?? [];
    const key = missing.join(',');
    if (!groups.has(key)) groups.set(key, { missing, personIds: [] });
    groups.get(key)!.personIds.push(l.personId);
  }
  return [...groups.values()].sort((a, b) => b.personIds.length - a.personIds.length || a.missing.join().localeCompare(b.missing.join()));
}

/** 「医療的ケアが必要な569人を受け入れる福祉避難所が市内にありません」 (no final 。). */
export function systemicShortfallSentence(s: SystemicShortfall): string {
  const n = s.personIds.length;
  if (isMedical(s.missing)) return `医療的ケアが必要な${n}人を受け入れる福祉避難所が市内にありません`;
  if (s.missing.length === 0) return `${n}人を受け入れる福祉避難所が市内にありません`;
  return `${groupsText(s.missing)}にあたる${n}人を受け入れる福祉避難所が市内にありません`;
}

/** Why one person has no 福祉避難所, in words (a person's line in a list or card). */
export function leftOverReasonText(l: Pick<WelfareLeftOver, 'reason' | 'missing'>): string {
  if (l.reason === 'capacity') return '定員が足りず割り当てられません';
  if (l.reason === 'no_location') return '位置が未設定のため割り当てられません';
  if (!l.missing?.length) return '受け入れる福祉避難所が市内にありません';
  if (isMedical(l.missing)) return '受入対象に医療的ケアを含む福祉避難所が市内にありません';
  return `受入対象に${groupsText(l.missing)}のいずれかを含む福祉避難所が市内にありません`;
}
