import { addProtocol } from 'maplibre-gl';
import type { BasemapTile } from '../core/basemapArea';

/**
 * The district's basemap kept on the device: 地理院タイル (淡色地図) saved in Cache Storage, keyed by
 * their real URL, and the `hinan-basemap://` protocol every map's `gsi-pale` source goes through.
 *
 * A tile is answered, in this order:
 * 1. from the cache (no request leaves the device);
 * 2. from the network, when the page is online and the tile's zoom is at most the URL's `net`
 *    (a person-centred map says `net=PERSON_CENTRED_TILE_MAX_ZOOM`: see map/style.ts);
 * 3. deeper than `net`: cut from its ancestor at zoom `net` (cache, else network) and enlarged —
 *    what MapLibre would draw over-zoomed anyway, so the map never asks the server for a tile close
 *    enough to point at a home;
 * 4. else an empty (transparent) tile, without an error: offline, the parts not saved stay blank.
 * A network failure while online is an error, so the maps hide the layer and say so as before.
 *
 * URL: `hinan-basemap://pale/{z}/{x}/{y}?net=<highest zoom fetched from the network>`.
 */

export const BASEMAP_PROTOCOL = 'hinan-basemap';
/** The Cache Storage cache holding the saved tiles and the list of saved areas. */
export const BASEMAP_CACHE = 'hinan-basemap-v1';
/** Key of the saved-areas list inside BASEMAP_CACHE (never fetched: `.invalid` does not resolve). */
const AREAS_KEY = 'https://hinan-basemap.invalid/areas.json';
/** Highest zoom of the 地理院タイル (淡色地図) published. */
export const GSI_MAX_ZOOM = 18;
/** Tiles fetched at once while saving an area (the 地理院タイル server is shared by everyone). */
const SAVE_PARALLEL = 4;

/** The real URL of a 淡色地図 tile: the key it is saved under. */
export function gsiPaleUrl(z: number, x: number, y: number): string {
  return `https://cyberjapandata.gsi.go.jp/xyz/pale/${z}/${x}/${y}.png`;
}

/** The `gsi-pale` source's tile URL template: tiles above zoom `networkMaxZoom` never come from the network. */
export function basemapTileUrl(networkMaxZoom: number = GSI_MAX_ZOOM): string {
  return `${BASEMAP_PROTOCOL}://pale/{z}/{x}/{y}?net=${networkMaxZoom}`;
}

const URL_PATTERN = new RegExp(`^${BASEMAP_PROTOCOL}://pale/(\\d+)/(\\d+)/(\\d+)\\?net=(\\d+)$`);

/** Whether this browser has Cache Storage (a secure page: https or localhost). */
export function basemapCacheAvailable(): boolean {
  return typeof caches !== 'undefined';
}

function openCache(): Promise<Cache> | null {
  return basemapCacheAvailable() ? caches.open(BASEMAP_CACHE) : null;
}

/** The saved tile's bytes, or null when it is not saved. */
async function cachedTile(z: number, x: number, y: number): Promise<Blob | null> {
  const cache = await openCache();
  const hit = cache ? await cache.match(gsiPaleUrl(z, x, y)) : undefined;
  return hit ? hit.blob() : null;
}

/** Fetches a tile from the 地理院タイル server: no referrer, no cookie. null when the server has none (404). */
async function networkTile(z: number, x: number, y: number, signal?: AbortSignal): Promise<Response | null> {
  const response = await fetch(gsiPaleUrl(z, x, y), { referrerPolicy: 'no-referrer', credentials: 'omit', signal });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`地理院タイル ${z}/${x}/${y}: HTTP ${response.status}`);
  return response;
}

/** Ancestor tiles being read for enlargement, shared by the (up to 64) tiles cut from each. */
const ancestors = new Map<string, Promise<Blob | null>>();

