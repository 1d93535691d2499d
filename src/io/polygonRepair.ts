/**
 * Checks and trivial repairs of GeoJSON polygon rings (`[lng, lat]` degrees): non-numeric
 * positions are refused; duplicate consecutive points are dropped; an unclosed ring is closed;
 * rings with fewer than 3 distinct points or zero area are dropped; crossing edges
 * (self-intersections) are detected with a sweep over the edges' x-extents — O(n log n) for
 * ordinary rings, so it runs on every polygon of a 10⁵-polygon layer.
 */

/** Counts of what was repaired in one polygon or feature. */
export interface RepairCounts {
  /** Duplicate consecutive positions removed. */
  duplicatePoints: number;
  /** Rings whose last position did not equal the first and were closed. */
  closedRings: number;
  /** Holes dropped because they had < 3 distinct points or no area. */
  droppedHoles: number;
  /** Polygon parts (of a MultiPolygon) dropped because their outer ring was degenerate. */
  droppedParts: number;
  /** Third and further ordinates (height) removed. */
  droppedZ: number;
}

export function emptyRepairCounts(): RepairCounts {
  return { duplicatePoints: 0, closedRings: 0, droppedHoles: 0, droppedParts: 0, droppedZ: 0 };
}

/** Japanese summary of the repairs, e.g. 「閉じていない輪を1つ閉じました。重複した連続点を3個除きました。」; '' when none. */
export function describeRepairs(c: RepairCounts): string {
  const parts: string[] = [];
  if (c.closedRings) parts.push(`閉じていない輪（始点と終点が違う）を${c.closedRings}つ閉じました`);
  if (c.duplicatePoints) parts.push(`連続する重複点を${c.duplicatePoints}個除きました`);
  if (c.droppedHoles) parts.push(`点が3つ未満か面積のない穴を${c.droppedHoles}つ除きました`);
  if (c.droppedParts) parts.push(`点が3つ未満か面積のないポリゴンを${c.droppedParts}つ除きました`);
  if (c.droppedZ) parts.push(`高さの値（3つ目の座標値）を${c.droppedZ}個除きました`);
  return parts.length ? `${parts.join('。')}。` : '';
}

/** A position of exactly `[lng, lat]` numbers (kept as is; longer ones are copied without the rest). */
function isPair(p: readonly unknown[]): p is [number, number] {
  return p.length === 2 && typeof p[0] === 'number' && typeof p[1] === 'number';
}

export type RingResult =
  | { ok: true; ring: number[][] }
  | { ok: false; degenerate: true; message: string }
  | { ok: false; degenerate: false; message: string };

/**
 * Cleans one ring in place of a copy: positions must be arrays of ≥ 2 finite numbers
 * `[lng, lat, …]`. Returns the cleaned closed ring, or why it is unusable: `degenerate`
 * (repairable by dropping the ring) or not (bad numbers — the feature must be fixed).
 * `label` names the ring in messages (「外周」「2番目の穴」).
 */
export function cleanRing(raw: unknown, label: string, counts: RepairCounts): RingResult {
  if (!Array.isArray(raw)) return { ok: false, degenerate: false, message: `${label}が座標の配列ではありません。` };
  const out: number[][] = [];
  let lx = NaN, ly = NaN;
  for (let k = 0; k < raw.length; k++) {
    const p = raw[k];
    if (!Array.isArray(p) || p.length < 2) {
      return { ok: false, degenerate: false, message: `${label}の${k + 1}番目の座標が[経度, 緯度]の形ではありません（${preview(p)}）。` };
    }
    const x = p[0], y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      return { ok: false, degenerate: false, message: `${label}の${k + 1}番目の座標が数値ではありません（${preview(p)}）。経度と緯度は数値で書いてください。` };
    }
    if (x === lx && y === ly) {
      counts.duplicatePoints++;
      continue;
    }
    if (p.length > 2) counts.droppedZ++;
    out.push(isPair(p) ? p : [x, y]);
    lx = x;
    ly = y;
  }
  if (out.length >= 2) {
    const f = out[0], l = out[out.length - 1];
    if (f[0] !== l[0] || f[1] !== l[1]) {
      out.push([f[0], f[1]]);
      counts.closedRings++;
    }
  }
  if (out.length < 4) {
    const distinct = Math.max(0, out.length - 1);
    return { ok: false, degenerate: true, message: `${label}の異なる点が${distinct}個しかありません（3個以上必要です）。` };
  }
  if (ringArea2(out) === 0 && allCollinear(out)) return { ok: false, degenerate: true, message: `${label}の点が一直線上に並んでいて面積がありません。` };
  return { ok: true, ring: out };
}

