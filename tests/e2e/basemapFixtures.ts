/**
 * The 地理院タイル server, served locally for the basemap e2e tests (basemapOffline, privacyRequests):
 * PNG tiles drawn with tests/fixtures/hazardTilePng.ts in two patterns that tell the zooms apart on
 * the drawn map — green bands up to zoom 15 (what the server may be asked for around a home), a
 * blue checkerboard from zoom 16 (what only the saved map on the device may give a person's map).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { hazardTilePng, type Rgba } from '../fixtures/hazardTilePng';
import type { MapHookName } from '../../src/map/testHooks';

const LIGHT: Rgba = [232, 232, 226, 255];
/** Dark green: the bands of zoom ≤ 15 tiles. */
export const COARSE_DARK: Rgba = [40, 120, 40, 255];
/** Dark blue: the squares of zoom ≥ 16 tiles. */
export const DETAIL_DARK: Rgba = [40, 40, 170, 255];

/** Tile z ≤ 15: horizontal bands 32 px high; z ≥ 16: squares of 32 px. */
const COARSE = hazardTilePng((_px, py) => ((py >> 5) % 2 ? COARSE_DARK : LIGHT));
const DETAIL = hazardTilePng((px, py) => (((px >> 5) + (py >> 5)) % 2 ? DETAIL_DARK : LIGHT));

export const GSI_TILE = /^https:\/\/cyberjapandata\.gsi\.go\.jp\/xyz\/pale\/(\d+)\/(\d+)\/(\d+)\.png$/;

/** A request that reached the (local stand-in of the) 地理院タイル server. */
export interface GsiRequest {
  z: number;
  x: number;
  y: number;
  key: string;
  referer: string | undefined;
}

/** Answers every 淡色地図 tile of `context` locally (CORS allowed, as the real server) and records it in `log`. */
export async function serveGsiTiles(context: BrowserContext, log: GsiRequest[]): Promise<void> {
  await context.route('https://cyberjapandata.gsi.go.jp/**', async (route) => {
    const req = route.request();
    const m = GSI_TILE.exec(req.url());
    if (!m) return route.fulfill({ status: 404, body: '' });
    const [z, x, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    log.push({ z, x, y, key: `${z}/${x}/${y}`, referer: (await req.allHeaders())['referer'] });
    await route.fulfill({ status: 200, contentType: 'image/png', body: z <= 15 ? COARSE : DETAIL, headers: { 'Access-Control-Allow-Origin': '*' } });
  });
}

/** Opens the 地区カルテ of `districtId` and saves its map through 「この地区の地図を端末に保存」; returns the count promised before. */
export async function saveDistrictMap(page: Page, appUrl: string, districtId: string): Promise<number> {
  await page.goto(`${appUrl}#/karte`);
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', districtId);
  await page.click('[data-testid="save-district-map-start"]');
  const estimate = page.locator('[data-testid="save-district-map-estimate"]');
  await estimate.waitFor({ timeout: 10_000 });
  const count = Number(await estimate.getAttribute('data-count'));
  await page.click('[data-testid="save-district-map-confirm"]');
  await page.locator('[data-testid="save-district-map-done"]').waitFor({ timeout: 120_000 });
  await page.locator(`[data-testid="saved-district-map"][data-id="${districtId}"]`).waitFor({ timeout: 10_000 });
  return count;
}

/** Shares of a map's drawn pixels (its WebGL canvas) in the coarse (green) and detailed (blue) tile colours, as blended over the map. */
export function tileColourShares(page: Page, hook: MapHookName): Promise<{ coarse: number; detail: number }> {
  return page.evaluate((name) => {
    const map = (window as unknown as Record<string, { getCanvas(): HTMLCanvasElement } | undefined>)[name];
    if (!map) throw new Error(`no map ${name}`);
    const src = map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let coarse = 0;
    let detail = 0;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b] = [d[i], d[i + 1], d[i + 2]];
      if (g - r > 45 && g - b > 45 && r < 110) coarse++;
      else if (b - r > 70 && b - g > 70 && r < 110) detail++;
    }
    const n = d.length / 4;
    return { coarse: coarse / n, detail: detail / n };
  }, hook);
}

/** Waits until the plan editor's route map has drawn every tile it asked for. */
export async function waitRouteMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { __hinanRouteMap?: { loaded(): boolean; areTilesLoaded(): boolean } }).__hinanRouteMap;
      return !!map && map.loaded() && map.areTilesLoaded() && document.querySelector('[data-testid="route-map"]')?.getAttribute('data-state') === 'idle';
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** Opens a person's plan editor on its route map (the flood destination), drawn. */
export async function openPlanRouteMap(page: Page, appUrl: string, personId: string): Promise<void> {
  await page.goto(`${appUrl}#/plan/${personId}`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
  if (!(await page.$('[data-testid="route-editor-flood"]'))) await page.click('[data-testid="dest-flood-map"]');
  await waitRouteMapIdle(page);
}

/** Polls until `read` gives a value `ok` accepts (maps keep drawing a moment after idle in headless Chromium). */
export async function pollUntil<T>(read: () => Promise<T>, ok: (v: T) => boolean, message: string): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await read();
        return ok(last);
      },
      { timeout: 20_000, message },
    )
    .toBe(true);
  return last!;
}
