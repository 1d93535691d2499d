import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { validateSupporter, type Supporter } from '../../../src/core/supporter';
import { primaryKind, validateShelter, type Shelter } from '../../../src/core/shelter';
import { validateDistrict, type District } from '../../../src/core/district';
import { validateHazardZone, type HazardZone } from '../../../src/core/hazardZone';
import { emptyPlan, validatePlan, type Plan, type PlanSupporter } from '../../../src/core/plan';
import { validateDrill, type Drill } from '../../../src/core/drill';

const fields = (errors: { field: string }[]) => errors.map((e) => e.field);
const square: Polygon = { type: 'Polygon', coordinates: [[[139.9, 37.4], [140, 37.4], [140, 37.5], [139.9, 37.4]]] };

const supporter = (over: Partial<Supporter> = {}): Supporter => ({
  id: 's1', name: '若松 太郎', role: 'neighbor', address: '', phone: '', availability: 'day_and_night', capacity: 2,
  districtId: 'd1', location: null, origin: 'user', createdAt: '2024-04-01T00:00:00Z', updatedAt: '2024-04-01T00:00:00Z', ...over,
});
const shelter = (over: Partial<Shelter> = {}): Shelter => ({
  id: 'sh1', name: '鶴城小学校', address: '会津若松市米代1', kinds: ['emergency_site', 'shelter'], hazards: ['flood', 'earthquake'],
  capacity: 300, accepts: [], location: [139.93, 37.49], closed: false, notes: '', source: { file: 'shelters.csv', row: 2 }, ...over,
});
const district = (over: Partial<District> = {}): District => ({ id: 'd1', name: '栄町', outline: square, color: '#1d4e89', origin: 'user', ...over });
const zone = (over: Partial<HazardZone> = {}): HazardZone => ({
  id: 'z1', hazard: 'flood', depthClass: '0.5-3.0m', name: '阿賀川', geometry: square, bbox: [139.9, 37.4, 140, 37.5], source: 'flood.geojson', ...over,
});
const linked = (supporterId: string): PlanSupporter => ({ supporterId, name: '', phone: '', address: '', chosenBy: 'user' });
const plan = (over: Partial<Plan> = {}): Plan => ({
  ...emptyPlan('p1', '2024-04-01'), id: 'pl1', status: 'in_progress', primarySupporter: linked('s1'), backupSupporters: [linked('s2')],
  destinations: { flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: null } },
  leaveWhen: '警戒レベル3', transport: 'wheelchair', whatToBring: '薬', reviewDue: '2025-04-01', version: 1, ...over,
});
const drill = (over: Partial<Drill> = {}): Drill => ({
  id: 'dr1', name: '秋の安否確認訓練', kind: 'safety_check', districtId: 'd1', hazard: 'earthquake', timeOfDay: 'day', season: 'normal',
  closedShelterIds: [], absentSupporterIds: [], startedAt: '2024-09-01T01:00:00Z', endedAt: '2024-09-01T02:00:00Z', records: [], ...over,
});

/** Asserts exactly one error, on `field`, whose message contains `text`. */
function expectOnly(errors: { field: string; message: string }[], field: string, text: string) {
  expect(fields(errors)).toEqual([field]);
  expect(errors[0].message).toContain(text);
}

describe('validateSupporter', () => {
  it('accepts a valid supporter, with capacity 1 and 20 at the bounds', () => {
    expect(validateSupporter(supporter())).toEqual([]);
    expect(validateSupporter(supporter({ capacity: 1 }))).toEqual([]);
    expect(validateSupporter(supporter({ capacity: 20 }))).toEqual([]);
  });
  it.each([0, 21, 1.5, -1, NaN])('rejects capacity %s', (capacity) => {
    expectOnly(validateSupporter(supporter({ capacity })), 'capacity', '支援可能人数');
  });
  it('rejects a missing name and an unknown role', () => {
    expectOnly(validateSupporter(supporter({ name: '' })), 'name', '氏名');
    expectOnly(validateSupporter(supporter({ role: 'boss' as never })), 'role', '役割');
  });
});

