/**
 * `BENCH replan` (issue 14, Plan B): a city of 150,000 people, 3,000 sites + 100 福祉避難所 and
 * 30,000 supporters, 20,000 of the people with a plan; then 300 shelters do not open and 2,000
 * supporters cannot come. Ours = `replanAffected` (core/replan.ts): one pass to find the affected
 * people, kd-tree searches for them only. Baselines: a full engine run on the disrupted city
 * (`analyseEvacuation` with the closed shelters shut and the absent supporters left out — what
 * re-computing everything costs), and the brute-force reference `replanEveryone` (the same rule for
 * everyone, plain scans). Identical: the affected people's answers equal the reference's exactly,
 * and their new destinations equal the full run's wherever no plan decides (no planned destination,
 * no 代替の避難先). The base analysis (before the disruption) is what the engine worker already has.
 * Standalone: `npx tsx tests/bench/replanBench.ts`.
 */
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisInput, type AnalysisSettings } from '../../src/core/evacuationAnalysis';
import type { Mobility, Person } from '../../src/core/person';
import { emptyPlan, type Plan } from '../../src/core/plan';
import { replanAffected, replanEveryone, type Disruption, type ReplanInput } from '../../src/core/replan';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import { randInt, seededRandom } from '../unit/engine/random';
import * as city from './syntheticCity';

type Report = (name: string, ours: number, baseline: number, identical: boolean, note: string) => void;

const SUPPORTERS = 30_000;
const CLOSED = 300;
const ABSENT = 2_000;
const PLANS = 20_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** People with a 名簿-like mix: ≈ 12 % in a wheelchair or bedridden, 5 % with medical care, households mixed. */
function replanPeople(points: Float64Array, count: number): Person[] {
  const rand = seededRandom(41);
  const mobility = (r: number): Mobility => (r < 0.6 ? 'independent' : r < 0.88 ? 'cane_walker' : r < 0.96 ? 'wheelchair' : 'bedridden');
  return city.welfarePeople(40, points, count).map((p) => ({ ...p, mobility: mobility(rand()), medical: rand() < 0.05 ? ['home_oxygen'] : [], household: rand() < 0.5 ? 'alone' : 'with_family' }));
}

/** `PLANS` plans: half name a destination for flood, a third a 代替の避難先, most link one or two supporters. */
function replanPlans(people: readonly Person[], shelters: readonly Shelter[], supporters: readonly Supporter[]): Plan[] {
  const rand = seededRandom(43);
  const chosen = new Set<number>();
  while (chosen.size < PLANS) chosen.add(randInt(rand, people.length));
  const linked = (s: Supporter) => ({ supporterId: s.id, name: '', phone: '', address: '', chosenBy: 'user' as const });
  return [...chosen].map((i) => {
    const plan = emptyPlan(people[i].id, '2026-04-01');
    if (rand() < 0.5) plan.destinations.flood = { shelterId: shelters[randInt(rand, shelters.length)].id, chosenBy: 'user', routeNote: '', routeLine: null };
    if (rand() < 0.33) plan.alternativeDestination = { kind: 'relatives', name: '親戚宅', address: '', phone: '' };
    if (rand() < 0.8) plan.primarySupporter = linked(supporters[randInt(rand, supporters.length)]);
    return plan;
  });
}

/** The affected people's destinations against the full run's, where no plan decides; returns [equal, compared]. */
function sameDestinations(input: ReplanInput, full: ReturnType<typeof analyseEvacuation>, affected: ReturnType<typeof replanAffected>): [boolean, number] {
  const plans = new Map(input.plans.map((p) => [p.personId, p]));
  const position = new Map(input.people.map((p, i) => [p.id, i]));
  let compared = 0;
  for (const r of affected) {
    const plan = plans.get(r.personId);
    if (!r.destinationChanged || plan?.alternativeDestination || plan?.destinations.flood) continue;
    const theirs = full.people[position.get(r.personId)!].destination?.shelterId ?? null;
    if ((r.destination?.kind === 'shelter' ? r.destination.shelterId : null) !== theirs) return [false, compared];
    compared++;
  }
  return [true, compared];
}

