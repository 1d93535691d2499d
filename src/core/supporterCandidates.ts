/**
 * Candidate pairs of supporter matching (core/supporterMatching.ts): the supporters within the
 * walking radius (great-circle metres) of a person's home.
 */
import KDBush from 'kdbush';
import { cosLat, EARTH_RADIUS_M, haversineMetres, RAD, type LngLat, type Metres } from './geo';
import { personPoint } from './nearestShelter';
import type { Person } from './person';

/** People's homes: `lng[i]`, `lat[i]` in degrees (`lng[i]` NaN = not placed) and `cos[i]` = `cosLat(lat[i])`. */
export interface HomePoints {
  lng: Float64Array;
  lat: Float64Array;
  cos: Float64Array;
}

/** The homes of `people`, by position. */
export function homePointsOf(people: readonly Person[]): HomePoints {
  const n = people.length;
  const homes: HomePoints = { lng: new Float64Array(n).fill(NaN), lat: new Float64Array(n), cos: new Float64Array(n) };
  people.forEach((p, i) => {
    const point = personPoint(p);
    if (!point) return;
    homes.lng[i] = point[0];
    homes.lat[i] = point[1];
    homes.cos[i] = cosLat(point[1]);
  });
  return homes;
}

/** Supporters within `radiusM` of a point: a kdbush box query that is a proven superset, then the exact haversine. */
export class CandidateFinder {
  private readonly tree: KDBush;
  private readonly lng: Float64Array;
  private readonly lat: Float64Array;
  private readonly cos: Float64Array;
  private readonly dLatDeg: number;
  private readonly sinHalf: number;
  /** Results of the last `find`: supporter positions (in the points given) and metres. */
  ids = new Int32Array(256);
  dist = new Float64Array(256);

  constructor(points: readonly LngLat[], private readonly radiusM: Metres) {
    const n = points.length;
    this.lng = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.cos = new Float64Array(n);
    this.tree = new KDBush(Math.max(1, n), 16);
    points.forEach(([x, y], k) => {
      this.lng[k] = x;
      this.lat[k] = y;
      this.cos[k] = cosLat(y);
      this.tree.add(x, y);
    });
    if (n === 0) this.tree.add(Infinity, Infinity);
    this.tree.finish();
    const angle = radiusM / EARTH_RADIUS_M; // radians of arc
    this.dLatDeg = (angle / RAD) * (1 + 1e-9) + 1e-12;
    this.sinHalf = Math.sin(Math.min(Math.PI / 2, angle / 2));
  }

  /** Fills `ids`/`dist` with every supporter within the radius of `[lng, lat]` (`cosP` = its `cosLat`); returns how many. */
  find(lng: number, lat: number, cosP: number): number {
    // |Δlat| ≤ r/R, and sin(|Δlng|/2) ≤ sin(r/2R) / (cos φ1 cos φ2)^½ with both cosines ≥ cosMin.
    const cosMin = Math.cos(Math.min(90, Math.abs(lat) + this.dLatDeg) * RAD);
    const dLngDeg = cosMin <= this.sinHalf ? 360 : ((2 * Math.asin(this.sinHalf / cosMin)) / RAD) * (1 + 1e-9) + 1e-12;
    const hits = this.tree.range(lng - dLngDeg, lat - this.dLatDeg, lng + dLngDeg, lat + this.dLatDeg);
    if (hits.length > this.ids.length) {
      this.ids = new Int32Array(hits.length * 2);
      this.dist = new Float64Array(hits.length * 2);
    }
    let count = 0;
    for (const k of hits) {
      if (k >= this.lng.length) continue;
      const d = haversineMetres(lng, lat, cosP, this.lng[k], this.lat[k], this.cos[k]);
      if (d <= this.radiusM) {
        this.ids[count] = k;
        this.dist[count++] = d;
      }
    }
    return count;
  }
}

/** A finder's candidates for each person of `homes`: `findFor(i)` fills `ids`/`dist` (0 for a person not placed). */
export class PersonCandidates {
  constructor(private readonly finder: CandidateFinder, private readonly homes: HomePoints) {}

  findFor(i: number): number {
    const { lng, lat, cos } = this.homes;
    return Number.isNaN(lng[i]) ? 0 : this.finder.find(lng[i], lat[i], cos[i]);
  }

  get ids(): Int32Array {
    return this.finder.ids;
  }

  get dist(): Float64Array {
    return this.finder.dist;
  }
}
