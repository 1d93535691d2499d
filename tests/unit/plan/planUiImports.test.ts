import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const PLAN_UI = join(__dirname, '../../../src/ui/plan');

/** Every .ts / .svelte file under src/ui/plan. */
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|svelte)$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Modules that build or run the engine's solvers: the plan screens ask the engine worker instead. */
const SOLVER_MODULES = ['core/roadGraph', 'core/roadRoute', 'core/shelterIndex', 'core/supporterMatching', 'core/evacuationAnalysis', 'workers/planQueries', 'workers/engineWorker'];
/** Solver names that must not be imported (as values) from any module. */
const SOLVER_NAMES = ['HazardIndex', 'nearestSuitableShelters', 'matchSupporters', 'ShelterIndex', 'buildRoadGraph', 'roadRouteBetween', 'edgesInHazardZones', 'NodeSnapper'];

/** `import … from '…'` statements of a file, type-only ones left out. */
function valueImports(source: string): { names: string; from: string }[] {
  return [...source.matchAll(/import\s+(?!type\s)([\s\S]*?)\s+from\s+['"]([^'"]+)['"]/g)].map((m) => ({ names: m[1], from: m[2] }));
}

describe('the plan screens compute nothing heavy on the page', () => {
  it('import no solver of the engine (road graph, road route, shelter index, supporter matching, hazard index)', () => {
    const found: string[] = [];
    for (const file of files(PLAN_UI)) {
      for (const { names, from } of valueImports(readFileSync(file, 'utf8'))) {
        const valueNames = names.replace(/\btype\s+\w+\s*,?/g, '');
        if (SOLVER_MODULES.some((m) => from.endsWith(m))) found.push(`${file}: ${from}`);
        for (const n of SOLVER_NAMES) if (new RegExp(`\\b${n}\\b`).test(valueNames)) found.push(`${file}: ${n}`);
      }
    }
    expect(found).toEqual([]);
  });
});
