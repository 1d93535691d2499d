import { validatePlan, type Plan } from '../core/plan';
import { samePlanContent } from '../core/planMerge';
import { shareablePeople, shareablePerson } from './consentGate';
import { ValidationFailed } from './errors';
import { requestPersistenceAfterWork, requestPersistentStorage } from './persistence';
import { plainCopy } from './plainValue';
import type { HinanDatabase, PlanVersion, PlanVersionKind } from './schema';

export interface SavePlanOptions {
  /** Clock for `updatedAt` / `savedAt`; defaults to the current time. */
  now?: () => Date;
  /**
   * The stored version the caller's edits start from (0: no plan stored yet). The save is made
   * only if the stored plan still has this version, else `PlanConflict` is thrown and nothing is
   * written. `savePlan` defaults to the plan's own `version`; a restore is unconditional unless given.
   */
  expectedVersion?: number;
  /**
   * Marks an autosave of one editing session (`session`: an ID the editor makes when it opens).
   * It replaces the session's previous autosave version instead of adding one when that is still
   * the latest version, was saved less than `COALESCE_GAP_MS` before, and has the same status.
   * Saves without it (explicit saves, status changes) are always versions of their own.
   */
  autosave?: { session: string };
}

/** Autosaves of one session further apart than this (ms) start a new version: 10 minutes. */
const COALESCE_GAP_MS = 10 * 60_000;

/** Thrown when a plan cannot be written for a reason other than a field error. */
export class PlanNotSaved extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanNotSaved';
  }
}

/** Thrown when another screen saved the plan since the caller loaded it; nothing was written. */
export class PlanConflict extends Error {
  /** The plan as stored now (newer than the caller's). */
  readonly current: Plan;
  constructor(current: Plan) {
    super(`別の画面でこの計画が保存されています（第${current.version}版）。上書きせず、保存を見合わせました。`);
    this.name = 'PlanConflict';
    this.current = current;
  }
}

async function writeVersion(db: HinanDatabase, input: Plan, kind: PlanVersionKind, restoredFromSeq: number | null, expectedVersion: number | null, options: SavePlanOptions): Promise<Plan> {
  const plan = plainCopy(input);
  const errors = validatePlan(plan);
  if (errors.length) throw new ValidationFailed('個別避難計画', errors);
  await requestPersistentStorage();
  const savedAt = (options.now?.() ?? new Date()).toISOString();
  const saved = await db.transaction('rw', [db.people, db.plans, db.planVersions, db.planDrafts], async () => {
    if (!(await db.people.get(plan.personId))) throw new PlanNotSaved('対象の要支援者が名簿にないため、計画を保存できません。');
    const other = await db.plans.where('personId').equals(plan.personId).filter((p) => p.id !== plan.id).first();
    if (other) throw new PlanNotSaved('この方の個別避難計画は既に別に作られています。既存の計画を開いて編集してください。');
    const stored = await db.plans.get(plan.id);
    if (expectedVersion !== null && (stored?.version ?? 0) !== expectedVersion) {
      if (!stored) throw new PlanNotSaved('編集を始めたときの計画が見つからなくなったため、保存していません。');
      throw new PlanConflict(stored);
    }
    const saved: Plan = { ...plan, version: (stored?.version ?? 0) + 1, createdAt: stored?.createdAt ?? plan.createdAt, updatedAt: savedAt };
    await db.plans.put(saved);
    // A status change is a version of its own even when it came with typing.
    const statusChanged = !!stored && stored.status !== saved.status;
    const session = kind === 'save' && !statusChanged ? options.autosave?.session : undefined;
    const last = session ? await db.planVersions.where('planId').equals(saved.id).last() : undefined;
    if (session && last && continuesSitting(last, session, stored, saved, savedAt)) {
      await db.planVersions.update(last.seq!, { version: saved.version, savedAt, plan: saved, saves: (last.saves ?? 1) + 1 });
    } else {
      const sitting = session ? { session, startedAt: savedAt, saves: 1 } : {};
      await db.planVersions.add({ planId: saved.id, personId: saved.personId, version: saved.version, savedAt, kind: session ? 'autosave' : kind, restoredFromSeq, plan: saved, ...sitting });
    }
    // The typing this save holds need not be restored any more (later typing is kept).
    const draft = await db.planDrafts.get(saved.personId);
    if (draft && samePlanContent(draft.plan, saved)) await db.planDrafts.delete(saved.personId);
    return saved;
  });
  requestPersistenceAfterWork();
  return saved;
}

