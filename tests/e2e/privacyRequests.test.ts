import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { PERSON_CENTRED_TILE_MAX_ZOOM } from '../../src/map/style';
import { APP_URL, demoPeople, waitForApp, waitForMapIdle, useBrowser } from './browser';
import { openPlanRouteMap as openRouteMapOf, pollUntil, saveDistrictMap, serveGsiTiles, tileColourShares, waitRouteMapIdle, type GsiRequest } from './basemapFixtures';

/** A 1×1 PNG: what the 地理院タイル server answers here, so the maps believe they are online. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TILE = /\/xyz\/[a-z_]+\/(\d+)\/(\d+)\/(\d+)\.png/;

/** A consented person with a home, as in the demo 名簿. */
const person = demoPeople().find((p) => p.id === 'demo-p002')!;

function openPlanRouteMap(page: Page): Promise<void> {
  return openRouteMapOf(page, APP_URL, person.id);
}

/** Zooms the plan editor's route map right in on the home (as a user would) and waits until it is drawn. */
async function zoomInOnHome(page: Page): Promise<void> {
  await page.evaluate(([lng, lat]) => (window as unknown as { __hinanRouteMap: { jumpTo(o: object): void } }).__hinanRouteMap.jumpTo({ center: [lng, lat], zoom: 18.5 }), [person.location!.lng, person.location!.lat]);
  await waitRouteMapIdle(page);
}

interface TileRequest {
  url: string;
  z: number;
  referer: string | undefined;
}

const browser = useBrowser();

/** A context whose requests to cyberjapandata.gsi.go.jp are answered locally and recorded. */
async function recordingContext(): Promise<{ context: BrowserContext; tiles: TileRequest[] }> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const tiles: TileRequest[] = [];
  await context.route('**/cyberjapandata.gsi.go.jp/**', async (route) => {
    const req = route.request();
    const m = TILE.exec(req.url());
    if (m) tiles.push({ url: req.url(), z: Number(m[1]), referer: (await req.allHeaders())['referer'] });
    await route.fulfill({ status: 200, contentType: 'image/png', body: PNG, headers: { 'Access-Control-Allow-Origin': '*' } });
  });
  return { context, tiles };
}

describe('requests to the 地理院タイル server do not point at a home', () => {
  it(`the plan editor's route map asks for no tile closer than zoom ${PERSON_CENTRED_TILE_MAX_ZOOM}, even zoomed in on the home`, async () => {
    const { context, tiles } = await recordingContext();
    const page = await context.newPage();
    await openPlanRouteMap(page);
    // The map did go online: it drew 地理院タイル around the home.
    await expect.poll(() => tiles.length).toBeGreaterThan(0);
    const framedZoom = await page.evaluate(() => (window as unknown as { __hinanRouteMap: { getZoom(): number } }).__hinanRouteMap.getZoom());
    expect(framedZoom).toBeGreaterThan(PERSON_CENTRED_TILE_MAX_ZOOM); // framed closer than the cap: only the cap keeps the tiles coarse

    // The user zooms right in on the home.
    const before = tiles.length;
    await zoomInOnHome(page);
    const zooms = [...new Set(tiles.map((t) => t.z))].sort((a, b) => a - b);
    expect(Math.max(...zooms), `tile zooms requested: ${zooms.join(', ')}`).toBeLessThanOrEqual(PERSON_CENTRED_TILE_MAX_ZOOM);
    expect(tiles.length).toBeGreaterThanOrEqual(before);
  });

  it(`with the district's map saved on the device, the plan editor draws zoom 16–18 tiles around the home from the device and still asks the server for none closer than ${PERSON_CENTRED_TILE_MAX_ZOOM}`, async () => {
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const gsi: GsiRequest[] = [];
    await serveGsiTiles(context, gsi);
    const page = await context.newPage();
    await page.goto(APP_URL);
    await waitForApp(page);
    // Saving asks for the whole district at zooms up to 18 at once: an area, not a home.
    await saveDistrictMap(page, APP_URL, person.districtId!);
    expect(Math.max(...gsi.map((r) => r.z))).toBe(18);

    gsi.length = 0;
    await openPlanRouteMap(page);
    await zoomInOnHome(page);
    // Around the home the map shows the detailed (zoom ≥ 16) pattern, which the server was not asked for.
    // (The squares are half blue: a map covered with them has about 0.45 of its pixels blue, the symbols aside.)
    await pollUntil(() => tileColourShares(page, '__hinanRouteMap'), (s) => s.detail > 0.3, 'the detailed saved tiles are drawn around the home');
    await page.locator('[data-testid="route-map"]').screenshot({ path: 'tests/e2e/__screenshots__/privacy-saved-basemap-z18.png' });
    const zooms = [...new Set(gsi.map((r) => r.z))].sort((a, b) => a - b);
    expect(zooms.filter((z) => z > PERSON_CENTRED_TILE_MAX_ZOOM), `tile zooms requested: ${zooms.join(', ')}`).toEqual([]);
   }, 120_000);

  it('the main map, moving to a person chosen in the list while zoomed in elsewhere, asks for no tile closer than the cap', async () => {
    const { context, tiles } = await recordingContext();
    const page = await context.newPage();
    await page.goto(APP_URL);
    await waitForApp(page);
    // Zoomed right in, far from anyone's home.
    await page.evaluate(() => (window as unknown as { __hinanMap: { jumpTo(o: object): void } }).__hinanMap.jumpTo({ center: [139.88, 37.45], zoom: 18 }));
    await waitForMapIdle(page);
    tiles.length = 0;
    const row = page.locator('[data-testid="people-list"] [data-person-id]').first();
    const id = await row.getAttribute('data-person-id');
    const home = demoPeople().find((p) => p.id === id)!.location!;
    await row.click();
    await page.waitForFunction(
      ([lng, lat]) => {
        const map = (window as unknown as { __hinanMap: { getBounds(): { contains(p: [number, number]): boolean } } }).__hinanMap;
        return map.getBounds().contains([lng, lat]);
      },
      [home.lng, home.lat],
      { timeout: 10_000 },
    );
    await waitForMapIdle(page);
    expect(tiles.length).toBeGreaterThan(0);
    const zooms = [...new Set(tiles.map((t) => t.z))].sort((a, b) => a - b);
    expect(Math.max(...zooms), `tile zooms requested around the chosen person: ${zooms.join(', ')}`).toBeLessThanOrEqual(PERSON_CENTRED_TILE_MAX_ZOOM);
  });

  it('tile requests carry no referrer', async () => {
    const { context, tiles } = await recordingContext();
    const page = await context.newPage();
    await page.goto(APP_URL);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await expect.poll(() => tiles.length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(tiles.filter((t) => t.referer !== undefined).map((t) => `${t.url} ← ${t.referer}`)).toEqual([]);
  });
});