function ancestorTile(z: number, x: number, y: number): Promise<Blob | null> {
  const key = `${z}/${x}/${y}`;
  const known = ancestors.get(key);
  if (known) return known;
  const read = (async () => (await cachedTile(z, x, y)) ?? (navigator.onLine ? ((await networkTile(z, x, y))?.blob() ?? null) : null))();
  ancestors.set(key, read);
  if (ancestors.size > 64) ancestors.delete(ancestors.keys().next().value ?? key);
  // Kept only while it gives a tile: missing now (offline, not saved) may be there later.
  read.then(
    (blob) => blob || ancestors.delete(key),
    () => ancestors.delete(key),
  );
  return read;
}

/** Tile z/x/y cut from its ancestor at zoom `zoom` and enlarged to 256 px; null when the ancestor is missing. */
async function enlargedFromAncestor(z: number, x: number, y: number, zoom: number): Promise<ImageBitmap | null> {
  const d = z - zoom;
  if (d > 8) return null; // less than a pixel of the ancestor
  const blob = await ancestorTile(zoom, x >> d, y >> d);
  if (!blob) return null;
  const size = 256 >> d;
  const sx = (x - ((x >> d) << d)) * size;
  const sy = (y - ((y >> d) << d)) * size;
  return createImageBitmap(blob, sx, sy, size, size, { resizeWidth: 256, resizeHeight: 256, resizeQuality: 'medium' });
}

let registered = false;

/** Registers `hinan-basemap://` with MapLibre (once per page). */
export function registerBasemapProtocol(): void {
  if (registered) return;
  registered = true;
  // An empty body is drawn as a transparent tile, with no error (MapLibre's image request).
  const empty = (): { data: ArrayBuffer } => ({ data: new ArrayBuffer(0) });
  addProtocol(BASEMAP_PROTOCOL, async (params, abortController) => {
    const m = URL_PATTERN.exec(params.url);
    if (!m) return empty();
    const [z, x, y, net] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    const saved = await cachedTile(z, x, y);
    if (saved) return { data: await saved.arrayBuffer() };
    if (z > net) {
      const enlarged = await enlargedFromAncestor(z, x, y, net);
      return enlarged ? { data: enlarged } : empty();
    }
    if (!navigator.onLine) return empty();
    const response = await networkTile(z, x, y, abortController.signal);
    return response ? { data: await response.arrayBuffer() } : empty();
  });
}

/** One district's map kept on the device. */
export interface SavedBasemapArea {
  /** The district's id ('' for the whole city's people). */
  id: string;
  name: string;
  /** When it was saved (ISO time). */
  savedAt: string;
  /** The tiles saved, `z/x/y`. */
  tiles: string[];
  /** Tiles the server has not published (sea, outside Japan at close zooms). */
  missing: number;
  /** Bytes kept (the tiles' encoded sizes). */
  bytes: number;
}

function isSavedArea(v: unknown): v is SavedBasemapArea {
  if (typeof v !== 'object' || v === null) return false;
  const r: Record<string, unknown> = { ...v };
  return (
    typeof r.id === 'string' &&
    typeof r.name === 'string' &&
    typeof r.savedAt === 'string' &&
    Array.isArray(r.tiles) &&
    r.tiles.every((t) => typeof t === 'string') &&
    typeof r.missing === 'number' &&
    typeof r.bytes === 'number'
  );
}

async function readAreas(cache: Cache): Promise<SavedBasemapArea[]> {
  const hit = await cache.match(AREAS_KEY);
  if (!hit) return [];
  const value: unknown = await hit.json().catch(() => []);
  return Array.isArray(value) ? value.filter(isSavedArea) : [];
}

function writeAreas(cache: Cache, areas: readonly SavedBasemapArea[]): Promise<void> {
  return cache.put(AREAS_KEY, new Response(JSON.stringify(areas), { headers: { 'Content-Type': 'application/json' } }));
}

