#!/usr/bin/env node
/**
 * The layers of src/ (README: `ui → map, db, workers → io → core`), checked two ways:
 *  1. core-io-without-dom: src/core and src/io compile with `lib: ["ES2022"]` only
 *     (tsconfig.core.json) — `window`, `document`, `navigator`, `HTMLElement`, `indexedDB`,
 *     `self` are unknown there;
 *  2. the import rules of .dependency-cruiser.cjs (who may import whom, Dexie only in db/,
 *     maplibre-gl only in map/, no solver in ui/), each failure named by its rule.
 *
 *   node scripts/check-layers.mjs              this repo
 *   node scripts/check-layers.mjs --root DIR   another tree with the same layout (a test fixture):
 *                                              DIR/src and DIR/tsconfig.core.json, this repo's rules
 * Exits 1 when either check fails.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const DEPCRUISE = join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function run(args, cwd) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}`.replace(/^\s*\n/, '').trimEnd() };
}

const argv = process.argv.slice(2);
const rootAt = argv.indexOf('--root');
const root = rootAt < 0 ? REPO : resolve(argv[rootAt + 1]);
let failed = false;

const tsc = run([TSC, '-p', join(root, 'tsconfig.core.json'), '--pretty', 'false'], root);
if (tsc.status === 0) console.log('✔ core-io-without-dom: src/core and src/io compile without the DOM and WebWorker libraries');
else {
  failed = true;
  console.error(
    '✗ core-io-without-dom: src/core and src/io do not compile under tsconfig.core.json (ES2022 only: no DOM, no WebWorker;' +
      ' what needs a page or a worker belongs in ui/, map/, db/ or workers/):',
  );
  console.error(tsc.output.replace(/^/gm, '  '));
}

const cruise = run([DEPCRUISE, 'src', '--config', join(REPO, '.dependency-cruiser.cjs'), '--output-type', 'err-long'], root);
if (cruise.status === 0) console.log(`✔ import rules (.dependency-cruiser.cjs): ${cruise.output.replace(/^✔\s*/, '')}`);
else {
  failed = true;
  console.error('✗ import rules (.dependency-cruiser.cjs) broken — the rule is named before each file:');
  console.error(cruise.output);
}

process.exitCode = failed ? 1 : 0;
