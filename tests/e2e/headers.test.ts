import { describe, expect, it } from 'vitest';
import { APP_URL, openApp, useBrowser } from './browser';

const browser = useBrowser();

describe('what the server and the page tell the browser', () => {
  it('the preview server (npm start) forbids framing, sends no referrer and no MIME sniffing', async () => {
    for (const path of ['', 'index.html', 'icon.svg']) {
      const res = await fetch(`${APP_URL}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it("the page's CSP allows no plugins, no <base> and no form posts, and the page sends no referrer", async () => {
    const html = await (await fetch(APP_URL)).text();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const directives = csp.split(';').map((d) => d.trim());
    for (const d of ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "script-src 'self'"]) expect(directives).toContain(d);
    // Outside hosts by name, exactly those the app uses: 地理院タイル, the ハザードマップポータル's tiles, the address search.
    expect(directives).toContain("img-src 'self' data: blob: https://cyberjapandata.gsi.go.jp https://disaportaldata.gsi.go.jp");
    expect(directives).toContain("connect-src 'self' blob: https://cyberjapandata.gsi.go.jp https://msearch.gsi.go.jp https://disaportaldata.gsi.go.jp");
    expect(html).toContain('<meta name="referrer" content="no-referrer" />');
  });

  it('the app still works under that policy: map, workers, blob URLs, import worker — and no violation is reported', async () => {
    const { page } = await browser.newPage();
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await openApp(page);
    // People drawn on the map come through Blob URLs read by MapLibre's worker.
    await expect.poll(() => page.evaluate(() => (window as unknown as { __hinanMap: { queryRenderedFeatures(o: object): unknown[] } }).__hinanMap.queryRenderedFeatures({ layers: ['people'] }).length)).toBeGreaterThan(0);
    // The import screen reads files in a Web Worker.
    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="people"]');
    await page.setInputFiles('[data-testid="import-file"]', 'tests/fixtures/people_template.csv');
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });
});
