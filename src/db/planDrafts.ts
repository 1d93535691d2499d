import type { Plan } from '../core/plan';
import { shareablePerson } from './consentGate';
import type { HinanDatabase, PlanDraft } from './schema';

/**
 * Unsaved typing of the plan editor (下書き, issue 8 item 7): written on every keystroke, before
 * the versioned save that coalesces typing, so a reload, a closed tab or a navigation loses
 * nothing. A save removes the draft it holds (`savePlan`); the editor restores a remaining one.
 */

/** Writes what is typed for a person's plan now (`plan` as a save would write it). */
export async function writePlanDraft(db: HinanDatabase, plan: Plan, baseVersion: number, now = new Date()): Promise<void> {
  const copy = JSON.parse(JSON.stringify(plan)) as Plan;
  await db.planDrafts.put({ personId: copy.personId, baseVersion, writtenAt: now.toISOString(), plan: copy });
}

/** The unsaved typing for a person, or undefined (also when the person is not shareable). */
export async function planDraftFor(db: HinanDatabase, personId: string): Promise<PlanDraft | undefined> {
  if (!(await shareablePerson(db, personId))) return undefined;
  return db.planDrafts.get(personId);
}

/** Forgets the unsaved typing for a person. */
export async function discardPlanDraft(db: HinanDatabase, personId: string): Promise<void> {
  await db.planDrafts.delete(personId);
}

/** The plan as saved in version `version` (undefined for 0 or a version not in the history). */
export async function planAtVersion(db: HinanDatabase, planId: string, version: number): Promise<Plan | undefined> {
  if (version === 0) return undefined;
  const rows = await db.planVersions.where('planId').equals(planId).filter((v) => v.version === version).toArray();
  return rows.at(-1)?.plan;
}
