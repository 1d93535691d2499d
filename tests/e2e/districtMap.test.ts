import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import { APP_URL, SCREENSHOT_DIR, demoPeople, demoStreetGrid, importThrough, launchChromium, newContext, openApp } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const DISTRICT = 'demo-d2';

describe('地区の避難地図 (built app, real Chromium)', () => {
  it('prints one sheet: the map with a number on every consented person, and the numbered list — nothing else of the karte', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', DISTRICT);
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="district-map-canvas"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });

    // The map draws exactly the district's consented, placed people.
    const expected = demoPeople().filter((p) => p.districtId === DISTRICT && isShareable(p.consent) && p.location);
    const drawn = await page.evaluate(() => {
      const map = (window as unknown as { __hinanDistrictMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__hinanDistrictMap;
      return [...new Set(map.queryRenderedFeatures({ layers: ['people'] }).map((f) => f.properties.id))];
    });
    expect(drawn.sort()).toEqual(expected.map((p) => p.id).sort());

    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="district-map-print"]');
    await page.waitForSelector('body[data-printed="yes"]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-testid="district-map-sheet"]')).toBe(true);
    for (const hidden of ['[data-testid="karte-lines"]', '[data-testid="district-map-canvas"]', '[data-testid="roster-export"]', 'header nav', '[data-testid="demo-banner"]']) {
      expect(await page.isVisible(hidden), hidden).toBe(false);
    }

    // One number per person on the map and one row per number in the list, most urgent first.
    const rows = await page.$$eval('[data-testid="district-map-row"]', (rs) => rs.map((r) => ({ id: r.getAttribute('data-person-id')!, n: Number(r.getAttribute('data-n')), cells: [...r.children].map((c) => c.textContent ?? '') })));
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(rows.map((r) => r.n)).toEqual(rows.map((_, i) => i + 1));
    const ranks = rows.map((r) => r.cells[4]);
    expect([...ranks].sort()).toEqual(ranks);
    expect(await page.$$eval('[data-testid="district-map-mark"]', (ms) => ms.length)).toBe(expected.length);
    const names = new Map(expected.map((p) => [p.id, p.name]));
    for (const r of rows) expect(r.cells[1]).toBe(names.get(r.id));

    // The map image is the rendered map, not a blank canvas: many distinct colours.
    const colours = await page.$eval('[data-testid="district-map-image"]', async (img) => {
      const el = img as HTMLImageElement;
      await el.decode();
      const c = document.createElement('canvas');
      c.width = el.naturalWidth;
      c.height = el.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(el, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(8);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/district-map-print.png`, fullPage: true });
    await context.close();
  });

  it('draws road routes on the district map once a road network is loaded', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openApp(page);
    const roads = join(mkdtempSync(join(tmpdir(), 'hinan-district-map-')), 'roads.geojson');
    writeFileSync(roads, JSON.stringify(demoStreetGrid())); // a street grid over 一箕町松長地区 (demo-d1)
    await importThrough(page, 'roads', roads);
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', 'demo-d1');
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
    const routed = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __hinanDistrictMap: { queryRenderedFeatures(o: object): { properties: { routed: boolean } }[] } }).__hinanDistrictMap;
        return map.queryRenderedFeatures({ layers: ['routes'] }).filter((f) => f.properties.routed).length;
      });
    await expect.poll(routed, { timeout: 20_000 }).toBeGreaterThan(0);
    await context.close();
  });
});
