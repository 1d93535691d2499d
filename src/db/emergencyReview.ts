import { coversDistrict, revealsPerson, type Emergency } from '../core/emergency';
import { planFailureNote, type FailureNames, type FailureWording } from '../core/emergencySummary';
import { japanDateOf } from '../core/japanDate';
import type { Person } from '../core/person';
import type { Plan, PlanRosterReason } from '../core/plan';
import { isPersonShown } from '../core/rosterArchive';
import type { SafetyRecord } from '../core/safetyRecord';
import { errorMessage } from '../core/thrown';
import type { Disclosure } from './disclosures';
import { readAllPaged } from './paged';
import { savePlan } from './plans';
import type { HinanDatabase } from './schema';

/**
 * After a 災害時モード event: whom it covered, their plans and its 安否 records (for
 * core/emergencySummary.ts), and 「計画を要見直しにする」 — each failed 個別避難計画 becomes 要見直し with
 * the reasons, saved as a new version through the plan's normal save (db/plans.ts `savePlan`).
 */

/** One person the event covered, as the after-event screen may show them. */
export interface EventTarget {
  id: string;
  districtId: string | null;
  /**
   * The person when the consent gate shows them now (consent given), else null: once the event is
   * over, people it revealed are counted, never named.
   */
  person: Person | null;
  /** Shown only because of the event (no consent): 「災害時提供」. */
  revealed: boolean;
}

/**
 * How the mode was switched on for the event on this device, from this device's first
 * 'emergency-on' entry in the 提供記録 for it: 'started' when it was made at the event's start
 * instant (the event was begun here), 'joined' otherwise (begun on another device).
 */
export interface SwitchedOnHere {
  how: 'started' | 'joined';
  /** 作業者名 on that entry. */
  by: string;
  at: string;
}

export interface EventReviewInput {
  /** People on the current 名簿 in the event's districts whom the event showed (consented, and the ones it revealed), in id order. */
  targets: EventTarget[];
  /** Stored plans of the consented targets, by person id. */
  plans: Map<string, Plan>;
  /** Every 安否 record of the event (flagged ones too; the summary leaves those out). */
  records: SafetyRecord[];
  /** Null when this device's 提供記録 has no entry for it (e.g. a store restored from another device's backup without it). */
  switchedOn: SwitchedOnHere | null;
}

/** `SwitchedOnHere` for `event` from this device's own 'emergency-on' entries (a merge's entries are another device's). Read-only. */
export async function switchedOnHere(db: HinanDatabase, event: Pick<Emergency, 'id' | 'startedAt'>): Promise<SwitchedOnHere | null> {
  const mine = await db.disclosures
    .where('kind')
    .equals('emergency-on')
    .filter((d) => d.emergencyId === event.id && d.mergedFrom === undefined)
    .toArray();
  const first = mine.reduce<Disclosure | null>((a, d) => (a === null || d.at < a.at ? d : a), null);
  if (!first) return null;
  const { at, operator } = first;
  // Starting writes the entry at the event's start instant exactly; a join is later (or, with another device's clock, earlier).
  return { how: Date.parse(at) === Date.parse(event.startedAt) ? 'started' : 'joined', by: operator, at };
}

/** What the after-event screen needs of the store for `event`. Read-only: usable in `liveQuery`. */
export async function eventReviewInput(db: HinanDatabase, event: Pick<Emergency, 'id' | 'districtIds' | 'includeRefused' | 'startedAt'>): Promise<EventReviewInput> {
  const targets: EventTarget[] = [];
  const keep = (page: Person[]) => {
    for (const p of page) {
      if (!coversDistrict(event, p.districtId)) continue;
      const shown = isPersonShown(p);
      const revealed = revealsPerson(event, p);
      if (shown || revealed) targets.push({ id: p.id, districtId: p.districtId, person: shown ? p : null, revealed });
    }
  };
  if (event.districtIds.length === 0) await readAllPaged(db.people, keep);
  else for (const id of event.districtIds) keep(await db.people.where('districtId').equals(id).toArray());
  targets.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const consented = targets.filter((t) => t.person !== null).map((t) => t.id);
  const plans = new Map((await db.plans.where('personId').anyOf(consented).toArray()).map((p) => [p.personId, p]));
  const records = await db.safetyRecords.where('eventId').equals(event.id).toArray();
  return { targets, plans, records, switchedOn: await switchedOnHere(db, event) };
}

