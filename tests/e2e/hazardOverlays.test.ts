import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import { DEPTH_LEGEND, HAZARD_TILE_CREDIT } from '../../src/core/hazardTileLayers';
import type { HazardReading } from '../../src/core/hazardReading';
import { japanToday } from '../../src/core/japanDate';
import { hazardTilePng, legendRgba } from '../fixtures/hazardTilePng';
import { APP_URL, SCREENSHOT_DIR, demoPeople, openApp, openPlanEditor, pdfPages, pdfText, screenshot, setOperator, storeRecords, useBrowser } from './browser';
import { openDistrictMap, printDistrictMap, promisedPages } from './districtMapPage';

const session = useBrowser();

const PORTAL = 'https://disaportaldata.gsi.go.jp/';
/** 3.0〜5.0m, the colour the fixture's flood tiles are drawn with (stripes 32 px wide; the others transparent). */
const DEEP = DEPTH_LEGEND.find((e) => e.key === 'depth_3_5')!;
const FLOOD_TILE = hazardTilePng((px) => ((px >> 5) % 2 === 0 ? legendRgba(DEEP.rgb) : [0, 0, 0, 0]));
const CLEAR_TILE = hazardTilePng(() => [0, 0, 0, 0]);

/** A request made to the portal: its layer directory and tile zoom. */
interface PortalRequest {
  url: string;
  layer: string;
  z: number;
}

/**
 * Serves the ハザードマップポータル's tile host locally (flood tiles drawn with the 3.0〜5.0m colour,
 * every other layer a present, transparent tile) and records every request made to it.
 */
async function servePortal(context: BrowserContext): Promise<PortalRequest[]> {
  const requests: PortalRequest[] = [];
  await context.route(`${PORTAL}**`, async (route) => {
    const url = route.request().url();
    const m = /\/raster\/([^/]+)\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(url);
    if (!m) return route.fulfill({ status: 404, body: '' });
    requests.push({ url, layer: m[1], z: Number(m[2]) });
    await route.fulfill({
      status: 200,
      contentType: 'image/png',
      headers: { 'access-control-allow-origin': '*' },
      body: m[1] === '01_flood_l2_shinsuishin_data' ? FLOOD_TILE : CLEAR_TILE,
    });
  });
  return requests;
}

type MapHook = '__hinanMap' | '__hinanRouteMap' | '__hinanDistrictMap';

/** The overlay layers (`hazard-tiles-…`) and sources in a map's style now, and which layers are visible. */
function overlaysOn(page: Page, hook: MapHook): Promise<{ layers: string[]; sources: string[]; visible: string[] }> {
  return page.evaluate((name) => {
    const map = (window as unknown as Record<string, { getStyle(): { layers: { id: string; layout?: { visibility?: string } }[]; sources: Record<string, unknown> } } | undefined>)[name];
    if (!map) return { layers: [], sources: [], visible: [] };
    const style = map.getStyle();
    const layers = style.layers.filter((l) => l.id.startsWith('hazard-tiles-'));
    return {
      layers: layers.map((l) => l.id),
      sources: Object.keys(style.sources).filter((s) => s.startsWith('hazard-tiles-')),
      visible: layers.filter((l) => l.layout?.visibility !== 'none').map((l) => l.id),
    };
  }, hook);
}

/** Whether a map has drawn everything it has (`idle` after the last change). */
function mapIdle(page: Page, hook: MapHook): Promise<boolean> {
  return page.evaluate((name) => {
    const map = (window as unknown as Record<string, { loaded(): boolean; areTilesLoaded(): boolean } | undefined>)[name];
    return !!map && map.loaded() && map.areTilesLoaded();
  }, hook);
}

