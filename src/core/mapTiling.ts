import { cosLat, type LngLat } from './geo';

/*
 * A district map on paper: one page when the district fits at a legible scale, else a grid of
 * pages (tiles) that overlap a little, each with its neighbours' page numbers at its edges, after an
 * overview page. Pure: ground in metres (x east, y north, in a local frame around the district),
 * paper in millimetres; scales as denominators (7500 = 1:7,500).
 */

export const PAPER_SIZES = ['A4', 'A3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];
export const ORIENTATION_LABELS: Record<Orientation, string> = { portrait: '縦', landscape: '横' };

/** Width × height, millimetres on paper. */
export interface Size {
  width: number;
  height: number;
}

/** The sheet of paper, mm. */
export function paperMm(paper: PaperSize, orientation: Orientation): Size {
  const [short, long] = paper === 'A3' ? [297, 420] : [210, 297];
  return orientation === 'portrait' ? { width: short, height: long } : { width: long, height: short };
}

/** A point on the ground, metres east (x) and north (y) of a frame's origin. */
export interface GroundPoint {
  x: number;
  y: number;
}

/** A box on the ground, metres. */
export interface GroundBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/**
 * Metres per degree on the sphere web maps draw on (radius 6,378,137 m): the ground of a printed
 * map is the map's own, so a tile's box lands where MapLibre draws it (within 0.5 % of the true
 * distance, the same as the map's scale bar).
 */
const METRES_PER_DEGREE = (6378137 * Math.PI) / 180;

/** A local flat frame around `origin` (a few km across: the error is far below a printed line). */
export interface LocalFrame {
  origin: LngLat;
}

export function toGround(frame: LocalFrame, [lng, lat]: LngLat): GroundPoint {
  const [lng0, lat0] = frame.origin;
  return { x: (lng - lng0) * METRES_PER_DEGREE * cosLat(lat0), y: (lat - lat0) * METRES_PER_DEGREE };
}

export function fromGround(frame: LocalFrame, { x, y }: GroundPoint): LngLat {
  const [lng0, lat0] = frame.origin;
  return [lng0 + x / (METRES_PER_DEGREE * cosLat(lat0)), lat0 + y / METRES_PER_DEGREE];
}

/** The frame centred on the points' bounding box (null when there is none). */
export function frameAround(points: readonly LngLat[]): LocalFrame | null {
  if (!points.length) return null;
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return { origin: [(Math.min(...lngs) + Math.max(...lngs)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2] };
}

/** The most detailed scale a district map is printed at (a few homes: streets still readable around them). */
export const MOST_DETAILED_SCALE = 1500;
/** Legible scales lie between these: 1:2,500 (a dense 住宅地) and 1:10,000 (streets still named, homes far apart). */
export const LEGIBLE_SCALE_RANGE = { most: 2500, least: 10_000 } as const;
/** Room a number label needs beside its neighbour's point on paper: two digits at 9 pt and a gap. */
export const LABEL_ROOM_MM = 6;
/** Tiles overlap by this much on paper, so a home at an edge is whole on one of the two pages. */
export const TILE_OVERLAP_MM = 10;
/** Kept free around the outermost points on paper (their labels go beside them). */
export const EDGE_MARGIN_MM = 6;

/**
 * The least legible scale for these points: the scale at which half the homes have their nearest
 * neighbour at least a label's room away on paper (the others get their label displaced with a
 * leader line), within LEGIBLE_SCALE_RANGE. Dense districts need a more detailed scale.
 */
export function legibleScale(points: readonly GroundPoint[], labelRoomMm = LABEL_ROOM_MM): number {
  if (points.length < 2) return LEGIBLE_SCALE_RANGE.least;
  const nearest = points
    .map((p, i) => {
      let best = Infinity;
      for (let j = 0; j < points.length; j++) if (j !== i) best = Math.min(best, Math.hypot(points[j].x - p.x, points[j].y - p.y));
      return best;
    })
    .sort((a, b) => a - b);
  const median = nearest[Math.floor(nearest.length / 2)];
  const scale = (median * 1000) / labelRoomMm;
  return Math.min(LEGIBLE_SCALE_RANGE.least, Math.max(LEGIBLE_SCALE_RANGE.most, Math.floor(scale / 100) * 100));
}

/** One printed map page of a tiled map: what it shows and what it owns. */
export interface MapTile {
  /** The printed page number (the overview is page 1). */
  page: number;
  row: number;
  col: number;
  /** The ground the page shows, overlap included. */
  bbox: GroundBox;
  /** The part of the grid this page owns (no overlap): a home here is listed on this page. */
  core: GroundBox;
  /** Page numbers of the tiles beyond each edge (only tiles that are printed). */
  neighbours: Partial<Record<'north' | 'east' | 'south' | 'west', number>>;
}

export type MapPrintPlan =
  /** `fullPage`: the map fits only on a page of its own (the tile figure), so the list starts on the next page. */
  | { kind: 'single'; scale: number; bbox: GroundBox; fullPage: boolean }
  | { kind: 'tiled'; scale: number; cols: number; rows: number; overview: { scale: number; bbox: GroundBox }; tiles: MapTile[] };

export interface MapPrintOptions {
  /** The map's figure on a single-page print, mm. */
  single: Size;
  /** The map's figure on a tile page and on the overview, mm. */
  tile: Size;
  /** The least legible scale (`legibleScale`). */
  leastLegible: number;
  mostDetailed?: number;
  overlapMm?: number;
  marginMm?: number;
}

function extentOf(points: readonly GroundPoint[]): GroundBox {
  if (!points.length) return { west: 0, south: 0, east: 0, north: 0 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) };
}

/** The scale at which `extent` (plus the margin) fills `figure`, and the box of ground the figure shows then. */
function fit(extent: GroundBox, figure: Size, marginMm: number, mostDetailed: number): { scale: number; bbox: GroundBox } {
  const w = extent.east - extent.west;
  const h = extent.north - extent.south;
  const scale = Math.max(mostDetailed, (1000 * w) / Math.max(1, figure.width - 2 * marginMm), (1000 * h) / Math.max(1, figure.height - 2 * marginMm));
  return { scale, bbox: centredBox(extent, (figure.width * scale) / 1000, (figure.height * scale) / 1000) };
}

function centredBox(extent: GroundBox, width: number, height: number): GroundBox {
  const cx = (extent.west + extent.east) / 2;
  const cy = (extent.south + extent.north) / 2;
  return { west: cx - width / 2, east: cx + width / 2, south: cy - height / 2, north: cy + height / 2 };
}

/**
 * How to print the map of `points` (the homes, which must all be shown) and `extras` (their
 * destinations, shown when they fit): a single page when everything — else the homes alone — fits
 * at a scale no less detailed than `leastLegible` (in the single figure, with the list under it;
 * else on a page of its own, the tile figure); else a grid of tiles at one scale (the least
 * legible one or, when the grid has room to spare, a more detailed one) with `overlapMm` between
 * neighbours, only the tiles that hold a home, numbered from page 2 in reading order (north to
 * south, west to east), after an overview of the whole grid on page 1.
 */
export function planMapPrint(points: readonly GroundPoint[], extras: readonly GroundPoint[], options: MapPrintOptions): MapPrintPlan {
  const mostDetailed = options.mostDetailed ?? MOST_DETAILED_SCALE;
  const margin = options.marginMm ?? EDGE_MARGIN_MM;
  const overlap = options.overlapMm ?? TILE_OVERLAP_MM;
  const least = Math.max(options.leastLegible, mostDetailed);
  for (const fullPage of [false, true]) {
    for (const set of [[...points, ...extras], points]) {
      const single = fit(extentOf(set), fullPage ? options.tile : options.single, margin, mostDetailed);
      if (single.scale <= least + 1e-9) return { kind: 'single', ...single, fullPage };
    }
  }
  const extent = extentOf(points);
  const w = extent.east - extent.west;
  const h = extent.north - extent.south;
  const count = (groundM: number, pageMm: number) => Math.max(1, Math.ceil(((1000 * groundM) / least + 2 * margin - overlap) / (pageMm - overlap)));
  const cols = count(w, options.tile.width);
  const rows = count(h, options.tile.height);
  // The grid's span on paper less the margins; the scale that just fills it (never less detailed than `least`).
  const span = (n: number, pageMm: number) => n * (pageMm - overlap) + overlap - 2 * margin;
  const scale = Math.min(least, Math.max(mostDetailed, (1000 * w) / span(cols, options.tile.width), (1000 * h) / span(rows, options.tile.height)));
  const m = scale / 1000;
  const grid = centredBox(extent, (cols * (options.tile.width - overlap) + overlap) * m, (rows * (options.tile.height - overlap) + overlap) * m);
  const stepX = (options.tile.width - overlap) * m;
  const stepY = (options.tile.height - overlap) * m;
  const half = (overlap * m) / 2;
  const cell = (p: GroundPoint): [number, number] => [
    Math.min(rows - 1, Math.max(0, Math.floor((grid.north - p.y - half) / stepY))),
    Math.min(cols - 1, Math.max(0, Math.floor((p.x - grid.west - half) / stepX))),
  ];
  const used = new Set(points.map((p) => cell(p).join()));
  const pageAt = new Map<string, number>();
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (used.has(`${r},${c}`)) pageAt.set(`${r},${c}`, pageAt.size + 2);
  const tiles: MapTile[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const page = pageAt.get(`${r},${c}`);
      if (page === undefined) continue;
      const west = grid.west + c * stepX;
      const north = grid.north - r * stepY;
      const bbox = { west, north, east: west + options.tile.width * m, south: north - options.tile.height * m };
      const core = { west: c ? west + half : west, east: c < cols - 1 ? bbox.east - half : bbox.east, north: r ? north - half : north, south: r < rows - 1 ? bbox.south + half : bbox.south };
      const neighbours: MapTile['neighbours'] = {};
      const at = (dr: number, dc: number) => pageAt.get(`${r + dr},${c + dc}`);
      const sides: [keyof MapTile['neighbours'], number | undefined][] = [
        ['north', at(-1, 0)],
        ['east', at(0, 1)],
        ['south', at(1, 0)],
        ['west', at(0, -1)],
      ];
      for (const [side, n] of sides) if (n !== undefined) neighbours[side] = n;
      tiles.push({ page, row: r, col: c, bbox, core, neighbours });
    }
  }
  return { kind: 'tiled', scale, cols, rows, overview: fit(grid, options.tile, 0, 0), tiles };
}