/** Whether an autosave at `savedAt` continues the sitting of version row `last` (see `SavePlanOptions.autosave`). */
function continuesSitting(last: PlanVersion, session: string, stored: Plan | undefined, saved: Plan, savedAt: string): boolean {
  return (
    last.kind === 'autosave' &&
    last.session === session &&
    last.version === stored?.version &&
    last.plan.status === saved.status &&
    Date.parse(savedAt) - Date.parse(last.savedAt) < COALESCE_GAP_MS
  );
}

/**
 * Validates and saves a plan if the stored plan is still the version the caller's edits start
 * from (compare-and-set in one transaction: two tabs never overwrite each other); in the same
 * transaction adds a history row, so every save is a version that can be restored (an
 * autosave may instead replace its session's previous autosave row: one version per sitting). The stored
 * `version` is one more than the stored plan's. Throws `ValidationFailed` (field errors in
 * Japanese), `PlanConflict` (saved elsewhere meanwhile) or `PlanNotSaved`; nothing is written then.
 */
export function savePlan(db: HinanDatabase, plan: Plan, options: SavePlanOptions = {}): Promise<Plan> {
  return writeVersion(db, plan, 'save', null, options.expectedVersion ?? plan.version, options);
}

/** The plan of a person, or undefined when there is none or the person is not shareable. */
export async function planForPerson(db: HinanDatabase, personId: string): Promise<Plan | undefined> {
  if (!(await shareablePerson(db, personId))) return undefined;
  return db.plans.where('personId').equals(personId).first();
}

/** Every saved version of a plan, newest first; empty when the person is not shareable. */
export async function planHistory(db: HinanDatabase, planId: string): Promise<PlanVersion[]> {
  const versions = await db.planVersions.where('planId').equals(planId).toArray();
  if (versions.length === 0 || !(await shareablePerson(db, versions[0].personId))) return [];
  return versions.sort((a, b) => b.seq! - a.seq!);
}

/**
 * Restores version `seq` of a plan by saving its content as a new version (the versions in
 * between stay in the history). Returns the plan as now stored. With `expectedVersion`, only if
 * the stored plan still has that version (else `PlanConflict`).
 */
export async function restorePlanVersion(db: HinanDatabase, planId: string, seq: number, options: SavePlanOptions = {}): Promise<Plan> {
  const row = await db.planVersions.get(seq);
  if (!row || row.planId !== planId) throw new PlanNotSaved('指定された計画の版が見つかりません。');
  return writeVersion(db, row.plan, 'restore', seq, options.expectedVersion ?? null, options);
}

/**
 * Plans of shareable people (through the consent gate), optionally of one district, in the
 * gate's order (フリガナ). For display: plans of people without consent are never returned.
 */
export async function listPlans(db: HinanDatabase, districtId?: string | null): Promise<Plan[]> {
  const { people } = await shareablePeople(db, { districtId });
  const order = new Map(people.map((p, i) => [p.id, i]));
  const plans = await db.plans.where('personId').anyOf([...order.keys()]).toArray();
  return plans.sort((a, b) => order.get(a.personId)! - order.get(b.personId)!);
}

/** Saved versions of the plans of shareable people (optionally of one district), oldest first. */
export async function listPlanVersions(db: HinanDatabase, districtId?: string | null): Promise<PlanVersion[]> {
  const { people } = await shareablePeople(db, { districtId });
  const versions = await db.planVersions.where('personId').anyOf(people.map((p) => p.id)).toArray();
  return versions.sort((a, b) => a.seq! - b.seq!);
}
