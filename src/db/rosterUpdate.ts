/**
 * 名簿の更新 (issue 11) against the store: the preview (core/rosterUpdate.ts's plan of the file
 * against every stored record) and the apply, which plans again INSIDE one read-write transaction
 * and writes exactly that plan — records, new districts, renumbered ids with their plan, history,
 * draft and drill checks, plans set to 要見直し with their reasons, and the history row — or
 * nothing. No DOM: the import worker calls both.
 */
import type { Table } from 'dexie';
import { japanToday } from '../core/japanDate';
import { validatePerson, type Person } from '../core/person';
import { planIdFor, validatePlan, type Plan, type PlanRosterReason } from '../core/plan';
import {
  planPeopleUpdate, planSupportersUpdate, type RosterKind, type RosterUpdateChoices, type RosterUpdateContext, type RosterUpdatePlan, type RosterUpdateRecord,
} from '../core/rosterUpdate';
import { validateSupporter, type Supporter } from '../core/supporter';
import type { FieldError } from '../core/validation';
import { ValidationFailed } from './errors';
import { putInChunks, resolveDistricts, storedDistrictKeys, withStoredDistrictIds } from './imports';
import { getOperator } from './operator';
import { readAllPaged } from './paged';
import { requestPersistenceAfterWork, requestPersistentStorage } from './persistence';
import { assertAllValidYielding } from './records';
import type { HinanDatabase, PlanDraft, PlanVersion } from './schema';

/** Progress: `done` of `total` stored records read (`read`), then of the records written (`write`). */
export type RosterProgress = (done: number, total: number, phase: 'read' | 'write') => void;

export interface RosterUpdateOptions {
  /** The 名簿 file's name (kept on archive marks and in the history). */
  fileName: string;
  /** The update's instant; defaults to now. Its date in Japan is the update's date. */
  now?: Date;
  onProgress?: RosterProgress;
}

export interface ApplyRosterUpdateOptions extends RosterUpdateOptions {
  /** The number of people to archive, as the user typed it (needed when more than half would be archived). */
  confirmArchiveCount?: number;
}

/** How one kind of 名簿 is read, checked and planned. */
interface Kind<T extends Person | Supporter> {
  table: (db: HinanDatabase) => Table<T, string>;
  validate: (r: T) => FieldError[];
  label: (r: T) => string;
  plan: (stored: T[], file: T[], choices: RosterUpdateChoices, ctx: RosterUpdateContext) => RosterUpdatePlan<T>;
}

const PEOPLE: Kind<Person> = {
  table: (db) => db.people,
  validate: validatePerson,
  label: (p) => `要支援者「${p.name || p.id}」`,
  plan: planPeopleUpdate,
};

const SUPPORTERS: Kind<Supporter> = {
  table: (db) => db.supporters,
  validate: validateSupporter,
  label: (s) => `支援者「${s.name || s.id}」`,
  plan: planSupportersUpdate,
};

/**
 * The rules of one 名簿 for records of either kind: the overloads of `previewRosterUpdate` and
 * `applyRosterUpdate` tie `kind` to its records, and `validate` checks each record before use.
 */
function kindOf(kind: RosterKind): Kind<Person | Supporter> {
  return (kind === 'people' ? PEOPLE : SUPPORTERS) as Kind<Person | Supporter>;
}

