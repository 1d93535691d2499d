import { GeoJSONVT, type GeoJSONVTFeature } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { HazardZone } from '../core/hazardZone';
import { GEODATA_TILE_EXTENT, GEODATA_TILE_LAYERS, GEODATA_TILE_MAX_ZOOM, type GeodataTileLayer, type HazardTileProperties } from '../io/geodataTiles';
import { roadLines, type RoadNetwork } from '../io/roadNetwork';
import { geodataSummary, listHazardZones, listRoadNetworks } from '../db/geodata';
import type { HinanDatabase } from '../db/schema';
import { builtRevision, writeLayerTiles, type EncodedTile, type TileDatabase, type TileLayerState } from '../db/tileStore';

/**
 * Makes the map's vector tiles of the stored hazard zones and road networks (issue 12), once per
 * store revision, so the map never loads the polygons or roads: geojson-vt cuts and simplifies
 * them per tile, vt-pbf encodes each tile, and the tiles go to the tile store (db/tileStore.ts).
 * Runs in the tile worker (workers/tileWorker.ts); also callable from any other worker or in Node.
 */

/** Progress: `stage` in Japanese, `done` of `total` steps. */
export type TileProgress = (stage: string, done: number, total: number) => void;

/**
 * Simplification tolerance in tile units (of GEODATA_TILE_EXTENT): 3/4096 of a tile is 0.375 px of
 * a 512 px tile, MapLibre's own default for GeoJSON sources. The tiles of the highest zoom keep
 * every vertex (geojson-vt does not simplify at maxZoom), so a closer look stays exact.
 */
const TOLERANCE = 3;
/** Tile buffer in tile units: 64/4096 of a tile (8 px of a 512 px tile), enough for the 3 px road lines and fill edges. */
const BUFFER = 64;
/**
 * From this zoom on, a tile that lies wholly inside its zones (every feature one full square, no
 * hole in the tile) is stored once as `solid` and not descended into: its descendants would be the
 * same square, and the tile loader serves them from it (db/tileStore.ts `readTile`). A 20° polygon
 * would otherwise cost a million tiles. The shortcut can miss a hole or a notch of a zone's edge
 * smaller than geojson-vt's tolerance at this zoom (about 30 m across), which the tile drops; the
 * engine always uses the exact polygons.
 */
export const SOLID_MIN_ZOOM = 10;

const STAGES: Record<GeodataTileLayer, string> = {
  hazards: 'ハザード区域の地図データを作っています',
  roads: '道路網の地図データを作っています',
};

/** Hazard zones as GeoJSON features for tiling, `[lng, lat]`; feature `i`'s id is `i`. */
export function hazardTileFeatures(zones: readonly HazardZone[]): FeatureCollection<Polygon | MultiPolygon, HazardTileProperties> {
  return {
    type: 'FeatureCollection',
    features: zones.map((z, i) => ({
      type: 'Feature',
      id: i,
      geometry: z.geometry,
      properties: { hazard: z.hazard, name: z.name, ...(z.depthClass ? { depthClass: z.depthClass } : {}) },
    })),
  };
}

/** Road networks as GeoJSON lines for tiling, `[lng, lat]`. */
export function roadTileFeatures(networks: readonly RoadNetwork[]): FeatureCollection<LineString> {
  const features: Feature<LineString>[] = [];
  for (const n of networks) for (const line of roadLines(n)) features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates: line }, properties: {} });
  return { type: 'FeatureCollection', features };
}

/**
 * Every non-empty tile of `data` from zoom 0 to GEODATA_TILE_MAX_ZOOM, encoded as a Mapbox Vector
 * Tile with one layer named `layer`. Tiles are visited depth first, and a tile that no feature
 * reaches is not descended into. `onProgress(done, total)` counts tiles of the highest zoom within
 * the data's extent (total is that extent's tile count: an upper bound).
 */
