/** A store with something in every kind of table, and helpers to compare stores, for the backup tests. */
import { emptyPlan, type Plan } from '../../../src/core/plan';
import type { RosterArchive } from '../../../src/core/rosterArchive';
import { readAllTables } from '../../../src/db/backupTables';
import { createDrill, recordDrillCheck, startDrill } from '../../../src/db/drills';
import { setOperator } from '../../../src/db/operator';
import { writePlanDraft } from '../../../src/db/planDrafts';
import { savePlan } from '../../../src/db/plans';
import type { HinanDatabase } from '../../../src/db/schema';
import { openDemoDb, readDemoBundle } from './demoStore';

/** Cheap Argon2id (the app uses 64 MiB × 3). */
export const FAST_KDF = { memoryKiB: 256, iterations: 1 };
export const PASSPHRASE = '31415-92653-58979-32384-62643';

const demo = readDemoBundle();
const given = demo.people.filter((p) => p.consent.status === 'given');
let minute = 0;
const clock = () => new Date(Date.UTC(2025, 3, 1, 0, minute++));

/**
 * The demo district, a plan saved three times, another plan with an unsaved draft, a drill with a
 * check, a hazard zone and its coverage, a geocoding answer, a road network (typed arrays), the
 * 作業者名 `operator`, and the marks of a 名簿 update (`addRosterUpdateMarks`).
 */
export async function openFilledDb(operator = '山田 花子'): Promise<HinanDatabase> {
  const db = await openDemoDb();
  await setOperator(db, operator);
  let plan = await savePlan(db, { ...emptyPlan(given[0].id, '2025-04-01'), status: 'in_progress', whatToBring: '薬手帳' }, { now: clock });
  plan = await savePlan(db, { ...plan, supporterNotes: '右耳が聞こえにくい' }, { now: clock });
  plan = await savePlan(db, { ...plan, whatToBring: '薬手帳、眼鏡' }, { now: clock });
  const other = await savePlan(db, emptyPlan(given[1].id, '2025-04-01'), { now: clock });
  await writePlanDraft(db, { ...other, whatToBring: '入れ歯' }, other.version, clock());
  await createDrill(db, { name: '令和7年度 安否確認訓練', kind: 'safety_check', districtId: null, hazard: 'flood', timeOfDay: 'day', season: 'normal', closedShelterIds: [], absentSupporterIds: [] }, 'drill-1');
  await startDrill(db, 'drill-1', '2025-04-02T00:00:00.000Z');
  await recordDrillCheck(db, 'drill-1', { personId: given[0].id, at: '2025-04-02T00:05:00.000Z', status: 'safe', note: '' });
  await db.roadNetworks.put({
    id: 'roads.geojson',
    importedAt: '2025-04-01T00:00:00.000Z',
    network: {
      coords: Float64Array.from([139.93, 37.49, 139.931, 37.491, 139.932, 37.4905]),
      offsets: Uint32Array.from([0, 2, 3]),
      highway: Uint16Array.from([0, 1]),
      highwayValues: ['residential', 'footway'],
      bbox: [139.93, 37.49, 139.932, 37.491],
      source: 'roads.geojson',
      attribution: '© OpenStreetMap contributors',
    },
  });
  await db.hazardZones.put({
    id: 'flood.geojson#1', hazard: 'flood', depthClass: '0.5-3.0m', name: '想定浸水区域', code: null, source: 'flood.geojson',
    geometry: { type: 'Polygon', coordinates: [[[139.92, 37.48], [139.94, 37.48], [139.94, 37.5], [139.92, 37.48]]] },
    bbox: [139.92, 37.48, 139.94, 37.5],
  });
  await db.hazardCoverage.put({ source: 'flood.geojson', hazard: 'flood', bbox: [139.92, 37.48, 139.94, 37.5] });
  await db.geocodeCache.put({ key: '会津若松市追手町1-1', found: true, lng: 139.93, lat: 37.49, title: '福島県会津若松市追手町', at: '2025-04-01T00:00:00.000Z' });
  await addRosterUpdateMarks(db, plan);
  return db;
}

/** The 名簿 update `addRosterUpdateMarks` writes. */
export const ROSTER_UPDATE: RosterArchive = { updateId: 'ru-2025-04-03T00:00:00.000Z-0a1b2c3d', at: '2025-04-03T00:00:00.000Z', on: '2025-04-03', reason: 'moved_out', fileName: '名簿_2025-04.csv' };

/**
 * What a 名簿 update leaves in a store (db/rosterUpdate.ts), written directly: a person with 同意
 * archived (not `reviewed`'s), another to place again (「位置の確認が必要」), `reviewed` (a stored
 * plan) 要見直し with a reason and its 'roster' version, and the update's history row.
 */
export async function addRosterUpdateMarks(db: HinanDatabase, reviewed: Plan): Promise<void> {
  const { updateId, at, on, fileName } = ROSTER_UPDATE;
  const others = (await db.people.toArray()).filter((p) => p.consent.status === 'given' && p.id !== reviewed.personId && p.location !== null);
  const [gone, moved] = others.slice(-2);
  await db.people.put({ ...gone, archived: ROSTER_UPDATE });
  await db.people.put({ ...moved, location: null, locationCheck: { on, previousAddress: moved.address } });
  const text = `名簿の更新（${on}）で移動が 自力 → 車いす に変わりました`;
  const plan: Plan = { ...reviewed, status: 'needs_review', rosterReview: [{ on, updateId, field: 'mobility', text, weight: 4 }], version: reviewed.version + 1, updatedAt: at };
  await db.plans.put(plan);
  await db.planVersions.add({ planId: plan.id, personId: plan.personId, version: plan.version, savedAt: at, kind: 'roster', restoredFromSeq: null, plan });
  await db.rosterUpdates.put({
    id: updateId, kind: 'people', at, on, fileName, operator: '山田 花子',
    counts: { added: 0, archived: 1, changed: 2, returned: 0, unchanged: 0, matchedByName: 0, reviews: 1, locationChecks: 1 },
  });
}

/** Every row of every table, by table name (rows loosely typed: the tests compare them whole). */
export const snapshot = (db: HinanDatabase) => readAllTables(db) as Promise<Record<string, any[]>>;
