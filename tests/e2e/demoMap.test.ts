import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import { demoPeople, listedPersonIds, openApp, renderedPersonIds, screenshot, APP_URL, waitForApp, useBrowser } from './browser';

const browser = useBrowser();

const people = demoPeople();
const consented = people.filter((p) => isShareable(p.consent));
const withheld = people.filter((p) => !isShareable(p.consent));

/** Counts distinct colours and non-background pixels of the map canvas. */
function canvasStats(page: Page) {
  return page.evaluate(async () => {
    const map = (window as unknown as { __hinanMap: { getCanvas(): HTMLCanvasElement } }).__hinanMap;
    const src = map.getCanvas();
    const c = document.createElement('canvas');
    c.width = src.width;
    c.height = src.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(src, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const colours = new Set<number>();
    let mobilityPixels = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      // the 杖・歩行器 amber (#f9a825) and 寝たきり red (#c62828) of people dots
      if (Math.abs(data[i] - 0xf9) < 12 && Math.abs(data[i + 1] - 0xa8) < 12 && data[i + 2] < 70) mobilityPixels++;
      if (Math.abs(data[i] - 0xc6) < 12 && Math.abs(data[i + 1] - 0x28) < 12 && Math.abs(data[i + 2] - 0x28) < 12) mobilityPixels++;
    }
    return { colours: colours.size, mobilityPixels };
  });
}

describe('demo district map (built app, real Chromium)', () => {
  it('loads the 会津若松 demo with a banner, and the list shows exactly the consented people', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await expect(page.textContent('[data-testid="demo-banner"]')).resolves.toContain('デモデータ');

    const listed = await listedPersonIds(page);
    expect(listed.sort()).toEqual(consented.map((p) => p.id).sort());
    await expect(page.textContent('[data-testid="hidden-count"]')).resolves.toContain(`${withheld.length}人`);

    const drawn = await renderedPersonIds(page);
    expect(drawn.sort()).toEqual(consented.filter((p) => p.location).map((p) => p.id).sort());

    const stats = await canvasStats(page);
    expect(stats.colours).toBeGreaterThan(50);
    expect(stats.mobilityPixels).toBeGreaterThan(100);
    await screenshot(page, 'demo-map');
  });

  it('never shows a refused or pending person: not on the map, not in the list, not in the page', async () => {
    expect(withheld.length).toBeGreaterThan(0);
    const { page } = await browser.newPage();
    await openApp(page);
    const districtIds = await page.$$eval('[data-testid="district-filter"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    for (const value of districtIds) {
      await page.selectOption('[data-testid="district-filter"]', value);
      await page.waitForTimeout(200);
      const html = await page.content();
      for (const p of withheld) {
        expect(html).not.toContain(p.name);
        expect(html).not.toContain(p.address);
      }
      const drawn = new Set(await renderedPersonIds(page));
      for (const p of withheld) expect(drawn.has(p.id)).toBe(false);
    }
    // Nor on any other screen: plans, 地区カルテ, import, 位置の確認; nor in a withheld person's plan URL.
    for (const screen of ['plan', 'karte', 'import', 'places', `plan/${withheld[0].id}`]) {
      await page.goto(`${APP_URL}#/${screen}`);
      await page.waitForTimeout(1500);
      const html = await page.content();
      for (const p of withheld) {
        expect(html, `#/${screen}`).not.toContain(p.name);
        expect(html, `#/${screen}`).not.toContain(p.address);
      }
    }
  });

  it('shows a person’s details when clicked in the list and on the map', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const target = consented.find((p) => p.medical.length > 0)!;
    await page.click(`[data-person-id="${target.id}"]`);
    await expect(page.textContent('[data-testid="detail-name"]')).resolves.toBe(target.name);
    const detail = (await page.textContent('[data-testid="detail"]'))!;
    expect(detail).toContain(target.address);
    expect(detail).toContain('医療');

    // Close, then click the same person's dot on the map.
    await page.click('button[aria-label="詳細を閉じる"]');
    await page.evaluate(([lng, lat]) => {
      const map = (window as unknown as { __hinanMap: { jumpTo(o: object): void } }).__hinanMap;
      map.jumpTo({ center: [lng, lat], zoom: 17 });
    }, [target.location!.lng, target.location!.lat]);
    await page.waitForTimeout(300);
    const box = (await page.$('[data-testid="map"]'))!.boundingBox();
    const b = (await box)!;
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    await expect(page.textContent('[data-testid="detail-name"]')).resolves.toBe(target.name);
  });

  it('keeps everything across a reload, and a removed demo stays removed', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const before = await listedPersonIds(page);
    await page.reload();
    await waitForApp(page);
    expect(await listedPersonIds(page)).toEqual(before);

    page.once('dialog', (d) => d.accept());
    await page.click('[data-testid="demo-banner"] button');
    await page.waitForFunction(() => !document.querySelector('[data-testid="demo-banner"]'));
    expect(await listedPersonIds(page)).toEqual([]);
    await page.reload();
    await waitForApp(page);
    expect(await listedPersonIds(page)).toEqual([]);
    expect(await page.$('[data-testid="demo-banner"]')).toBeNull();
  });

  it('two open tabs agree: removing the demo in one empties the other without a reload', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    await openApp(a);
    const b = await context.newPage();
    await openApp(b);
    expect((await listedPersonIds(b)).length).toBe(consented.length);
    a.once('dialog', (d) => d.accept());
    await a.click('[data-testid="demo-banner"] button');
    await b.waitForFunction(() => document.querySelectorAll('[data-person-id]').length === 0, undefined, { timeout: 10_000 });
  });

  it('renders a name containing markup as text and runs nothing', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const evil = '<img src=x onerror=alert(1)>悪意 太郎';
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    // Write the record straight into IndexedDB, as an import of a hostile file would.
    await page.evaluate(async (name) => {
      const base = {
        id: 'xss-1', name, nameKana: 'アクイ タロウ', birthDate: '1940-01-01', sex: 'male', address: '<script>alert(2)</script>会津若松市',
        phone: '', reason: '<b>bold</b>', districtId: 'demo-d1', mobility: 'wheelchair', household: 'alone', medical: [], communication: [],
        consent: { status: 'given', date: '2025-01-01', method: 'signature', recipients: ['jishubo'] }, origin: 'user',
        location: { lng: 139.957, lat: 37.529, source: 'manual', at: '2026-01-01T00:00:00Z' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
      };
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('hinan-shien-planner');
        open.onsuccess = () => {
          const tx = open.result.transaction('people', 'readwrite');
          tx.objectStore('people').put(base);
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      });
    }, evil);
    await page.reload();
    await waitForApp(page);
    await page.click('[data-person-id="xss-1"]');
    await expect(page.textContent('[data-testid="detail-name"]')).resolves.toBe(evil);
    await expect(page.textContent('[data-person-id="xss-1"] .person-name')).resolves.toBe(evil);
    expect(await page.$('img[src="x"]')).toBeNull();
    expect(await page.$('[data-testid="detail"] script, [data-testid="detail"] b')).toBeNull();
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
  });
});
