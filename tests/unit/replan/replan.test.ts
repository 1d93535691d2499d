import { describe, expect, it } from 'vitest';
import type { PersonAnalysis } from '../../../src/core/evacuationAnalysis';
import { distanceMetres } from '../../../src/core/geo';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import { replanAffected, replanEveryone, type Disruption, type ReplanInput, type ReplannedPerson } from '../../../src/core/replan';
import type { BaseAnalysis } from '../../../src/core/replanRule';
import type { Shelter } from '../../../src/core/shelter';
import { isAvailable } from '../../../src/core/supporterMatching';
import { capacityOrAssumed } from '../../../src/core/welfareCapacity';
import { readShelterFiles } from '../../../src/io/shelterFile';
import { makePerson, makeShelter, makeSupporter } from '../engine/fixtures';
import { fixtureBytes } from '../io/helpers';
import { analysed, disruptionOf, peopleIn, plansFor, replanInput, SETTINGS, sheltersIn, supportersIn } from './replanCity';

const base = (personId: string, over: Partial<BaseAnalysis> = {}): BaseAnalysis => ({
  personId,
  destination: null,
  allocatedWelfare: null,
  supporters: [],
  priority: { rank: 'C' },
  ...over,
});

const input = (over: Partial<ReplanInput>): ReplanInput => ({
  people: [],
  analysis: [],
  plans: [],
  shelters: [],
  supporters: [],
  settings: SETTINGS,
  disruption: { closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] },
  ...over,
});

/** Every person's plan before Plan B, as the engine made it (for people without a plan). */
function asAnalysed(r: ReplannedPerson, a: PersonAnalysis) {
  expect(r.destination?.kind === 'shelter' ? r.destination.shelterId : null).toBe(a.destination?.shelterId ?? null);
  expect(r.welfare?.shelterId ?? null).toBe(a.allocatedWelfare?.shelterId ?? null);
  expect(r.supporters.map((s) => s.supporterId)).toEqual(a.supporters.map((s) => s.supporterId));
}