/** Twice the signed area of a closed ring in square degrees (shoelace; positive = counter-clockwise). */
export function ringArea2(ring: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/** True when every point of the ring lies on the line through its first two points (exact test). */
function allCollinear(ring: readonly (readonly number[])[]): boolean {
  const [ax, ay] = ring[0], [bx, by] = ring[1];
  for (let i = 2; i < ring.length; i++) if (orient(ax, ay, bx, by, ring[i][0], ring[i][1]) !== 0) return false;
  return true;
}

function preview(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

let seg = new Float64Array(4 * 256);
let order = new Uint32Array(256);

/**
 * First proper crossing between two edges of a polygon's rings (outer ring and holes together),
 * as the approximate `[lng, lat]` of the crossing; null when no two edges cross. Edges that only
 * touch at a vertex or overlap collinearly are not reported (cheap test, not full OGC validity).
 */
export function findSelfIntersection(rings: readonly (readonly (readonly number[])[])[]): [number, number] | null {
  let n = 0;
  for (const r of rings) n += Math.max(0, r.length - 1);
  if (n < 4) return null;
  if (seg.length < 4 * n) seg = new Float64Array(4 * n * 2);
  if (order.length < n) order = new Uint32Array(n * 2);
  let s = 0;
  for (const r of rings) {
    for (let k = 0; k + 1 < r.length; k++) {
      const ax = r[k][0], ay = r[k][1], bx = r[k + 1][0], by = r[k + 1][1];
      // store with x1 <= x2 so minX = seg[4i], maxX = seg[4i+2]
      if (ax <= bx) {
        seg[4 * s] = ax; seg[4 * s + 1] = ay; seg[4 * s + 2] = bx; seg[4 * s + 3] = by;
      } else {
        seg[4 * s] = bx; seg[4 * s + 1] = by; seg[4 * s + 2] = ax; seg[4 * s + 3] = ay;
      }
      order[s] = s;
      s++;
    }
  }
  const idx = order.subarray(0, n);
  if (n > 24) idx.sort((a, b) => seg[4 * a] - seg[4 * b]);
  for (let ii = 0; ii < n; ii++) {
    const i = idx[ii];
    const ax = seg[4 * i], ay = seg[4 * i + 1], bx = seg[4 * i + 2], by = seg[4 * i + 3];
    const iMinY = ay < by ? ay : by, iMaxY = ay < by ? by : ay;
    for (let jj = n > 24 ? ii + 1 : 0; jj < n; jj++) {
      const j = idx[jj];
      if (n <= 24 && j <= i) continue;
      const cx = seg[4 * j], cy = seg[4 * j + 1], dx = seg[4 * j + 2], dy = seg[4 * j + 3];
      if (cx > bx) {
        if (n > 24) break;
        continue;
      }
      if (dx < ax) continue;
      if ((cy < dy ? dy : cy) < iMinY || (cy < dy ? cy : dy) > iMaxY) continue;
      const o1 = orient(ax, ay, bx, by, cx, cy), o2 = orient(ax, ay, bx, by, dx, dy);
      if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))) continue;
      const o3 = orient(cx, cy, dx, dy, ax, ay), o4 = orient(cx, cy, dx, dy, bx, by);
      if (!((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) continue;
      const t = o3 / (o3 - o4);
      return [ax + t * (bx - ax), ay + t * (by - ay)];
    }
  }
  return null;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}
