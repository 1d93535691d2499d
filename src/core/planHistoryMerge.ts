/**
 * Merging one 個別避難計画 and its version history from another device (issue 10, part 3).
 *
 * History rows are keyed per device (an auto-increment `seq`), so a version is recognised across
 * devices by what it is: plan, version number, save time, kind and content (`versionIdentity`).
 * The merged history is the union of both — no version is lost, none is doubled — and the newest
 * version both devices have is their common ancestor. Then:
 * - only the other device changed the plan since the ancestor: its plan (and versions) are taken;
 * - only this device did, or neither: this device's plan stays;
 * - both did (to different content): a three-way merge against the ancestor (core/planMerge.ts):
 *   fields only the other device changed are taken, fields only this device changed stay, and
 *   the result is a new version (kind 'merge') when it differs from this device's plan. Fields
 *   both changed to different values keep this device's value and the plan is marked 「統合で要確認」
 *   (`Plan.mergeReview` naming the ancestor, the other device's latest version and those fields),
 *   for the user to choose field by field in the editor. Without an ancestor (both made the plan
 *   on their own) every differing field is such a field. Both devices having made the same content
 *   is no conflict.
 *
 * The rows of a plan whose history gains rows are re-keyed in one order: the versions both have,
 * then the versions of the side whose plan is not kept, then those of the side whose plan is kept,
 * then the merged version, so the newest row is the plan's current content (the history lists it
 * first as 「現在の内容」). Rows taken from the other device carry `from` (who made its file).
 */
import { planContentChanged, type Plan, type PlanMergeReview } from './plan';
import { changedPaths, mergePlans, samePlanContent, sameValue, valueAt, type FieldPath } from './planMerge';
import { canonicalJson } from './recordMerge';

/** A history row as this module needs it (db/schema.ts `PlanVersion`). */
export interface HistoryRow {
  seq?: number;
  planId: string;
  personId: string;
  version: number;
  /** ISO 8601 time of the save. */
  savedAt: string;
  kind: string;
  /** For a restore: the `seq` (on the row's own device) whose content was restored. */
  restoredFromSeq: number | null;
  plan: Plan;
  /** For an autosave: the editing sitting that wrote it (db/plans.ts replaces its row on every autosave). */
  session?: string;
  /** For a row a merge brought from another device (or a merged version): that file's 作業者名. */
  from?: string;
}

/** The new version a merge of both devices' changes adds to the history. */
export interface MergedVersionRow extends HistoryRow {
  seq: number;
  kind: 'merge';
  restoredFromSeq: null;
  from: string;
}

/** One device's plan (undefined when it has none) and its history rows in `seq` order. */
export interface PlanSide<V extends HistoryRow> {
  plan: Plan | undefined;
  versions: V[];
}

/** What the merge did to the plan. */
export type PlanMergeOutcome = 'unchanged' | 'added' | 'kept' | 'taken' | 'merged' | 'conflict';

export interface PlanHistoryMerge<V extends HistoryRow> {
  outcome: PlanMergeOutcome;
  /** The plan to store (undefined only when neither device has one). */
  plan: Plan | undefined;
  /**
   * The whole merged history of the plan with new `seq`s from `firstSeq` and `restoredFromSeq`
   * renumbered (the merged version last), to replace the stored rows; null when no row was added
   * (the stored rows stay).
   */
  history: (V | MergedVersionRow)[] | null;
  /** Rows only the other device had. */
  addedVersions: number;
  /** For `taken`, `merged` and `conflict`: the version each device had (its `version` and `updatedAt`). */
  ours?: { version: number; updatedAt: string };
  theirs?: { version: number; updatedAt: string };
  /** For `merged` and `conflict`: fields only the other device changed (taken) and fields both changed differently. */
  fields?: { taken: FieldPath[]; conflicts: FieldPath[] };
}

const identities = new WeakMap<HistoryRow, string>();

/** A history row's identity across devices: plan, version, save time, kind and content. */
export function versionIdentity(row: HistoryRow): string {
  let id = identities.get(row);
  if (id === undefined) identities.set(row, (id = canonicalJson([row.planId, row.version, row.savedAt, row.kind, row.plan])));
  return id;
}

export interface PlanMergeOptions {
  /** The first `seq` free in this store (re-keyed rows are numbered from it). */
  firstSeq: number;
  /** Who made the other device's file (its header's 作業者名), for the marker. */
  from: string;
  /** ISO 8601 time of the merge, for the marker. */
  mergedAt: string;
}

