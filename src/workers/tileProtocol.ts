import type { TileLayerState } from '../db/tileStore';

/**
 * Messages to the tile worker (workers/tileWorker.ts): build the map's vector tiles of the store
 * named `dbName` (its hazard zones and road networks) wherever they are not built from the store's
 * current revision.
 */
export type TileRequest = { id: number; type: 'build'; dbName: string };

export type TileResponse =
  | { id: number; type: 'progress'; stage: string; done: number; total: number }
  /** `revision`: the store revision the tiles are built from now; `built`: the layers written by this request. */
  | { id: number; type: 'built'; revision: string; built: TileLayerState[] }
  | { id: number; type: 'failed'; message: string };
