/**
 * 受け渡しファイル, issue 10 testers: the member of a group who receives the file is named in the
 * 提供記録, on the 受領書 and in the file (never in its name); on the recipient's phone the screen
 * asks no 作業者名, phone numbers are tap-to-call, dates are Japanese, the back buttons say where
 * they go, and a view left open past the expiry closes by itself (the page's clock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, openApp, setOperator, storedRecords, useBrowser } from './browser';

const browser = useBrowser();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinan-handover-recipient-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const DAY_MS = 24 * 3600 * 1000;
const japanDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

describe('受け渡しファイル for one 民生委員, opened on her phone', () => {
  it('names who received it, and reads well on a phone until it expires', async () => {
    const { page: a } = await browser.newPage();
    await openApp(a);
    await setOperator(a, '山田 花子');
    await a.goto(`${APP_URL}#/data`);
    await a.waitForSelector('[data-testid="handover-section"]', { timeout: 30_000 });
    await a.selectOption('[data-testid="handover-group"]', 'minsei');
    await a.fill('[data-testid="handover-receiver-name"]', ' 会津\u200b 恵子 ');
    await expect.poll(() => a.textContent('[data-testid="handover-preview"]'), { timeout: 30_000 }).toContain('「民生委員（会津 恵子）」に渡す人');
    const expiresOn = await a.inputValue('[data-testid="handover-expires"]');
    const passphrase = (await a.getAttribute('[data-testid="handover-passphrase"]', 'data-value'))!;
    await a.check('[data-testid="handover-wrote-down"]');
    const [download] = await Promise.all([a.waitForEvent('download', { timeout: 120_000 }), a.click('[data-testid="handover-create"]')]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/^避難支援_受け渡し_民生委員_\d{8}\.hinan$/);
    const path = join(dir, 'minsei.hinan');
    await download.saveAs(path);
    await a.waitForSelector('[data-testid="handover-done"]', { timeout: 30_000 });
    expect(await a.textContent('[data-testid="handover-done"]')).toContain(`${japanDate(expiresOn)}まで有効`);
    expect(await a.textContent('[data-testid="receipt-recipient"]')).toBe('民生委員（会津 恵子）');
    await expect.poll(async () => (await storedRecords<Disclosure>(a, 'disclosures')).find((d) => d.kind === 'handover')?.recipient, { timeout: 30_000 }).toBe('民生委員（会津 恵子）');
    const entry = (await storedRecords<Disclosure>(a, 'disclosures')).find((d) => d.kind === 'handover')!;
    expect(entry.what).toBe(`受け渡しファイル（民生委員（会津 恵子）、有効期限 ${japanDate(expiresOn)}まで）`);

    // ---- Her phone: a fresh browser. ----
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
    // The page's timers under a clock the test can move (time runs as usual until it is moved).
    await phone.clock.install();
    const b = await phone.newPage();
    await b.goto(`${APP_URL}#/received`);
    await b.waitForSelector('[data-testid="received-none"]', { timeout: 60_000 });
    // She discloses nothing from this device's store: no 作業者名 prompt here (it is asked on the other screens).
    expect(await b.locator('[data-testid="operator"]').count()).toBe(0);
    await b.setInputFiles('[data-testid="received-file"]', path);
    await b.fill('[data-testid="received-passphrase"]', passphrase);
    await b.click('[data-testid="received-open"]');
    await b.waitForSelector('[data-testid="received-view"]', { timeout: 120_000 });
    expect(await b.textContent('[data-testid="received-header"]')).toContain('民生委員（会津 恵子）あての名簿');
    expect(await b.textContent('[data-testid="received-expires"]')).toBe(`有効期限: ${japanDate(expiresOn)}まで`);
    expect(await b.locator('[data-testid="operator"]').count()).toBe(0);

    // A person's phone number is a tap-to-call link on one line.
    const first = (await b.getAttribute('[data-testid="received-list"] [data-person-id]', 'data-person-id'))!;
    await b.click(`[data-testid="received-list"] [data-person-id="${first}"]`);
    const link = b.locator(`[data-testid="received-person"][data-person-id="${first}"] a[data-testid="tel-link"]`).first();
    await link.waitFor({ timeout: 30_000 });
    const [href, text] = [await link.getAttribute('href'), (await link.textContent())!];
    expect(href).toBe(`tel:${text.normalize('NFKC').replace(/\D/g, '')}`);
    expect(await link.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');
    // Two back buttons, each saying where it goes.
    expect(await b.textContent('[data-testid="received-back-to-list"]')).toBe('名簿に戻る');
    expect(await b.textContent('[data-testid="received-close"]')).toBe('ファイルの一覧に戻る');
    await b.click('[data-testid="received-back-to-list"]');
    await b.waitForSelector('[data-testid="received-person"]', { state: 'detached', timeout: 30_000 });
    await b.click('[data-testid="received-close"]');
    expect(await b.textContent('[data-testid="received-file-entry"]')).toContain(`有効期限: ${japanDate(expiresOn)}まで`);

    // Left open past the expiry: the view closes by itself within a minute, and the file is gone.
    await b.click('[data-testid="received-show"]');
    await b.waitForSelector('[data-testid="received-view"]', { timeout: 30_000 });
    await phone.clock.setSystemTime(Date.parse(`${expiresOn}T12:00:00+09:00`) + 2 * DAY_MS);
    await phone.clock.fastForward(61_000); // the minute's check comes due
    await b.waitForSelector('[data-testid="received-none"]', { timeout: 60_000 });
    expect(await b.locator('[data-testid="received-view"]').count()).toBe(0);
    expect(await b.textContent('[data-testid="received-purged"]')).toContain('民生委員（会津 恵子）あて');
    await phone.close();
  }, 300_000);
});
