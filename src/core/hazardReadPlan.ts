import { bboxOf, distanceMetres, type LngLat, type Metres } from './geo';
import type { HazardType } from './hazard';
import { HAZARD_TILE_LAYERS, HAZARD_TILE_MAX_ZOOM, hazardTileUrl, type HazardTileLayer, type HazardTileLayerId } from './hazardTileLayers';
import { readingId, type HazardReading, type ReadingSubject, type TileOutcome } from './hazardReading';
import { classifyPixel } from './legendColor';
import { tileKey, tileOf, tilePixelOf, tileRangeCount, tileRangeCovering, tilesInRange, type LngLatBox, type TileCoord, type TileRange } from './tileMath';

/*
 * Which hazard tiles a read fetches, and which pixel of which tile each subject is read at. Pure.
 *
 * Privacy: the requests must show an area, not homes. For every layer the read fetches the WHOLE
 * rectangle of zoom-17 tiles covering the bounding box of a district's people (one rectangle per
 * `area` given, e.g. per district), whether or not a person lives on each tile — never one tile
 * per person. Shelters are public places: each shelter adds its own tile (usually already in the
 * rectangle). The caller chooses the shelters with `sheltersNearPeople` (within 2 km of the
 * people's box), so a read does not fetch tiles for every shelter of the city.
 *
 * A district whose people spread far (a home placed in another town by mistake, or a 名簿 of a whole
 * ward with no districts) would make one rectangle of tens of thousands of tiles. Above
 * MAX_RECTANGLE_TILES such an area is covered instead by **blocks**: every zoom-`BLOCK_ZOOM` tile
 * (about 2 km square) holding at least one of its people, each fetched whole — still an area per
 * request set, never a tile per home — and the plan names the area in `spread` so the screen can say
 * so and ask for the positions to be checked.
 */

/** A point to read: a person's home or a shelter. `area` groups people into one rectangle (a district id). */
export interface ReadPoint {
  id: string;
  point: LngLat;
  area?: string;
}

/** One tile to fetch: its layer, z/x/y, URL, and the subjects read on it (none for most of a rectangle). */
export interface PlannedTile {
  layer: HazardTileLayerId;
  tile: TileCoord;
  url: string;
  reads: PlannedPixel[];
}

/** A subject read at pixel column `px`, row `py` (0–255) of a planned tile. */
export interface PlannedPixel {
  subject: ReadingSubject;
  subjectId: string;
  px: number;
  py: number;
}

/** Everything a read does: the tiles (all layers), the rectangles they come from and the subjects. */
export interface HazardReadPlan {
  zoom: number;
  /** Every tile to fetch, each once; grouped by layer in HAZARD_TILE_LAYERS order, rectangles first. */
  tiles: PlannedTile[];
  /** The people's rectangles (one per area; the blocks of a spread area), the same for every layer. */
  rectangles: TileRange[];
  /** Areas (their `area` key, '' for people without one) read by blocks because their rectangle was too large. */
  spread: string[];
  /** The subjects read, with their points (stored in each reading). */
  subjects: { subject: ReadingSubject; subjectId: string; point: LngLat }[];
  layers: readonly HazardTileLayer[];
}

/**
 * Most zoom-17 tiles one area's rectangle may have (per layer) before the area is read by blocks:
 * 600 tiles ≈ 6 × 6 km at lat 35–40°, several times the largest 町内会 or 地区.
 */
export const MAX_RECTANGLE_TILES = 600;
/** Zoom of the blocks a spread area is read by: one zoom-14 tile = 8 × 8 zoom-17 tiles, ≈ 2 km square. */
export const BLOCK_ZOOM = 14;

/** Shelters are read when within this distance of the people's bounding box. */
export const SHELTER_READ_RADIUS_M: Metres = 2000;

