import { planIdFor, type Plan } from '../core/plan';
import { validateBackupRow } from '../io/backup/recordValidators';
import { shareablePerson } from './consentGate';
import { isRecord, plainCopy } from './plainValue';
import type { HinanDatabase, PlanDraft } from './schema';
import { typingWritesAreStopped } from './storeChange';

/**
 * Unsaved typing of the plan editor (下書き, issue 8 item 7): written on every keystroke, before
 * the versioned save that coalesces typing, so a reload, a closed tab or a navigation loses
 * nothing. A save removes the draft it holds (`savePlan`); the editor restores a remaining one.
 */

/**
 * An IndexedDB write is asynchronous: a reload in the same instant as a keystroke can abort it
 * (measured: text pasted and reloaded at once was lost in 5 of 18 tries). So each draft is first
 * written synchronously to localStorage — before this function's first `await` — and that copy is
 * removed once IndexedDB holds the same draft. A copy left there is the newest typing.
 */
function syncCopyStore(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled: the IndexedDB draft alone
  }
}
const syncCopyKey = (db: HinanDatabase, personId: string) => `hinan:${db.name}:planDraft:${personId}`;

/**
 * Writes what is typed for a person's plan now (`plan` as a save would write it); the synchronous
 * copy first. Nothing is written — and the copy is taken back — when the draft no longer belongs
 * to this store: writes were stopped (another tab replaced the store, `stopTypingWrites`), the
 * person is gone (erased), or the stored plan's version is lower than `baseVersion` (a restore
 * replaced it). Checked and written in one transaction, so a restore or erase is either before
 * (and the draft is refused) or after (and clears it). Returns whether the draft was written.
 */
export async function writePlanDraft(db: HinanDatabase, plan: Plan, baseVersion: number, now = new Date()): Promise<boolean> {
  if (typingWritesAreStopped()) return false;
  const copy = plainCopy(plan);
  const draft: PlanDraft = { personId: copy.personId, baseVersion, writtenAt: now.toISOString(), plan: copy };
  const store = syncCopyStore();
  const key = syncCopyKey(db, copy.personId);
  const text = JSON.stringify(draft);
  try {
    store?.setItem(key, text);
  } catch {
    // Quota or disabled storage: the IndexedDB write below still holds the draft.
  }
  const written = await db.transaction('rw', db.people, db.plans, db.planDrafts, async () => {
    const [person, stored] = await Promise.all([db.people.get(copy.personId), db.plans.get(copy.id)]);
    if (!person || (stored?.version ?? 0) < baseVersion || typingWritesAreStopped()) return false;
    await db.planDrafts.put(draft);
    return true;
  });
  // IndexedDB holds this draft now (or must not): a later keystroke's copy (another text) stays until its own write.
  if (store?.getItem(key) === text) store.removeItem(key);
  return written;
}

/**
 * The unsaved typing for a person — the synchronous copy when one is left, it is the newest — or
 * undefined (also when the person is not shareable, and for typing that started from a plan
 * version newer than the stored one: typing of a store a restore replaced).
 */
export async function planDraftFor(db: HinanDatabase, personId: string): Promise<PlanDraft | undefined> {
  if (!(await shareablePerson(db, personId))) return undefined;
  const storedVersion = (await db.plans.get(planIdFor(personId)))?.version ?? 0;
  const ofThisStore = (draft: PlanDraft | undefined) => (draft && draft.baseVersion <= storedVersion ? draft : undefined);
  const left = syncCopyStore()?.getItem(syncCopyKey(db, personId));
  const copy = left ? draftCopyOf(left, personId) : undefined;
  if (copy) return ofThisStore(copy);
  return ofThisStore(await db.planDrafts.get(personId));
}

/** A synchronous copy read back: the draft it holds for `personId`, or undefined when damaged or another person's (the IndexedDB draft is used then). */
function draftCopyOf(text: string, personId: string): PlanDraft | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isDraftOf(value, personId) ? value : undefined;
}

/**
 * Whether `value` is a draft for `personId`: the person's, and every field checked as a restore
 * checks a stored draft (baseVersion an integer ≥ 0, writtenAt a time, the plan through
 * validatePlan) — a copy left by an older version of the app is not taken for a full plan.
 */
function isDraftOf(value: unknown, personId: string): value is PlanDraft {
  return isRecord(value) && value.personId === personId && isRecord(value.plan) && value.plan.personId === personId && validateBackupRow('planDrafts', value).length === 0;
}

/** Forgets the unsaved typing for a person (both copies). */
export async function discardPlanDraft(db: HinanDatabase, personId: string): Promise<void> {
  syncCopyStore()?.removeItem(syncCopyKey(db, personId));
  await db.planDrafts.delete(personId);
}

/** The plan as saved in version `version` (undefined for 0 or a version not in the history). */
export async function planAtVersion(db: HinanDatabase, planId: string, version: number): Promise<Plan | undefined> {
  if (version === 0) return undefined;
  const rows = await db.planVersions.where('planId').equals(planId).filter((v) => v.version === version).toArray();
  return rows.at(-1)?.plan;
}

/**
 * Forgets every synchronous copy of this store's drafts (after a restore replaced the store: the
 * copies are typing on plans of the store that is gone; the restored drafts are in `planDrafts`).
 */
export function forgetDraftCopies(db: HinanDatabase): void {
  const store = syncCopyStore();
  if (!store) return;
  const prefix = `hinan:${db.name}:planDraft:`;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}
