/**
 * Prints the browser starts itself (Ctrl+P, here `page.pdf()`, which fires `beforeprint`) on the
 * map screen, the plan list and every other screen write a 提供記録 entry with the people the printout shows
 * (issue 10 testers: these screens printed 生年月日, 住所, 電話, 事由 unrecorded).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, demoPeople, listedPersonIds, openApp, setOperator, storedRecords, useBrowser } from './browser';

const browser = useBrowser();

const stored = (page: Page) => storedRecords<Disclosure>(page, 'disclosures');
const printLists = async (page: Page) => (await stored(page)).filter((d) => d.kind === 'print-list').sort((a, b) => a.seq! - b.seq!);

describe('Ctrl+P on the map screen and the plan list (built app, real Chromium)', () => {
  it('records the filtered list and the selected person on the map screen, and the listed people on the plan list', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');

    // Map screen: a search narrows the list; the selected person is someone the search left out.
    const shareable = demoPeople().filter((p) => isShareable(p.consent));
    const matches = (q: string) => shareable.filter((p) => p.name.includes(q) || p.nameKana.includes(q) || p.address.includes(q));
    const [firstRow] = await listedPersonIds(page);
    const searched = shareable.find((p) => p.id !== firstRow && matches(p.name).length === 1)!;
    const selected = shareable.find((p) => p.id === firstRow)!;
    await page.click(`[data-testid="people-list"] [data-person-id="${selected.id}"]`);
    await expect.poll(() => page.textContent('[data-testid="detail-name"]'), { timeout: 30_000 }).toBe(selected.name);
    await page.fill('[data-testid="people-search"]', searched.name);
    await expect.poll(() => listedPersonIds(page), { timeout: 30_000 }).toEqual([searched.id]);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(async () => (await printLists(page)).length, { timeout: 30_000 }).toBe(1);
    const [map] = await printLists(page);
    expect(map).toMatchObject({ operator: '山田 花子', count: 2, fileName: null, wholeStore: false });
    expect([...map.personIds].sort()).toEqual([searched.id, selected.id].sort());
    expect(map.what).toContain(selected.name);

    // Plan list: every listed person.
    await page.goto(`${APP_URL}#/plan`);
    await page.waitForSelector('[data-testid="plan-list"] [data-plan-person]', { timeout: 30_000 });
    const listed = await page.$$eval('[data-testid="plan-list"] [data-plan-person]', (els) => els.map((e) => e.getAttribute('data-plan-person')!));
    expect(listed.length).toBeGreaterThan(1);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(async () => (await printLists(page)).length, { timeout: 30_000 }).toBe(2);
    const plans = (await printLists(page))[1];
    expect(plans).toMatchObject({ operator: '山田 花子', count: listed.length, what: `個別避難計画の一覧（${listed.length}人）` });
    expect([...plans.personIds].sort()).toEqual([...listed].sort());

    // Any other screen (here the 訓練 screen with a drill's people on it) is recorded too, with the
    // people the app can show — never a print of personal data without an entry.
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="drill-district"]', 'demo-d1');
    await page.fill('[data-testid="drill-name"]', '印刷の確認');
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ready"]', { timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    await expect.poll(async () => (await printLists(page)).length, { timeout: 30_000 }).toBe(3);
    const drill = (await printLists(page))[2];
    expect(drill.what).toContain('「訓練」の画面の印刷');
    const drillPeople = demoPeople().filter((p) => p.districtId === 'demo-d1' && isShareable(p.consent)).map((p) => p.id);
    for (const id of drillPeople) expect(drill.personIds).toContain(id);

    // The 提供記録 screen lists all three.
    await page.goto(`${APP_URL}#/records`);
    await expect.poll(() => page.locator('[data-testid="records-row"][data-kind="print-list"]').count(), { timeout: 30_000 }).toBe(3);
  }, 180_000);
});
