/**
 * 名簿から外れた人はどこにも出ない (issue 11): a consented person with a plan leaves the 名簿 through
 * the real update path (名簿 A, then 名簿 B without them, through the import screen's update
 * preview); then every place a person can appear — each screen's DOM, every map's GeoJSON and
 * rendered features (and all data handed to MapLibre's workers), every print as PDF text, every
 * CSV, the drill, the hand-over preview — is searched for their markers (ID, 氏名, フリガナ, 住所,
 * 電話, the plan's note, the home's position) with the consent sweep's leak probe. Only
 * 「名簿から外れた人」 may show them (and a plan URL typed by hand its ID). A person who stays must
 * appear in the same places, so the sweep cannot pass by showing nothing. Along the way: the plan a
 * changed mobility sent back to 要見直し shows the update's reason until it is confirmed again, and
 * the 地区カルテ lists the update.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONSENT_RECIPIENTS } from '../../src/core/consent';
import { japanToday } from '../../src/core/japanDate';
import type { Plan } from '../../src/core/plan';
import { APP_URL, confirmPlanThrough, importRosterThrough, listedPersonIds, openApp, openPlanEditor, setOperator, storedPeople, storedPlans, waitForMapIdle, waitPlanSaved, useBrowser, pdfText } from './browser';
import { addSighting, installLeakProbe, scanForMarkers, scanMaps, scanScreen, settleProbe, type Sightings } from './leakProbe';
import { rosterA, writeRoster, type RosterRow } from './rosterUpdateFixture';

const browser = useBrowser();

const DISTRICT = 'demo-d1'; // 一箕町松長地区: R0xx with an even number live there
const A = rosterA();
const row = (id: string) => A.find((r) => r.id === id)!;
/** Consented, placed, with a plan: leaves the 名簿 (転出). */
const GONE = row('R018');
/** Consented, placed, with a plan: stays (the sweep's positive control). */
const STAYS = row('R016');
/** Consented, with a confirmed plan; 名簿 B changes their mobility (独歩 → 車いす). */
const CHANGED = row('R024');
const GONE_NOTE = '外れた人の計画メモ（漏洩検査）';
const STAYS_NOTE = '残る人の計画メモ（対照）';

const dir = mkdtempSync(join(tmpdir(), 'hinan-archived-sweep-'));
const homeOf = (r: RosterRow) => `${r.home![0].toFixed(6)},${r.home![1].toFixed(6)}`;
const textsOf = (r: RosterRow, note: string) => [r.id, r.name, r.kana, r.address.replace('福島県会津若松市', ''), r.phone, note];
const goneMarkers = new Set([...textsOf(GONE, GONE_NOTE), `@${homeOf(GONE)}`]);
const markers = { texts: [...textsOf(GONE, GONE_NOTE), ...textsOf(STAYS, STAYS_NOTE)], homes: [homeOf(GONE), homeOf(STAYS)] };
const scan = (value: unknown) => scanForMarkers(value, markers);


