import { saveHazardReadings, type HazardReadRun } from '../../db/hazardReadings';
import type { HinanDatabase } from '../../db/schema';
import { readHazardTiles } from './readHazardTiles';
import type { PreparedRead } from './prepareRead';

/**
 * Fetches and reads the planned tiles (all-or-nothing: a failure rejects and nothing is stored),
 * then stores the readings and the run in one transaction. Returns the run as logged.
 */
export async function runRead(
  db: HinanDatabase,
  prepared: PreparedRead,
  districtIds: string[],
  options: { signal: AbortSignal; onProgress: (done: number, total: number) => void },
): Promise<HazardReadRun> {
  const result = await readHazardTiles(prepared.plan, options);
  const run: HazardReadRun = {
    at: result.readAt,
    readOn: result.readOn,
    districtIds,
    tiles: result.tiles,
    missing: result.missing,
    people: prepared.people,
    shelters: prepared.shelters,
  };
  await saveHazardReadings(db, result.readings, run);
  return run;
}
