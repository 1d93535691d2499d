import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import { demoPeople, listedPersonIds, openApp, renderedPersonIds, screenshot, waitForApp, useBrowser } from './browser';

const browser = useBrowser();

const consentedIds = demoPeople()
  .filter((p) => isShareable(p.consent))
  .map((p) => p.id)
  .sort();

describe('offline', () => {
  it('loads and shows the demo map with every non-localhost request blocked', async () => {
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      outside.push(url.href);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    await openApp(page);
    expect((await listedPersonIds(page)).sort()).toEqual(consentedIds);
    expect((await renderedPersonIds(page)).length).toBeGreaterThan(100);
    await expect(page.textContent('.maplibregl-ctrl-attrib')).resolves.toContain('地理院タイル');
    await screenshot(page, 'offline-map');
    // The only outside requests the app ever makes are 地理院タイル map tiles: no personal data leaves.
    for (const url of outside) expect(new URL(url).hostname).toBe('cyberjapandata.gsi.go.jp');
  });

  it('starts with no network on a second visit (service worker)', async () => {
    const { context, page } = await browser.newPage();
    await openApp(page);
    // Wait until the service worker has cached the app shell, then load once under its control.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await waitForApp(page);
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await waitForApp(page);
    expect((await listedPersonIds(page)).sort()).toEqual(consentedIds);
    expect((await renderedPersonIds(page)).length).toBeGreaterThan(100);
  });
});
