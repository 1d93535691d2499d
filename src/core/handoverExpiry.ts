/**
 * The expiry of a 受け渡しファイル: the last day (`YYYY-MM-DD`, Japan date) the recipient's app keeps
 * it. At most one year after the day it is made (the 名簿 is renewed at least yearly); the maker
 * may choose an earlier day (the next 名簿更新). Pure.
 */
import { defaultReviewDue } from './plan';
import { isIsoDate } from './validation';

/** The default and latest expiry for a file made on `today`: one year later. */
export function defaultHandoverExpiry(today: string): string {
  return defaultReviewDue(today);
}

/** A Japanese message when `expiresOn` cannot be used for a file made on `today`, else null. */
export function handoverExpiryError(expiresOn: string, today: string): string | null {
  if (!isIsoDate(expiresOn)) return '有効期限は「2026-04-01」の形の実在する日付で入力してください。';
  if (expiresOn < today) return `有効期限（${expiresOn}）が今日（${today}）より前です。今日以降の日付にしてください。`;
  const latest = defaultHandoverExpiry(today);
  if (expiresOn > latest) return `有効期限は作成日から1年以内（${latest}まで）にしてください。`;
  return null;
}

/** True once `today` is after the file's last day. */
export function handoverExpired(expiresOn: string, today: string): boolean {
  return expiresOn < today;
}

/**
 * The latest expiry a recipient accepts for a file made on `createdOn` (Japan date, `YYYY-MM-DD`):
 * one year and one day later (a day of slack for a file made just before midnight on another clock).
 */
export function latestReceivableExpiry(createdOn: string): string {
  const [y, m, d] = defaultHandoverExpiry(createdOn).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
