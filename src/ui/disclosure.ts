import { recordDisclosure, type DisclosureRequest } from '../db/disclosures';
import type { HinanDatabase } from '../db/schema';
import { errorMessage } from '../core/thrown';

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
    return errorMessage(err);
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

/** What a screen would print now, and where to say a refusal. */
interface PrintRecorder {
  db: HinanDatabase;
  operator: () => string | null;
  request: () => DisclosureRequest | null;
  onRefused: (message: string) => void;
}

/** Screens' recorders, in the order they registered (the last registered that has something to print records). */
const recorders: PrintRecorder[] = [];
/** What the app records for a print on a screen that registered nothing (set once by App). */
let fallback: PrintRecorder | null = null;
let listening = false;

/** The one `beforeprint` listener: one entry per print, from the innermost screen that has something to print. */
function beforePrint(): void {
  if (recordedPrint) return;
  let chosen: PrintRecorder | null = null;
  let request: DisclosureRequest | null = null;
  for (const recorder of [...recorders].reverse()) {
    request = recorder.request();
    if (request) {
      chosen = recorder;
      break;
    }
  }
  if (!chosen && fallback) {
    request = fallback.request();
    chosen = request ? fallback : null;
  }
  if (!chosen || !request) return;
  if (!chosen.operator()) {
    document.body.dataset.print = 'refused';
    addEventListener('afterprint', () => delete document.body.dataset.print, { once: true });
  }
  const onRefused = chosen.onRefused;
  void disclose(chosen.db, request).then((message) => message && onRefused(message));
}

function listen(): void {
  if (listening) return;
  listening = true;
  addEventListener('beforeprint', beforePrint);
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
  const recorder: PrintRecorder = { db, operator, request, onRefused };
  recorders.push(recorder);
  listen();
  return () => {
    const at = recorders.lastIndexOf(recorder);
    if (at >= 0) recorders.splice(at, 1);
  };
}

/**
 * What every other screen records when the browser prints it (the 訓練 list, the 提供記録, an import
 * preview…): set once by the app, so no screen can print personal data unrecorded. Returns the cleanup.
 */
export function recordOtherPrints(
  db: HinanDatabase,
  operator: () => string | null,
  request: () => DisclosureRequest | null,
  onRefused: (message: string) => void,
): () => void {
  fallback = { db, operator, request, onRefused };
  listen();
  return () => {
    fallback = null;
  };
}
