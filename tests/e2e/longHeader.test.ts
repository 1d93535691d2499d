import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_URL, installLagProbe, lagMark, worstLag, useBrowser } from './browser';

const browser = useBrowser();

describe('a 名簿 whose header line is 5 MB', () => {
  it('is refused with a short message, and the page keeps answering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hinan-long-header-'));
    const path = join(dir, 'meibo_5mb_header.csv');
    writeFileSync(path, `\uFEFF${'あ'.repeat(5_000_000)}\r\n`);
    const { page } = await browser.newPage();
    await installLagProbe(page);
    await page.goto(`${APP_URL}#/import`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await page.check('input[name="kind"][value="people"]');
    const mark = await lagMark(page);
    await page.setInputFiles('[data-testid="import-file"]', path);
    const alert = page.getByText('見出し行だけで、データの行がありません');
    await alert.first().waitFor({ timeout: 30_000 });
    const text = (await alert.first().textContent()) ?? '';
    expect(text.length).toBeLessThan(400);
    expect(text).toContain('以下略、全5,000,000文字');
    // The whole screen holds no copy of the header.
    expect(await page.evaluate(() => document.body.innerText.length)).toBeLessThan(20_000);
    const lag = await worstLag(page, mark);
    expect(lag.worst, `longest gap ${lag.worst} ms at ${lag.where}`).toBeLessThan(1500);
  });
  it('one 5 MB column name: the column mapping step and its messages stay short, and the page keeps answering', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hinan-long-header-'));
    const path = join(dir, 'meibo_5mb_column.csv');
    writeFileSync(path, `ID,${'あ'.repeat(5_000_000)}\r\n1,2\r\n`);
    const { page } = await browser.newPage();
    await installLagProbe(page);
    await page.goto(`${APP_URL}#/import`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await page.check('input[name="kind"][value="people"]');
    const mark = await lagMark(page);
    await page.setInputFiles('[data-testid="import-file"]', path);
    await page.waitForFunction(() => document.body.innerText.includes('以下略'), undefined, { timeout: 30_000 });
    expect(await page.evaluate(() => document.body.innerText.length)).toBeLessThan(20_000);
    const lag = await worstLag(page, mark);
    expect(lag.worst, `longest gap ${lag.worst} ms at ${lag.where}`).toBeLessThan(1500);
  });
});
