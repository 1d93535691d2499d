/**
 * Backup and restore at city scale in the browser (issue 10, "Speed and memory"): 150,000 people,
 * 100,000 hazard polygons, 20,000 plans with 5 versions each and the demo road network, in headless
 * Chromium, through the データの保管 screen, with a lag probe in the page. A benchmark, not a test:
 * run it on its own with `npx tsx tests/bench/browserBackup.ts` (several minutes); it is not part of
 * `npm test` or `npm run bench`.
 *
 * The store is filled the way a user fills it, as far as that is quick: the 名簿 (150,000 rows) and
 * the 浸水想定区域 (100,000 polygons) — generated with the same seeds and generators as
 * tests/e2e/cityScale.test.ts — and the demo street grid go through the import screen (the app's
 * import worker); the plans have no bulk import, so 20,000 plans × 5 versions, shaped as the plan
 * editor saves them (emptyPlan + edits, one planVersions row per save), are written straight into
 * IndexedDB from the page. Then the page is reloaded so the app reads them.
 *
 * Serves `dist/` itself (vite preview on BENCH_PORT, default 4330) unless BENCH_URL names a running
 * server; BENCH_DIST picks another build folder (e.g. dist-citybench); BENCH_SCALE=0.02 tries it on
 * a small city. Prints `BROWSER …` lines.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { emptyPlan, type Plan } from '../../src/core/plan';
import { openContainer } from '../../src/io/backup/container';
import { allowTsxFunctions, demoStreetGrid, launchChromium, newContext, openApp, setOperator } from '../e2e/browser';
import { descendants, isRenderer, rssMb } from './processTree';
import { rosterCsv } from './syntheticRoster';
import { CENTRES, hazardGeoJson } from './cityScaleFiles';

/** BENCH_SCALE (default 1) shrinks the city, for trying the script out quickly. */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const PEOPLE = Math.round(150_000 * SCALE);
const ZONES = Math.round(100_000 * SCALE);
const PLANS = Math.round(20_000 * SCALE);
const VERSIONS = 5;
const OPERATOR = '山田 花子';
/** Generous: a step that takes longer than this is reported as failed, not waited for. */
const STEP_LIMIT_MS = 15 * 60_000;

// ---------------------------------------------------------------------------------------------
// The city: the same seeds and generators as tests/e2e/cityScale.test.ts (tests/bench/cityScaleFiles.ts)

/** A placeholder person id, replaced in the page by each real id. */
const PID = '@@PID@@';

/**
 * One plan's 5 saved versions as the editor writes them (as tests/bench/backupBench.ts does): an
 * empty plan, then 持ち出し品, 支援者メモ and 居住階 edited one save at a time.
 */
