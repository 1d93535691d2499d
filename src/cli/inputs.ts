/**
 * Shared plumbing of the `hinan` commands: reading files relative to the working directory,
 * the three readers with all-or-nothing error reporting (exit 1), the consent rule, road
 * networks, and CSV output.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { isPersonShown } from '../core/rosterArchive';
import type { Person } from '../core/person';
import { buildRoadGraph, linesOfGeoJSON, type RoadGraph } from '../core/roadGraph';
import type { Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import { errorCode, errorMessage } from '../core/thrown';
import { neutralizeFormula } from '../io/normalize';
import { readPeopleFile } from '../io/peopleCsv';
import { formatRowError, type RowError } from '../io/rowError';
import { readShelterFiles } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';
import { InputError, type CliIo } from './cliIo';

export { InputError, type CliIo } from './cliIo';

/** Most problems printed before 「ほかN件」. */
const MAX_SHOWN = 200;

/** Japanese lines for reader errors: each problem (file, row, column, reason), then the verdict. */
export function errorLines(errors: RowError[]): string[] {
  const lines = errors.slice(0, MAX_SHOWN).map(formatRowError);
  if (errors.length > MAX_SHOWN) lines.push(`ほか${errors.length - MAX_SHOWN}件の問題があります。`);
  lines.push(`取り込めません: ${errors.length}件の問題があります（1件も取り込んでいません）。`);
  return lines;
}

/** Reads a file's bytes relative to `io.cwd`; missing files and folders are InputErrors. */
export function readInputFile(path: string, io: CliIo): { name: string; bytes: Uint8Array } {
  try {
    return { name: basename(path), bytes: new Uint8Array(readFileSync(resolve(io.cwd, path))) };
  } catch (err) {
    const code = errorCode(err);
    throw new InputError([`${path}: ${code === 'ENOENT' ? 'ファイルが見つかりません。' : code === 'EISDIR' ? 'フォルダーです。ファイルを指定してください。' : `読めません（${code ?? errorMessage(err)}）。`}`]);
  }
}

/** A reader's result when it found no problem; else an InputError listing every problem (all-or-nothing). */
export function withoutErrors<R extends { errors: RowError[] }>(result: R): R {
  if (result.errors.length) throw new InputError(errorLines(result.errors));
  return result;
}

/** Reads the file at `path` with `read` (bytes, file name), all-or-nothing: its name and the reader's result. */
export function readWhole<R extends { errors: RowError[] }>(path: string, io: CliIo, read: (bytes: Uint8Array, name: string) => R): { name: string; result: R } {
  const f = readInputFile(path, io);
  return { name: f.name, result: withoutErrors(read(f.bytes, f.name)) };
}

/** Reads shelter files (merged, all-or-nothing). */
export function loadShelters(paths: readonly string[], io: CliIo): Shelter[] {
  return withoutErrors(readShelterFiles(paths.map((p) => readInputFile(p, io)))).records;
}

/** Reads a 名簿 in the template layout (all-or-nothing). */
export function loadPeople(path: string, io: CliIo): Person[] {
  return readWhole(path, io, readPeopleFile).result.records;
}

/** Reads a supporter file in the template layout (all-or-nothing). */
export function loadSupporters(path: string, io: CliIo): Supporter[] {
  return readWhole(path, io, readSupportersFile).result.records;
}

/**
 * The product's person gate (core/rosterArchive.ts `isPersonShown`): only people whose 同意 is given
 * (and who are on the 名簿) may leave the app, so the commands skip everyone else and say how many on stderr.
 */
export function consentingPeople(people: readonly Person[], io: CliIo): Person[] {
  const shown = people.filter(isPersonShown);
  const refused = people.filter((p) => p.consent.status === 'refused').length;
  const pending = people.length - shown.length - refused;
  if (shown.length < people.length) {
    io.stderr(`同意のない${people.length - shown.length}人（不同意${refused}人・未確認${pending}人）は出力しません（名簿情報は同意した人だけ外部に出せます）。`);
  }
  return shown;
}

/** Farther than anyone walks to a destination, in metres: beyond it the shelter file is probably another city's. */
export const FAR_DESTINATION_M = 20_000;

/**
 * A Japanese warning when some people's destination (`distanceM`, metres: the road distance when
 * routed, else straight-line) is beyond `FAR_DESTINATION_M`, with the count and the farthest as
 * an example; null when nobody is that far.
 */
export function farDestinationWarning(trips: readonly { personId: string; distanceM: number }[], destination: string): string | null {
  const far = trips.filter((t) => t.distanceM > FAR_DESTINATION_M);
  if (far.length === 0) return null;
  const farthest = far.reduce((a, b) => (b.distanceM > a.distanceM ? b : a));
  return `警告: ${destination}が${FAR_DESTINATION_M / 1000} km より遠い人が${far.length}人います（例: ${farthest.personId}、${(farthest.distanceM / 1000).toFixed(1)} km）。歩いて行ける距離ではありません。避難所ファイルが別の市町村のものでないか、名簿の位置が正しいかを確かめてください。`;
}

/** Marks the shelters named in `ids` as 開設しない (closed); unknown IDs are InputErrors. */
export function closeShelters(shelters: Shelter[], ids: readonly string[]): Shelter[] {
  const wanted = new Set(ids.flatMap((s) => s.split(',')).map((s) => s.normalize('NFKC').trim()).filter(Boolean));
  const known = new Set(shelters.map((s) => s.id));
  const unknown = [...wanted].filter((id) => !known.has(id));
  if (unknown.length) throw new InputError([`--closed のID「${unknown.join('」「')}」は避難所ファイルにありません。`]);
  return shelters.map((s) => (wanted.has(s.id) ? { ...s, closed: true } : s));
}

/** Reads a road network: a GeoJSON FeatureCollection of LineString / MultiLineString (`[lng, lat]` degrees). */
export function loadRoads(path: string, io: CliIo): RoadGraph {
  const f = readInputFile(path, io);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8').decode(f.bytes).replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new InputError([`${f.name}: GeoJSONとして読めません（${errorMessage(err)}）。`]);
  }
  const fc = data as FeatureCollection<Geometry | null>;
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError([`${f.name}: 道路はGeoJSONのFeatureCollectionで指定してください。`]);
  const graph = buildRoadGraph(linesOfGeoJSON(fc));
  if (graph.edgeCount === 0) throw new InputError([`${f.name}: 道路（LineString / MultiLineString）が1本もありません。`]);
  return graph;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = typeof value === 'number' ? String(value) : neutralizeFormula(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no line break): strings quoted when needed and formula-like cells neutralised; null → empty. */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',');
}

/** Writes lines to stdout in blocks (one write per 5,000 lines, not one per line). */
export function writeLines(io: CliIo, lines: readonly string[]): void {
  for (let i = 0; i < lines.length; i += 5000) io.stdout(lines.slice(i, i + 5000).join('\n'));
}

/** Metres rounded to 0.1 m, for output. */
export function metres(m: number): number {
  return Math.round(m * 10) / 10;
}