describe('Plan B re-planning: the rule on small cases', () => {
  const P = [139.93, 37.5] as [number, number];
  const east = (m: number): [number, number] => [P[0] + m / 88_300, P[1]];

  it('a closed destination: the plan’s 代替の避難先 first, else the nearest open suitable shelter; nobody else is returned', () => {
    const shelters = [makeShelter('near', east(100)), makeShelter('next', east(300)), makeShelter('quake-only', east(200), { hazards: ['earthquake'] }), makeShelter('full', east(250))];
    const people = [makePerson('a', P), makePerson('b', P), makePerson('c', east(260))];
    const plan: Plan = { ...emptyPlan('b', '2026-11-01'), alternativeDestination: { kind: 'relatives', name: '長男宅', address: '会津若松市一箕町', phone: '0242-11-2222' } };
    const analysis = [base('a', { destination: { shelterId: 'near' } }), base('b', { destination: { shelterId: 'near' } }), base('c', { destination: { shelterId: 'full' } })];
    const replanned = replanAffected(input({ people, analysis, plans: [plan], shelters, disruption: { closedShelterIds: ['near'], fullShelterIds: ['full'], absentSupporterIds: [] } }));
    expect(replanned.map((r) => [r.personId, r.reasons])).toEqual([['a', ['shelter_closed']], ['b', ['shelter_closed']], ['c', ['shelter_full']]]);
    expect(replanned[0].destination).toEqual({ kind: 'shelter', shelterId: 'next', distanceM: distanceMetres(P, east(300)) });
    expect(replanned[0]).toMatchObject({ previousShelterId: 'near', destinationChanged: true, welfareChanged: false, supportersChanged: false, noSupporter: true });
    expect(replanned[1].destination).toEqual({ kind: 'alternative', name: '長男宅', address: '会津若松市一箕町', phone: '0242-11-2222' });
    expect(replanned[2].destination).toMatchObject({ kind: 'shelter', shelterId: 'next' });
  });

  it('the plan’s own destination counts, not a pre-filled suggestion; with no open suitable shelter the destination is null', () => {
    const shelters = [makeShelter('mine', east(500)), makeShelter('engine', east(50))];
    const people = [makePerson('a', P), makePerson('b', P)];
    const plans: Plan[] = [
      { ...emptyPlan('a', '2026-11-01'), destinations: { flood: { shelterId: 'mine', chosenBy: 'user', routeNote: '', routeLine: null } } },
      { ...emptyPlan('b', '2026-11-01'), destinations: { flood: { shelterId: 'mine', chosenBy: 'suggestion', routeNote: '', routeLine: null } } },
    ];
    const analysis = [base('a', { destination: { shelterId: 'engine' } }), base('b', { destination: { shelterId: 'engine' } })];
    const onlyMine = replanAffected(input({ people, analysis, plans, shelters, disruption: { closedShelterIds: ['mine'], fullShelterIds: [], absentSupporterIds: [] } }));
    expect(onlyMine.map((r) => [r.personId, r.previousShelterId, r.destination?.kind === 'shelter' && r.destination.shelterId])).toEqual([['a', 'mine', 'engine']]);
    const both = replanAffected(input({ people, analysis, plans, shelters, disruption: { closedShelterIds: ['mine', 'engine'], fullShelterIds: [], absentSupporterIds: [] } }));
    expect(both.map((r) => [r.personId, r.destination, r.destinationChanged])).toEqual([['a', null, true], ['b', null, true]]);
  });

  it('福祉避難所: the nearest accepting one with room, served in priority order (A before C)', () => {
    const welfare = (id: string, m: number, capacity: number | null, accepts: Shelter['accepts'] = ['elderly']) => makeShelter(id, east(m), { kinds: ['welfare_shelter'], hazards: [], accepts, capacity });
    const shelters = [welfare('shut', 10, 5), welfare('one-left', 400, 2), welfare('children-only', 100, 5, ['children']), welfare('far', 900, null)];
    const wheelchair = { mobility: 'wheelchair' as const, birthDate: '1940-01-01' };
    const people = [makePerson('keeps', east(400), wheelchair), makePerson('c', P, wheelchair), makePerson('a', P, wheelchair), makePerson('a2', P, wheelchair)];
    const analysis = [
      base('keeps', { allocatedWelfare: { shelterId: 'one-left' } }),
      base('c', { allocatedWelfare: { shelterId: 'shut' } }),
      base('a', { allocatedWelfare: { shelterId: 'shut' }, priority: { rank: 'A' } }),
      base('a2', { allocatedWelfare: { shelterId: 'shut' }, priority: { rank: 'A' } }),
    ];
    const replanned = replanAffected(input({ people, analysis, shelters, settings: { ...SETTINGS, assumedWelfareCapacity: 1 }, disruption: { closedShelterIds: ['shut'], fullShelterIds: [], absentSupporterIds: [] } }));
    // 'one-left' has 2 places, one taken by 'keeps': the A person listed first takes it, the next A gets 'far' (1 assumed place), C nothing.
    expect(replanned.map((r) => [r.personId, r.reasons, r.previousWelfareId, r.welfare?.shelterId ?? null, r.welfareChanged])).toEqual([
      ['c', ['welfare_closed'], 'shut', null, true],
      ['a', ['welfare_closed'], 'shut', 'one-left', true],
      ['a2', ['welfare_closed'], 'shut', 'far', true],
    ]);
  });

  it('an absent supporter: the others stay, the least-loaded nearest supporters within reach are added up to the target; none → 支援者なし', () => {
    const supporters = [
      makeSupporter('absent', east(50)), makeSupporter('stays', east(60)),
      makeSupporter('busy-near', east(100), 3), makeSupporter('free-far', east(400), 1),
      makeSupporter('out-of-reach', east(900), 5), makeSupporter('night-only', east(20), 5, 'night'),
    ];
    const people = [makePerson('p', P), makePerson('q', east(100)), makePerson('alone', east(5000)), makePerson('named', P)];
    const analysis = [
      base('p', { supporters: [{ supporterId: 'absent' }, { supporterId: 'stays' }] }),
      base('q', { supporters: [{ supporterId: 'busy-near' }] }),
      base('alone', { supporters: [{ supporterId: 'absent' }] }),
      base('named'),
    ];
    const named: Plan = { ...emptyPlan('named', '2026-11-01'), primarySupporter: { supporterId: 'absent', name: '', phone: '', address: '', chosenBy: 'user' }, backupSupporters: [{ supporterId: null, name: '隣の佐藤さん', phone: '', address: '', chosenBy: 'user' }] };
    const replanned = replanAffected(input({ people, analysis, plans: [named], supporters, disruption: { closedShelterIds: [], fullShelterIds: [], absentSupporterIds: ['absent'] } }));
    const ids = (r: ReplannedPerson) => r.supporters.map((s) => s.supporterId);
    expect(replanned.map((r) => r.personId)).toEqual(['p', 'alone', 'named']);
    // 'busy-near' already helps q (load 1), 'free-far' none: least loaded first, though farther.
    expect(ids(replanned[0])).toEqual(['stays', 'free-far']);
    expect(replanned[0]).toMatchObject({ supportersChanged: true, noSupporter: false, destinationChanged: false });
    expect(replanned[1]).toMatchObject({ supporters: [], noSupporter: true });
    // The plan's supporter written by name still counts toward the target of 2, and nobody is left without help.
    expect(replanned[2].supporters.length).toBe(1);
    expect(replanned[2].noSupporter).toBe(false);
  });

  it('refuses an analysis that is not of the same people', () => {
    expect(() => replanAffected(input({ people: [makePerson('a', P)], analysis: [base('b')] }))).toThrow('名簿');
    expect(() => replanAffected(input({ people: [makePerson('a', P)], analysis: [] }))).toThrow('人数');
  });
});

