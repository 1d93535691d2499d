/**
 * Issue 13: `node scripts/check-duplicates.mjs` (jscpd) fails on a block of 9 or more lines
 * copied in src/ — .ts files, .svelte scripts and markup — and not on copied styles. Run here
 * on a fixture tree.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const made: string[] = [];

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hinan-dupes-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'src');
}

interface Side {
  file: string;
  part: string;
  start: number;
  end: number;
}

function clones(src: string): { status: number | null; found: { a: Side; b: Side }[] } {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/check-duplicates.mjs'), '--src', src, '--json'], { encoding: 'utf8' });
  if (r.stderr) throw new Error(r.stderr);
  return { status: r.status, found: JSON.parse(r.stdout) };
}

/** `lines` lines of code, different for each `seed`. */
function code(lines: number, seed: string): string {
  return Array.from({ length: lines }, (_, i) => `export function ${seed}${i}(value: number): number {\n  return value * ${i} + ${seed.length};\n}`).join('\n');
}

/** A component: the given script, markup and style. */
function component(script: string, markup: string, style: string): string {
  return `<script lang="ts">\n${script}\n</script>\n\n${markup}\n\n<style>\n${style}\n</style>\n`;
}

const STYLE = Array.from({ length: 14 }, (_, i) => `  .row${i} { margin: ${i}px; padding: 0 1rem; border: 1px solid #ccc; color: #333; }`).join('\n');
const MARKUP = Array.from({ length: 5 }, (_, i) => `<div class="row${i}">\n  <span>{name${i}}</span>\n  <button onclick={() => pick(${i})}>選ぶ</button>\n</div>`).join('\n');

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('scripts/check-duplicates.mjs', () => {
  it('passes a tree whose only copies are styles (and blocks under 9 lines)', () => {
    const result = clones(
      fixture({
        'src/io/a.ts': code(4, 'alpha'),
        'src/io/b.ts': `${code(2, 'alpha')}\n${code(4, 'beta')}`,
        'src/ui/A.svelte': component("  let { x } = $props();", '<p>{x}</p>', STYLE),
        'src/ui/B.svelte': component("  let { y } = $props();", '<p>{y}</p>', STYLE),
      }),
    );
    expect(result.found).toEqual([]);
    expect(result.status).toBe(0);
  }, 60_000);

  it('fails on a copied .ts block, a copied component script and copied markup, naming the real files and lines', () => {
    const result = clones(
      fixture({
        'src/io/a.ts': code(5, 'alpha'),
        'src/core/b.ts': `// another file\n${code(5, 'alpha')}`,
        'src/ui/A.svelte': component(code(5, 'gamma'), MARKUP, STYLE),
        'src/ui/B.svelte': component(code(5, 'delta'), MARKUP, ''),
        'src/ui/C.svelte': component(code(5, 'gamma'), '<p>C</p>', ''),
      }),
    );
    expect(result.status).toBe(1);
    const where = (s: Side) => `${s.file} ${s.part} ${s.start}`;
    expect(result.found.map((c) => [where(c.a), where(c.b)].sort().join(' ~ ')).sort()).toEqual([
      'src/core/b.ts code 2 ~ src/io/a.ts code 1',
      'src/ui/A.svelte markup 19 ~ src/ui/B.svelte markup 19',
      'src/ui/A.svelte script 2 ~ src/ui/C.svelte script 2',
    ]);
  }, 60_000);
});
