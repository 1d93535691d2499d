#!/usr/bin/env node
/**
 * Builds the `hinan` command: src/cli/hinan.ts and everything it imports (dependencies included)
 * bundled by esbuild into the ONE file package.json's `bin.hinan` names (bin/hinan.mjs), an ES
 * module starting `#!/usr/bin/env node`, made executable. It needs nothing from node_modules to run,
 * so `npm link` or a global install gives a working `hinan`. Next to it, `hinan.sources.json` lists
 * the source files bundled (the CLI tests refuse to run a build older than one of them).
 *
 * Run by `npm run build:cli`, by `npm ci` / `npm install` in this folder (the `prepare` script) and
 * by `npm run test:unit` (so the CLI tests never run an old build). Takes about a second.
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const outfile = fileURLToPath(new URL(pkg.bin.hinan, root));

const result = await build({
  entryPoints: [fileURLToPath(new URL('src/cli/hinan.ts', root))],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: `node${pkg.engines.node.replace(/^>=\s*/, '')}`,
  // The packages' ES builds (hash-wasm, dexie): tree-shaken, where their UMD builds are not.
  mainFields: ['module', 'main'],
  // A CommonJS dependency's require() of a Node module (papaparse's stream support) works in the ES module.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __hinanCreateRequire } from 'node:module';\nconst require = __hinanCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
});
chmodSync(outfile, 0o755);
const sources = Object.keys(result.metafile.inputs).filter((path) => path.startsWith('src/')).sort();
writeFileSync(outfile.replace(/\.m?js$/, '.sources.json'), `${JSON.stringify(sources, null, 1)}\n`);