/** A fresh update id: the instant and a random part (two updates in one millisecond differ). */
function newUpdateId(at: string): string {
  return `ru-${at}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * The plan of `file` against the store as it is now: every stored record read in pages, the file's
 * district names mapped to stored district ids (names not stored are kept: new districts).
 */
async function planAgainstStore<T extends Person | Supporter>(db: HinanDatabase, kind: Kind<T>, file: T[], choices: RosterUpdateChoices, options: RosterUpdateOptions): Promise<{ plan: RosterUpdatePlan<T>; ctx: RosterUpdateContext }> {
  const table = kind.table(db);
  const { districts, byKey } = await storedDistrictKeys(db);
  const total = await table.count();
  const stored: T[] = [];
  options.onProgress?.(0, total, 'read');
  await readAllPaged(table, (page) => {
    for (const r of page) stored.push(r);
    options.onProgress?.(stored.length, total, 'read');
  });
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const ctx: RosterUpdateContext = {
    updateId: newUpdateId(at),
    fileName: options.fileName,
    now: at,
    today: japanToday(now),
    districtNames: new Map(districts.map((d) => [d.id, d.name])),
  };
  return { plan: kind.plan(stored, withStoredDistrictIds(file, byKey), choices, ctx), ctx };
}

/** What updating the store by `fileRecords` would do (nothing is written). */
export function previewRosterUpdate(db: HinanDatabase, kind: 'people', fileRecords: Person[], choices: RosterUpdateChoices, options: RosterUpdateOptions): Promise<RosterUpdatePlan<Person>>;
export function previewRosterUpdate(db: HinanDatabase, kind: 'supporters', fileRecords: Supporter[], choices: RosterUpdateChoices, options: RosterUpdateOptions): Promise<RosterUpdatePlan<Supporter>>;
export function previewRosterUpdate(db: HinanDatabase, kind: RosterKind, fileRecords: (Person | Supporter)[], choices: RosterUpdateChoices, options: RosterUpdateOptions): Promise<RosterUpdatePlan<Person | Supporter>>;
export async function previewRosterUpdate(db: HinanDatabase, kind: RosterKind, fileRecords: (Person | Supporter)[], choices: RosterUpdateChoices, options: RosterUpdateOptions): Promise<RosterUpdatePlan<Person | Supporter>> {
  return (await planAgainstStore(db, kindOf(kind), fileRecords, choices, options)).plan;
}

/** Thrown when an update is not applied (another city's file, an unconfirmed mass archive); nothing was written. */
export class RosterUpdateRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RosterUpdateRefused';
  }
}

/**
 * Applies the update of the 名簿 (`kind`) by `fileRecords` in ONE transaction, planned again from
 * the store as it is inside it (so what is written is what the store holds now plus the file):
 * validates the file's records first (Japanese field errors, nothing written); refuses another
 * city's file, and more than half of the 名簿 archived unless `confirmArchiveCount` is that number;
 * writes the records (archived ones stay in the table with their mark), creates districts for new
 * names, moves renumbered people's plan, plan history, draft and drill checks (supporters: the
 * plans and drills naming them), gives each affected plan its reasons (本人確認済 → 要見直し) as
 * one 'roster' version per plan, and appends the history row. Returns that row, or null when the
 * file changes nothing (a second apply of the same file writes nothing, not even history).
 */
export function applyRosterUpdate(db: HinanDatabase, kind: 'people', fileRecords: Person[], choices: RosterUpdateChoices, options: ApplyRosterUpdateOptions): Promise<RosterUpdateRecord | null>;
export function applyRosterUpdate(db: HinanDatabase, kind: 'supporters', fileRecords: Supporter[], choices: RosterUpdateChoices, options: ApplyRosterUpdateOptions): Promise<RosterUpdateRecord | null>;
export function applyRosterUpdate(db: HinanDatabase, kind: RosterKind, fileRecords: (Person | Supporter)[], choices: RosterUpdateChoices, options: ApplyRosterUpdateOptions): Promise<RosterUpdateRecord | null>;
export async function applyRosterUpdate(db: HinanDatabase, kind: RosterKind, fileRecords: (Person | Supporter)[], choices: RosterUpdateChoices, options: ApplyRosterUpdateOptions): Promise<RosterUpdateRecord | null> {
  const k = kindOf(kind);
  await assertAllValidYielding(fileRecords, k.validate, k.label);
  await requestPersistentStorage();
  const table = k.table(db);
  const record = await db.transaction('rw', [table, db.districts, db.plans, db.planVersions, db.planDrafts, db.drills, db.rosterUpdates, db.meta], async () => {
    const { plan, ctx } = await planAgainstStore(db, k, fileRecords, choices, options);
    if (plan.refusal) throw new RosterUpdateRefused(plan.refusal);
    if (plan.writes.length === 0) return null;
    if (plan.archiveNeedsConfirmation && options.confirmArchiveCount !== plan.archived.length) {
      const what = kind === 'people' ? '名簿' : '支援者名簿';
      throw new RosterUpdateRefused(
        `このファイルでは、${what}に載っている${plan.storedOnRoster}人のうち${plan.archived.length}人が${what}から外れます（半数を超えます）。ファイルが正しいか確かめ、外れる人数「${plan.archived.length}」を入力してから更新してください。`,
      );
    }
    const writes = await resolveDistricts(db, plan.writes);
    if (plan.renumbered.length) await table.bulkDelete(plan.renumbered.map((r) => r.fromId));
    await putInChunks(table, writes, (done, total) => options.onProgress?.(done, total, 'write'));
    const renamed = new Map(plan.renumbered.map((r) => [r.fromId, r.toId]));
    let reviews = 0;
    if (kind === 'people') {
      await movePeople(db, renamed);
      reviews = await giveReasons(db, plan.planReasons, ctx.now);
    } else {
      await moveSupporters(db, renamed);
    }
    const row: RosterUpdateRecord = {
      id: ctx.updateId,
      kind,
      at: ctx.now,
      on: ctx.today,
      fileName: options.fileName,
      operator: (await getOperator(db)) || null,
      counts: { ...plan.total, matchedByName: plan.matchedByName, reviews, locationChecks: plan.locationChecks.length },
    };
    await db.rosterUpdates.add(row);
    return row;
  });
  if (record) requestPersistenceAfterWork();
  return record;
}

/** Every applied update (people and supporters), newest first. */
export async function listRosterUpdates(db: HinanDatabase): Promise<RosterUpdateRecord[]> {
  return db.rosterUpdates.orderBy('at').reverse().toArray();
}

/** A plan (or a copy of one in its history or draft) as the plan of person `toId`. */
function planOf(plan: Plan, toId: string): Plan {
  return { ...plan, id: planIdFor(toId), personId: toId };
}

/**
 * Renumbered people (`renamed`: stored id → the file's id): each one's plan becomes the plan of the
 * new id (`planIdFor`), with its history rows, its unsaved draft and the drills' checks of them.
 * Call inside the update's transaction, after the people were written.
 */
async function movePeople(db: HinanDatabase, renamed: ReadonlyMap<string, string>): Promise<void> {
  if (renamed.size === 0) return;
  const from = [...renamed.keys()];
  const plans = await db.plans.where('personId').anyOf(from).toArray();
  await db.plans.bulkDelete(plans.map((p) => p.id));
  await db.plans.bulkPut(plans.map((p) => planOf(p, renamed.get(p.personId)!)));
  await db.planVersions
    .where('personId')
    .anyOf(from)
    .modify((v: PlanVersion) => {
      const toId = renamed.get(v.personId)!;
      v.personId = toId;
      v.planId = planIdFor(toId);
      v.plan = planOf(v.plan, toId);
    });
  const drafts = (await db.planDrafts.bulkGet(from)).filter((d): d is PlanDraft => d !== undefined);
  await db.planDrafts.bulkDelete(drafts.map((d) => d.personId));
  await db.planDrafts.bulkPut(drafts.map((d) => ({ ...d, personId: renamed.get(d.personId)!, plan: planOf(d.plan, renamed.get(d.personId)!) })));
  await db.drills.filter((drill) => drill.records.some((r) => renamed.has(r.personId))).modify((drill) => {
    drill.records = drill.records.map((r) => (renamed.has(r.personId) ? { ...r, personId: renamed.get(r.personId)! } : r));
  });
}

/**
 * Renumbered supporters (`renamed`: stored id → the file's id): plans (current, history, drafts)
 * and drills that name them follow the new id. Not a new plan version: who the supporter is did not change.
 */
async function moveSupporters(db: HinanDatabase, renamed: ReadonlyMap<string, string>): Promise<void> {
  if (renamed.size === 0) return;
  const moves = (e: { supporterId: string | null } | null) => e !== null && e.supporterId !== null && renamed.has(e.supporterId);
  const names = (plan: Plan) => moves(plan.primarySupporter) || plan.backupSupporters.some(moves);
  const move = <E extends { supporterId: string | null }>(e: E): E => (moves(e) ? { ...e, supporterId: renamed.get(e.supporterId!)! } : e);
  const renamedIn = (plan: Plan): Plan => ({ ...plan, primarySupporter: plan.primarySupporter && move(plan.primarySupporter), backupSupporters: plan.backupSupporters.map(move) });
  await db.plans.filter(names).modify((plan, ref) => {
    ref.value = renamedIn(plan);
  });
  await db.planVersions.filter((v) => names(v.plan)).modify((v) => {
    v.plan = renamedIn(v.plan);
  });
  await db.planDrafts.filter((d) => names(d.plan)).modify((d) => {
    d.plan = renamedIn(d.plan);
  });
  await db.drills.filter((drill) => drill.absentSupporterIds.some((id) => renamed.has(id))).modify((drill) => {
    drill.absentSupporterIds = drill.absentSupporterIds.map((id) => renamed.get(id) ?? id);
  });
}

const reasonKey = (r: PlanRosterReason) => `${r.updateId}\u0000${r.field}`;

/**
 * Gives each stored plan of the people in `reasons` (by person id as written) the update's reasons
 * it does not have yet: appended to `rosterReview`, 本人確認済 → 要見直し (other statuses keep theirs),
 * one new version and one 'roster' history row per plan. Returns how many plans became 要見直し.
 */
async function giveReasons(db: HinanDatabase, reasons: ReadonlyMap<string, PlanRosterReason[]>, now: string): Promise<number> {
  if (reasons.size === 0) return 0;
  const plans = await db.plans.where('personId').anyOf([...reasons.keys()]).toArray();
  const saved: Plan[] = [];
  let reviews = 0;
  for (const plan of plans) {
    const have = new Set((plan.rosterReview ?? []).map(reasonKey));
    const added: PlanRosterReason[] = [];
    for (const r of reasons.get(plan.personId)!) {
      if (have.has(reasonKey(r))) continue;
      have.add(reasonKey(r));
      added.push(r);
    }
    if (added.length === 0) continue;
    const toReview = plan.status === 'confirmed';
    if (toReview) reviews++;
    const next: Plan = { ...plan, rosterReview: [...(plan.rosterReview ?? []), ...added], status: toReview ? 'needs_review' : plan.status, version: plan.version + 1, updatedAt: now };
    const errors = validatePlan(next);
    if (errors.length) throw new ValidationFailed(`個別避難計画（${plan.id}）`, errors);
    saved.push(next);
  }
  await db.plans.bulkPut(saved);
  await db.planVersions.bulkAdd(saved.map((plan): PlanVersion => ({ planId: plan.id, personId: plan.personId, version: plan.version, savedAt: now, kind: 'roster', restoredFromSeq: null, plan })));
  return reviews;
}