function planVersionsTemplate(): { plan: Plan; savedAt: string; version: number }[] {
  let plan: Plan = { ...emptyPlan(PID, '2025-04-01'), status: 'in_progress' };
  const out: { plan: Plan; savedAt: string; version: number }[] = [];
  for (let v = 1; v <= VERSIONS; v++) {
    const savedAt = new Date(Date.UTC(2025, 3, 1 + v, 0, 0)).toISOString();
    plan = {
      ...plan, version: v, updatedAt: savedAt,
      whatToBring: ['薬手帳', '眼鏡', '補聴器の電池', '入れ歯', '杖'].slice(0, v).join('、'),
      supporterNotes: v >= 2 ? `右耳が聞こえにくい。呼び鈴は@@N@@回。${PID}` : '',
      dwelling: { ...plan.dwelling, floor: 1, bedroom: '北側の和室' },
    };
    out.push({ plan, savedAt, version: v });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measuring: a lag probe and progress log in the page (kept in sessionStorage, so the reload after
// a restore does not lose them), and the memory of Chromium's processes sampled from /proc.

/** Gaps over this are logged with what the screen showed before and after. */
const LOGGED_GAP_MS = 150;

async function installProbe(page: Page): Promise<void> {
  await allowTsxFunctions(page);
  await page.addInitScript((logged: number) => {
    const load = (k: string) => JSON.parse(sessionStorage.getItem(k) ?? '[]');
    const gaps: unknown[] = load('__benchGaps');
    const stages: unknown[] = load('__benchStages');
    const label = () => {
      const el = document.querySelector('[data-testid="progress"] .label');
      return (el?.textContent ?? '').replace(/（[^）]*）$/, '').trim();
    };
    let last = performance.now();
    let lastLabel = '';
    setInterval(() => {
      const now = performance.now();
      const shown = label();
      if (now - last > logged) {
        gaps.push({ at: Date.now(), ms: Math.round(now - last), before: lastLabel, after: shown, hash: location.hash });
        sessionStorage.setItem('__benchGaps', JSON.stringify(gaps));
      }
      if (shown !== lastLabel) {
        stages.push({ at: Date.now(), label: shown });
        sessionStorage.setItem('__benchStages', JSON.stringify(stages));
      }
      last = now;
      lastLabel = shown;
    }, 50);
  }, LOGGED_GAP_MS);
}

interface Gap { at: number; ms: number; before: string; after: string; hash: string }
interface Stage { at: number; label: string }

const probeLog = (page: Page) =>
  page.evaluate(() => ({
    gaps: JSON.parse(sessionStorage.getItem('__benchGaps') ?? '[]') as Gap[],
    stages: JSON.parse(sessionStorage.getItem('__benchStages') ?? '[]') as Stage[],
  }));

function worst(gaps: Gap[], from: number, to: number): Gap {
  return gaps.filter((g) => g.at >= from && g.at <= to + 50).reduce((w, g) => (g.ms > w.ms ? g : w), { at: 0, ms: 0, before: '', after: '', hash: '' });
}
const gapsIn = (gaps: Gap[], from: number, to: number, over = 250) => gaps.filter((g) => g.at >= from && g.at <= to + 50 && g.ms > over);

/** Each stage label shown between `from` and `to` with how long it was shown (ms). */
function stageTimes(stages: Stage[], from: number, to: number): string {
  const inside = stages.filter((s) => s.at >= from && s.at <= to);
  return inside.map((s, i) => `${s.label || '(none)'} ${((inside[i + 1]?.at ?? to) - s.at).toLocaleString()}ms`).join(' → ');
}

const cpuTicks = (pid: number) => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8').slice(0).split(') ')[1].split(' ');
    return Number(s[11]) + Number(s[12]);
  } catch { return 0; }
};

/** Peak RSS of the renderers (the page with its workers) and of all of Chromium, sampled every 250 ms. */
class MemorySampler {
  private timer: NodeJS.Timeout | null = null;
  peakRenderer = 0;
  peakAll = 0;
  start() {
    this.peakRenderer = this.peakAll = 0;
    this.timer = setInterval(() => {
      const pids = descendants();
      let all = 0, renderer = 0;
      for (const p of pids) {
        const mb = rssMb(p);
        all += mb;
        if (isRenderer(p)) renderer = Math.max(renderer, mb);
      }
      this.peakAll = Math.max(this.peakAll, all);
      this.peakRenderer = Math.max(this.peakRenderer, renderer);
    }, 250);
  }
  stop() {
    if (this.timer) clearInterval(this.timer);
    return { rendererMb: Math.round(this.peakRenderer), chromiumMb: Math.round(this.peakAll) };
  }
}

/** Waits until Chromium's processes use less than `below` of one core over 3 s (the engine and map settled), at most `limitMs`. */
async function settle(label: string, limitMs = 300_000, below = 0.15): Promise<number> {
  const t0 = Date.now();
  const hz = 100;
  for (;;) {
    const pids = descendants();
    const a = pids.reduce((s, p) => s + cpuTicks(p), 0);
    await new Promise((r) => setTimeout(r, 3000));
    const b = descendants().reduce((s, p) => s + cpuTicks(p), 0);
    const load = (b - a) / hz / 3;
    if (load < below || Date.now() - t0 > limitMs) {
      console.log(`  settled (${label}) after ${Math.round((Date.now() - t0) / 1000)} s, Chromium CPU ${(load * 100).toFixed(0)} % of a core`);
      return Date.now() - t0;
    }
  }
}

const heapMb = (page: Page) =>
  page.evaluate(() => Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6));

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/**
 * The longest stretch of the page's main thread without an idle sample in a CPU profile (a task
 * that held the page), with the functions it spent its time in (self time) and the stacks' lowest
 * frames of the app's code. Only with BENCH_PROFILE=1.
 */
