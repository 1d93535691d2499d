/**
 * Writes one backup file per schema version, tests/fixtures/backup/schema-v1.hinan … schema-vN.hinan:
 *   npx tsx scripts/make-backup-fixtures.ts          (every version)
 *   npx tsx scripts/make-backup-fixtures.ts 10       (only the versions named: a new version's file
 *                                                     without rewriting the bytes of the others)
 * Each is made from a store opened at that version (fake-indexeddb) holding the same small made-up
 * district in that version's shape (version 1: plans in the PlanV1 shape, no plan history), packed
 * and sealed as the app writes backups (`writeBackupAt`). Content is fixed; the bytes differ on every
 * run (random salt and nonces). Passphrase and contents: tests/fixtures/backup/README.txt.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Dexie from 'dexie';
import { emptyPlan, type Plan } from '../src/core/plan';
import { writeBackupAt } from '../src/db/backupFile';
import { tablesAt } from '../src/io/backup/storeVersions';
import type { Disclosure } from '../src/db/disclosures';
import type { AddressPoint, GeocodeCacheEntry } from '../src/db/geocoding';
import type { PlanV1 } from '../src/core/planUpgrade';
import type { RosterUpdateRecord } from '../src/core/rosterUpdate';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS, type PlanDraft, type PlanVersion, type StoredRoadNetwork } from '../src/db/schema';
import { buildDemoBundle } from '../src/io/demoData';
import { ENDED_EMERGENCY, safetyRowOf } from '../tests/unit/db/emergencyRows';
import { personReadings, shelterFloodReading } from '../tests/unit/db/hazardReadingRows';

/** The fixtures' passphrase (also in README.txt). */
export const FIXTURE_PASSPHRASE = '11111-22222-33333-44444-55555';
/** Cheap Argon2id so the tests open seven files quickly (the header carries the parameters). */
const FIXTURE_KDF = { memoryKiB: 1024, iterations: 1 };

const dir = new URL('../tests/fixtures/backup/', import.meta.url);
const json = (path: string) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'));
const text = (path: string) => ({ name: path.split('/').pop()!, text: readFileSync(new URL(`../${path}`, import.meta.url), 'utf8') });
const demo = buildDemoBundle({
  districts: json('data/demo/districts.json'),
  people: json('data/demo/people.json'),
  supporters: json('data/demo/supporters.json'),
  sites: text('data/shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson'),
  shelters: text('data/shelters/gsi_shelters_072028_aizuwakamatsu.geojson'),
});

// Four people (one who refused consent, so hidden), two supporters, three shelters, one district.
const people = [...demo.people.filter((p) => p.consent.status === 'given').slice(0, 3), demo.people.find((p) => p.consent.status === 'refused')!];
const supporters = demo.supporters.slice(0, 2);
const shelters = demo.shelters.slice(0, 3);
const districts = demo.districts.slice(0, 1);
const [a, b] = people;

const hazardZones = [{
  id: 'flood.geojson#1', hazard: 'flood', depthClass: '0.5-3.0m', name: '想定浸水区域', code: null, source: 'flood.geojson',
  geometry: { type: 'Polygon', coordinates: [[[139.955, 37.525], [139.962, 37.525], [139.962, 37.531], [139.955, 37.525]]] },
  bbox: [139.955, 37.525, 139.962, 37.531],
}];
const drills = [{
  id: 'drill-fixture', name: '令和7年度 安否確認訓練', kind: 'safety_check', districtId: districts[0].id, hazard: 'flood', timeOfDay: 'day', season: 'normal',
  closedShelterIds: [], absentSupporterIds: [], startedAt: '2025-09-01T00:00:00.000Z', endedAt: '2025-09-01T01:00:00.000Z',
  records: [{ personId: a.id, at: '2025-09-01T00:10:00.000Z', status: 'safe', note: '' }],
}];
const meta = [{ key: 'demo', value: { initialized: true, active: false, shelterIds: [] } }];

/** Version 1's plans: supporter and shelter IDs, 留意事項 in careNotes. */
const plansV1: PlanV1[] = [
  {
    id: 'plan-v1-a', personId: a.id, status: 'in_progress', primarySupporterId: supporters[0].id, backupSupporterIds: [supporters[1].id],
    destinations: { flood: shelters[0].id }, leaveWhen: '', transport: 'wheelchair', whatToBring: '薬', careNotes: '耳が遠いので大きな声で',
    reviewDue: '2026-03-31', version: 3, updatedAt: '2025-03-01T09:00:00.000Z',
  },
  {
    id: 'plan-v1-b', personId: b.id, status: 'confirmed', primarySupporterId: null, backupSupporterIds: [], destinations: {},
    leaveWhen: '警戒レベル3', transport: 'walk', whatToBring: '', careNotes: '', reviewDue: null, version: 1, updatedAt: '2025-03-02T09:00:00.000Z',
  },
];

