import type { HazardZone } from '../../../src/core/hazardZone';
import { HAZARD_TYPES } from '../../../src/core/hazard';
import { randInt } from './random';

/** A closed star-shaped ring around (cx, cy) with radius up to r degrees, counter-clockwise. */
export function starRing(rand: () => number, cx: number, cy: number, r: number, vertices: number): number[][] {
  const ring: number[][] = [];
  for (let k = 0; k < vertices; k++) {
    const a = (2 * Math.PI * k) / vertices;
    const rr = r * (0.4 + 0.6 * rand());
    ring.push([cx + rr * Math.cos(a), cy + rr * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

/** Random hazard zones: star polygons, some with a hole, some multipolygons. */
export function randomZones(rand: () => number, n: number, x0: number, y0: number, span: number, size: number): HazardZone[] {
  return Array.from({ length: n }, (_, i) => {
    const cx = x0 + rand() * span, cy = y0 + rand() * span;
    const r = size * (0.3 + rand());
    const outer = starRing(rand, cx, cy, r, 5 + randInt(rand, 12));
    const polygon = rand() < 0.3 ? [outer, starRing(rand, cx, cy, r * 0.3, 6).reverse()] : [outer];
    const multi = rand() < 0.2;
    const geometry = multi
      ? { type: 'MultiPolygon' as const, coordinates: [polygon, [starRing(rand, cx + 3 * r, cy, r, 7)]] }
      : { type: 'Polygon' as const, coordinates: polygon };
    return {
      id: `Z${i}`,
      hazard: HAZARD_TYPES[randInt(rand, 3)],
      depthClass: rand() < 0.5 ? '0.5-3.0m' : null,
      name: `区域${i}`,
      geometry,
      bbox: [0, 0, 0, 0],
      source: 'test',
    };
  });
}
