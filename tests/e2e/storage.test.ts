import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import { demoPeople, openApp, screenshot, APP_URL, useBrowser } from './browser';

/** The state of persistent storage is shown, and asked again after work (issue 8, item 8). */

const browser = useBrowser();

const person = demoPeople().find((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1')!;
const WARNING = 'この端末のブラウザは、容量が足りないときにデータを消す場合があります';

/** Makes the browser refuse persistent storage (as Chrome does for a little-used site), counting the requests. */
async function refusePersistence(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __persistCalls: number };
    w.__persistCalls = 0;
    StorageManager.prototype.persist = async () => (w.__persistCalls++, false);
    StorageManager.prototype.persisted = async () => false;
  });
}

const persistCalls = (page: Page) => page.evaluate(() => (window as unknown as { __persistCalls: number }).__persistCalls);

async function savePlanEdit(page: Page, text: string): Promise<void> {
  await page.fill('[data-testid="supporter-notes"]', text);
  await page.click('[data-testid="plan-person-name"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved', undefined, { timeout: 15_000 });
}

describe('persistent storage (built app, real Chromium)', () => {
  it('when the browser refuses, says so with what to do, shows usage in MB, and asks again once after a plan is saved', async () => {
    const { page } = await browser.newPage();
    await refusePersistence(page);
    await openApp(page);
    const status = page.locator('[data-testid="storage-status"]');
    await expect.poll(() => status.getAttribute('data-persisted')).toBe('false');
    await expect.poll(() => status.textContent()).toContain(WARNING);
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(/使用量 [\d,.]+ MB ／ 上限 [\d,.]+ MB/);
    for (const advice of ['「データの保管」でバックアップを作り', 'サイトデータ', 'ホーム画面に追加']) expect(text).toContain(advice);
    await screenshot(page, 'storage-not-persisted');
    const before = await persistCalls(page);
    expect(before).toBe(1); // asked before the demo was written

    await page.goto(`${APP_URL}#/plan/${person.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    await savePlanEdit(page, '一度目の保存');
    await expect.poll(() => persistCalls(page)).toBe(2); // asked again after meaningful work
    await savePlanEdit(page, '二度目の保存');
    await expect.poll(() => page.locator('[data-testid="storage-status"]').textContent()).toContain(WARNING); // still shown on every screen
    expect(await persistCalls(page)).toBe(2); // at most once more per session
  });

  it('shows what headless Chromium really answers, the same as navigator.storage.persisted()', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const status = page.locator('[data-testid="storage-status"]');
    const real = await page.evaluate(() => navigator.storage.persisted());
    await expect.poll(() => status.getAttribute('data-persisted')).toBe(String(real));
    if (real) expect(await status.textContent()).toContain('この端末に保持されます');
    else expect(await status.textContent()).toContain(WARNING);
    expect(await status.textContent()).toMatch(/使用量 [\d,.]+ MB/);
  });
});