/** Merges the other device's plan and history (`theirs`) into this device's (`ours`); see the module comment. */
export function mergePlanHistory<V extends HistoryRow>(ours: PlanSide<V>, theirsAsFiled: PlanSide<V>, options: PlanMergeOptions): PlanHistoryMerge<V> {
  // Their autosave rows of a sitting this device went on typing in (a backup made mid-sitting) are
  // earlier states of our own row, not versions of theirs: leave them out.
  const theirs = { plan: theirsAsFiled.plan, versions: theirsAsFiled.versions.filter((v) => !replacedBy(v, ours.versions)) };
  const ourIds = new Map(ours.versions.map((v) => [versionIdentity(v), v]));
  const theirIds = new Map(theirs.versions.map((v) => [versionIdentity(v), v]));
  const added = theirs.versions.filter((v) => !ourIds.has(versionIdentity(v)));
  const decided = decide(ours, theirs, ourIds, theirsAsFiled);
  const sides = ours.plan && theirs.plan ? { ours: stamp(ours.plan), theirs: stamp(theirs.plan) } : {};
  let both: Combined | null = null;
  let outcome: PlanMergeOutcome;
  if (decided.outcome === 'both') {
    both = combine(decided.ours, decided.theirs, decided.ancestor, options);
    outcome = both.outcome;
  } else outcome = decided.outcome;
  const plan = both ? both.plan : outcome === 'taken' || outcome === 'added' ? theirs.plan : ours.plan;
  const fields = both ? { fields: both.fields } : {};
  if (added.length === 0 && !both?.newVersion) return { outcome, plan, history: null, addedVersions: 0, ...sides, ...fields };
  const keptSide = outcome === 'taken' || outcome === 'added' ? 'theirs' : 'ours';
  const history: (V | MergedVersionRow)[] = rekey(ours.versions, theirs.versions, theirIds, keptSide, options);
  if (both?.newVersion) {
    const merged = both.plan;
    history.push({ planId: merged.id, personId: merged.personId, version: merged.version, savedAt: merged.updatedAt, kind: 'merge', restoredFromSeq: null, plan: merged, from: options.from, seq: options.firstSeq + history.length });
  }
  return { outcome, plan, history, addedVersions: added.length, ...sides, ...fields };
}

function stamp(p: Plan): { version: number; updatedAt: string } {
  return { version: p.version, updatedAt: p.updatedAt };
}

type Decision = { outcome: 'unchanged' | 'added' | 'kept' | 'taken' } | { outcome: 'both'; ours: Plan; theirs: Plan; ancestor: HistoryRow | undefined };

/** Which side changed the plan since their common ancestor (see the module comment). */
function decide<V extends HistoryRow>(ours: PlanSide<V>, theirs: PlanSide<V>, ourIds: Map<string, V>, theirsAsFiled: PlanSide<V>): Decision {
  if (!theirs.plan) return { outcome: 'unchanged' };
  if (!ours.plan) return { outcome: 'added' };
  if (samePlanContent(ours.plan, theirs.plan)) return { outcome: 'unchanged' };
  // The common ancestor: the other device's newest row this device has too.
  const ancestor = [...theirs.versions].reverse().find((v) => ourIds.has(versionIdentity(v)));
  // A side whose current content is an autosave the other side's same sitting later replaced made no change of its own.
  const oursChanged = !ancestor || (!samePlanContent(ours.plan, ancestor.plan) && !isEarlierStateOf(ours, theirs.versions));
  const theirsChanged = !ancestor || (!samePlanContent(theirs.plan, ancestor.plan) && !isEarlierStateOf(theirsAsFiled, ours.versions));
  if (theirsChanged && !oursChanged) return { outcome: 'taken' };
  if (theirsChanged && oursChanged) return { outcome: 'both', ours: ours.plan, theirs: theirs.plan, ancestor };
  return { outcome: 'kept' };
}

/** What `combine` decided: the outcome, the plan to store, whether it is a new version, and the fields. */
interface Combined {
  outcome: PlanMergeOutcome;
  plan: Plan;
  newVersion: boolean;
  fields: { taken: FieldPath[]; conflicts: FieldPath[] };
}

/**
 * Both devices changed the plan: the three-way merge from `ancestor` (every differing field
 * conflicts without one). The merged content is a new version after the newer of both, unless it
 * is this device's plan (then only the marker is added) or, with no conflict, the other's plan.
 */
