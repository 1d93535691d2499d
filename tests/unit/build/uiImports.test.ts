/**
 * Issue 12: the screens ask and render; the evacuation engine's solvers run in workers. No module
 * under src/ui (.ts, .svelte) imports a solver — directly, or through a module of src/ it imports
 * (core, io, db, map, workers' clients): the import would put the solver in the page's bundle and
 * its work on the main thread. `import type …` is erased and allowed; `import { type X }` is not
 * (verbatimModuleSyntax keeps the statement, so the module still loads). A static scan with
 * TypeScript's parser; the message names the file, the line, the chain and what is imported.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SRC = join(ROOT, 'src');

/** The engine's solvers (src/core), by module; `null`: every value import; else only these bindings. */
const SOLVERS: Record<string, string[] | null> = {
  'core/evacuationAnalysis': null,
  'core/supporterMatching': null,
  'core/welfareAllocation': null,
  'core/capacitatedAssignment': null,
  'core/roadGraph': null,
  'core/roadRoute': null,
  'core/roadDistance': null,
  'core/multiSourceDijkstra': null,
  'core/shelterIndex': null,
  'core/matchingRoundFlow': null,
  'core/bipartiteMinCostFlow': null,
  'core/arcOrder': null,
  'core/supporterCandidates': null,
  'core/supporterComponents': null,
  'core/supporterRounds': null,
  'core/supporterTilePatch': null,
  'core/singleSourceNearest': null,
  'core/greatCircleNearest': null,
  'core/replan': null,
  'core/replanServe': null,
  'core/replanReference': null,
  // personPoint (a home as [lng, lat]) is the screens' too; the shelter searches are not.
  'core/nearestShelter': ['nearestSuitableShelters', 'WelfareShelterFinder'],
  // The home-in-zone lookups and labels are the screens' to use; the index over every polygon is not.
  'core/hazardAtHome': ['HazardIndex'],
};

/** One value import of a module: where it points (a src/ module, no extension) and what it takes (`*`: everything). */
interface ValueImport {
  target: string;
  names: string[];
  line: number;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

/** `from` resolved against `file` to a module under src/ (path without extension), or null (a package, or outside src/). */
function resolveModule(file: string, from: string): string | null {
  if (!from.startsWith('.')) return null;
  const full = resolve(dirname(file), from);
  const rel = relative(SRC, full).replace(/\\/g, '/');
  if (rel.startsWith('..')) return null;
  return rel.replace(/\.(ts|js|svelte\.ts)$/, '');
}

/** The file of a src/ module, or null when there is none (e.g. a .svelte component imported with its extension). */
function moduleFile(module: string): string | null {
  for (const candidate of [`${module}.ts`, `${module}.svelte.ts`, module]) {
    const path = join(SRC, candidate);
    if (existsSync(path) && /\.(ts|svelte)$/.test(path)) return path;
  }
  return null;
}

/** The code of a .ts file, or the <script> blocks of a .svelte component. */
function scriptOf(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.svelte')) return text;
  // Blank out everything but the scripts, keeping line numbers.
  let out = '';
  let at = 0;
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out += text.slice(at, start).replace(/[^\n]/g, ' ') + m[1];
    at = start + m[1].length;
  }
  return out + text.slice(at).replace(/[^\n]/g, ' ');
}

const importsCache = new Map<string, ValueImport[]>();

/** The value imports of a file: import / export-from declarations (not `import type`) and `import('…')`. */
function valueImports(path: string): ValueImport[] {
  const cached = importsCache.get(path);
  if (cached) return cached;
  const found = valueImportsIn(path, scriptOf(path));
  importsCache.set(path, found);
  return found;
}

