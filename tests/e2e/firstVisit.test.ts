/**
 * Issue 9 defect 13 in real Chromium: on a first visit the list said 「表示できる要支援者がいません。
 * 名簿を取り込んでください。」 for seconds before the demo appeared; after removing the demo the
 * empty map offered no way on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import { APP_URL, demoPeople, openApp, useBrowser } from './browser';

const browser = useBrowser();

const FALSE_EMPTY = '表示できる要支援者がいません';

describe('first visit', () => {
  it('says it is loading, never that there is nobody, until the demo is shown', async () => {
    const context = await browser.newContext();
    // The demo files arrive slowly, as on a slow disk or network: the store answers (empty) long before.
    await context.route(/\/assets\/(people|supporters|districts)-[^/]+\.js$/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.continue();
    });
    const page = await context.newPage();
    // Every text the people list shows, from the page's first script on.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __listTexts: string[] }).__listTexts = seen;
      const record = () => {
        const el = document.querySelector('.people');
        const text = el?.textContent?.replace(/\s+/g, ' ').trim();
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      };
      new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await openApp(page);
    const shown = demoPeople().filter((p) => isShareable(p.consent)).length;
    await expect.poll(() => page.textContent('[data-testid="people-count"]'), { timeout: 30_000 }).toBe(`${shown}人`);
    const texts = await page.evaluate(() => (window as unknown as { __listTexts: string[] }).__listTexts);
    expect(texts.filter((t) => t.includes(FALSE_EMPTY))).toEqual([]);
    expect(texts.some((t) => t.includes('読み込んでいます'))).toBe(true);
  }, 120_000);

  it('after the demo is removed, shows the three first steps (避難所 → 名簿 → 支援者) with links and templates', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    expect(await page.$('[data-testid="first-steps"]')).toBeNull(); // the demo is shown
    page.on('dialog', (d) => d.accept());
    await page.click('[data-testid="demo-banner"] button');
    const steps = page.locator('[data-testid="first-steps"]');
    await steps.waitFor({ timeout: 30_000 });
    expect(await page.textContent('[data-testid="people-list"]')).toContain(FALSE_EMPTY);

    const links = await steps.locator('ol > li a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['避難所・避難場所を取り込む', '#/import/shelters'],
      ['避難行動要支援者名簿を取り込む', '#/import/people'],
      ['避難支援等実施者（支援者）を取り込む', '#/import/supporters'],
    ]);

    // The 名簿 template, with the optional 情報提供先 column.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="first-step-template-people"]')]);
    expect(download.suggestedFilename()).toBe('要支援者名簿テンプレート.csv');
    const header = new TextDecoder().decode(readFileSync((await download.path())!)).replace(/^\uFEFF/, '').trim();
    expect(header.split(',')).toContain('情報提供先');

    // Each link opens the import screen with its kind chosen.
    await page.click('[data-testid="first-step-link-shelters"]');
    await page.waitForSelector('input[name="kind"][value="shelters"]:checked', { timeout: 30_000 });
    await page.goto(`${APP_URL}#/map`);
    await page.click('[data-testid="first-step-link-supporters"]', { timeout: 30_000 });
    await page.waitForSelector('input[name="kind"][value="supporters"]:checked', { timeout: 30_000 });
  }, 120_000);
});
