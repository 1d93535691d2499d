/**
 * A seeded synthetic city for benchmarks: people clustered in neighbourhoods, shelters, hazard
 * polygons (star shapes, some with holes, some multipolygons), a jittered grid road network and
 * 福祉避難所 with 受入対象者 and capacity. Coordinates are `[lng, lat]` WGS84 degrees around
 * Aomori (40.82°N), in a 10 km square. Same seed → same city.
 */
import type { HazardZone } from '../../src/core/hazardZone';
import { HAZARD_TYPES } from '../../src/core/hazard';
import type { Person } from '../../src/core/person';
import type { Supporter } from '../../src/core/supporter';
import type { AcceptGroup, Shelter, ShelterKind } from '../../src/core/shelter';
import { randInt, seededRandom } from '../unit/engine/random';

export const ORIGIN: [number, number] = [140.68, 40.77];
/** 10 km in degrees at this latitude. */
export const SPAN_LNG = 10_000 / (111_320 * Math.cos((40.82 * Math.PI) / 180));
export const SPAN_LAT = 10_000 / 110_574;

/** `count` home locations `[lng0, lat0, …]`: 80 % in 60 neighbourhood clusters, 20 % anywhere. */
export function homes(seed: number, count: number): Float64Array {
  const rand = seededRandom(seed);
  const centres = Array.from({ length: 60 }, () => [ORIGIN[0] + rand() * SPAN_LNG, ORIGIN[1] + rand() * SPAN_LAT]);
  const out = new Float64Array(count * 2);
  for (let i = 0; i < count; i++) {
    if (rand() < 0.8) {
      const c = centres[randInt(rand, centres.length)];
      const r = Math.sqrt(rand()) * 0.012, a = rand() * 2 * Math.PI;
      out[2 * i] = Math.min(ORIGIN[0] + SPAN_LNG, Math.max(ORIGIN[0], c[0] + r * Math.cos(a)));
      out[2 * i + 1] = Math.min(ORIGIN[1] + SPAN_LAT, Math.max(ORIGIN[1], c[1] + r * Math.sin(a) * 0.75));
    } else {
      out[2 * i] = ORIGIN[0] + rand() * SPAN_LNG;
      out[2 * i + 1] = ORIGIN[1] + rand() * SPAN_LAT;
    }
  }
  return out;
}

/** `count` shelters with random kinds, hazard flags (≈ 60 % each) and 2 % closed. */
export function shelters(seed: number, count: number): Shelter[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `S${i}`,
    name: `避難所${i}`,
    address: '',
    kinds: (rand() < 0.8 ? ['emergency_site'] : ['shelter']).concat(rand() < 0.5 ? ['shelter'] : []) as ShelterKind[],
    hazards: HAZARD_TYPES.filter(() => rand() < 0.6),
    capacity: null,
    accepts: [],
    location: [ORIGIN[0] + rand() * SPAN_LNG, ORIGIN[1] + rand() * SPAN_LAT],
    closed: rand() < 0.02,
    notes: '',
    source: { file: 'synthetic', row: i + 1 },
  }));
}

function star(rand: () => number, cx: number, cy: number, r: number, vertices: number, reverse = false): number[][] {
  const ring: number[][] = [];
  for (let k = 0; k < vertices; k++) {
    const a = ((reverse ? -1 : 1) * 2 * Math.PI * k) / vertices;
    const rr = r * (0.5 + 0.5 * rand());
    ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a) * 0.75]);
  }
  ring.push(ring[0]);
  return ring;
}

/** `count` hazard polygons of 5–35 m radius, 6–16 vertices; 25 % with a hole, 10 % multipolygons. */
export function hazardZones(seed: number, count: number): HazardZone[] {
  const rand = seededRandom(seed);
  const degPerM = 1 / 85_000;
  return Array.from({ length: count }, (_, i) => {
    const cx = ORIGIN[0] + rand() * SPAN_LNG, cy = ORIGIN[1] + rand() * SPAN_LAT;
    const r = (5 + rand() * 30) * degPerM;
    const polygon = [star(rand, cx, cy, r, 6 + randInt(rand, 11))];
    if (rand() < 0.25) polygon.push(star(rand, cx, cy, r * 0.3, 6, true));
    const multi = rand() < 0.1;
    return {
      id: `Z${i}`,
      hazard: (['flood', 'landslide', 'tsunami', 'inland_flood'] as const)[randInt(rand, 4)],
      depthClass: rand() < 0.5 ? ['0-0.5m', '0.5-3.0m', '3.0-5.0m'][randInt(rand, 3)] : null,
      name: '',
      geometry: multi
        ? { type: 'MultiPolygon', coordinates: [polygon, [star(rand, cx + 3 * r, cy, r * 0.6, 8)]] }
        : { type: 'Polygon', coordinates: polygon },
      bbox: [0, 0, 0, 0],
      source: 'synthetic',
    };
  });
}