function combine(ours: Plan, theirs: Plan, ancestor: HistoryRow | undefined, options: PlanMergeOptions): Combined {
  const { merged, conflicts } = ancestor ? mergePlans(ancestor.plan, ours, theirs) : { merged: ours, conflicts: changedPaths(ours, theirs).map((path) => ({ path })) };
  const paths = conflicts.map((c) => c.path);
  const taken = ancestor ? changedPaths(ancestor.plan, theirs).filter((p) => !paths.includes(p) && !sameValue(valueAt(ours, p), valueAt(theirs, p))) : [];
  const fields = { taken, conflicts: paths };
  if (paths.length === 0 && samePlanContent(merged, theirs)) return { outcome: 'taken', plan: theirs, newVersion: false, fields };
  if (paths.length === 0 && samePlanContent(merged, ours)) return { outcome: 'kept', plan: ours, newVersion: false, fields };
  const newVersion = !samePlanContent(merged, ours);
  let plan: Plan = newVersion ? { ...merged, version: Math.max(ours.version, theirs.version) + 1, updatedAt: options.mergedAt } : ours;
  // Content nobody confirmed as a whole is not 本人確認済.
  if (newVersion && plan.status === 'confirmed' && planContentChanged(plan, ours) && planContentChanged(plan, theirs)) plan = { ...plan, status: 'in_progress', confirmedOn: null };
  const { mergeReview: _theirMarker, ...rest } = plan;
  if (paths.length === 0) return { outcome: 'merged', plan: ours.mergeReview ? { ...rest, mergeReview: ours.mergeReview } : rest, newVersion, fields };
  const mergeReview: PlanMergeReview = {
    theirVersion: theirs.version,
    theirSavedAt: theirs.updatedAt,
    ...(ancestor ? { baseVersion: ancestor.version, baseSavedAt: ancestor.savedAt } : {}),
    paths,
    taken,
    from: options.from,
    mergedAt: options.mergedAt,
  };
  return { outcome: 'conflict', plan: { ...rest, mergeReview }, newVersion, fields };
}

/** Whether `row` is an autosave that a later autosave of the same sitting among `others` replaced. */
function replacedBy(row: HistoryRow, others: readonly HistoryRow[]): boolean {
  return row.kind === 'autosave' && !!row.session && others.some((o) => o.kind === 'autosave' && o.session === row.session && o.savedAt > row.savedAt);
}

/** Whether a side's current plan is its last autosave row and that row was replaced among `others`. */
function isEarlierStateOf<V extends HistoryRow>(side: PlanSide<V>, others: readonly HistoryRow[]): boolean {
  const last = side.versions[side.versions.length - 1];
  return !!last && !!side.plan && samePlanContent(side.plan, last.plan) && replacedBy(last, others);
}

/** The union of both histories in the order of the module comment, numbered from `firstSeq`. */
function rekey<V extends HistoryRow>(ours: V[], theirs: V[], theirIds: Map<string, V>, keptSide: 'ours' | 'theirs', options: PlanMergeOptions): V[] {
  const { firstSeq } = options;
  const both = ours.filter((v) => theirIds.has(versionIdentity(v)));
  const onlyOurs = ours.filter((v) => !theirIds.has(versionIdentity(v)));
  const ourIds = new Set(ours.map(versionIdentity));
  const onlyTheirs = theirs.filter((v) => !ourIds.has(versionIdentity(v)));
  const order = keptSide === 'ours' ? [...both, ...onlyTheirs, ...onlyOurs] : [...both, ...onlyOurs, ...onlyTheirs];
  // Each side's seq → the row's new seq (a row both have gets one seq, reached from either side).
  const newSeqOf = new Map(order.map((v, i) => [versionIdentity(v), firstSeq + i]));
  const ourSeq = new Map(ours.map((v) => [v.seq, newSeqOf.get(versionIdentity(v))!]));
  const theirSeq = new Map(theirs.map((v) => [v.seq, newSeqOf.get(versionIdentity(v))!]));
  return order.map((v, i) => {
    const fromOurs = ourIds.has(versionIdentity(v));
    const restored = v.restoredFromSeq === null ? null : ((fromOurs ? ourSeq : theirSeq).get(v.restoredFromSeq) ?? null);
    return fromOurs ? { ...v, seq: firstSeq + i, restoredFromSeq: restored } : { ...v, seq: firstSeq + i, restoredFromSeq: restored, from: v.from ?? options.from };
  });
}
