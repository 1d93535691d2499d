/**
 * `hinan` — the planner's file readers from the terminal, for city staff and benchmarks.
 *
 *   npm run --silent hinan -- shelters FILE...    避難所ファイル（複数可、同じ市の避難場所と避難所は統合）
 *   npm run --silent hinan -- people FILE         名簿（アプリのテンプレート）
 *   npm run --silent hinan -- supporters FILE     支援者名簿（アプリのテンプレート）
 *   npm run --silent hinan -- nearest --people P.csv --shelters S... [--hazard flood] [--kind K] [--roads R.geojson] [--winter]
 *   npm run --silent hinan -- allocate-welfare --people P.csv --shelters S... [--capacity-default N]
 *   npm run --silent hinan -- match-supporters --people P.csv --supporters U.csv [--radius-m 500] [--max-load 2]
 *
 * The readers print one GeoJSON FeatureCollection (`[lng, lat]` WGS84) to stdout; the engine
 * commands (nearest.ts, allocateWelfare.ts, matchSupporters.ts) print CSV to stdout and a summary
 * to stderr. On invalid input every problem (file, row, column, reason — in Japanese) goes to
 * stderr and the exit code is 1; usage errors exit 2 with the usage text.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALLOCATE_USAGE, runAllocateWelfare } from './allocateWelfare';
import { InputError, type CliIo } from './inputs';
import { MATCH_USAGE, runMatchSupporters } from './matchSupporters';
import { NEAREST_USAGE, runNearest } from './nearest';
import { UsageError } from './options';
import { ENCODING_LABELS } from '../io/encoding';
import { peopleToGeojson, sheltersToGeojson, supportersToGeojson } from '../io/geojsonExport';
import { readPeopleFile } from '../io/peopleCsv';
import { formatRowError, type RowError } from '../io/rowError';
import { SHELTER_FORMAT_LABELS, readShelterFiles } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';

export type { CliIo } from './inputs';

const USAGE = `使い方:
  hinan shelters ファイル...   避難所（国土地理院 GeoJSON/CSV、自治体標準オープンデータセット CSV）
  hinan people ファイル        避難行動要支援者名簿（テンプレートのCSV）
  hinan supporters ファイル    避難支援等実施者名簿（テンプレートのCSV）
  （この3つは結果をGeoJSON（FeatureCollection）で標準出力に出します）
  hinan nearest ...            最寄りの避難所（CSV）
  hinan allocate-welfare ...   福祉避難所の割り当て（CSV）
  hinan match-supporters ...   支援者の割り当て（CSV）
  hinan コマンド --help        各コマンドの使い方
入力に誤りがあれば終了コード1（ファイル名・行・理由を標準エラーに）、使い方の誤りは2です。`;

const ENGINE_COMMANDS: Record<string, { usage: string; run: (args: string[], io: CliIo) => number }> = {
  nearest: { usage: NEAREST_USAGE, run: runNearest },
  'allocate-welfare': { usage: ALLOCATE_USAGE, run: runAllocateWelfare },
  'match-supporters': { usage: MATCH_USAGE, run: runMatchSupporters },
};

/** Runs an engine command: usage errors → 2 with its usage text, input errors → 1. */
function runEngineCommand(command: string, args: string[], io: CliIo): number {
  const { usage, run } = ENGINE_COMMANDS[command];
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(usage);
    return 0;
  }
  try {
    return run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n使い方:\n  ${usage}`);
      return 2;
    }
    if (err instanceof InputError) {
      for (const line of err.lines) io.stderr(line);
      return 1;
    }
    throw err;
  }
}

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
  if (Object.hasOwn(ENGINE_COMMANDS, command)) return runEngineCommand(command, paths, io);
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
  // `hinan nearest … | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const code = runHinan(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
    cwd: process.env.INIT_CWD ?? process.cwd(),
  });
  process.exitCode = code;
}
