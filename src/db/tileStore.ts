import Dexie, { type Table } from 'dexie';
import type { GeodataTileLayer } from '../io/geodataTiles';

/**
 * The map's vector tiles of the stored hazard zones and road networks (issue 12): a derived cache
 * in its own IndexedDB database, `${dbName}-tiles`, next to the store it was built from. It is not
 * part of the store's schema (db/schema.ts) nor of backups: the tile worker can always build it
 * again from the store, and does whenever its revision is not the store's (db/geodata.ts).
 *
 * A layer's tiles are replaced in one transaction together with the revision they were built
 * from, so a half-built layer is never served: a reader sees either the old tiles or the new ones.
 */

/** The layers the tile store holds (the vector tiles' source-layer names, io/geodataTiles.ts). */
export type TileLayerName = GeodataTileLayer;

/** One encoded tile: `key` is `layer/z/x/y`; `bytes` an uncompressed Mapbox Vector Tile (protobuf). */
export interface StoredTile {
  key: string;
  bytes: ArrayBuffer;
}

/** What one layer's tiles were built from. */
export interface TileLayerState {
  layer: TileLayerName;
  /** `GeodataSummary.revision` of the store when the tiles were built. */
  revision: string;
  /** Tiles stored for the layer (0 when the store holds nothing for it). */
  tiles: number;
  /** Encoded bytes of all the layer's tiles together. */
  bytes: number;
  /** ISO 8601 time of the build. */
  builtAt: string;
}

export class TileDatabase extends Dexie {
  tiles!: Table<StoredTile, string>;
  layers!: Table<TileLayerState, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ tiles: 'key', layers: 'layer' });
  }
}

/** Name of the tile database derived from the store named `dbName`. */
export function tileDatabaseName(dbName: string): string {
  return `${dbName}-tiles`;
}

/** Opens (lazily: on first use) the tile database of the store named `dbName`. */
export function openTileStore(dbName: string): TileDatabase {
  return new TileDatabase(tileDatabaseName(dbName));
}

/** The key of tile `z/x/y` of `layer`. */
function tileKey(layer: TileLayerName, z: number, x: number, y: number): string {
  return `${layer}/${z}/${x}/${y}`;
}

/** The key under which a `solid` tile (wholly inside its zones) is also stored, for its descendants. */
function solidTileKey(layer: TileLayerName, z: number, x: number, y: number): string {
  return `${layer}/solid/${z}/${x}/${y}`;
}

/**
 * The encoded tile `z/x/y` of `layer`, or null when the layer has nothing there. A tile not stored
 * because an ancestor was `solid` (workers/tileBuild.ts) is that ancestor's tile: the same full
 * square in its own coordinates.
 */
export async function readTile(store: TileDatabase, layer: TileLayerName, z: number, x: number, y: number): Promise<ArrayBuffer | null> {
  const own = await store.tiles.get(tileKey(layer, z, x, y));
  if (own) return own.bytes;
  const keys: string[] = [];
  for (let d = 1; d <= z; d++) keys.push(solidTileKey(layer, z - d, x >> d, y >> d));
  if (!keys.length) return null;
  return (await store.tiles.bulkGet(keys)).find((t) => t)?.bytes ?? null;
}

/** The revision `layer`'s stored tiles were built from, or null when it was never built. */
export async function builtRevision(store: TileDatabase, layer: TileLayerName): Promise<string | null> {
  return (await store.layers.get(layer))?.revision ?? null;
}

/** The state of every built layer. */
export function builtLayers(store: TileDatabase): Promise<TileLayerState[]> {
  return store.layers.toArray();
}

/** A tile to write: `z/x/y` and its encoded bytes; `solid`: wholly inside its zones, its descendants are not stored. */
export interface EncodedTile {
  z: number;
  x: number;
  y: number;
  bytes: ArrayBuffer;
  solid?: boolean;
}

/** Tiles put per bulk call (one transaction for the whole layer). */
const CHUNK = 500;

/**
 * Replaces every tile of `layer` with `tiles`, built from `revision`, in one transaction (all or
 * nothing): the old tiles are deleted, the new ones written and the layer's revision recorded together.
 */
export async function writeLayerTiles(store: TileDatabase, layer: TileLayerName, revision: string, tiles: readonly EncodedTile[]): Promise<TileLayerState> {
  const state: TileLayerState = { layer, revision, tiles: tiles.length, bytes: tiles.reduce((n, t) => n + t.bytes.byteLength, 0), builtAt: new Date().toISOString() };
  await store.transaction('rw', store.tiles, store.layers, async () => {
    await store.tiles.where('key').startsWith(`${layer}/`).delete();
    for (let i = 0; i < tiles.length; i += CHUNK) {
      await store.tiles.bulkPut(tiles.slice(i, i + CHUNK).map((t) => ({ key: tileKey(layer, t.z, t.x, t.y), bytes: t.bytes })));
      const solid = tiles.slice(i, i + CHUNK).filter((t) => t.solid);
      if (solid.length) await store.tiles.bulkPut(solid.map((t) => ({ key: solidTileKey(layer, t.z, t.x, t.y), bytes: t.bytes })));
    }
    await store.layers.put(state);
  });
  return state;
}

/** Deletes the tile database of the store named `dbName` (erasing the store erases its tiles too). */
export async function deleteTileStore(dbName: string): Promise<void> {
  await Dexie.delete(tileDatabaseName(dbName));
}
