import { describe, expect, it } from 'vitest';
import { APP_URL, waitForApp, useBrowser } from './browser';

const browser = useBrowser();

describe('an address the app cannot read', () => {
  it.each(['#/plan/%', '#/plan/%E3%81', '#/drill/%zz'])('%s shows 「そのページは見つかりません」 with a way back, not a blank page', async (hash) => {
    const { page } = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${APP_URL}${hash}`);
    const notFound = page.locator('[data-testid="not-found"]');
    await notFound.waitFor({ timeout: 30_000 });
    expect(await notFound.textContent()).toContain('そのページは見つかりません');
    expect(pageErrors).toEqual([]);
    await notFound.getByRole('link', { name: '地図と名簿に戻る' }).click();
    await waitForApp(page);
    expect(new URL(page.url()).hash).toBe('#/map');
    expect(await page.locator('[data-testid="not-found"]').count()).toBe(0);
  });

  it('a malformed address typed while the app is open also shows the message', async () => {
    const { page } = await browser.newPage();
    await page.goto(APP_URL);
    await waitForApp(page);
    await page.evaluate(() => (location.hash = '#/plan/%'));
    await page.locator('[data-testid="not-found"]').waitFor({ timeout: 10_000 });
  });
});
