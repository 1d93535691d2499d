import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import { APP_URL, SCREENSHOT_DIR, demoPeople, launchChromium, newContext, openApp, storedPlans, storedRecords } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const supporters = new Map((JSON.parse(readFileSync('data/demo/supporters.json', 'utf8')) as Supporter[]).map((s) => [s.id, s]));

/** Pages in a PDF made by Chromium (one `/Type /Page` object per page). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('printing a plan (built app, real Chromium)', () => {
  it('prints the 計画書 and the 緊急連絡カード — not the editor — on at most two A4 pages, with what was just typed', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openApp(page);
    const target = demoPeople().find((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1')!;
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });

    // Type a family contact and what to bring; print at once (the print button saves first).
    await page.click('[data-testid="add-contact"]');
    await page.fill('[data-testid="contact-0-name"]', '会津 一郎');
    await page.fill('[data-testid="contact-0-relation"]', '長男');
    await page.fill('[data-testid="contact-0-phone"]', '090-1111-2222');
    await page.fill('[data-testid="medical-must-bring"]', 'お薬手帳、眼鏡');
    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="plan-print"]');
    await page.waitForSelector('body[data-printed="yes"]');
    const plan = (await storedPlans(page)).find((p) => p.personId === target.id)!;
    expect(plan.emergencyContacts[0]).toMatchObject({ name: '会津 一郎', phone: '090-1111-2222' });

    // On screen the sheet is hidden; in print only the sheet shows.
    expect(await page.isVisible('[data-testid="plan-sheet"]')).toBe(false);
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-testid="plan-sheet"]')).toBe(true);
    for (const hidden of ['[data-testid="plan-person-name"]', '[data-testid="plan-print"]', '[data-testid="demo-banner"]', 'header nav', '[data-testid="medical-must-bring"]']) {
      expect(await page.isVisible(hidden), hidden).toBe(false);
    }
    const sheet = (await page.textContent('[data-testid="plan-sheet"]'))!;
    expect(sheet).toContain(target.name);
    expect(sheet).toContain(target.address);
    // The suggested supporter and destination, resolved to names and phones.
    const primary = supporters.get(plan.primarySupporter!.supporterId!)!;
    expect(await page.textContent('[data-testid="sheet-supporters"]')).toContain(primary.name);
    expect(await page.textContent('[data-testid="sheet-supporters"]')).toContain(primary.phone);
    const shelters = await storedRecords<Shelter>(page, 'shelters');
    const [hazard, dest] = Object.entries(plan.destinations).find(([, d]) => d?.shelterId)!;
    const shelter = shelters.find((s) => s.id === dest!.shelterId)!;
    const destBlock = `[data-testid="sheet-dest"][data-hazards~="${hazard}"]`;
    expect(await page.textContent(destBlock)).toContain(shelter.name);
    expect(await page.isVisible(`${destBlock} [data-testid="route-sketch"]`)).toBe(true);
    // Hazards with the same destination and route are written once.
    const sameAsFirst = Object.entries(plan.destinations).filter(([, d]) => d?.shelterId === dest!.shelterId && !d?.routeNote && !d?.routeLine).length;
    expect((await page.getAttribute(destBlock, 'data-hazards'))!.split(' ').length).toBe(sameAsFirst);
    expect(await page.isVisible('[data-testid="plan-sheet"] h1')).toBe(true); // the title survives the hidden app header
    // The card to keep by the phone: supporter and family phone numbers, and what to bring.
    const card = (await page.textContent('[data-testid="contact-card"]'))!;
    expect(card).toContain(primary.phone);
    expect(card).toContain('090-1111-2222');
    expect(card).toContain('お薬手帳、眼鏡');

    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.screenshot({ path: `${SCREENSHOT_DIR}/plan-sheet-print.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${SCREENSHOT_DIR}/plan-sheet.pdf` });
    expect(pdfPages(pdf)).toBeGreaterThanOrEqual(1);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    await context.close();
  });
});
