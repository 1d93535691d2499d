import type { LegendEntry } from './hazardTileLayers';
import type { TileOutcome } from './hazardReading';

/*
 * A hazard tile's pixel → its legend class. Pure.
 *
 * Rules, in order:
 * 1. alpha 0 → `outside` (the tile is there and nothing is drawn at the point: 区域外). Only this
 *    says outside; every other pixel is either a legend class or 判定できない.
 * 2. 0 < alpha < MIN_READABLE_ALPHA (16) → `unreadable`: the faintest rim of a zone, whose colour a
 *    canvas cannot give back (below).
 * 3. otherwise the RGB is compared with the legend's colours (Euclidean distance in 0–255 RGB).
 *    The pixel is read as the nearest legend colour when it is
 *      a. within COLOUR_TOLERANCE of that colour, or
 *      b. within BLEND_TOLERANCE of the straight line between two colours of the same legend (a blend
 *         of two classes at their common edge, which can lie far from both: the 50/50 mix of the
 *         土石流 layer's yellow and red is 105 from each);
 *    ties go to the later entry (legends run from least to most severe: the deeper class wins), and
 *    a blend (b) not within COLOUR_TOLERANCE of either colour is read as the MORE severe class of
 *    its pair: at an edge the read errs on the side of the deeper water.
 * 4. anything else → `unreadable` (判定できない) with its RGBA: never outside.
 *
 * Why these tolerances:
 * - Partial alpha (anti-aliased zone edges): the reader decodes with `premultiplyAlpha: 'none'`, so
 *   an edge pixel keeps its legend RGB in the bitmap, but a canvas stores premultiplied 8-bit values
 *   and un-premultiplies on getImageData: a channel c comes back as round(round(c·α/255)·255/α), off
 *   by up to 255 / (2α). Measured in this machine's Chromium on every legend colour (it matches that
 *   formula): at most 19.8 in RGB distance at α = 8, 11 at α = 16, under 3 from α = 128; at α = 4 up
 *   to 41 (a 0.5〜1.0m edge read as 0.5m未満). From α = 16 every legend colour comes back nearest
 *   itself (the unit test checks every α 16–255); at α 9–12 the two lightest yellows (#FFFFB3 and
 *   #F7F5A9, 16 apart) can swap. Hence MIN_READABLE_ALPHA = 16 (a rim under 6 % opacity, barely
 *   drawn) and COLOUR_TOLERANCE = 24 (palette quantisation of the portal's PNGs moves a colour a few
 *   units more).
 * - It must not accept what is not a legend colour: the nearest colours that are not in any legend
 *   and could reach a read — white (74 from #FFD8C0, the nearest depth colour), any grey of the pale
 *   basemap (≥ 45 from every depth colour, ≥ 34 from every blend line between two of them; the 土砂
 *   legends are farther still), water blue — stay well outside 24 and 12 (tests/unit/core/legendColor.test.ts).
 * - Two legend colours closer than 2 · 24 (#FFFFB3 and #F7F5A9 are 16 apart) are told apart by
 *   which is nearer; a blend between them is read as the nearer one, always a class of the legend.
 */

/** Below this alpha (but above 0) a pixel's colour cannot be told after a canvas: 判定できない. */
export const MIN_READABLE_ALPHA = 16;

/** A pixel within this RGB distance (0–255 channels, Euclidean) of a legend colour is that class. */
export const COLOUR_TOLERANCE = 24;

/** A pixel within this RGB distance of the line between two colours of one legend is a blend of them. */
export const BLEND_TOLERANCE = 12;

type Rgb = readonly [number, number, number];

function distance(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** Distance from `p` to the segment a–b in RGB space. */
function distanceToSegment(p: Rgb, a: Rgb, b: Rgb): number {
  const d: Rgb = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const length2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
  if (length2 === 0) return distance(p, a);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1] + (p[2] - a[2]) * d[2]) / length2));
  return distance(p, [a[0] + t * d[0], a[1] + t * d[1], a[2] + t * d[2]]);
}

/** The legend entry whose colour is nearest `rgb` (the later one on a tie), or null for an empty legend. */
export function nearestLegendEntry(legend: readonly LegendEntry[], rgb: Rgb): { entry: LegendEntry; distance: number } | null {
  let best: { entry: LegendEntry; distance: number } | null = null;
  for (const entry of legend) {
    const d = distance(rgb, entry.rgb);
    if (!best || d <= best.distance) best = { entry, distance: d };
  }
  return best;
}

/**
 * When `rgb` lies within BLEND_TOLERANCE of the line between two of the legend's colours (a blend
 * at the edge of two classes), the more severe of the pair whose line is nearest (the later
 * entry): at an edge the read errs on the side of the deeper water. Null when it is no blend.
 */
function blendOf(legend: readonly LegendEntry[], rgb: Rgb): LegendEntry | null {
  let best: { entry: LegendEntry; distance: number } | null = null;
  for (let j = 1; j < legend.length; j++) {
    for (let i = 0; i < j; i++) {
      const d = distanceToSegment(rgb, legend[i].rgb, legend[j].rgb);
      if (d <= BLEND_TOLERANCE && (!best || d < best.distance)) best = { entry: legend[j], distance: d };
    }
  }
  return best?.entry ?? null;
}

/**
 * What a pixel (r, g, b, a: 0–255, not premultiplied) of a layer's tile says, against that
 * layer's legend: `outside` (alpha 0), `inside` (a legend class, see the rules above) or
 * `unreadable` (a colour in no legend, or too faint to tell: 判定できない).
 */
export function classifyPixel(legend: readonly LegendEntry[], r: number, g: number, b: number, a: number): TileOutcome {
  if (a === 0) return { state: 'outside' };
  if (a < MIN_READABLE_ALPHA) return { state: 'unreadable', rgba: [r, g, b, a] };
  const rgb: Rgb = [r, g, b];
  const nearest = nearestLegendEntry(legend, rgb);
  const entry = nearest && nearest.distance <= COLOUR_TOLERANCE ? nearest.entry : blendOf(legend, rgb);
  if (!entry) return { state: 'unreadable', rgba: [r, g, b, a] };
  const { key, label, minDepthM } = entry;
  return { state: 'inside', key, label, minDepthM };
}
