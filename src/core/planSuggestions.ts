import { isHazardType, type HazardType } from './hazard';
import type { ChosenBy, Plan, PlanDestination, PlanSupporter } from './plan';

/** What the engine (issue #4) suggests for one person. */
export interface PlanSuggestions {
  /** Matched supporter IDs, best first (the first becomes primary, the rest backups). */
  supporterIds?: readonly string[];
  /** Nearest suitable shelter ID per hazard type. */
  shelterByHazard?: Partial<Record<HazardType, string>>;
}

const suggested = (supporterId: string): PlanSupporter => ({ supporterId, name: '', phone: '', address: '', chosenBy: 'suggestion' });

/**
 * The plan with engine suggestions filled in where the user has not chosen: supporter entries
 * and destinations marked `chosenBy: 'user'` are never replaced; earlier suggestions are
 * refreshed (e.g. after a shelter was closed). A drawn route stays only while the shelter is the same.
 */
export function applySuggestions(plan: Plan, s: PlanSuggestions): Plan {
  let primarySupporter = plan.primarySupporter;
  let backupSupporters = plan.backupSupporters;
  if (s.supporterIds) {
    const userChosen = [plan.primarySupporter, ...plan.backupSupporters].filter((e): e is PlanSupporter => !!e && e.chosenBy === 'user');
    const taken = new Set(userChosen.map((e) => e.supporterId));
    const fresh = s.supporterIds.filter((id) => !taken.has(id)).map(suggested);
    if (plan.primarySupporter?.chosenBy === 'user') {
      primarySupporter = plan.primarySupporter;
      backupSupporters = [...plan.backupSupporters.filter((e) => e.chosenBy === 'user'), ...fresh];
    } else {
      primarySupporter = fresh.shift() ?? null;
      backupSupporters = [...plan.backupSupporters.filter((e) => e.chosenBy === 'user'), ...fresh];
    }
  }
  const destinations: Partial<Record<HazardType, PlanDestination>> = { ...plan.destinations };
  for (const [hazard, shelterId] of Object.entries(s.shelterByHazard ?? {})) {
    if (!isHazardType(hazard)) continue;
    const current = destinations[hazard];
    if (!shelterId || current?.chosenBy === 'user') continue;
    const same = current?.shelterId === shelterId;
    destinations[hazard] = { shelterId, chosenBy: 'suggestion', routeNote: current?.routeNote ?? '', routeLine: same ? (current?.routeLine ?? null) : null };
  }
  return { ...plan, primarySupporter, backupSupporters, destinations };
}

/**
 * The plan with every suggestion accepted as the user's choice (「提案を採用」): the same
 * supporters and destinations, now counted as filled and never replaced by a later suggestion.
 */
export function acceptSuggestions(plan: Plan): Plan {
  const accept = <T extends { chosenBy: ChosenBy }>(e: T): T => (e.chosenBy === 'suggestion' ? { ...e, chosenBy: 'user' } : e);
  const destinations: Partial<Record<HazardType, PlanDestination>> = Object.fromEntries(
    Object.entries(plan.destinations).flatMap(([h, d]) => (d ? [[h, d.shelterId ? accept(d) : d]] : [])),
  );
  return { ...plan, primarySupporter: plan.primarySupporter && accept(plan.primarySupporter), backupSupporters: plan.backupSupporters.map(accept), destinations };
}

/** True when the plan still holds a suggestion not yet accepted. */
export function hasSuggestions(plan: Plan): boolean {
  return [plan.primarySupporter, ...plan.backupSupporters].some((e) => e?.chosenBy === 'suggestion') || Object.values(plan.destinations).some((d) => d?.chosenBy === 'suggestion' && !!d.shelterId);
}
