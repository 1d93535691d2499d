import { coverageOfZones } from '../../../src/core/hazardCoverage';
import type { HazardType } from '../../../src/core/hazard';
import { HazardIndex } from '../../../src/core/hazardAtHome';
import type { HazardReading } from '../../../src/core/hazardReading';
import type { HazardZone } from '../../../src/core/hazardZone';
import type { Person } from '../../../src/core/person';
import { buildRoadGraph, edgesInHazardZones, NodeSnapper } from '../../../src/core/roadGraph';
import type { Shelter } from '../../../src/core/shelter';
import type { Supporter } from '../../../src/core/supporter';
import type { EngineScope } from '../../../src/workers/engineProtocol';
import type { EngineRoads, EngineStoreView } from '../../../src/workers/engineStore';

/** The scope every test asks with (the in-memory store ignores it: it holds one store). */
export const TEST_SCOPE: EngineScope = { dbName: 'test', districtId: null, storeKey: 1, geodataRevision: 'r1' };

/** What an in-memory store holds: arrays as the worker would read them from IndexedDB; roads as polylines `[[lng, lat], …]`. */
export interface MemoryStoreData {
  people?: Person[];
  supporters?: Supporter[];
  shelters?: Shelter[];
  zones?: HazardZone[];
  roads?: number[][][];
  hazardReadings?: HazardReading[];
}

/**
 * An `EngineStoreView` over arrays (the real one in the worker reads IndexedDB and is tested by the
 * engine's own tests). Built things are kept as the worker keeps them: one graph, one index, one
 * closed-edge mask per hazard; each getter returns the same array every time, as the worker's cache does.
 */
export function memoryEngineStore(data: MemoryStoreData): EngineStoreView & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const count = (name: string) => void (calls[name] = (calls[name] ?? 0) + 1);
  const zones = data.zones ?? [];
  let index: HazardIndex | null = null;
  let roads: EngineRoads | null | undefined;
  const closed = new Map<HazardType, Uint8Array | null>();
  const hazardIndex = () => (index ??= new HazardIndex(zones));
  const roadsOf = (): EngineRoads | null => {
    if (roads === undefined) {
      if (!data.roads?.length) roads = null;
      else {
        const graph = buildRoadGraph(data.roads);
        roads = { graph, snapper: new NodeSnapper(graph) };
      }
    }
    return roads;
  };
  const coverage = coverageOfZones(zones);
  return {
    calls,
    people: async () => (count('people'), data.people ?? []),
    supporters: async () => (count('supporters'), data.supporters ?? []),
    shelters: async () => (count('shelters'), data.shelters ?? []),
    hazardZones: async () => (count('hazardZones'), zones),
    hazardCoverage: async () => (count('hazardCoverage'), coverage),
    hazardReadings: async () => (count('hazardReadings'), data.hazardReadings ?? []),
    hazardIndex: async () => (count('hazardIndex'), hazardIndex()),
    roads: async () => (count('roads'), roadsOf()),
    closedEdges: async (_scope, hazard) => {
      count('closedEdges');
      const r = roadsOf();
      if (!r || !zones.some((z) => z.hazard === hazard)) return null;
      if (!closed.has(hazard)) closed.set(hazard, edgesInHazardZones(r.graph, hazardIndex(), (z) => z.hazard === hazard));
      return closed.get(hazard)!;
    },
  };
}

/** A hazard zone: the rectangle `[west, south, east, north]` degrees. */
export function rectZone(id: string, hazard: HazardType, [w, s, e, n]: [number, number, number, number]): HazardZone {
  return {
    id,
    hazard,
    depthClass: null,
    name: `区域${id}`,
    geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] },
    bbox: [w, s, e, n],
    source: 'test.geojson',
  };
}

/** A 6 × 6 street grid, ~44 m blocks, south-west corner at (139.95, 37.52): its polylines. */
export function gridRoads(): number[][][] {
  const xs = Array.from({ length: 6 }, (_, i) => 139.95 + i * 0.0005);
  const ys = Array.from({ length: 6 }, (_, j) => 37.52 + j * 0.0004);
  return [...xs.map((x) => ys.map((y) => [x, y])), ...ys.map((y) => xs.map((x) => [x, y]))];
}
