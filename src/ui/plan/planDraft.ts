import { plainCopy } from '../../db/plainValue';
import { distanceMetres, type LngLat } from '../../core/geo';
import { HAZARD_TYPES, isHazardType, type HazardType } from '../../core/hazard';
import { personPoint } from '../../core/nearestShelter';
import type { Person } from '../../core/person';
import { PLAN_STATUS_LABELS, type Plan, type PlanSupporter } from '../../core/plan';
import { completenessLabel, planCompleteness, resolvePlanSupporter } from '../../core/planCompleteness';
import type { Shelter } from '../../core/shelter';
import type { Supporter } from '../../core/supporter';
import type { FieldError } from '../../core/validation';

/** Walking radius for suggested supporters, metres (the engine worker's `SUPPORTER_RADIUS_M`, workers/planQueries.ts). */
export const SUPPORTER_RADIUS_M = 500;

const blank = (s: string | null | undefined) => !s || s.trim() === '';

function emptySupporter(s: PlanSupporter | null): boolean {
  return !s || (s.supporterId === null && blank(s.name) && blank(s.phone) && blank(s.address));
}

/**
 * The plan as it is written to the store: rows the user added but left empty are dropped, so
 * a half-filled form never blocks saving the rest. Returns a plain copy.
 */
export function planForSave(draft: Plan): Plan {
  const p = plainCopy(draft);
  // 代筆 belongs to a written 同意書: chosen another 取得方法 after ticking it, it goes.
  if (p.consent.proxy && p.consent.method !== 'signature') delete p.consent.proxy;
  if (emptySupporter(p.primarySupporter)) p.primarySupporter = null;
  p.backupSupporters = p.backupSupporters.filter((s) => !emptySupporter(s));
  p.emergencyContacts = p.emergencyContacts.filter((c) => !(blank(c.name) && blank(c.relation) && blank(c.phone)));
  const a = p.alternativeDestination;
  if (a && blank(a.name) && blank(a.address) && blank(a.phone)) p.alternativeDestination = null;
  for (const h of Object.keys(p.destinations).filter(isHazardType)) {
    const d = p.destinations[h];
    if (d && blank(d.shelterId) && blank(d.routeNote) && !d.routeLine) delete p.destinations[h];
  }
  return p;
}

/** A supporter as a choice for one person: with great-circle distance in metres (null when either is not placed). */
export interface SupporterOption {
  supporter: Supporter;
  distanceM: number | null;
}

/** Supporters sorted by distance from the person's home (unplaced last, then by name). */
export function supporterOptions(person: Person, supporters: readonly Supporter[]): SupporterOption[] {
  const home = personPoint(person);
  return supporters
    .map((s) => ({ supporter: s, distanceM: home && s.location ? distanceMetres(home, [s.location.lng, s.location.lat]) : null }))
    .sort(
      (a, b) =>
        (a.supporter.districtId === person.districtId ? 0 : 1) - (b.supporter.districtId === person.districtId ? 0 : 1) ||
        (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) ||
        a.supporter.name.localeCompare(b.supporter.name, 'ja'),
    );
}

/** A shelter as a choice for one hazard: with its distance from home in metres. */
export interface ShelterOption {
  shelter: Shelter;
  distanceM: number | null;
}

/** Open shelters designated for `hazard`, nearest first (at most `limit`), plus `keepId` if chosen. */
export function shelterOptions(person: Person, shelters: readonly Shelter[], hazard: HazardType, keepId: string, limit = 25): ShelterOption[] {
  const home = personPoint(person);
  const dist = (s: Shelter) => (home ? distanceMetres(home, s.location) : null);
  const suitable = shelters
    .filter((s) => !s.closed && s.hazards.includes(hazard))
    .map((s) => ({ shelter: s, distanceM: dist(s) }))
    .sort((a, b) => (a.distanceM ?? Infinity) - (b.distanceM ?? Infinity) || a.shelter.name.localeCompare(b.shelter.name, 'ja'))
    .slice(0, limit);
  if (keepId && !suitable.some((o) => o.shelter.id === keepId)) {
    const kept = shelters.find((s) => s.id === keepId);
    if (kept) suitable.unshift({ shelter: kept, distanceM: dist(kept) });
  }
  return suitable;
}

/** Hazards that at least one open shelter is designated for, in the GSI order. */
export function hazardsWithShelters(shelters: readonly Shelter[]): HazardType[] {
  const present = new Set(shelters.filter((s) => !s.closed).flatMap((s) => s.hazards));
  return HAZARD_TYPES.filter((h) => present.has(h));
}

/** 「320 m」「1.2 km」 or 「距離不明」. */
export function distanceLabel(m: number | null): string {
  if (m === null || !Number.isFinite(m)) return '距離不明';
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${(m / 1000).toFixed(1)} km`;
}

/** 「2026年4月1日 14:05」 and 「14:05」 in Japan time (Asia/Tokyo) from an ISO timestamp. */
export { japanDateTimeLabel as dateTimeLabel, japanTimeLabel as timeLabel } from '../../core/japanDate';

/** 「2027年4月1日」 from `YYYY-MM-DD`, or 「未設定」. */
export function dateLabel(date: string | null): string {
  if (!date) return '未設定';
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** One line describing a saved version, for the history list. */
export function versionSummary(plan: Plan, person: Person, supporters: readonly Supporter[] | ReadonlyMap<string, Supporter>): string {
  const byId = 'get' in supporters ? supporters : new Map(supporters.map((s) => [s.id, s]));
  const primary = plan.primarySupporter ? resolvePlanSupporter(plan.primarySupporter, byId).name : '';
  const destinations = Object.values(plan.destinations).filter((d) => d && d.shelterId).length;
  return [
    PLAN_STATUS_LABELS[plan.status],
    `支援者: ${primary || '未定'}${plan.backupSupporters.length ? `＋予備${plan.backupSupporters.length}人` : ''}`,
    `避難先: ${destinations}件`,
    completenessLabel(planCompleteness(person, plan, byId)),
  ].join(' ／ ');
}

/**
 * Where the editor's autosave stands; `invalid` carries the fields that block saving; `conflict`:
 * another screen saved a field this screen also changed, and nothing is saved until the user chooses.
 */
export type SaveState = { kind: 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict'; message?: string } | { kind: 'invalid'; errors: FieldError[] };

/** Whether a validation error names `prefix` or a field under it (`dwelling` matches `dwelling.floor`). */
export function hasFieldError(errorFields: ReadonlySet<string>, prefix: string): boolean {
  return [...errorFields].some((f) => f === prefix || f.startsWith(`${prefix}.`));
}

/** Adds `value` to `list` when `on`, removes it otherwise (in place, no duplicates). */
export function toggle<T>(list: T[], value: T, on: boolean): void {
  const i = list.indexOf(value);
  if (on && i < 0) list.push(value);
  if (!on && i >= 0) list.splice(i, 1);
}

/** A number input's value: null when empty, NaN when not a number (so validation can name it). */
export function numberOrNull(v: string): number | null {
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}
