/**
 * `hinan` — the planner's file readers from the terminal, for city staff and benchmarks.
 *
 * Built by `npm run build:cli` (scripts/build-cli.mjs; also run by `npm ci` / `npm install` and
 * `npm test`) into the one file package.json's `bin.hinan` names, bin/hinan.mjs: `npm link` makes it
 * the `hinan` command and `npm run --silent hinan -- …` runs the same file. `npx tsx
 * src/cli/hinan.ts …` runs the source, for development.
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
 *
 * Each command's module is loaded only when that command runs (a dynamic import, kept lazy inside
 * the one bundled file), so `hinan --help` starts without running the CSV readers, the projections,
 * the database schema or the backup crypto.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError, type CliIo, type Command } from './cliIo';
import { UsageError } from './options';
import { capMessage } from './terminal';

export type { CliIo } from './cliIo';

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

/** Every command by name, each loaded when it runs (its module, its usage text). */
const COMMANDS: Record<string, () => Promise<Command>> = {
  shelters: async () => (await import('./readers')).SHELTERS_COMMAND,
  people: async () => (await import('./readers')).PEOPLE_COMMAND,
  supporters: async () => (await import('./readers')).SUPPORTERS_COMMAND,
  nearest: async () => (await import('./nearest')).NEAREST_COMMAND,
  'allocate-welfare': async () => {
    const m = await import('./allocateWelfare');
    return { usage: m.ALLOCATE_USAGE, run: m.runAllocateWelfare };
  },
  'match-supporters': async () => (await import('./matchSupporters')).MATCH_COMMAND,
  'diff-people': async () => (await import('./diffPeople')).DIFF_COMMAND,
  'backup-info': async () => (await import('./backupInfo')).BACKUP_INFO_COMMAND,
  'backup-verify': async () => (await import('./backupVerify')).BACKUP_VERIFY_COMMAND,
};

/** Runs a command: `--help`/`-h` → its usage on stdout (0); usage errors → 2 with its usage text; input errors → 1. */
async function runCommand(command: string, args: string[], io: CliIo): Promise<number> {
  const { usage, run } = await COMMANDS[command]();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(usage);
    return 0;
  }
  try {
    return await run(args, io);
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

/**
 * Runs the CLI with `args` (after the script name); resolves to the exit code. Every stderr line is
 * capped (`capMessage`), so a file's enormous header or cell never floods the terminal.
 */
export async function runHinan(args: string[], io: CliIo): Promise<number> {
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

/**
 * True when this file is the program node was started with — also through a symlink (`npm link`
 * and global installs put one on the PATH; node runs the file it points to).
 */
function isMainModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * The folder relative file names are read from: the caller's. `npm run hinan` starts the command
 * in the package's folder and passes the folder it was typed in as INIT_CWD.
 */
function callerFolder(): string {
  return process.env.npm_lifecycle_event === 'hinan' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
}

if (isMainModule()) {
  // `hinan nearest … | head`: a closed pipe ends the output quietly.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  void runHinan(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
    cwd: callerFolder(),
  }).then((code) => (process.exitCode = code));
}
