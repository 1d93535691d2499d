import type { HazardType } from './hazard';
import { HAZARD_TILE_LAYERS, type HazardTileLayerId } from './hazardTileLayers';

/**
 * What a point (a person's home, a shelter) was read as on one hazard tile layer:
 * - `inside`: the pixel is a legend colour (its key and label, e.g. `depth_3_5` 「3.0〜5.0m」);
 * - `outside`: the tile exists and the pixel is transparent (区域外);
 * - `no_tile`: the portal has no tile there (404): データなし — 「未整備の可能性があります」, never 区域外;
 * - `unreadable`: the pixel's colour is in no legend (判定できない), never 区域外.
 */
export type TileOutcome =
  | { state: 'inside'; key: string; label: string; minDepthM: number | null }
  | { state: 'outside' }
  | { state: 'no_tile' }
  | { state: 'unreadable'; rgba: [number, number, number, number] };

/** What a reading is about: a person on the 名簿 or a shelter. */
export type ReadingSubject = 'person' | 'shelter';

/**
 * One point's reading of one hazard from the tiles, as stored (table `hazardReadings`): a hazard
 * with several layers (土砂災害: 土石流・急傾斜地・地すべり) has one outcome per layer.
 */
export interface HazardReading {
  /** `${subject}|${subjectId}|${hazard}`. */
  id: string;
  subject: ReadingSubject;
  subjectId: string;
  hazard: HazardType;
  layers: { layer: HazardTileLayerId; outcome: TileOutcome }[];
  /** The point read, `[lng, lat]` WGS84 degrees (a moved home needs reading again). */
  point: [number, number];
  /** ISO 8601 timestamp of the read. */
  readAt: string;
  /** Japan date of the read, `YYYY-MM-DD` (shown as 「2026-11-28 取得」). */
  readOn: string;
}

/** The id of the reading of `hazard` for a subject. */
export function readingId(subject: ReadingSubject, subjectId: string, hazard: HazardType): string {
  return `${subject}|${subjectId}|${hazard}`;
}

/**
 * A reading's answer for its hazard, across its layers:
 * - `inside` when any layer is inside (every inside layer's label, deepest / most severe first as
 *   the legend orders them, and the greatest water depth lower bound);
 * - else `unreadable` when any layer's colour could not be told (判定できない);
 * - else `no_data` when any layer has no tile (未整備の可能性);
 * - else `outside` (every layer's tile present and transparent).
 */
export type ReadingAnswer =
  | { state: 'inside'; labels: string[]; keys: string[]; maxDepthM: number | null }
  | { state: 'outside' }
  | { state: 'no_data' }
  | { state: 'unreadable' };

export function readingAnswer(reading: Pick<HazardReading, 'layers'>): ReadingAnswer {
  const inside = reading.layers.flatMap((l) => (l.outcome.state === 'inside' ? [{ layer: l.layer, outcome: l.outcome }] : []));
  if (inside.length) {
    const order = (layer: HazardTileLayerId, key: string) => {
      const legend = HAZARD_TILE_LAYERS.find((t) => t.id === layer)?.legend ?? [];
      return -legend.findIndex((e) => e.key === key);
    };
    inside.sort((a, b) => order(a.layer, a.outcome.key) - order(b.layer, b.outcome.key));
    const depths = inside.map((i) => i.outcome.minDepthM).filter((d): d is number => d !== null);
    return { state: 'inside', labels: inside.map((i) => i.outcome.label), keys: inside.map((i) => i.outcome.key), maxDepthM: depths.length ? Math.max(...depths) : null };
  }
  if (reading.layers.some((l) => l.outcome.state === 'unreadable')) return { state: 'unreadable' };
  if (reading.layers.length === 0 || reading.layers.some((l) => l.outcome.state === 'no_tile')) return { state: 'no_data' };
  return { state: 'outside' };
}

/** Points closer than this in both degrees (≈ 1 cm) are the same place: the reading still applies. */
export const SAME_POINT_DEGREES = 1e-7;

/**
 * Whether a reading was taken at `point` (`[lng, lat]` degrees): a reading of a home that has moved
 * since no longer answers for it (it is offered to be read again, and not used or counted).
 */
export function readAtPoint(reading: Pick<HazardReading, 'point'>, point: readonly [number, number]): boolean {
  return Math.abs(reading.point[0] - point[0]) <= SAME_POINT_DEGREES && Math.abs(reading.point[1] - point[1]) <= SAME_POINT_DEGREES;
}

/** Days after which a reading is offered to be read again (the portal's data is updated over time). */
export const READING_STALE_DAYS = 365;
