import type { MultiPolygon, Polygon } from 'geojson';
import { cosLat, METRES_PER_DEGREE_LAT, METRES_PER_DEGREE_LNG_AT_EQUATOR, type LngLat, type Metres } from './geo';
import { boxOf, tileKey, tilesCovering, type LngLatBox, type TileCoord } from './tileMath';

/**
 * Which 地理院タイル (淡色地図, 256 px tiles) to keep on the device for one district, so its plan
 * editor maps and its printed district map draw with no network. One set of requests for an area —
 * the district and a margin around it — so the requests reveal a neighbourhood, never a home.
 */

/** A tile of the basemap: zoom, column, row (core/tileMath.ts). */
export type BasemapTile = TileCoord;

/**
 * The tile zooms saved and the margin around the district at each (metres, added on every side).
 * - Zooms 16–18, margin 500 m: the printed district map draws at 1:1,500–1:10,000
 *   (core/mapTiling.ts: MOST_DETAILED_SCALE, LEGIBLE_SCALE_RANGE), which at 96 dpi and latitude
 *   35–41° is a MapLibre zoom of about 14.5–17.2, i.e. 256 px tiles of zoom 16–18 (MapLibre asks for
 *   256 px tiles one zoom above its own); the plan editor, framed on a home and its shelter, zooms
 *   in as far. 500 m takes in the edge of the district's sheet and the first stretch of each route.
 * - Zooms 12–15, margin 2,000 m: the plan editor's wider view and the print's overview page; 2 km
 *   reaches the designated shelters a district walks to (a walk of about 30 minutes at the slow
 *   walking speeds the engine uses). A map closer than zoom 15 outside the 500 m margin draws the
 *   saved zoom-15 tile enlarged (map/basemapCache.ts), so it is coarse there, never blank.
 */
export const BASEMAP_LEVELS: readonly { readonly zooms: readonly number[]; readonly marginM: Metres }[] = [
  { zooms: [12, 13, 14, 15], marginM: 2000 },
  { zooms: [16, 17, 18], marginM: 500 },
];

/**
 * Estimated bytes of one saved tile: 15 KB. 淡色地図 PNG tiles of a town measure about 5–25 KB
 * (pale colours compress well; dense streets and labels make the larger ones, fields and water the
 * smaller); 15 KB is a middle figure, so the estimate is shown as 「約」 and the real size after saving.
 */
export const BASEMAP_BYTES_PER_TILE = 15_000;

/** More tiles than this are not saved at once (about 75 MB): choose a district instead. */
export const BASEMAP_MAX_TILES = 5000;

/** The area to save: its box (degrees, before the margins) and what it was taken from. */
export interface BasemapArea {
  box: LngLatBox;
  from: 'outline' | 'people';
}

/** Every vertex of a polygon or multipolygon. */
function outlinePoints(outline: Polygon | MultiPolygon): LngLat[] {
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  return polygons.flatMap((rings) => rings.flatMap((ring) => ring.map((p): LngLat => [p[0], p[1]])));
}

/**
 * The area of a district: its drawn outline when it has one, else the extent of its people's homes
 * (`homes`, `[lng, lat]`). null when neither gives a point.
 */
export function basemapAreaOf(outline: Polygon | MultiPolygon | null, homes: readonly LngLat[]): BasemapArea | null {
  const fromOutline = outline ? boxOf(outlinePoints(outline)) : null;
  if (fromOutline) return { box: fromOutline, from: 'outline' };
  const fromPeople = boxOf(homes);
  return fromPeople ? { box: fromPeople, from: 'people' } : null;
}

/** `box` grown by `m` metres on every side (east–west metres measured at the box's middle latitude). */
export function growBox([west, south, east, north]: LngLatBox, m: Metres): LngLatBox {
  const dLat = m / METRES_PER_DEGREE_LAT;
  const dLng = m / (METRES_PER_DEGREE_LNG_AT_EQUATOR * cosLat((south + north) / 2));
  return [west - dLng, south - dLat, east + dLng, north + dLat];
}

/** The tiles to save for an area: at each level's zooms, the whole rectangle covering the area plus that level's margin. */
export function basemapTiles(area: BasemapArea): BasemapTile[] {
  return BASEMAP_LEVELS.flatMap((level) => level.zooms.flatMap((z) => tilesCovering(growBox(area.box, level.marginM), z)));
}

/** How many tiles and about how many bytes saving `tiles` takes. */
export function basemapEstimate(tiles: readonly BasemapTile[]): { count: number; bytes: number } {
  const count = new Set(tiles.map(tileKey)).size;
  return { count, bytes: count * BASEMAP_BYTES_PER_TILE };
}

/** A size for people: 「0.8 MB」「12 MB」「350 KB」 (1 MB = 1,000,000 bytes). */
export function sizeLabel(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  const mb = bytes / 1_000_000;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}