/** From version 2: plans in the editor's shape, plan A saved three times. */
const at = (minute: number) => new Date(Date.UTC(2025, 3, 1, 0, minute)).toISOString();
const planA1: Plan = { ...emptyPlan(a.id, '2025-04-01'), status: 'in_progress', whatToBring: '薬手帳', version: 1, updatedAt: at(1) };
const planA2: Plan = { ...planA1, supporterNotes: '右耳が聞こえにくい', version: 2, updatedAt: at(2) };
const planA3: Plan = { ...planA2, whatToBring: '薬手帳、眼鏡', version: 3, updatedAt: at(3) };
const planB1: Plan = { ...emptyPlan(b.id, '2025-04-01'), version: 1, updatedAt: at(4) };
const version = (seq: number, plan: Plan): PlanVersion => ({ seq, planId: plan.id, personId: plan.personId, version: plan.version, savedAt: plan.updatedAt, kind: 'save', restoredFromSeq: null, plan });

const roadNetworks: StoredRoadNetwork[] = [{
  id: 'roads.geojson',
  importedAt: '2025-04-01T00:00:00.000Z',
  network: {
    coords: Float64Array.from([139.956, 37.527, 139.958, 37.528, 139.96, 37.5285]),
    offsets: Uint32Array.from([0, 2, 3]),
    highway: Uint16Array.from([0, 1]),
    highwayValues: ['residential', 'footway'],
    bbox: [139.956, 37.527, 139.96, 37.5285],
    source: 'roads.geojson',
    attribution: '© OpenStreetMap contributors',
  },
}];
const addressPoints: AddressPoint[] = [1, 2].map((row) => ({
  seq: row, file: '07202-17.0a.csv', level: 'block', prefecture: '福島県', city: '会津若松市', town: '一箕町大字松長', koaza: '', block: String(row),
  lng: 139.957 + row / 1000, lat: 37.53, representative: true, row,
}));
const geocodeCache: GeocodeCacheEntry[] = [{ key: '福島県会津若松市一箕町松長一丁目1', found: true, lng: 139.957, lat: 37.53, title: '福島県会津若松市一箕町大字松長', at: '2025-04-01T00:00:00.000Z' }];
const planDrafts: PlanDraft[] = [{ personId: b.id, baseVersion: 1, writtenAt: at(5), plan: { ...planB1, whatToBring: '入れ歯' } }];
const hazardCoverage = [{ source: 'flood.geojson', hazard: 'flood', bbox: [139.955, 37.525, 139.962, 37.531] }];
const disclosures: Disclosure[] = [{
  seq: 1, id: '00000000-0000-4000-8000-000000000001', at: '2025-04-02T00:00:00.000Z', kind: 'print-plan', what: '個別避難計画書',
  recipient: null, personIds: [a.id], count: 1, wholeStore: false, fileName: null, operator: 'テスト 作成者',
}];

const rosterUpdates: RosterUpdateRecord[] = [{
  id: 'ru-2025-04-03T00:00:00.000Z', kind: 'people', at: '2025-04-03T00:00:00.000Z', on: '2025-04-03', fileName: '名簿_2025-04.csv', operator: 'テスト 作成者',
  counts: { added: 0, archived: 0, changed: 1, returned: 0, unchanged: 3, matchedByName: 0, reviews: 0, locationChecks: 0 },
}];

/** The rows of every table at `v`. */
function rowsAt(v: number): Record<string, unknown[]> {
  const all: Record<string, unknown[]> = {
    people, supporters, shelters, districts, hazardZones, drills, meta,
    plans: v === 1 ? plansV1 : [planA3, planB1],
    planVersions: [version(1, planA1), version(2, planA2), version(3, planA3), version(4, planB1)],
    roadNetworks, addressPoints, geocodeCache, planDrafts, hazardCoverage, disclosures, rosterUpdates,
    emergencies: [ENDED_EMERGENCY], safetyRecords: [safetyRowOf(a.id)],
    hazardReadings: [...personReadings(a.id, [a.location!.lng, a.location!.lat]), shelterFloodReading(shelters[0].id, [shelters[0].location[0], shelters[0].location[1]])],
  };
  const names = tablesAt(v);
  const missing = names.filter((n) => !all[n]);
  if (missing.length) throw new Error(`no fixture rows for table(s) ${missing.join(', ')} of version ${v}`);
  return Object.fromEntries(names.map((n) => [n, all[n]]));
}

mkdirSync(dir, { recursive: true });
const lines: string[] = [];
const only = process.argv.slice(2).map(Number);
for (let v = 1; v <= CURRENT_SCHEMA_VERSION; v++) {
  if (only.length && !only.includes(v)) continue;
  const db = new Dexie(`fixture-v${v}`);
  for (const s of SCHEMA_VERSIONS.filter((s) => s.version <= v)) db.version(s.version).stores(s.stores);
  await db.open();
  const rows = rowsAt(v);
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.bulkPut(rows[t.name]);
  });
  const { parts, counts } = await writeBackupAt(
    db,
    { schemaVersion: v, operator: 'テスト 作成者', createdAt: new Date(Date.UTC(2025, 3, v, 3, 0)) },
    { passphrase: FIXTURE_PASSPHRASE, kdf: FIXTURE_KDF, settings: { 'hinan.onlineTiles': 'off' } },
  );
  db.close();
  await Dexie.delete(db.name);
  const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
  writeFileSync(new URL(`schema-v${v}.hinan`, dir), bytes);
  lines.push(`schema-v${v}.hinan  ${bytes.length} bytes  ${Object.entries(counts).filter(([, n]) => n).map(([t, n]) => `${t} ${n}`).join(', ')}`);
}
console.log(lines.join('\n'));
