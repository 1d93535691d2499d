let requested = false;

/**
 * Asks the browser once per session to keep our storage under pressure
 * (`navigator.storage.persist()`); called before the first write. Never throws.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  if (requested) return null;
  requested = true;
  try {
    const storage = (globalThis as { navigator?: Navigator }).navigator?.storage;
    if (!storage?.persist) return null;
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return null;
  }
}
