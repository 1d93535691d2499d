import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_URL, SCREENSHOT_DIR } from './browser';

/** The 地区カルテ of `district` with its 地区避難地図 drawn and printable (the canvas idle). */
export async function openDistrictMap(page: Page, district: string): Promise<void> {
  await page.goto(`${APP_URL}#/karte`);
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', district);
  await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="district-map-canvas"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
}

/** The page count the screen promises, once the list is measured for the paper chosen (stable over two reads). */
export async function promisedPages(page: Page): Promise<number> {
  const read = async () => Number(/(\d+)枚/.exec((await page.textContent('[data-testid="district-map-pages"]')) ?? '')?.[1]);
  let last = -1;
  await expect
    .poll(
      async () => {
        const now = await read();
        const stable = now === last;
        last = now;
        return stable && now > 0;
      },
      { timeout: 20_000, interval: 300 },
    )
    .toBe(true);
  return last;
}

/** Presses the 地区避難地図's print button (window.print recorded) and makes Chromium's PDF on the paper the app's @page asks for. */
export async function printDistrictMap(page: Page, name: string): Promise<Uint8Array> {
  await page.evaluate(() => {
    document.body.removeAttribute('data-printed');
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.click('[data-testid="district-map-print"]');
  await page.waitForSelector('body[data-printed="yes"]', { timeout: 60_000 });
  return page.pdf({ preferCSSPageSize: true, printBackground: true, path: `${SCREENSHOT_DIR}/${name}.pdf` });
}
