import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Encoding from 'encoding-japanese';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { Person } from '../../src/core/person';
import type { Plan } from '../../src/core/plan';
import { errorCode } from '../../src/core/thrown';
import { E2E_PORT } from './globalSetup';

export const APP_URL = `http://127.0.0.1:${E2E_PORT}/`;
export const SCREENSHOT_DIR = 'tests/e2e/__screenshots__';

/** Headless Debian Chromium with the flags that render WebGL here (DESIGN.md §6). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** How a fresh profile differs from the usual one (a 1280×800 px desktop in Japan's time zone, Japanese locale). */
export interface ContextOptions {
  /** CSS px; default 1280×800. */
  viewport?: { width: number; height: number };
  /** IANA zone of the machine's clock; default 'Asia/Tokyo'. */
  timezoneId?: string;
  /** 'block' keeps the app's service worker from registering. */
  serviceWorkers?: 'allow' | 'block';
}

/** A fresh browser profile (empty IndexedDB, no service worker yet); Japanese, in Japan's zone unless `options` say otherwise. */
export function newContext(browser: Browser, { viewport = { width: 1280, height: 800 }, timezoneId = 'Asia/Tokyo', serviceWorkers }: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'ja-JP', timezoneId, ...(serviceWorkers ? { serviceWorkers } : {}) });
}

/**
 * For scripts run with tsx (the benchmarks): esbuild's keepNames wraps named functions in
 * `__name(…)`, so functions they send to the page need that helper there too.
 */
export async function allowTsxFunctions(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript({ content: 'globalThis.__name = (f) => f;' });
}

/** One test file's Chromium and the profiles its tests open (see `useBrowser`). */
export interface BrowserSession {
  /** A fresh profile (`newContext`). Opened in a test it is closed after that test; opened in a hook, after the file. */
  newContext(options?: ContextOptions): Promise<BrowserContext>;
  /** A fresh profile with one page in it, closed as `newContext`'s. */
  newPage(options?: ContextOptions): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Launches one Chromium for the calling test file (before its tests; closed after them) and hands
 * out fresh profiles that close themselves: call once at the top of a file, outside `describe`.
 */
export function useBrowser(): BrowserSession {
  let launched: Browser | undefined;
  /** Profiles opened by the running test; null between tests. */
  let ofTest: BrowserContext[] | null = null;
  const ofFile: BrowserContext[] = [];
  const closeAll = (contexts: BrowserContext[]) => Promise.all(contexts.splice(0).map((c) => c.close()));

  beforeAll(async () => {
    launched = await launchChromium();
  });
  beforeEach(() => {
    ofTest = [];
  });
  afterEach(async () => {
    const opened = ofTest ?? [];
    ofTest = null;
    await closeAll(opened);
  });
  afterAll(async () => {
    await closeAll(ofFile);
    await launched?.close();
  });

  const session: BrowserSession = {
    async newContext(options) {
      if (!launched) throw new Error('useBrowser: Chromium is launched in beforeAll; open profiles from a hook or a test');
      const context = await newContext(launched, options);
      (ofTest ?? ofFile).push(context);
      return context;
    },
    async newPage(options) {
      const context = await session.newContext(options);
      return { context, page: await context.newPage() };
    },
  };
  return session;
}

/** Opens the app and waits until the store has answered and the map reached `idle`. */
export async function openApp(page: Page, url = APP_URL): Promise<void> {
  await page.goto(url);
  await waitForApp(page);
}

export async function waitForApp(page: Page): Promise<void> {
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await waitForMapIdle(page);
}

/**
 * Sets this device's 作業者名 through the header (every print, export and backup needs one, the
 * 提供記録 names it) and waits until the store holds it. Works on any screen, set or not before.
 */
export async function setOperator(page: Page, name: string): Promise<void> {
  const edit = page.locator('[data-testid="operator-edit"]');
  const input = page.locator('[data-testid="operator-input"]');
  await edit.or(input).first().waitFor({ timeout: 30_000 });
  if (await edit.isVisible()) await edit.click();
  await input.fill(name);
  await page.click('[data-testid="operator-save"]');
  const stored = name.normalize('NFKC').replace(/\s+/g, ' ').trim();
  await page.waitForFunction((n) => document.querySelector('[data-testid="operator-name"]')?.textContent === n, stored, { timeout: 30_000 });
}

/** Opens a person's 個別避難計画 editor (`#/plan/<personId>`) and waits until it shows the person. */
export async function openPlanEditor(page: Page, personId: string): Promise<void> {
  await page.goto(`${APP_URL}#/plan/${personId}`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
  // A new plan's suggestions come from the engine worker a moment later: start once they are in.
  await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"])', { timeout: 30_000 });
}

/** Waits until MapLibre has rendered everything it has (the `idle` event). */
export async function waitForMapIdle(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { __hinanMap?: { loaded(): boolean; areTilesLoaded(): boolean } }).__hinanMap;
      const el = document.querySelector('[data-testid="map"]');
      return !!map && map.loaded() && el?.getAttribute('data-state') === 'idle';
    },
    undefined,
    { timeout },
  );
}

