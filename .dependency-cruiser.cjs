/**
 * The README's dependency rule, enforced: `ui → map, db, workers → io → core`, nothing imports
 * upwards (`cli` uses io and core). Run by `npm run check:layers` (part of `npm test`); a broken
 * rule fails with the rule's name, the importing file and what it imports.
 *
 * Each layer may import itself and the layers below it (skipping a level is fine: ui → core):
 *   core    → nothing of ours (pure: no DOM, no IndexedDB; tsconfig.core.json checks the globals)
 *   io      → core
 *   db      → io, core
 *   map     → io, core
 *   workers → db, io, core (the engine worker reads IndexedDB itself)
 *   cli     → io, core
 *   ui      → map, db, workers, io, core
 * and, across layers: only db/ imports Dexie, only map/ imports maplibre-gl, only cli/ imports
 * Node's built-ins, ui/ imports no solver of the evacuation engine (they run in the engine worker).
 *
 * What is read: every .ts and .svelte file under src/ (.svelte through svelte/compiler). In .ts
 * files `import type` counts too (a type still ties the layers); in .svelte files the compiler
 * has erased type-only imports before the check sees them, so there only value imports count.
 * tests/unit/build/uiImports.test.ts stays: it also follows a solver reached through another
 * module and tells apart the bindings of core/hazardAtHome.
 */
const path = require('node:path');

/** A src/ folder and everything in it, as a path pattern. */
const under = (...folders) => `^src/(${folders.join('|')})/`;

/** The evacuation engine's solvers, by module (src/core); same list as tests/unit/build/uiImports.test.ts. */
const SOLVERS = [
  'evacuationAnalysis',
  'supporterMatching',
  'welfareAllocation',
  'capacitatedAssignment',
  'roadGraph',
  'roadRoute',
  'roadDistance',
  'multiSourceDijkstra',
  'shelterIndex',
  'matchingRoundFlow',
  'bipartiteMinCostFlow',
  'arcOrder',
  'supporterCandidates',
  'supporterComponents',
  'supporterRounds',
  'supporterTilePatch',
  'singleSourceNearest',
  'greatCircleNearest',
  'replan',
  'replanServe',
  'replanReference',
];

/** A package's files under node_modules, or its bare name when it could not be resolved. */
const npmPackage = (name) => `(^|/)node_modules/${name}/|^${name}$`;

/** A layer that may import only itself and `allowed`. */
function layer(name, from, allowed, why) {
  return {
    name,
    severity: 'error',
    comment: why,
    from: { path: under(from) },
    to: { path: '^src/', pathNot: under(from, ...allowed) },
  };
}

module.exports = {
  forbidden: [
    layer('core-imports-nothing-of-ours', 'core', [], 'core/ is the pure domain model: it imports no other folder of src/ (README: Project layout).'),
    layer('io-imports-only-core', 'io', ['core'], 'io/ (file formats) builds on core/ only: ui → map, db, workers → io → core.'),
    layer('db-imports-only-io-core', 'db', ['io', 'core'], 'db/ builds on io/ and core/ only: ui → map, db, workers → io → core.'),
    layer('map-imports-only-io-core', 'map', ['io', 'core'], 'map/ builds on io/ and core/ only: ui → map, db, workers → io → core.'),
    layer('workers-import-only-db-io-core', 'workers', ['db', 'io', 'core'], 'workers/ build on db/, io/ and core/ only (the page talks to them through their clients).'),
    layer('cli-imports-only-io-core', 'cli', ['io', 'core'], 'cli/ (the `hinan` command, Node) uses io/ and core/ only — no IndexedDB, no DOM.'),
    layer('ui-imports-no-cli', 'ui', ['map', 'db', 'workers', 'io', 'core'], 'ui/ imports map/, db/, workers/, io/ and core/ — never cli/ or main.ts.'),
    {
      name: 'ui-imports-no-solver',
      severity: 'error',
      comment:
        'The screens ask the engine worker (workers/engineClient.ts, workers/planQueries.ts); a solver imported by ui/ would run on the main thread. `import type` is fine.',
      from: { path: under('ui') },
      to: { path: `^src/core/(${SOLVERS.join('|')})\\.ts$`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-db-imports-dexie',
      severity: 'error',
      comment: 'db/ is the only code touching IndexedDB: import what you need from a db/ module (e.g. a live query) instead of Dexie.',
      from: { pathNot: under('db') },
      to: { path: npmPackage('dexie') },
    },
    {
      name: 'only-map-imports-maplibre-gl',
      severity: 'error',
      comment: 'map/ is the only code that imports MapLibre: take what a screen needs from map/ (map/maplibre.ts re-exports it).',
      from: { pathNot: under('map') },
      to: { path: npmPackage('maplibre-gl') },
    },
    {
      name: 'only-cli-imports-node-builtins',
      severity: 'error',
      comment: 'Only cli/ runs in Node; everything else also runs in the browser or a worker.',
      from: { path: '^src/', pathNot: under('cli') },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-imports-only-src-and-packages',
      severity: 'error',
      comment: 'The app imports its own src/, installed packages and the shipped data/ (and package.json for its version) only — never tests/, scripts/ or files outside the repository.',
      from: { path: '^src/' },
      to: { pathNot: ['^src/', '(^|/)node_modules/', '^data/', '^package[.]json$'], dependencyTypesNot: ['core'], couldNotResolve: false },
    },
    {
      name: 'imports-resolve',
      severity: 'error',
      comment: 'An import this check cannot resolve cannot be checked either (check the path, or add the package).',
      from: { path: '^src/' },
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    moduleSystems: ['es6', 'cjs'],
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'module', 'browser', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