/** The value imports in `code`, as if it were the file at `path`. */
function valueImportsIn(path: string, code: string): ValueImport[] {
  const source = ts.createSourceFile(path, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: ValueImport[] = [];
  const add = (spec: ts.Expression, names: string[], node: ts.Node) => {
    if (!ts.isStringLiteralLike(spec)) return;
    const target = resolveModule(path, spec.text);
    if (target) found.push({ target, names, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      if (!clause?.isTypeOnly) {
        const names: string[] = [];
        if (clause?.name) names.push('default');
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
        if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if (!e.isTypeOnly) names.push((e.propertyName ?? e.name).text);
        // `import { type A } from 'm'` still loads m (verbatimModuleSyntax keeps the statement).
        add(node.moduleSpecifier, names, node);
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements.filter((e) => !e.isTypeOnly).map((e) => (e.propertyName ?? e.name).text) : ['*'];
      add(node.moduleSpecifier, names, node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0) {
      add(node.arguments[0], ['*'], node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What an import takes of a solver module, or null when it takes nothing banned. */
function solverTaken(imp: ValueImport): string | null {
  if (!Object.hasOwn(SOLVERS, imp.target)) return null;
  const banned = SOLVERS[imp.target];
  if (banned === null) return imp.names.length ? imp.names.join(', ') : '(the module itself)';
  const taken = imp.names.includes('*') ? banned : imp.names.filter((n) => banned.includes(n));
  return taken.length ? taken.join(', ') : null;
}

/** The solvers `file` imports itself: `line 12: core/roadGraph (buildRoadGraph, NodeSnapper)`. */
function directSolverImports(file: string): string[] {
  return valueImports(file).flatMap((imp) => {
    const taken = solverTaken(imp);
    return taken ? [`line ${imp.line}: ${imp.target} (${taken})`] : [];
  });
}

/**
 * The solvers `file` reaches through other src/ modules (not src/ui, which is checked itself):
 * `line 3: core/x → core/y → core/roadGraph (buildRoadGraph)`. Depth-first, each module once.
 */
function indirectSolverImports(file: string): string[] {
  const chains: string[] = [];
  const seen = new Set<string>();
  const walk = (path: string, via: string[], line: number) => {
    for (const imp of valueImports(path)) {
      const at = via.length === 0 ? imp.line : line;
      const taken = solverTaken(imp);
      if (taken) {
        if (via.length > 0) chains.push(`line ${at}: ${[...via, imp.target].join(' → ')} (${taken})`);
        continue;
      }
      if (seen.has(imp.target)) continue;
      seen.add(imp.target);
      const next = moduleFile(imp.target);
      if (next && !next.startsWith(join(SRC, 'ui') + '/')) walk(next, [...via, imp.target], at);
    }
  };
  walk(file, [], 0);
  return chains;
}

const UI_FILES = listFiles(join(SRC, 'ui')).filter((f) => /\.(ts|svelte)$/.test(f));
const HOW = 'the screens ask the engine worker instead (workers/engineClient.ts, workers/planQueries.ts)';

describe('src/ui imports none of the engine’s solvers', () => {
  it('the scan reads what it should: value imports of solvers (also `{ type X }` and `import()`), not `import type`, not other bindings of hazardAtHome', () => {
    const probe = valueImportsIn(join(SRC, 'ui/probe.ts'), [
      "import type { PersonAnalysis } from '../core/evacuationAnalysis';",
      "import { type RoadGraph } from '../core/roadGraph';",
      "import { zoneDisplayName } from '../core/hazardAtHome';",
      "import { HazardIndex as Index } from '../core/hazardAtHome';",
      "export { roadRouteBetween } from '../core/roadRoute';",
      "const solver = () => import('../core/supporterMatching');",
      "import { distanceMetres } from '../core/geo';",
    ].join('\n'));
    expect(probe.map((imp) => `${imp.line} ${imp.target} ${solverTaken(imp)}`)).toEqual([
      '2 core/roadGraph (the module itself)',
      '3 core/hazardAtHome null',
      '4 core/hazardAtHome HazardIndex',
      '5 core/roadRoute roadRouteBetween',
      '6 core/supporterMatching *',
      '7 core/geo null',
    ]);
    expect(UI_FILES.length).toBeGreaterThan(50);
    expect(UI_FILES.filter((f) => f.endsWith('.svelte')).flatMap((f) => valueImports(f)).length).toBeGreaterThan(100);
  });

  it('no .ts or .svelte file under src/ui imports a solver', () => {
    const found = UI_FILES.flatMap((f) => directSolverImports(f).map((imp) => `src/${relative(SRC, f)} ${imp}`));
    expect(found, `${HOW}:\n${found.join('\n')}`).toEqual([]);
  });

  it('nor reaches one through another module of src/', () => {
    const found = UI_FILES.flatMap((f) => indirectSolverImports(f).map((chain) => `src/${relative(SRC, f)} ${chain}`));
    expect(found, `${HOW}; move what the screens need out of the solver's module:\n${found.join('\n')}`).toEqual([]);
  });
});