/**
 * The checks of a whole instance: the indexed version answers exactly as the brute-force reference
 * for the affected people, the reference leaves everyone else as they were, and the new places obey
 * the rule (open, suitable, with room, within reach). Returns the two answers.
 */
function checkInstance(inst: ReturnType<typeof replanInput>) {
  const affected = replanAffected(inst);
  const everyone = replanEveryone(inst);
  expect(everyone).toHaveLength(inst.people.length);
  expect(affected).toEqual(everyone.filter((r) => r.reasons.length > 0));

  const planned = new Map(inst.plans.map((p) => [p.personId, p]));
  const shelterById = new Map(inst.shelters.map((s) => [s.id, s]));
  const supporterById = new Map(inst.supporters.map((s) => [s.id, s]));
  const { closedShelterIds, fullShelterIds, absentSupporterIds } = inst.disruption;
  const blocked = new Set([...closedShelterIds, ...fullShelterIds]);
  everyone.forEach((r, i) => {
    if (r.reasons.length > 0) return;
    expect(r).toMatchObject({ destinationChanged: false, welfareChanged: false, supportersChanged: false });
    if (!planned.has(r.personId)) asAnalysed(r, inst.analysisRun.people[i]);
  });
  // New places: never closed or full; welfare within capacity; supporters present, available, within reach and within capacity.
  const welfareCount = new Map<string, number>(), load = new Map<string, number>();
  for (const r of everyone) {
    if (r.welfare) welfareCount.set(r.welfare.shelterId, (welfareCount.get(r.welfare.shelterId) ?? 0) + 1);
    for (const s of r.supporters) load.set(s.supporterId, (load.get(s.supporterId) ?? 0) + 1);
  }
  for (const r of affected) {
    if (r.destinationChanged && r.destination?.kind === 'shelter') {
      const s = shelterById.get(r.destination.shelterId)!;
      expect(blocked.has(s.id) || s.closed).toBe(false);
      expect(s.kinds).toContain(SETTINGS.kind);
      expect(s.hazards).toContain(SETTINGS.hazard);
    }
    if (r.welfareChanged && r.welfare) {
      const s = shelterById.get(r.welfare.shelterId)!;
      expect(blocked.has(s.id) || s.closed).toBe(false);
      expect(welfareCount.get(s.id)!).toBeLessThanOrEqual(capacityOrAssumed(s, SETTINGS.assumedWelfareCapacity));
    }
    for (const s of r.supporters) expect(absentSupporterIds).not.toContain(s.supporterId);
    const before = new Set(inst.analysisRun.people.find((a) => a.personId === r.personId)!.supporters.map((s) => s.supporterId));
    for (const s of r.supporters.filter((x) => !before.has(x.supporterId) && !planned.has(r.personId))) {
      const sup = supporterById.get(s.supporterId)!;
      expect(s.distanceM).toBeLessThanOrEqual(inst.settings.supporterRadiusM);
      expect(isAvailable(sup, inst.settings.timeOfDay)).toBe(true);
      expect(load.get(sup.id)!).toBeLessThanOrEqual(sup.capacity);
    }
  }
  return { affected, everyone };
}

/**
 * Destinations equal a full engine run on the shelters with the closed and full ones shut, for
 * everyone whose destination is not the plan's (no planned destination, no 代替の避難先).
 */
function checkAgainstFullRun(inst: ReturnType<typeof replanInput>, everyone: ReplannedPerson[]): number {
  const blocked = new Set([...inst.disruption.closedShelterIds, ...inst.disruption.fullShelterIds]);
  const shut = inst.shelters.map((s) => (blocked.has(s.id) ? { ...s, closed: true } : s));
  const full = analysed(inst.people, shut, inst.supporters, inst.settings);
  const planned = new Map(inst.plans.map((p) => [p.personId, p]));
  let compared = 0;
  everyone.forEach((r, i) => {
    const plan = planned.get(r.personId);
    const own = plan?.destinations.flood;
    if (plan?.alternativeDestination || (own && own.chosenBy !== 'suggestion')) return;
    const theirs = full.people[i].destination;
    expect(r.destination?.kind === 'shelter' ? r.destination.shelterId : null).toBe(theirs?.shelterId ?? null);
    if (r.destination?.kind === 'shelter') expect(r.destination.distanceM).toBeCloseTo(theirs!.distanceM, 6);
    if (r.destinationChanged) compared++;
  });
  return compared;
}

