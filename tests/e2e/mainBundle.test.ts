/**
 * Issue 12: the page's bundle carries none of the evacuation engine — its solvers are only in the
 * worker chunks. Reads the build the e2e tests serve (`E2E_DIST`, default dist/, made by
 * `npm run build` just before the e2e tests in `npm test`): the chunks the page loads — index.html's
 * module scripts and preloads, and every chunk they import, statically or with `import()` — hold no
 * engine-only name; the worker chunks (started with `new Worker(new URL(…))`, never imported) do.
 *
 * The names are property and option names of the solvers (properties survive minification; the
 * minifier renames only local variables), one per family: supporter matching, the capacitated
 * assignment under welfare allocation, the road graph's snapper, the great-circle nearest index
 * under ShelterIndex and the snapper. The test checks they are still engine-only in src/ and still
 * emitted in a worker chunk, so it can fail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT_DIR = process.env.E2E_DIST ?? 'dist';

/** Engine-only names and the solver module (src/core) each belongs to. */
const ENGINE_NAMES: Record<string, string[]> = {
  exactPairLimit: ['supporterMatching', 'supporterTilePatch'],
  placeCount: ['capacitatedAssignment', 'welfareAllocation'],
  distanceToNode: ['roadGraph', 'roadRoute'],
  minCosLat: ['greatCircleNearest'],
};

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Relative JS chunks a chunk imports: `import … from "./x.js"`, `import "./x.js"`, `import("./x.js")` (any quote). */
function importedChunks(code: string): string[] {
  return [...code.matchAll(/\b(?:from|import)\s*\(?\s*["'`](\.{1,2}\/[^"'`\s]+?\.m?js)["'`]/g)].map((m) => m[1]);
}

/** The page's chunks (paths under OUT_DIR): the entry and its preloads from index.html, then everything they import. */
function pageChunks(): Set<string> {
  const html = readFileSync(join(OUT_DIR, 'index.html'), 'utf8');
  const roots = [...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g), ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => join(OUT_DIR, m[1]));
  const page = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop()!;
    if (page.has(file)) continue;
    page.add(file);
    const code = readFileSync(file, 'utf8');
    for (const spec of importedChunks(code)) queue.push(join(file, '..', spec));
  }
  return page;
}

describe('the page’s bundle holds no engine code', () => {
  const all = listFiles(OUT_DIR).filter((f) => /\.m?js$/.test(f));
  const page = pageChunks();
  const workers = all.filter((f) => !page.has(f));

  it('the names are still engine-only in src/ (else pick others)', () => {
    const src = listFiles('src').filter((f) => /\.(ts|svelte)$/.test(f));
    for (const [name, owners] of Object.entries(ENGINE_NAMES)) {
      const users = src.filter((f) => readFileSync(f, 'utf8').includes(name)).map((f) => f.replace(/^src\/core\/|\.ts$/g, ''));
      expect(users.sort(), `${name} is used outside the solvers`).toEqual([...owners].sort());
    }
  });

  it('finds the page’s chunks (index.html’s entry and what it imports) and the worker chunks apart from them', () => {
    expect([...page].some((f) => /\/index-[^/]+\.js$/.test(f))).toBe(true);
    expect(workers.some((f) => /engineWorker-[^/]+\.js$/.test(f))).toBe(true);
    for (const f of page) expect(f, 'a worker chunk counted as the page’s').not.toMatch(/Worker-[^/]+\.js$/);
  });

  it('the worker chunks hold every engine-only name: the names survive minification', () => {
    const workerCode = workers.map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const name of Object.keys(ENGINE_NAMES)) expect(workerCode, `${name} in no worker chunk`).toContain(name);
  });

  it('no chunk the page loads holds an engine-only name', () => {
    const found = [...page].flatMap((f) => {
      const code = readFileSync(f, 'utf8');
      return Object.keys(ENGINE_NAMES).filter((name) => code.includes(name)).map((name) => `${f}: ${name} (src/core/${ENGINE_NAMES[name].join(', ')})`);
    });
    expect(found, `engine code in the page's bundle — a screen (or what it imports) imports a solver:\n${found.join('\n')}`).toEqual([]);
  });
});
