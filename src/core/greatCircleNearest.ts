import type KDBush from 'kdbush';
import { cosLat, EARTH_RADIUS_M, RAD, type Metres } from './geo';

/** The haversine term `h` for a great-circle distance in metres (inverse of `2R·asin(√h)`). */
export function haversineTermOf(distanceM: Metres): number {
  if (!(distanceM < Math.PI * EARTH_RADIUS_M)) return 1;
  const s = Math.sin(distanceM / EARTH_RADIUS_M / 2);
  return s * s;
}

/**
 * Exact nearest-neighbour search by great-circle distance over a finished kdbush index whose
 * points are `[lng, lat]` WGS84 degrees. Allocation-free per query, so it can run 10⁵ times.
 * Ranking uses the same haversine formula as `distanceMetres` in geo.ts; among exact ties the
 * smallest item id wins. Assumes the points do not straddle the antimeridian (true for Japan).
 */
export class GreatCircleNearest {
  /** Item id (insertion order in the kdbush) of the last result, or -1 when nothing qualified. */
  id = -1;

  private readonly index: KDBush;
  private readonly pointCos: Float64Array;
  private readonly minCosLat: number;
  private bestH = Infinity;
  private qLng = 0;
  private qLat = 0;
  private qCosLat = 1;
  private accept: Uint8Array | null = null;

  constructor(index: KDBush) {
    this.index = index;
    const n = index.ids.length;
    this.pointCos = new Float64Array(n);
    let minCos = 1;
    for (let i = 0; i < n; i++) {
      const c = cosLat(index.coords[2 * i + 1]);
      this.pointCos[i] = c;
      if (c < minCos) minCos = c;
    }
    this.minCosLat = Math.max(0, minCos);
  }

  /**
   * Id of the item nearest to `[lng, lat]` (degrees) within `maxDistanceM` metres, or -1.
   * `accept[id] === 0` excludes an item (e.g. a shelter that does not take this person).
   */
  nearest(lng: number, lat: number, accept: Uint8Array | null = null, maxDistanceM: Metres = Infinity): number {
    this.id = -1;
    this.bestH = maxDistanceM === Infinity ? Infinity : haversineTermOf(maxDistanceM);
    this.qLng = lng;
    this.qLat = lat;
    this.qCosLat = cosLat(lat);
    this.accept = accept;
    if (this.index.ids.length > 0) this.visit(0, this.index.ids.length - 1, 0);
    this.accept = null;
    return this.id;
  }

  private consider(i: number): void {
    const id = this.index.ids[i];
    if (this.accept !== null && this.accept[id] === 0) return;
    const coords = this.index.coords;
    const sLat = Math.sin((coords[2 * i + 1] - this.qLat) * RAD / 2);
    const sLng = Math.sin((coords[2 * i] - this.qLng) * RAD / 2);
    const h = sLat * sLat + this.qCosLat * this.pointCos[i] * sLng * sLng;
    if (h < this.bestH || (h === this.bestH && (this.id === -1 || id < this.id))) {
      this.bestH = h;
      this.id = id;
    }
  }

  private visit(left: number, right: number, axis: number): void {
    if (right - left <= this.index.nodeSize) {
      for (let i = left; i <= right; i++) this.consider(i);
      return;
    }
    const m = (left + right) >> 1;
    this.consider(m);
    const diff = (axis === 0 ? this.qLng : this.qLat) - this.index.coords[2 * m + axis];
    const s = Math.sin(diff * RAD / 2);
    // Lower bound of h for any point on the far side of the split line.
    const bound = axis === 0 ? this.qCosLat * this.minCosLat * s * s : s * s;
    const next = 1 - axis;
    if (diff < 0) {
      this.visit(left, m - 1, next);
      if (bound <= this.bestH) this.visit(m + 1, right, next);
    } else {
      this.visit(m + 1, right, next);
      if (bound <= this.bestH) this.visit(left, m - 1, next);
    }
  }
}
