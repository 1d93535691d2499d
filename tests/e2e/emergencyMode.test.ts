/**
 * 災害時モード, Done-when 1 (built app, real Chromium, real MapLibre): with people of every consent
 * state (the demo: given, pending and refused in demo-d1..d3), switching the mode on for one district
 * shows exactly the stored people of that district on the 名簿 — checked against the raw store —
 * marked 「災害時提供」 in the list, the detail panel and on the map; the 提供記録 has the entry with
 * the count; every printed page carries the marking; ending the mode, or its 72-hour limit passing
 * (a test clock), hides the un-consented again.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { EMERGENCY_MARK, type Emergency } from '../../src/core/emergency';
import type { Plan } from '../../src/core/plan';
import type { Person } from '../../src/core/person';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, confirmPlanThrough, demoPeople, listedPersonIds, openApp, pdfPages, pdfText, screenshot, setOperator, storedPeople, storedRecords, useBrowser, waitForMapIdle } from './browser';

const browser = useBrowser();

const DISTRICT = 'demo-d2';
const EVENT = '令和9年 台風10号 大雨';
const HOUR = 3_600_000;

const disclosures = (page: Page) => storedRecords<Disclosure>(page, 'disclosures');
const emergencies = (page: Page) => storedRecords<Emergency>(page, 'emergencies');
const sorted = (ids: Iterable<string>) => [...ids].sort();

/** The district's people as stored (read straight from IndexedDB): on the 名簿, by consent. */
async function rawDistrict(page: Page, district: string): Promise<{ all: Person[]; given: string[]; hidden: string[] }> {
  const all = (await storedPeople(page)).filter((p) => p.districtId === district && !p.archived);
  return {
    all,
    given: sorted(all.filter((p) => p.consent.status === 'given').map((p) => p.id)),
    hidden: sorted(all.filter((p) => p.consent.status !== 'given').map((p) => p.id)),
  };
}

/** Ids of the list rows marked 「災害時提供」 (the whole list is drawn at the demo's size). */
const markedRows = (page: Page) =>
  page.$$eval('[data-testid="people-list"] [data-person-id]', (rows) =>
    rows.filter((r) => r.getAttribute('data-revealed') === 'true' && r.querySelector('[data-testid="revealed-mark"]')?.textContent === '災害時提供').map((r) => r.getAttribute('data-person-id')!),
  );

/** Ids of the people drawn on the map with the 「災害時提供」 mark (`revealed`), and of all drawn. */
function drawnPeople(page: Page): Promise<{ all: string[]; revealed: string[] }> {
  return page.evaluate(() => {
    const map = (window as unknown as { __hinanMap: { queryRenderedFeatures(o: object): { properties: { id: string; revealed?: boolean } }[] } }).__hinanMap;
    const features = map.queryRenderedFeatures({ layers: ['people'] });
    const ids = (fs: typeof features) => [...new Set(fs.map((f) => f.properties.id))].sort();
    return { all: ids(features), revealed: ids(features.filter((f) => f.properties.revealed === true)) };
  });
}

/** Fills the 「災害時モードにする」 dialog (opened) for one district and presses 始める. */
async function fillStart(page: Page, { authorise = true }: { authorise?: boolean } = {}): Promise<void> {
  await page.fill('[data-testid="emergency-name"]', EVENT);
  await page.selectOption('[data-testid="emergency-level"]', '4');
  if (await page.isChecked('[data-testid="emergency-all-districts"]')) await page.uncheck('[data-testid="emergency-all-districts"]');
  await page.check(`[data-testid="emergency-district"][data-district-id="${DISTRICT}"]`);
  if (authorise) await page.check('[data-testid="emergency-authorised"]');
  await page.click('[data-testid="emergency-start-confirm"]');
}

