/**
 * Helpers for the `hinan` tests: run the built command (package.json `bin.hinan`, made by
 * `npm run build:cli`) as a process, parse its CSV, make random inputs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
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

/** The repository's root folder. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let checkedBin: string | undefined;

/**
 * The built `hinan` file (package.json `bin.hinan`), absolute. Throws, saying how to build it, when
 * it is missing or older than a source file it bundles (listed by the build in hinan.sources.json):
 * the tests would run yesterday's command.
 */
export function hinanBin(): string {
  if (checkedBin) return checkedBin;
  const relative: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.hinan;
  const bin = join(ROOT, relative);
  const build = 'npm run build:cli（npm test・npm run test:unit・npm ci は自動で作ります）';
  const sourcesFile = bin.replace(/\.m?js$/, '.sources.json');
  if (!existsSync(bin) || !existsSync(sourcesFile)) throw new Error(`${relative} がありません。先に ${build} を実行してください。`);
  const built = statSync(bin).mtimeMs;
  const sources: string[] = JSON.parse(readFileSync(sourcesFile, 'utf8'));
  const newer = sources.find((path) => !existsSync(join(ROOT, path)) || statSync(join(ROOT, path)).mtimeMs > built);
  if (newer) throw new Error(`${relative} が ${newer} より古いです。${build} で作り直してください。`);
  checkedBin = bin;
  return bin;
}

export interface CliRun {
  code: number;
  /** stdout / stderr split into lines (no trailing empty line; [] when nothing was written). */
  stdout: string[];
  stderr: string[];
  /** stdout parsed as CSV: header row, then records as objects. */
  header: string[];
  rows: Record<string, string>[];
}

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));

/** Commands running at once from this test file: one per core, however many tests wait. */
const MAX_RUNNING = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(body: () => Promise<T>): Promise<T> {
  if (running >= MAX_RUNNING) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await body();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * Runs `hinan ...args` — the built command, `node bin/hinan.mjs`, as its own process — in `cwd`
 * (default tests/fixtures), so relative paths are the caller's, as on a terminal. Asynchronous, so
 * the tests of a file (`describe.concurrent`) keep every core busy.
 */
export function run(args: string[], cwd = FIXTURES): Promise<CliRun> {
  const bin = hinanBin();
  return slot(() => new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: withoutNpmVars(), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === null) return reject(new Error(`hinan ${args[0]} ended by ${signal}: ${stderr}`));
      const parsed = Papa.parse<Record<string, string>>(stdout, { header: true, skipEmptyLines: true });
      resolve({ code, stdout: lines(stdout), stderr: lines(stderr), header: parsed.meta.fields ?? [], rows: parsed.data });
    });
  }));
}

/**
 * Options for a describe block of CLI tests: each test starts processes and may wait for others'
 * (concurrent tests, a loaded machine), so its time limit is a generous guard, not a target.
 */
export const CLI_TESTS = { timeout: 60_000 };

/**
 * This process's environment without npm's run-script variables: under `npm test` they say
 * "started by npm", and the command must behave as typed on a terminal (its folder is `cwd`).
 */
export function withoutNpmVars(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_') && k !== 'INIT_CWD'));
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
