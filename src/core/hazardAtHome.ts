import Flatbush from 'flatbush';
import type { LngLat } from './geo';
import { HAZARD_SHORT_LABELS, type HazardType } from './hazard';
import type { HazardZone } from './hazardZone';
import { coveredBy, type HazardCoverage } from './hazardCoverage';
import { packPolygons, pointInPackedShape, segmentTouchesPackedShape, type PackedPolygons } from './pointInPolygon';

/** One hazard zone that contains a point: the zone's position in the index, ID, hazard, depth class and name. */
export interface HazardHit {
  zone: number;
  zoneId: string;
  hazard: HazardType;
  depthClass: string | null;
  /** The zone's name as the file gives it (箇所名 and 箇所番号 when present). */
  name: string;
}

/**
 * The answer for one hazard at one home — never 「区域外」 without data:
 * - `inside`: in at least one zone of that hazard (`zones`, each zone once).
 * - `outside`: zones of that hazard are loaded and the home lies in a file's coverage, in none of them.
 * - `no_data`: no zones of that hazard are loaded (`no_zones`), or the home is outside every
 *   loaded file's coverage (`outside_coverage`), or the home has no location (`no_location`).
 */
export type HazardAnswer =
  | { hazard: HazardType; state: 'inside'; zones: HazardHit[] }
  | { hazard: HazardType; state: 'outside' }
  | { hazard: HazardType; state: 'no_data'; why: 'no_zones' | 'outside_coverage' | 'no_location' };

/**
 * The three-state answer for `hazard` at a home, from the zones containing it (`hits`, any hazard;
 * duplicates by zone are dropped) and the loaded files' coverage. `point` null: no location.
 */
export function hazardAnswerAt(point: LngLat | null, hazard: HazardType, hits: readonly HazardHit[], coverage: readonly HazardCoverage[]): HazardAnswer {
  const seen = new Set<string>();
  const zones = hits.filter((h) => h.hazard === hazard && !seen.has(h.zoneId) && seen.add(h.zoneId));
  if (zones.length) return { hazard, state: 'inside', zones };
  if (!coverage.some((c) => c.hazard === hazard)) return { hazard, state: 'no_data', why: 'no_zones' };
  if (!point) return { hazard, state: 'no_data', why: 'no_location' };
  return coveredBy(point, hazard, coverage) ? { hazard, state: 'outside' } : { hazard, state: 'no_data', why: 'outside_coverage' };
}

/** Each distinct text once, in order. */
const distinct = (xs: readonly (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))];

/**
 * The answer in words, the hazard named once however many zones hold the home:
 * 「土砂災害の区域内（八重：土砂災害特別警戒区域）」, 「洪水の区域外」,
 * 「洪水はデータなし（洪水の区域データが取り込まれていません）」.
 */
export function hazardAnswerLabel(a: HazardAnswer): string {
  const h = HAZARD_SHORT_LABELS[a.hazard];
  if (a.state === 'inside') {
    const names = distinct(a.zones.map((z) => z.name)).join('・');
    const classes = distinct(a.zones.map((z) => z.depthClass)).join('・');
    const detail = [names, classes].filter(Boolean).join('：');
    return `${h}の区域内${detail ? `（${detail}）` : ''}`;
  }
  if (a.state === 'outside') return `${h}の区域外`;
  const why = { no_zones: `${h}の区域データが取り込まれていません`, outside_coverage: `自宅が取り込んだ${h}データの範囲の外です`, no_location: '自宅の位置が未登録です' }[a.why];
  return `${h}はデータなし（${why}）`;
}

/**
 * A static index over hazard zones (浸水想定区域, 土砂災害警戒区域…): a flatbush R-tree over their
 * bounding boxes, then an exact ray-casting test on the few candidates. Coordinates are
 * `[lng, lat]` WGS84 degrees. Build once per imported zone set.
 */
export class HazardIndex {
  readonly zones: readonly HazardZone[];
  private readonly packed: PackedPolygons;
  private readonly tree: Flatbush | null;

