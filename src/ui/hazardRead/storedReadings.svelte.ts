import type { HazardReading, ReadingSubject } from '../../core/hazardReading';
import { listHazardReadings } from '../../db/hazardReadings';
import { liveQuery } from '../../db/liveQuery';
import type { HinanDatabase } from '../../db/schema';

/**
 * The stored tile readings of one kind of subject (people or shelters), kept up to date while the
 * calling component lives (a liveQuery). Call during a component's initialisation.
 */
export function storedReadings(db: () => HinanDatabase, subject: ReadingSubject): { readonly current: HazardReading[] } {
  let readings = $state.raw<HazardReading[]>([]);
  $effect(() => {
    const sub = liveQuery(() => listHazardReadings(db(), subject)).subscribe({ next: (r) => (readings = r) });
    return () => sub.unsubscribe();
  });
  return {
    get current() {
      return readings;
    },
  };
}
