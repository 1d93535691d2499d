import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import type { Supporter } from '../../src/core/supporter';
import { matchSupporters } from '../../src/core/supporterMatching';
import { APP_URL, SCREENSHOT_DIR, demoPeople, demoStreetGrid, importThrough, openApp, pdfPages, setOperator, storedRecords, useBrowser } from './browser';

const session = useBrowser();

/** The demo district with the most people on its map (the densest sheet to print). */
const DISTRICT = (() => {
  const counts = new Map<string, number>();
  for (const p of demoPeople()) if (isShareable(p.consent) && p.location && p.districtId) counts.set(p.districtId, (counts.get(p.districtId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
})();

describe('地区の避難地図 (built app, real Chromium)', () => {
  it('prints the map with a number on every consented person and the numbered list — nothing else of the karte — on as many A4 pages as the screen says, no number covering another', async () => {
    const { page } = await session.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', DISTRICT);
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="district-map-canvas"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });

    // The map draws exactly the district's consented, placed people.
    const expected = demoPeople().filter((p) => p.districtId === DISTRICT && isShareable(p.consent) && p.location);
    // The map may report idle before the people layer has its data: wait for the drawn set, never read it once.
    const drawn = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __hinanDistrictMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[] } }).__hinanDistrictMap;
        return [...new Set(map.queryRenderedFeatures({ layers: ['people'] }).map((f) => f.properties.id))].sort();
      });
    await expect.poll(drawn, { timeout: 30_000 }).toEqual(expected.map((p) => p.id).sort());
    // No network here: the 地理院タイル cannot load, so the offline style is drawn and the credit does not name the tiles.
    const credit = page.locator('[data-testid="district-map-credit"]');
    await expect.poll(() => credit.textContent(), { timeout: 30_000 }).not.toContain('地理院タイル');
    expect(await credit.textContent()).toContain('国土地理院 指定緊急避難場所・指定避難所データ');

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

    // No number label overlaps another: each sits beside its point or, displaced, with a leader line.
    const boxes = await page.$$eval('[data-testid="district-map-mark"]', (ms) => ms.map((m) => m.getBoundingClientRect()).map((r) => ({ l: r.left, t: r.top, r: r.right, b: r.bottom })));
    const clashes: string[] = [];
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b, j) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5 && clashes.push(`${i + 1}×${i + j + 2}`)));
    expect(clashes).toEqual([]);
    const figure = await page.$eval('[data-testid="district-map-image"]', (img) => img.getBoundingClientRect().toJSON() as DOMRect);
    for (const b of boxes) expect(b.l >= figure.left - 0.5 && b.r <= figure.right + 0.5 && b.t >= figure.top - 0.5 && b.b <= figure.bottom + 0.5).toBe(true);

    // The page count the screen promised is the count printed (pdfinfo on Chromium's A4 PDF).
    const promised = Number(/(\d+)枚/.exec((await page.textContent('[data-testid="district-map-pages"]'))!)![1]);
    expect(promised).toBeLessThanOrEqual(1 + Math.ceil(expected.length / 30));
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${SCREENSHOT_DIR}/district-map.pdf` });
    expect(pdfPages(pdf)).toBe(promised);
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/district-map-print.png`, fullPage: true });
  });

  it('draws road routes on the district map once a road network is loaded', async () => {
    const { page } = await session.newPage();
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
  });

  it("lists a plan's own supporters, not 「支援者空白」, for a person the matching left without one; suggestions are marked 「（提案）」", async () => {
    const { page } = await session.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    // Independently: who the engine's matching (500 m, 2 each, 日中) leaves without a supporter.
    const district = 'demo-d3'; // two of its placed people have no supporter within 500 m by day
    const shown = demoPeople().filter((p) => p.districtId === district && isShareable(p.consent));
    const supporters = (await storedRecords<Supporter>(page, 'supporters')).filter((s) => s.districtId === district);
    const matched = new Set(matchSupporters(shown, supporters, { radiusM: 500, target: 2 }).matches.map((m) => m.personId));
    const gap = shown.filter((p) => !matched.has(p.id));
    const [target, unplanned] = gap.filter((p) => p.location); // on the map
    expect(unplanned).toBeDefined();
    // The map panel matches city-wide: the target is 支援者空白 there too, before the plan.
    const everyone = demoPeople().filter((p) => isShareable(p.consent));
    const cityGap = matchSupporters(everyone, await storedRecords<Supporter>(page, 'supporters'), { radiusM: 500, target: 2 }).uncovered;
    expect(cityGap).toContain(target.id);
    const mapGap = (n: number) => page.waitForFunction((t) => document.querySelector('[data-testid="uncovered"]')?.textContent === t, `${n}人`, { timeout: 60_000 });
    await mapGap(cityGap.length);

    // A confirmed plan naming two supporters, made in the editor.
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    const choices = (select: string) =>
      page.$$eval(`[data-testid="${select}-select"] option`, (os) => (os as HTMLOptionElement[]).filter((o) => o.value && o.value !== '__free' && !o.disabled).map((o) => o.value));
    const [primaryId] = await choices('primary-supporter');
    await page.selectOption('[data-testid="primary-supporter-select"]', primaryId);
    if (!(await page.$('[data-testid="backup-supporter-0"]'))) await page.click('[data-testid="add-backup-supporter"]');
    const backupId = (await choices('backup-supporter-0')).find((id) => id !== primaryId)!;
    await page.selectOption('[data-testid="backup-supporter-0-select"]', backupId);
    await page.check('[data-testid="plan-consent-given"]');
    await page.click('[data-testid="mark-confirmed"]');
    await page.click('[data-testid="plan-person-name"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved', undefined, { timeout: 15_000 });
    const names = new Map(supporters.map((s) => [s.id, s.name]));

    // The map panel no longer counts them as 支援者空白.
    await page.goto(`${APP_URL}#/map`);
    await mapGap(cityGap.length - 1);

    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', district);
    // The カルテ: the planned person is not 支援者空白, the other unmatched people are.
    await page.waitForFunction((n) => document.querySelector('[data-testid="karte-gap"]')?.getAttribute('data-value') === String(n), gap.length - 1, { timeout: 30_000 });
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="district-map-print"]');
    await page.waitForSelector('body[data-printed="yes"]', { timeout: 30_000 });
    const cell = (id: string) => page.textContent(`[data-testid="district-map-row"][data-person-id="${id}"] [data-testid="district-map-supporters"]`);
    await expect(cell(target.id)).resolves.toBe(`${names.get(primaryId)}、${names.get(backupId)}`);
    await expect(cell(unplanned.id)).resolves.toBe('支援者空白');
    const other = shown.find((p) => p.location && matched.has(p.id))!;
    await expect(cell(other.id)).resolves.toMatch(/（提案）$/);
  }, 180_000);
});