describe('名簿から外れた人はどこにも出ない (built app, real Chromium)', () => {
  it('sweeps every screen, map, print, export, drill and hand-over for an archived person with consent', { timeout: 420_000 }, async () => {
    for (const r of [GONE, STAYS, CHANGED]) expect([r.consent, r.district, r.home !== null]).toEqual(['同意', '一箕町松長地区', true]);
    const fileA = writeRoster(dir, '名簿_2026年度.csv', A);
    const fileB = writeRoster(dir, '名簿_2027年度.csv', A.filter((r) => r.id !== GONE.id).map((r) => (r.id === CHANGED.id ? { ...r, mobility: '車いす' } : r)));
    expect(CHANGED.mobility).toBe('独歩');

    const sightings: Sightings = new Map();
    let phase = '更新の前';
    const sight = (where: string, found: string[], inPhase = phase) => {
      const key = `${where}〔${inPhase}〕`;
      addSighting(sightings, key, found);
      return key;
    };
    const context = await browser.newContext();
    await installLeakProbe(context, markers, (where, found) => sight(where, found));
    await context.addInitScript(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    const page = await context.newPage();
    const downloads: Promise<void>[] = [];
    page.on('download', (d: Download) => {
      const inPhase = phase;
      downloads.push(
        d.path().then((path) => {
          const bytes = readFileSync(path!);
          sight(`書き出し「${d.suggestedFilename()}」`, scan([new TextDecoder('utf-8').decode(bytes), new TextDecoder('shift_jis').decode(bytes)]), inPhase);
        }),
      );
    });
    const screen = async (where: string) => sight(`画面 ${where}`, await scanScreen(page));
    const maps = async (where: string) => {
      for (const [hook, found] of Object.entries(await scanMaps(page))) sight(`地図 ${hook}（${where}）`, found);
    };
    const printPdf = async (where: string) => sight(`印刷 ${where}（PDFの文字）`, scan(pdfText(await page.pdf({ format: 'A4', printBackground: true }))));
    const waitPrinted = async () => {
      await page.waitForSelector('body[data-printed="yes"]');
      await page.evaluate(() => document.body.removeAttribute('data-printed'));
    };

    await openApp(page);
    await setOperator(page, '名簿 係');

    // ---- 名簿 A (every 情報提供先 given on the import screen, so every 関係者向け名簿 would list
    // the person who will leave), plans for them and for the one who stays, a confirmed plan ----
    await importRosterThrough(page, fileA, { allRecipients: true });
    expect((await storedPeople(page)).filter((p) => [GONE.id, STAYS.id].includes(p.id) && p.consent.recipients.length === CONSENT_RECIPIENTS.length)).toHaveLength(2);
    for (const [r, note] of [[GONE, GONE_NOTE], [STAYS, STAYS_NOTE]] as const) {
      await openPlanEditor(page, r.id);
      await page.fill('[data-testid="communication-notes"]', note);
      await waitPlanSaved(page);
    }
    await confirmPlanThrough(page, CHANGED.id);

    // ---- 名簿 B: GONE is archived (転出), CHANGED now uses a wheelchair ----
    await importRosterThrough(page, fileB, { reasons: { [GONE.id]: 'moved_out' }, allRecipients: true });
    await expect.poll(async () => (await storedPeople(page)).find((p) => p.id === GONE.id)?.archived?.reason, { timeout: 30_000 }).toBe('moved_out');
    const goneStored = (await storedPeople(page)).find((p) => p.id === GONE.id)!;
    expect(goneStored.consent.status).toBe('given'); // hidden for leaving the 名簿, not for consent
    expect((await storedPlans(page)).find((p: Plan) => p.personId === GONE.id)?.communicationNotes).toBe(GONE_NOTE); // plan kept
    await settleProbe(page);
    phase = '更新の後';

    // ---- The plan the update sent back: the reason at the top until confirmed again ----
    await openPlanEditor(page, CHANGED.id);
    const reviewBox = page.locator('[data-testid="plan-roster-review"]');
    await expect.poll(() => reviewBox.textContent(), { timeout: 30_000 }).toContain(`名簿の更新（${japanToday()}）で移動が 独歩 → 車いす に変わりました`);
    expect(await reviewBox.textContent()).toContain('名簿の更新で見直しが必要です');
    expect(await page.textContent('[data-testid="plan-status"]')).toBe('要見直し');
    await page.click('[data-testid="mark-confirmed"]');
    await expect.poll(() => page.textContent('[data-testid="plan-status"]'), { timeout: 30_000 }).toBe('本人確認済');
    await waitPlanSaved(page);
    await expect.poll(() => reviewBox.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(async () => (await storedPlans(page)).find((p: Plan) => p.personId === CHANGED.id)?.rosterReview, { timeout: 30_000 }).toBeUndefined();

    // ---- 地図と名簿 ----
    await page.goto(`${APP_URL}#/map`);
    await waitForMapIdle(page);
    const search = async (q: string) => {
      await page.fill('[data-testid="people-search"]', q);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      return listedPersonIds(page);
    };
    await expect.poll(() => search(''), { timeout: 30_000 }).toContain(STAYS.id);
    for (const q of [GONE.name, GONE.kana, GONE.address, GONE.id]) sight(`画面 #/map 名簿の検索「${q}」`, scan(await search(q)));
    sight('画面 #/map 名簿の全件', scan(await search('')));
    await page.waitForSelector('[data-testid="analysis-numbers"]', { timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector('[data-testid="analysis"] [data-testid="progress"]'), undefined, { timeout: 60_000 });
    await waitForMapIdle(page);
    await screen('#/map');
    await maps('#/map');
    await printPdf('#/map');

    // ---- 個別避難計画: the list, its print, the archived person's URL ----
    await page.goto(`${APP_URL}#/plan`);
    await page.waitForSelector(`[data-plan-person="${STAYS.id}"]`, { timeout: 30_000 });
    await screen('#/plan');
    await printPdf('#/plan');
    await page.goto(`${APP_URL}#/plan/${GONE.id}`);
    await page.waitForSelector(`[data-testid="plan-editor"][data-person-id="${GONE.id}"] [data-testid="plan-person-hidden"]`, { timeout: 30_000 });
    const urlScreen = await screen(`#/plan/${GONE.id}（URLを直接開く）`);

    // ---- 地区カルテ: the sheet and its history line, the district map, the lists for every recipient ----
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', DISTRICT);
    await page.waitForSelector('[data-testid="karte-next"]', { timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid="karte-roster-update"]').first().textContent(), { timeout: 30_000 }).toMatch(new RegExp(`^名簿更新 ${japanToday()}: 新規0人・外れた人1人・要見直し1件`));
    await page.waitForSelector('[data-testid="district-map-print"]:not([disabled])', { timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="district-map-canvas"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
    while (await page.$('[data-testid="karte-next-more"]')) await page.click('[data-testid="karte-next-more"]');
    await screen('#/karte');
    await maps('#/karte');
    await printPdf('#/karte 地区カルテ');
    expect(pdfText(await page.pdf({ format: 'A4' })).replace(/\s+/g, '')).toContain(`名簿更新${japanToday()}:新規0人・外れた人1人・要見直し1件`);
    await page.click('[data-testid="district-map-print"]');
    await waitPrinted();
    await page.waitForSelector('[data-testid="district-map-image"]', { state: 'attached' });
    await printPdf('#/karte 地区の避難地図');
    await page.evaluate(() => delete document.body.dataset.print);
    for (const recipient of CONSENT_RECIPIENTS) {
      await page.selectOption('[data-testid="export-recipient"]', recipient);
      await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-roster"]')]);
    }

    // ---- 訓練 ----
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('[data-testid="drill-new"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="drill-district"]', DISTRICT);
    await page.fill('[data-testid="drill-name"]', '名簿更新後の点検訓練');
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ready"]');
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector(`[data-testid="drill-people"] [data-person-id="${STAYS.id}"]`, { timeout: 30_000 });
    await screen('#/drill 実施中');
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="drill-end"]');
    await page.waitForSelector('[data-testid="drill-summary"]');
    await Promise.all([page.waitForEvent('download'), page.click('[data-testid="drill-export"]')]);

    // ---- 位置の確認 ----
    await page.goto(`${APP_URL}#/places`);
    await page.waitForSelector('[data-testid="places-screen"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="places-map"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
    await screen('#/places');
    await maps('#/places');

    // ---- 受け渡し: the preview for every group ----
    await page.goto(`${APP_URL}#/data`);
    await page.waitForSelector('[data-testid="handover-section"]', { timeout: 30_000 });
    await page.check('[data-testid="handover-kind-group"]');
    for (const group of CONSENT_RECIPIENTS) {
      await page.selectOption('[data-testid="handover-group"]', group);
      await page.waitForSelector('[data-testid="handover-preview"]', { timeout: 30_000 });
      await screen(`#/data 受け渡し（${group}）`);
    }

    // ---- 名簿から外れた人: the one place they are listed ----
    await page.goto(`${APP_URL}#/archived`);
    await expect.poll(() => page.locator(`[data-testid="archived-row"][data-id="${GONE.id}"]`).count(), { timeout: 30_000 }).toBe(1);
    const archivedScreen = await screen('#/archived');

    await settleProbe(page);
    await Promise.all(downloads);
    await context.close();

    // ---- Verdict ----
    const leaks: string[] = [];
    for (const [where, found] of sightings) {
      if (!where.endsWith('〔更新の後〕') || where === archivedScreen) continue;
      const bad = [...found].filter((m) => goneMarkers.has(m) && !(where === urlScreen && m === GONE.id));
      if (bad.length) leaks.push(`${where}: ${bad.join('、')}`);
    }
    expect(sightings.get(archivedScreen)).toContain(GONE.name);
    const missing: string[] = [];
    const expectSeen = (wherePart: string, marker: string) => {
      const places = [...sightings.entries()].filter(([w]) => w.includes(wherePart) && w.endsWith('〔更新の後〕'));
      if (!places.length) missing.push(`${wherePart}: 調べていません`);
      for (const [w, found] of places) if (!found.has(marker)) missing.push(`${w}: 残る人（${marker}）が見つかりません`);
    };
    expectSeen('地図 __hinanMap（#/map）', `@${homeOf(STAYS)}`);
    expectSeen('画面 #/map 名簿の全件', STAYS.id);
    expectSeen('画面 #/plan〔', STAYS.name);
    expectSeen('画面 #/karte〔', STAYS.name);
    expectSeen('地図 __hinanDistrictMap', STAYS.id);
    expectSeen('印刷 #/karte 地区の避難地図', STAYS.name);
    expectSeen('書き出し「', STAYS.name);
    expectSeen('画面 #/drill 実施中', STAYS.name);
    console.log(`archived sweep: ${sightings.size} places searched`);
    expect({ leaks, missing }).toEqual({ leaks: [], missing: [] });
  });
});
