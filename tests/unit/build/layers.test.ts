/**
 * Issue 13: the README's layers are enforced by `node scripts/check-layers.mjs` (run by `npm test`):
 * src/core and src/io compile without the DOM (tsconfig.core.json), and the import rules of
 * .dependency-cruiser.cjs hold, .svelte files included. Here the checker runs on fixture trees
 * with src/'s layout in a temporary folder — a wrong import fails naming the rule — and on the
 * real tree, which passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const made: string[] = [];

/** A tree with src/'s layout: the given files, a tsconfig.core.json extending the real one, and the repo's node_modules. */
function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'hinan-layers-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(
    join(dir, 'tsconfig.core.json'),
    JSON.stringify({ extends: join(ROOT, 'tsconfig.core.json'), include: ['src/core/**/*.ts', 'src/io/**/*.ts'] }),
  );
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function checkLayers(root?: string): { status: number; output: string } {
  const args = [join(ROOT, 'scripts/check-layers.mjs'), ...(root ? ['--root', root] : [])];
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

/** Lines naming a broken import rule: `error <rule>: <from> → <to>`. */
function brokenRules(output: string): string[] {
  return [...output.matchAll(/^\s*error (\S+): (\S+) → (\S+)/gm)].map((m) => `${m[1]}: ${m[2]} → ${m[3].replace(/^.*node_modules\//, '')}`).sort();
}

const GOOD = {
  'src/core/geo.ts': 'export const EARTH_RADIUS_M = 6_371_008.8;\n',
  'src/core/roadGraph.ts': "import { EARTH_RADIUS_M } from './geo';\nexport interface RoadGraph { nodes: number }\nexport function buildRoadGraph(): RoadGraph { return { nodes: EARTH_RADIUS_M > 0 ? 1 : 0 }; }\n",
  'src/io/roads.ts': "import { buildRoadGraph } from '../core/roadGraph';\nexport const graph = buildRoadGraph();\n",
  'src/map/draw.ts': "import maplibregl from 'maplibre-gl';\nexport const Marker = maplibregl.Marker;\n",
  'src/db/store.ts': "import Dexie from 'dexie';\nexport const db = new Dexie('fixture');\n",
  'src/ui/graphLabel.ts': "import type { RoadGraph } from '../core/roadGraph';\nexport const label = (g: RoadGraph): string => `${g.nodes}`;\n",
  'src/ui/Good.svelte':
    '<script lang="ts">\n  import type { RoadGraph } from \'../core/roadGraph\';\n  import { Marker } from \'../map/draw\';\n  import { db } from \'../db/store\';\n  let { graph }: { graph: RoadGraph } = $props();\n</script>\n\n<p>{graph.nodes} {typeof Marker} {db.name}</p>\n',
};

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('the layers check (scripts/check-layers.mjs)', () => {
  it('passes a fixture that keeps the rules (maplibre-gl in map/, Dexie in db/, a solver’s type in ui/)', () => {
    const result = checkLayers(fixture(GOOD));
    expect(result.output).toContain('✔ core-io-without-dom');
    expect(result.output).toMatch(/✔ import rules .*no dependency violations found/);
    expect(result.status, result.output).toBe(0);
  }, 120_000);

  it('fails naming the rule for each of the configuration’s rules (maplibre-gl in core/ also by require, a solver in a ui component, each wrong layer, Dexie outside db/, out of src/) and for window in core/', () => {
    const result = checkLayers(
      fixture({
        ...GOOD,
        'src/core/bad.ts': "import maplibregl from 'maplibre-gl';\nexport const map = maplibregl;\n",
        'src/core/upward.ts': "import { graph } from '../io/roads';\nexport const nodes = graph.nodes;\n",
        'src/core/page.ts': 'export const width = (): number => window.innerWidth;\n',
        'src/ui/Bad.svelte':
          '<script lang="ts">\n  import { buildRoadGraph } from \'../core/roadGraph\';\n  const graph = buildRoadGraph();\n</script>\n\n<p>{graph.nodes}</p>\n',
        'src/ui/live.ts': "import { liveQuery } from 'dexie';\nexport const live = liveQuery;\n",
        'src/io/fs.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
        // One wrong import per layer rule, an unresolvable one, one out of src/ and a CommonJS require.
        'src/io/usesDb.ts': "import { db } from '../db/store';\nexport const name = db.name;\n",
        'src/db/usesMap.ts': "import { Marker } from '../map/draw';\nexport const marker = Marker;\n",
        'src/map/usesDb.ts': "import { db } from '../db/store';\nexport const store = db;\n",
        'src/workers/usesMap.ts': "import { Marker } from '../map/draw';\nexport const marker = Marker;\n",
        'src/cli/usesDb.ts': "import { db } from '../db/store';\nexport const store = db;\n",
        'src/ui/usesCli.ts': "import { store } from '../cli/usesDb';\nexport const fromCli = store;\n",
        'src/io/missing.ts': "import { nothing } from './doesNotExist';\nexport const again = nothing;\n",
        'tests/helper.ts': 'export const helper = 1;\n',
        'src/core/outside.ts': "import { helper } from '../../tests/helper';\nexport const fromTests = helper;\n",
        'src/core/required.ts': "export const viaRequire: unknown = require('maplibre-gl');\n",
      }),
    );
    expect(result.status).toBe(1);
    expect(result.output).toContain('✗ core-io-without-dom:');
    expect(result.output).toContain("src/core/page.ts(1,36): error TS2304: Cannot find name 'window'.");
    const broken = brokenRules(result.output);
    expect(broken).toEqual(
      expect.arrayContaining([
        'core-imports-nothing-of-ours: src/core/upward.ts → src/io/roads.ts',
        'only-cli-imports-node-builtins: src/io/fs.ts → fs',
        'only-db-imports-dexie: src/ui/live.ts → dexie/import-wrapper.mjs',
        'only-map-imports-maplibre-gl: src/core/bad.ts → maplibre-gl/dist/maplibre-gl.mjs',
        'ui-imports-no-solver: src/ui/Bad.svelte → src/core/roadGraph.ts',
        'io-imports-only-core: src/io/usesDb.ts → src/db/store.ts',
        'db-imports-only-io-core: src/db/usesMap.ts → src/map/draw.ts',
        'map-imports-only-io-core: src/map/usesDb.ts → src/db/store.ts',
        'workers-import-only-db-io-core: src/workers/usesMap.ts → src/map/draw.ts',
        'cli-imports-only-io-core: src/cli/usesDb.ts → src/db/store.ts',
        'ui-imports-no-cli: src/ui/usesCli.ts → src/cli/usesDb.ts',
        'imports-resolve: src/io/missing.ts → ./doesNotExist',
        'src-imports-only-src-and-packages: src/core/outside.ts → tests/helper.ts',
      ]),
    );
    expect(broken.some((b) => b.startsWith('only-map-imports-maplibre-gl: src/core/required.ts → maplibre-gl/')), broken.join('\n')).toBe(true);
    // Every rule of the configuration is shown to fire here (a rule deleted from it fails this test).
    const config: { forbidden: { name: string }[] } = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));
    const fired = new Set(broken.map((b) => b.split(':')[0]));
    expect(config.forbidden.map((r) => r.name).filter((name) => !fired.has(name))).toEqual([]);
  }, 120_000);

  it('passes on the real tree', () => {
    const result = checkLayers();
    expect(result.status, result.output).toBe(0);
  }, 120_000);

  it('bans the same solvers as uiImports.test.ts (whole modules; hazardAtHome’s HazardIndex is left to that test)', () => {
    const config: { forbidden: { name: string; to: { path?: string } }[] } = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs'));
    const rule = config.forbidden.find((r) => r.name === 'ui-imports-no-solver');
    const inConfig = /\^src\/core\/\(([^)]*)\)/.exec(rule?.to.path ?? '')?.[1].split('|').sort();
    const uiImportsTest = readFileSync(join(ROOT, 'tests/unit/build/uiImports.test.ts'), 'utf8');
    const inTest = [...uiImportsTest.matchAll(/'core\/(\w+)': null/g)].map((m) => m[1]).sort();
    expect(inTest.length).toBeGreaterThan(5);
    expect(inConfig).toEqual(inTest);
  });
});