/** The demo 名簿 as committed, for checking what the app shows against it. */
export function demoPeople(): Person[] {
  return JSON.parse(readFileSync('data/demo/people.json', 'utf8')) as Person[];
}

/**
 * Ids of the people on the list, in order: the whole list model, read the way a user reads it —
 * scrolling it from top to bottom (only the rows near the view are drawn) — and checked against
 * the list's own count (`data-total`). The scroll position is put back afterwards.
 */
export function listedPersonIds(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const list = document.querySelector<HTMLElement>('[data-testid="people-list"]');
    if (!list) return [];
    const total = Number(list.dataset.total);
    const ids: string[] = [];
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const before = list.scrollTop;
    list.scrollTop = 0;
    for (;;) {
      await frame();
      for (const row of list.querySelectorAll<HTMLElement>('[data-index]')) ids[Number(row.dataset.index)] = row.querySelector('[data-person-id]')!.getAttribute('data-person-id')!;
      if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) break;
      list.scrollTop += list.clientHeight;
    }
    list.scrollTop = before;
    const got = ids.filter((id) => id !== undefined);
    if (got.length !== total) throw new Error(`people list: ${got.length} rows seen while scrolling, but the list says ${total}`);
    return got;
  });
}

/** Ids of the people drawn on the map now. */
export function renderedPersonIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = (window as unknown as { __hinanMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__hinanMap;
    return [...new Set(map.queryRenderedFeatures({ layers: ['people'] }).map((f) => f.properties.id))];
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Reads every stored person straight from IndexedDB in the page (what was really written). */
export function storedPeople(page: Page): Promise<Person[]> {
  return storedRecords<Person>(page, 'people');
}

/** Runs a Poppler tool (poppler-utils) on a PDF written to a temporary file; returns its output. */
function poppler(tool: 'pdftotext' | 'pdfinfo', pdf: Uint8Array, args: (file: string) => string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hinan-pdf-'));
  try {
    const file = join(dir, 'print.pdf');
    writeFileSync(file, pdf);
    return execFileSync(tool, args(file), { encoding: 'utf8' });
  } catch (err) {
    if (errorCode(err) === 'ENOENT') throw new Error(`${tool} がありません（apt-get install -y poppler-utils）。印刷の中身を調べるのに使います。`);
    throw err;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of a printed PDF as pdftotext reads it: the whole file, or one page (1-based) with `layout` keeping its columns. */
export function pdfText(pdf: Uint8Array, { page, layout = false }: { page?: number; layout?: boolean } = {}): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', pdf, (file) => ['-enc', 'UTF-8', ...pages, ...(layout ? ['-layout'] : []), file, '-']);
}

/** Pages in a PDF, as pdfinfo counts them (what a printer would print). */
export function pdfPages(pdf: Uint8Array): number {
  const info = poppler('pdfinfo', pdf, (file) => [file]);
  const pages = /^Pages:\s+(\d+)/m.exec(info);
  if (!pages) throw new Error(`pdfinfo gave no page count:\n${info}`);
  return Number(pages[1]);
}

/** Writes CSV lines as a Shift_JIS (cp932) file with CRLF, as Japanese municipal systems export; returns the path. */
export function writeShiftJisCsv(dir: string, name: string, lines: string[]): string {
  const text = lines.join('\r\n') + '\r\n';
  const path = join(dir, name);
  writeFileSync(path, Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })));
  return path;
}

/**
 * Records, from the page's first script on, every gap between 50 ms timer ticks longer than
 * 250 ms: the times the main thread was too busy to answer the user. Call before `goto`.
 */
export async function installLagProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const gaps: { at: number; ms: number; where: string }[] = [];
    (window as unknown as { __lagGaps: typeof gaps }).__lagGaps = gaps;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      if (now - last > 250) {
        const progress = document.querySelector('[data-testid="progress"]')?.textContent?.trim() ?? '';
        gaps.push({ at: now, ms: Math.round(now - last), where: `${location.hash || '#/'} ${progress}`.trim() });
      }
      last = now;
    }, 50);
  });
}

/** A point in the page's time, to measure lag from (see `worstLag`). */
export function lagMark(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/** The longest main-thread gap since `mark` (ms; 0 if none over 250 ms), what the screen showed then, and every gap over 250 ms. */
export function worstLag(page: Page, mark: number): Promise<{ worst: number; where: string; gaps: number[] }> {
  return page.evaluate((since) => {
    const gaps = (window as unknown as { __lagGaps: { at: number; ms: number; where: string }[] }).__lagGaps.filter((g) => g.at > since);
    const worst = gaps.reduce((w, g) => (g.ms > w.ms ? g : w), { at: 0, ms: 0, where: '' });
    return { worst: worst.ms, where: worst.where, gaps: gaps.map((g) => g.ms) };
  }, mark);
}

/** Every record of one IndexedDB store, read straight in the page (what was really written). */
export function storedRecords<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('hinan-shien-planner');
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => (open.result.close(), resolve(req.result as T[]));
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
    store,
  );
}

