import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import { commitHazardZones, commitRoadNetwork, geodataSummary, listHazardZones } from '../../../src/db/geodata';
import { eraseAll } from '../../../src/db/eraseAll';
import { builtLayers, builtRevision, openTileStore, readTile, tileDatabaseName, writeLayerTiles, type TileDatabase } from '../../../src/db/tileStore';
import type { HazardZone } from '../../../src/core/hazardZone';
import { readHazardZones } from '../../../src/io/hazardZones';
import { readRoadNetwork } from '../../../src/io/roadNetwork';
import { GEODATA_TILE_MAX_ZOOM } from '../../../src/io/geodataTiles';
import { buildGeodataTiles } from '../../../src/workers/tileBuild';
import { MemoryStorage } from '../support/memoryStorage';
import { openTestDb } from '../db/demoStore';

/** The real PLATEAU 沼津市 土砂災害警戒区域 file (tests/fixtures/hazards/README.md). */
const HAZARD_FILE = 'landslide_zones_numazu_plateau.geojson';
const zones = readHazardZones(readFileSync(`tests/fixtures/hazards/${HAZARD_FILE}`), { file: HAZARD_FILE, hazard: 'landslide' }).records;
/** The OpenStreetMap walking network of 大手町 (tests/fixtures/roads/README.md). */
const ROAD_FILE = 'osm_walk_network_otemachi_350m.geojson';
const roads = readRoadNetwork(readFileSync(`tests/fixtures/roads/${ROAD_FILE}`), { file: ROAD_FILE }).network!;

/** Tile `z/x/y` holding `[lng, lat]` (web mercator). */
function tileAt([lng, lat]: [number, number], z: number): [number, number, number] {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [z, Math.floor(((lng + 180) / 360) * n), Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n)];
}

/** The features of layer `layer` in a stored tile, as GeoJSON `[lng, lat]`. */
async function decoded(store: TileDatabase, layer: 'hazards' | 'roads', [z, x, y]: [number, number, number]): Promise<Feature[]> {
  const bytes = await readTile(store, layer, z, x, y);
  if (!bytes) return [];
  const tile = new VectorTile(new PbfReader(bytes));
  const l = tile.layers[layer];
  return Array.from({ length: l?.length ?? 0 }, (_, i) => l.feature(i).toGeoJSON(x, y, z));
}

