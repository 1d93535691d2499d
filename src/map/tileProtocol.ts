import { addProtocol } from 'maplibre-gl';
import { GEODATA_TILE_LAYERS, type GeodataTileLayer } from '../io/geodataTiles';

/**
 * The `hinan-tiles://` protocol: MapLibre asks for the vector tiles of the hazard zones and roads
 * (io/geodataTiles.ts) by URL, and this answers from the device, never from the network. The
 * loader (reading the tile store) comes from the ui, since map/ does not reach IndexedDB.
 *
 * URLs: `hinan-tiles://<layer>/{z}/{x}/{y}?r=<tag of the store revision>`: a layer rebuilt from
 * another revision gets another URL, so MapLibre fetches its tiles again instead of keeping the old ones.
 */

export const TILE_PROTOCOL = 'hinan-tiles';

/** Reads tile `z/x/y` of `layer`: its encoded bytes, or null when the layer has nothing there. */
export type TileLoader = (layer: GeodataTileLayer, z: number, x: number, y: number) => Promise<ArrayBuffer | null>;

let loader: TileLoader | null = null;
let registered = false;
const URL_PATTERN = new RegExp(`^${TILE_PROTOCOL}://(${GEODATA_TILE_LAYERS.join('|')})/(\\d+)/(\\d+)/(\\d+)(?:\\?|$)`);

/**
 * Registers the protocol with MapLibre (once per page; a later call only replaces the loader).
 * A tile the loader does not have, or cannot read, is answered as an empty tile, not an error:
 * most of the map has no hazard zone and no road.
 */
export function registerTileProtocol(load: TileLoader): void {
  loader = load;
  if (registered) return;
  registered = true;
  addProtocol(TILE_PROTOCOL, async (params) => {
    const m = URL_PATTERN.exec(params.url);
    const layer = GEODATA_TILE_LAYERS.find((l) => l === m?.[1]);
    if (!m || !layer || !loader) return { data: new ArrayBuffer(0) };
    try {
      return { data: (await loader(layer, Number(m[2]), Number(m[3]), Number(m[4]))) ?? new ArrayBuffer(0) };
    } catch {
      return { data: new ArrayBuffer(0) };
    }
  });
}

/** A short tag of a store revision (FNV-1a, 32 bits, base 36) for tile URLs. */
export function revisionTag(revision: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < revision.length; i++) {
    h ^= revision.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The tile URL template of `layer` as built from `revision`. */
export function tileUrl(layer: GeodataTileLayer, revision: string): string {
  return `${TILE_PROTOCOL}://${layer}/{z}/{x}/{y}?r=${revisionTag(revision)}`;
}