/**
 * Writes records straight into the app's IndexedDB, `rows` by store name, in one transaction —
 * as another device or an earlier save left them, not through the app's code.
 */
export function storeRecords(page: Page, rows: Record<string, readonly unknown[]>): Promise<void> {
  return page.evaluate(
    (byStore) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hinan-shien-planner');
        open.onsuccess = () => {
          const tx = open.result.transaction(Object.keys(byStore), 'readwrite');
          for (const [name, records] of Object.entries(byStore)) for (const r of records) tx.objectStore(name).put(r);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    rows,
  );
}

/** Every stored 個別避難計画. */
export function storedPlans(page: Page): Promise<Plan[]> {
  return storedRecords<Plan>(page, 'plans');
}

/** Imports one file through the データ取り込み screen (`kind`: people, supporters, shelters, hazards, roads) and waits until it is saved. */
export async function importThrough(page: Page, kind: string, path: string): Promise<void> {
  await page.goto(`${APP_URL}#/import`);
  await page.check(`input[name="kind"][value="${kind}"]`);
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.click('[data-testid="import-commit"]', { timeout: 20_000 });
  await page.waitForSelector('[data-testid="import-done"]', { timeout: 20_000 });
}

/**
 * A ~40 m street grid over 一箕町松長地区 (demo-d1) as GeoJSON, as an OpenStreetMap export would
 * give: lines share a vertex at every crossing so the network connects.
 */
export function demoStreetGrid(): { type: 'FeatureCollection'; features: { type: 'Feature'; properties: { highway: string }; geometry: { type: 'LineString'; coordinates: number[][] } }[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= 40; i++) xs.push(+(139.949 + i * 0.00045).toFixed(6));
  for (let j = 0; j <= 36; j++) ys.push(+(37.522 + j * 0.00036).toFixed(6));
  const line = (coordinates: number[][]) => ({ type: 'Feature' as const, properties: { highway: 'residential' }, geometry: { type: 'LineString' as const, coordinates } });
  return { type: 'FeatureCollection', features: [...xs.map((x) => line(ys.map((y) => [x, y]))), ...ys.map((y) => line(xs.map((x) => [x, y])))] };
}

/**
 * Imports a 名簿 through the import screen. When the store already holds one, the 名簿の更新 preview
 * opens: `reasons` (person id → archive reason code) are chosen and the update applied. With
 * `allRecipients`, a file without a 情報提供先 column gets every recipient in the consent-form question.
 */
export async function importRosterThrough(page: Page, path: string, { reasons = {}, allRecipients = false }: { reasons?: Record<string, string>; allRecipients?: boolean } = {}): Promise<void> {
  await page.goto(`${APP_URL}#/import`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.check('input[name="kind"][value="people"]');
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.waitForSelector('[data-testid="import-commit"]', { timeout: 30_000 });
  if (allRecipients) for (const box of await page.$$('[data-testid^="form-recipient-"]')) await box.check();
  await page.click('[data-testid="import-commit"]', { timeout: 30_000 });
  const apply = page.locator('[data-testid="roster-update-apply"]');
  const done = page.locator('[data-testid="import-done"]');
  await apply.or(done).first().waitFor({ timeout: 60_000 });
  if (await apply.isVisible()) {
    for (const [id, reason] of Object.entries(reasons)) await page.selectOption(`[data-testid="roster-archive-reason"][data-id="${id}"]`, reason);
    await apply.click();
  }
  await done.waitFor({ timeout: 60_000 }).catch(async (err: Error) => {
    throw new Error(`${err.message}\n取り込み画面: ${await page.textContent('main, .app')}`);
  });
}

/** Waits until the plan editor's autosave has written the typing (「保存しました」). */
export async function waitPlanSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved' && /保存しました/.test(document.querySelector('[data-testid="save-indicator"]')?.textContent ?? ''),
    undefined,
    { timeout: 30_000 },
  );
}

/** Writes a note in a person's plan, records the person's signed consent to it and marks it 本人確認済, as a volunteer would. */
export async function confirmPlanThrough(page: Page, personId: string): Promise<void> {
  await openPlanEditor(page, personId);
  await page.fill('[data-testid="supporter-notes"]', '玄関の鍵は隣家が預かっている');
  await page.check('[data-testid="plan-consent-given"]');
  await page.selectOption('[data-testid="plan-consent-method"]', 'signature');
  await waitPlanSaved(page);
  await page.click('[data-testid="mark-confirmed"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-status"]')?.textContent === '本人確認済', undefined, { timeout: 30_000 });
  await waitPlanSaved(page);
}
