/**
 * Persistent storage (`navigator.storage.persist()`): without it the browser may delete the
 * whole store when the device runs short of space. The browser is asked before the first write
 * and asked once more after meaningful work (a plan saved, a file imported) — browsers grant it
 * more readily to a site that is used —, and every answer is published so the screen can show
 * it (issue 8, item 8). Nothing here throws.
 */

/** Whether the store is persistent: true / false, or null when the browser cannot say. */
export type PersistenceAnswer = boolean | null;

let askedBeforeWrite = false;
let askedAfterWork = false;
const listeners = new Set<(persisted: PersistenceAnswer) => void>();

function storageManager(): StorageManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

async function ask(): Promise<PersistenceAnswer> {
  let answer: PersistenceAnswer = null;
  try {
    const storage = storageManager();
    if (storage?.persist) answer = (await storage.persisted()) || (await storage.persist());
  } catch {
    answer = null;
  }
  for (const listener of listeners) listener(answer);
  return answer;
}

/** Asks the browser to keep our storage, once per session, before the first write. */
export async function requestPersistentStorage(): Promise<PersistenceAnswer> {
  if (askedBeforeWrite) return null;
  askedBeforeWrite = true;
  return ask();
}

/**
 * After meaningful work (a plan saved, an import committed): asks again, at most once per
 * session, unless the storage is already persistent. Does not wait for the answer.
 */
export function requestPersistenceAfterWork(): void {
  if (askedAfterWork) return;
  askedAfterWork = true;
  void ask();
}

/** Calls `listener` with every answer the browser gives from now on; returns the unsubscribe. */
export function onPersistenceAnswer(listener: (persisted: PersistenceAnswer) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What the browser says about our storage now; usage and quota in bytes (null when unknown). */
export interface StorageState {
  persisted: PersistenceAnswer;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** Reads the storage state without asking for anything. */
export async function storageState(): Promise<StorageState> {
  const storage = storageManager();
  let persisted: PersistenceAnswer = null;
  let usageBytes: number | null = null;
  let quotaBytes: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (storage?.estimate) {
      const e = await storage.estimate();
      usageBytes = e.usage ?? null;
      quotaBytes = e.quota ?? null;
    }
  } catch {
    // keep what is known
  }
  return { persisted, usageBytes, quotaBytes };
}

/** Asks now, on the user's request (a button); publishes and returns the answer. */
export function requestPersistenceNow(): Promise<PersistenceAnswer> {
  return ask();
}
