#!/usr/bin/env node
/**
 * Copied code in src/: every block of 9 or more lines that stands again elsewhere (jscpd, exact
 * copies, its default of 50 tokens at least). Read: .ts files, and of each .svelte file its
 * <script> blocks (as TypeScript) and its markup (as HTML) — not its <style> blocks. jscpd's own
 * .svelte reading keeps the styles and reads the script again as markup, so each component is
 * split first into two files in a temporary folder, lines kept in place (the rest blanked), and
 * the clones are named by the real file and line.
 *
 *   node scripts/check-duplicates.mjs                  list the clones; exit 1 when there is any
 *   node scripts/check-duplicates.mjs --src DIR        another tree (tests use a fixture)
 *   node scripts/check-duplicates.mjs --min-lines 12   a looser limit
 *   node scripts/check-duplicates.mjs --json           the clones as JSON (exit 0/1 as above)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const JSCPD = join(ROOT, 'node_modules', 'jscpd', 'run-jscpd.js');
export const MIN_LINES = 9;

/** Blank out (keeping line breaks) every part of `text` outside the spans `keep` returns. */
function keepOnly(text, spans) {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start).replace(/[^\n]/g, ' ') + text.slice(start, end);
    at = end;
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ');
}

/** A component as [script, markup]: the <script> contents, and everything outside <script> and <style>. */
export function splitComponent(text) {
  const scripts = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
  const script = keepOnly(
    text,
    scripts.map((m) => {
      const start = m.index + m[0].indexOf('>') + 1;
      return [start, start + m[1].length];
    }),
  );
  const blocks = [...text.matchAll(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/g)].map((m) => [m.index, m.index + m[0].length]);
  const markupSpans = [];
  let at = 0;
  for (const [start, end] of blocks) {
    markupSpans.push([at, start]);
    at = end;
  }
  markupSpans.push([at, text.length]);
  return [script, keepOnly(text, markupSpans)];
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * The clones under `srcDir`: `{ lines, tokens, a, b }`, each side `{ file, part, start, end }`
 * (`file` relative to srcDir's parent, e.g. `src/io/x.ts`; `part` 'code', 'script' or 'markup').
 */
export function findClones(srcDir = join(ROOT, 'src'), minLines = MIN_LINES) {
  const base = resolve(srcDir, '..');
  const work = mkdtempSync(join(tmpdir(), 'hinan-jscpd-'));
  try {
    const mirror = join(work, 'src');
    /** Mirror path (relative to `mirror`) → [real file, part]. */
    const origin = new Map();
    const put = (rel, text, real, part) => {
      mkdirSync(dirname(join(mirror, rel)), { recursive: true });
      writeFileSync(join(mirror, rel), text);
      origin.set(rel, [real, part]);
    };
    for (const path of listFiles(srcDir)) {
      const rel = relative(srcDir, path).replace(/\\/g, '/');
      const real = relative(base, path).replace(/\\/g, '/');
      const text = readFileSync(path, 'utf8');
      if (path.endsWith('.ts')) put(rel, text, real, 'code');
      else if (path.endsWith('.svelte')) {
        const [script, markup] = splitComponent(text);
        put(`${rel}.script.ts`, script, real, 'script');
        put(`${rel}.markup.html`, markup, real, 'markup');
      }
    }
    const out = join(work, 'report');
    const run = spawnSync(
      process.execPath,
      [JSCPD, mirror, '--min-lines', String(minLines), '--format', 'typescript,markup', '--reporters', 'json', '--output', out, '--silent', '--no-gitignore', '--no-tips'],
      { encoding: 'utf8', env: { ...process.env, JSCPD_NO_TIPS: '1' } },
    );
    if (run.status !== 0) throw new Error(`jscpd failed (exit ${run.status}): ${run.stderr || run.stdout}`);
    const report = JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8'));
    const side = (f) => {
      const rel = relative(mirror, resolve(mirror, f.name)).replace(/\\/g, '/');
      const [file, part] = origin.get(rel) ?? [f.name, 'code'];
      return { file, part, start: f.start, end: f.end };
    };
    return report.duplicates.map((d) => ({ lines: d.lines, tokens: d.tokens, a: side(d.firstFile), b: side(d.secondFile) }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main(argv) {
  const option = (name) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1];
  };
  const minLines = Number(option('--min-lines') ?? MIN_LINES);
  const clones = findClones(option('--src') ? resolve(option('--src')) : undefined, minLines);
  if (argv.includes('--json')) {
    console.log(JSON.stringify(clones, null, 1));
    return clones.length ? 1 : 0;
  }
  const where = (s) => `${s.file}${s.part === 'code' ? '' : ` (${s.part})`}:${s.start}-${s.end}`;
  if (clones.length === 0) {
    console.log(`no copied block of ${minLines} or more lines in src/ (jscpd; .ts, .svelte scripts and markup, not styles)`);
    return 0;
  }
  console.error(`✗ no-copied-code: ${clones.length} block(s) of ${minLines} or more lines copied in src/ — make one piece of code serve both places:`);
  for (const c of clones) console.error(`  ${where(c.a)} ~ ${where(c.b)}  (${c.lines} lines, ${c.tokens} tokens)`);
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
