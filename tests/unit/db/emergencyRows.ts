/**
 * A finished 災害時モード event and one 安否 record of it, as stored (schema version 9), for the
 * backup tests and the backup fixtures (scripts/make-backup-fixtures.ts): fixed values, valid under
 * the backup validators. The event ended, so a store holding it reveals nobody.
 */
import type { Emergency } from '../../../src/core/emergency';
import { safetyRecordId, type SafetyRecord } from '../../../src/core/safetyRecord';
import type { HinanDatabase } from '../../../src/db/schema';

export const ENDED_EMERGENCY: Emergency = {
  id: 'K7M2QX9A',
  name: '令和7年 台風10号 大雨',
  alertLevel: 4,
  hazard: 'flood',
  districtIds: [],
  includeRefused: true,
  authorised: true,
  startedAt: '2025-09-01T00:00:00.000Z',
  startedBy: 'テスト 作成者',
  expiresAt: '2025-09-04T06:00:00.000Z',
  renewals: [{ at: '2025-09-01T06:00:00.000Z', by: 'テスト 作成者', expiresAt: '2025-09-04T06:00:00.000Z' }],
  endedAt: '2025-09-02T00:00:00.000Z',
  endedBy: 'テスト 作成者',
  endReason: 'ended',
  revealedCount: 1,
  closedShelterIds: ['closed-shelter'],
  fullShelterIds: [],
  absentSupporterIds: ['absent-supporter'],
};

/** One record of `personId` in `ENDED_EMERGENCY`, made on device 「AB3C」. */
export function safetyRowOf(personId: string): SafetyRecord {
  const r: Pick<SafetyRecord, 'eventId' | 'recorder' | 'personId' | 'at' | 'status'> = { eventId: ENDED_EMERGENCY.id, recorder: 'AB3C', personId, at: '2025-09-01T00:20:00.000Z', status: 'evacuated' };
  return { ...r, id: safetyRecordId(r), shelterId: 'shelter-1', note: 'ご家族と一緒', receivedAt: '2025-09-01T01:00:00.000Z', flag: null };
}

/** Puts the event and one record of `personId` straight into the store (no 提供記録 entries). */
export async function addEmergencyRows(db: HinanDatabase, personId: string): Promise<void> {
  await db.emergencies.put(ENDED_EMERGENCY);
  await db.safetyRecords.put(safetyRowOf(personId));
}
