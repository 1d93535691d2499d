import type { HazardZone } from '../core/hazardZone';
import { validateHazardZone } from '../core/hazardZone';
import { coverageOfZones, type HazardCoverage } from '../core/hazardCoverage';
import type { RoadNetwork } from '../io/roadNetwork';
import { requestPersistentStorage } from './persistence';
import { readAllPaged } from './paged';
import { assertAllValidYielding } from './records';
import type { HinanDatabase, StoredRoadNetwork } from './schema';
import type { HazardType } from '../core/hazard';

/** `meta` key of a random id written whenever an import replaces hazard zones or a road network. */
export const GEODATA_STAMP_KEY = 'geodataStamp';

/**
 * What the page knows of the stored hazard zones and road networks without loading them: the
 * polygons and the roads stay in IndexedDB and are read by the engine and tile workers. `revision`
 * changes whenever any of them changes (counts, coverage, file names, the import stamp), so the
 * workers' caches and the map's tile URLs follow it.
 */
export interface GeodataSummary {
  revision: string;
  hazardZoneCount: number;
  /** One row per imported hazard file (source, hazard, extent): small. */
  hazardCoverage: HazardCoverage[];
  /** Hazards with at least one stored zone, in coverage order. */
  hazardsWithZones: HazardType[];
  /** File names of the stored road networks. */
  roadFiles: string[];
}

/** Reads the summary (cheap: counts, keys and one small table). Use inside a liveQuery. */
export async function geodataSummary(db: HinanDatabase): Promise<GeodataSummary> {
  const [hazardZoneCount, hazardCoverage, roadKeys, stamp] = await Promise.all([
    db.hazardZones.count(),
    db.hazardCoverage.toArray(),
    db.roadNetworks.toCollection().primaryKeys(),
    db.meta.get(GEODATA_STAMP_KEY),
  ]);
  const roadFiles = roadKeys.map(String);
  const hazardsWithZones = [...new Set(hazardCoverage.map((c) => c.hazard))];
  const revision = JSON.stringify([hazardZoneCount, hazardCoverage.map((c) => [c.source, c.hazard, ...c.bbox]), roadFiles, stamp?.value ?? null]);
  return { revision, hazardZoneCount, hazardCoverage, hazardsWithZones, roadFiles };
}

/** A new import stamp (call inside the transaction that writes zones or roads; needs `db.meta` in it). */
export async function stampGeodata(db: HinanDatabase): Promise<void> {
  await db.meta.put({ key: GEODATA_STAMP_KEY, value: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}` });
}

/** Zones written per bulk call: small, so the page stays responsive between calls. */
const CHUNK = 1000;

/**
 * Stores imported hazard zones in one transaction (all or nothing), replacing the zones of the
 * same source file so a re-import does not double them, with each file's coverage (hazard type and
 * the extent of its zones: where a home in none of them is 「区域外」). `onProgress(done, total)` per chunk.
 */
export async function commitHazardZones(db: HinanDatabase, zones: HazardZone[], onProgress?: (done: number, total: number) => void): Promise<number> {
  await assertAllValidYielding(zones, validateHazardZone, (z) => `ハザード区域「${z.name || z.id}」`);
  await requestPersistentStorage();
  const files = [...new Set(zones.map((z) => z.source))];
  const coverage = coverageOfZones(zones);
  await db.transaction('rw', db.hazardZones, db.hazardCoverage, db.meta, async () => {
    await stampGeodata(db);
    await db.hazardZones.where('source').anyOf(files).delete();
    await db.hazardCoverage.where('source').anyOf(files).delete();
    await db.hazardCoverage.bulkPut(coverage);
    for (let i = 0; i < zones.length; i += CHUNK) {
      await db.hazardZones.bulkPut(zones.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, zones.length), zones.length);
    }
  });
  return zones.length;
}

/** All stored hazard zones. */
export async function listHazardZones(db: HinanDatabase): Promise<HazardZone[]> {
  const zones: HazardZone[] = [];
  await readAllPaged(db.hazardZones, (page) => zones.push(...page));
  return zones;
}

/** The area each stored hazard file answers for (one row per file). */
export function listHazardCoverage(db: HinanDatabase): Promise<HazardCoverage[]> {
  return db.hazardCoverage.toArray();
}

/** Stores a road network under its file name (a re-import replaces it). */
export async function commitRoadNetwork(db: HinanDatabase, network: RoadNetwork): Promise<void> {
  await requestPersistentStorage();
  const row: StoredRoadNetwork = { id: network.source, importedAt: new Date().toISOString(), network };
  await db.transaction('rw', db.roadNetworks, db.meta, async () => {
    await db.roadNetworks.put(row);
    await stampGeodata(db);
  });
}

export function listRoadNetworks(db: HinanDatabase): Promise<StoredRoadNetwork[]> {
  return db.roadNetworks.toArray();
}
