/**
 * What to show for a person: the plan's own supporters and destinations first, the engine's
 * suggestions only where the plan has none (marked 「（提案）」). The one precedence rule used by the
 * 地区カルテ counts (支援者空白, overloaded supporters), the district map and the 関係者向け名簿.
 * Pure.
 */
import { isShareableWith, type ConsentRecipient } from './consent';
import { HAZARD_TYPES, type HazardType } from './hazard';
import type { Plan, PlanSupporter } from './plan';
import { resolvePlanSupporter } from './planCompleteness';
import type { Supporter } from './supporter';

/** Where a shown value comes from: the person's plan, or the engine's suggestion. */
export type PlanValueSource = 'plan' | 'suggestion';

/** The engine's suggestion for one person (see `suggestionFromAnalysis`). */
export interface PlanSuggestion {
  /** Nearest suitable shelter for the analysis scenario's hazard, or null/absent. */
  destination?: { hazard: HazardType; shelterId: string } | null;
  /** Matched supporters, nearest first. */
  supporters: readonly { supporterId: string }[];
}

/** The suggestion in one person's analysis (`PersonAnalysis`), whose scenario hazard is `hazard`. */
export function suggestionFromAnalysis(a: { destination: { shelterId: string } | null; supporters: readonly { supporterId: string }[] }, hazard: HazardType): PlanSuggestion {
  return { destination: a.destination && { hazard, shelterId: a.destination.shelterId }, supporters: a.supporters };
}

export interface EffectiveSupporter {
  /** Linked supporter record, or null for someone written in the plan by name only. */
  supporterId: string | null;
  /** Name as the plan writes it (free text over the linked record), or the record's name. */
  name: string;
  phone: string;
  source: PlanValueSource;
}

export interface EffectiveDestination {
  shelterId: string;
  source: PlanValueSource;
  /** The plan's drawn 避難経路 `[lng, lat][]` (starts at home), when it has one. */
  routeLine: [number, number][] | null;
}

export interface EffectivePlan {
  /** Primary then backups from the plan; else the suggested supporters. Empty = 支援者空白. */
  supporters: EffectiveSupporter[];
  /** Per hazard: the plan's shelter, else the suggestion (for the suggestion's hazard only). */
  destinations: Partial<Record<HazardType, EffectiveDestination>>;
}

export interface EffectivePlanOptions {
  /** Supporters in the app, to read names and phones of linked entries and suggestions. */
  supporters: ReadonlyMap<string, Supporter>;
  /**
   * When set, the plan counts only if its own consent names this recipient (関係者向け名簿):
   * otherwise the plan's contents are not shared and the suggestions stand in, marked 「（提案）」.
   */
  sharedWith?: ConsentRecipient;
}

/**
 * A plan's supporter entry the plan really holds: accepted (a pre-filled suggestion the user has
 * not accepted is not the plan's — `chosenBy`, as in planCompleteness) and naming someone — a
 * written name, or a link to a supporter still in the app (a deleted supporter names no one).
 */
export function plannedSupporter(s: PlanSupporter | null | undefined, supporters: ReadonlyMap<string, Supporter>): boolean {
  if (!s || s.chosenBy === 'suggestion') return false;
  return s.name.trim() !== '' || (s.supporterId !== null && supporters.has(s.supporterId));
}

/** The supporters and destinations to use for one person; see the module comment. */
export function effectivePlan(plan: Plan | null | undefined, suggestion: PlanSuggestion | null | undefined, options: EffectivePlanOptions): EffectivePlan {
  const usable = plan && (options.sharedWith === undefined || isShareableWith(plan.consent, options.sharedWith)) ? plan : null;

  const planned = usable ? [usable.primarySupporter, ...usable.backupSupporters].flatMap((s) => (s && plannedSupporter(s, options.supporters) ? [s] : [])) : [];
  const supporters: EffectiveSupporter[] = planned.length
    ? planned.map((s) => {
        const r = resolvePlanSupporter(s, options.supporters);
        return { supporterId: s.supporterId, name: r.name || s.supporterId || '', phone: r.phone, source: 'plan' };
      })
    : (suggestion?.supporters ?? []).map(({ supporterId }) => {
        const s = options.supporters.get(supporterId);
        return { supporterId, name: s?.name ?? supporterId, phone: s?.phone ?? '', source: 'suggestion' };
      });

  const destinations: EffectivePlan['destinations'] = {};
  for (const h of HAZARD_TYPES) {
    const d = usable?.destinations[h];
    if (d && d.chosenBy !== 'suggestion' && d.shelterId.trim() !== '') destinations[h] = { shelterId: d.shelterId, source: 'plan', routeLine: d.routeLine };
    else if (suggestion?.destination?.hazard === h) destinations[h] = { shelterId: suggestion.destination.shelterId, source: 'suggestion', routeLine: null };
  }
  return { supporters, destinations };
}

/** `text` as shown: a suggestion gets 「（提案）」 after it. */
export function withSource(text: string, source: PlanValueSource): string {
  return source === 'suggestion' ? `${text}（提案）` : text;
}
