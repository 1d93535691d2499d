/**
 * 安否確認チェック表 (issue 15 item 5), built app in real Chromium.
 *
 * 1. A drill prints its checklist (A4 landscape): the drill's people in the order the drill shows
 *    them, 12 rows a page with 「n / m ページ」, nobody refused or pending, recorded as
 *    `print-checklist`; then 「チェック表から入力」 goes down the same rows (the same No.), one key
 *    per person, and the stored checks are exactly the keys typed, in order.
 * 1b. The printed order is kept with the drill: after a printed person withdraws consent (in
 *    another tab, through the plan editor), the entry still follows the paper's rows and numbers —
 *    the withdrawn person's row is left without a record, every other key goes to the person printed
 *    on that row — and a stray Tab off the entry neither loses keys nor goes unnoticed.
 * 2. During 災害時モード the 安否確認 screen prints the same checklist for the board's people in the
 *    board's order, people shown only because of the event marked ＊, the marking on every page.
 */
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHECKLIST_ROWS_PER_PAGE } from '../../src/core/checklistOrder';
import type { Drill } from '../../src/core/drill';
import { EMERGENCY_MARK, type Emergency } from '../../src/core/emergency';
import type { Person } from '../../src/core/person';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, SCREENSHOT_DIR, openPlanEditor, pdfPages, pdfText, screenshot, setOperator, storedPeople, storedRecords, useBrowser } from './browser';

const browser = useBrowser();

