import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../../src/core/geo';
import { lngLatToPlane, parseDegrees, parsePlaneZone, planeToLngLat, readLatLng } from '../../../src/io/coordinates';

describe('平面直角座標 (JGD2011, X northing / Y easting)', () => {
  it('puts the origin of zone IX at 36°N 139°50′E and zone X at 40°N 140°50′E', () => {
    const [lng, lat] = planeToLngLat(0, 0, 9);
    expect(lat).toBeCloseTo(36, 9);
    expect(lng).toBeCloseTo(139 + 50 / 60, 9);
    const [lng10, lat10] = planeToLngLat(0, 0, 10);
    expect([lng10, lat10].map((v) => +v.toFixed(9))).toEqual([140 + 50 / 60, 40].map((v) => +v.toFixed(9)));
  });

  it('reads X as northing: 10 km of X moves north, 10 km of Y moves east, each ≈ 10 km / 0.9999 on the ground', () => {
    const origin = planeToLngLat(0, 0, 9);
    const north = planeToLngLat(10_000, 0, 9);
    const east = planeToLngLat(0, 10_000, 9);
    expect(north[1]).toBeGreaterThan(origin[1]);
    expect(north[0]).toBeCloseTo(origin[0], 9);
    expect(east[0]).toBeGreaterThan(origin[0]);
    expect(distanceMetres(origin, north)).toBeGreaterThan(9_960);
    expect(distanceMetres(origin, north)).toBeLessThan(10_040);
    expect(distanceMetres(origin, east)).toBeGreaterThan(9_960);
    expect(distanceMetres(origin, east)).toBeLessThan(10_040);
  });

  it('round-trips 会津若松市役所 (37.4948°N, 139.9298°E) through zone IX to within 1 mm', () => {
    const p: [number, number] = [139.9298, 37.4948];
    const { x, y } = lngLatToPlane(p, 9);
    expect(x).toBeGreaterThan(160_000);
    expect(x).toBeLessThan(170_000);
    expect(Math.abs(y)).toBeLessThan(20_000);
    expect(distanceMetres(planeToLngLat(x, y, 9), p)).toBeLessThan(0.001);
  });

  it('shifts 日本測地系 (Tokyo datum) coordinates by the expected ~400 m', () => {
    const d = distanceMetres(planeToLngLat(165_000, 8_500, 9, 'Tokyo'), planeToLngLat(165_000, 8_500, 9));
    expect(d).toBeGreaterThan(300);
    expect(d).toBeLessThan(600);
  });

  it.each([['9', 9], ['９', 9], ['IX', 9], ['Ⅸ', 9], ['第9系', 9], ['xix', 19], ['I', 1]])('reads 系番号 %j as %d', (cell, zone) => {
    expect(parsePlaneZone(cell)).toEqual({ ok: true, value: zone });
  });
  it.each(['0', '20', 'XX', '', 'IIX'])('rejects 系番号 %j', (cell) => {
    expect(parsePlaneZone(cell).ok).toBe(false);
  });
});

describe('緯度・経度 cells', () => {
  it('reads decimal, full-width and 度分秒 degrees', () => {
    expect(parseDegrees('３７．４９４８')).toBe(37.4948);
    expect(parseDegrees('37度29分41.28秒')).toBeCloseTo(37.4948, 6);
    expect(parseDegrees(`139°55'47.28"E`)).toBeCloseTo(139.9298, 6);
  });

  it('suggests the swap for swapped latitude/longitude', () => {
    const r = readLatLng('139.9298', '37.4948');
    expect(r).toMatchObject({ ok: false, column: 'both' });
    expect(!r.ok && r.message).toContain('緯度37.4948、経度139.9298ではありませんか');
  });

  it('flags a point in Seoul as outside Japan', () => {
    const r = readLatLng('37.5665', '126.9780');
    expect(!r.ok && r.message).toContain('日本国外');
  });

  it('accepts both cells empty as "not placed yet" but not only one', () => {
    expect(readLatLng('', '')).toEqual({ ok: true, value: null });
    expect(readLatLng('37.5', '')).toMatchObject({ ok: false, column: 'lng' });
  });
});