/** The text of every page of a PDF, whitespace removed (pdftotext breaks lines where it likes). */
function pageTexts(pdf: Uint8Array): string[] {
  return Array.from({ length: pdfPages(pdf) }, (_, i) => pdfText(pdf, { page: i + 1 }).replace(/\s+/g, ''));
}

/** Opens the 地区カルテ of `district` through the header's tab (no reload) and prints it to a PDF. */
async function printKarte(page: Page, district: string): Promise<Uint8Array> {
  await page.click('header nav a[href="#/karte"]');
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', district);
  // The karte of that district (not the one shown before choosing it), ready to print.
  await page.waitForSelector(`[data-testid="karte-lines"][data-district="${district}"]`, { timeout: 30_000 });
  await page.waitForSelector('[data-testid="karte-print"]:not([disabled])', { timeout: 30_000 });
  return page.pdf({ format: 'A4' });
}

const MARK = EMERGENCY_MARK.replace(/\s+/g, '');

describe('災害時モード (built app, real Chromium)', () => {
  it('switching on for one district shows exactly its stored people, marked; the 提供記録 has it; every printed page carries the marking; ending hides them again', async () => {
    const { context, page } = await browser.newPage();
    // One consented person of the district has a confirmed plan (the after-event summary reviews it).
    const planned = demoPeople().find((p) => p.districtId === DISTRICT && p.consent.status === 'given')!;
    await confirmPlanThrough(page, planned.id);
    await openApp(page, APP_URL);
    await page.selectOption('[data-testid="district-filter"]', DISTRICT);
    const raw = await rawDistrict(page, DISTRICT);
    expect(raw.given.length).toBeGreaterThan(0);
    expect(raw.all.some((p) => p.consent.status === 'pending')).toBe(true);
    expect(raw.all.some((p) => p.consent.status === 'refused')).toBe(true);
    await expect.poll(() => listedPersonIds(page).then(sorted), { timeout: 30_000 }).toEqual(raw.given);

    // Without a 作業者名 the dialog says so in words; nothing is stored.
    await page.click('[data-testid="emergency-open"]');
    // It starts from the district on screen.
    expect(await page.isChecked('[data-testid="emergency-all-districts"]')).toBe(false);
    expect(await page.isChecked(`[data-testid="emergency-district"][data-district-id="${DISTRICT}"]`)).toBe(true);
    expect(await page.isChecked('[data-testid="emergency-include-refused"]')).toBe(true);
    await fillStart(page);
    await expect.poll(() => page.textContent('[data-testid="emergency-start-problem"]')).toContain('作業者名');
    await page.click('[data-testid="emergency-start"] button:has-text("やめる")');
    await setOperator(page, '山田 花子');

    // Without the 49-11-3 confirmation: refused in words, nothing stored.
    await page.click('[data-testid="emergency-open"]');
    await expect.poll(() => page.textContent('[data-testid="emergency-start"]')).toContain('災害対策基本法 第49条の11第3項');
    await fillStart(page, { authorise: false });
    await expect.poll(() => page.textContent('[data-testid="emergency-start-problem"]')).toContain('第49条の11第3項');
    expect(await emergencies(page)).toEqual([]);
    await screenshot(page, 'emergency-start-dialog');
    await page.check('[data-testid="emergency-authorised"]');
    await page.click('[data-testid="emergency-start-confirm"]');

    // On: the red banner; the 名簿 of the district is everyone stored in it, the un-consented marked.
    await page.waitForSelector('[data-testid="emergency-banner"]', { timeout: 30_000 });
    const [event] = await emergencies(page);
    expect(event).toMatchObject({ name: EVENT, alertLevel: 4, districtIds: [DISTRICT], includeRefused: true, endedAt: null, startedBy: '山田 花子', revealedCount: raw.hidden.length });
    await expect(page.textContent('[data-testid="emergency-banner-code"]')).resolves.toBe(event.id);
    await expect.poll(() => page.textContent('[data-testid="emergency-revealed-count"]')).toBe(`災害時提供の表示中（${raw.hidden.length}人）`);
    expect(Number(await page.getAttribute('[data-testid="emergency-time-left"]', 'data-minutes'))).toBeGreaterThanOrEqual(72 * 60 - 2);
    await expect.poll(() => listedPersonIds(page).then(sorted), { timeout: 30_000 }).toEqual(sorted(raw.all.map((p) => p.id)));
    await expect.poll(() => markedRows(page).then(sorted)).toEqual(raw.hidden);
    await expect(page.getAttribute('[data-testid="revealed-count"]', 'data-count')).resolves.toBe(String(raw.hidden.length));
    // The banner counts the event's whole districts, whatever the screen shows.
    await page.selectOption('[data-testid="district-filter"]', 'demo-d1');
    await expect.poll(() => page.getAttribute('[data-testid="emergency-revealed-count"]', 'data-count')).toBe(String(raw.hidden.length));
    await expect.poll(() => markedRows(page)).toEqual([]);
    await page.selectOption('[data-testid="district-filter"]', DISTRICT);
    await expect.poll(() => markedRows(page).then(sorted)).toEqual(raw.hidden);

    // On the map: every placed person of the district, the un-consented with the mark.
    const placed = raw.all.filter((p) => p.location);
    await waitForMapIdle(page);
    await expect
      .poll(async () => {
        const drawn = await drawnPeople(page);
        return { all: drawn.all.filter((id) => placed.some((p) => p.id === id)), revealed: drawn.revealed };
      }, { timeout: 30_000 })
      .toEqual({ all: sorted(placed.map((p) => p.id)), revealed: sorted(placed.filter((p) => raw.hidden.includes(p.id)).map((p) => p.id)) });

    // The detail panel: marked, and no plan without consent.
    const someone = raw.all.find((p) => p.consent.status === 'refused')!;
    await page.click(`[data-testid="people-list"] [data-person-id="${someone.id}"]`);
    await expect.poll(() => page.textContent('[data-testid="detail-name"]')).toBe(someone.name);
    await expect(page.textContent('[data-testid="detail-revealed"]')).resolves.toContain(EMERGENCY_MARK);
    await expect(page.textContent('[data-testid="detail-plan-needs-consent"]')).resolves.toContain('同意');
    expect(await page.$('[data-testid="open-plan"]')).toBeNull();
    await screenshot(page, 'emergency-on-map');

    // The 提供記録: who, when, which event, how many.
    const on = (await disclosures(page)).find((d) => d.kind === 'emergency-on')!;
    expect(on).toMatchObject({ operator: '山田 花子', count: raw.hidden.length, emergencyId: event.id, at: event.startedAt });
    expect(sorted(on.personIds)).toEqual(raw.hidden);
    expect(on.what).toContain(EVENT);

    // A print (the 地区カルテ): the marking at the top of every page, and its entry says so.
    const pdf = await printKarte(page, DISTRICT);
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, text] of pages.entries()) expect(text, `page ${i + 1}`).toContain(MARK);
    await expect.poll(async () => (await disclosures(page)).filter((d) => d.kind === 'print-karte').length, { timeout: 30_000 }).toBe(1);
    const karte = (await disclosures(page)).find((d) => d.kind === 'print-karte')!;
    expect(karte.emergencyId).toBe(event.id);
    expect(karte.what.endsWith(EMERGENCY_MARK)).toBe(true);
    await screenshot(page, 'emergency-karte');

    // In a browser without page-margin boxes, the print-only header fixed at the top does it instead.
    const plain = await context.newPage();
    await plain.addInitScript(() => Reflect.deleteProperty(window, 'CSSMarginRule'));
    await openApp(plain);
    await plain.waitForSelector('[data-testid="emergency-banner"]', { timeout: 30_000 });
    await expect(plain.getAttribute('style[data-emergency-print-mark]', 'data-emergency-print-mark')).resolves.toBe('fixed');
    const fixedPages = pageTexts(await printKarte(plain, DISTRICT));
    expect(fixedPages.length).toBeGreaterThan(1);
    for (const [i, text] of fixedPages.entries()) expect(text, `page ${i + 1}`).toContain(MARK);
    await plain.close();

    // End (with its confirmation): hidden again everywhere, nothing deleted, the entry with the count.
    await page.click('header nav a[href="#/map"]');
    await waitForMapIdle(page);
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="emergency-end"]');
    await page.waitForSelector('[data-testid="emergency-banner"]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => listedPersonIds(page).then(sorted), { timeout: 30_000 }).toEqual(raw.given);
    expect(await markedRows(page)).toEqual([]);
    await expect.poll(async () => (await drawnPeople(page)).revealed, { timeout: 30_000 }).toEqual([]);
    const [ended] = await emergencies(page);
    expect(ended).toMatchObject({ id: event.id, endReason: 'ended', endedBy: '山田 花子' });
    const off = (await disclosures(page)).find((d) => d.kind === 'emergency-off')!;
    expect(off).toMatchObject({ count: raw.hidden.length, emergencyId: event.id, operator: '山田 花子' });
    // The page holds no un-consented person any more, and a print carries no marking.
    const html = await page.content();
    for (const p of raw.all.filter((x) => raw.hidden.includes(x.id))) expect(html).not.toContain(p.name);
    for (const text of pageTexts(await printKarte(page, DISTRICT))) expect(text).not.toContain(MARK);
    // 「安否確認」 stays in the tabs for the after-event summary.
    await page.click('header nav a[href="#/emergency"]');
    await page.waitForSelector(`[data-testid="emergency-after-event"][data-event-id="${event.id}"]`, { timeout: 30_000 });
    await expect(page.getAttribute('[data-testid="emergency-after-end"]', 'data-reason')).resolves.toBe('ended');

    // Nobody was reached (no 安否 record): every person counted, the planned person's plan failed for it;
    // 「計画を要見直しにする」 saves it as 要見直し with the reason, once.
    await expect.poll(() => page.textContent('[data-testid="after-targets"]'), { timeout: 60_000 }).toBe(`${raw.all.length}人`);
    await expect(page.textContent('[data-testid="after-state"][data-state="unchecked"]')).resolves.toBe(String(raw.all.length));
    await expect(page.textContent(`[data-testid="after-failures"] [data-person-id="${planned.id}"]`)).resolves.toContain('最後まで安否を確認できなかった');
    const neverReached = await page.textContent('[data-testid="after-never-reached"]');
    for (const p of raw.all) expect(neverReached!.includes(p.name)).toBe(raw.given.includes(p.id));
    await screenshot(page, 'emergency-after');
    const before = (await storedRecords<Plan>(page, 'plans')).find((p) => p.personId === planned.id)!;
    expect(before.status).toBe('confirmed');
    await page.click('[data-testid="after-mark-review"]');
    await expect.poll(() => page.getAttribute('[data-testid="after-review-result"]', 'data-marked'), { timeout: 30_000 }).toBe('1');
    const reviewed = (await storedRecords<Plan>(page, 'plans')).find((p) => p.personId === planned.id)!;
    expect(reviewed).toMatchObject({ status: 'needs_review', version: before.version + 1 });
    expect(reviewed.rosterReview).toEqual([expect.objectContaining({ field: 'emergency', updateId: `emergency:${event.id}`, text: `災害時モード（${EVENT}）: 最後まで安否を確認できなかった` })]);
    await page.click('[data-testid="after-mark-review"]');
    await expect.poll(() => page.textContent('[data-testid="after-review-result"]')).toContain('1件はすでに要見直しにしてあります');
    expect((await storedRecords<Plan>(page, 'plans')).find((p) => p.personId === planned.id)!.version).toBe(before.version + 1);
    // The plan editor says why.
    await page.goto(`${APP_URL}#/plan/${planned.id}`);
    await expect.poll(() => page.textContent('[data-testid="plan-roster-review"]'), { timeout: 30_000 }).toContain('災害時の振り返りで見直しが必要です');
  });

  it('after 72 hours without a renewal the mode ends by itself (a test clock): hidden again, the 提供記録 says it expired; a renewal moves the limit', async () => {
    const context = await browser.newContext();
    const startAt = Date.parse('2027-09-01T19:00:00+09:00');
    await context.clock.install({ time: new Date(startAt) });
    const page = await context.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    await page.selectOption('[data-testid="district-filter"]', DISTRICT);
    const raw = await rawDistrict(page, DISTRICT);
    await page.click('[data-testid="emergency-open"]');
    await fillStart(page);
    await page.waitForSelector('[data-testid="emergency-banner"]', { timeout: 30_000 });
    await expect.poll(() => markedRows(page).then(sorted), { timeout: 30_000 }).toEqual(raw.hidden);
    const [event] = await emergencies(page);
    const started = Date.parse(event.startedAt);
    expect(Date.parse(event.expiresAt) - started).toBe(72 * HOUR);

    // 70 hours on: still on, 2 hours left, said loudly. 「延長する」 makes it 72 hours from now.
    await page.clock.fastForward(70 * HOUR);
    await expect.poll(() => page.getAttribute('[data-testid="emergency-time-left"]', 'data-minutes'), { timeout: 30_000 }).toMatch(/^(11\d|120)$/);
    expect(await page.getAttribute('[data-testid="emergency-time-left"]', 'class')).toContain('soon');
    await screenshot(page, 'emergency-banner-ending');
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="emergency-renew"]');
    await expect.poll(async () => (await emergencies(page))[0].renewals.length, { timeout: 30_000 }).toBe(1);
    const renewed = (await emergencies(page))[0];
    expect(Date.parse(renewed.expiresAt) - Date.parse(renewed.renewals[0].at)).toBe(72 * HOUR);
    expect(Date.parse(renewed.renewals[0].at) - started).toBeGreaterThanOrEqual(70 * HOUR);
    await expect.poll(() => page.getAttribute('[data-testid="emergency-time-left"]', 'data-minutes')).toMatch(/^(43\d\d|4320)$/);

    // Past the first limit (72 h after the start): still on, since it was renewed.
    await page.clock.fastForward(3 * HOUR);
    await page.waitForTimeout(500);
    expect(await page.$('[data-testid="emergency-banner"]')).not.toBeNull();
    expect(sorted(await markedRows(page))).toEqual(raw.hidden);
    expect((await emergencies(page))[0].endedAt).toBeNull();

    // Past the renewed limit: the mode ends by itself at its limit.
    await page.clock.fastForward(70 * HOUR);
    await page.waitForSelector('[data-testid="emergency-banner"]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => listedPersonIds(page).then(sorted), { timeout: 30_000 }).toEqual(raw.given);
    expect(await markedRows(page)).toEqual([]);
    const [expired] = await emergencies(page);
    expect(expired).toMatchObject({ endReason: 'expired', endedAt: renewed.expiresAt, endedBy: null });
    const off = (await disclosures(page)).find((d) => d.kind === 'emergency-off')!;
    expect(off).toMatchObject({ emergencyId: event.id, count: raw.hidden.length, at: renewed.expiresAt });
    expect(off.what).toContain('72時間の期限切れ');
    // The switch-on button is back; the summary says how it ended.
    await page.waitForSelector('[data-testid="emergency-open"]');
    await page.click('header nav a[href="#/emergency"]');
    await expect.poll(() => page.getAttribute('[data-testid="emergency-after-end"]', 'data-reason'), { timeout: 30_000 }).toBe('expired');
    await screenshot(page, 'emergency-after-expired');
  });
});
