/**
 * What the map's vector tiles of hazard zones and roads hold (issue 12): the contract between the
 * tile worker that writes them (workers/tileBuild.ts) and the map style that draws them
 * (map/style.ts). One Mapbox Vector Tile layer per source, named like the source. Constants and
 * types only, so the page's bundle carries nothing of the tiling.
 */

/** Vector tile layers (= MapLibre source ids and `source-layer` names). */
export const GEODATA_TILE_LAYERS = ['hazards', 'roads'] as const;
export type GeodataTileLayer = (typeof GEODATA_TILE_LAYERS)[number];

/** Highest zoom tiles are made for; MapLibre draws closer zooms from these (overzoom), at full detail. */
export const GEODATA_TILE_MAX_ZOOM = 14;
/** Tile coordinate extent (MVT units across a tile). */
export const GEODATA_TILE_EXTENT = 4096;

/**
 * Properties of a hazard zone feature in the tiles: `hazard` (HazardType: colour, and the plan
 * map's filter), `name`, and `depthClass` when the file gives one (MVT has no null). The zone's
 * string id is left out: tiles repeat every property at every zoom, and ids are unique, long
 * strings (twice the bytes of a city's tiles); each feature's MVT id is instead its index in the
 * zones tiled (a number: a few bytes). Road features carry no property: every road is drawn alike.
 */
export interface HazardTileProperties {
  hazard: string;
  name: string;
  depthClass?: string;
}
