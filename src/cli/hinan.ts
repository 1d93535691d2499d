/**
 * `hinan` — the planner's file readers from the terminal, for city staff and benchmarks.
 *
 *   npm run --silent hinan -- shelters FILE...    避難所ファイル（複数可、同じ市の避難場所と避難所は統合）
 *   npm run --silent hinan -- people FILE         名簿（アプリのテンプレート）
 *   npm run --silent hinan -- supporters FILE     支援者名簿（アプリのテンプレート）
 *   npm run --silent hinan -- nearest --people P.csv --shelters S... [--hazard flood] [--kind K] [--roads R.geojson] [--winter]
 *   npm run --silent hinan -- allocate-welfare --people P.csv --shelters S... [--capacity-default N]
 *   npm run --silent hinan -- match-supporters --people P.csv --supporters U.csv [--radius-m 500] [--max-load 2]
 *   npm run --silent hinan -- diff-people OLD.csv NEW.csv [--no-match-by-name]
 *   npm run --silent hinan -- backup-info FILE.hinan
 *   npm run --silent hinan -- backup-verify FILE.hinan --passphrase-file F
 *
 * The readers print one GeoJSON FeatureCollection (`[lng, lat]` WGS84) to stdout; the engine
 * commands (nearest.ts, allocateWelfare.ts, matchSupporters.ts) print CSV to stdout and a summary
 * to stderr. On invalid input every problem (file, row, column, reason — in Japanese) goes to
 * stderr and the exit code is 1; usage errors exit 2 with the usage text. People without consent
 * are never written (`people` and the engine commands go through `consentingPeople`; `diff-people`
 * writes their ID and change but not their values, core/rosterChangeList.ts).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ALLOCATE_USAGE, runAllocateWelfare } from './allocateWelfare';
import { BACKUP_INFO_USAGE, runBackupInfo } from './backupInfo';
import { BACKUP_VERIFY_USAGE, runBackupVerify } from './backupVerify';
import { DIFF_USAGE, runDiffPeople } from './diffPeople';
import { consentingPeople, errorLines, InputError, readInputFile, type CliIo } from './inputs';
import { MATCH_USAGE, runMatchSupporters } from './matchSupporters';
import { NEAREST_USAGE, runNearest } from './nearest';
import { UsageError } from './options';
import { capMessage } from './terminal';
import { ENCODING_LABELS } from '../io/encoding';
import { peopleToGeojson, sheltersToGeojson, supportersToGeojson } from '../io/geojsonExport';
import { readPeopleFile } from '../io/peopleCsv';
import { SHELTER_FORMAT_LABELS, readShelterFiles } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';

export type { CliIo } from './inputs';

const USAGE = `使い方:
  hinan shelters ファイル...   避難所（国土地理院 GeoJSON/CSV、自治体標準オープンデータセット CSV）
  hinan people ファイル        避難行動要支援者名簿（テンプレートのCSV。同意のある人だけ）
  hinan supporters ファイル    避難支援等実施者名簿（テンプレートのCSV）
  （この3つは結果をGeoJSON（FeatureCollection）で標準出力に出します）
  hinan nearest ...            最寄りの避難所（CSV）
  hinan allocate-welfare ...   福祉避難所の割り当て（CSV）
  hinan match-supporters ...   支援者の割り当て（CSV）
  hinan diff-people 旧 新      名簿の更新で変わること（CSV）
  hinan backup-info ファイル   バックアップ・受け渡しファイルの見出し（パスフレーズ不要）
  hinan backup-verify ファイル --passphrase-file F   中身をすべて確かめ、表ごとの件数を出す
  hinan コマンド --help        各コマンドの使い方
入力に誤りがあれば終了コード1（ファイル名・行・理由を標準エラーに）、使い方の誤りは2です。`;

/**
 * A `hinan` command: its usage text and how it runs with the words after its name (may throw
 * UsageError / InputError). The backup commands are asynchronous (key derivation, decryption).
 */
interface Command {
  usage: string;
  run: (args: string[], io: CliIo) => number | Promise<number>;
}

const READER_OUTPUT = '結果はGeoJSON（FeatureCollection、座標は[経度, 緯度]）で標準出力に、件数を標準エラーに出します。';

const SHELTERS_USAGE = `hinan shelters ファイル...
  避難所ファイル（国土地理院 指定緊急避難場所・指定避難所の GeoJSON/CSV、自治体標準オープンデータセットの CSV）を
  読みます。同じ市の避難場所と避難所のファイルを一緒に指定すると、同じ施設は1つにまとめます。
  ${READER_OUTPUT}`;

const PEOPLE_USAGE = `hinan people ファイル
  避難行動要支援者名簿（アプリの名簿テンプレートのCSV）を読みます。
  ${READER_OUTPUT}
  同意が「同意」でない人（不同意・未確認）は出力せず、人数を標準エラーに出します。`;

const SUPPORTERS_USAGE = `hinan supporters ファイル
  避難支援等実施者名簿（アプリの支援者テンプレートのCSV）を読みます。
  ${READER_OUTPUT}`;

