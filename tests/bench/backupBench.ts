/**
 * Backup benchmarks (issue 10): a city-scale store — 150,000 people, 100,000 hazard polygons,
 * 20,000 plans with 5 versions each, a ≥ 200,000-edge road network — written to an encrypted
 * `.hinan` file (`writeBackup`) and restored from it (`decodeBackup` + `restoreBackup`), against
 * plain JSON.stringify + gzip of the same tables (and gunzip + JSON.parse + bulkPut back).
 * fake-indexeddb in Node: both sides read or write the same store, so its cost is in both.
 * Run alone: `npx tsx tests/bench/backupBench.ts [people]` (default 150,000).
 */
import 'fake-indexeddb/auto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { emptyPlan, type Plan } from '../../src/core/plan';
import type { Person } from '../../src/core/person';
import { decodeBackup, restoreBackup, writeBackup } from '../../src/db/backupFile';
import { fromJsonValue, readAllTables, toJsonValue } from '../../src/db/backupTables';
import { setOperator } from '../../src/db/operator';
import { HinanDatabase, type PlanVersion } from '../../src/db/schema';
import { readPeopleFile } from '../../src/io/peopleCsv';
import { readRoadNetwork } from '../../src/io/roadNetwork';
import { seededRandom } from '../unit/engine/random';
import * as city from './syntheticCity';
import { rosterCsv } from './syntheticRoster';

type Report = (name: string, ours: number, baseline: number, identical: boolean, note: string) => void;

const PASSPHRASE = '31415-92653-58979-32384-62643';

/** 20,000 (scaled) plans with 5 saved versions each, for the first people. */
function plansWithHistory(people: readonly Person[], count: number): { plans: Plan[]; versions: PlanVersion[] } {
  const rand = seededRandom(21);
  const plans: Plan[] = [];
  const versions: PlanVersion[] = [];
  for (let i = 0; i < count; i++) {
    const person = people[i % people.length];
    let plan: Plan = { ...emptyPlan(person.id, '2025-04-01'), status: 'in_progress' };
    for (let v = 1; v <= 5; v++) {
      const savedAt = new Date(Date.UTC(2025, 3, 1 + v, 0, i % 60)).toISOString();
      plan = {
        ...plan, version: v, updatedAt: savedAt,
        whatToBring: ['薬手帳', '眼鏡', '補聴器の電池', '入れ歯', '杖'].slice(0, v).join('、'),
        supporterNotes: v >= 2 ? `右耳が聞こえにくい。呼び鈴は${1 + Math.floor(rand() * 3)}回` : '',
        dwelling: { ...plan.dwelling, floor: 1 + Math.floor(rand() * 3), bedroom: '北側の和室' },
      };
      versions.push({ planId: plan.id, personId: plan.personId, version: v, savedAt, kind: 'save', restoredFromSeq: null, plan });
    }
    plans.push(plan);
  }
  return { plans, versions };
}

/** The city's street grid as a stored road network (one row, typed arrays). */
function roadNetwork() {
  const lines = city.roadLines(4, 330);
  const geojson = { type: 'FeatureCollection', features: lines.map((coordinates) => ({ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates } })) };
  const read = readRoadNetwork(new TextEncoder().encode(JSON.stringify(geojson)), { file: 'city_roads.geojson' });
  return { row: { id: 'city_roads.geojson', importedAt: '2025-04-01T00:00:00.000Z', network: read.network! }, lines: lines.length };
}

async function fillStore(db: HinanDatabase, people: Person[], scale: number): Promise<string> {
  const zones = city.hazardZones(3, Math.round(100_000 * scale)).map((z) => ({ ...z, bbox: bboxOf(z.geometry.coordinates) }));
  const { plans, versions } = plansWithHistory(people, Math.round(20_000 * scale));
  const roads = roadNetwork();
  await setOperator(db, '山田 花子');
  for (const [table, rows] of [[db.people, people], [db.hazardZones, zones], [db.plans, plans], [db.planVersions, versions], [db.roadNetworks, [roads.row]]] as const) {
    for (let i = 0; i < rows.length; i += 5000) await (table as { bulkPut(r: unknown[]): Promise<unknown> }).bulkPut(rows.slice(i, i + 5000) as unknown[]);
  }
  return `${people.length.toLocaleString()} people, ${zones.length.toLocaleString()} hazard polygons, ${plans.length.toLocaleString()} plans × 5 versions, road network of ${roads.lines.toLocaleString()} lines`;
}

function bboxOf(coords: unknown): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else if (Array.isArray(c)) c.forEach(walk);
  };
  walk(coords);
  return b;
}