describe('shelter', () => {
  it('primaryKind prefers welfare shelter, then shelter, then emergency site', () => {
    expect(primaryKind({ kinds: ['emergency_site', 'shelter', 'welfare_shelter'] })).toBe('welfare_shelter');
    expect(primaryKind({ kinds: ['emergency_site', 'shelter'] })).toBe('shelter');
    expect(primaryKind({ kinds: ['emergency_site'] })).toBe('emergency_site');
  });

  it('accepts a valid shelter, including unknown capacity', () => {
    expect(validateShelter(shelter())).toEqual([]);
    expect(validateShelter(shelter({ capacity: null }))).toEqual([]);
  });

  it.each([
    ['kinds', '種別', { kinds: [] }],
    ['capacity', '収容人数', { capacity: -1 }],
    ['hazards', 'meteor', { hazards: ['flood', 'meteor' as never] }],
    ['location', '日本国内', { location: [126.978, 37.5665] }],
    ['location', '日本国内', { location: [37.49, 139.93] }],
    ['name', '施設・場所名', { name: '' }],
  ] as [string, string, Partial<Shelter>][])('rejects bad %s', (field, text, over) => {
    expectOnly(validateShelter(shelter(over)), field, text);
  });
});

describe('validateDistrict', () => {
  it('accepts a valid district, with or without an outline', () => {
    expect(validateDistrict(district())).toEqual([]);
    expect(validateDistrict(district({ outline: null }))).toEqual([]);
  });
  it.each(['red', '#fff', '#1d4e8', '1d4e89', '#1d4e89ff', '#gggggg'])('rejects colour %s', (color) => {
    expectOnly(validateDistrict(district({ color })), 'color', '#1a2b3c');
  });
  it('rejects a non-polygon outline', () => {
    expectOnly(validateDistrict(district({ outline: { type: 'Point', coordinates: [139.9, 37.4] } as never })), 'outline', 'ポリゴン');
  });
});

describe('validateHazardZone', () => {
  it('accepts Polygon and MultiPolygon geometry', () => {
    expect(validateHazardZone(zone())).toEqual([]);
    expect(validateHazardZone(zone({ geometry: { type: 'MultiPolygon', coordinates: [square.coordinates] } }))).toEqual([]);
  });
  it('rejects line geometry, unknown hazard and an inverted bbox', () => {
    expectOnly(validateHazardZone(zone({ geometry: { type: 'LineString', coordinates: [[139.9, 37.4], [140, 37.5]] } as never })), 'geometry', 'ポリゴン');
    expectOnly(validateHazardZone(zone({ hazard: 'meteor' as never })), 'hazard', '災害種別');
    expectOnly(validateHazardZone(zone({ bbox: [140, 37.4, 139.9, 37.5] })), 'bbox', 'bbox');
  });
});

describe('validatePlan', () => {
  it('accepts a valid plan, also with no supporters yet', () => {
    expect(validatePlan(plan())).toEqual([]);
    expect(validatePlan(plan({ primarySupporter: null, backupSupporters: [], reviewDue: null }))).toEqual([]);
  });
  it('rejects the primary supporter also listed as backup', () => {
    expectOnly(validatePlan(plan({ backupSupporters: [linked('s2'), linked('s1')] })), 'backupSupporters', '主たる支援者');
  });
  it('rejects an impossible review date, missing person and unknown transport', () => {
    expectOnly(validatePlan(plan({ reviewDue: '2025-02-29' })), 'reviewDue', '見直し日');
    expectOnly(validatePlan(plan({ personId: '' })), 'personId', '対象者');
    expectOnly(validatePlan(plan({ transport: 'helicopter' as never })), 'transport', '避難方法');
  });
});

describe('validateDrill', () => {
  it('accepts a finished, a running and a not-yet-started drill', () => {
    expect(validateDrill(drill())).toEqual([]);
    expect(validateDrill(drill({ endedAt: null }))).toEqual([]);
    expect(validateDrill(drill({ startedAt: null, endedAt: null }))).toEqual([]);
  });
  it('rejects an end before the start', () => {
    expectOnly(validateDrill(drill({ startedAt: '2024-09-01T02:00:00Z', endedAt: '2024-09-01T01:00:00Z' })), 'endedAt', '終了時刻');
  });
  it('compares instants, not strings, when time zones differ', () => {
    // 10:00 JST = 01:00Z, ended 01:30Z: a valid 30-minute drill.
    expect(validateDrill(drill({ startedAt: '2024-09-01T10:00:00+09:00', endedAt: '2024-09-01T01:30:00Z' }))).toEqual([]);
    expectOnly(validateDrill(drill({ startedAt: '2024-09-01T10:00:00+09:00', endedAt: '2024-09-01T00:30:00Z' })), 'endedAt', '終了時刻');
  });
  it('rejects an unknown season', () => {
    expectOnly(validateDrill(drill({ season: 'rainy' as never })), 'season', '季節');
  });
});