const storedDrills = (page: Page) => storedRecords<Drill>(page, 'drills');
const disclosures = (page: Page) => storedRecords<Disclosure>(page, 'disclosures');
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Clicks a print button with window.print recorded instead of opened, then prints the page to a PDF as the browser would. */
async function printToPdf(page: Page, button: string, name: string): Promise<{ pdf: Uint8Array; path: string }> {
  await page.evaluate(() => {
    document.body.removeAttribute('data-printed');
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.click(button);
  await page.waitForSelector('body[data-printed="yes"]', { state: 'attached' });
  await page.waitForSelector('body[data-print="checklist"] [data-testid="safety-checklist"]', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const path = `${SCREENSHOT_DIR}/${name}.pdf`;
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, path });
  await page.emulateMedia({ media: 'screen' });
  return { pdf, path };
}

/** Each page's text without white space. */
const pageTexts = (pdf: Uint8Array) => Array.from({ length: pdfPages(pdf) }, (_, i) => squeeze(pdfText(pdf, { page: i + 1 })));

/** True when every name occurs in `text` after the one before it. */
function inOrder(text: string, names: readonly string[]): boolean {
  let at = 0;
  for (const n of names) {
    const i = text.indexOf(squeeze(n), at);
    if (i < 0) return false;
    at = i + squeeze(n).length;
  }
  return true;
}

/** The page size of every page, in points, as pdfinfo reads it. */
function pageSizes(path: string): { width: number; height: number }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', path], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

describe('安否確認チェック表 (built app, real Chromium)', () => {
  it('prints a drill checklist in the drill order, and the keyboard entry stores one check per key in the same order', async () => {
    const DISTRICT = 'demo-d3';
    const { page } = await browser.newPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    await setOperator(page, '山田 花子');
    await page.fill('[data-testid="drill-name"]', '紙の安否確認訓練');
    await page.selectOption('[data-testid="drill-district"]', DISTRICT);
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-order-ready="true"]', { timeout: 60_000 });

    // The drill's order as it shows it, and the district's people from the raw store.
    const listed = await page.$$eval('[data-testid="drill-people"] > li[data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    const district = [...stored.values()].filter((p) => p.districtId === DISTRICT && !p.archived);
    const given = district.filter((p) => p.consent.status === 'given');
    expect([...listed].sort()).toEqual(given.map((p) => p.id).sort());
    const n = listed.length;
    expect(n).toBeGreaterThan(CHECKLIST_ROWS_PER_PAGE);

    // The PDF: A4 landscape, ⌈n / 12⌉ pages, each with its part of the drill's order, 「k / m ページ」 and the key legend.
    const { pdf, path } = await printToPdf(page, '[data-testid="checklist-print"]', 'checklist-drill');
    const pages = pageTexts(pdf);
    const m = Math.ceil(n / CHECKLIST_ROWS_PER_PAGE);
    expect(pages).toHaveLength(m);
    for (const size of pageSizes(path)) {
      expect(Math.round(size.width)).toBe(842);
      expect(Math.round(size.height)).toBe(595);
    }
    const name = (id: string) => stored.get(id)!.name;
    for (const [k, text] of pages.entries()) {
      const part = listed.slice(k * CHECKLIST_ROWS_PER_PAGE, (k + 1) * CHECKLIST_ROWS_PER_PAGE);
      expect(text, `page ${k + 1}`).toContain(`${k + 1}/${m}ページ`);
      expect(text).toContain('安否確認チェック表');
      expect(text).toContain('紙の安否確認訓練');
      expect(text).toContain(squeeze('1 無事'));
      expect(text).toContain('Backspace1行戻る');
      expect(inOrder(text, part.map(name)), `page ${k + 1} order`).toBe(true);
      for (const id of listed.filter((id) => !part.includes(id))) if (listed.every((o) => o === id || !name(o).includes(name(id)))) expect(text).not.toContain(squeeze(name(id)));
    }
    for (const p of district.filter((x) => x.consent.status !== 'given')) expect(pages.join('')).not.toContain(squeeze(p.name));
    const entry = (await disclosures(page)).find((d) => d.kind === 'print-checklist')!;
    expect(entry).toMatchObject({ count: n, operator: '山田 花子' });
    expect([...entry.personIds].sort()).toEqual([...listed].sort());
    expect(entry.what).toContain(`紙の安否確認訓練・`);
    expect(entry.what).toContain(`${n}人`);

    // Keyboard entry: only once the drill runs; the rows are the paper's rows, numbered alike.
    await page.evaluate(() => document.body.removeAttribute('data-print'));
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]');
    await page.click('[data-testid="checklist-entry-open"]');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'checklist-entry');
    const rows = await page.$$eval('[data-testid="checklist-entry"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-no'), tr.getAttribute('data-person-id')]));
    expect(rows).toEqual(listed.map((id, i) => [String(i + 1), id]));

    // One key per person: 1 無事, 2 要支援, 3 連絡つかず, 4 避難済, every fifth skipped (0 or Space).
    const STATUS_OF_KEY: Record<string, Drill['records'][number]['status']> = { '1': 'safe', '2': 'needs_help', '3': 'not_reached', '4': 'arrived' };
    const keys = listed.map((_, i) => (i % 5 === 4 ? (i % 2 ? '0' : 'Space') : String((i % 5) + 1)));
    const expected = listed.flatMap((id, i) => (STATUS_OF_KEY[keys[i]] ? [[id, STATUS_OF_KEY[keys[i]]]] : []));
    for (const [i, key] of keys.entries()) {
      await page.keyboard.press(key);
      if (i === 7) await screenshot(page, 'checklist-entry');
    }
    await expect.poll(() => page.getAttribute('[data-testid="checklist-entry"]', 'data-cursor')).toBe(String(n));
    await expect.poll(async () => (await storedDrills(page))[0].records.length, { timeout: 20_000 }).toBe(expected.length);
    let records = (await storedDrills(page))[0].records;
    expect(records.map((r) => [r.personId, r.status])).toEqual(expected);
    expect(records.every((r, i) => i === 0 || Date.parse(r.at) >= Date.parse(records[i - 1].at))).toBe(true);
    await expect(page.textContent('[data-testid="checklist-entry-now"]')).resolves.toContain('最後の行');

    // Backspace goes back one row; the key typed there is one more check for that person (the latest wins).
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.getAttribute('[data-testid="checklist-entry"]', 'data-cursor')).toBe(String(n - 2));
    await expect(page.getAttribute('[data-testid="checklist-entry"] tr[aria-current="true"]', 'data-no')).resolves.toBe(String(n - 1));
    await page.keyboard.press('2');
    await expect.poll(async () => (await storedDrills(page))[0].records.length).toBe(expected.length + 1);
    records = (await storedDrills(page))[0].records;
    expect([records.at(-1)!.personId, records.at(-1)!.status]).toEqual([listed[n - 2], 'needs_help']);
    await page.waitForSelector(`[data-testid="drill-people"] > li[data-person-id="${listed[n - 2]}"][data-latest="needs_help"]`);
    // Keys that mean nothing (Enter, 5) write nothing.
    await page.keyboard.press('Enter');
    await page.keyboard.press('5');
    await expect.poll(() => page.getAttribute('[data-testid="checklist-entry"]', 'data-cursor')).toBe(String(n - 1));
    expect((await storedDrills(page))[0].records).toHaveLength(expected.length + 1);
  }, 180_000);

  it('a drill of every district: the checklist takes each district in turn (its own pages), the drill order inside each, numbered through', async () => {
    const { page } = await browser.newPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    await setOperator(page, '山田 花子');
    await page.fill('[data-testid="drill-name"]', '全地区の安否確認訓練');
    await page.selectOption('[data-testid="drill-district"]', { label: 'すべての地区' });
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-order-ready="true"]', { timeout: 60_000 });
    const listed = await page.$$eval('[data-testid="drill-people"] > li[data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    const districtOf = (id: string) => stored.get(id)!.districtId;

    const { pdf } = await printToPdf(page, '[data-testid="checklist-print"]', 'checklist-all-districts');
    const pages = pageTexts(pdf);
    const perDistrict = new Map<string | null, string[]>();
    for (const id of listed) perDistrict.set(districtOf(id), [...(perDistrict.get(districtOf(id)) ?? []), id]);
    expect(perDistrict.size).toBeGreaterThan(1);
    expect(pages).toHaveLength([...perDistrict.values()].reduce((n, ids) => n + Math.ceil(ids.length / CHECKLIST_ROWS_PER_PAGE), 0));

    // The entry's rows (the paper's order): each district in one run, the drill's order inside it, No. 1…N.
    await page.evaluate(() => document.body.removeAttribute('data-print'));
    await page.click('[data-testid="drill-start"]');
    await page.click('[data-testid="checklist-entry-open"]');
    const rows = await page.$$eval('[data-testid="checklist-entry"] tbody tr', (trs) => trs.map((tr) => [Number(tr.getAttribute('data-no')), tr.getAttribute('data-person-id')!] as const));
    expect(rows.map(([no]) => no)).toEqual(listed.map((_, i) => i + 1));
    const runs = rows.map(([, id]) => districtOf(id)).filter((d, i, all) => i === 0 || all[i - 1] !== d);
    expect(new Set(runs).size).toBe(runs.length);
    for (const [d, ids] of perDistrict) expect(rows.map(([, id]) => id).filter((id) => districtOf(id) === d)).toEqual(ids);
    // Each printed page holds its district's next rows, in the entry's order.
    const ordered = rows.map(([, id]) => id);
    let at = 0;
    for (const [k, text] of pages.entries()) {
      const d = districtOf(ordered[at]);
      const part = ordered.slice(at, at + CHECKLIST_ROWS_PER_PAGE).filter((id, i, all) => all.slice(0, i + 1).every((x) => districtOf(x) === d));
      expect(inOrder(text, part.map((id) => stored.get(id)!.name)), `page ${k + 1}`).toBe(true);
      at += part.length;
    }
    expect(at).toBe(ordered.length);
  }, 180_000);

  it('keeps the printed order: a printed person withdraws in another tab, and each key still goes to the person printed on that row', async () => {
    const DISTRICT = 'demo-d3';
    const { context, page } = await browser.newPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    await setOperator(page, '山田 花子');
    await page.fill('[data-testid="drill-name"]', '印刷した並びの訓練');
    await page.selectOption('[data-testid="drill-district"]', DISTRICT);
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-order-ready="true"]', { timeout: 60_000 });
    const printed = await page.$$eval('[data-testid="drill-people"] > li[data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));
    const n = printed.length;
    expect(n).toBeGreaterThan(4);

    // Print: the paper's order is kept with the drill.
    const { pdf } = await printToPdf(page, '[data-testid="checklist-print"]', 'checklist-kept');
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    expect(inOrder(pageTexts(pdf).join(''), printed.map((id) => stored.get(id)!.name))).toBe(true);
    await expect.poll(async () => (await storedDrills(page))[0].checklist?.personIds).toEqual(printed);
    await page.evaluate(() => document.body.removeAttribute('data-print'));
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]');

    // In a second tab, as a user would: the plan editor of printed row 2 → 同意 → 本人が同意を撤回した.
    const withdrawn = printed[1];
    const tab = await context.newPage();
    await openPlanEditor(tab, withdrawn);
    await tab.getByRole('navigation', { name: '計画の項目へ移動' }).getByRole('button', { name: '同意', exact: true }).click();
    await tab.click('[data-testid="withdraw-open"]');
    await tab.click('[data-testid="withdraw-confirm"]');
    await expect.poll(async () => (await storedPeople(tab)).find((p) => p.id === withdrawn)?.consent.status).toBe('refused');
    await tab.close();

    // The drill no longer shows them; the entry keeps the paper's rows and numbers.
    await page.waitForSelector(`[data-testid="drill-people"] > li[data-person-id="${withdrawn}"]`, { state: 'detached', timeout: 30_000 });
    await page.click('[data-testid="checklist-entry-open"]');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'checklist-entry');
    const rows = await page.$$eval('[data-testid="checklist-entry"] tr[data-no]', (trs) => trs.map((tr) => [tr.getAttribute('data-no'), tr.getAttribute('data-person-id'), tr.getAttribute('data-gone')]));
    expect(rows).toEqual(printed.map((id, i) => (id === withdrawn ? [String(i + 1), '', 'true'] : [String(i + 1), id, null])));
    await expect(page.textContent('[data-testid="checklist-entry"] tr[data-no="2"]')).resolves.toContain('この方は表示できなくなりました。入力しません');
    await expect(page.textContent('[data-testid="checklist-entry"] tr[data-no="2"]')).resolves.not.toContain(stored.get(withdrawn)!.name);
    await expect(page.textContent('[data-testid="checklist-entry-differs"]')).resolves.toContain('紙の No. と合うように');
    expect(await page.$('[data-testid="checklist-entry-extra"]')).toBeNull();
    await screenshot(page, 'checklist-entry-kept-notice');

    // The paper, row by row: 1, 2, 3, 4, 1, 2… (row 2, the withdrawn person, gets a key too and writes nothing).
    const STATUS_OF_KEY: Record<string, Drill['records'][number]['status']> = { '1': 'safe', '2': 'needs_help', '3': 'not_reached', '4': 'arrived' };
    const keys = printed.map((_, i) => String((i % 4) + 1));
    const expected = printed.flatMap((id, i) => (id === withdrawn ? [] : [[id, STATUS_OF_KEY[keys[i]]]]));
    for (const [i, key] of keys.entries()) {
      if (i === 3) {
        // A stray Tab takes the focus off the entry: it says so, and the next key still counts.
        await page.keyboard.press('Tab');
        await page.waitForSelector('[data-testid="checklist-entry-away"]', { state: 'visible' });
        await expect(page.textContent('[data-testid="checklist-entry-away"]')).resolves.toContain('入力欄を押してから続けてください');
        // In sight wherever the Tab scrolled the page.
        const box = (await page.locator('[data-testid="checklist-entry-away"]').boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
        await screenshot(page, 'checklist-entry-kept-away');
      }
      await page.keyboard.press(key);
      if (i === 3) await page.waitForSelector('[data-testid="checklist-entry-away"]', { state: 'detached' });
    }
    await expect.poll(() => page.getAttribute('[data-testid="checklist-entry"]', 'data-cursor')).toBe(String(n));
    await expect.poll(async () => (await storedDrills(page))[0].records.length, { timeout: 20_000 }).toBe(expected.length);
    const records = (await storedDrills(page))[0].records;
    expect(records.map((r) => [r.personId, r.status])).toEqual(expected);
    expect(records.some((r) => r.personId === withdrawn)).toBe(false);
    await screenshot(page, 'checklist-entry-kept');
  }, 180_000);

  it('prints the checklist from the 安否確認 screen during 災害時モード: the board order, revealed people marked ＊, the marking on every page', async () => {
    const DISTRICT = 'demo-d1';
    const { page } = await browser.newPage();
    await page.goto(APP_URL);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    await setOperator(page, '山田 花子');
    await page.click('[data-testid="emergency-open"]');
    await page.fill('[data-testid="emergency-name"]', '令和9年 台風10号 大雨');
    await page.selectOption('[data-testid="emergency-level"]', '4');
    await page.selectOption('[data-testid="emergency-hazard"]', 'flood');
    if (await page.isChecked('[data-testid="emergency-all-districts"]')) await page.uncheck('[data-testid="emergency-all-districts"]');
    await page.check(`[data-testid="emergency-district"][data-district-id="${DISTRICT}"]`);
    await page.check('[data-testid="emergency-authorised"]');
    await page.click('[data-testid="emergency-start-confirm"]');
    await page.waitForSelector('[data-testid="emergency-banner"]', { timeout: 30_000 });
    const event = (await storedRecords<Emergency>(page, 'emergencies'))[0];
    await page.goto(`${APP_URL}#/emergency`);
    await page.waitForSelector('[data-testid="emergency-screen"][data-ready="true"]', { timeout: 60_000 });

    const board = await page.$$eval('[data-testid="safety-board"] > li[data-person-id]', (lis) => lis.map((li) => li.getAttribute('data-person-id')!));
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    const person = (id: string): Person => stored.get(id)!;
    const revealed = board.filter((id) => person(id).consent.status !== 'given');
    expect(revealed.length).toBeGreaterThan(0);

    const { pdf } = await printToPdf(page, '[data-testid="print-checklist"]', 'checklist-emergency');
    const pages = pageTexts(pdf);
    const m = Math.ceil(board.length / CHECKLIST_ROWS_PER_PAGE);
    expect(pages).toHaveLength(m);
    const mark = squeeze(EMERGENCY_MARK);
    for (const [k, text] of pages.entries()) {
      expect(text, `page ${k + 1}`).toContain(mark);
      expect(text).toContain(`${k + 1}/${m}ページ`);
      expect(inOrder(text, board.slice(k * CHECKLIST_ROWS_PER_PAGE, (k + 1) * CHECKLIST_ROWS_PER_PAGE).map((id) => person(id).name))).toBe(true);
    }
    const all = pages.join('');
    for (const id of revealed) expect(all).toContain(`${squeeze(person(id).name)}＊`);
    for (const id of board.filter((x) => !revealed.includes(x))) expect(all).not.toContain(`${squeeze(person(id).name)}＊`);
    expect(all).toContain('災害時モードの間だけ提供');

    // The button's entry (page.pdf also fires beforeprint, which the screen records as a browser print of the same sheet).
    await expect.poll(async () => (await disclosures(page)).filter((d) => d.kind === 'print-checklist').length).toBeGreaterThanOrEqual(1);
    const entry = (await disclosures(page)).filter((d) => d.kind === 'print-checklist').sort((a, b) => a.at.localeCompare(b.at))[0];
    expect(entry).toMatchObject({ count: board.length, emergencyId: event.id, operator: '山田 花子' });
    expect([...entry.personIds].sort()).toEqual([...board].sort());
    expect(entry.what).toContain('安否確認チェック表');
  }, 180_000);
});
