/**
 * Issue 9 defect 13 in real Chromium: an imported city had no district or city outlines. Outlines
 * are imported from GeoJSON (the real 国土数値情報 青森市 outline here), all or nothing, and a 町内会
 * outline can be drawn on the map by tapping its corners.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { District } from '../../src/core/district';
import { APP_URL, openApp, storedRecords, waitForMapIdle, useBrowser } from './browser';

const browser = useBrowser();

const AOMORI = '../shared/data/boundaries/city_boundary_N03-2021_s0010_02201_aomori.geojson';
const districts = (page: Parameters<typeof storedRecords>[0]) => storedRecords<District>(page, 'districts');

describe('地区 outlines', () => {
  it('imports a city outline from GeoJSON; a file with an unusable feature writes nothing and says why', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/import/districts`);
    await page.waitForSelector('input[name="kind"][value="districts"]:checked', { timeout: 30_000 });

    // A point among the polygons: nothing can be saved.
    const bad = join(mkdtempSync(join(tmpdir(), 'hinan-outline-')), '町内会.geojson');
    const square = [[[140.7, 40.8], [140.71, 40.8], [140.71, 40.81], [140.7, 40.81], [140.7, 40.8]]];
    writeFileSync(bad, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { 町内会名: '第一町内会' }, geometry: { type: 'Polygon', coordinates: square } },
      { type: 'Feature', properties: { 町内会名: '第二町内会' }, geometry: { type: 'Point', coordinates: [140.7, 40.8] } },
    ] }));
    await page.setInputFiles('[data-testid="import-file"]', bad);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('2番目の地物（「第二町内会」）の形状が「Point」です');
    expect(await page.$('[data-testid="import-commit"]')).toBeNull();
    expect((await districts(page)).map((d) => d.name)).not.toContain('第一町内会');

    await page.setInputFiles('[data-testid="import-file"]', AOMORI);
    await page.waitForSelector('[data-testid="outline-row"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="outline-row"]')).toContain('青森市');
    await page.click('[data-testid="import-commit"]');
    expect(await page.textContent('[data-testid="import-done"]', { timeout: 30_000 })).toContain('新しい地区 1件');
    const aomori = (await districts(page)).find((d) => d.name === '青森市')!;
    expect(aomori.outline?.type).toBe('Polygon');
    expect(aomori.outline!.coordinates[0].length).toBeGreaterThan(10);

    await page.goto(`${APP_URL}#/map`);
    await page.waitForSelector(`[data-testid="district-filter"] option:text("青森市")`, { state: 'attached', timeout: 30_000 });
  }, 120_000);

  it('draws a 町内会 outline on the map: tap corners, 1つ戻す, 描き終える, name it', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await page.click('[data-testid="outline-draw"]');
    const box = (await page.locator('[data-testid="map"]').boundingBox())!;
    const at = (fx: number, fy: number) => page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
    const drawer = page.locator('[data-testid="outline-drawer"]');
    // Corners in empty places of the map (a tap adds a corner, never selects a person).
    for (const [fx, fy, n] of [[0.25, 0.25, 1], [0.75, 0.25, 2], [0.75, 0.75, 3], [0.5, 0.8, 4]] as const) {
      await at(fx, fy);
      await expect.poll(() => drawer.getAttribute('data-points')).toBe(String(n));
    }
    expect(await page.$('[data-testid="detail"]')).toBeNull();
    await page.click('[data-testid="outline-undo"]');
    await expect.poll(() => drawer.getAttribute('data-points')).toBe('3');
    await at(0.25, 0.75);
    await expect.poll(() => drawer.getAttribute('data-points')).toBe('4');
    await page.click('[data-testid="outline-finish"]');
    await page.fill('[data-testid="outline-name"]', '松長一丁目町内会');
    await page.click('[data-testid="outline-save"]');
    expect(await page.textContent('[data-testid="outline-saved"]', { timeout: 30_000 })).toContain('松長一丁目町内会');

    const drawn = (await districts(page)).find((d) => d.name === '松長一丁目町内会')!;
    expect(drawn.outline?.type).toBe('Polygon');
    const ring = drawn.outline!.coordinates[0] as number[][];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    // The corners are where the map was tapped: the map's four quarters around its centre.
    const bounds = await page.evaluate(() => (window as unknown as { __hinanMap: { getBounds(): { toArray(): number[][] } } }).__hinanMap.getBounds().toArray());
    const [[w, s], [e, n]] = bounds;
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThan(w);
      expect(x).toBeLessThan(e);
      expect(y).toBeGreaterThan(s);
      expect(y).toBeLessThan(n);
    }
    expect(ring[0][0]).toBeLessThan(ring[1][0]); // west corner first, then east
    expect(ring[0][1]).toBeGreaterThan(ring[2][1]); // north corner first, then south
    await waitForMapIdle(page);
    await page.waitForSelector(`[data-testid="district-filter"] option:text("松長一丁目町内会")`, { state: 'attached' });
  }, 120_000);
});