export function benchReplan(peopleCount: number, runs: number, report: Report): void {
  const points = city.homes(1, peopleCount + SUPPORTERS);
  const people = replanPeople(points.subarray(0, 2 * peopleCount), peopleCount);
  const shelters = [...city.shelters(2, 3000), ...city.welfareShelters(6, 100)];
  const supporters = city.supportersAt(7, points.subarray(2 * peopleCount), SUPPORTERS);
  const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-04-01' };
  const cityInput: AnalysisInput = { people, shelters, supporters, hazardZones: [], hazardCoverage: [], roads: [] };
  const plans = replanPlans(people, shelters, supporters);

  const rand = seededRandom(47);
  const pick = <T>(list: readonly T[], n: number): T[] => {
    const at = new Set<number>();
    while (at.size < n) at.add(randInt(rand, list.length));
    return [...at].map((i) => list[i]);
  };
  const disruption: Disruption = {
    closedShelterIds: pick(shelters.filter((s) => !s.closed), CLOSED).map((s) => s.id),
    fullShelterIds: [],
    absentSupporterIds: pick(supporters, ABSENT).map((s) => s.id),
  };

  // What the engine worker already has: the analysis before the disruption.
  let t0 = performance.now();
  const before = analyseEvacuation(cityInput, settings);
  const baseMs = performance.now() - t0;
  const input: ReplanInput = { people, analysis: before.people, plans, shelters, supporters, settings, disruption };

  const ours: number[] = [], oursCpu: number[] = [];
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(since);
    return (c.user + c.system) / 1000;
  };
  let affected!: ReturnType<typeof replanAffected>;
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    affected = replanAffected(input);
    ours.push(performance.now() - t0);
    oursCpu.push(cpuMs(cpu0));
  }
  const oursMs = median(ours);

  // Baseline 1: a full engine run on the disrupted city (single run: it takes seconds).
  const closed = new Set(disruption.closedShelterIds), absent = new Set(disruption.absentSupporterIds);
  const fullCpu0 = process.cpuUsage();
  t0 = performance.now();
  const full = analyseEvacuation({ ...cityInput, shelters: shelters.map((s) => (closed.has(s.id) ? { ...s, closed: true } : s)), supporters: supporters.filter((s) => !absent.has(s.id)) }, settings);
  const fullMs = performance.now() - t0;
  const fullCpuMs = cpuMs(fullCpu0);

  // Baseline 2: the brute-force reference over everyone (single run).
  t0 = performance.now();
  const everyone = replanEveryone(input);
  const everyoneMs = performance.now() - t0;

  const sameAsReference = isDeepStrictEqual(affected, everyone.filter((r) => r.reasons.length > 0));
  const [sameAsFull, compared] = sameDestinations(input, full, affected);
  const count = (f: (r: (typeof affected)[number]) => boolean) => affected.filter(f).length.toLocaleString();
  const what =
    `${peopleCount.toLocaleString()} people (${PLANS.toLocaleString()} with a plan), 3,100 shelters (${CLOSED} closed), ${SUPPORTERS.toLocaleString()} supporters (${ABSENT.toLocaleString()} absent); ` +
    `affected ${affected.length.toLocaleString()} (destination ${count((r) => r.destinationChanged)}, 福祉避難所 ${count((r) => r.welfareChanged)}, supporters ${count((r) => r.supportersChanged)}, 支援者なし ${count((r) => r.noSupporter)})`;
  report('replan', oursMs, fullMs, sameAsReference && sameAsFull,
    `${what}; ours = replanAffected (median of ${runs}) vs a full analyseEvacuation on the disrupted city (no zones/roads, single run); ` +
    `identical: the reference's answers exactly and the full run's destination for ${compared.toLocaleString()} re-routed people without a planned one; ours < 2 s: ${oursMs < 2000 ? 'yes' : 'NO'}; ≥ 10×: ${fullMs / oursMs >= 10 ? 'yes' : 'NO'}; CPU ours ${median(oursCpu).toFixed(0)} ms vs full run ${fullCpuMs.toFixed(0)} ms (${(fullCpuMs / median(oursCpu)).toFixed(1)}×, all threads incl. GC); base analysis ${(baseMs / 1000).toFixed(1)} s`);
  report('replan_reference', oursMs, everyoneMs, sameAsReference, `same input; baseline = replanEveryone (the same rule for everyone, every search a plain scan), single run`);
  if (!sameAsReference || !sameAsFull) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchReplan(150_000, 3, (name, ours, baseline, identical, note) => {
    console.log(`BENCH ${name} ours_ms=${ours.toFixed(1)} baseline_ms=${baseline.toFixed(1)} ratio=${(baseline / ours).toFixed(1)} identical=${identical ? 'yes' : 'no'}`);
    console.log(`  ${note}`);
  });
}
