import { districtContains } from '../core/districtArea';
import { districtKarte, planProgressSeries, type DistrictKarte, type KarteInputs, type ProgressPoint } from '../core/districtKarte';
import { shareablePeople } from './consentGate';
import { listPlans, listPlanVersions } from './plans';
import { listSupporters, supportersOnRoster } from './supporters';
import type { HinanDatabase } from './schema';

/** Engine results (issue #4) the karte uses when they have been computed; see `KarteInputs`. */
export type KarteEngineResults = Pick<KarteInputs, 'hazardAnswers' | 'supporterAssignments' | 'priority' | 'welfareDemandPersonIds' | 'welfareLeftOver'>;

/**
 * Gathers the 地区カルテ inputs of a district (null: the whole store) on `today` (`YYYY-MM-DD`):
 * people through the person gate (consented only, also during 災害時モード), the hidden count, the district's supporters on the 名簿 and the plans of
 * shown people, and the 福祉避難所 inside the district outline (the whole city's when it has none,
 * said as 「市内」).
 */
export async function karteInputsFromStore(db: HinanDatabase, districtId: string | null, today: string, engine: KarteEngineResults = {}): Promise<KarteInputs> {
  // The karte is a planning sheet: people shown only by 災害時モード (「災害時提供」) count as not shown, as outside the mode.
  const gate = await shareablePeople(db, { districtId });
  const people = gate.people.filter((p) => !gate.revealedIds.has(p.id));
  const hiddenCount = gate.hiddenCount + gate.revealedIds.size;
  const district = districtId ? await db.districts.get(districtId) : undefined;
  const inside = districtContains(district?.outline ?? null);
  const supporters = await listSupporters(db, districtId);
  const welfare = await db.shelters.where('kinds').equals('welfare_shelter').toArray();
  const plans = await listPlans(db, districtId);
  const own = new Set(supporters.map((s) => s.id));
  const linkedIds = [...new Set(plans.flatMap((p) => [p.primarySupporter, ...p.backupSupporters].map((s) => s?.supporterId)))].filter((id): id is string => !!id && !own.has(id));
  const linkedSupporters = await supportersOnRoster(db, linkedIds);
  return {
    ...engine,
    districtId,
    today,
    shownPeople: people,
    allPeopleCount: people.length + hiddenCount,
    supporters,
    linkedSupporters,
    plans,
    shelters: welfare.filter((s) => inside(s.location)),
    shelterArea: district?.outline ? 'district' : 'city',
  };
}

/** The 地区カルテ of a district from the store. */
export async function districtKarteFromStore(db: HinanDatabase, districtId: string | null, today: string, engine: KarteEngineResults = {}): Promise<DistrictKarte> {
  return districtKarte(await karteInputsFromStore(db, districtId, today, engine));
}

/** Plan progress over time for a district (shown people only), from the saved plan history. */
export async function planProgressFromStore(db: HinanDatabase, districtId: string | null): Promise<ProgressPoint[]> {
  return planProgressSeries(await listPlanVersions(db, districtId));
}
