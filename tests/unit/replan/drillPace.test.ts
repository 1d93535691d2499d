import { describe, expect, it } from 'vitest';
import { drillDisruption, validateDrill, type Drill, type DrillRecord } from '../../../src/core/drill';
import { drillPace, plannedWalkMinutes } from '../../../src/core/drillPace';
import { distanceMetres } from '../../../src/core/geo';
import { DEFAULT_WALKING_SETTINGS, walkEstimate } from '../../../src/core/walkingTime';
import { makePerson } from '../engine/fixtures';

const START = '2026-11-01T10:00:00.000Z';
const at = (min: number) => new Date(Date.parse(START) + min * 60_000).toISOString();
const rec = (personId: string, min: number, status: DrillRecord['status'] = 'arrived'): DrillRecord => ({ personId, at: at(min), status, note: '' });

describe('避難誘導訓練: time to arrival against the planned walking time', () => {
  it('lists the slowest against their plan first, counts those slower than planned, and names who has not arrived or has no planned time', () => {
    const drill = {
      startedAt: START,
      records: [rec('a', 12), rec('b', 3, 'needs_help'), rec('b', 30), rec('c', 9), rec('d', 20), rec('e', 40), rec('a', 50), rec('stranger', 5)],
    };
    const pace = drillPace(drill, [
      { personId: 'a', plannedMinutes: 10 },
      { personId: 'b', plannedMinutes: 10 },
      { personId: 'c', plannedMinutes: 15 },
      { personId: 'd', plannedMinutes: null },
      { personId: 'e', plannedMinutes: 20 },
      { personId: 'f', plannedMinutes: 5 },
    ]);
    // The first 到着 counts (a: 12, not 50); other statuses do not.
    expect(pace.people.map((p) => [p.personId, p.arrivedAfterMin, p.overMinutes])).toEqual([['a', 12, 2], ['b', 30, 20], ['c', 9, -6], ['d', 20, null], ['e', 40, 20], ['f', null, null]]);
    // b and e are both 20 minutes over; b took 3× its plan, e 2×.
    expect(pace.slowest.map((p) => p.personId)).toEqual(['b', 'e', 'a', 'c']);
    expect(pace.slowest[0].ratio).toBe(3);
    expect(pace.slowerThanPlanned).toBe(3);
    expect(pace.notArrived).toEqual(['f']);
    expect(pace.withoutPlannedTime).toEqual(['d']);
    expect(drillPace(drill, [{ personId: 'a', plannedMinutes: 10 }, { personId: 'b', plannedMinutes: 10 }], 1).slowest.map((p) => p.personId)).toEqual(['b']);
  });

  it('the planned walking time: Plan B’s new destination, else the plan’s own shelter, else the engine’s', () => {
    const person = makePerson('p', [139.93, 37.5], { mobility: 'cane_walker' });
    const engine = { destination: { shelterId: 'near' }, walk: { kind: 'walk' as const, minutes: 7 } };
    const base = { person, analysis: engine, planned: null, winter: false, walking: DEFAULT_WALKING_SETTINGS };
    expect(plannedWalkMinutes(base)).toBe(7);
    expect(plannedWalkMinutes({ ...base, planned: { shelterId: 'near', location: [139.931, 37.5] } })).toBe(7);
    const mine: [number, number] = [139.94, 37.5];
    const walk = (m: number, winter = false) => {
      const w = walkEstimate(m, 'cane_walker', winter);
      return w.kind === 'walk' ? w.minutes : null;
    };
    expect(plannedWalkMinutes({ ...base, planned: { shelterId: 'mine', location: mine } })).toBe(walk(distanceMetres([139.93, 37.5], mine)));
    expect(plannedWalkMinutes({ ...base, winter: true, replanned: { kind: 'shelter', shelterId: 'other', distanceM: 800 } })).toBe(walk(800, true));
    expect(plannedWalkMinutes({ ...base, replanned: { kind: 'alternative', name: '長男宅', address: '', phone: '' } })).toBeNull();
    expect(plannedWalkMinutes({ ...base, replanned: null })).toBeNull();
    expect(plannedWalkMinutes({ ...base, person: makePerson('b', [139.93, 37.5], { mobility: 'bedridden' }), replanned: { kind: 'shelter', shelterId: 'x', distanceM: 100 } })).toBeNull();
  });
});

describe('a drill’s Plan B', () => {
  const drill: Drill = {
    id: 'd1', name: '訓練', kind: 'evacuation_guidance', districtId: null, hazard: 'flood', timeOfDay: 'night', season: 'normal',
    closedShelterIds: ['s1'], absentSupporterIds: ['t1'], startedAt: null, endedAt: null, records: [],
  };
  it('is the engine’s disruption; a drill made before 満員 existed has none full', () => {
    expect(drillDisruption(drill)).toEqual({ closedShelterIds: ['s1'], fullShelterIds: [], absentSupporterIds: ['t1'] });
    expect(drillDisruption({ ...drill, fullShelterIds: ['s2'] }).fullShelterIds).toEqual(['s2']);
  });
  it('validates the lists in words', () => {
    expect(validateDrill(drill)).toEqual([]);
    expect(validateDrill({ ...drill, fullShelterIds: ['s2'] })).toEqual([]);
    expect(validateDrill({ ...drill, fullShelterIds: [''] }).map((e) => e.message)).toEqual(['開設しない・満員の避難所の指定が読めません。']);
    expect(validateDrill({ ...drill, absentSupporterIds: [''] }).map((e) => e.message)).toEqual(['不在の支援者の指定が読めません。']);
  });
});
