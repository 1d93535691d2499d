/**
 * `BENCH cli_help` (issue 12): how long `hinan --help` takes to answer, wall clock from starting
 * the process to its exit — the built command (`node bin/hinan.mjs --help`, package.json
 * `bin.hinan`, built here first by scripts/build-cli.mjs) against the old way, `npx tsx
 * src/cli/hinan.ts --help` (tsx compiling the sources at every start). Median of `runs` each, taken
 * in turns so load on the machine falls on both; both must print the same usage text. The note also
 * gives `npm run --silent hinan -- --help` (npm's own start-up on top of the built file, not ours to
 * count). Aim: ≤ 300 ms. Run alone: `npx tsx tests/bench/cliStartBench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type Report = (name: string, ours: number, baseline: number, identical: boolean, note: string) => void;

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Wall time of one run of `command args` in the repository root, in ms, with its stdout. */
function timed(command: string, args: string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export function benchCliHelp(runs: number, report: Report): void {
  const build = spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build:cli failed: ${build.stderr}`);
  const bin: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bin.hinan;
  const built = () => timed(process.execPath, [bin, '--help']);
  const tsx = () => timed('npx', ['tsx', 'src/cli/hinan.ts', '--help']);
  const npmRun = () => timed('npm', ['run', '--silent', 'hinan', '--', '--help']);
  // One of each first, untimed: the file system cache and npx's lookup warm for both.
  const first = [built(), tsx(), npmRun()];
  const ours: number[] = [];
  const baseline: number[] = [];
  const viaNpm: number[] = [];
  for (let r = 0; r < runs; r++) {
    ours.push(built().ms);
    baseline.push(tsx().ms);
    viaNpm.push(npmRun().ms);
  }
  const identical = first.every((f) => f.stdout === first[0].stdout) && first[0].stdout.includes('hinan nearest');
  const oursMs = median(ours);
  report('cli_help', oursMs, median(baseline), identical,
    `wall clock to exit, median of ${runs} (in turns); ours = node ${bin} --help (one bundled ES module, ${(readFileSync(join(ROOT, bin)).length / 1024).toFixed(0)} KiB, commands loaded when run), ` +
    `min ${Math.min(...ours).toFixed(0)} max ${Math.max(...ours).toFixed(0)}; baseline = npx tsx src/cli/hinan.ts --help; ` +
    `npm run --silent hinan -- --help ${median(viaNpm).toFixed(0)} ms (npm's start-up included); aim ours ≤ 300 ms: ${oursMs <= 300 ? 'yes' : 'NO'}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const report: Report = (name, ours, baseline, identical, note) =>
    console.log(`BENCH ${name} ours_ms=${ours.toFixed(1)} baseline_ms=${baseline.toFixed(1)} ratio=${(baseline / ours).toFixed(1)} identical=${identical ? 'yes' : 'no'}\n  ${note}`);
  benchCliHelp(9, report);
}
