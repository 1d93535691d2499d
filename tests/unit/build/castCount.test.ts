/**
 * Issue 13: `node scripts/count-casts.mjs` counts the type assertions in src/ with the TypeScript
 * compiler API (.ts, .svelte scripts) and svelte/compiler (.svelte markup) — not with a text
 * search — and fails on any in core/ or above `--max`. Run here on a fixture tree.
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
  const dir = mkdtempSync(join(tmpdir(), 'hinan-casts-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return join(dir, 'src');
}

function countCasts(src: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/count-casts.mjs'), '--src', src, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const UI_ONLY = {
  'src/ui/a.ts': [
    "import { a as b } from './b';", // import `as`: not a cast
    'const x = b as number;', // 1
    'const y = <string>(x as unknown);', // 2 (the `<string>` and the `as unknown`)
    "const z = ['a', 'b'] as const;", // not a cast
    'const w = { n: 1 } satisfies { n: number };', // not a cast
    'const v = (x as unknown as string[])!;', // 2 casts; 1 non-null assertion (watched, not counted)
    'export { x, y, z, w, v };',
  ].join('\n'),
  'src/ui/b.ts': 'export const a: number = 1;\n',
  'src/ui/C.svelte': [
    '<script lang="ts">',
    '  let { value }: { value: unknown } = $props();',
    '  const text = value as string;', // 1, script
    "  const kinds = ['x'] as const;",
    '</script>',
    '',
    '<input value={text} oninput={(e) => console.log(e.currentTarget.value as "x" | "y")} />', // 1, markup
    '<p>{kinds[0]}</p>',
    '<style>',
    '  p { color: red; }',
    '</style>',
  ].join('\n'),
};

describe('scripts/count-casts.mjs', () => {
  it('counts `as T` and `<T>x` in .ts files, .svelte scripts and markup; not `as const`, `satisfies` or import `as`', () => {
    const { status, stdout } = countCasts(fixture(UI_ONLY), '--json');
    expect(status).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.total).toBe(7);
    expect(result.byFile).toEqual({ 'src/ui/a.ts': 5, 'src/ui/C.svelte': 2 });
    expect(result.byLayer).toEqual({ ui: 7 });
    expect(result.casts.filter((c: { file: string }) => c.file === 'src/ui/C.svelte')).toEqual([
      { file: 'src/ui/C.svelte', line: 3, text: 'value as string' },
      { file: 'src/ui/C.svelte', line: 7, text: 'e.currentTarget.value as "x" | "y"' },
    ]);
    expect(result.watched).toEqual({ nonNull: 1, any: 0, ignore: 0 });
  }, 60_000);

  it('prints the total, per layer and the top files; fails above --max', () => {
    const src = fixture(UI_ONLY);
    const within = countCasts(src, '--max', '7');
    expect(within.status).toBe(0);
    expect(within.stdout).toContain('type assertions in src/: 7 (allowed: 7)');
    expect(within.stdout).toContain('by layer: ui 7');
    expect(within.stdout).toMatch(/5 {2}src\/ui\/a\.ts\n\s+2 {2}src\/ui\/C\.svelte/);
    const above = countCasts(src, '--max', '6');
    expect(above.status).toBe(1);
    expect(above.stderr).toContain('casts-at-most-6: 7 type assertions');
  }, 60_000);

  it('fails on any cast in core/, whatever --max says', () => {
    const result = countCasts(fixture({ ...UI_ONLY, 'src/core/c.ts': 'export const n = JSON.parse("1") as number;\n' }), '--max', '100', '--list', 'src/core');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('core-has-no-casts: core/ has 1 type assertion(s)');
    expect(result.stderr).toContain('src/core/c.ts:1  JSON.parse("1") as number');
    expect(result.stdout).toContain('src/core/c.ts:1  JSON.parse("1") as number');
  }, 60_000);

  it('fails on a cast by another name — a written-out `any`, @ts-ignore / @ts-expect-error — and on code in files it would not read', () => {
    const anyType = countCasts(fixture({ ...UI_ONLY, 'src/ui/b.ts': 'export const a: any = 1;\n' }), '--max', '100');
    expect(anyType.status).toBe(1);
    expect(anyType.stderr).toContain('no-any-or-ts-ignore: src/ has 1 written-out `any` and 0 @ts-ignore/@ts-expect-error');
    const ignored = countCasts(fixture({ ...UI_ONLY, 'src/ui/d.ts': '// @ts-expect-error a string is not a number\nexport const n: number = "x";\n' }), '--max', '100');
    expect(ignored.status).toBe(1);
    expect(ignored.stderr).toContain('0 written-out `any` and 1 @ts-ignore/@ts-expect-error');
    const otherFile = countCasts(fixture({ ...UI_ONLY, 'src/core/page.mts': 'export const w = (window as unknown as { x: number }).x;\n' }), '--max', '100');
    expect(otherFile.status).toBe(1);
    expect(otherFile.stderr).toContain('src-is-typescript: src/ holds code only as .ts and .svelte (found src/core/page.mts)');
  }, 60_000);
});
