import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_URL, demoPeople, demoStreetGrid, importThrough, openApp, screenshot, waitForMapIdle, useBrowser } from './browser';

/**
 * Issue 12, item 3: hazard zones and roads are drawn from vector tiles the tile worker made and
 * stored on the device, served to MapLibre through the `hinan-tiles://` protocol — not from
 * GeoJSON sources the page fills. Rebuilt when the store changes (here: another tab's import),
 * cleared by 「すべてのデータを消去」.
 */

/** The real PLATEAU 沼津市 土砂災害警戒区域 file: 81 zones (tests/fixtures/hazards/README.md). */
const HAZARD_FILE = 'tests/fixtures/hazards/landslide_zones_numazu_plateau.geojson';
/** The file's extent, `[[west, south], [east, north]]`. */
const NUMAZU: [[number, number], [number, number]] = [
  [138.8743, 35.0824],
  [138.8892, 35.1393],
];
/** The demo street grid's extent (一箕町松長地区). */
const GRID: [[number, number], [number, number]] = [
  [139.949, 37.522],
  [139.967, 37.535],
];

const dir = mkdtempSync(join(tmpdir(), 'hinan-tiles-'));
const gridPath = join(dir, 'roads.geojson');
writeFileSync(gridPath, JSON.stringify(demoStreetGrid()));

/** A wheelchair user in 一箕町松長地区, inside the street grid. */
const person = demoPeople().find((p) => p.id === 'demo-p002')!;
/** A square zone `d` degrees across centred `dx` degrees east of the person's home, as a hazard GeoJSON file. */
function zoneFile(name: string, dx: number, d = 0.0012): string {
  const [x, y] = [person.location!.lng + dx, person.location!.lat];
  const ring = [[x - d, y - d], [x + d, y - d], [x + d, y + d], [x - d, y + d], [x - d, y - d]];
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
  return path;
}

const browser = useBrowser();

type MapHook = {
  fitBounds(b: unknown, o: object): void;
  getSource(id: string): { type: string; tiles?: string[] } | undefined;
  getLayer(id: string): unknown;
  getLayoutProperty(id: string, p: string): unknown;
  querySourceFeatures(id: string, o: { sourceLayer: string }): { id?: number; properties: Record<string, unknown> }[];
  queryRenderedFeatures(o: { layers: string[] }): unknown[];
};

/** Frames `bounds` on the map screen's map and waits until it has drawn. */
async function frame(page: Page, bounds: [[number, number], [number, number]]): Promise<void> {
  await page.evaluate((b) => (window as unknown as { __hinanMap: MapHook }).__hinanMap.fitBounds(b, { duration: 0, padding: 20 }), bounds);
  await waitForMapIdle(page);
}

/** Features of the vector source `id` (layer `id`) in the tiles the map has loaded: MVT id and properties. */
function sourceFeatures(page: Page, id: 'hazards' | 'roads') {
  return page.evaluate((s) => {
    const map = (window as unknown as { __hinanMap: MapHook }).__hinanMap;
    if (!map.getSource(s)) return [];
    return map.querySourceFeatures(s, { sourceLayer: s }).map((f) => ({ id: f.id, properties: f.properties }));
  }, id);
}

function renderedCount(page: Page, layer: string): Promise<number> {
  return page.evaluate((l) => {
    const map = (window as unknown as { __hinanMap: MapHook }).__hinanMap;
    return map.getLayer(l) ? map.queryRenderedFeatures({ layers: [l] }).length : -1;
  }, layer);
}

