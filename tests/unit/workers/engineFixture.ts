import type { HazardZone } from '../../../src/core/hazardZone';
import type { HazardType } from '../../../src/core/hazard';
import { commitHazardZones, commitRoadNetwork } from '../../../src/db/geodata';
import type { HinanDatabase } from '../../../src/db/schema';
import { readRoadNetwork, type RoadNetwork } from '../../../src/io/roadNetwork';
import { openDemoDb } from '../db/demoStore';
import { seededRandom } from '../engine/random';
import { starRing } from '../engine/zones';

/** The demo district's area (会津若松), `[west, south, east, north]` degrees. */
const AREA = [139.915, 37.455, 139.975, 37.54] as const;

/** `count` star-shaped zones of `hazard` (40–160 m) over the demo district, with their true bbox. */
export function zonesOver(seed: number, count: number, hazard: HazardType, source: string): HazardZone[] {
  const rand = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const cx = AREA[0] + rand() * (AREA[2] - AREA[0]), cy = AREA[1] + rand() * (AREA[3] - AREA[1]);
    const ring = starRing(rand, cx, cy, (40 + rand() * 120) / 90_000, 6 + Math.floor(rand() * 8));
    const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
    return {
      id: `${source}-${i}`,
      hazard,
      depthClass: null,
      name: `区域${i}`,
      geometry: { type: 'Polygon', coordinates: [ring] },
      bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      source,
    };
  });
}

/** A jittered street grid (`side × side` crossings) over the demo district, as a stored road network. */
export function gridRoads(seed: number, side: number): RoadNetwork {
  const rand = seededRandom(seed);
  const at = (x: number, y: number) => [
    +(AREA[0] + ((x + (rand() - 0.5) * 0.2) * (AREA[2] - AREA[0])) / (side - 1)).toFixed(6),
    +(AREA[1] + ((y + (rand() - 0.5) * 0.2) * (AREA[3] - AREA[1])) / (side - 1)).toFixed(6),
  ];
  const grid = Array.from({ length: side }, (_, y) => Array.from({ length: side }, (_, x) => at(x, y)));
  const features = [];
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (x + 1 < side) features.push({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [grid[y][x], grid[y][x + 1]] } });
      if (y + 1 < side) features.push({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [grid[y][x], grid[y + 1][x]] } });
    }
  }
  const read = readRoadNetwork({ type: 'FeatureCollection', features } as never, { file: 'grid.geojson' });
  if (!read.network) throw new Error('no roads');
  return read.network;
}

/** The demo store (people, supporters, shelters) with flood and landslide zones and a road grid. */
export async function openEngineDb(): Promise<HinanDatabase> {
  const db = await openDemoDb();
  await commitHazardZones(db, [...zonesOver(1, 60, 'flood', 'flood.geojson'), ...zonesOver(2, 60, 'landslide', 'landslide.geojson')]);
  await commitRoadNetwork(db, gridRoads(3, 45));
  return db;
}
