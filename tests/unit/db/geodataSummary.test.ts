import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commitHazardZones, commitRoadNetwork, geodataSummary } from '../../../src/db/geodata';
import { readHazardZones } from '../../../src/io/hazardZones';
import { readRoadNetwork } from '../../../src/io/roadNetwork';
import { openTestDb } from './demoStore';

/** Real files (../shared/data/SOURCES.md): PLATEAU 沼津市 土砂災害警戒区域 and an OSM walking network. */
const HAZARD_FILE = 'landslide_zones_numazu_plateau.geojson';
const hazards = readHazardZones(readFileSync(`../shared/data/hazards/${HAZARD_FILE}`), { file: HAZARD_FILE, hazard: 'landslide' });
const ROAD_FILE = 'osm_walk_network_otemachi_350m.geojson';
const roads = readRoadNetwork(readFileSync(`../shared/data/roads/${ROAD_FILE}`, 'utf8'), { file: ROAD_FILE });

describe('geodataSummary: what the page knows of hazard zones and roads without loading them', () => {
  it('counts zones, lists coverage and road files, and changes its revision on every import — even of the same file', async () => {
    const db = openTestDb();
    const empty = await geodataSummary(db);
    expect(empty).toMatchObject({ hazardZoneCount: 0, hazardCoverage: [], hazardsWithZones: [], roadFiles: [] });

    await commitHazardZones(db, hazards.records);
    const withZones = await geodataSummary(db);
    expect(withZones.hazardZoneCount).toBe(hazards.records.length);
    expect(withZones.hazardsWithZones).toEqual(['landslide']);
    expect(withZones.revision).not.toBe(empty.revision);

    // The same file again (same count, same extent): the tiles and the engine's index must still be rebuilt.
    await commitHazardZones(db, hazards.records);
    const again = await geodataSummary(db);
    expect(again.hazardZoneCount).toBe(hazards.records.length);
    expect(again.revision).not.toBe(withZones.revision);

    await commitRoadNetwork(db, roads.network!);
    const withRoads = await geodataSummary(db);
    expect(withRoads.roadFiles).toEqual([ROAD_FILE]);
    expect(withRoads.revision).not.toBe(again.revision);
    // Reading twice without a change gives the same revision (caches keep what they built).
    expect((await geodataSummary(db)).revision).toBe(withRoads.revision);
  });
});
