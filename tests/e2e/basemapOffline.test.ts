import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { basemapAreaOf, basemapTiles } from '../../src/core/basemapArea';
import type { District } from '../../src/core/district';
import { tileKey } from '../../src/core/tileMath';
import { APP_URL, SCREENSHOT_DIR, openApp, setOperator, storedRecords, useBrowser, waitForApp } from './browser';
import { openPlanRouteMap, pollUntil, saveDistrictMap, serveGsiTiles, tileColourShares, type GsiRequest } from './basemapFixtures';

const browser = useBrowser();

const DISTRICT = 'demo-d1';
/** A consented person of that district with a home (the demo 名簿). */
const PERSON = 'demo-p002';
const APP_ORIGIN = new URL(APP_URL).origin;

/** Page `n` of a PDF as grey pixels (pdftoppm, PGM). */
function pageGrey(pdf: Uint8Array, n: number, dpi = 30): { width: number; height: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'hinan-basemap-pdf-'));
  writeFileSync(join(dir, 'x.pdf'), pdf);
  execFileSync('pdftoppm', ['-f', String(n), '-l', String(n), '-r', String(dpi), '-gray', '-singlefile', join(dir, 'x.pdf'), join(dir, 'p')]);
  execFileSync('pdftoppm', ['-f', String(n), '-l', String(n), '-r', '60', '-png', '-singlefile', join(dir, 'x.pdf'), join(SCREENSHOT_DIR, `basemap-offline-print-p${n}`)]);
  const data = readFileSync(join(dir, 'p.pgm'));
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(data.subarray(header[0].length)) };
}

/** In a box of the page (fractions of its width and height): the standard deviation of the grey levels and the share of dark pixels (< 150). */
function greyStats(img: { width: number; height: number; pixels: Uint8Array }, box: { left: number; top: number; right: number; bottom: number }): { deviation: number; dark: number } {
  const values: number[] = [];
  for (let y = Math.floor(box.top * img.height); y < box.bottom * img.height; y++) for (let x = Math.floor(box.left * img.width); x < box.right * img.width; x++) values.push(img.pixels[y * img.width + x]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { deviation: Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length), dark: values.filter((v) => v < 150).length / values.length };
}