function longestBusy(profile: CpuProfile, top = 12): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}:${n.callFrame.columnNumber + 1}`;
  let best = { from: 0, to: 0, us: 0 };
  let start = -1, us = 0;
  profile.samples.forEach((id, i) => {
    const idle = byId.get(id)!.callFrame.functionName === '(idle)';
    if (!idle) {
      if (start < 0) (start = i), (us = 0);
      us += profile.timeDeltas[i] ?? 0;
      if (us > best.us) best = { from: start, to: i, us };
    } else start = -1;
  });
  const self = new Map<string, number>();
  const app = new Map<string, number>();
  for (let i = best.from; i <= best.to; i++) {
    const d = profile.timeDeltas[i + 1] ?? 0;
    let node = byId.get(profile.samples[i])!;
    self.set(name(node), (self.get(name(node)) ?? 0) + d);
    // The innermost frame of the app's own code on this sample's stack.
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
      if (n.callFrame.url.includes('/assets/')) { app.set(name(n), (app.get(name(n)) ?? 0) + d); break; }
    }
    node = byId.get(profile.samples[i])!;
  }
  const list = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `      ${(v / 1000).toFixed(0)} ms  ${k}`).join('\n');
  return `longest busy stretch ${(best.us / 1000).toFixed(0)} ms\n    self time:\n${list(self)}\n    innermost app frame:\n${list(app)}`;
}

// ---------------------------------------------------------------------------------------------

async function importFile(page: Page, url: string, kind: string, path: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(`${url}#/import`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: STEP_LIMIT_MS });
  await page.check(`input[name="kind"][value="${kind}"]`);
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.waitForSelector('[data-testid="import-preview"]', { timeout: STEP_LIMIT_MS });
  await page.click('[data-testid="import-commit"]', { timeout: STEP_LIMIT_MS });
  await page.waitForSelector('[data-testid="import-done"]', { timeout: STEP_LIMIT_MS });
  return Date.now() - t0;
}

/** Writes PLANS plans × VERSIONS versions for the first people (by id) straight into IndexedDB (raw IndexedDB, 2,000 plans per transaction). */
function writePlans(page: Page): Promise<{ plans: number; versions: number }> {
  const template = JSON.stringify(planVersionsTemplate());
  return page.evaluate(async ({ template, count, PID }) => {
    const request = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const db = await request(indexedDB.open('hinan-shien-planner'));
    try {
      const ids = (await request(db.transaction('people').objectStore('people').getAllKeys(null, count))) as string[];
      let seed = 12345;
      const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      let plans = 0, versions = 0;
      for (let start = 0; start < ids.length; start += 2000) {
        const tx = db.transaction(['plans', 'planVersions'], 'readwrite');
        const done = new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error ?? new Error('aborted'));
        });
        for (const id of ids.slice(start, start + 2000)) {
          const floor = 1 + Math.floor(rand() * 3), rings = String(1 + Math.floor(rand() * 3));
          const rows = JSON.parse(template.replaceAll(PID, id).replaceAll('@@N@@', rings)) as { plan: { dwelling: { floor: number | null } }; savedAt: string; version: number }[];
          for (const row of rows) {
            row.plan.dwelling.floor = floor;
            const plan = row.plan as unknown as { id: string; personId: string };
            tx.objectStore('planVersions').add({ planId: plan.id, personId: plan.personId, version: row.version, savedAt: row.savedAt, kind: 'save', restoredFromSeq: null, plan });
            versions++;
          }
          tx.objectStore('plans').put(rows[rows.length - 1].plan);
          plans++;
        }
        await done;
      }
      return { plans, versions };
    } finally {
      db.close();
    }
  }, { template, count: PLANS, PID });
}

