/**
 * Test instances for Plan B re-planning: people with a 名簿-like mix of needs around a set of
 * shelters, supporters, plans for some of them (their own destinations, 代替の避難先, linked and
 * written-by-name supporters), the engine's analysis and a disruption. Seeded, so reproducible.
 */
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings, type EvacuationAnalysis } from '../../../src/core/evacuationAnalysis';
import type { Household, MedicalNeed, Mobility, Person } from '../../../src/core/person';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import type { Disruption, ReplanInput } from '../../../src/core/replan';
import type { AcceptGroup, Shelter } from '../../../src/core/shelter';
import type { Supporter } from '../../../src/core/supporter';
import { makePerson, makeShelter, makeSupporter } from '../engine/fixtures';
import { randInt, seededRandom } from '../engine/random';

export const ON_DATE = '2026-11-23';

/** Flood scenario; 20 places assumed per 福祉避難所 of unknown capacity. */
export const SETTINGS: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, assumedWelfareCapacity: 20, onDate: ON_DATE };

type Box = readonly [number, number, number, number];
const at = (rand: () => number, [w, s, e, n]: Box): [number, number] => [w + rand() * (e - w), s + rand() * (n - s)];

/** `count` people in `box`: most walk, some use a wheelchair or are bedridden, some need medical care; ages mixed. */
export function peopleIn(seed: number, box: Box, count: number): Person[] {
  const rand = seededRandom(seed);
  const mobilities: Mobility[] = ['independent', 'independent', 'independent', 'independent', 'cane_walker', 'cane_walker', 'cane_walker', 'wheelchair', 'bedridden'];
  const households: Household[] = ['alone', 'elderly_only', 'with_family', 'daytime_alone'];
  const medical: MedicalNeed[] = ['home_oxygen', 'dialysis', 'insulin'];
  return Array.from({ length: count }, (_, i) =>
    makePerson(`p${i}`, rand() < 0.02 ? null : at(rand, box), {
      birthDate: rand() < 0.8 ? `19${30 + randInt(rand, 30)}-04-01` : '2021-04-01',
      mobility: mobilities[randInt(rand, mobilities.length)],
      household: households[randInt(rand, households.length)],
      medical: rand() < 0.15 ? [medical[randInt(rand, medical.length)]] : [],
    }),
  );
}

/** `count` shelters in `box`: 指定緊急避難場所 for flood and/or earthquake, and some 福祉避難所 with a capacity or none. */
export function sheltersIn(seed: number, box: Box, count: number): Shelter[] {
  const rand = seededRandom(seed);
  const accepts: AcceptGroup[][] = [['elderly'], ['disabled'], ['medical_care', 'elderly'], ['care_needed'], []];
  return Array.from({ length: count }, (_, j) => {
    const welfare = rand() < 0.25;
    return makeShelter(`s${j}`, at(rand, box), welfare
      ? { kinds: ['welfare_shelter'], hazards: [], accepts: accepts[randInt(rand, accepts.length)], capacity: rand() < 0.5 ? null : 5 + randInt(rand, 40) }
      : { hazards: rand() < 0.7 ? ['flood', 'earthquake'] : ['earthquake'], closed: rand() < 0.03 });
  });
}

/** `count` supporters in `box`, capacities 1–3, mostly available day and night. */
export function supportersIn(seed: number, box: Box, count: number): Supporter[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, k) => makeSupporter(`t${k}`, at(rand, box), 1 + randInt(rand, 3), rand() < 0.8 ? 'day_and_night' : rand() < 0.5 ? 'day' : 'night'));
}

/**
 * Plans for about a fifth of the people: an accepted destination for flood (sometimes a
 * pre-filled suggestion, which does not count), sometimes a 代替の避難先, supporters linked to the
 * app's supporters and sometimes one written by name only.
 */
export function plansFor(seed: number, people: readonly Person[], shelters: readonly Shelter[], supporters: readonly Supporter[]): Plan[] {
  const rand = seededRandom(seed);
  const plans: Plan[] = [];
  for (const p of people) {
    if (rand() > 0.2) continue;
    const plan = emptyPlan(p.id, ON_DATE);
    if (rand() < 0.6) plan.destinations.flood = { shelterId: shelters[randInt(rand, shelters.length)].id, chosenBy: rand() < 0.85 ? 'user' : 'suggestion', routeNote: '', routeLine: null };
    if (rand() < 0.3) plan.alternativeDestination = { kind: 'relatives', name: `長男宅${p.id}`, address: '会津若松市', phone: '0242-00-0000' };
    const linked = (s: Supporter) => ({ supporterId: s.id, name: '', phone: '', address: '', chosenBy: 'user' as const });
    if (rand() < 0.7) plan.primarySupporter = linked(supporters[randInt(rand, supporters.length)]);
    if (rand() < 0.4) plan.backupSupporters = [rand() < 0.5 ? linked(supporters[randInt(rand, supporters.length)]) : { supporterId: null, name: '近所の佐藤さん', phone: '', address: '', chosenBy: 'user' }];
    if (plan.primarySupporter && plan.backupSupporters[0]?.supporterId === plan.primarySupporter.supporterId) plan.backupSupporters = [];
    plans.push(plan);
  }
  return plans;
}

/** Closed, full and absent picked at random in the given shares, plus the destinations the plans name often enough to matter. */
export function disruptionOf(seed: number, shelters: readonly Shelter[], supporters: readonly Supporter[], share: { closed: number; full: number; absent: number }): Disruption {
  const rand = seededRandom(seed);
  const closedShelterIds: string[] = [], fullShelterIds: string[] = [];
  for (const s of shelters) {
    const r = rand();
    if (r < share.closed) closedShelterIds.push(s.id);
    else if (r < share.closed + share.full) fullShelterIds.push(s.id);
  }
  return { closedShelterIds, fullShelterIds, absentSupporterIds: supporters.filter(() => rand() < share.absent).map((s) => s.id) };
}

/** The engine's analysis of the instance (no zones, no roads: straight lines, as Plan B searches). */
export function analysed(people: readonly Person[], shelters: readonly Shelter[], supporters: readonly Supporter[], settings = SETTINGS): EvacuationAnalysis {
  return analyseEvacuation({ people, shelters, supporters, hazardZones: [], hazardCoverage: [], roads: [] }, settings);
}

/** A whole re-planning input. */
export function replanInput(people: Person[], shelters: Shelter[], supporters: Supporter[], plans: Plan[], disruption: Disruption, settings = SETTINGS): ReplanInput & { analysisRun: EvacuationAnalysis } {
  const analysisRun = analysed(people, shelters, supporters, settings);
  return { people, analysis: analysisRun.people, plans, shelters, supporters, settings, disruption, analysisRun };
}
