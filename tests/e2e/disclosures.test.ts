import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { isShareable, isShareableWith } from '../../src/core/consent';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, demoPeople, openApp, openPlanEditor, setOperator, storedRecords, useBrowser } from './browser';

/**
 * 提供記録 (issue 10, Done-when 6): every print and CSV of personal data passes the one door — a
 * 作業者名 is required, the entry is written with the right people, count and operator — and the
 * 提供記録 screen lists them and exports them for Excel.
 */

const browser = useBrowser();

const DISTRICT = 'demo-d1';
const inDistrict = demoPeople().filter((p) => p.districtId === DISTRICT && isShareable(p.consent));
const PERSON = inDistrict[0];

/**
 * Printing is the browser's: `window.print` is replaced by one that counts the calls and, as
 * Chromium does, fires `beforeprint` and `afterprint` synchronously (a button's print must not be
 * recorded twice by the Ctrl+P listener).
 */
async function contextWithPrintCounter(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const w = window as unknown as { __prints: number };
    w.__prints = 0;
    window.print = () => {
      w.__prints++;
      dispatchEvent(new Event('beforeprint'));
      dispatchEvent(new Event('afterprint'));
    };
  });
  return context;
}
const prints = (page: Page) => page.evaluate(() => (window as unknown as { __prints: number }).__prints);
const stored = (page: Page) => storedRecords<Disclosure>(page, 'disclosures');
/** Entries as stored, newest first (the screen's order). */
const newestFirst = async (page: Page) => (await stored(page)).sort((a, b) => b.seq! - a.seq!);