/** Tiles and built layers in the tile database (without creating it when it is absent). */
function tileDbCounts(page: Page): Promise<{ tiles: number; layers: number } | null> {
  return page.evaluate(async () => {
    const name = 'hinan-shien-planner-tiles';
    if (!(await indexedDB.databases()).some((d) => d.name === name)) return null;
    return new Promise((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains('tiles')) return (db.close(), resolve({ tiles: 0, layers: 0 }));
        const tx = db.transaction(['tiles', 'layers']);
        const tiles = tx.objectStore('tiles').count();
        const layers = tx.objectStore('layers').count();
        tx.oncomplete = () => (db.close(), resolve({ tiles: tiles.result, layers: layers.result }));
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
  });
}

describe('hazard zones and roads from vector tiles', () => {
  it('draws imported zones from the tile source, rebuilds when another tab imports roads, and erasing clears them', { timeout: 180_000 }, async () => {
    const { context, page } = await browser.newPage();
    // Content-Security-Policy violations (a tile fetched over the network would be one).
    await page.addInitScript(() => {
      const w = window as unknown as { __cspViolations: string[] };
      w.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    await openApp(page);
    // A tile the store does not have (most of the map) is an empty tile, never a map error.
    const watchErrors = () =>
      page.evaluate(() => {
        const w = window as unknown as { __hinanMap: { on(t: string, f: (e: { sourceId?: string; error?: Error }) => void): void }; __tileErrors: string[] };
        w.__tileErrors = [];
        w.__hinanMap.on('error', (e) => {
          if (e.sourceId === 'hazards' || e.sourceId === 'roads') w.__tileErrors.push(`${e.sourceId}: ${e.error?.message}`);
        });
      });
    const tileErrors = () => page.evaluate(() => (window as unknown as { __tileErrors: string[] }).__tileErrors);

    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="hazards"]');
    await page.selectOption('.hazard-choice select', 'landslide');
    await page.setInputFiles('[data-testid="import-file"]', HAZARD_FILE);
    await page.click('[data-testid="import-commit"]:not([disabled])', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 30_000 });

    // The map screen builds the tiles of the changed store, then draws the 81 zones from them.
    await page.goto(`${APP_URL}#/map`);
    await waitForMapIdle(page);
    await watchErrors();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __hinanMap: MapHook }).__hinanMap.getSource('hazards')?.type), { timeout: 60_000 }).toBe('vector');
    await frame(page, NUMAZU);
    await expect.poll(async () => new Set((await sourceFeatures(page, 'hazards')).map((f) => f.id)).size, { timeout: 60_000 }).toBe(81);
    const zones = await sourceFeatures(page, 'hazards');
    expect(zones.every((f) => f.properties.hazard === 'landslide')).toBe(true);
    expect(zones.some((f) => f.properties.depthClass)).toBe(true);
    await expect.poll(() => renderedCount(page, 'hazards-fill'), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'geodata-tiles-hazards');
    const url = await page.evaluate(() => (window as unknown as { __hinanMap: MapHook }).__hinanMap.getSource('hazards')!.tiles![0]);
    expect(url).toMatch(/^hinan-tiles:\/\/hazards\/\{z\}\/\{x\}\/\{y\}\?r=\w+$/);
    expect(await tileDbCounts(page)).toMatchObject({ layers: 2 });

    // The layer toggle hides and shows them.
    await page.uncheck('[data-layer-toggle="hazards"]');
    await expect.poll(() => page.evaluate(() => (window as unknown as { __hinanMap: MapHook }).__hinanMap.getLayoutProperty('hazards-fill', 'visibility'))).toBe('none');
    await waitForMapIdle(page);
    expect(await renderedCount(page, 'hazards-fill')).toBe(0);
    await page.check('[data-layer-toggle="hazards"]');
    await expect.poll(() => renderedCount(page, 'hazards-fill'), { timeout: 30_000 }).toBeGreaterThan(0);

    // Another tab imports a road network: this map sees the store change, says it is preparing the
    // tiles, builds them and draws the roads (the zones stay).
    await page.evaluate(() => {
      const w = window as unknown as { __sawBuilding: boolean };
      w.__sawBuilding = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="geodata-tiles-building"]')?.textContent?.includes('地図の区域データを準備しています')) w.__sawBuilding = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const urlBefore = url;
    const other = await context.newPage();
    await importThrough(other, 'roads', gridPath);
    await other.close();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __hinanMap: MapHook }).__hinanMap.getSource('hazards')!.tiles![0]), { timeout: 60_000 }).not.toBe(urlBefore);
    expect(await page.evaluate(() => (window as unknown as { __sawBuilding: boolean }).__sawBuilding)).toBe(true);
    await frame(page, GRID);
    await expect.poll(async () => (await sourceFeatures(page, 'roads')).length, { timeout: 60_000 }).toBeGreaterThan(40);
    await expect.poll(() => renderedCount(page, 'roads'), { timeout: 30_000 }).toBeGreaterThan(0);
    await screenshot(page, 'geodata-tiles-roads');
    await frame(page, NUMAZU);
    await expect.poll(async () => new Set((await sourceFeatures(page, 'hazards')).map((f) => f.id)).size, { timeout: 60_000 }).toBe(81);
    expect(await tileErrors()).toEqual([]);

    // 「すべてのデータを消去」: the tiles go with the store; the map draws no zone.
    await page.goto(`${APP_URL}#/data`);
    await page.waitForSelector('[data-testid="erase-section"]', { timeout: 30_000 });
    await page.fill('[data-testid="erase-confirm"]', (JSON.parse(readFileSync('data/demo/districts.json', 'utf8')) as { name: string }[])[0].name);
    expect(await page.isEnabled('[data-testid="erase-commit"]')).toBe(true);
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), page.click('[data-testid="erase-commit"]')]);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await page.goto(`${APP_URL}#/map`);
    await waitForMapIdle(page);
    await expect.poll(() => tileDbCounts(page), { timeout: 60_000 }).toEqual({ tiles: 0, layers: 2 });
    await frame(page, NUMAZU);
    await expect.poll(async () => (await sourceFeatures(page, 'hazards')).length, { timeout: 30_000 }).toBe(0);
    expect(await renderedCount(page, 'hazards-fill')).toBe(0);

    // Our tiles never left the device, and nothing was blocked by the page's CSP.
    expect(requests.filter((u) => u.includes('hinan-tiles'))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });

  it('the plan editor’s route map draws the roads and only its hazard’s zones from the same tiles', { timeout: 120_000 }, async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await importThrough(page, 'roads', gridPath);
    await importThrough(page, 'hazards', zoneFile('flood.geojson', 0)); // 洪水, the default choice
    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="hazards"]');
    await page.selectOption('.hazard-choice select', 'landslide');
    await page.setInputFiles('[data-testid="import-file"]', zoneFile('landslide.geojson', 0.003));
    await page.click('[data-testid="import-commit"]:not([disabled])', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 30_000 });

    await page.goto(`${APP_URL}#/plan/${person.id}`);
    await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"])', { timeout: 30_000 });
    if (!(await page.$('[data-testid="route-editor-flood"]'))) await page.click('[data-testid="dest-flood-map"]');
    type RouteMapHook = MapHook & { loaded(): boolean; jumpTo(o: object): void };
    await page.waitForFunction(() => (window as unknown as { __hinanRouteMap?: RouteMapHook }).__hinanRouteMap?.loaded(), undefined, { timeout: 30_000 });
    // Both zones in view.
    await page.evaluate(([lng, lat]) => (window as unknown as { __hinanRouteMap: RouteMapHook }).__hinanRouteMap.jumpTo({ center: [lng + 0.0015, lat], zoom: 15 }), [person.location!.lng, person.location!.lat]);
    const drawn = (layer: string) =>
      page.evaluate((l) => {
        const map = (window as unknown as { __hinanRouteMap: RouteMapHook }).__hinanRouteMap;
        return map.getLayer(l) ? (map.queryRenderedFeatures({ layers: [l] }) as { properties: Record<string, unknown> }[]).map((f) => f.properties) : null;
      }, layer);
    await expect.poll(async () => (await drawn('roads'))?.length ?? 0, { timeout: 60_000 }).toBeGreaterThan(10);
    await expect.poll(async () => (await drawn('hazards-fill'))?.length ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelector('[data-testid="route-map"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
    const zones = (await drawn('hazards-fill'))!;
    expect(new Set(zones.map((z) => z.hazard))).toEqual(new Set(['flood']));
    // The landslide zone is in the same tiles (the source holds it), only filtered out here.
    const inSource = await page.evaluate(() => (window as unknown as { __hinanRouteMap: RouteMapHook }).__hinanRouteMap.querySourceFeatures('hazards', { sourceLayer: 'hazards' }).map((f) => f.properties.hazard));
    expect(new Set(inSource)).toEqual(new Set(['flood', 'landslide']));
  });
});
