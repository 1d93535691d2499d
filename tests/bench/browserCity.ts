/**
 * The map screen at city scale in headless Chromium, ours against a plain MapLibre page in the same
 * run (issue 12's targets). `npm run bench:browser`; a benchmark, not a test (a few minutes).
 *
 * 1. Builds the app (`vite build --outDir dist-bench`; BENCH_DIST=<dir> measures an existing build
 *    instead, e.g. one kept from before a change) and serves it with `vite preview` on BENCH_PORT
 *    (default 4196), with tests/bench/plainMap.html, maplibre-gl's dist build and the baseline's
 *    data at /__plain/.
 * 2. Generates the city of tests/e2e/cityScale.test.ts (same seeds and generators): a 150,000-row
 *    名簿 and 100,000 浸水想定区域 polygons around 会津若松.
 * 3. Ours: imports both through the import screen (once, lag probe on), closes that page and opens
 *    the map screen in a new page on the stored data, then measures from the navigation on:
 *    - first idle: the map stands `idle` (loaded, nothing moving) with people and hazard zones drawn
 *      near its centre (queryRenderedFeatures on the layers of the sources 'people' and 'hazards',
 *      whatever their type: GeoJSON or vector tiles);
 *    - engine first: 避難の見通し shows its numbers, no progress bar, homes counted against the
 *      洪水 zones (「区域内 N人」);
 *    - engine re-run: 土砂災害 chosen → its numbers back with no progress bar;
 *    - a later visit: 洪水 chosen again, the page reloaded, first idle and engine first measured again
 *      (one-time work after an import, such as building tiles or indexes, shows as the difference);
 *    - the longest main-thread gap (a 50 ms timer, tests/e2e/browser.ts) during the imports and on
 *      the map screen (navigation → the re-run's numbers);
 *    - the page's JS heap (CDP Performance.getMetrics JSHeapUsedSize: the page's own isolate, not its
 *      workers) once the re-run is shown, its peak while on the screen (sampled every second) and
 *      after a forced garbage collection; and the renderer process's peak RSS (page + its workers).
 * 4. The baseline: the plain page in a fresh profile, the same people (the ones ours draws: the
 *    名簿's consented rows and the demo's) and the same polygons as GeoJSON sources; first idle, the
 *    longest gap and the heap measured the same way.
 *
 * Prints `BENCH <name> ours_…=… baseline_…=… ratio=<baseline/ours> target_…=… met=yes|no` lines and a
 * table with the machine. No internet: every request off 127.0.0.1 is aborted in both pages, so the
 * app's 地理院タイル fail at once, as offline. BENCH_SCALE=0.05 tries it on a small city;
 * BENCH_ONLY=plain measures the plain page alone. Times are the page's own clock (ms since the
 * navigation began), polled every 100 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Plugin } from 'vite';
import { isShareable } from '../../src/core/consent';
import { HAZARD_SHORT_LABELS } from '../../src/core/hazard';
import { errorMessage } from '../../src/core/thrown';
import { allowTsxFunctions, demoPeople, installLagProbe, launchChromium, newContext, openApp, waitForMapIdle, worstLag } from '../e2e/browser';
import { descendants, isRenderer, rssMb } from './processTree';
import { rosterCsv } from './syntheticRoster';
import { CENTRES, hazardGeoJson } from './cityScaleFiles';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PEOPLE = Math.round(150_000 * SCALE);
const ZONES = Math.round(100_000 * SCALE);
const PORT = Number(process.env.BENCH_PORT ?? 4196);
const ORIGIN = `http://127.0.0.1:${PORT}`;
/** A step that takes longer than this is reported as failed (a benchmark waits; it is not a test). */
const STEP_LIMIT_MS = 10 * 60_000;
/** Targets of issue 12 (README's table). */
const TARGET = { firstIdleMs: 5_000, engineFirstMs: 10_000, rerunMs: 2_000, importGapMs: 1_000, mapGapMs: 500, heapMb: 300 };

