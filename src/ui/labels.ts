import { japanToday } from '../core/japanDate';
import { ageOn } from '../core/person';

/** Today's date `YYYY-MM-DD` in Japan (Asia/Tokyo), whatever the machine's zone. */
export const today = (): string => japanToday();

/** 「1940年4月1日（85歳）」 or 「不明」. */
export function birthLabel(birthDate: string | null): string {
  if (!birthDate) return '不明';
  const [y, m, d] = birthDate.split('-').map(Number);
  return `${y}年${m}月${d}日（${ageOn(birthDate, today())}歳）`;
}

/** Labels of a list of codes joined with 「、」, or 「なし」. */
export function listLabel<T extends string>(codes: readonly T[], labels: Record<T, string>): string {
  return codes.length ? codes.map((c) => labels[c]).join('、') : 'なし';
}
