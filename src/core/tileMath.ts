import { bboxOf, type LngLat } from './geo';

/*
 * Web Mercator XYZ tiles (the scheme of 地理院タイル and the ハザードマップポータル's raster tiles,
 * EPSG:3857, tiles of 256 × 256 px, x east from 180°W, y south from 85.0511°N). Pure.
 *
 * At zoom z the world is W = 256 · 2^z pixels wide and tall. A point [lng, lat] (degrees) is at the
 * world pixel
 *   X = (lng + 180) / 360 · W
 *   Y = (1 − ln(tan φ + sec φ) / π) / 2 · W      (φ = lat in radians)
 * its tile is (⌊X / 256⌋, ⌊Y / 256⌋) and its pixel in that tile (⌊X⌋ mod 256, ⌊Y⌋ mod 256), the
 * pixel whose square [px, px + 1) × [py, py + 1) contains the point. Latitudes are clamped to
 * ±85.05112878° (where Y reaches 0 and W) and indices to 0 … 2^z − 1.
 */

/** The side of a tile in pixels. */
export const TILE_SIZE = 256;

/** The latitude, degrees, where Web Mercator's square world ends (atan(sinh π)). */
export const MERCATOR_MAX_LAT = 85.0511287798066;

/** A tile: zoom, column (x, east) and row (y, south), integers. */
export interface TileCoord {
  z: number;
  x: number;
  y: number;
}

/** A point's place on a tile: the tile and the pixel column `px`, row `py` inside it (0–255). */
export interface TilePixel {
  tile: TileCoord;
  px: number;
  py: number;
}

/** A rectangle of tiles at one zoom, inclusive: columns x0 … x1, rows y0 … y1. */
export interface TileRange {
  z: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** `[west, south, east, north]` in degrees. */
export type LngLatBox = readonly [number, number, number, number];

/**
 * The world pixel (fractional, 0 … 256 · 2^z) of `[lng, lat]` at zoom `z` — the formula above.
 * Not clamped in x (a longitude outside ±180 lies outside the world); latitude is clamped.
 */
export function worldPixel([lng, lat]: LngLat, z: number): { x: number; y: number } {
  const world = TILE_SIZE * 2 ** z;
  const phi = (Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat)) * Math.PI) / 180;
  return {
    x: ((lng + 180) / 360) * world,
    y: ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * world,
  };
}

function clampIndex(i: number, z: number): number {
  return Math.max(0, Math.min(2 ** z - 1, i));
}

/** The tile at zoom `z` containing `[lng, lat]`. */
export function tileOf(point: LngLat, z: number): TileCoord {
  return tilePixelOf(point, z).tile;
}

/** The tile at zoom `z` containing `[lng, lat]` and the pixel (column, row, 0–255) in it. */
export function tilePixelOf(point: LngLat, z: number): TilePixel {
  const { x, y } = worldPixel(point, z);
  const limit = TILE_SIZE * 2 ** z - 1;
  const wx = Math.max(0, Math.min(limit, Math.floor(x)));
  const wy = Math.max(0, Math.min(limit, Math.floor(y)));
  return { tile: { z, x: Math.floor(wx / TILE_SIZE), y: Math.floor(wy / TILE_SIZE) }, px: wx % TILE_SIZE, py: wy % TILE_SIZE };
}

/** The `[west, south, east, north]` degrees of a tile (north edge from y, south edge from y + 1). */
export function tileBounds({ z, x, y }: TileCoord): LngLatBox {
  const n = 2 ** z;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  return [(x / n) * 360 - 180, lat(y + 1), ((x + 1) / n) * 360 - 180, lat(y)];
}

/**
 * The rectangle of tiles at zoom `z` covering a box `[west, south, east, north]` (degrees): the
 * tiles of its north-west and south-east corners and every tile between. A point box gives one tile.
 */
export function tileRangeCovering(box: LngLatBox, z: number): TileRange {
  const [west, south, east, north] = box;
  const nw = tileOf([west, north], z);
  const se = tileOf([east, south], z);
  return { z, x0: clampIndex(Math.min(nw.x, se.x), z), y0: clampIndex(Math.min(nw.y, se.y), z), x1: clampIndex(Math.max(nw.x, se.x), z), y1: clampIndex(Math.max(nw.y, se.y), z) };
}

/** How many tiles a range holds: (x1 − x0 + 1) · (y1 − y0 + 1). */
export function tileRangeCount(range: TileRange): number {
  return (range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1);
}

/** Every tile of a range, row by row (north first), west to east. */
export function tilesInRange(range: TileRange): TileCoord[] {
  const tiles: TileCoord[] = [];
  for (let y = range.y0; y <= range.y1; y++) for (let x = range.x0; x <= range.x1; x++) tiles.push({ z: range.z, x, y });
  return tiles;
}

/** The tiles at zoom `z` covering a box (see tileRangeCovering). */
export function tilesCovering(box: LngLatBox, z: number): TileCoord[] {
  return tilesInRange(tileRangeCovering(box, z));
}

/** `z/x/y`, a tile's key in maps and sets. */
export function tileKey({ z, x, y }: TileCoord): string {
  return `${z}/${x}/${y}`;
}

/** The bounding box `[west, south, east, north]` of points, or null when there are none (geo.ts's bboxOf). */
export function boxOf(points: readonly LngLat[]): LngLatBox | null {
  return bboxOf(points);
}