/** The page a home is listed on: the tile that owns it (page 1 on a single-page map). */
export function pageOf(plan: MapPrintPlan, p: GroundPoint): number {
  if (plan.kind === 'single') return 1;
  const owner = plan.tiles.find((t) => p.x >= t.core.west && p.x <= t.core.east && p.y >= t.core.south && p.y <= t.core.north);
  return owner?.page ?? plan.tiles[0]?.page ?? 1;
}

/** Printed map pages: 1 for a single page, else the overview and the tiles. */
export function mapPageCount(plan: MapPrintPlan): number {
  return plan.kind === 'single' ? 1 : 1 + plan.tiles.length;
}

/**
 * A scale bar's length: the longest round distance (1, 2 or 5 × 10ⁿ m) no longer than `maxMm`
 * on paper, where one paper mm is `metresPerMm` on the ground.
 */
export function scaleBar(metresPerMm: number, maxMm: number): { metres: number; mm: number } {
  const limit = metresPerMm * maxMm;
  let metres = 1;
  for (let p = 10 ** Math.floor(Math.log10(Math.max(limit, 1e-9))); ; p /= 10) {
    const nice = [5, 2, 1].map((k) => k * p).find((v) => v <= limit);
    if (nice) {
      metres = nice;
      break;
    }
    if (p < 1e-6) break;
  }
  return { metres, mm: metres / metresPerMm };
}

/** 「1:7,500」. */
export function scaleLabel(scale: number): string {
  const rounded = scale >= 1000 ? Math.round(scale / 100) * 100 : Math.round(scale);
  return `1:${rounded.toLocaleString('en-US')}`;
}