/** The demo district with the most consented, placed people, and one of them. */
const DISTRICT = (() => {
  const counts = new Map<string, number>();
  for (const p of demoPeople()) if (isShareable(p.consent) && p.location && p.districtId) counts.set(p.districtId, (counts.get(p.districtId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
})();
const PERSON = demoPeople().find((p) => p.districtId === DISTRICT && isShareable(p.consent) && p.location)!;

/**
 * The first overlay needs the privacy statement answered (issue 16 §4): until then no overlay is on
 * the map and no tile is asked of the portal; 「ハザードマップを重ねる（説明を読む）」 → the statement → 「使う」.
 */
async function allowThroughStatement(page: Page, requests: readonly unknown[]): Promise<void> {
  await page.waitForSelector('[data-testid="hazard-overlays-ask"]', { timeout: 30_000 });
  await expect.poll(() => mapIdle(page, '__hinanMap'), { timeout: 30_000 }).toBe(true);
  expect(await overlaysOn(page, '__hinanMap')).toEqual({ layers: [], sources: [], visible: [] });
  expect(requests).toEqual([]);
  await page.click('[data-testid="hazard-overlays-ask"]');
  await expect.poll(() => page.textContent('[data-testid="hazard-overlays-privacy"]')).toContain('出ないもの');
  await page.click('[data-testid="hazard-overlays-start"]');
}

const squash = (s: string) => s.replace(/\s+/g, '');
const FLOOD = 'hazard-tiles-flood';
const LANDSLIDE = ['hazard-tiles-debris_flow', 'hazard-tiles-steep_slope', 'hazard-tiles-landslide_slip'];

describe('ハザードマップポータルの重ね図 (built app, real Chromium, the tile host served locally)', () => {
  it('overlays the layers on the map, the plan editor (zoom ≤ 15) and the district print with their legend and the credit', async () => {
    const context = await session.newContext();
    const requests = await servePortal(context);
    const page = await context.newPage();
    await openApp(page);
    await allowThroughStatement(page, requests);

    // The map screen: all six layers in the style, 洪水 and the 土砂災害 layers drawn, 高潮・津波 switched off at first.
    await expect.poll(() => overlaysOn(page, '__hinanMap'), { timeout: 30_000 }).toMatchObject({ visible: [FLOOD, ...LANDSLIDE] });
    expect((await overlaysOn(page, '__hinanMap')).layers).toHaveLength(6);
    await expect.poll(() => requests.some((r) => r.layer === '01_flood_l2_shinsuishin_data'), { timeout: 30_000 }).toBe(true);
    // Under the local layers: the overlays come before the districts, routes, shelters and people.
    const order = await page.evaluate(() => (window as unknown as { __hinanMap: { getStyle(): { layers: { id: string }[] } } }).__hinanMap.getStyle().layers.map((l) => l.id));
    for (const local of ['districts-fill', 'shelters', 'people']) expect(order.indexOf(FLOOD)).toBeLessThan(order.indexOf(local));
    expect(order.indexOf(FLOOD)).toBeGreaterThan(order.indexOf('gsi-pale'));
    // The legend names the colours as the portal does, with the credit; the map's credits list it too.
    const legend = page.locator('[data-testid="hazard-overlays"]');
    for (const e of DEPTH_LEGEND) await expect.poll(() => legend.locator(`[data-legend-key="${e.key}"]`).textContent()).toBe(e.label);
    await expect.poll(() => legend.textContent()).toContain(HAZARD_TILE_CREDIT);
    await expect.poll(() => page.textContent('.maplibregl-ctrl-attrib'), { timeout: 30_000 }).toContain(HAZARD_TILE_CREDIT);
    // A switch turns one layer on and off.
    await page.check('[data-hazard-overlay-toggle="tsunami"]');
    await expect.poll(async () => (await overlaysOn(page, '__hinanMap')).visible).toContain('hazard-tiles-tsunami');
    await page.uncheck('[data-hazard-overlay-toggle="tsunami"]');
    await expect.poll(async () => (await overlaysOn(page, '__hinanMap')).visible).not.toContain('hazard-tiles-tsunami');
    await expect.poll(() => mapIdle(page, '__hinanMap'), { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'hazard-overlays-map');

    // The plan editor's route map: the destination's hazard (洪水, the scenario's) only, tiles no deeper than zoom 15.
    const before = requests.length;
    await openPlanEditor(page, PERSON.id);
    await expect.poll(() => overlaysOn(page, '__hinanRouteMap'), { timeout: 30_000 }).toEqual({ layers: [FLOOD], sources: [FLOOD], visible: [FLOOD] });
    await expect.poll(() => requests.length > before, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => mapIdle(page, '__hinanRouteMap'), { timeout: 30_000 }).toBe(true);
    await expect(page.locator('[data-testid="route-map-hazard-legend"]').textContent()).resolves.toContain(HAZARD_TILE_CREDIT);
    await page.locator('[data-testid="route-map"]').locator('xpath=../..').screenshot({ path: `${SCREENSHOT_DIR}/hazard-overlays-plan.png` });
    // Zoomed right in on the home, as a user would: still no overlay tile closer than zoom 15.
    await page.evaluate(
      ([lng, lat]) =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { __hinanRouteMap: { jumpTo(o: object): void; once(e: string, f: () => void): void } }).__hinanRouteMap;
          map.once('idle', () => resolve());
          map.jumpTo({ center: [lng, lat], zoom: 18.5 });
        }),
      [PERSON.location!.lng, PERSON.location!.lat],
    );
    const fromPlan = requests.slice(before);
    expect(fromPlan.length).toBeGreaterThan(0);
    expect(Math.max(...fromPlan.map((r) => r.z))).toBeLessThanOrEqual(15);
    expect(fromPlan.every((r) => r.layer === '01_flood_l2_shinsuishin_data')).toBe(true);

    // The district print: the overlay on the map, its colours and the credit on the paper.
    await setOperator(page, '山田 花子');
    const beforeKarte = requests.length;
    await openDistrictMap(page, DISTRICT);
    await expect.poll(async () => (await overlaysOn(page, '__hinanDistrictMap')).visible, { timeout: 30_000 }).toEqual([FLOOD]);
    await expect(page.locator('[data-testid="district-map-overlay-legend"]').textContent()).resolves.toContain(HAZARD_TILE_CREDIT);
    const promised = await promisedPages(page);
    const pdf = await printDistrictMap(page, 'hazard-overlays-district');
    expect(pdfPages(pdf)).toBe(promised);
    const text = squash(pdfText(pdf, { page: 1 }));
    expect(text).toContain(squash(HAZARD_TILE_CREDIT));
    expect(text).toContain('洪水浸水想定区域（想定最大規模）（浸水の深さ）');
    for (const e of DEPTH_LEGEND) expect(text).toContain(squash(e.label));
    const fromKarte = requests.slice(beforeKarte);
    expect(fromKarte.length).toBeGreaterThan(0);
    expect(Math.max(...fromKarte.map((r) => r.z))).toBeLessThanOrEqual(15);
  });

  it('offline: the overlays leave every map (no layer, no source, no request), nothing fails, and stored readings are still used', async () => {
    const context = await session.newContext();
    const requests = await servePortal(context);
    const page = await context.newPage();
    await openApp(page);
    await allowThroughStatement(page, requests);
    await expect.poll(async () => (await overlaysOn(page, '__hinanMap')).layers.length, { timeout: 30_000 }).toBe(6);

    // A reading stored earlier (as the read saves it): this person's home in a 3.0〜5.0m flood zone.
    const reading: HazardReading = {
      id: `person|${PERSON.id}|flood`,
      subject: 'person',
      subjectId: PERSON.id,
      hazard: 'flood',
      layers: [{ layer: 'flood', outcome: { state: 'inside', key: DEEP.key, label: DEEP.label, minDepthM: DEEP.minDepthM } }],
      point: [PERSON.location!.lng, PERSON.location!.lat],
      readAt: new Date().toISOString(),
      readOn: japanToday(),
    };
    await storeRecords(page, { hazardReadings: [reading] });
    await page.reload();
    await expect.poll(async () => (await overlaysOn(page, '__hinanMap')).layers.length, { timeout: 30_000 }).toBe(6);

    await context.setOffline(true);
    await expect.poll(() => overlaysOn(page, '__hinanMap'), { timeout: 30_000 }).toEqual({ layers: [], sources: [], visible: [] });
    // The map says it is drawing without the network (here the 地理院タイル had already failed: no
    // internet on the test machine, so that notice stands; else the offline one).
    await expect.poll(async () => /オフライン地図で表示|インターネットにつながっていません/.test((await page.textContent('.map-wrap')) ?? '')).toBe(true);
    await expect(page.locator('[data-testid="hazard-overlays-off"]').textContent()).resolves.toContain('インターネットにつながっていない');
    await expect.poll(() => page.textContent('.maplibregl-ctrl-attrib')).not.toContain(HAZARD_TILE_CREDIT);
    const offlineFrom = requests.length;

    // The stored reading is still the answer for this person (source: the portal's tiles, with its date).
    await page.fill('[data-testid="people-search"]', PERSON.name);
    await page.click(`[data-testid="people-list"] [data-person-id="${PERSON.id}"]`);
    await expect.poll(async () => squash((await page.textContent('[data-testid="person-analysis"]')) ?? ''), { timeout: 30_000 }).toContain('3.0〜5.0m');
    expect(squash((await page.textContent('[data-testid="person-analysis"]')) ?? '')).toContain('ハザードマップポータル');
    // Moving the map asks for nothing.
    await page.evaluate(() => (window as unknown as { __hinanMap: { zoomIn(o: object): void } }).__hinanMap.zoomIn({ duration: 0 }));
    await expect.poll(() => mapIdle(page, '__hinanMap'), { timeout: 30_000 }).toBe(true);
    await screenshot(page, 'hazard-overlays-offline');

    // The plan editor and the district map (the app's own hash routes, no network): no overlay, no legend, no error.
    await page.evaluate((id) => (location.hash = `#/plan/${id}`), PERSON.id);
    await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"])', { timeout: 30_000 });
    await expect.poll(() => mapIdle(page, '__hinanRouteMap'), { timeout: 30_000 }).toBe(true);
    expect(await overlaysOn(page, '__hinanRouteMap')).toEqual({ layers: [], sources: [], visible: [] });
    expect(await page.locator('[data-testid="route-map-hazard-legend"]').count()).toBe(0);
    await page.evaluate(() => (location.hash = '#/karte'));
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', DISTRICT);
    await page.waitForFunction(() => document.querySelector('[data-testid="district-map-canvas"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
    expect(await overlaysOn(page, '__hinanDistrictMap')).toEqual({ layers: [], sources: [], visible: [] });
    expect(await page.locator('[data-testid="district-map-hazard-legend"]').count()).toBe(0);
    expect(await page.locator('[data-testid="district-map-overlay-legend"]').count()).toBe(0);
    expect(await page.locator('[role="alert"]:visible').count()).toBe(0);
    expect(requests.length).toBe(offlineFrom);

    // Back online: the overlays return.
    await context.setOffline(false);
    await expect.poll(async () => (await overlaysOn(page, '__hinanDistrictMap')).visible, { timeout: 30_000 }).toEqual([FLOOD]);
  });

  it('「今後使わない」 (データの保管): no overlay on any map and no request to the portal, until changed back', async () => {
    const context = await session.newContext();
    const requests = await servePortal(context);
    const page = await context.newPage();
    await openApp(page);
    await allowThroughStatement(page, requests);
    await expect.poll(async () => (await overlaysOn(page, '__hinanMap')).layers.length, { timeout: 30_000 }).toBe(6);

    await page.evaluate(() => (location.hash = '#/data'));
    await page.click('[data-testid="hazard-tile-refuse"]');
    await page.waitForSelector('[data-testid="hazard-tile-setting"][data-choice="refused"]', { timeout: 30_000 });
    const from = requests.length;
    await page.evaluate(() => (location.hash = '#/'));
    await expect.poll(() => overlaysOn(page, '__hinanMap'), { timeout: 30_000 }).toEqual({ layers: [], sources: [], visible: [] });
    await expect.poll(() => page.textContent('[data-testid="hazard-overlays-off"]')).toContain('使わない設定');
    await page.evaluate((id) => (location.hash = `#/plan/${id}`), PERSON.id);
    await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"])', { timeout: 30_000 });
    await expect.poll(() => mapIdle(page, '__hinanRouteMap'), { timeout: 30_000 }).toBe(true);
    expect(await overlaysOn(page, '__hinanRouteMap')).toEqual({ layers: [], sources: [], visible: [] });
    expect(requests.length).toBe(from);

    // 使うように戻す: the plan editor's overlay comes back.
    await page.evaluate(() => (location.hash = '#/data'));
    await page.click('[data-testid="hazard-tile-allow"]');
    await page.waitForSelector('[data-testid="hazard-tile-setting"][data-choice="allowed"]', { timeout: 30_000 });
    await page.evaluate((id) => (location.hash = `#/plan/${id}`), PERSON.id);
    await expect.poll(async () => (await overlaysOn(page, '__hinanRouteMap')).visible, { timeout: 30_000 }).toEqual([FLOOD]);
    await expect.poll(() => requests.length > from, { timeout: 30_000 }).toBe(true);
  });
});