/** Presses the district map's print button (window.print recorded) and makes Chromium's PDF on the app's paper. */
async function printDistrictMap(page: Page): Promise<Uint8Array> {
  await page.evaluate(() => {
    document.body.removeAttribute('data-printed');
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.click('[data-testid="district-map-print"]');
  await page.waitForSelector('body[data-printed="yes"]', { timeout: 60_000 });
  return page.pdf({ preferCSSPageSize: true, printBackground: true, path: `${SCREENSHOT_DIR}/basemap-offline-district-map.pdf` });
}

describe('the district map kept on the device (built app, real Chromium, 地理院タイル served locally)', () => {
  it('saves the district’s tiles in one area request set, then, with the network gone, the plan editor and the district print draw them and opening a plan asks nothing of the network', async () => {
    const context = await browser.newContext();
    const gsi: GsiRequest[] = [];
    await serveGsiTiles(context, gsi);
    const page = await context.newPage();
    await openApp(page);
    // The service worker keeps the app itself for the offline reload below.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await waitForApp(page);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await setOperator(page, '山田 花子');

    // The set the karte promises is the district's area: its outline plus the margins, every zoom 12–18.
    const district = (await storedRecords<District>(page, 'districts')).find((d) => d.id === DISTRICT)!;
    const expected = new Set(basemapTiles(basemapAreaOf(district.outline, [])!).map(tileKey));
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    gsi.length = 0;
    const promised = await saveDistrictMap(page, APP_URL, DISTRICT);
    expect(promised).toBe(expected.size);
    await page.locator('[data-testid="save-district-map"]').screenshot({ path: `${SCREENSHOT_DIR}/basemap-saved.png` });
    // Saving asked for exactly that set, each tile once — the karte's own map may have drawn a few
    // tiles meanwhile (the same server, at its zooms): those are not part of the save.
    const saveKeys = gsi.map((r) => r.key).filter((k) => expected.has(k));
    expect(new Set(saveKeys).size).toBe(expected.size);
    expect(gsi.every((r) => r.referer === undefined)).toBe(true);
    const row = page.locator(`[data-testid="saved-district-map"][data-id="${DISTRICT}"]`);
    expect(Number(await row.getAttribute('data-tiles'))).toBe(expected.size);
    expect(Number(await row.getAttribute('data-bytes'))).toBeGreaterThan(0);
    expect(await page.evaluate(async () => (await (await caches.open('hinan-basemap-v1')).keys()).length)).toBe(expected.size + 1); // + the list of saved areas

    // The network goes: offline, and anything not the app aborted (and recorded).
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === APP_ORIGIN) return route.continue();
      outside.push(url.href);
      return route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    await page.goto(APP_URL);
    await page.reload();
    await waitForApp(page);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);

    // Opening a person's plan: no request at all leaves the app's origin.
    requests.length = 0;
    await openPlanRouteMap(page, APP_URL, PERSON);
    // The route map is framed closer than zoom 15 on the home: its detailed tiles can only come from the device.
    expect(await page.evaluate(() => (window as unknown as { __hinanRouteMap: { getZoom(): number } }).__hinanRouteMap.getZoom())).toBeGreaterThan(15);
    const shares = await pollUntil(
      () => tileColourShares(page, '__hinanRouteMap'),
      (s) => s.detail > 0.15 && s.detail + s.coarse > 0.3,
      'the route map draws the saved detailed tiles',
    );
    await page.locator('[data-testid="route-map"]').screenshot({ path: `${SCREENSHOT_DIR}/basemap-offline-plan-map.png` });
    expect(requests.filter((u) => new URL(u).origin !== APP_ORIGIN)).toEqual([]);
    expect(outside).toEqual([]);
    expect(shares.detail).toBeGreaterThan(0.15);
    await expect(page.textContent('[data-testid="route-map"]')).resolves.not.toContain('読み込めない');

    // The district's printed map, offline: the saved tiles on paper.
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', DISTRICT);
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="district-map-canvas"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
    await pollUntil(() => tileColourShares(page, '__hinanDistrictMap'), (s) => s.detail + s.coarse > 0.3, 'the district map draws the saved tiles');
    const pdf = await printDistrictMap(page);
    const grey = greyStats(pageGrey(pdf, 1), { left: 0.2, top: 0.2, right: 0.8, bottom: 0.5 });
    // The offline style alone is near-white there; the saved tiles' dark squares and bands cover a good part of it.
    expect(grey.dark).toBeGreaterThan(0.2);
    expect(grey.deviation).toBeGreaterThan(30);
    expect(outside).toEqual([]);
    expect(requests.filter((u) => new URL(u).origin !== APP_ORIGIN)).toEqual([]);
  }, 240_000);

  it('「保存した地図を削除」 removes the district’s tiles in one press; offline, saving is switched off with a sentence', async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const gsi: GsiRequest[] = [];
    await serveGsiTiles(context, gsi);
    const page = await context.newPage();
    await openApp(page);
    await saveDistrictMap(page, APP_URL, DISTRICT);
    await page.click(`[data-testid="saved-district-map"][data-id="${DISTRICT}"] [data-testid="saved-district-map-delete"]`);
    await page.locator(`[data-testid="saved-district-map"][data-id="${DISTRICT}"]`).waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('hinan-basemap-v1')).keys()).length)).toBe(1);

    await context.setOffline(true);
    await page.locator('[data-testid="save-district-map-offline"]').waitFor({ timeout: 10_000 });
    expect(await page.$('[data-testid="save-district-map-start"]')).toBeNull();
    await expect(page.textContent('[data-testid="save-district-map-offline"]')).resolves.toContain('インターネットにつながっていない');
  }, 180_000);
});