/** A failure to mark: the reasons, and the shelters and supporters involved when known (`emergencySummary` gives them). */
export interface FailureToMark extends FailureWording {
  personId: string;
}

/** The reason a failed plan is given: one per event (field 'emergency', the event code as its source), naming shelters and supporters. */
export function planFailureReason(event: Pick<Emergency, 'id' | 'name' | 'startedAt' | 'endedAt'>, failure: FailureToMark, names: FailureNames, now: Date): PlanRosterReason {
  return { on: japanDateOf(event.endedAt ?? now.toISOString()), updateId: `emergency:${event.id}`, field: 'emergency', text: planFailureNote(event.name, failure, names), weight: 5 };
}

/** Names of the shelters and supporters `failures` involve, read from the store (the plan's own history is consent-gated already). */
async function failureNames(db: HinanDatabase, failures: readonly FailureToMark[]): Promise<FailureNames> {
  const shelterIds = [...new Set(failures.flatMap((f) => [...(f.closedShelterIds ?? []), ...(f.fullShelterIds ?? [])]))];
  const supporterIds = [...new Set(failures.flatMap((f) => f.absentSupporterIds ?? []))];
  const shelters = new Map((await db.shelters.bulkGet(shelterIds)).flatMap((s) => (s ? [[s.id, s.name] as const] : [])));
  const supporters = new Map((await db.supporters.bulkGet(supporterIds)).flatMap((s) => (s ? [[s.id, s.name] as const] : [])));
  return { shelter: (id) => shelters.get(id) || null, supporter: (id) => supporters.get(id) || null };
}

export interface ReviewResult {
  /** Plans set to 要見直し now. */
  marked: string[];
  /** Plans that already carry this event's reason (pressed before): left as they are. */
  already: string[];
  /** People in `failures` without a stored plan (nothing to mark). */
  noPlan: string[];
  /** Plans that could not be saved, with the message (e.g. edited in another tab meanwhile). */
  failed: { personId: string; message: string }[];
}

/**
 * 「計画を要見直しにする」: gives each stored plan of `failures` the status 要見直し and the event's
 * reason (`Plan.rosterReview`, shown at the top of the editor until the plan is confirmed again),
 * each saved as a new version of the plan (its history keeps why). Pressing it again changes
 * nothing: a plan that has this event's reason is left alone. A plan edited meanwhile elsewhere is
 * read again and saved once more; what still fails is listed, the rest is saved.
 */
export async function markFailedPlansForReview(
  db: HinanDatabase,
  event: Pick<Emergency, 'id' | 'name' | 'startedAt' | 'endedAt'>,
  failures: readonly FailureToMark[],
  now: Date = new Date(),
): Promise<ReviewResult> {
  const result: ReviewResult = { marked: [], already: [], noPlan: [], failed: [] };
  const names = await failureNames(db, failures);
  for (const f of failures) {
    if (f.reasons.length === 0) continue;
    const reason = planFailureReason(event, f, names, now);
    const save = async (): Promise<'marked' | 'already' | 'noPlan'> => {
      const plan = await db.plans.where('personId').equals(f.personId).first();
      if (!plan) return 'noPlan';
      if ((plan.rosterReview ?? []).some((r) => r.updateId === reason.updateId && r.field === reason.field)) return 'already';
      await savePlan(db, { ...plan, status: 'needs_review', rosterReview: [...(plan.rosterReview ?? []), reason] }, { now: () => now });
      return 'marked';
    };
    try {
      // A save refused because the plan changed since it was read (another tab) is tried once more on the new version.
      const outcome = await save().catch(() => save());
      result[outcome].push(f.personId);
    } catch (err) {
      result.failed.push({ personId: f.personId, message: errorMessage(err) });
    }
  }
  return result;
}
