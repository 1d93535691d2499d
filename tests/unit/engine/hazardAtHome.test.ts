import { describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { LngLat } from '../../../src/core/geo';
import { HazardIndex, routeCrossesHazard } from '../../../src/core/hazardAtHome';
import type { HazardZone } from '../../../src/core/hazardZone';
import { seededRandom } from './random';
import { randomZones } from './zones';

function turfZonesAt(point: LngLat, zones: HazardZone[]): number[] {
  const pt = turf.point(point);
  const hits: number[] = [];
  zones.forEach((z, i) => {
    if (turf.booleanPointInPolygon(pt, z.geometry)) hits.push(i);
  });
  return hits;
}

describe('hazard at home', () => {
  it('finds exactly the zones turf.booleanPointInPolygon finds (holes and multipolygons included)', () => {
    const rand = seededRandom(42);
    const zones = randomZones(rand, 400, 140.0, 40.0, 0.1, 0.004);
    const index = new HazardIndex(zones);
    const points = new Float64Array(2000);
    for (let i = 0; i < points.length; i++) points[i] = (i % 2 === 0 ? 140.0 : 40.0) + rand() * 0.1;
    const batch = index.zonesAtPoints(points);
    let inside = 0;
    for (let i = 0; i < 1000; i++) {
      const point: LngLat = [points[2 * i], points[2 * i + 1]];
      const expected = turfZonesAt(point, zones);
      if (expected.length > 0) inside++;
      expect(index.zonesAt(point)).toEqual(expected);
      expect([...batch.zones.slice(batch.offsets[i], batch.offsets[i + 1])]).toEqual(expected);
    }
    expect(inside).toBeGreaterThan(50); // the test really exercises hits
  });

  it('excludes a home standing in a hole and reports hazard type and depth class', () => {
    const outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
    const hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]];
    const zone: HazardZone = {
      id: 'flood-1', hazard: 'flood', depthClass: '3.0-5.0m', name: '', source: 't', bbox: [0, 0, 10, 10],
      geometry: { type: 'MultiPolygon', coordinates: [[outer, hole], [[[20, 0], [30, 0], [30, 10], [20, 0]]]] },
    };
    const index = new HazardIndex([zone]);
    expect(index.hazardsAt([5, 5])).toEqual([]);
    expect(index.hazardsAt([2, 2])).toEqual([{ zone: 0, zoneId: 'flood-1', hazard: 'flood', depthClass: '3.0-5.0m', name: '' }]);
    expect(index.zonesAt([28, 2])).toEqual([0]);
    expect(index.zonesAt([28, 2], 'tsunami')).toEqual([]);
    expect(index.zonesAt([15, 5])).toEqual([]);
    expect(new HazardIndex([]).zonesAt([1, 1])).toEqual([]);
  });

  it('flags a route that crosses a zone, as turf.booleanIntersects does', () => {
    const rand = seededRandom(9);
    const zones = randomZones(rand, 200, 140.0, 40.0, 0.1, 0.004);
    const index = new HazardIndex(zones);
    for (let q = 0; q < 100; q++) {
      const route: LngLat[] = [];
      let x = 140 + rand() * 0.1, y = 40 + rand() * 0.1;
      for (let k = 0; k < 4; k++) {
        route.push([x, y]);
        x += (rand() - 0.5) * 0.01;
        y += (rand() - 0.5) * 0.01;
      }
      const line = turf.lineString(route);
      const expected = zones.filter((z) => turf.booleanIntersects(line, z.geometry)).map((z) => z.id);
      expect(routeCrossesHazard(route, index)).toEqual(expected);
    }
  });

  it('does not flag a route that passes between zones or only inside a hole', () => {
    const square = (x: number): HazardZone => ({
      id: `sq${x}`, hazard: 'flood', depthClass: null, name: '', source: 't', bbox: [0, 0, 0, 0],
      geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]], [[x + 0.2, 0.2], [x + 0.8, 0.2], [x + 0.8, 0.8], [x + 0.2, 0.8], [x + 0.2, 0.2]]] },
    });
    const zones = [square(0), square(2)];
    expect(routeCrossesHazard([[1.5, -1], [1.5, 2]], zones)).toEqual([]);
    expect(routeCrossesHazard([[0.4, 0.4], [0.6, 0.6]], zones)).toEqual([]);
    expect(routeCrossesHazard([[-1, 0.5], [4, 0.5]], zones)).toEqual(['sq0', 'sq2']);
    expect(routeCrossesHazard([[-1, 0.5], [4, 0.5]], zones, (z) => z.id === 'sq2')).toEqual(['sq2']);
  });
});
