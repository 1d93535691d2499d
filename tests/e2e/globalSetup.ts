import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';

/** Port of the preview server; set E2E_PORT to run two e2e suites side by side. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4179);
/** Folder of the built app; set E2E_DIST (built with `vite build --outDir …`) to keep two builds apart. */
const OUT_DIR = process.env.E2E_DIST ?? 'dist';
let server: PreviewServer | undefined;

/** Serves the built app (`dist/`, made by `npm run build`) on localhost for the e2e tests. */
export async function setup() {
  if (!existsSync(`${OUT_DIR}/index.html`)) throw new Error(`${OUT_DIR}/ がありません。先に \`npm run build\` を実行してください。`);
  server = await preview({ build: { outDir: OUT_DIR }, preview: { port: E2E_PORT, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
}

export async function teardown() {
  await server?.close();
}