const count = (rs: ReplannedPerson[], f: (r: ReplannedPerson) => boolean) => rs.filter(f).length;

describe('Plan B re-planning on a generated city', () => {
  const box = [139.9, 37.45, 140.0, 37.54] as const;
  const people = peopleIn(1, box, 2500);
  const shelters = sheltersIn(2, box, 160);
  const supporters = supportersIn(3, box, 700);
  const plans = plansFor(4, people, shelters, supporters);
  const disruption: Disruption = disruptionOf(5, shelters, supporters, { closed: 0.15, full: 0.08, absent: 0.12 });
  const inst = replanInput(people, shelters, supporters, plans, disruption);

  it('replanAffected answers exactly as replanEveryone for the affected people, and leaves the rest unchanged', () => {
    const { affected } = checkInstance(inst);
    // The instance exercises every part of the rule.
    for (const reason of ['shelter_closed', 'shelter_full', 'welfare_closed', 'welfare_full', 'supporter_absent'] as const) expect(count(affected, (r) => r.reasons.includes(reason))).toBeGreaterThan(3);
    expect(count(affected, (r) => r.destination?.kind === 'alternative')).toBeGreaterThan(3);
    expect(count(affected, (r) => r.noSupporter)).toBeGreaterThan(3);
    expect(count(affected, (r) => r.welfareChanged && r.welfare === null)).toBeGreaterThan(0);
    expect(count(affected, (r) => r.welfareChanged && r.welfare !== null)).toBeGreaterThan(3);
    expect(count(affected, (r) => r.supportersChanged && r.supporters.length >= 2)).toBeGreaterThan(3);
    expect(affected.length).toBeLessThan(people.length);
  });

  it('destinations equal a full engine run with the closed and full shelters removed, where no plan applies', () => {
    const { everyone } = { everyone: replanEveryone(inst) };
    expect(checkAgainstFullRun(inst, everyone)).toBeGreaterThan(100);
  });

  it('with nothing disrupted nobody is affected; at night only supporters available at night are added', () => {
    expect(replanAffected({ ...inst, disruption: { closedShelterIds: [], fullShelterIds: [], absentSupporterIds: [] } })).toEqual([]);
    const night = replanInput(people, shelters, supporters, plans, disruption, { ...SETTINGS, timeOfDay: 'night' });
    const { affected } = checkInstance(night);
    const byId = new Map(supporters.map((s) => [s.id, s]));
    const before = new Map(night.analysisRun.people.map((a) => [a.personId, new Set(a.supporters.map((s) => s.supporterId))]));
    const planned = new Set(plans.map((p) => p.personId));
    for (const r of affected.filter((x) => x.supportersChanged && !planned.has(x.personId))) {
      for (const s of r.supporters) if (!before.get(r.personId)!.has(s.supporterId)) expect(byId.get(s.supporterId)!.availability).not.toBe('day');
    }
  });
});

describe('Plan B re-planning on real GSI shelters (会津若松市, 国土地理院 files)', () => {
  // tests/fixtures/shelters holds byte-identical copies of ../shared/data/shelters.
  const names = ['shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson'];
  const read = readShelterFiles(names.map((n) => ({ name: n.split('/').pop()!, bytes: fixtureBytes(n) })));
  const shelters = read.records;
  const box = [139.88, 37.44, 140.0, 37.54] as const;
  const people = peopleIn(11, box, 3000);
  const supporters = supportersIn(12, box, 900);
  const plans = plansFor(13, people, shelters, supporters);
  const disruption = disruptionOf(14, shelters, supporters, { closed: 0.12, full: 0.06, absent: 0.1 });

  it('reads the real files, and the indexed answer equals the reference; destinations equal a full run without the shut shelters', () => {
    expect(read.errors).toEqual([]);
    expect(shelters.filter((s) => s.kinds.includes('welfare_shelter')).length).toBeGreaterThan(20);
    const inst = replanInput(people, shelters, supporters, plans, disruption);
    const { affected, everyone } = checkInstance(inst);
    expect(count(affected, (r) => r.reasons.includes('shelter_closed'))).toBeGreaterThan(50);
    expect(count(affected, (r) => r.reasons.includes('welfare_closed') || r.reasons.includes('welfare_full'))).toBeGreaterThan(10);
    expect(count(affected, (r) => r.reasons.includes('supporter_absent'))).toBeGreaterThan(50);
    expect(checkAgainstFullRun(inst, everyone)).toBeGreaterThan(50);
  });
});
