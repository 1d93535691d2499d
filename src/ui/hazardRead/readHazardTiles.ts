import type { HazardReading } from '../../core/hazardReading';
import { readingsFromPixels, type HazardReadPlan, type TilePixels } from '../../core/hazardReadPlan';
import { japanToday } from '../../core/japanDate';
import { errorMessage } from '../../core/thrown';
import { TILE_SIZE } from '../../core/tileMath';
import { startHazardTileDecoder, type DecodedPixels } from '../../workers/hazardTileClient';

/** Requests in flight at once (a browser opens about six connections a host; the map needs some too). */
export const TILE_FETCH_CONCURRENCY = 4;

/** What a read gave: the readings (every subject × hazard of the plan) and counts for the run log. */
export interface HazardTilesRead {
  readings: HazardReading[];
  /** Tiles requested (every layer). */
  tiles: number;
  /** Tiles the portal does not have (404): their subjects are データなし. */
  missing: number;
  /** ISO time the read started, and its Japan date (each reading's readAt / readOn). */
  readAt: string;
  readOn: string;
}

export interface ReadHazardTilesOptions {
  /** Stops the read: it rejects with a Japanese message and nothing is returned. */
  signal?: AbortSignal;
  /** Called after each tile (fetched and decoded), with the tiles done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** A tile not answered within this time (milliseconds) stops the read, as a failure: a hung server must not leave the bar waiting for ever. */
export const TILE_TIMEOUT_MS = 30_000;

/** A tile answered with something other than a PNG or a 404: the whole read fails. */
class TileFailure extends Error {}

/** A tile's bytes, or 'missing' on a 404; a TileFailure for anything else (the abort's own error when aborted). */
async function fetchTile(url: string, signal: AbortSignal): Promise<ArrayBuffer | 'missing'> {
  let response: Response;
  try {
    response = await fetch(url, { referrerPolicy: 'no-referrer', credentials: 'omit', mode: 'cors', signal: AbortSignal.any([signal, AbortSignal.timeout(TILE_TIMEOUT_MS)]) });
    if (response.status === 404) return 'missing';
    if (response.ok) return await response.arrayBuffer();
  } catch (e) {
    if (signal.aborted) throw e;
    if (e instanceof DOMException && e.name === 'TimeoutError') throw new TileFailure(`ハザードマップポータルから${TILE_TIMEOUT_MS / 1000}秒たっても応答がありませんでした。しばらくしてから、もう一度お試しください。`);
    throw new TileFailure('ハザードマップポータルにつながりませんでした。通信できる場所で、もう一度お試しください。');
  }
  throw new TileFailure(`ハザードマップポータルから地図を受け取れませんでした（応答 ${response.status}）。しばらくしてから、もう一度お試しください。`);
}

/**
 * Reads a plan (core/hazardReadPlan.ts): fetches every planned tile on this thread (no referrer, no
 * credentials, at most TILE_FETCH_CONCURRENCY at a time, including the tiles nobody lives on, so the
 * requests show an area), decodes the pixels read in a worker (workers/hazardTileClient.ts) and
 * classifies them against the legends. A 404 → `no_tile` (データなし) for every subject read on
 * that tile. Any other failure (network error, 5xx, a tile that will not decode, abort) rejects with
 * a Japanese message and returns nothing: a read is stored whole or not at all.
 */
export async function readHazardTiles(plan: HazardReadPlan, options: ReadHazardTilesOptions = {}): Promise<HazardTilesRead> {
  const { signal, onProgress } = options;
  const started = new Date();
  const total = plan.tiles.length;
  const results: TilePixels[] = new Array(total);
  const decoder = startHazardTileDecoder();
  const inner = new AbortController();
  const stop = () => inner.abort();
  signal?.addEventListener('abort', stop);
  let next = 0;
  let done = 0;
  let missing = 0;
  const readOne = async (i: number): Promise<void> => {
    const tile = plan.tiles[i];
    const png = await fetchTile(tile.url, inner.signal);
    if (png === 'missing') {
      missing++;
      results[i] = { missing: true };
    } else {
      let decoded: DecodedPixels | null = null;
      if (tile.reads.length) {
        try {
          decoded = await decoder.pixels(png, tile.reads.map((r) => [r.px, r.py]));
        } catch (e) {
          throw new TileFailure(errorMessage(e));
        }
      }
      // A tile of another size than the portal's 256 px cannot be read at the planned pixels.
      if (decoded && (decoded.width !== TILE_SIZE || decoded.height !== TILE_SIZE)) results[i] = { missing: false, unreadable: true, size: [decoded.width, decoded.height] };
      else results[i] = { missing: false, rgba: decoded?.rgba ?? [] };
    }
    done++;
    if (!inner.signal.aborted) onProgress?.(done, total);
  };
  const lane = async (): Promise<void> => {
    while (next < total) {
      if (inner.signal.aborted) return;
      await readOne(next++);
    }
  };
  try {
    onProgress?.(0, total);
    await Promise.all(Array.from({ length: Math.min(TILE_FETCH_CONCURRENCY, total) }, lane));
    if (signal?.aborted) throw new Error('aborted');
  } catch (e) {
    inner.abort();
    if (signal?.aborted) throw new Error('読み取りを中止しました。何も保存していません。');
    if (e instanceof TileFailure) throw new Error(`${e.message}何も保存していません。`);
    throw new Error(`ハザードマップの読み取りに失敗しました（${errorMessage(e)}）。何も保存していません。`, { cause: e });
  } finally {
    signal?.removeEventListener('abort', stop);
    decoder.close();
  }
  const readAt = started.toISOString();
  const readOn = japanToday(started);
  return { readings: readingsFromPixels(plan, results, readAt, readOn), tiles: total, missing, readAt, readOn };
}
