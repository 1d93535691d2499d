import { GEODATA_TILE_LAYERS, type GeodataTileLayer } from '../io/geodataTiles';
import type { GeodataSummary } from '../db/geodata';
import { builtLayers, openTileStore, readTile, writeLayerTiles, type TileDatabase } from '../db/tileStore';
import { errorMessage } from '../core/thrown';
import { showGeodataTiles, type ShowGeodataOptions } from '../map/geodataLayers';
import type { MapLibreMap } from '../map/maplibre';
import { registerTileProtocol } from '../map/tileProtocol';
import { buildTilesInWorker } from '../workers/tileClient';

/**
 * The maps' supply of hazard-zone and road tiles (issue 12): the `hinan-tiles://` loader reading
 * the tile store (db/tileStore.ts), and the check a map makes when it opens or the store's
 * geodata revision changes: are the stored tiles built from it? If not, the tile worker builds
 * them (workers/tileClient.ts) while the map shows the tiles it has and says so.
 */

/** The revision each layer's stored tiles are built from (a layer never built is absent). */
type BuiltRevisions = Partial<Record<GeodataTileLayer, string>>;

let open: { dbName: string; store: TileDatabase } | null = null;

/** The tile store of the store named `dbName`, one connection per page. */
function tileStore(dbName: string): TileDatabase {
  if (open?.dbName !== dbName) {
    open?.store.close();
    open = { dbName, store: openTileStore(dbName) };
  }
  return open.store;
}

/** Points the `hinan-tiles://` protocol at the tile store of the store named `dbName`. */
function installTileLoader(dbName: string): void {
  registerTileProtocol((layer, z, x, y) => readTile(tileStore(dbName), layer, z, x, y));
}

async function builtRevisions(dbName: string): Promise<BuiltRevisions> {
  const out: BuiltRevisions = {};
  for (const s of await builtLayers(tileStore(dbName))) out[s.layer] = s.revision;
  return out;
}

/** Whether every layer is built (from some revision). */
function allBuilt(r: BuiltRevisions): r is Record<GeodataTileLayer, string> {
  return GEODATA_TILE_LAYERS.every((l) => r[l] !== undefined);
}

interface TileSupplyCallbacks {
  /** The stored tiles to draw now: called with what is stored first, then again after a build. */
  show(revisions: Record<GeodataTileLayer, string>): void;
  /** A build in the tile worker started (true) or ended (false). */
  building(on: boolean): void;
}

/**
 * Makes the stored tiles of the store named `dbName` those of `revision` (its `GeodataSummary.revision`).
 * `empty`: the store holds no zone and no road, so the layers are emptied here without the worker.
 * Rejects with a Japanese message when the build fails.
 */
async function supplyTiles(dbName: string, revision: string, on: TileSupplyCallbacks, empty = false): Promise<void> {
  installTileLoader(dbName);
  const stored = await builtRevisions(dbName);
  if (allBuilt(stored)) on.show(stored);
  if (GEODATA_TILE_LAYERS.every((l) => stored[l] === revision)) return;
  if (empty) {
    for (const layer of GEODATA_TILE_LAYERS) if (stored[layer] !== revision) await writeLayerTiles(tileStore(dbName), layer, revision, []);
  } else {
    on.building(true);
    try {
      // A build already running (for an older revision) is shared; the worker reads the store's
      // revision when it starts, so one more build catches up with a change made meanwhile.
      const first = await buildTilesInWorker(dbName);
      if (first.revision !== revision) await buildTilesInWorker(dbName);
    } finally {
      on.building(false);
    }
  }
  const now = await builtRevisions(dbName);
  if (allBuilt(now)) on.show(now);
}

/** Whether the store holds no hazard zone and no road (the tiles are emptied without the worker). */
export function geodataEmpty(summary: Pick<GeodataSummary, 'hazardZoneCount' | 'roadFiles'>): boolean {
  return summary.hazardZoneCount === 0 && summary.roadFiles.length === 0;
}

/** What a map's screen shows of its tile supply: a build running, or why it failed (Japanese). */
export interface TileSupplyStatus {
  building(on: boolean): void;
  failed(message: string | null): void;
}

/**
 * The tile supply of one map for one store revision (a map screen's `$effect`): supplies the
 * tiles (supplyTiles), draws them on `map` with showGeodataTiles(`layers()`) each time they are
 * ready, then calls `shown`, and reports building and failure to `status`. `empty`: the store
 * holds no zone and no road. Returns the effect's cleanup: after it, nothing more is drawn or reported.
 */
export function followGeodataTiles(
  map: MapLibreMap,
  dbName: string,
  revision: string,
  options: { empty: boolean; layers: () => ShowGeodataOptions; shown?: () => void; status: TileSupplyStatus },
): () => void {
  let live = true;
  options.status.building(false);
  options.status.failed(null);
  supplyTiles(
    dbName,
    revision,
    {
      show: (revisions) => {
        if (!live) return;
        showGeodataTiles(map, revisions, options.layers());
        options.shown?.();
      },
      building: (on) => {
        if (live) options.status.building(on);
      },
    },
    options.empty,
  ).catch((err: unknown) => {
    if (live) options.status.failed(errorMessage(err));
  });
  return () => {
    live = false;
  };
}
