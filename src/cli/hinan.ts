/**
 * `hinan` — the planner's file readers from the terminal, for city staff and benchmarks.
 *
 *   npm run --silent hinan -- shelters FILE...    避難所ファイル（複数可、同じ市の避難場所と避難所は統合）
 *   npm run --silent hinan -- people FILE         名簿（アプリのテンプレート）
 *   npm run --silent hinan -- supporters FILE     支援者名簿（アプリのテンプレート）
 *
 * Prints one GeoJSON FeatureCollection (`[lng, lat]` WGS84) to stdout. On invalid input prints
 * every problem (file, row, column, reason — in Japanese) to stderr and exits 1; usage errors exit 2.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENCODING_LABELS } from '../io/encoding';
import { peopleToGeojson, sheltersToGeojson, supportersToGeojson } from '../io/geojsonExport';
import { readPeopleFile } from '../io/peopleCsv';
import { formatRowError, type RowError } from '../io/rowError';
import { SHELTER_FORMAT_LABELS, readShelterFiles } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Directory relative file names are resolved against. */
  cwd: string;
}

const USAGE = `使い方:
  hinan shelters ファイル...   避難所（国土地理院 GeoJSON/CSV、自治体標準オープンデータセット CSV）
  hinan people ファイル        避難行動要支援者名簿（テンプレートのCSV）
  hinan supporters ファイル    避難支援等実施者名簿（テンプレートのCSV）
結果はGeoJSON（FeatureCollection）で標準出力に出します。`;

/** Most problems printed before 「ほかN件」. */
const MAX_SHOWN = 200;

function printErrors(errors: RowError[], io: CliIo): void {
  for (const e of errors.slice(0, MAX_SHOWN)) io.stderr(formatRowError(e));
  if (errors.length > MAX_SHOWN) io.stderr(`ほか${errors.length - MAX_SHOWN}件の問題があります。`);
  io.stderr(`取り込めません: ${errors.length}件の問題があります（1件も取り込んでいません）。`);
}

/** Runs the CLI with `args` (after the script name); returns the exit code. */
export function runHinan(args: string[], io: CliIo): number {
  const [command, ...paths] = args;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    (command ? io.stdout : io.stderr)(USAGE);
    return command ? 0 : 2;
  }
  if (!['shelters', 'people', 'supporters'].includes(command)) {
    io.stderr(`不明なコマンド「${command}」です。\n${USAGE}`);
    return 2;
  }
  if (paths.length === 0 || (command !== 'shelters' && paths.length > 1)) {
    io.stderr(`${command} には${command === 'shelters' ? '1つ以上の' : '1つの'}ファイルを指定してください。\n${USAGE}`);
    return 2;
  }
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const p of paths) {
    try {
      files.push({ name: basename(p), bytes: new Uint8Array(readFileSync(resolve(io.cwd, p))) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      io.stderr(`${p}: ${code === 'ENOENT' ? 'ファイルが見つかりません。' : code === 'EISDIR' ? 'フォルダーです。ファイルを指定してください。' : `読めません（${code ?? (err as Error).message}）。`}`);
      return 1;
    }
  }
  if (command === 'shelters') {
    const r = readShelterFiles(files);
    if (r.errors.length) {
      printErrors(r.errors, io);
      return 1;
    }
    for (const f of r.files) {
      const name = f.records[0]?.source.file ?? '';
      io.stderr(`${name}: ${f.format ? SHELTER_FORMAT_LABELS[f.format] : ''}、${f.encoding ? ENCODING_LABELS[f.encoding] : ''}、${f.records.length}件`);
    }
    io.stderr(`合計 ${r.records.length}施設（同じ施設の避難場所と避難所は1つにまとめています）`);
    io.stdout(JSON.stringify(sheltersToGeojson(r.records)));
    return 0;
  }
  const f = files[0];
  const r = command === 'people' ? readPeopleFile(f.bytes, f.name) : readSupportersFile(f.bytes, f.name);
  if (r.errors.length) {
    printErrors(r.errors, io);
    return 1;
  }
  const withSource = r.records.map((rec, i) => ({ ...rec, source: { file: f.name, row: r.rows[i] } }));
  io.stderr(`${f.name}: ${r.encoding ? ENCODING_LABELS[r.encoding] : ''}、${r.records.length}件`);
  io.stdout(JSON.stringify(command === 'people' ? peopleToGeojson(withSource as Parameters<typeof peopleToGeojson>[0]) : supportersToGeojson(withSource as Parameters<typeof supportersToGeojson>[0])));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const code = runHinan(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
  process.exitCode = code;
}