async function openDataScreen(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/data`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: STEP_LIMIT_MS });
  await page.waitForSelector('[data-testid="backup-counts"]', { timeout: STEP_LIMIT_MS });
}

/** The plain JSON size of every record in the file (UTF-8 bytes of each section's rows, as JSON.stringify writes them), and rows per table. */
async function plainJsonOfFile(bytes: Uint8Array, passphrase: string): Promise<{ bytes: number; rows: Record<string, number> }> {
  let total = 0;
  const rows: Record<string, number> = {};
  const sections = openContainer(bytes, passphrase);
  for await (const section of sections) {
    total += Buffer.byteLength(JSON.stringify(section.rows));
    rows[section.table] = (rows[section.table] ?? 0) + section.rows.length;
  }
  return { bytes: total, rows };
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
/** Gaps with when they ended, in s after `from`. */
const fmtGaps = (gaps: Gap[], from: number) => gaps.map((g) => `${g.ms}ms @+${((g.at - from) / 1000).toFixed(1)}s [${g.before || '-'} → ${g.after || '-'}]`).join(', ') || 'none';

async function main(): Promise<void> {
  let server: { close(): Promise<void> } | null = null;
  let url = process.env.BENCH_URL;
  if (!url) {
    const { preview } = await import('vite');
    const port = Number(process.env.BENCH_PORT ?? 4330);
    const outDir = process.env.BENCH_DIST ?? 'dist';
    server = await preview({ build: { outDir }, preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
    url = `http://127.0.0.1:${port}/`;
  }
  const dir = mkdtempSync(join(tmpdir(), 'hinan-browser-backup-'));
  console.log(`city: ${PEOPLE.toLocaleString()} people, ${ZONES.toLocaleString()} hazard polygons, ${PLANS.toLocaleString()} plans × ${VERSIONS} versions, demo street grid; files in ${dir}`);
  const csvPath = join(dir, '名簿_市全域.csv');
  writeFileSync(csvPath, rosterCsv(20261123, PEOPLE, { centres: CENTRES, radiusM: 1800, city: '福島県会津若松市' }));
  const hazardPath = join(dir, '浸水想定区域_市全域.geojson');
  writeFileSync(hazardPath, hazardGeoJson(7, ZONES));
  const roadsPath = join(dir, 'demo_roads.geojson');
  writeFileSync(roadsPath, JSON.stringify(demoStreetGrid()));

  const browser = await launchChromium();
  const memory = new MemorySampler();
  try {
    const context = await newContext(browser);
    const page = await context.newPage();
    await installProbe(page);
    await openApp(page, url);
    await setOperator(page, OPERATOR);

    // Fill the store.
    let t = Date.now();
    console.log(`  import 名簿: ${(await importFile(page, url, 'people', csvPath)).toLocaleString()} ms`);
    console.log(`  import hazard zones: ${(await importFile(page, url, 'hazards', hazardPath)).toLocaleString()} ms`);
    console.log(`  import demo roads: ${(await importFile(page, url, 'roads', roadsPath)).toLocaleString()} ms`);
    t = Date.now();
    const written = await writePlans(page);
    console.log(`  plans written straight into IndexedDB: ${written.plans.toLocaleString()} plans, ${written.versions.toLocaleString()} versions, ${(Date.now() - t).toLocaleString()} ms`);
    await page.goto('about:blank');
    await openDataScreen(page, url);
    console.log(`  store: ${(await page.textContent('[data-testid="backup-counts"]'))!.replace(/\s+/g, ' ').trim()}`);
    await settle('after filling');

    // Backup: click → download.
    const passphrase = (await page.getAttribute('[data-testid="backup-passphrase"]', 'data-value'))!;
    await page.check('[data-testid="backup-wrote-down"]');
    const heapBeforeBackup = await heapMb(page);
    memory.start();
    const b0 = Date.now();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP_LIMIT_MS }), page.click('[data-testid="backup-create"]')]);
    const b1 = Date.now();
    await page.waitForSelector('[data-testid="backup-done"]', { timeout: STEP_LIMIT_MS });
    const b2 = Date.now();
    const backupMem = memory.stop();
    const heapAfterBackup = await heapMb(page);
    const filePath = join(dir, download.suggestedFilename());
    await download.saveAs(filePath);
    const fileBytes = statSync(filePath).size;
    let log = await probeLog(page);
    const backupGap = worst(log.gaps, b0, b2);
    const json = await plainJsonOfFile(new Uint8Array(readFileSync(filePath)), passphrase);
    const ratio = (100 * fileBytes) / json.bytes;
    console.log(`  backup stages: ${stageTimes(log.stages, b0, b2)}`);
    console.log(`  backup gaps over 250 ms: ${fmtGaps(gapsIn(log.gaps, b0, b2), b0)}`);
    console.log(`  file rows per table: ${JSON.stringify(json.rows)}`);
    console.log(
      `BROWSER backup ms=${b1 - b0} gap_ms=${backupGap.ms} file_mb=${mb(fileBytes)} json_mb=${mb(json.bytes)} ratio=${ratio.toFixed(1)}% ` +
        `renderer_rss_peak_mb=${backupMem.rendererMb} chromium_rss_peak_mb=${backupMem.chromiumMb} page_heap_mb=${heapBeforeBackup}→${heapAfterBackup}`,
    );

    // Restore the file into the same (full) store: inspect, then 復元する → reload.
    await settle('after backup', 120_000);
    await page.setInputFiles('[data-testid="restore-file"]', filePath);
    await page.waitForSelector('[data-testid="restore-header"]', { timeout: STEP_LIMIT_MS });
    await page.fill('[data-testid="restore-passphrase"]', passphrase);
    memory.start();
    const i0 = Date.now();
    await page.click('[data-testid="restore-inspect"]');
    await page.waitForSelector('[data-testid="restore-counts"]', { timeout: STEP_LIMIT_MS });
    const i1 = Date.now();
    const inspectMem = memory.stop();
    await settle('after inspect', 60_000);
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    memory.start();
    const w0 = Date.now();
    await Promise.all([page.waitForEvent('load', { timeout: STEP_LIMIT_MS }), page.click('[data-testid="restore-commit"]')]);
    const w1 = Date.now();
    // The reloaded page's start (reading the restored store) is profiled from its load event.
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    await page.waitForSelector('[data-testid="restore-done"]', { timeout: STEP_LIMIT_MS });
    await page.waitForSelector('.app[data-ready="true"]', { timeout: STEP_LIMIT_MS });
    const w2 = Date.now();
    if (cdp) console.log(`  CPU profile of the reloaded page, load → app ready: ${longestBusy((await cdp.send('Profiler.stop')).profile as CpuProfile)}`);
    await page.waitForSelector('[data-testid="backup-counts"]', { timeout: STEP_LIMIT_MS });
    const w3 = Date.now();
    const writeMem = memory.stop();
    // After the reload the app reads the restored store and runs the engine: gaps there count too.
    memory.start();
    await settle('after restore reload', 300_000);
    const w4 = Date.now();
    const afterMem = memory.stop();
    log = await probeLog(page);
    const inspectGap = worst(log.gaps, i0, i1);
    const writeGap = worst(log.gaps, w0, w2);
    const reloadGap = worst(log.gaps, w2, w4);
    console.log(`  restore inspect stages: ${stageTimes(log.stages, i0, i1)}`);
    console.log(`  restore inspect gaps over 250 ms: ${fmtGaps(gapsIn(log.gaps, i0, i1), i0)}`);
    console.log(`  restore write stages: ${stageTimes(log.stages, w0, w1)}`);
    console.log(`  restore write gaps over 250 ms (click → reloaded app ready): ${fmtGaps(gapsIn(log.gaps, w0, w2), w0)}`);
    console.log(`  after the reload: load event ${w1 - w0} ms after the click, app ready ${w2 - w1} ms later, counts shown ${w3 - w1} ms, settled ${w4 - w1} ms; gaps over 250 ms once ready: ${fmtGaps(gapsIn(log.gaps, w2, w4), w0)}`);
    console.log(`  restored: ${(await page.textContent('[data-testid="restore-done"]'))!.trim()}`);
    console.log(
      `BROWSER restore inspect_ms=${i1 - i0} write_ms=${w2 - w0} total_ms=${i1 - i0 + (w2 - w0)} gap_ms=${Math.max(inspectGap.ms, writeGap.ms)} ` +
        `inspect_gap_ms=${inspectGap.ms} write_gap_ms=${writeGap.ms} click_to_load_ms=${w1 - w0} after_ready_gap_ms=${reloadGap.ms} ` +
        `renderer_rss_peak_mb=inspect:${inspectMem.rendererMb},write:${writeMem.rendererMb},after:${afterMem.rendererMb} chromium_rss_peak_mb=${Math.max(inspectMem.chromiumMb, writeMem.chromiumMb, afterMem.chromiumMb)} page_heap_mb=${await heapMb(page)}`,
    );
    await context.close();
  } finally {
    memory.stop();
    await browser.close();
    await server?.close();
  }
}

await main();