/** Whether `[lng, lat]` lies inside a Polygon or MultiPolygon (even-odd over every ring, holes included). */
function inside([x, y]: [number, number], g: Geometry): boolean {
  const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** A point well inside a zone: the vertex average of its outer ring, if inside, else a point found along its rings. */
function pointInside(zone: HazardZone): [number, number] {
  const polygon = (zone.geometry.type === 'Polygon' ? zone.geometry.coordinates : zone.geometry.coordinates[0]) as [number, number][][];
  const ring = polygon[0];
  const c: [number, number] = [ring.reduce((s, p) => s + p[0], 0) / ring.length, ring.reduce((s, p) => s + p[1], 0) / ring.length];
  if (inside(c, zone.geometry)) return c;
  for (let i = 0; i < ring.length; i++) {
    const j = Math.floor(ring.length / 2 + i) % ring.length;
    const m: [number, number] = [(ring[i][0] * 0.9 + ring[j][0] * 0.1), (ring[i][1] * 0.9 + ring[j][1] * 0.1)];
    if (inside(m, zone.geometry)) return m;
  }
  throw new Error('no interior point');
}

describe('vector tiles of the stored hazard zones and roads (tile worker)', () => {
  it('draws each stored zone in the tiles with its hazard, name, id and depth class, where it lies; roads as lines', async () => {
    const db = openTestDb();
    const store = openTileStore(db.name);
    await commitHazardZones(db, zones);
    await commitRoadNetwork(db, roads);
    const { revision } = await geodataSummary(db);
    const stages = new Set<string>();

    const r = await buildGeodataTiles(db, store, (stage) => stages.add(stage));
    expect(r.revision).toBe(revision);
    expect(r.built.map((b) => [b.layer, b.revision])).toEqual([['hazards', revision], ['roads', revision]]);
    expect(await builtRevision(store, 'hazards')).toBe(revision);
    expect([...stages]).toContain('ハザード区域の地図データを作っています');

    // Every zone, at the highest zoom: the tile under a point inside it holds a polygon with its
    // properties that contains that point (the geometry is where the zone is). A feature's id is its
    // zone's place in the store's order.
    const stored = await listHazardZones(db);
    for (const [i, zone] of stored.entries()) {
      const p = pointInside(zone);
      const features = await decoded(store, 'hazards', tileAt(p, GEODATA_TILE_MAX_ZOOM));
      const mine = features.filter((f) => f.id === i);
      expect(mine.length, zone.id).toBeGreaterThan(0);
      expect(mine[0].properties).toEqual({ hazard: 'landslide', name: zone.name, ...(zone.depthClass ? { depthClass: zone.depthClass } : {}) });
      expect(mine.some((f) => inside(p, f.geometry)), zone.id).toBe(true);
    }
    expect(stored).toHaveLength(zones.length);
    expect(zones.some((z) => z.depthClass)).toBe(true);
    // Zoomed out, one tile holds the zones large enough to see (smaller ones are simplified away there);
    // far away, no tile at all.
    const z8 = await decoded(store, 'hazards', tileAt(pointInside(zones[0]), 8));
    expect(z8.length).toBeGreaterThan(10);
    expect(z8.every((f) => Number(f.id) < zones.length && f.properties!.hazard === 'landslide')).toBe(true);
    expect(await readTile(store, 'hazards', ...tileAt([139.93, 37.5], 14))).toBeNull();

    // Roads: a line in the tile of one of the network's vertices, near that vertex.
    const v: [number, number] = [roads.coords[0], roads.coords[1]];
    const lines = await decoded(store, 'roads', tileAt(v, GEODATA_TILE_MAX_ZOOM));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((f) => f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString')).toBe(true);
    const vertices = lines.flatMap((f) => (f.geometry.type === 'LineString' ? f.geometry.coordinates : (f.geometry as { coordinates: number[][][] }).coordinates.flat()));
    expect(Math.min(...vertices.map(([lng, lat]) => Math.hypot(lng - v[0], lat - v[1])))).toBeLessThan(1e-5);

    // Built from the current revision: asking again builds nothing.
    expect((await buildGeodataTiles(db, store)).built).toEqual([]);
    store.close();
    await store.delete();
  });

  it('a rebuild replaces the layer of the old revision in one step; a failed write leaves the old tiles served', async () => {
    const db = openTestDb();
    const store = openTileStore(db.name);
    await commitHazardZones(db, zones);
    const first = await buildGeodataTiles(db, store);
    const before = await builtLayers(store);
    const tile = tileAt(pointInside(zones[0]), GEODATA_TILE_MAX_ZOOM);
    const oldBytes = await readTile(store, 'hazards', ...tile);
    expect(oldBytes).not.toBeNull();

    // A write that fails half-way (a tile that cannot be stored) changes nothing.
    const good = { z: 1, x: 1, y: 0, bytes: new ArrayBuffer(4) };
    const bad = { z: 1, x: 1, y: 1, bytes: (() => 0) as unknown as ArrayBuffer };
    await expect(writeLayerTiles(store, 'hazards', 'broken', [good, ...Array(600).fill(good), bad])).rejects.toThrow();
    expect(await builtLayers(store)).toEqual(before);
    expect(await readTile(store, 'hazards', ...tile)).toEqual(oldBytes);

    // The zones are replaced by others far away (another file, the old one removed): the store's revision
    // changes, the old tiles stay served until the rebuild, which leaves none of them.
    await db.hazardZones.clear();
    await db.hazardCoverage.clear();
    const moved = zones.slice(0, 3).map((z) => shifted(z, 0.5));
    await commitHazardZones(db, moved);
    const { revision } = await geodataSummary(db);
    expect(revision).not.toBe(first.revision);
    expect(await builtRevision(store, 'hazards')).toBe(first.revision);
    const second = await buildGeodataTiles(db, store);
    expect(second.revision).toBe(revision);
    expect(await builtRevision(store, 'hazards')).toBe(revision);
    expect(await readTile(store, 'hazards', ...tile)).toBeNull();
    for (const zone of moved) {
      const names = (await decoded(store, 'hazards', tileAt(pointInside(zone), GEODATA_TILE_MAX_ZOOM))).map((f) => f.properties!.name);
      expect(names).toContain(zone.name);
      expect(names.every((n) => String(n).endsWith('（移動）'))).toBe(true);
    }
    // Roads were never imported: the layer is built, empty.
    expect((await builtLayers(store)).find((l) => l.layer === 'roads')).toMatchObject({ revision, tiles: 0 });
    store.close();
    await store.delete();
  });

  it('a zone of 20° × 20° costs hundreds of tiles, not a million: tiles wholly inside are stored once and serve their descendants', async () => {
    const db = openTestDb();
    const store = openTileStore(db.name);
    const square: [number, number][] = [[130, 28], [150, 28], [150, 45], [130, 45], [130, 28]];
    const big: HazardZone = { id: 'big', hazard: 'flood', depthClass: '3.0m以上5.0m未満', name: '広い区域', code: null, geometry: { type: 'Polygon', coordinates: [square] }, bbox: [130, 28, 150, 45], source: 'big.geojson' };
    await commitHazardZones(db, [big]);
    const built = await buildGeodataTiles(db, store);
    expect(built.built[0].tiles).toBeLessThan(60_000);
    // Deep inside, at the highest zoom: the zone is there (from a stored ancestor), with its properties.
    const inside = tileAt([139.93, 37.5], GEODATA_TILE_MAX_ZOOM);
    const features = await decoded(store, 'hazards', inside);
    expect(features.map((f) => f.properties)).toEqual([{ hazard: 'flood', name: '広い区域', depthClass: '3.0m以上5.0m未満' }]);
    // Outside the zone nothing is served, also below a stored tile.
    expect(await decoded(store, 'hazards', tileAt([155, 37.5], GEODATA_TILE_MAX_ZOOM))).toEqual([]);
    // A tile with a hole of the zone in it is not taken as solid: at the highest zoom, inside the hole,
    // the tile still carries the hole (a second ring), so nothing is filled there.
    const hole: [number, number][] = [[139.9, 37.45], [139.9, 37.55], [140.0, 37.55], [140.0, 37.45], [139.9, 37.45]];
    await commitHazardZones(db, [{ ...big, geometry: { type: 'Polygon', coordinates: [square, hole] } }]);
    await buildGeodataTiles(db, store);
    const inHole = await decoded(store, 'hazards', tileAt([139.95, 37.5], GEODATA_TILE_MAX_ZOOM));
    expect(inHole.map((f) => (f.geometry as Geometry & { coordinates: unknown[] }).coordinates.length)).toEqual([2]);
  });

  it('erasing the store deletes its tile database', async () => {
    const db = openTestDb();
    const store = openTileStore(db.name);
    await commitHazardZones(db, zones);
    await buildGeodataTiles(db, store);
    expect(await Dexie.exists(tileDatabaseName(db.name))).toBe(true);
    // The page keeps its tile store open while erasing (the map's tile loader): the delete still goes through.
    await eraseAll(db, { storage: new MemoryStorage() });
    expect(await Dexie.exists(tileDatabaseName(db.name))).toBe(false);
    store.close();
  });
});

/** `zone` moved `d` degrees east, with another id and name. */
function shifted(zone: HazardZone, d: number): HazardZone {
  const move = (ring: number[][]) => ring.map(([lng, lat]) => [lng + d, lat]);
  const geometry = zone.geometry.type === 'Polygon' ? { type: 'Polygon' as const, coordinates: zone.geometry.coordinates.map(move) } : { type: 'MultiPolygon' as const, coordinates: zone.geometry.coordinates.map((p) => p.map(move)) };
  const [w, s, e, n] = zone.bbox;
  return { ...zone, id: `${zone.id}-moved`, name: `${zone.name}（移動）`, source: 'moved.geojson', geometry, bbox: [w + d, s, e + d, n] };
}
