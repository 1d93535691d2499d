import { recordDisclosure, type DisclosureRequest } from '../db/disclosures';
import type { HinanDatabase } from '../db/schema';

/**
 * Prints and files through the 提供記録 door (db/disclosures.ts): the entry is written before the
 * print dialog opens or the file is saved, and a refusal (no 作業者名, the consent gate) is a
 * Japanese message instead of the print or the file.
 */

/** Records the disclosure; returns null when it may go ahead, else the message to show (nothing may be printed or saved). */
export async function disclose(db: HinanDatabase, request: DisclosureRequest): Promise<string | null> {
  try {
    await recordDisclosure(db, request);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** True while a print a button already recorded is opening (its `beforeprint` must not record it again). */
let recordedPrint = false;

/** Opens the print dialog for a print `disclose` has just recorded. */
export function printRecorded(): void {
  recordedPrint = true;
  try {
    print();
  } finally {
    recordedPrint = false;
  }
}

/**
 * Records prints the browser starts itself (Ctrl+P, the browser menu), which no button sees: call
 * in a screen's `$effect`; `request` says what the screen would print now (null: nothing personal).
 * `beforeprint` cannot wait for the store, so the 作業者名 is checked from `operator()` at once:
 * without one the page prints only the refusal (body[data-print='refused'], styled in
 * OperatorName.svelte) and `onRefused` gets the message. Returns the cleanup.
 */
export function recordBrowserPrints(
  db: HinanDatabase,
  operator: () => string | null,
  request: () => DisclosureRequest | null,
  onRefused: (message: string) => void,
): () => void {
  const before = () => {
    if (recordedPrint) return;
    const r = request();
    if (!r) return;
    if (!operator()) {
      document.body.dataset.print = 'refused';
      addEventListener('afterprint', () => delete document.body.dataset.print, { once: true });
    }
    void disclose(db, r).then((message) => message && onRefused(message));
  };
  addEventListener('beforeprint', before);
  return () => removeEventListener('beforeprint', before);
}
