import { hazardTileChoice, saveHazardReadings, type HazardReadRun } from '../../db/hazardReadings';
import type { HinanDatabase } from '../../db/schema';
import { readHazardTiles } from './readHazardTiles';
import type { PreparedRead } from './prepareRead';

/**
 * Fetches and reads the planned tiles (all-or-nothing: a failure rejects and nothing is stored),
 * then stores the readings and the run in one transaction — unless 「今後使わない」 was chosen while
 * it read (the panel also aborts the read when it sees the choice). Returns the run as logged.
 */
export async function runRead(
  db: HinanDatabase,
  prepared: PreparedRead,
  districtIds: string[],
  options: { signal: AbortSignal; onProgress: (done: number, total: number) => void },
): Promise<HazardReadRun> {
  const result = await readHazardTiles(prepared.plan, options);
  // 「今後使わない」 chosen meanwhile (here or in another tab): nothing read is kept.
  if ((await hazardTileChoice(db)) === 'refused') throw new Error('読み取りの間に「今後使わない」が選ばれたため、読み取った結果は保存していません。');
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
