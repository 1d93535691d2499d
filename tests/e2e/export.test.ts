import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareableWith } from '../../src/core/consent';
import { APP_URL, demoPeople, openApp, setOperator, useBrowser } from './browser';

const browser = useBrowser();

const DISTRICT = 'demo-d1';

async function openKarte(page: Page, districtId: string): Promise<void> {
  await page.goto(`${APP_URL}#/karte`);
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', districtId);
  await page.waitForSelector('[data-testid="roster-export"]', { timeout: 30_000 });
}

/** Presses the export button and returns the saved file's name and bytes. */
async function exportFile(page: Page): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-roster"]')]);
  return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
}

describe('関係者向け名簿 (built app, real Chromium)', () => {
  it('writes a Shift_JIS list for the 消防団 with exactly the people who agreed to share with it, Excel-safe', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    await openKarte(page, DISTRICT);
    await page.selectOption('[data-testid="export-recipient"]', 'shobodan');
    await page.selectOption('[data-testid="export-encoding"]', 'shift_jis');
    const file = await exportFile(page);
    expect(file.name).toMatch(/^消防団向け名簿_.+地区_\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...file.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('shift_jis', { fatal: true }).decode(file.bytes);
    expect(text).toContain('\r\n');
    const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
    const header = rows[0];
    expect(header.slice(0, 4)).toEqual(['地区', 'ID', '氏名', 'フリガナ']);
    const col = (name: string) => header.indexOf(name);

    // Exactly the district's people whose 名簿 consent names the 消防団 (computed from the demo file).
    const inDistrict = demoPeople().filter((p) => p.districtId === DISTRICT);
    const expected = inDistrict.filter((p) => isShareableWith(p.consent, 'shobodan'));
    expect(expected.length).toBeGreaterThan(0);
    const ids = rows.slice(1).map((r) => r[col('ID')]);
    expect([...ids].sort()).toEqual(expected.map((p) => p.id).sort());
    const byId = new Map(expected.map((p) => [p.id, p]));
    for (const r of rows.slice(1)) {
      const p = byId.get(r[col('ID')])!;
      expect(r[col('氏名')]).toBe(p.name);
      expect(r[col('住所')]).toBe(p.address);
      // Phone numbers are written as ="…" so Excel keeps them as text.
      if (p.phone) expect(r[col('電話番号')]).toBe(`="${p.phone}"`);
      expect(['A', 'B', 'C']).toContain(r[col('優先度')]);
    }
    // Priority A first within the district.
    const ranks = rows.slice(1).map((r) => r[col('優先度')]);
    expect([...ranks].sort()).toEqual(ranks);

    const done = (await page.textContent('[data-testid="export-done"]'))!;
    expect(done).toContain(`${expected.length}人`);
    const withheld = inDistrict.filter((p) => p.consent.status === 'given').length - expected.length;
    expect(done).toContain(`含まれていない ${withheld}人`);

    // Another recipient gets another list; nobody without consent is ever in it.
    await page.selectOption('[data-testid="export-recipient"]', 'minsei');
    await page.selectOption('[data-testid="export-encoding"]', 'utf8_bom');
    const minsei = await exportFile(page);
    expect([...minsei.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const minseiRows = Papa.parse<string[]>(new TextDecoder().decode(minsei.bytes.subarray(3)).trimEnd(), { newline: '\r\n' }).data;
    expect(minseiRows.slice(1).map((r) => r[1]).sort()).toEqual(inDistrict.filter((p) => isShareableWith(p.consent, 'minsei')).map((p) => p.id).sort());
  });

  it('refuses Shift_JIS when a name has a character it cannot hold, and writes it in UTF-8 instead', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    const target = demoPeople().find((p) => p.districtId === DISTRICT && isShareableWith(p.consent, 'shobodan'))!;
    // Rename one person to 𠮷田 (not in cp932), writing the store directly as another tab would.
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const tx = open.result.transaction('people', 'readwrite');
            const store = tx.objectStore('people');
            const req = store.get(id);
            req.onsuccess = () => store.put({ ...req.result, name: '𠮷田　テスト' });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      target.id,
    );
    // The karte must build its list from the renamed record: a reload reads the store afresh
    // (waiting for the open tab's live query to notice the write raced on a loaded machine).
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await openKarte(page, DISTRICT);
    await page.selectOption('[data-testid="export-encoding"]', 'shift_jis');
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('[data-testid="export-roster"]');
    const problem = (await page.textContent('[data-testid="export-problem"]'))!;
    expect(problem).toContain('𠮷');
    expect(problem).toContain(`ID「${target.id}」「𠮷田　テスト」の氏名に「𠮷」`);
    expect(problem).toContain('書き出していません');
    expect(downloads).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-utf8"]')]);
    const text = new TextDecoder().decode(readFileSync((await download.path())!)).replace(/^\uFEFF/, '');
    expect(text).toContain('𠮷田　テスト');
    expect(await page.$('[data-testid="export-problem"]')).toBeNull();
  });

  it('keeps the chosen recipient and encoding when the karte is recomputed (another tab withdraws a consent)', async () => {
    const { context, page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    await openKarte(page, DISTRICT);
    await page.selectOption('[data-testid="export-recipient"]', 'minsei');
    await page.selectOption('[data-testid="export-encoding"]', 'shift_jis');
    const shownBefore = Number(await page.getAttribute('[data-testid="karte-shown"]', 'data-value'));
    const leaving = demoPeople().find((p) => p.districtId === DISTRICT && isShareableWith(p.consent, 'minsei'))!;
    // Another tab records a withdrawal: the karte recomputes its numbers and redraws its cards.
    const editor = await context.newPage();
    await editor.goto(`${APP_URL}#/plan/${leaving.id}`);
    await editor.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    await editor.click('[data-testid="withdraw-open"]');
    await editor.click('[data-testid="withdraw-confirm"]');
    await editor.waitForSelector('[data-testid="plan-person-hidden"]', { timeout: 30_000 });
    await expect.poll(() => page.getAttribute('[data-testid="karte-shown"]', 'data-value'), { timeout: 60_000 }).toBe(String(shownBefore - 1));
    await page.waitForSelector('[data-testid="roster-export"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="export-recipient"]')).toBe('minsei');
    expect(await page.inputValue('[data-testid="export-encoding"]')).toBe('shift_jis');
    const file = await exportFile(page);
    expect(file.name).toMatch(/^民生委員向け名簿_/);
    expect([...file.bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('shift_jis', { fatal: true }).decode(file.bytes);
    expect(text).not.toContain(leaving.id);
  }, 180_000);
});
