/**
 * 受け渡しファイル (issue 10, Done-when 5), in the built app in real Chromium: a file for 消防団 made
 * through the データの保管 screen in one browser, opened in a second, fresh browser on a phone-sized
 * screen — exactly the people whose consent names 消防団 (checked against the first browser's raw
 * store), refused and pending people never, no edit control, and gone once its expiry has passed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable, isShareableWith } from '../../src/core/consent';
import type { Person } from '../../src/core/person';
import { emptyPlan, type Plan } from '../../src/core/plan';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, openApp, setOperator, storedRecords, useBrowser, pdfText } from './browser';

const browser = useBrowser();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hinan-handover-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Names of the received-file databases in the page's IndexedDB. */
function receivedDatabases(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('hinan-received-')));
}

const DAY_MS = 24 * 3600 * 1000;

describe('受け渡しファイル: made for 消防団, opened on another device, read-only, gone after expiry', () => {
  it('holds exactly the people whose consent names 消防団 and disappears after its expiry', async () => {
    // ---- Device A: the group's laptop. ----
    const { page: a } = await browser.newPage();
    await openApp(a);
    await setOperator(a, '山田 花子');
    const stored = await storedRecords<Person>(a, 'people');
    const expected = stored.filter((p) => isShareableWith(p.consent, 'shobodan')).map((p) => p.id).sort();
    const withheld = stored.filter((p) => !isShareable(p.consent)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(withheld.length).toBeGreaterThan(0);

    // One of them has a plan whose own consent names 消防団 too (a stored plan, as the editor saves it).
    const planned = stored.find((p) => p.id === expected[0])!;
    const [supporter] = await storedRecords<Supporter>(a, 'supporters');
    const [shelter] = await storedRecords<Shelter>(a, 'shelters');
    const plan: Plan = {
      ...emptyPlan(planned.id, '2026-01-10'),
      status: 'in_progress',
      primarySupporter: { supporterId: supporter.id, name: '', phone: '', address: '', chosenBy: 'user' },
      destinations: { flood: { shelterId: shelter.id, chosenBy: 'user', routeNote: '県道を北へ', routeLine: null } },
      emergencyContacts: [{ name: '会津 一郎', relation: '長男', phone: '090-1234-5678' }],
      consent: { status: 'given', date: '2026-01-10', method: 'signature', recipients: ['shobodan'] },
      version: 1,
    };
    await a.evaluate(
      (p) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const tx = open.result.transaction('plans', 'readwrite');
            tx.objectStore('plans').put(p);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      plan,
    );

    await a.goto(`${APP_URL}#/data`);
    await a.waitForSelector('[data-testid="handover-section"]', { timeout: 30_000 });
    await a.selectOption('[data-testid="handover-group"]', 'shobodan');
    await expect.poll(() => a.getAttribute('[data-testid="handover-preview"]', 'data-count'), { timeout: 30_000 }).toBe(String(expected.length));
    const previewed = await a.$$eval('[data-testid="handover-names"] [data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));
    expect(previewed.sort()).toEqual(expected);
    expect(await a.textContent('[data-testid="handover-preview"]')).toContain('計画 1件');

    const passphrase = (await a.getAttribute('[data-testid="handover-passphrase"]', 'data-value'))!;
    expect(passphrase).toMatch(/^\d{5}(-\d{5}){4}$/);
    await a.check('[data-testid="handover-wrote-down"]');
    const [download] = await Promise.all([a.waitForEvent('download', { timeout: 120_000 }), a.click('[data-testid="handover-create"]')]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/^避難支援_受け渡し_消防団_\d{8}\.hinan$/);
    const path = join(dir, 'handover.hinan');
    await download.saveAs(path);
    await a.waitForSelector('[data-testid="handover-done"]', { timeout: 30_000 });

    // The 提供記録 has the hand-over with its people, count and operator.
    await expect.poll(async () => (await storedRecords<Disclosure>(a, 'disclosures')).filter((d) => d.kind === 'handover').length, { timeout: 30_000 }).toBe(1);
    const handover = (await storedRecords<Disclosure>(a, 'disclosures')).find((d) => d.kind === 'handover')!;
    expect(handover).toMatchObject({ recipient: '消防団', count: expected.length, fileName, operator: '山田 花子' });
    expect([...handover.personIds].sort()).toEqual(expected);

    // The 受領書: recorded, then printed alone (not the screen under it).
    await a.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await a.click('[data-testid="handover-print-receipt"]');
    await a.waitForSelector('body[data-printed="yes"]', { timeout: 30_000 });
    await expect.poll(async () => (await storedRecords<Disclosure>(a, 'disclosures')).filter((d) => d.kind === 'print-receipt').map((d) => [d.recipient, d.count, d.fileName]), { timeout: 30_000 }).toEqual([['消防団', expected.length, fileName]]);
    await a.emulateMedia({ media: 'print' });
    const receipt = pdfText(await a.pdf({ format: 'A4', printBackground: true })).replace(/\s+/g, '');
    await a.emulateMedia({ media: 'screen' });
    for (const words of ['受領書', '消防団', `${expected.length}人`, fileName, '山田花子', '第49条の13', '知り得た秘密を、正当な理由なく漏らしてはなりません', '支援者・関係者でなくなった後も同じです', '受け取った人の署名']) {
      expect(receipt).toContain(words.replace(/\s+/g, ''));
    }
    expect(receipt).not.toContain('受け渡しファイルを作る'); // the screen itself is not printed
    expect(receipt).not.toContain(passphrase.replaceAll('-', '')); // nor the passphrase

    // ---- Device B: a 消防団 member's phone, a fresh browser. ----
    const phone = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const b = await phone.newPage();
    await b.goto(`${APP_URL}#/received`);
    await b.waitForSelector('[data-testid="received-none"]', { timeout: 60_000 });

    // Not a hand-over file: a Japanese message, nothing kept.
    const csv = join(dir, 'meibo.csv');
    writeFileSync(csv, '氏名,住所\n会津 花子,会津若松市\n');
    await b.setInputFiles('[data-testid="received-file"]', csv);
    await b.fill('[data-testid="received-passphrase"]', passphrase);
    await b.click('[data-testid="received-open"]');
    await expect.poll(() => b.textContent('[data-testid="received-error"]'), { timeout: 30_000 }).toContain('ではありません');

    await b.setInputFiles('[data-testid="received-file"]', path);
    await b.fill('[data-testid="received-passphrase"]', passphrase);
    await b.click('[data-testid="received-open"]');
    await b.waitForSelector('[data-testid="received-view"]', { timeout: 120_000 });
    const header = (await b.textContent('[data-testid="received-header"]'))!;
    expect(header).toContain('消防団あての名簿');
    expect(header).toContain('山田 花子');
    expect(header).toContain('有効期限');

    const listed = await b.$$eval('[data-testid="received-list"] [data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));
    expect(listed.sort()).toEqual(expected);
    expect(listed.some((id) => withheld.includes(id))).toBe(false);
    // The map draws exactly these people.
    await b.waitForFunction(() => document.querySelector('[data-testid="received-map"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 60_000 });
    await expect
      .poll(
        () =>
          b.evaluate(() => {
            const map = (window as unknown as { __hinanReceivedMap: { querySourceFeatures(s: string): { properties: { id: string } }[] } }).__hinanReceivedMap;
            return [...new Set(map.querySourceFeatures('people').map((f) => f.properties.id))].sort();
          }),
        { timeout: 30_000 },
      )
      .toEqual(expected.filter((id) => stored.find((p) => p.id === id)?.location));

    // Read-only: no field, no editor link, in the list or on a person's sheet.
    const editControls = () => b.$$eval('[data-testid="received-view"] :is(input, textarea, select, [contenteditable="true"], a[href*="#/plan"])', (els) => els.length);
    expect(await editControls()).toBe(0);
    await b.click(`[data-testid="received-list"] [data-person-id="${planned.id}"]`);
    const sheet = b.locator(`[data-testid="received-person"][data-person-id="${planned.id}"] [data-testid="plan-sheet"]`);
    await sheet.waitFor({ timeout: 30_000 });
    expect(await sheet.locator('[data-testid="sheet-name"]').textContent()).toContain(planned.name);
    const card = (await sheet.locator('[data-testid="contact-card"]').textContent())!;
    for (const words of [supporter.name, '会津 一郎', '090-1234-5678']) expect(card).toContain(words);
    expect(await editControls()).toBe(0);
    // A person whose plan is not shared with 消防団 shows the 名簿 items only.
    await b.click(`[data-testid="received-list"] [data-person-id="${expected[1]}"]`);
    await b.waitForSelector(`[data-testid="received-person"][data-person-id="${expected[1]}"] [data-testid="received-no-plan"]`, { timeout: 30_000 });
    expect(await editControls()).toBe(0);
    // Printing gives that person's sheet alone, not the screen.
    await b.click(`[data-testid="received-list"] [data-person-id="${planned.id}"]`);
    await sheet.waitFor({ timeout: 30_000 });
    await b.emulateMedia({ media: 'print' });
    const printed = pdfText(await b.pdf({ format: 'A4', printBackground: true })).replace(/\s+/g, '');
    await b.emulateMedia({ media: 'screen' });
    for (const words of ['個別避難計画', planned.name, '緊急連絡カード', '会津一郎']) expect(printed).toContain(words.replace(/\s+/g, ''));
    expect(printed).not.toContain('消防団あての名簿');
    // Fits a 375 px phone screen: nothing wider than the screen.
    expect(await b.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // Kept apart from the phone's own data (its app store holds only its own demo, untouched).
    expect(await receivedDatabases(b)).toHaveLength(1);
    expect((await storedRecords<Disclosure>(b, 'disclosures')).length).toBe(0);

    // ---- After the expiry (default: one year): gone at app start, and the screen says so. ----
    await phone.clock.setFixedTime(Date.now() + 367 * DAY_MS);
    await b.goto(`${APP_URL}#/map`);
    await b.reload();
    await b.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    expect(await b.evaluate(() => Date.now())).toBeGreaterThan(Date.now() + 360 * DAY_MS);
    await expect.poll(() => receivedDatabases(b), { timeout: 30_000 }).toEqual([]);
    await b.goto(`${APP_URL}#/received`);
    await b.waitForSelector('[data-testid="received-none"]', { timeout: 30_000 });
    await phone.close();
  }, 300_000);

  it('is deleted when its screen opens after expiry, and deletable at any time', async () => {
    const { page: a } = await browser.newPage();
    await openApp(a);
    await setOperator(a, '山田 花子');
    await a.goto(`${APP_URL}#/data`);
    await a.waitForSelector('[data-testid="handover-section"]', { timeout: 30_000 });
    await a.selectOption('[data-testid="handover-group"]', 'minsei');
    await expect.poll(() => a.getAttribute('[data-testid="handover-preview"]', 'data-count'), { timeout: 30_000 }).not.toBe('0');
    // The earliest expiry: today (Japan).
    const today = (await a.getAttribute('[data-testid="handover-expires"]', 'min'))!;
    await a.fill('[data-testid="handover-expires"]', today);
    const passphrase = (await a.getAttribute('[data-testid="handover-passphrase"]', 'data-value'))!;
    await a.check('[data-testid="handover-wrote-down"]');
    const [download] = await Promise.all([a.waitForEvent('download', { timeout: 120_000 }), a.click('[data-testid="handover-create"]')]);
    const path = join(dir, 'minsei.hinan');
    await download.saveAs(path);

    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const b = await context.newPage();
    const open = async () => {
      await b.goto(`${APP_URL}#/received`);
      await b.waitForSelector('[data-testid="received-none"]', { timeout: 60_000 });
      await b.setInputFiles('[data-testid="received-file"]', path);
      await b.fill('[data-testid="received-passphrase"]', passphrase);
      await b.click('[data-testid="received-open"]');
      await b.waitForSelector('[data-testid="received-view"]', { timeout: 120_000 });
    };
    await open();
    // Deleted by the user (after confirming).
    b.once('dialog', (d) => void d.accept());
    await b.click('[data-testid="received-delete-open"]');
    await b.waitForSelector('[data-testid="received-none"]', { timeout: 30_000 });
    await expect.poll(() => receivedDatabases(b), { timeout: 30_000 }).toEqual([]);

    // Opened again; two days later the screen (opened without a reload) removes it.
    await open();
    await b.click('[data-testid="received-close"]');
    await b.waitForSelector('[data-testid="received-file-entry"]', { timeout: 30_000 });
    await context.clock.setFixedTime(Date.parse(`${today}T12:00:00+09:00`) + 2 * DAY_MS);
    await b.click('header nav a[href="#/map"]');
    await b.click('header nav a[href="#/received"]');
    await b.waitForSelector('[data-testid="received-purged"]', { timeout: 30_000 });
    expect(await b.textContent('[data-testid="received-purged"]')).toContain('民生委員あて');
    await b.waitForSelector('[data-testid="received-none"]', { timeout: 30_000 });
    await expect.poll(() => receivedDatabases(b), { timeout: 30_000 }).toEqual([]);
    // An expired file cannot be opened again.
    await b.setInputFiles('[data-testid="received-file"]', path);
    await b.fill('[data-testid="received-passphrase"]', passphrase);
    await b.click('[data-testid="received-open"]');
    await expect.poll(() => b.textContent('[data-testid="received-error"]'), { timeout: 60_000 }).toContain('有効期限');
  }, 300_000);
});
