#!/usr/bin/env node
/**
 * Counts the type assertions (`expr as T`, `<T>expr`) in src/: every .ts file, and in every
 * .svelte file its <script> blocks and the expressions of its markup. `as const` is not a cast,
 * nor is `satisfies`, nor `import { a as b }`. Read with the TypeScript compiler API (.ts and the
 * scripts) and svelte/compiler's parser (markup), not with a text search.
 *
 *   node scripts/count-casts.mjs                 total, per layer (src/ folder), top files
 *   node scripts/count-casts.mjs --max 120       …and exit 1 when the total is above 120
 *   node scripts/count-casts.mjs --list src/ui   …and every cast under src/ui: file:line  text
 *   node scripts/count-casts.mjs --json          the counts and every cast as JSON (for tests)
 *   node scripts/count-casts.mjs --src DIR       another tree (tests use a fixture)
 *
 * Always exits 1 when core/ has any cast (core/ is typed without them), when src/ writes out `any`
 * or uses @ts-ignore / @ts-expect-error (what a cast can turn into when removed the wrong way), or
 * holds code in another script type (.js, .mts, …) that this count would not read. Non-null
 * assertions (`x!`) are printed, not counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parse as parseSvelte } from 'svelte/compiler';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One finding: where (1-based line) and the code, shortened to one line. */
function finding(file, text, line) {
  return { file, line, text: text.replace(/\s+/g, ' ').slice(0, 100) };
}

/** True for a type assertion that is not `as const`. */
function isCast(node) {
  if (!ts.isAsExpression(node) && !ts.isTypeAssertionExpression(node)) return false;
  const type = node.type;
  return !(ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'const');
}

/** The <script> blocks of a component, everything else blanked out so that lines keep their numbers. */
function scriptsOf(text) {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out += text.slice(at, start).replace(/[^\n]/g, ' ') + m[1];
    at = start + m[1].length;
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ');
}