/** A jittered `side × side` grid of streets (≈ 30 m blocks), 4 % of segments missing; one LineString per segment. */
export function roadLines(seed: number, side: number): number[][][] {
  const rand = seededRandom(seed);
  const dx = SPAN_LNG / (side - 1), dy = SPAN_LAT / (side - 1);
  const node = (x: number, y: number) => [ORIGIN[0] + x * dx + (rand() - 0.5) * dx * 0.3, ORIGIN[1] + y * dy + (rand() - 0.5) * dy * 0.3];
  const grid = Array.from({ length: side }, (_, y) => Array.from({ length: side }, (_, x) => node(x, y)));
  const lines: number[][][] = [];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (x + 1 < side && rand() > 0.04) lines.push([grid[y][x], grid[y][x + 1]]);
      if (y + 1 < side && rand() > 0.04) lines.push([grid[y][x], grid[y + 1][x]]);
    }
  }
  return lines;
}

const MOBILITY = ['independent', 'cane_walker', 'wheelchair', 'bedridden'] as const;

/** `count` people who need a 福祉避難所 (elderly, disabled, some medically dependent), placed at `points`. */
export function welfarePeople(seed: number, points: Float64Array, count: number): Person[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `P${i}`,
    name: '',
    nameKana: '',
    birthDate: rand() < 0.85 ? `${1925 + randInt(rand, 30)}-05-01` : `${1970 + randInt(rand, 50)}-05-01`,
    sex: 'unknown',
    address: '',
    phone: '',
    reason: '',
    districtId: `D${randInt(rand, 12)}`,
    location: { lng: points[2 * i], lat: points[2 * i + 1], source: 'demo', at: '2025-01-01T00:00:00Z' },
    mobility: MOBILITY[randInt(rand, 4)],
    household: 'alone',
    medical: rand() < 0.08 ? ['home_oxygen'] : [],
    communication: rand() < 0.1 ? ['dementia'] : [],
    consent: { status: 'given' } as unknown as Person['consent'],
    origin: 'demo',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  }));
}

/** `count` open 福祉避難所 with 受入対象者 and capacity 20–60. */
export function welfareShelters(seed: number, count: number): Shelter[] {
  const rand = seededRandom(seed);
  const groups: AcceptGroup[][] = [['elderly'], ['elderly', 'disabled'], ['disabled'], ['medical_care', 'elderly'], ['care_needed'], ['children', 'infants']];
  return Array.from({ length: count }, (_, i) => ({
    id: `W${i}`,
    name: `福祉避難所${i}`,
    address: '',
    kinds: ['welfare_shelter'],
    hazards: ['earthquake'],
    capacity: 20 + randInt(rand, 41),
    accepts: groups[randInt(rand, groups.length)],
    location: [ORIGIN[0] + rand() * SPAN_LNG, ORIGIN[1] + rand() * SPAN_LAT],
    closed: false,
    notes: '',
    source: { file: 'synthetic', row: i + 1 },
  }));
}

const AVAILABILITY = ['day_and_night', 'day_and_night', 'day_and_night', 'day', 'night'] as const;

/**
 * `count` supporters (避難支援等実施者) placed at `points` (`[lng0, lat0, …]`, e.g. the tail of
 * `homes(seed, people + supporters)` so they live in the same neighbourhoods as the people):
 * 支援可能人数 1–3, 60 % day and night, 20 % day only, 20 % night only.
 */
export function supportersAt(seed: number, points: Float64Array, count: number): Supporter[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, k) => ({
    id: `U${k}`,
    name: '',
    role: 'neighbor',
    address: '',
    phone: '',
    availability: AVAILABILITY[randInt(rand, AVAILABILITY.length)],
    capacity: 1 + randInt(rand, 3),
    districtId: null,
    location: { lng: points[2 * k], lat: points[2 * k + 1], source: 'demo', at: '2025-01-01T00:00:00Z' },
    origin: 'demo',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  }));
}

/** People and supporters for supporter matching: both from `homes(seed, …)` (same neighbourhoods). */
export function matchingInstance(seed: number, people: number, supporters: number): { people: Person[]; supporters: Supporter[] } {
  const points = homes(seed, people + supporters);
  return {
    people: welfarePeople(seed + 100, points.subarray(0, 2 * people), people),
    supporters: supportersAt(seed + 200, points.subarray(2 * people), supporters),
  };
}
