/** Helpers for the engine-command tests: run the CLI in-process, parse its CSV, make random inputs. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { runHinan } from '../../../src/cli/hinan';
import { HAZARD_LABELS, type HazardType } from '../../../src/core/hazard';
import type { Person } from '../../../src/core/person';
import type { Shelter } from '../../../src/core/shelter';
import type { Supporter } from '../../../src/core/supporter';
import { readPeopleFile } from '../../../src/io/peopleCsv';
import { readShelterFiles } from '../../../src/io/shelterFile';
import { readSupportersFile } from '../../../src/io/supportersCsv';
import { seededRandom, randInt } from '../engine/random';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const AIZU_SHELTERS = ['shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson'];
export const AIZU_ROSTER = 'roster_aizuwakamatsu_2000.csv';
export const AIZU_SUPPORTERS = 'supporters_aizuwakamatsu_700.csv';

export interface CliRun {
  code: number;
  stdout: string[];
  stderr: string[];
  /** stdout parsed as CSV: header row, then records as objects. */
  header: string[];
  rows: Record<string, string>[];
}

/** Runs `hinan ...args` in-process with relative paths resolved against `cwd` (default tests/fixtures). */
export function run(args: string[], cwd = FIXTURES): CliRun {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = runHinan(args, { stdout: (s) => stdout.push(s), stderr: (s) => stderr.push(s), cwd });
  if (typeof code !== 'number') throw new Error(`run() is for the synchronous commands; hinan ${args[0]} returns a promise`);
  const parsed = Papa.parse<Record<string, string>>(stdout.join('\n'), { header: true, skipEmptyLines: true });
  return { code, stdout, stderr, header: parsed.meta.fields ?? [], rows: parsed.data };
}

/** The stderr line starting with `prefix=` parsed into numbers, e.g. `assigned=3 unassigned=1 …`. */
export function summary(r: CliRun, firstKey: string): Record<string, number> {
  const line = r.stderr.find((l) => l.startsWith(`${firstKey}=`));
  if (!line) throw new Error(`no summary line starting ${firstKey}= in:\n${r.stderr.join('\n')}`);
  return Object.fromEntries(line.split(' ').map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
}

const fixture = (name: string, dir = FIXTURES) => new Uint8Array(readFileSync(join(dir, name)));

/** People as the CLI reads them. */
export function readPeople(name: string, dir = FIXTURES): Person[] {
  return readPeopleFile(fixture(name, dir), name).records;
}

/** Shelters as the CLI reads them (merged). */
export function readShelters(names: string[], dir = FIXTURES): Shelter[] {
  return readShelterFiles(names.map((n) => ({ name: n, bytes: fixture(n, dir) }))).records;
}

export function readSupporters(name: string, dir = FIXTURES): Supporter[] {
  return readSupportersFile(fixture(name, dir), name).records;
}

/** A fresh temporary folder with `files` written into it; returns its path. */
export function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hinan-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export interface SyntheticShelter {
  role: 'site' | 'shelter' | 'welfare';
  location: [number, number];
  hazards?: HazardType[];
  /** 受入対象者 text for 福祉避難所, e.g. 「高齢者、障がい者」. */
  accepts?: string;
}

/** A GSI-format GeoJSON (共通ID E0720200NNNN…; a different facility number per shelter, so nothing merges). */
export function gsiGeojson(shelters: SyntheticShelter[]): string {
  const features = shelters.map((s, i) => {
    const seq = String(i + 1).padStart(4, '0');
    const id = `E072020${seq}${s.role === 'site' ? '20' : s.role === 'welfare' ? '12' : '11'}1`;
    const props: Record<string, string | number> = { NO: i + 1, 共通ID: id, 都道府県名及び市町村名: '福島県会津若松市', '施設・場所名': `施設${i + 1}`, 住所: `会津若松市テスト${i + 1}` };
    if (s.role === 'site') for (const [h, label] of Object.entries(HAZARD_LABELS)) props[label] = s.hazards?.includes(h as HazardType) ? '1' : '';
    else props['受入対象者'] = s.accepts ?? '';
    return { type: 'Feature', geometry: { type: 'Point', coordinates: s.location }, properties: props };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

/** Centre of the synthetic test area (会津若松 市街地). */
export const AREA_CENTRE: [number, number] = [139.93, 37.495];
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LNG = 111_320 * Math.cos((AREA_CENTRE[1] * Math.PI) / 180);

/** A point `[lng, lat]` `dx`, `dy` metres east and north of the area centre. */
export function offset(dx: number, dy: number): [number, number] {
  return [AREA_CENTRE[0] + dx / M_PER_DEG_LNG, AREA_CENTRE[1] + dy / M_PER_DEG_LAT];
}

const ACCEPT_TEXTS = ['高齢者', '障がい者', '高齢者、障がい者', '要配慮者', '乳幼児', '医療的ケア、高齢者', ''];
const HAZARDS: HazardType[] = ['flood', 'landslide', 'earthquake', 'large_fire', 'inland_flood'];

/** `count` random shelters in a `sizeM` square; `twins` of them are placed exactly on another (distance ties). */
export function randomShelters(seed: number, count: number, sizeM: number, twins = 0): SyntheticShelter[] {
  const rand = seededRandom(seed);
  const out: SyntheticShelter[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    const role = r < 0.5 ? 'site' : r < 0.7 ? 'shelter' : 'welfare';
    const location = i >= count - twins && out.length > 0 ? out[randInt(rand, out.length)].location : offset((rand() - 0.5) * sizeM, (rand() - 0.5) * sizeM);
    out.push({ role, location, hazards: HAZARDS.filter(() => rand() < 0.5), accepts: ACCEPT_TEXTS[randInt(rand, ACCEPT_TEXTS.length)] });
  }
  return out;
}
