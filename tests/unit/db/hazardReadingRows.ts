/**
 * Readings of hazard at home from the tiles, as stored (schema version 10), for the backup tests
 * and the backup fixtures (scripts/make-backup-fixtures.ts): fixed values, valid under the backup
 * validators — one of each tile outcome (区域内 with its depth class, 区域外, データなし, 判定できない).
 */
import type { HazardType } from '../../../src/core/hazard';
import { readingId, type HazardReading, type ReadingSubject } from '../../../src/core/hazardReading';

/** A reading of `hazard` at `point`, read at `readAt` (Japan date from it), with the given layers. */
export function readingRow(subject: ReadingSubject, subjectId: string, hazard: HazardType, layers: HazardReading['layers'], point: [number, number], readAt = '2025-11-28T01:00:00.000Z'): HazardReading {
  const readOn = new Date(Date.parse(readAt) + 9 * 3600_000).toISOString().slice(0, 10);
  return { id: readingId(subject, subjectId, hazard), subject, subjectId, hazard, layers, point, readAt, readOn };
}

/** A person's four readings: flood 3.0〜5.0m, 高潮 outside, 津波 no tile, 土砂災害 one layer unreadable. */
export function personReadings(personId: string, point: [number, number], readAt?: string): HazardReading[] {
  return [
    readingRow('person', personId, 'flood', [{ layer: 'flood', outcome: { state: 'inside', key: 'depth_3_5', label: '3.0〜5.0m', minDepthM: 3 } }], point, readAt),
    readingRow('person', personId, 'storm_surge', [{ layer: 'storm_surge', outcome: { state: 'outside' } }], point, readAt),
    readingRow('person', personId, 'tsunami', [{ layer: 'tsunami', outcome: { state: 'no_tile' } }], point, readAt),
    readingRow(
      'person',
      personId,
      'landslide',
      [
        { layer: 'debris_flow', outcome: { state: 'outside' } },
        { layer: 'steep_slope', outcome: { state: 'unreadable', rgba: [0, 0, 255, 255] } },
        { layer: 'landslide_slip', outcome: { state: 'no_tile' } },
      ],
      point,
      readAt,
    ),
  ];
}

/** A shelter's flood reading: 0.5〜3.0m. */
export function shelterFloodReading(shelterId: string, point: [number, number], readAt?: string): HazardReading {
  return readingRow('shelter', shelterId, 'flood', [{ layer: 'flood', outcome: { state: 'inside', key: 'depth_05_3', label: '0.5〜3.0m', minDepthM: 0.5 } }], point, readAt);
}