/** Whether `restored` holds the tables of `gz` (JSON + gzip of the original): same row counts, and a few rows in full per table. */
function sameStore(gz: readonly (readonly [string, Buffer])[], restored: Record<string, unknown[]>): boolean {
  return gz.every(([table, bytes]) => {
    const rows = JSON.parse(gunzipSync(bytes).toString()) as unknown[];
    const mine = restored[table] ?? [];
    if (rows.length !== mine.length) return false;
    const at = [0, rows.length >> 1, rows.length - 1].filter((i) => i >= 0 && i < rows.length);
    return at.every((i) => JSON.stringify(rows[i]) === JSON.stringify(toJsonValue(mine[i])));
  });
}

async function drop(db: HinanDatabase): Promise<void> {
  db.close();
  await db.delete();
}

/**
 * Times backup and restore of a city-scale store (`scale` 1 = 150,000 people…) against JSON + gzip.
 * One store at a time is kept (fake-indexeddb holds stores in the JS heap).
 */
export async function benchBackup(people: Person[], report: Report, scale = people.length / 150_000): Promise<void> {
  let n = 0;
  const fresh = async () => {
    const db = new HinanDatabase(`bench-backup-${process.pid}-${n++}`);
    await db.open();
    return db;
  };
  const source = await fresh();
  const what = await fillStore(source, people, scale);
  const scaled = scale === 1 ? '' : ` (scaled ×${scale.toFixed(2)} of the city: fake-indexeddb)`;

  // backup: ours = one read transaction, pages packed (deflate) and sealed (Argon2id 64 MiB × 3 + AES-GCM)
  let t0 = performance.now();
  const { parts } = await writeBackup(source, { passphrase: PASSPHRASE });
  const oursBackup = performance.now() - t0;
  const fileBytes = parts.reduce((s, p) => s + p.length, 0);
  await source.disclosures.clear();
  await source.meta.delete('operator');

  // baseline: read every table, JSON.stringify each, gzip (node:zlib, level 6)
  t0 = performance.now();
  const gz = Object.entries(await readAllTables(source)).map(([table, rows]) => [table, gzipSync(JSON.stringify(rows.map(toJsonValue)))] as const);
  const baseBackup = performance.now() - t0;
  await drop(source);
  const gzBytes = gz.reduce((s, [, b]) => s + b.length, 0);
  const jsonBytes = gz.reduce((s, [, b]) => s + gunzipSync(b).length, 0);
  const pct = (100 * fileBytes) / jsonBytes;
  report('backup', oursBackup, baseBackup, true,
    `${what}${scaled}; file ${(fileBytes / 1e6).toFixed(1)} MB = ${pct.toFixed(1)} % of plain JSON ${(jsonBytes / 1e6).toFixed(1)} MB (target ≤ 40 %: ${pct <= 40 ? 'yes' : 'NO'}); ` +
    `JSON+gzip ${(gzBytes / 1e6).toFixed(1)} MB; overhead ours/baseline = ${(oursBackup / baseBackup).toFixed(2)}× (aim ≤ 1.5×); ours incl. Argon2id 64 MiB × 3`);

  // restore: ours = decode (decrypt, inflate, validate every record) + one rw transaction
  const target = await fresh();
  await setOperator(target, '佐藤 次郎');
  t0 = performance.now();
  await restoreBackup(target, await decodeBackup(new Blob(parts), PASSPHRASE));
  const oursRestore = performance.now() - t0;
  await target.disclosures.clear();
  await target.meta.delete('operator');
  const identical = sameStore(gz, await readAllTables(target));
  await drop(target);

  // baseline: gunzip + JSON.parse each table, clear and bulkPut all in one transaction
  const plain = await fresh();
  t0 = performance.now();
  const parsed = gz.map(([table, bytes]) => [table, (JSON.parse(gunzipSync(bytes).toString()) as unknown[]).map(fromJsonValue)] as const);
  await plain.transaction('rw', plain.tables, async () => {
    for (const [table, rows] of parsed) {
      await plain.table(table).clear();
      for (let i = 0; i < rows.length; i += 2000) await plain.table(table).bulkPut(rows.slice(i, i + 2000));
    }
  });
  const baseRestore = performance.now() - t0;
  await drop(plain);
  report('restore', oursRestore, baseRestore, identical,
    `same store${scaled}; ours = decrypt + inflate + validate every record + one transaction (keeps 作業者名); baseline = gunzip + JSON.parse + bulkPut in one transaction, no validation; ` +
    `overhead ours/baseline = ${(oursRestore / baseRestore).toFixed(2)}× (aim ≤ 1.5×)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const count = Number(process.argv[2] ?? 150_000);
  const text = rosterCsv(9, count, { centres: [[140.74, 40.82]], radiusM: 3000, city: '青森県青森市' });
  const people = readPeopleFile(text, 'roster.csv', { now: '2025-04-01T00:00:00.000Z' }).records;
  await benchBackup(people, (name, ours, baseline, identical, note) =>
    console.log(`BENCH ${name} ours_ms=${ours.toFixed(1)} baseline_ms=${baseline.toFixed(1)} ratio=${(baseline / ours).toFixed(1)} identical=${identical ? 'yes' : 'no'}\n  ${note}`));
}