/** The saved areas, newest first. */
export async function listSavedBasemapAreas(): Promise<SavedBasemapArea[]> {
  const cache = await openCache();
  return cache ? (await readAreas(cache)).sort((a, b) => b.savedAt.localeCompare(a.savedAt)) : [];
}

/**
 * Downloads `tiles` into the cache as the saved area `id` (replacing an earlier save of it):
 * at most SAVE_PARALLEL requests at a time, no referrer, no cookie; `onProgress(done, total)` after
 * each tile. A tile the server does not have (404) is counted as missing; any other failure, or
 * `signal` aborting, rejects and keeps the tiles already saved out of the list (they are removed
 * unless another saved area uses them).
 */
export async function saveBasemapArea(
  area: { id: string; name: string; tiles: readonly BasemapTile[] },
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<SavedBasemapArea> {
  const cache = await openCache();
  if (!cache) throw new Error('このブラウザーでは地図を端末に保存できません。');
  const keys: string[] = [];
  let missing = 0;
  let bytes = 0;
  let done = 0;
  let next = 0;
  const earlier = await readAreas(cache);
  const kept = new Set(earlier.flatMap((a) => a.tiles));
  const one = async (t: BasemapTile) => {
    const key = `${t.z}/${t.x}/${t.y}`;
    // A tile another saved area holds already is not asked for again.
    const have = kept.has(key) ? await cache.match(gsiPaleUrl(t.z, t.x, t.y)) : undefined;
    const blob = have ? await have.blob() : await (await networkTile(t.z, t.x, t.y, options.signal))?.blob();
    if (blob) {
      if (!have) await cache.put(gsiPaleUrl(t.z, t.x, t.y), new Response(blob, { headers: { 'Content-Type': 'image/png' } }));
      keys.push(key);
      bytes += blob.size;
    } else missing++;
    options.onProgress?.(++done, area.tiles.length);
  };
  // The first failure stops every lane; the tiles put so far are removed once all lanes have stopped.
  const stop: { failure: { error: unknown } | null } = { failure: null };
  const lane = async () => {
    try {
      while (next < area.tiles.length && !stop.failure) {
        options.signal?.throwIfAborted();
        await one(area.tiles[next++]);
      }
    } catch (error) {
      stop.failure ??= { error };
    }
  };
  await Promise.all(Array.from({ length: SAVE_PARALLEL }, lane));
  if (stop.failure) {
    await removeUnused(cache, keys, await readAreas(cache));
    throw stop.failure.error;
  }
  const saved: SavedBasemapArea = { id: area.id, name: area.name, savedAt: new Date().toISOString(), tiles: keys.sort(), missing, bytes };
  const areas = await readAreas(cache);
  const after = [...areas.filter((a) => a.id !== area.id), saved];
  await writeAreas(cache, after);
  // An earlier save of this area: its tiles outside the new one go.
  await removeUnused(cache, areas.filter((a) => a.id === area.id).flatMap((a) => a.tiles), after);
  ancestors.clear();
  return saved;
}

/** Deletes the tiles among `keys` that no area of `kept` uses. */
async function removeUnused(cache: Cache, keys: readonly string[], kept: readonly SavedBasemapArea[]): Promise<void> {
  const used = new Set(kept.flatMap((a) => a.tiles));
  for (const key of keys) {
    if (used.has(key)) continue;
    const [z, x, y] = key.split('/').map(Number);
    await cache.delete(gsiPaleUrl(z, x, y));
  }
}

/** Removes saved area `id`, and its tiles no other saved area uses. */
export async function deleteSavedBasemapArea(id: string): Promise<void> {
  const cache = await openCache();
  if (!cache) return;
  const areas = await readAreas(cache);
  const gone = areas.filter((a) => a.id === id);
  const kept = areas.filter((a) => a.id !== id);
  await writeAreas(cache, kept);
  await removeUnused(cache, gone.flatMap((a) => a.tiles), kept);
  ancestors.clear();
}
