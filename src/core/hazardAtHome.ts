import Flatbush from 'flatbush';
import type { LngLat } from './geo';
import type { HazardType } from './hazard';
import type { HazardZone } from './hazardZone';
import { packPolygons, pointInPackedShape, segmentTouchesPackedShape, type PackedPolygons } from './pointInPolygon';

/** One hazard zone that contains a point: the zone's position in the index, ID, hazard and depth class. */
export interface HazardHit {
  zone: number;
  zoneId: string;
  hazard: HazardType;
  depthClass: string | null;
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
    this.packed = packPolygons(
      zones.map((z) => z.geometry.coordinates),
      (i) => zones[i].geometry.type === 'MultiPolygon',
    );
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
      return { zone, zoneId: z.id, hazard: z.hazard, depthClass: z.depthClass };
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

/** IDs of the hazard zones that a route (`[lng, lat]` degrees) crosses; see `HazardIndex.routeCrossings`. */
export function routeCrossesHazard(route: readonly LngLat[], zones: HazardIndex | readonly HazardZone[], active?: (zone: HazardZone) => boolean): string[] {
  const index = zones instanceof HazardIndex ? zones : new HazardIndex(zones);
  return index.routeCrossings(route, active).map((z) => index.zones[z].id);
}
