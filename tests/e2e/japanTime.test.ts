import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable, isShareableWith } from '../../src/core/consent';
import { APP_URL, demoPeople, setOperator, useBrowser, pdfText } from './browser';

/**
 * The machine (the browser) is set to UTC and the clock stands at 2026-11-28 16:00 UTC — already
 * 2026-11-29 01:00 in Japan. Every date the app shows, prints or puts in a file name is Japan's.
 */
const INSTANT = new Date('2026-11-28T16:00:00Z');
const JAPAN_DATE = '2026-11-29';
const JAPAN_DATE_LABEL = '2026年11月29日';

const browser = useBrowser();

/** A page in a UTC browser whose clock stands still at INSTANT, with the app loaded. */
async function utcPage(): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'UTC' });
  await context.clock.setFixedTime(INSTANT);
  const page = await context.newPage();
  await page.goto(APP_URL);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
  await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
  // The browser really is on the UTC date, a day behind Japan.
  expect(await page.evaluate(() => [new Date().getDate(), new Date().getTimezoneOffset()])).toEqual([28, 0]);
  return page;
}

async function download(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(selector)]);
  return { name: d.suggestedFilename(), text: new TextDecoder().decode(readFileSync((await d.path())!)).replace(/^\uFEFF/, '') };
}

describe('dates in Japan time on a machine set to UTC (built app, real Chromium, fixed clock)', () => {
  it('the 地区カルテ says the Japan date on screen and in print, and names the exported list with it', async () => {
    const page = await utcPage();
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 60_000 });
    await page.selectOption('[data-testid="karte-district"]', 'demo-d1');
    await expect.poll(() => page.textContent('[data-testid="karte"]'), { timeout: 30_000 }).toContain(`${JAPAN_DATE_LABEL} 現在`);

    await page.emulateMedia({ media: 'print' });
    const printed = pdfText(await page.pdf({ format: 'A4' }));
    expect(printed.replace(/\s+/g, '')).toContain(`${JAPAN_DATE_LABEL}現在`);
    await page.emulateMedia({ media: 'screen' });

    expect(demoPeople().some((p) => p.districtId === 'demo-d1' && isShareableWith(p.consent, 'shobodan'))).toBe(true);
    await page.waitForSelector('[data-testid="roster-export"]', { timeout: 60_000 });
    await page.selectOption('[data-testid="export-recipient"]', 'shobodan');
    await page.selectOption('[data-testid="export-encoding"]', 'utf8_bom');
    const file = await download(page, '[data-testid="export-roster"]');
    expect(file.name).toMatch(new RegExp(`_${JAPAN_DATE}\\.csv$`));
  });

  it('a plan agreed and confirmed now is dated the Japan day, on screen and on the printed 計画書', async () => {
    const page = await utcPage();
    const target = demoPeople().find((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1')!;
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 60_000 });
    await page.check('[data-testid="plan-consent-given"]');
    await expect.poll(() => page.inputValue('[data-testid="plan-consent-date"]')).toBe(JAPAN_DATE);
    await page.click('[data-testid="mark-confirmed"]');
    await expect.poll(() => page.textContent('[data-testid="plan-status-card"]'), { timeout: 30_000 }).toContain(`本人確認日 ${JAPAN_DATE_LABEL}`);

    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="plan-print"]');
    await page.waitForSelector('body[data-printed="yes"]', { timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    const printed = pdfText(await page.pdf({ format: 'A4' })).replace(/\s+/g, '');
    expect(printed).toContain(`本人確認:${JAPAN_DATE_LABEL}`);
    expect(printed).toContain('見直し予定:2027年11月29日');
  });

  it('a drill started now is listed, timed and exported under the Japan date', async () => {
    const page = await utcPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('[data-testid="drill-new"]', { timeout: 60_000 });
    await page.selectOption('[data-testid="drill-district"]', 'demo-d3');
    await page.fill('[data-testid="drill-name"]', '夜間安否確認訓練');
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ready"]', { timeout: 30_000 });
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]', { timeout: 30_000 });
    const first = (await page.getAttribute('[data-testid="drill-people"] [data-person-id]', 'data-person-id'))!;
    const row = `[data-testid="drill-people"] [data-person-id="${first}"]`;
    await page.click(`${row} button[data-status="safe"]`);
    await expect.poll(() => page.textContent(row), { timeout: 30_000 }).toContain('無事（01:00）');

    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="drill-end"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ended"]', { timeout: 30_000 });
    const file = await download(page, '[data-testid="drill-export"]');
    expect(file.name).toBe(`訓練記録_夜間安否確認訓練_${JAPAN_DATE}.csv`);
    const rows = Papa.parse<string[]>(file.text.trimEnd(), { newline: '\r\n' }).data;
    const at = rows[0].findIndex((h) => h.startsWith('最後の報告'));
    expect(rows.find((r) => r[0] === first)?.[at]).toBe(`="${JAPAN_DATE} 01:00"`);

    await page.click('[data-testid="drill-run"] button:has-text("一覧へ")');
    await expect.poll(() => page.textContent('[data-testid="drill-list"]'), { timeout: 30_000 }).toContain(`開始 ${JAPAN_DATE_LABEL} 01:00`);
  });
});
