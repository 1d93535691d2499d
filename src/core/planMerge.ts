import type { Plan } from './plan';

/**
 * Three-way merge of 個別避難計画 edits, field by field (issue 8, item 6): what this screen typed
 * (`mine`), what another screen saved meanwhile (`theirs`), both starting from the version this
 * screen loaded (`base`). The unit of merging is a *field path* such as `supporterNotes`,
 * `dwelling.bedroom` or `destinations.flood`: nested objects are descended, except the units
 * below, which only make sense whole (a supporter's name with another supporter's phone, or a
 * consent status with another consent's date, would be a plan nobody wrote). Arrays are units.
 */

/** A dotted path into a plan (`medical.careNotes`, `destinations.flood`). */
export type FieldPath = string;

/** Fields the store (or a merge's 「統合で要確認」 marker) sets; never merged (the stored plan's values are kept). */
const STORE_FIELDS = new Set(['id', 'personId', 'version', 'createdAt', 'updatedAt', 'mergeReview']);

/** Objects merged whole, not field by field. */
function isUnit(path: FieldPath): boolean {
  return path === 'primarySupporter' || path === 'alternativeDestination' || path === 'consent' || /^destinations\.[^.]+$/.test(path);
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of JSON-shaped values; `undefined` (an absent key) equals only `undefined`. */
export function sameValue(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The field paths (merge units) present in any of the plans, in a stable order. */
function unitPaths(plans: Json[], prefix = ''): FieldPath[] {
  const keys = new Set<string>();
  for (const p of plans) if (isObject(p)) for (const k of Object.keys(p)) keys.add(k);
  const paths: FieldPath[] = [];
  for (const k of keys) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (!prefix && STORE_FIELDS.has(k)) continue;
    const values = plans.map((p) => (isObject(p) ? p[k] : undefined));
    if (!isUnit(path) && values.every((v) => isObject(v))) paths.push(...unitPaths(values, path));
    else paths.push(path);
  }
  return paths;
}

/** The value at `path` (undefined when a step is missing). */
export function valueAt(plan: Json, path: FieldPath): Json {
  let v: Json = plan;
  for (const k of path.split('.')) v = isObject(v) ? v[k] : undefined;
  return v;
}

/** Sets (or, for `undefined`, deletes) the value at `path` in place, creating objects on the way. */
export function setValueAt(plan: Json, path: FieldPath, value: Json): void {
  const keys = path.split('.');
  if (!isObject(plan)) return;
  let o = plan;
  for (const k of keys.slice(0, -1)) {
    const next = o[k];
    if (isObject(next)) o = next;
    else {
      const created: Record<string, Json> = {};
      o[k] = created;
      o = created;
    }
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = structuredClone(value);
}

/** A field both screens changed, to different values: the user chooses. */
export interface FieldConflict {
  path: FieldPath;
  base: Json;
  mine: Json;
  theirs: Json;
}

export interface PlanMerge {
  /**
   * `theirs` with every field only this screen changed taken from `mine`; a conflicting field
   * holds `mine` (what is on this screen) until the user chooses. The store fields
   * (version, timestamps) are `theirs`.
   */
  merged: Plan;
  conflicts: FieldConflict[];
}

/** Three-way merge of `mine` and `theirs` from their common `base`, per field path. */
export function mergePlans(base: Plan, mine: Plan, theirs: Plan): PlanMerge {
  const merged = structuredClone(theirs);
  const conflicts: FieldConflict[] = [];
  for (const path of unitPaths([base, mine, theirs])) {
    const b = valueAt(base, path);
    const m = valueAt(mine, path);
    const t = valueAt(theirs, path);
    if (sameValue(m, t) || sameValue(m, b)) continue; // theirs already holds it
    setValueAt(merged, path, m);
    if (!sameValue(t, b)) conflicts.push({ path, base: b, mine: m, theirs: t });
  }
  return { merged, conflicts };
}

/** The field paths whose values differ between two plans (the fields the store sets left out). */
export function changedPaths(a: Plan, b: Plan): FieldPath[] {
  return unitPaths([a, b]).filter((path) => !sameValue(valueAt(a, path), valueAt(b, path)));
}

/** Whether two plans have the same content, ignoring the fields the store sets. */
export function samePlanContent(a: Plan, b: Plan): boolean {
  return unitPaths([a, b]).every((path) => sameValue(valueAt(a, path), valueAt(b, path)));
}