export function encodeVectorTiles(data: FeatureCollection, layer: string, onProgress?: (done: number, total: number) => void): EncodedTile[] {

  const out: EncodedTile[] = [];
  if (data.features.length === 0) return out;
  const index = new GeoJSONVT(data, { maxZoom: GEODATA_TILE_MAX_ZOOM, tolerance: TOLERANCE, extent: GEODATA_TILE_EXTENT, buffer: BUFFER });
  const maxZ = GEODATA_TILE_MAX_ZOOM;
  const top = index.getTile(0, 0, 0);
  if (!top) return out;
  // The data's extent in tiles of the highest zoom (minX… are positions in the unit square of tile 0/0/0).
  const n = 2 ** maxZ;
  const span = (lo = 0, hi = 1) => Math.max(1, Math.ceil(Math.min(1, hi) * n) - Math.floor(Math.max(0, lo) * n));
  const total = span(top.minX, top.maxX) * span(top.minY, top.maxY);
  let done = 0;
  const stack: number[] = [0, 0, 0];
  while (stack.length) {
    const y = stack.pop()!, x = stack.pop()!, z = stack.pop()!;
    const tile = z === 0 ? top : index.getTile(z, x, y);
    // numFeatures counts the features clipped into the tile; `features` only those left after
    // simplification (a polygon smaller than the tolerance is dropped at low zooms, yet shows further in).
    if (!tile || !tile.numFeatures) continue;
    if (tile.features.length) {
      const bytes = fromGeojsonVt({ [layer]: tile }, { version: 2, extent: GEODATA_TILE_EXTENT });
      // A compact copy: the encoder's buffer is larger than the tile.
      const solid = z >= SOLID_MIN_ZOOM && z < maxZ && isSolid(tile.features);
      out.push({ z, x, y, bytes: bytes.slice().buffer, ...(solid ? { solid } : {}) });
      if (solid) {
        if (onProgress) done += 4 ** (maxZ - z);
        continue;
      }
    }
    if (z < maxZ) {
      for (const [dx, dy] of [[1, 1], [0, 1], [1, 0], [0, 0]]) stack.push(z + 1, 2 * x + dx, 2 * y + dy);
    } else if (onProgress && ++done % 64 === 0) onProgress(Math.min(done, total), total);
  }
  onProgress?.(total, total);
  return out;
}

/** Whether every feature of a geojson-vt tile is one polygon ring (no hole in the tile) covering the whole buffered tile. */
function isSolid(features: readonly GeoJSONVTFeature[]): boolean {
  const lo = -BUFFER, hi = GEODATA_TILE_EXTENT + BUFFER;
  for (const f of features) {
    if (f.type !== 3) return false;
    const rings = f.geometry;
    if (rings.length !== 1 || rings[0].length > 5) return false;
    const corners = new Set<string>();
    for (const [x, y] of rings[0]) {
      if ((x !== lo && x !== hi) || (y !== lo && y !== hi)) return false;
      corners.add(`${x},${y}`);
    }
    if (corners.size !== 4) return false;
  }
  return features.length > 0;
}

/** What a build did. */
export interface TileBuildResult {
  /** The store revision the tiles are now built from. */
  revision: string;
  /** The layers built now (empty when every layer was built from `revision` already). */
  built: TileLayerState[];
}

/**
 * Builds the tiles of every layer not yet built from the store's current revision, reading the
 * zones and roads and the revision in one read transaction (so the tiles are what the revision
 * says), then writing each layer in its own transaction (tileStore.writeLayerTiles).
 */
export async function buildGeodataTiles(db: HinanDatabase, store: TileDatabase, onProgress: TileProgress = () => {}): Promise<TileBuildResult> {
  const current = (await db.transaction('r', db.hazardCoverage, db.hazardZones, db.roadNetworks, db.meta, () => geodataSummary(db))).revision;
  const stale: GeodataTileLayer[] = [];
  for (const layer of GEODATA_TILE_LAYERS) if ((await builtRevision(store, layer)) !== current) stale.push(layer);
  if (!stale.length) return { revision: current, built: [] };

  onProgress('地図の区域データを読んでいます', 0, stale.length);
  const read = await db.transaction('r', db.hazardCoverage, db.hazardZones, db.roadNetworks, db.meta, async () => {
    const summary = await geodataSummary(db);
    const data: Partial<Record<GeodataTileLayer, FeatureCollection>> = {};
    // Empty layers are not read: their tiles are simply removed.
    if (stale.includes('hazards')) data.hazards = summary.hazardZoneCount ? hazardTileFeatures(await listHazardZones(db)) : emptyCollection();
    if (stale.includes('roads')) data.roads = summary.roadFiles.length ? roadTileFeatures((await listRoadNetworks(db)).map((r) => r.network)) : emptyCollection();
    return { revision: summary.revision, data };
  });

  const built: TileLayerState[] = [];
  for (const layer of stale) {
    const stage = STAGES[layer];
    const tiles = encodeVectorTiles(read.data[layer]!, layer, (done, total) => onProgress(stage, done, total));
    delete read.data[layer];
    // The store changed while these were made (another tab imported): never write tiles older than
    // what another build may already have stored; the caller builds again for the new revision.
    const now = (await db.transaction('r', db.hazardCoverage, db.hazardZones, db.roadNetworks, db.meta, () => geodataSummary(db))).revision;
    if (now !== read.revision) return { revision: now, built };
    onProgress('地図データを保存しています', 0, 1);
    built.push(await writeLayerTiles(store, layer, read.revision, tiles));
  }
  return { revision: read.revision, built };
}

function emptyCollection(): FeatureCollection {
  return { type: 'FeatureCollection', features: [] };
}
