import { describe, expect, it } from 'vitest';
import { distance } from '@turf/turf';
import { bboxOf, distanceMetres, isInJapan, type LngLat } from '../../../src/core/geo';
import { isIsoDate } from '../../../src/core/validation';
import { HAZARD_LABELS, HAZARD_SHORT_LABELS, HAZARD_TYPES } from '../../../src/core/hazard';

const TOKYO_STN: LngLat = [139.7671, 35.6812];
const AIZUWAKAMATSU_STN: LngLat = [139.9323, 37.4948];

describe('distanceMetres', () => {
  it('1 degree of latitude is about 111.2 km (within 0.5 %)', () => {
    expect(distanceMetres([139, 35], [139, 36])).toBeGreaterThan(111_195 * 0.995);
    expect(distanceMetres([139, 35], [139, 36])).toBeLessThan(111_195 * 1.005);
  });

  it('Tokyo Station → Aizuwakamatsu Station matches turf.distance (≈ 202 km)', () => {
    const reference = distance(TOKYO_STN, AIZUWAKAMATSU_STN, { units: 'meters' });
    expect(reference).toBeGreaterThan(195_000);
    expect(reference).toBeLessThan(210_000);
    expect(distanceMetres(TOKYO_STN, AIZUWAKAMATSU_STN)).toBeCloseTo(reference, -1); // within 5 m
  });

  it('is zero for the same point and symmetric', () => {
    expect(distanceMetres(TOKYO_STN, TOKYO_STN)).toBe(0);
    expect(distanceMetres(TOKYO_STN, AIZUWAKAMATSU_STN)).toBe(distanceMetres(AIZUWAKAMATSU_STN, TOKYO_STN));
  });
});

describe('bboxOf', () => {
  it('returns null for no points', () => {
    expect(bboxOf([])).toBeNull();
  });
  it('returns [west, south, east, north] of the points', () => {
    expect(bboxOf([TOKYO_STN, AIZUWAKAMATSU_STN, [139.8, 36]])).toEqual([139.7671, 35.6812, 139.9323, 37.4948]);
    expect(bboxOf([TOKYO_STN])).toEqual([...TOKYO_STN, ...TOKYO_STN]);
  });
});

describe('isInJapan', () => {
  it.each([
    ['Tokyo', TOKYO_STN],
    ['Aizuwakamatsu', AIZUWAKAMATSU_STN],
    ['Naha', [127.68, 26.21]],
    ['Tsushima (north tip)', [129.47, 34.72]],
    ['Wakkanai', [141.67, 45.4]],
  ] as [string, LngLat][])('accepts %s', (_, p) => expect(isInJapan(p)).toBe(true));

  it.each([
    ['Seoul', [126.978, 37.5665]],
    ['Busan', [129.04, 35.1]],
    ['Jeju', [126.53, 33.5]],
    ['Vladivostok', [131.9, 43.1]],
    ['Shanghai', [121.47, 31.23]],
    ['London', [-0.1276, 51.5072]],
    ['Null Island', [0, 0]],
  ] as [string, LngLat][])('rejects %s', (_, p) => expect(isInJapan(p)).toBe(false));
});

describe('isIsoDate', () => {
  it('accepts real dates including the leap day 2024-02-29', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('1940-04-01')).toBe(true);
  });
  it.each(['2023-02-29', '2024-04-31', '2024-13-01', '2024-4-1', '2024/04/01', '', null, 20240401])('rejects %s', (s) => {
    expect(isIsoDate(s)).toBe(false);
  });
});

describe('hazard labels', () => {
  it('has a Japanese label and a short label for all 8 GSI hazard types', () => {
    expect(HAZARD_TYPES).toHaveLength(8);
    for (const h of HAZARD_TYPES) {
      expect(HAZARD_LABELS[h]).toMatch(/\p{Script=Han}/u);
      expect(HAZARD_SHORT_LABELS[h]).toMatch(/\p{Script=Han}/u);
    }
    expect(HAZARD_LABELS.large_fire).toBe('大規模な火事');
  });
});
