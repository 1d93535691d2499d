/**
 * A message for the top of the screen after the page reloads (a restore, an erase, another tab's
 * change of the whole store): kept in sessionStorage (this tab only) and shown once.
 */

const KEY = 'hinanStoreNotice';

export interface StoreNotice {
  text: string;
  /** Names the notice for tests: 'restore-done', 'erase-done', 'store-replaced'. */
  testId: string;
}

function isStoreNotice(v: unknown): v is StoreNotice {
  return typeof v === 'object' && v !== null && 'text' in v && typeof v.text === 'string' && 'testId' in v && typeof v.testId === 'string';
}

/** Keeps `notice` for the next page load of this tab. */
export function leaveStoreNotice(notice: StoreNotice): void {
  sessionStorage.setItem(KEY, JSON.stringify(notice));
}

/** The notice left for this load, once (it is removed), or null. */
export function takeStoreNotice(): StoreNotice | null {
  const text = sessionStorage.getItem(KEY);
  sessionStorage.removeItem(KEY);
  if (!text) return null;
  try {
    const notice: unknown = JSON.parse(text);
    return isStoreNotice(notice) ? { text: notice.text, testId: notice.testId } : null;
  } catch {
    return null;
  }
}