/** Reads shelter files (merged); prints each file's format, encoding and count. */
function runShelters(paths: string[], io: CliIo): number {
  const r = readShelterFiles(paths.map((p) => readInputFile(p, io)));
  if (r.errors.length) throw new InputError(errorLines(r.errors));
  for (const f of r.files) {
    const name = f.records[0]?.source.file ?? '';
    io.stderr(`${name}: ${f.format ? SHELTER_FORMAT_LABELS[f.format] : ''}、${f.encoding ? ENCODING_LABELS[f.encoding] : ''}、${f.records.length}件`);
  }
  if (r.merge) for (const line of [`合計 ${r.merge.summary}`, ...r.merge.lines]) io.stderr(line);
  io.stdout(JSON.stringify(sheltersToGeojson(r.records)));
  return 0;
}

/** Reads a 名簿; prints only the people the consent gate lets out (with their source rows). */
function runPeople([path]: string[], io: CliIo): number {
  const f = readInputFile(path, io);
  const r = readPeopleFile(f.bytes, f.name);
  if (r.errors.length) throw new InputError(errorLines(r.errors));
  io.stderr(`${f.name}: ${r.encoding ? ENCODING_LABELS[r.encoding] : ''}、${r.records.length}件`);
  const rowOf = new Map(r.records.map((p, i) => [p, r.rows[i]]));
  const shown = consentingPeople(r.records, io);
  io.stdout(JSON.stringify(peopleToGeojson(shown.map((p) => ({ ...p, source: { file: f.name, row: rowOf.get(p)! } })))));
  return 0;
}

/** Reads a supporter file (supporters have no consent gate: they chose to help). */
function runSupporters([path]: string[], io: CliIo): number {
  const f = readInputFile(path, io);
  const r = readSupportersFile(f.bytes, f.name);
  if (r.errors.length) throw new InputError(errorLines(r.errors));
  io.stderr(`${f.name}: ${r.encoding ? ENCODING_LABELS[r.encoding] : ''}、${r.records.length}件`);
  io.stdout(JSON.stringify(supportersToGeojson(r.records.map((s, i) => ({ ...s, source: { file: f.name, row: r.rows[i] } })))));
  return 0;
}

/** Checks the number of files a reader takes (shelters: one or more; people, supporters: one). */
function readerCommand(command: string, usage: string, read: (paths: string[], io: CliIo) => number): Command {
  return {
    usage,
    run: (paths, io) => {
      if (paths.length === 0 || (command !== 'shelters' && paths.length > 1)) {
        throw new UsageError(`${command} には${command === 'shelters' ? '1つ以上の' : '1つの'}ファイルを指定してください。`);
      }
      return read(paths, io);
    },
  };
}

const COMMANDS: Record<string, Command> = {
  shelters: readerCommand('shelters', SHELTERS_USAGE, runShelters),
  people: readerCommand('people', PEOPLE_USAGE, runPeople),
  supporters: readerCommand('supporters', SUPPORTERS_USAGE, runSupporters),
  nearest: { usage: NEAREST_USAGE, run: runNearest },
  'allocate-welfare': { usage: ALLOCATE_USAGE, run: runAllocateWelfare },
  'match-supporters': { usage: MATCH_USAGE, run: runMatchSupporters },
  'diff-people': { usage: DIFF_USAGE, run: runDiffPeople },
  'backup-info': { usage: BACKUP_INFO_USAGE, run: runBackupInfo },
  'backup-verify': { usage: BACKUP_VERIFY_USAGE, run: runBackupVerify },
};

/** Runs a command: `--help`/`-h` → its usage on stdout (0); usage errors → 2 with its usage text; input errors → 1. */
function runCommand(command: string, args: string[], io: CliIo): number | Promise<number> {
  const { usage, run } = COMMANDS[command];
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(usage);
    return 0;
  }
  const report = (err: unknown): number => {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n使い方:\n  ${usage}`);
      return 2;
    }
    if (err instanceof InputError) {
      for (const line of err.lines) io.stderr(line);
      return 1;
    }
    throw err;
  };
  try {
    const code = run(args, io);
    return typeof code === 'number' ? code : code.catch(report);
  } catch (err) {
    return report(err);
  }
}

/**
 * Runs the CLI with `args` (after the script name); returns the exit code — a promise of it for the
 * backup commands, the number itself for the others. Every stderr line is capped (`capMessage`), so
 * a file's enormous header or cell never floods the terminal.
 */
export function runHinan(args: string[], io: CliIo): number | Promise<number> {
  const out: CliIo = { ...io, stderr: (s) => io.stderr(capMessage(s)) };
  const [command, ...rest] = args;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    (command ? out.stdout : out.stderr)(USAGE);
    return command ? 0 : 2;
  }
  if (!Object.hasOwn(COMMANDS, command)) {
    out.stderr(`不明なコマンド「${command}」です。\n${USAGE}`);
    return 2;
  }
  return runCommand(command, rest, out);
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
  if (typeof code === 'number') process.exitCode = code;
  else void code.then((c) => (process.exitCode = c));
}