/** Distance from a point to a box (0 inside it): to the box's nearest point, great-circle. */
export function distanceToBox(point: LngLat, [west, south, east, north]: LngLatBox): Metres {
  const nearest: LngLat = [Math.max(west, Math.min(east, point[0])), Math.max(south, Math.min(north, point[1]))];
  return distanceMetres(point, nearest);
}

/**
 * The shelters read with a district's people: those within `radiusM` (SHELTER_READ_RADIUS_M, 2 km)
 * of the bounding box of the people's points. No people → none.
 */
export function sheltersNearPeople<S extends { point: LngLat }>(people: readonly LngLat[], shelters: readonly S[], radiusM: Metres = SHELTER_READ_RADIUS_M): S[] {
  const box = bboxOf(people);
  if (!box) return [];
  return shelters.filter((s) => distanceToBox(s.point, box) <= radiusM);
}

/**
 * The plan of a read: for each layer, the rectangle(s) of zoom-`zoom` tiles (default 17) covering the
 * people's box per `area` (people without an area form one rectangle together), plus each shelter's
 * tile; and for each subject, the tile and pixel it is read at on each layer.
 */
export function planHazardRead(
  people: readonly ReadPoint[],
  shelters: readonly ReadPoint[],
  options: { layers?: readonly HazardTileLayer[]; zoom?: number } = {},
): HazardReadPlan {
  const layers = options.layers ?? HAZARD_TILE_LAYERS;
  const zoom = options.zoom ?? HAZARD_TILE_MAX_ZOOM;
  const byArea = new Map<string, LngLat[]>();
  for (const p of people) {
    const key = p.area ?? '';
    const points = byArea.get(key) ?? [];
    points.push(p.point);
    byArea.set(key, points);
  }
  const spread: string[] = [];
  const rectangles = [...byArea.entries()].flatMap(([area, points]) => {
    const box = bboxOf(points);
    if (!box) return [];
    const whole = tileRangeCovering(box, zoom);
    if (tileRangeCount(whole) <= MAX_RECTANGLE_TILES || zoom <= BLOCK_ZOOM) return [whole];
    spread.push(area);
    return blocksHolding(points, zoom);
  });
  const subjectsOf = (subject: ReadingSubject, points: readonly ReadPoint[]): HazardReadPlan['subjects'] =>
    points.map((p) => ({ subject, subjectId: p.id, point: p.point }));
  const subjects = [...subjectsOf('person', people), ...subjectsOf('shelter', shelters)];
  const tileOrder: TileCoord[] = [];
  const seen = new Set<string>();
  const add = (tile: TileCoord) => {
    const key = tileKey(tile);
    if (!seen.has(key)) {
      seen.add(key);
      tileOrder.push(tile);
    }
  };
  for (const range of rectangles) tilesInRange(range).forEach(add);
  const placed = subjects.map((s) => ({ ...s, at: tilePixelOf(s.point, zoom) }));
  for (const s of placed) if (s.subject === 'shelter') add(s.at.tile);
  const readsByTile = new Map<string, PlannedPixel[]>();
  for (const s of placed) {
    const key = tileKey(s.at.tile);
    const reads = readsByTile.get(key) ?? [];
    reads.push({ subject: s.subject, subjectId: s.subjectId, px: s.at.px, py: s.at.py });
    readsByTile.set(key, reads);
  }
  const tiles = layers.flatMap((layer) =>
    tileOrder.map((tile) => ({ layer: layer.id, tile, url: hazardTileUrl(layer, tile.z, tile.x, tile.y), reads: readsByTile.get(tileKey(tile)) ?? [] })),
  );
  return { zoom, tiles, rectangles, spread, subjects, layers };
}

/** The zoom-`BLOCK_ZOOM` tiles holding `points`, each as the range of zoom-`zoom` tiles it spans (distinct, in first-seen order). */
function blocksHolding(points: readonly LngLat[], zoom: number): TileRange[] {
  const scale = 2 ** (zoom - BLOCK_ZOOM);
  const blocks = new Map<string, TileRange>();
  for (const p of points) {
    const b = tileOf(p, BLOCK_ZOOM);
    const key = tileKey(b);
    if (!blocks.has(key)) blocks.set(key, { z: zoom, x0: b.x * scale, y0: b.y * scale, x1: b.x * scale + scale - 1, y1: b.y * scale + scale - 1 });
  }
  return [...blocks.values()];
}

