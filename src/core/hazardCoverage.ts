import type { LngLat } from './geo';
import type { HazardType } from './hazard';
import type { HazardZone } from './hazardZone';

/**
 * The area one imported hazard file answers for: inside it, a home in none of the file's zones is
 * 「区域外」; outside it nothing is known (「データなし」). `bbox` `[west, south, east, north]` WGS84
 * degrees is the extent of all the file's polygons — a home in a gap between two zones of the file
 * is inside it, a home in another ward or on an island beyond the file's last zone is not.
 */
export interface HazardCoverage {
  /** Source file name (the zones' `source`). */
  source: string;
  hazard: HazardType;
  bbox: [number, number, number, number];
}

/** Whether `[lng, lat]` lies in a coverage of `hazard` (edges included). */
export function coveredBy(point: LngLat, hazard: HazardType, coverage: readonly HazardCoverage[]): boolean {
  const [x, y] = point;
  return coverage.some((c) => c.hazard === hazard && x >= c.bbox[0] && x <= c.bbox[2] && y >= c.bbox[1] && y <= c.bbox[3]);
}

/** The coverage of each (source file, hazard) among `zones`: the extent of their bboxes. */
export function coverageOfZones(zones: readonly Pick<HazardZone, 'source' | 'hazard' | 'bbox'>[]): HazardCoverage[] {
  const byKey = new Map<string, HazardCoverage>();
  for (const z of zones) {
    const key = JSON.stringify([z.source, z.hazard]);
    const c = byKey.get(key);
    if (!c) byKey.set(key, { source: z.source, hazard: z.hazard, bbox: [...z.bbox] });
    else {
      c.bbox[0] = Math.min(c.bbox[0], z.bbox[0]);
      c.bbox[1] = Math.min(c.bbox[1], z.bbox[1]);
      c.bbox[2] = Math.max(c.bbox[2], z.bbox[2]);
      c.bbox[3] = Math.max(c.bbox[3], z.bbox[3]);
    }
  }
  return [...byKey.values()];
}
