/**
 * A store with something in every table — the demo district, a plan saved three times, a draft,
 * a drill with a record, real hazard zones and a real road network, a setting, a cached address
 * a disclosure, the marks of a 名簿 update, a finished 災害時モード event with a 安否 record, readings of hazard at home from the tiles — and its tables as a backup file holds them (toJsonValue), for the backup
 * format, record and CLI tests.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { emptyPlan } from '../../../src/core/plan';
import { packSection, sealContainer, type ContainerOptions } from '../../../src/io/backup/container';
import { readAllTables, toJsonValue } from '../../../src/db/backupTables';
import { recordDisclosure } from '../../../src/db/disclosures';
import { createDrill } from '../../../src/db/drills';
import { commitHazardZones, commitRoadNetwork } from '../../../src/db/geodata';
import { storeAddressPoints } from '../../../src/db/geocoding';
import { setOperator } from '../../../src/db/operator';
import { writePlanDraft } from '../../../src/db/planDrafts';
import { savePlan } from '../../../src/db/plans';
import { CURRENT_SCHEMA_VERSION, type HinanDatabase } from '../../../src/db/schema';
import { readPositionReference } from '../../../src/io/positionReference';
import { readHazardZones } from '../../../src/io/hazardZones';
import { readRoadNetwork } from '../../../src/io/roadNetwork';
import { addRosterUpdateMarks } from '../db/backupStore';
import { addEmergencyRows } from '../db/emergencyRows';
import { personReadings, shelterFloodReading } from '../db/hazardReadingRows';
import { saveHazardReadings } from '../../../src/db/hazardReadings';
import { openDemoDb } from '../db/demoStore';

export const ROADS_FILE = 'tests/fixtures/roads/osm_walk_network_otemachi_350m.geojson';
export const ADDRESS_FILE = 'tests/fixtures/geocode/oaza_072028_aizuwakamatsu_sjis.csv';
export const HAZARD_FILE = 'tests/fixtures/hazards/landslide_zones_numazu_plateau.geojson';

/** A store (fake-indexeddb, deleted after the test) with rows in every table; 作業者名 山田 花子. */
export async function filledStore(): Promise<HinanDatabase> {
  const db = await openDemoDb();
  await setOperator(db, '山田 花子');
  const person = (await db.people.toArray()).find((p) => p.consent.status === 'given')!;
  let plan = await savePlan(db, { ...emptyPlan(person.id, '2025-04-01'), leaveWhen: '高齢者等避難が出たら' });
  plan = await savePlan(db, { ...plan, whatToBring: '薬、眼鏡' });
  plan = await savePlan(db, { ...plan, supporterNotes: '玄関の段差に注意' });
  await writePlanDraft(db, { ...plan, whatToBring: '薬、眼鏡、補聴器' }, plan.version);
  const drill = await createDrill(db, { name: '春の安否確認訓練', kind: 'safety_check', districtId: null, hazard: 'flood', timeOfDay: 'day', season: 'normal', closedShelterIds: [], absentSupporterIds: [] }, 'drill-1');
  await db.drills.put({ ...drill, startedAt: '2025-04-01T01:00:00.000Z', records: [{ personId: person.id, at: '2025-04-01T01:05:00.000Z', status: 'safe', note: '' }] });
  const zones = readHazardZones(readFileSync(HAZARD_FILE), { file: 'landslide_zones_numazu_plateau.geojson', hazard: 'landslide' });
  await commitHazardZones(db, zones.records);
  const roads = readRoadNetwork(readFileSync(ROADS_FILE, 'utf8'), { file: 'osm_walk_network_otemachi_350m.geojson' });
  await commitRoadNetwork(db, roads.network!);
  const points = readPositionReference(readFileSync(ADDRESS_FILE), 'oaza_072028_aizuwakamatsu_sjis.csv');
  await storeAddressPoints(db, 'oaza_072028_aizuwakamatsu_sjis.csv', points.records);
  await db.meta.put({ key: 'analysisSettings', value: { winter: true } });
  await db.geocodeCache.put({ key: '福島県会津若松市栄町1-1', found: true, lng: 139.93, lat: 37.49, title: '栄町一丁目', at: '2025-04-01T00:00:00.000Z' });
  await recordDisclosure(db, { kind: 'print-plan', what: '個別避難計画書', people: [person] });
  await addRosterUpdateMarks(db, plan);
  await addEmergencyRows(db, person.id);
  const shelter = (await db.shelters.toArray())[0];
  const readings = [...personReadings(person.id, [person.location!.lng, person.location!.lat]), shelterFloodReading(shelter.id, shelter.location)];
  await saveHazardReadings(db, readings, { at: readings[0].readAt, readOn: readings[0].readOn, districtIds: person.districtId ? [person.districtId] : [], tiles: 12, missing: 1, people: 1, shelters: 1 });
  return db;
}

/** Every table of a filled store, rows as plain JSON values (typed arrays tagged), as in a backup file. */
export async function filledStoreTables(): Promise<Record<string, unknown[]>> {
  const tables = await readAllTables(await filledStore());
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, JSON.parse(JSON.stringify(rows.map(toJsonValue)))]));
}

/** Seals `tables` (one section per table, plus `extra` sections as given) into the bytes of a `.hinan` file. */
export async function sealTables(tables: Record<string, unknown[]>, options: Partial<ContainerOptions> = {}): Promise<Uint8Array<ArrayBuffer>> {
  const entries = Object.entries(tables);
  const counts = Object.fromEntries(entries.map(([t, rows]) => [t, rows.length]));
  const parts = await sealContainer(
    { kind: 'backup', schemaVersion: CURRENT_SCHEMA_VERSION, appVersion: '0.1.0', operator: '山田 花子', passphrase: '48213-09921-55730-11846-70392', kdf: { memoryKiB: 256, iterations: 1 }, createdAt: new Date('2025-04-01T00:30:00Z'), ...options },
    entries.map(([t, rows]) => packSection(t, rows)),
    counts,
  );
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}