/** How many tiles a plan fetches (all layers), and how many per layer. */
export function planTileCount(plan: HazardReadPlan): { total: number; perLayer: number } {
  const perLayer = plan.layers.length ? plan.tiles.length / plan.layers.length : 0;
  return { total: plan.tiles.length, perLayer };
}

/** The count of a plan's rectangles alone (per layer): Σ (x1 − x0 + 1)(y1 − y0 + 1), overlaps counted once by the plan. */
export function rectangleTileCount(plan: HazardReadPlan): number {
  return plan.rectangles.reduce((n, r) => n + tileRangeCount(r), 0);
}

/**
 * What a fetched tile gave: `missing` (404: no tile there), `unreadable` (an image of another size
 * than the planned tile — e.g. a proxy's 1 × 1 "empty" PNG —, so no pixel of it can be trusted:
 * 判定できない, never 区域外) or the RGBA of its reads' pixels, in the order of the planned tile's
 * `reads` (4 bytes each).
 */
export type TilePixels =
  | { missing: true }
  | { missing: false; unreadable: true; size: [number, number] }
  | { missing: false; unreadable?: false; rgba: Uint8ClampedArray | readonly number[] };

/**
 * The readings of a plan from what each of its tiles gave (`pixels[i]` for `plan.tiles[i]`): one
 * reading per subject × hazard, with one outcome per layer of that hazard (a missing tile →
 * `no_tile`; a pixel → classifyPixel against the layer's legend). `readAt` ISO time, `readOn` its
 * Japan date.
 */
export function readingsFromPixels(plan: HazardReadPlan, pixels: readonly TilePixels[], readAt: string, readOn: string): HazardReading[] {
  if (pixels.length !== plan.tiles.length) throw new Error(`expected ${plan.tiles.length} tiles, got ${pixels.length}`);
  const outcomes = new Map<string, Map<HazardTileLayerId, TileOutcome>>();
  const legendOf = new Map(plan.layers.map((l) => [l.id, l.legend]));
  plan.tiles.forEach((tile, i) => {
    const got = pixels[i];
    tile.reads.forEach((read, j) => {
      const subjectKey = `${read.subject}|${read.subjectId}`;
      const layers = outcomes.get(subjectKey) ?? new Map<HazardTileLayerId, TileOutcome>();
      if (got.missing) layers.set(tile.layer, { state: 'no_tile' });
      else if (got.unreadable) layers.set(tile.layer, { state: 'unreadable', rgba: [0, 0, 0, 0] });
      else {
        const o = j * 4;
        layers.set(tile.layer, classifyPixel(legendOf.get(tile.layer) ?? [], got.rgba[o], got.rgba[o + 1], got.rgba[o + 2], got.rgba[o + 3]));
      }
      outcomes.set(subjectKey, layers);
    });
  });
  const hazards: HazardType[] = [...new Set(plan.layers.map((l) => l.hazard))];
  const readings: HazardReading[] = [];
  for (const s of plan.subjects) {
    const layers = outcomes.get(`${s.subject}|${s.subjectId}`);
    for (const hazard of hazards) {
      const hazardLayers = plan.layers.filter((l) => l.hazard === hazard);
      readings.push({
        id: readingId(s.subject, s.subjectId, hazard),
        subject: s.subject,
        subjectId: s.subjectId,
        hazard,
        layers: hazardLayers.map((l) => ({ layer: l.id, outcome: layers?.get(l.id) ?? { state: 'no_tile' } })),
        point: [s.point[0], s.point[1]],
        readAt,
        readOn,
      });
    }
  }
  return readings;
}
