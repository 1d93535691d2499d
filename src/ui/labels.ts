import { ageOn } from '../core/person';

/** Today's date `YYYY-MM-DD` in local time. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

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