const rows: string[][] = [];
const mb = (bytes: number) => Math.round(bytes / 1e6);
const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : 'failed');

/** One BENCH line (run.ts's format; ratio = baseline / ours, above 1 means ours is better) and a table row. */
function report(name: string, unit: 'ms' | 'mb', ours: number, baseline: number | null, target: number | null, note: string) {
  const ratio = baseline !== null && Number.isFinite(ours) && Number.isFinite(baseline) ? (ours > 0 ? (baseline / ours).toFixed(1) : baseline > 0 ? '∞' : '—') : '—';
  const met = target === null ? '—' : Number.isFinite(ours) && ours <= target ? 'yes' : 'no';
  const parts = [`BENCH ${name}`, `ours_${unit}=${fmt(ours)}`];
  if (baseline !== null) parts.push(`baseline_${unit}=${fmt(baseline)}`, `ratio=${ratio}`);
  if (target !== null) parts.push(`target_${unit}=${target}`, `met=${met}`);
  console.log(parts.join(' '));
  rows.push([name, `${fmt(ours)} ${unit}`, baseline === null ? '—' : `${fmt(baseline)} ${unit}`, ratio, target === null ? '—' : `≤ ${target} ${unit}`, met, note]);
}

/** Runs a measuring step; a failure or timeout is printed and measured as NaN, so the rest of the run goes on. */
async function step<T>(label: string, fallback: T, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    console.log(`  ${label}: FAILED — ${errorMessage(err).split('\n')[0]}`);
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------------
// The city (tests/e2e/cityScale.test.ts's seeds) and the baseline's GeoJSON

console.log(`generating ${PEOPLE.toLocaleString()} people and ${ZONES.toLocaleString()} hazard polygons…`);
const dir = mkdtempSync(join(tmpdir(), 'hinan-benchcity-'));
const csv = rosterCsv(20261123, PEOPLE, { centres: CENTRES, radiusM: 1800, city: '福島県会津若松市' });
const csvPath = join(dir, '名簿_市全域.csv');
writeFileSync(csvPath, csv);
const hazardText = hazardGeoJson(7, ZONES);
const hazardPath = join(dir, '浸水想定区域_市全域.geojson');
writeFileSync(hazardPath, hazardText);

/** The people ours draws: the file's rows with 同意 and the demo's shareable people (columns as PEOPLE_TEMPLATE_HEADER). */
function plainPeopleGeoJson(): { text: string; count: number } {
  const features: string[] = [];
  for (const line of csv.trim().split('\r\n').slice(1)) {
    const c = line.split(',');
    if (!c[11].startsWith('同意')) continue;
    features.push(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [Number(c[14]), Number(c[13])] }, properties: { id: c[0], mobility: c[8], medical: c[10] !== '' } }));
  }
  for (const p of demoPeople()) {
    if (!isShareable(p.consent) || !p.location) continue;
    features.push(JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.location.lng, p.location.lat] }, properties: { id: p.id, mobility: p.mobility, medical: false } }));
  }
  return { text: `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`, count: features.length };
}
const plainPeople = plainPeopleGeoJson();
/** The hazard file with each zone's type as the app stores it (`hazard`: flood). */
const plainHazards = hazardText.replace(/"properties":\{/g, '"properties":{"hazard":"flood",');
const cityOutline = readdirSync('data/reference').find((f) => f.startsWith('city_boundary_') && f.endsWith('.geojson'));

/** Files of the plain page at /__plain/: the page, maplibre-gl's dist build, the data. */
const plainFiles: Record<string, () => { body: Buffer | string; type: string }> = {
  '/index.html': () => ({ body: readFileSync('tests/bench/plainMap.html'), type: 'text/html; charset=utf-8' }),
  '/maplibre-gl.mjs': () => ({ body: readFileSync('node_modules/maplibre-gl/dist/maplibre-gl.mjs'), type: 'text/javascript' }),
  '/maplibre-gl-worker.mjs': () => ({ body: readFileSync('node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), type: 'text/javascript' }),
  '/maplibre-gl.css': () => ({ body: readFileSync('node_modules/maplibre-gl/dist/maplibre-gl.css'), type: 'text/css' }),
  '/city.geojson': () => ({ body: cityOutline ? readFileSync(join('data/reference', cityOutline)) : '{"type":"FeatureCollection","features":[]}', type: 'application/geo+json' }),
  '/people.geojson': () => ({ body: plainPeople.text, type: 'application/geo+json' }),
  '/hazards.geojson': () => ({ body: plainHazards, type: 'application/geo+json' }),
};

const plainPagePlugin: Plugin = {
  name: 'bench-plain-map',
  configurePreviewServer(server) {
    server.middlewares.use('/__plain', (req, res, next) => {
      const file = plainFiles[(req.url ?? '/').split('?')[0]];
      if (!file) return next();
      const { body, type } = file();
      res.setHeader('Content-Type', type);
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
    });
  },
};

// ---------------------------------------------------------------------------------------------
// Measuring in the page (the same code for ours and the plain page)

function rendererRssMb(): number {
  let max = 0;
  for (const pid of descendants()) if (isRenderer(pid)) max = Math.max(max, rssMb(pid));
  return max;
}

/** Samples, every second until stopped, the page's JS heap (CDP) and the largest renderer's RSS (only one page is open at a time). */
function memorySampler(cdp: CDPSession) {
  let heapPeak = 0, rssPeak = 0, on = true;
  const done = (async () => {
    while (on) {
      rssPeak = Math.max(rssPeak, rendererRssMb());
      try {
        heapPeak = Math.max(heapPeak, await jsHeap(cdp));
      } catch { /* page closing */ }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  return async () => ((on = false), await done, { heapPeakMb: mb(heapPeak), rssPeakMb: Math.round(rssPeak) });
}

async function jsHeap(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

/**
 * The page's time (ms since its navigation began) when the map first stands idle with people and
 * hazard zones drawn near its centre: any layer of the source 'people' / 'hazards' (GeoJSON or
 * vector tiles) has a rendered feature within 100 px of the centre.
 */
async function drawnIdleAt(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      type Layer = { source?: string } | undefined;
      const map = (window as unknown as {
        __hinanMap?: { loaded(): boolean; getLayersOrder(): string[]; getLayer(id: string): Layer; getCanvas(): HTMLCanvasElement; queryRenderedFeatures(box: [number, number][], o: { layers: string[] }): unknown[] };
      }).__hinanMap;
      if (!map || !map.loaded() || document.querySelector('[data-testid="map"]')?.getAttribute('data-state') !== 'idle') return false;
      const canvas = map.getCanvas();
      const [x, y] = [canvas.clientWidth / 2, canvas.clientHeight / 2];
      const box: [number, number][] = [[x - 100, y - 100], [x + 100, y + 100]];
      for (const source of ['people', 'hazards']) {
        const layers = map.getLayersOrder().filter((id) => map.getLayer(id)?.source === source);
        if (layers.length === 0 || map.queryRenderedFeatures(box, { layers }).length === 0) return false;
      }
      return performance.now();
    },
    undefined,
    { timeout: STEP_LIMIT_MS, polling: 100 },
  );
  return (await handle.jsonValue()) as number;
}

/** The page's time when the app has read its store (`.app[data-ready="true"]`); NaN if it never does. */
async function readyAt(page: Page): Promise<number> {
  return step('ours: app ready', NaN, async () => {
    const handle = await page.waitForFunction(() => (document.querySelector('.app[data-ready="true"]') ? performance.now() : false), undefined, { timeout: STEP_LIMIT_MS, polling: 100 });
    return (await handle.jsonValue()) as number;
  });
}

/** The page's time when 避難の見通し shows numbers for `hazardLabel` (no progress bar), with `atHome` matching the 自宅 line. */
async function analysisShownAt(page: Page, hazardLabel: string, atHome: RegExp): Promise<number> {
  const handle = await page.waitForFunction(
    ({ label, home }) => {
      const numbers = document.querySelector('[data-testid="analysis-numbers"]');
      if (!numbers || document.querySelector('[data-testid="analysis"] [data-testid="progress"]')) return false;
      const text = (numbers.textContent ?? '').replace(/\s+/g, '');
      return text.includes(`自宅と${label}の想定区域`) && new RegExp(home).test(text) ? performance.now() : false;
    },
    { label: hazardLabel, home: atHome.source },
    { timeout: STEP_LIMIT_MS, polling: 100 },
  );
  return (await handle.jsonValue()) as number;
}

/** A context with no internet (every request off this server aborted) and tsx's `__name` helper defined for functions sent to the page. */
async function benchContext(browser: Browser): Promise<BrowserContext> {
  const context = await newContext(browser);
  await context.route((url) => !url.href.startsWith(ORIGIN) && /^https?:/.test(url.protocol), (route) => route.abort());
  await allowTsxFunctions(context);
  context.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) console.log(`  console error: ${m.text().split('\n')[0]}`);
  });
  context.on('weberror', (e) => console.log(`  page error: ${e.error().message.split('\n')[0]}`));
  return context;
}

/** Chooses a file on the import screen, waits for its preview, saves it and waits until it is saved; returns ms. */
async function importFile(page: Page, kind: 'people' | 'hazards', path: string): Promise<number> {
  const t0 = performance.now();
  await page.check(`input[name="kind"][value="${kind}"]`);
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.waitForSelector('[data-testid="import-preview"]', { timeout: STEP_LIMIT_MS });
  await page.click('[data-testid="import-commit"]');
  await page.waitForSelector('[data-testid="import-done"]', { timeout: STEP_LIMIT_MS });
  return performance.now() - t0;
}

interface MapScreen { appReady: number; firstIdle: number; engineFirst: number; rerun: number; gap: number; gapWhere: string; heapMb: number; heapPeakMb: number; heapGcMb: number; rssPeakMb: number }

interface Ours {
  importPeople: number; importHazards: number; importGap: number; importGapWhere: string;
  /** The first visit of the map screen after the import. */
  map: MapScreen;
  /** A later visit (the page reloaded), and the re-run back to 洪水 before it. */
  again: { firstIdle: number; engineFirst: number; gap: number; rerunBack: number };
}

async function measureOurs(browser: Browser): Promise<Ours> {
  const context = await benchContext(browser);
  // The import, once.
  const page = await context.newPage();
  await installLagProbe(page);
  await openApp(page, `${ORIGIN}/`);
  await page.click('nav a[href="#/import"]');
  const importStart = await page.evaluate(() => performance.now());
  const importPeople = await step('import people', NaN, () => importFile(page, 'people', csvPath));
  console.log(`  ours: 名簿 ${PEOPLE.toLocaleString()} rows imported in ${fmt(importPeople)} ms`);
  const importHazards = await step('import hazards', NaN, () => importFile(page, 'hazards', hazardPath));
  console.log(`  ours: ${ZONES.toLocaleString()} hazard polygons imported in ${fmt(importHazards)} ms`);
  const importLag = await worstLag(page, importStart);
  await page.close();

  // The map screen, opened fresh on the stored data.
  const map = await page.context().newPage();
  await installLagProbe(map);
  const cdp = await context.newCDPSession(map);
  await cdp.send('Performance.enable');
  const stopSampling = memorySampler(cdp);
  await map.goto(`${ORIGIN}/#/map`);
  const ready = readyAt(map);
  const firstIdle = await step('ours: first idle', NaN, () => drawnIdleAt(map));
  const appReady = await ready;
  console.log(`  ours: map drawn and idle ${fmt(firstIdle)} ms after opening`);
  const engineFirst = await step('ours: engine first result', NaN, () => analysisShownAt(map, HAZARD_SHORT_LABELS.flood, /区域内[\d,]+人/));
  console.log(`  ours: engine's first result ${fmt(engineFirst)} ms after opening`);
  const rerun = await step('ours: engine re-run', NaN, async () => {
    const t0 = await map.evaluate(() => performance.now());
    await map.selectOption('[data-testid="scenario-hazard"]', 'landslide');
    return (await analysisShownAt(map, HAZARD_SHORT_LABELS.landslide, /想定区域/)) - t0;
  });
  console.log(`  ours: re-run for ${HAZARD_SHORT_LABELS.landslide} ${fmt(rerun)} ms`);
  await step('ours: idle after the re-run', undefined, () => waitForMapIdle(map, STEP_LIMIT_MS));
  const lag = await worstLag(map, 0);
  const heap = await jsHeap(cdp);
  const sampled = await stopSampling();
  await cdp.send('HeapProfiler.collectGarbage');
  const heapGc = await jsHeap(cdp);

  // A later visit: 洪水 chosen again (the choice is kept), then the page reloaded on the same store.
  const rerunBack = await step('ours: engine re-run back to 洪水', NaN, async () => {
    const t0 = await map.evaluate(() => performance.now());
    await map.selectOption('[data-testid="scenario-hazard"]', 'flood');
    return (await analysisShownAt(map, HAZARD_SHORT_LABELS.flood, /区域内[\d,]+人/)) - t0;
  });
  console.log(`  ours: re-run back to ${HAZARD_SHORT_LABELS.flood} ${fmt(rerunBack)} ms`);
  await map.reload();
  const againIdle = await step('ours: first idle, again', NaN, () => drawnIdleAt(map));
  const againEngine = await step('ours: engine first result, again', NaN, () => analysisShownAt(map, HAZARD_SHORT_LABELS.flood, /区域内[\d,]+人/));
  const againLag = await worstLag(map, 0);
  console.log(`  ours, reloaded: map drawn and idle ${fmt(againIdle)} ms, engine's first result ${fmt(againEngine)} ms after opening; longest gap ${againLag.worst} ms`);
  await context.close();
  return {
    importPeople, importHazards, importGap: importLag.worst, importGapWhere: importLag.where,
    map: { appReady, firstIdle, engineFirst, rerun, gap: lag.worst, gapWhere: lag.where, heapMb: mb(heap), heapPeakMb: Math.max(sampled.heapPeakMb, mb(heap)), heapGcMb: mb(heapGc), rssPeakMb: sampled.rssPeakMb },
    again: { firstIdle: againIdle, engineFirst: againEngine, gap: againLag.worst, rerunBack },
  };
}

async function measurePlain(browser: Browser): Promise<Pick<MapScreen, 'firstIdle' | 'gap' | 'heapMb' | 'heapPeakMb' | 'heapGcMb' | 'rssPeakMb'>> {
  const context = await benchContext(browser);
  const page = await context.newPage();
  await installLagProbe(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const stopSampling = memorySampler(cdp);
  await page.goto(`${ORIGIN}/__plain/index.html`);
  const firstIdle = await step('plain: first idle', NaN, () => drawnIdleAt(page));
  console.log(`  plain MapLibre: map drawn and idle ${fmt(firstIdle)} ms after opening`);
  const lag = await worstLag(page, 0);
  const heap = await jsHeap(cdp);
  const sampled = await stopSampling();
  await cdp.send('HeapProfiler.collectGarbage');
  const heapGc = await jsHeap(cdp);
  await context.close();
  return { firstIdle, gap: lag.worst, heapMb: mb(heap), heapPeakMb: Math.max(sampled.heapPeakMb, mb(heap)), heapGcMb: mb(heapGc), rssPeakMb: sampled.rssPeakMb };
}

// ---------------------------------------------------------------------------------------------

const started = performance.now();
let outDir = process.env.BENCH_DIST;
if (!outDir) {
  outDir = 'dist-bench';
  console.log(`building the app into ${outDir}/…`);
  const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`vite build failed (${build.status})`);
}
if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir}/index.html がありません`);

const { preview } = await import('vite');
const server = await preview({ build: { outDir }, preview: { port: PORT, strictPort: true, host: '127.0.0.1' }, plugins: [plainPagePlugin], logLevel: 'warn' });
const browser = await launchChromium();
let ours: Ours, plain: Awaited<ReturnType<typeof measurePlain>>;
try {
  console.log(`ours (${outDir}):`);
  ours = process.env.BENCH_ONLY === 'plain'
    ? { importPeople: NaN, importHazards: NaN, importGap: NaN, importGapWhere: '', map: { appReady: NaN, firstIdle: NaN, engineFirst: NaN, rerun: NaN, gap: NaN, gapWhere: '', heapMb: NaN, heapPeakMb: NaN, heapGcMb: NaN, rssPeakMb: NaN }, again: { firstIdle: NaN, engineFirst: NaN, gap: NaN, rerunBack: NaN } }
    : await measureOurs(browser);
  console.log('plain MapLibre page:');
  plain = await measurePlain(browser);
} finally {
  await browser.close();
  await server.close();
}

const m = ours.map;
console.log('');
report('browser_map_first_idle', 'ms', m.firstIdle, plain.firstIdle, TARGET.firstIdleMs, `opening the map screen (navigation) → idle with people and hazard zones drawn; ours: app ready (store read) at ${fmt(m.appReady)} ms`);
report('browser_engine_first', 'ms', m.engineFirst, null, TARGET.engineFirstMs, `opening → 避難の見通し shown for 洪水 (${fmt(m.engineFirst - m.firstIdle)} ms after the first idle)`);
report('browser_engine_rerun', 'ms', m.rerun, null, TARGET.rerunMs, `${HAZARD_SHORT_LABELS.landslide} chosen → its numbers shown; back to ${HAZARD_SHORT_LABELS.flood}: ${fmt(ours.again.rerunBack)} ms`);
report('browser_map_first_idle_again', 'ms', ours.again.firstIdle, plain.firstIdle, TARGET.firstIdleMs, `a later visit (the map screen reloaded on the same store); longest gap ${fmt(ours.again.gap)} ms to its engine result`);
report('browser_engine_first_again', 'ms', ours.again.engineFirst, null, TARGET.engineFirstMs, 'a later visit: opening → 避難の見通し shown for 洪水');
report('browser_gap_import', 'ms', ours.importGap, null, TARGET.importGapMs, `longest main-thread gap (over 250 ms) importing both files${ours.importGapWhere ? ` (at ${ours.importGapWhere})` : ''}; 名簿 ${fmt(ours.importPeople)} ms, zones ${fmt(ours.importHazards)} ms`);
report('browser_gap_map', 'ms', m.gap, plain.gap, TARGET.mapGapMs, `longest gap (over 250 ms) from opening to the re-run shown (plain: to its first idle)${m.gapWhere ? `; ours at ${m.gapWhere}` : ''}`);
report('browser_heap_map', 'mb', m.heapMb, plain.heapMb, TARGET.heapMb, `page JS heap (its own isolate) on the map screen when done; peak ${m.heapPeakMb}/${plain.heapPeakMb} MB, after GC ${m.heapGcMb}/${plain.heapGcMb} MB, renderer RSS peak (with workers) ${m.rssPeakMb}/${plain.rssPeakMb} MB (ours/plain)`);

console.log('');
console.log(
  `machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; ` +
    `headless Chromium (SwiftShader); ${PEOPLE.toLocaleString()} people in the 名簿 (${plainPeople.count.toLocaleString()} drawn), ${ZONES.toLocaleString()} polygons; build ${outDir}; one run each; whole run ${Math.round((performance.now() - started) / 1000)} s`,
);
const header = ['benchmark', 'ours', 'plain MapLibre', 'ratio', 'target', 'met', 'notes'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (c === 6 ? 0 : r[c].length))));
const line = (r: string[]) => r.map((cell, c) => (c === 6 ? cell : cell.padStart(widths[c]))).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