  constructor(zones: readonly HazardZone[]) {
    this.zones = zones;
    this.packed = packPolygons(zones.map((z) => z.geometry));
    if (zones.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(zones.length);
    const b = this.packed.bboxes;
    for (let i = 0; i < zones.length; i++) tree.add(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
    tree.finish();
    this.tree = tree;
  }

  /** Positions (in `zones`) of the zones containing `[lng, lat]`, optionally of one hazard type, ascending. */
  zonesAt(point: LngLat, hazard?: HazardType): number[] {
    if (!this.tree) return [];
    const [x, y] = point;
    const hits = this.tree.search(x, y, x, y, (i) => (hazard === undefined || this.zones[i].hazard === hazard) && pointInPackedShape(x, y, this.packed, i));
    return hits.sort((a, b) => a - b);
  }

  /** The zones containing `[lng, lat]`, with hazard type and depth class. */
  hazardsAt(point: LngLat): HazardHit[] {
    return this.zonesAt(point).map((zone) => {
      const z = this.zones[zone];
      return { zone, zoneId: z.id, hazard: z.hazard, depthClass: z.depthClass, name: zoneDisplayName(z) };
    });
  }

  /**
   * Zones containing each of many points `[lng0, lat0, lng1, lat1, …]` (degrees), as CSR arrays:
   * point `i` is in zones `zones[offsets[i] .. offsets[i+1])` (ascending). Non-finite points are in none.
   */
  zonesAtPoints(points: ArrayLike<number>): { offsets: Uint32Array; zones: Uint32Array } {
    const n = points.length >> 1;
    const offsets = new Uint32Array(n + 1);
    let zones = new Uint32Array(Math.max(16, n >> 2));
    let count = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = count;
      const x = points[2 * i], y = points[2 * i + 1];
      if (!this.tree || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      const hits = this.tree.search(x, y, x, y, (z) => pointInPackedShape(x, y, this.packed, z));
      if (hits.length > 1) hits.sort((a, b) => a - b);
      if (count + hits.length > zones.length) {
        const grown = new Uint32Array(Math.max(zones.length * 2, count + hits.length));
        grown.set(zones);
        zones = grown;
      }
      for (const z of hits) zones[count++] = z;
    }
    offsets[n] = count;
    return { offsets, zones: zones.slice(0, count) };
  }

  /**
   * Positions of the zones a route (`[lng, lat]` vertices in order) enters, touches or starts or
   * ends in, ascending — e.g. to warn that the way to a shelter crosses an active 浸水想定区域.
   * `active` limits the check to some zones (e.g. the scenario's hazard type).
   */
  routeCrossings(route: readonly LngLat[], active?: (zone: HazardZone) => boolean): number[] {
    if (!this.tree || route.length === 0) return [];
    const found = new Set<number>();
    const path = route.length === 1 ? [route[0], route[0]] : route;
    for (let k = 1; k < path.length; k++) {
      const [ax, ay] = path[k - 1];
      const [bx, by] = path[k];
      this.tree.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (z) => {
        if (!found.has(z) && (!active || active(this.zones[z])) && segmentTouchesPackedShape(ax, ay, bx, by, this.packed, z)) found.add(z);
        return false;
      });
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** A zone's name for people: 「八重団地（103-Ⅰ-0648）」 when the file gives a 箇所番号. */
export function zoneDisplayName(z: Pick<HazardZone, 'name' | 'code'>): string {
  return z.code && !z.name.includes(z.code) ? `${z.name}（${z.code}）` : z.name;
}

/** IDs of the hazard zones that a route (`[lng, lat]` degrees) crosses; see `HazardIndex.routeCrossings`. */
export function routeCrossesHazard(route: readonly LngLat[], zones: HazardIndex | readonly HazardZone[], active?: (zone: HazardZone) => boolean): string[] {
  const index = zones instanceof HazardIndex ? zones : new HazardIndex(zones);
  return index.routeCrossings(route, active).map((z) => index.zones[z].id);
}