/** Casts, non-null assertions and written-out `any` in TypeScript code, with the TypeScript compiler API. */
function scanTypeScript(file, code) {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const casts = [];
  const watched = { nonNull: 0, any: 0, ignore: 0 };
  const lineOf = (node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node) => {
    if (isCast(node)) casts.push(finding(file, node.getText(source), lineOf(node)));
    else if (ts.isNonNullExpression(node)) watched.nonNull++;
    else if (node.kind === ts.SyntaxKind.AnyKeyword) watched.any++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  watched.ignore = (code.match(/@ts-(ignore|expect-error)\b/g) ?? []).length;
  return { casts, watched };
}

/** Casts and non-null assertions in the markup of a component (svelte/compiler's ESTree nodes). */
function scanMarkup(file, text) {
  const casts = [];
  const watched = { nonNull: 0, any: 0, ignore: 0 };
  let ast;
  try {
    ast = parseSvelte(text, { modern: true });
  } catch (err) {
    throw new Error(`${file}: svelte/compiler cannot parse it (${err instanceof Error ? err.message : String(err)})`);
  }
  const lineAt = (offset) => text.slice(0, offset).split('\n').length;
  const seen = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'Script') return; // the scripts are read with TypeScript's own parser
    if (node.type === 'TSAsExpression' || node.type === 'TSTypeAssertion') {
      const type = node.typeAnnotation;
      const asConst = type?.type === 'TSTypeReference' && type.typeName?.type === 'Identifier' && type.typeName.name === 'const';
      if (!asConst) casts.push(finding(file, text.slice(node.start, node.end), lineAt(node.start)));
    } else if (node.type === 'TSNonNullExpression') watched.nonNull++;
    else if (node.type === 'TSAnyKeyword') watched.any++;
    for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value);
  };
  visit(ast.fragment);
  return { casts, watched };
}

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * The casts under `srcDir` (default: this repo's src/). `byFile` and `byLayer` hold counts; a
 * layer is the first folder under src/ ('(top)' for files directly in it); paths are relative to
 * `srcDir`'s parent, e.g. `src/ui/App.svelte`.
 */
export function countCasts(srcDir = join(ROOT, 'src')) {
  const base = resolve(srcDir, '..');
  const casts = [];
  const watched = { nonNull: 0, any: 0, ignore: 0 };
  const files = listFiles(srcDir);
  // Code in any other script file would escape this count and tsconfig.core.json alike.
  const otherScripts = files.filter((f) => /\.(js|jsx|mjs|cjs|mts|cts|tsx)$/.test(f)).map((f) => relative(base, f).replace(/\\/g, '/')).sort();
  for (const path of files.filter((f) => /\.(ts|svelte)$/.test(f)).sort()) {
    const file = relative(base, path).replace(/\\/g, '/');
    const text = readFileSync(path, 'utf8');
    const parts = path.endsWith('.svelte') ? [scanTypeScript(file, scriptsOf(text)), scanMarkup(file, text)] : [scanTypeScript(file, text)];
    for (const part of parts) {
      casts.push(...part.casts);
      for (const key of Object.keys(watched)) watched[key] += part.watched[key];
    }
  }
  const byFile = {};
  const byLayer = {};
  for (const c of casts) {
    byFile[c.file] = (byFile[c.file] ?? 0) + 1;
    const parts = c.file.split('/');
    const layer = parts.length > 2 ? parts[1] : '(top)';
    byLayer[layer] = (byLayer[layer] ?? 0) + 1;
  }
  return { total: casts.length, casts, byFile, byLayer, watched, otherScripts };
}

function main(argv) {
  const option = (name) => {
    const i = argv.indexOf(name);
    return i < 0 ? undefined : argv[i + 1] ?? '';
  };
  const maxText = option('--max');
  const max = maxText === undefined ? undefined : Number(maxText);
  if (max !== undefined && !(Number.isInteger(max) && max >= 0)) {
    console.error(`--max takes a whole number ≥ 0 (got ${JSON.stringify(maxText)})`);
    return 2;
  }
  const result = countCasts(option('--src') ? resolve(option('--src')) : undefined);
  if (argv.includes('--json')) console.log(JSON.stringify(result, null, 1));
  else report(result, max, option('--list'));
  let status = 0;
  const where = (casts) => casts.map((c) => `    ${c.file}:${c.line}  ${c.text}`).join('\n');
  const inCore = result.casts.filter((c) => c.file.startsWith('src/core/'));
  if (inCore.length > 0) {
    console.error(`✗ core-has-no-casts: core/ has ${inCore.length} type assertion(s); core/ allows none:\n${where(inCore)}`);
    status = 1;
  }
  if (max !== undefined && result.total > max) {
    console.error(`✗ casts-at-most-${max}: ${result.total} type assertions in src/, above ${max}. Type the value instead (a guard, a union, a validator); every cast:\n${where(result.casts)}`);
    status = 1;
  }
  if (result.watched.any > 0 || result.watched.ignore > 0) {
    console.error(`✗ no-any-or-ts-ignore: src/ has ${result.watched.any} written-out \`any\` and ${result.watched.ignore} @ts-ignore/@ts-expect-error; a cast by another name is not allowed either.`);
    status = 1;
  }
  if (result.otherScripts.length > 0) {
    console.error(`✗ src-is-typescript: src/ holds code only as .ts and .svelte (found ${result.otherScripts.join(', ')}).`);
    status = 1;
  }
  return status;
}

/** The counts for a person: total, per layer, top files, the watched counts, and the casts under `listed`. */
function report(result, max, listed) {
  const layers = Object.entries(result.byLayer).sort((a, b) => b[1] - a[1]);
  console.log(`type assertions in src/: ${result.total}${max === undefined ? '' : ` (allowed: ${max})`}`);
  console.log(`  by layer: ${layers.map(([l, n]) => `${l} ${n}`).join(', ') || 'none'}`);
  const top = Object.entries(result.byFile).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 15);
  if (top.length) console.log(`  top files:\n${top.map(([f, n]) => `  ${String(n).padStart(5)}  ${f}`).join('\n')}`);
  const w = result.watched;
  console.log(`  not counted, watched: ${w.nonNull} non-null assertions (x!), ${w.any} \`any\`, ${w.ignore} @ts-ignore/@ts-expect-error`);
  if (listed !== undefined) {
    for (const c of result.casts.filter((c) => c.file.startsWith(listed))) console.log(`${c.file}:${c.line}  ${c.text}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2));