async function openKarte(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/karte`);
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 60_000 });
  await page.selectOption('[data-testid="karte-district"]', DISTRICT);
  await page.waitForSelector('[data-testid="roster-export"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="karte-print"]:not([disabled])', { timeout: 60_000 });
}

describe('提供記録 (built app, real Chromium)', () => {
  it('refuses a print before a 作業者名 is given — the message, no print dialog, nothing recorded — also for Ctrl+P', async () => {
    const context = await contextWithPrintCounter();
    const page = await context.newPage();
    await openApp(page);
    // The header asks for the name on every screen until it is given.
    await page.waitForSelector('header [data-testid="operator-input"]', { timeout: 30_000 });

    await openPlanEditor(page, PERSON.id);
    await page.click('[data-testid="plan-print"]');
    const problem = page.locator('[data-testid="print-problem"]');
    await problem.waitFor({ timeout: 30_000 });
    expect(await problem.textContent()).toContain('作業者名が未設定です');
    expect(await prints(page)).toBe(0);

    // Ctrl+P cannot be stopped: the page prints only the refusal (not the sheet it prints otherwise), and nothing is recorded.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('.plan-sheet')).toBe(true);
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.waitForSelector('body[data-print="refused"]');
    expect(await page.isVisible('.plan-sheet')).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    await page.waitForSelector('body:not([data-print])');
    expect(await stored(page)).toEqual([]);

    // The CSV is refused the same way: no file.
    await openKarte(page);
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.click('[data-testid="export-roster"]');
    await page.locator('[data-testid="export-refused"]').waitFor({ timeout: 30_000 });
    expect(await page.textContent('[data-testid="export-refused"]')).toContain('作業者名が未設定です');
    expect(downloads).toBe(0);
    expect(await stored(page)).toEqual([]);

    // The first 変更者 typed for a consent change becomes the 作業者名, and the header shows it.
    await openApp(page);
    await page.fill('[data-testid="people-search"]', PERSON.name);
    await page.click(`[data-testid="people-list"] [data-person-id="${PERSON.id}"]`);
    await page.click('[data-testid="recipients-edit"]');
    expect(await page.inputValue('[data-testid="recipients-by"]')).toBe('');
    await page.fill('[data-testid="recipients-by"]', '佐藤　一郎');
    await page.click('[data-testid="recipients-save"]');
    await page.waitForSelector('[data-testid="recipients-saved"]');
    await expect.poll(() => page.textContent('header [data-testid="operator-name"]'), { timeout: 30_000 }).toBe('佐藤 一郎');
  }, 240_000);

  it('records every print and CSV with its people, count and operator; the 提供記録 screen lists, filters and exports them for Excel', async () => {
    const context = await contextWithPrintCounter();
    const page = await context.newPage();
    await openApp(page);
    await setOperator(page, '山田　花子');
    const OPERATOR = '山田 花子';

    // 計画書・連絡カード: the button records once (its own beforeprint is not counted again); Ctrl+P records too.
    await openPlanEditor(page, PERSON.id);
    await page.click('[data-testid="plan-print"]');
    await expect.poll(() => prints(page), { timeout: 30_000 }).toBe(1);
    await page.evaluate(() => (dispatchEvent(new Event('beforeprint')), dispatchEvent(new Event('afterprint'))));
    await expect.poll(async () => (await stored(page)).length, { timeout: 30_000 }).toBe(2);
    for (const e of await stored(page)) expect(e).toMatchObject({ kind: 'print-plan', personIds: [PERSON.id], count: 1, operator: OPERATOR, fileName: null });

    // 地区カルテ: the people it names (its 「次に計画を作る人」 list).
    await openKarte(page);
    await expect.poll(() => page.locator('[data-testid="karte-next"] li[data-person]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const named = await page.$$eval('[data-testid="karte-next"] li[data-person]', (lis) => lis.map((li) => li.getAttribute('data-person')!));
    await page.click('[data-testid="karte-print"]');
    await expect.poll(() => prints(page), { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => (await newestFirst(page))[0]?.kind, { timeout: 30_000 }).toBe('print-karte');
    expect((await newestFirst(page))[0]).toMatchObject({ personIds: named, count: named.length, operator: OPERATOR });
    // The karte says no backup was made yet and shows the last disclosures.
    expect(await page.textContent('[data-testid="karte-last-backup"]')).toContain('まだバックアップがありません');

    // 避難地図: the people drawn (every consented, placed person of the district).
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 60_000 });
    await page.click('[data-testid="district-map-print"]');
    await expect.poll(() => prints(page), { timeout: 60_000 }).toBe(3);
    await page.evaluate(() => delete document.body.dataset.print);
    const drawn = inDistrict.filter((p) => p.location).map((p) => p.id);
    const map = (await newestFirst(page))[0];
    expect(map).toMatchObject({ kind: 'print-map', count: drawn.length, operator: OPERATOR });
    expect([...map.personIds].sort()).toEqual([...drawn].sort());

    // 消防団向け名簿: the people whose consent names the 消防団, the recipient and the file.
    await page.selectOption('[data-testid="export-recipient"]', 'shobodan');
    const [roster] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="export-roster"]')]);
    const toShobodan = inDistrict.filter((p) => isShareableWith(p.consent, 'shobodan')).map((p) => p.id);
    const rosterEntry = (await newestFirst(page))[0];
    expect(rosterEntry).toMatchObject({ kind: 'csv-roster', recipient: '消防団', count: toShobodan.length, fileName: roster.suggestedFilename(), operator: OPERATOR });
    expect([...rosterEntry.personIds].sort()).toEqual([...toShobodan].sort());

    // 訓練記録: the drill's people.
    await page.goto(`${APP_URL}#/drill`);
    await page.fill('[data-testid="drill-name"]', '安否確認訓練');
    await page.selectOption('[data-testid="drill-district"]', DISTRICT);
    await page.click('[data-testid="drill-create"]');
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]');
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="drill-end"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ended"]');
    const [drillFile] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="drill-export"]')]);
    const drillEntry = (await newestFirst(page))[0];
    expect(drillEntry).toMatchObject({ kind: 'csv-drill', count: inDistrict.length, fileName: drillFile.suggestedFilename(), operator: OPERATOR });
    expect([...drillEntry.personIds].sort()).toEqual(inDistrict.map((p) => p.id).sort());

    // The 提供記録 screen: every entry, newest first, with its count and operator, as stored.
    const entries = await newestFirst(page);
    expect(entries.map((e) => e.kind)).toEqual(['csv-drill', 'csv-roster', 'print-map', 'print-karte', 'print-plan', 'print-plan']);
    await page.click('header nav a[href="#/records"]');
    const rows = page.locator('[data-testid="records-row"]');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(entries.length);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-kind'), Number(tr.getAttribute('data-count')), tr.getAttribute('data-operator')]));
    expect(shown).toEqual(entries.map((e) => [e.kind, e.count, e.operator]));
    expect(await page.getAttribute('[data-testid="records-count"]', 'data-value')).toBe(String(entries.length));
    // No control edits or deletes an entry.
    expect(await page.locator('[data-testid="records"] button', { hasText: /削除|編集|変更/ }).count()).toBe(0);

    // Filters: by kind, by recipient, by person id.
    await page.selectOption('[data-testid="records-kind"]', 'csv-roster');
    await expect.poll(() => rows.count()).toBe(1);
    await page.selectOption('[data-testid="records-kind"]', '');
    await page.selectOption('[data-testid="records-recipient"]', '消防団');
    await expect.poll(() => rows.count()).toBe(1);
    await page.selectOption('[data-testid="records-recipient"]', '');
    await page.fill('[data-testid="records-person"]', PERSON.id);
    const withPerson = entries.filter((e) => e.personIds.includes(PERSON.id));
    await expect.poll(() => page.getAttribute('[data-testid="records-count"]', 'data-value')).toBe(String(withPerson.length));
    // …or by name: the entries of every consented person with that name.
    const sameName = new Set(demoPeople().filter((p) => isShareable(p.consent) && p.name.replace(/\s/g, '').includes(PERSON.name.replace(/\s/g, ''))).map((p) => p.id));
    await page.fill('[data-testid="records-person"]', PERSON.name);
    await expect.poll(() => page.getAttribute('[data-testid="records-count"]', 'data-value')).toBe(String(entries.filter((e) => e.personIds.some((id) => sameName.has(id))).length));
    await page.fill('[data-testid="records-person"]', '');
    await expect.poll(() => rows.count()).toBe(entries.length);

    // The CSV: Excel conventions (BOM, CRLF), one row per entry, and the export itself recorded.
    const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="records-export"]')]);
    expect(csv.suggestedFilename()).toMatch(/^提供記録_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const table = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
    expect(table[0]).toEqual(['日時', '種類', '内容', '提供先', '人数', '対象者ID', 'ファイル名', '作業者', '災害時提供']);
    expect(table.slice(1).map((r) => [r[4], r[7]])).toEqual(entries.map((e) => [String(e.count), OPERATOR]));
    expect(table.slice(1).map((r) => r[6])).toEqual(entries.map((e) => e.fileName ?? ''));
    expect(table[1][0]).toMatch(/^="\d{4}-\d{2}-\d{2} \d{2}:\d{2}"$/);
    await expect.poll(async () => (await newestFirst(page))[0]?.kind, { timeout: 30_000 }).toBe('csv-disclosures');
    expect((await newestFirst(page))[0]).toMatchObject({ fileName: csv.suggestedFilename(), operator: OPERATOR });
    await expect.poll(() => rows.count()).toBe(entries.length + 1);

    // The karte shows the newest disclosures and leads to this screen.
    await openKarte(page);
    await expect.poll(() => page.getAttribute('[data-testid="karte-recent-disclosure"] >> nth=0', 'data-kind'), { timeout: 30_000 }).toBe('csv-disclosures');
    expect(await page.locator('[data-testid="karte-recent-disclosure"]').count()).toBe(5);
    await page.click('[data-testid="karte-records-link"]');
    await page.waitForSelector('[data-testid="records"]');
  }, 400_000);
});
