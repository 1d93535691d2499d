/**
 * Number labels on a printed map that never overlap: each label is put beside its point where
 * there is room, else further out with a leader line back to the point. Greedy by priority:
 * labels are placed in the order given (the most urgent first gets the best place).
 *
 * Coordinates are screen units (e.g. CSS px of the map image), x to the right, y downwards,
 * origin at the top-left corner of the map.
 */

/** A point to label and the size of its label box, in screen units. */
export interface LabelRequest {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A placed label: its box (top-left corner and size) and whether it needs a leader line. */
export interface PlacedLabel {
  left: number;
  top: number;
  width: number;
  height: number;
  /** True when the box is away from its point: draw a line from the point to `lineTo`. */
  displaced: boolean;
  /** The point on the box's edge nearest to the labelled point (the leader line's end). */
  lineTo: [number, number];
  /** True when no free place was found and the box overlaps another (none in normal use). */
  overlapping: boolean;
}

export interface LabelOptions {
  /** Size of the map, in the same units. Boxes stay inside it. */
  width: number;
  height: number;
  /** Radius around every point that no label may cover (the drawn point mark). */
  markerRadius: number;
  /** Gap between a point mark and its label when placed beside it. */
  gap?: number;
  /** Distance between the rings of positions tried for a displaced label. */
  ringStep?: number;
  /** How many rings are tried before giving up. */
  rings?: number;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
const overlapArea = (a: Box, b: Box) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/** The point on `box`'s edge (or inside it) nearest to (x, y). */
function nearestOnBox(box: Box, x: number, y: number): [number, number] {
  return [Math.min(Math.max(x, box.left), box.right), Math.min(Math.max(y, box.top), box.bottom)];
}

/**
 * Places one label per request, in order, so that no two labels overlap each other or cover a
 * point mark, all inside the map. First tried: the eight places touching the point (right,
 * upper right, above, …); then rings of places further out, each with a leader line.
 */
export function placeLabels(requests: readonly LabelRequest[], options: LabelOptions): PlacedLabel[] {
  const gap = options.gap ?? 1;
  const r = options.markerRadius;
  const step = options.ringStep ?? Math.max(4, ...requests.map((q) => q.height));
  const rings = options.rings ?? 12;
  const markers: Box[] = requests.map((q) => ({ left: q.x - r, top: q.y - r, right: q.x + r, bottom: q.y + r }));
  const placed: Box[] = [];
  const inside = (b: Box) => b.left >= 0 && b.top >= 0 && b.right <= options.width && b.bottom <= options.height;
  const cost = (b: Box) => placed.reduce((s, p) => s + overlapArea(b, p), 0) + markers.reduce((s, m) => s + overlapArea(b, m), 0);

  return requests.map((q) => {
    const { width: w, height: h } = q;
    const at = (cx: number, cy: number): Box => ({ left: cx - w / 2, top: cy - h / 2, right: cx + w / 2, bottom: cy + h / 2 });
    const d = r + gap;
    // Beside the point: right, upper right, above, upper left, left, lower left, below, lower right.
    const beside: Box[] = [
      at(q.x + d + w / 2, q.y),
      at(q.x + d + w / 2, q.y - d - h / 2),
      at(q.x, q.y - d - h / 2),
      at(q.x - d - w / 2, q.y - d - h / 2),
      at(q.x - d - w / 2, q.y),
      at(q.x - d - w / 2, q.y + d + h / 2),
      at(q.x, q.y + d + h / 2),
      at(q.x + d + w / 2, q.y + d + h / 2),
    ];
    const candidates: { box: Box; displaced: boolean }[] = beside.map((box) => ({ box, displaced: false }));
    for (let k = 1; k <= rings; k++) {
      const radius = d + Math.max(w, h) / 2 + k * step;
      const n = 8 + 4 * k;
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n;
        candidates.push({ box: at(q.x + radius * Math.cos(a), q.y - radius * Math.sin(a)), displaced: true });
      }
    }
    const free = candidates.find((c) => inside(c.box) && !placed.some((p) => overlaps(c.box, p)) && !markers.some((m) => overlaps(c.box, m)));
    let chosen = free;
    if (!chosen) {
      // No free place: the least covered one inside the map (reported as overlapping).
      const within = candidates.filter((c) => inside(c.box));
      chosen = (within.length ? within : candidates).reduce((best, c) => (cost(c.box) < cost(best.box) ? c : best));
    }
    placed.push(chosen.box);
    const b = chosen.box;
    return {
      left: b.left,
      top: b.top,
      width: w,
      height: h,
      displaced: chosen.displaced,
      lineTo: nearestOnBox(b, q.x, q.y),
      overlapping: !free,
    };
  });
}
