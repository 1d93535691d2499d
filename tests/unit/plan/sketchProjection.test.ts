import { describe, expect, it } from 'vitest';
import { distanceMetres, type LngLat } from '../../../src/core/geo';
import { fitSketch, scaleBarMetres } from '../../../src/core/sketchProjection';

describe('route sketch projection (printed plan)', () => {
  const home: LngLat = [139.9295, 37.4951];
  const shelter: LngLat = [139.9352, 37.4990];
  const bend: LngLat = [139.9352, 37.4951];

  it('keeps every point inside the box with its padding, north up and east right', () => {
    const s = fitSketch([home, bend, shelter], 300, 200, 20);
    for (const p of [home, bend, shelter]) {
      const [x, y] = s.project(p);
      expect(x).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(x).toBeLessThanOrEqual(280 + 1e-9);
      expect(y).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(y).toBeLessThanOrEqual(180 + 1e-9);
    }
    expect(s.project(bend)[0]).toBeGreaterThan(s.project(home)[0]); // east is right
    expect(s.project(shelter)[1]).toBeLessThan(s.project(bend)[1]); // north is up
  });

  it('draws ground distances at one scale in both directions (within 0.5 %)', () => {
    const s = fitSketch([home, bend, shelter], 300, 200, 20);
    const drawn = (a: LngLat, b: LngLat) => Math.hypot(s.project(a)[0] - s.project(b)[0], s.project(a)[1] - s.project(b)[1]) * s.metresPerUnit;
    for (const [a, b] of [[home, bend], [bend, shelter], [home, shelter]] as const) {
      expect(Math.abs(drawn(a, b) - distanceMetres(a, b)) / distanceMetres(a, b)).toBeLessThan(0.005);
    }
  });

  it('centres a single point, and refuses no points', () => {
    const s = fitSketch([home], 300, 200, 20);
    expect(s.project(home)).toEqual([150, 100]);
    expect(() => fitSketch([], 300, 200, 20)).toThrow();
  });

  it('picks a round scale bar no longer than asked', () => {
    expect(scaleBarMetres(137)).toBe(100);
    expect(scaleBarMetres(260)).toBe(200);
    expect(scaleBarMetres(999)).toBe(500);
    expect(scaleBarMetres(1000)).toBe(1000);
    expect(scaleBarMetres(0)).toBe(0);
  });
});
