import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import { HAZARD_TYPES } from '../../src/core/hazard';
import { CONSENT_FORM_WORDING, sheetCode } from '../../src/core/interviewSheet';
import { japanToday } from '../../src/core/japanDate';
import { emptyPlan, type Plan } from '../../src/core/plan';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, SCREENSHOT_DIR, demoPeople, openApp, openPlanEditor, pdfPages, pdfText, setOperator, storedPlans, storedRecords, storeRecords, useBrowser } from './browser';

const browser = useBrowser();

const supporters = JSON.parse(readFileSync('data/demo/supporters.json', 'utf8')) as Supporter[];
/** pdftotext breaks lines and may space characters: compare without white space. */
const flat = (s: string) => s.replace(/\s+/g, '');
const repeat = (text: string, times: number) => Array.from({ length: times }, (_, i) => `${text}（${i + 1}）`).join('');

/** What was printed: the PDF Chromium makes, the code on the sheet, and how far each page's content runs past its box (0 when it fits). */
interface Printed {
  pdf: Uint8Array;
  code: string | null;
  overflow: number[];
}

/**
 * Presses the sheet's print button with `window.print` recorded, waits for the print, measures the
 * sheet as it prints (page.pdf fires `afterprint`, which removes it), and makes the PDF.
 */
async function printInterview(page: Page, name: string): Promise<Printed> {
  await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
  await page.click('[data-testid="interview-print"]');
  await page.waitForSelector('body[data-printed="yes"][data-print="interview"] [data-testid="interview-sheet"]', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const code = await page.getAttribute('[data-testid="interview-sheet"]', 'data-code');
  const overflow = await page.$$eval('[data-testid="interview-print-sheet"] .sheet-page', (pages) => pages.map((p) => Math.max(0, p.scrollHeight - p.clientHeight)));
  const hidden: Record<string, boolean> = {};
  for (const sel of ['[data-testid="plan-person-name"]', '[data-testid="plan-sheet"]', 'header nav', '[data-testid="medical-must-bring"]']) hidden[sel] = !(await page.isVisible(sel));
  expect(hidden, 'only the sheet is printed').toEqual(Object.fromEntries(Object.keys(hidden).map((k) => [k, true])));
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', path: `${SCREENSHOT_DIR}/${name}.pdf` });
  return { pdf, code, overflow };
}

/** Stores `plan` as the editor would have saved it (version 1). */
async function putPlan(page: Page, plan: Plan): Promise<void> {
  await storeRecords(page, { plans: [plan] });
}

const target = demoPeople().find((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1')!;

describe('the 聞き取り票 and 同意書 of one person (built app, real Chromium)', () => {
  it('prints two A4 pages with the code on both, the 名簿, the plan as saved, the suggestions marked, and the 同意書 wording; the print is recorded', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    await openPlanEditor(page, target.id);
    await page.waitForSelector('[data-testid="plan-editor"][data-suggestions="ready"]', { timeout: 30_000 });
    await page.click('[data-testid="add-contact"]');
    await page.fill('[data-testid="contact-0-name"]', '会津 一郎');
    await page.fill('[data-testid="contact-0-relation"]', '長男');
    await page.fill('[data-testid="contact-0-phone"]', '090-1111-2222');
    await page.fill('[data-testid="medical-must-bring"]', 'お薬手帳、眼鏡');

    const { pdf, code: printedCode, overflow } = await printInterview(page, 'interview-sheet');
    // The button saved first: the code names the saved version.
    const plan = (await storedPlans(page)).find((p) => p.personId === target.id)!;
    expect(plan.emergencyContacts[0]).toMatchObject({ name: '会津 一郎', phone: '090-1111-2222' });
    const code = sheetCode(target.id, japanToday(), plan.version);
    expect(printedCode).toBe(code);
    expect(overflow).toEqual([0, 0]);

    expect(pdfPages(pdf)).toBe(2);
    const [one, two] = [flat(pdfText(pdf, { page: 1 })), flat(pdfText(pdf, { page: 2 }))];
    for (const [n, text] of [one, two].entries()) {
      expect(text, `page ${n + 1}`).toContain(code);
      expect(text, `page ${n + 1}`).toContain(`${n + 1}/2ページ`);
      expect(text, `page ${n + 1}`).toContain(flat(target.name));
    }
    // Page 1: the 名簿 to check, and the plan's answers.
    expect(one).toContain('変更があれば書き直してください');
    expect(one).toContain(flat(target.address).slice(0, 20));
    expect(one).toContain('お薬手帳、眼鏡');
    // Page 2: the family contact typed, the suggested destination and supporter marked （提案）, the 同意書.
    expect(two).toContain('会津一郎');
    expect(two).toContain('090-1111-2222');
    const shelters = await storedRecords<Shelter>(page, 'shelters');
    const suggestedShelter = Object.values(plan.destinations).find((d) => d?.shelterId && d.chosenBy === 'suggestion');
    if (suggestedShelter) expect(two).toContain(`（提案）${flat(shelters.find((s) => s.id === suggestedShelter.shelterId)!.name)}`);
    const suggestedSupporter = plan.primarySupporter?.chosenBy === 'suggestion' ? supporters.find((s) => s.id === plan.primarySupporter!.supporterId) : undefined;
    if (suggestedSupporter) expect(two).toContain(`（提案）${flat(suggestedSupporter.name)}`);
    expect(two).toContain(flat(CONSENT_FORM_WORDING));
    for (const w of ['同意する', '同意しない', '代筆者の氏名', '代筆者の続柄', 'この内容を本人（家族）と確認した', '自主防災組織', '社会福祉協議会']) expect(two).toContain(w);
    expect(two).toContain('北'); // the route sketch's north arrow
    // 提供記録: one print-interview entry, this person only.
    const entries = (await storedRecords<Disclosure>(page, 'disclosures')).filter((d) => d.kind === 'print-interview');
    expect(entries).toHaveLength(1);
    expect(entries[0].personIds).toEqual([target.id]);
    expect(entries[0].what).toContain(target.name);
    expect(entries[0].operator).toBe('山田 花子');
  });

  it('keeps a plan with every field filled, a destination for each of the 8 hazards and long texts on two pages: long texts are cut with 「…（続きは計画書）」', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    const home: LngLat = [target.location!.lng, target.location!.lat];
    const shelters = await storedRecords<Shelter>(page, 'shelters');
    const byDistance = (a: { location: LngLat }, b: { location: LngLat }) => distanceMetres(home, a.location) - distanceMetres(home, b.location);
    const destinations: Plan['destinations'] = {};
    // Every hazard has a destination (the worst case for the sheet's room): a designated one where the demo has it, else the i-th nearest.
    const nearest = [...shelters].sort(byDistance);
    HAZARD_TYPES.forEach((h, i) => {
      const s = shelters.filter((x) => x.hazards.includes(h)).sort(byDistance)[0] ?? nearest[i];
      destinations[h] = { shelterId: s.id, chosenBy: 'user', routeNote: repeat('市道を北へ', 5), routeLine: [home, [home[0], s.location[1]], s.location] };
    });
    const near = supporters.filter((s) => s.location).sort((a, b) => distanceMetres(home, [a.location!.lng, a.location!.lat]) - distanceMetres(home, [b.location!.lng, b.location!.lat]));
    const plan: Plan = {
      ...emptyPlan(target.id, '2026-04-01'),
      status: 'in_progress',
      primarySupporter: { supporterId: near[0].id, name: '', phone: '', address: '', chosenBy: 'user' },
      backupSupporters: [{ supporterId: null, name: '喜多方 三郎', phone: '0241-22-3333', address: repeat('喜多方市字二丁目4650番地の3 メゾン喜多方', 3), chosenBy: 'user' }],
      destinations,
      alternativeDestination: { kind: 'relatives', name: '喜多方市の長女宅', address: repeat('喜多方市字二丁目4650', 4), phone: '0241-00-0000' },
      emergencyContacts: [
        { name: '会津 一郎', relation: '長男', phone: '090-1111-2222' },
        { name: '会津 次子', relation: '長女', phone: '080-3333-4444' },
        { name: '若松 ケア', relation: 'ケアマネジャー', phone: '0242-00-1234' },
      ],
      dwelling: { floor: 2, bedroom: repeat('2階 南側の洋室（階段は急）', 4), daytimeLocation: repeat('平日はデイサービス', 5) },
      mobilityAids: ['cane', 'wheelchair', 'hearing_aid', 'guide_dog'],
      mobilityNotes: repeat('屋内は杖で歩けるが、屋外は車いす。段差は二人で持ち上げる', 6),
      medical: { careNotes: repeat('在宅酸素 毎分2リットル、たん吸引 1日6回', 8), mustBring: repeat('酸素ボンベ2本、吸引器、予備バッテリー', 6), powerDependent: true, batteryHours: 8, powerAvailableAt: repeat('会津中央病院の非常用電源', 4), careProviderContact: repeat('会津中央病院 内科 山田医師 0242-00-5678', 3) },
      communicationNotes: repeat('右耳が聞こえにくい。筆談ボードを使う', 8),
      leaveWhen: repeat('夜間に出る見込みなら明るいうちに', 3),
      transport: 'wheelchair',
      whatToBring: repeat('着替え3日分、タオル、常備薬3日分、懐中電灯', 6),
      supporterNotes: repeat('玄関の鍵は隣の佐藤さんが預かっている。犬を一緒に連れて行く', 6),
      consent: { status: 'given', date: '2026-04-01', method: 'signature', recipients: ['jishubo', 'minsei'], proxy: { name: '会津 一郎', relation: '長男' } },
      version: 1,
      updatedAt: '2026-04-01T01:00:00.000Z',
    };
    await putPlan(page, plan);
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await openPlanEditor(page, target.id);

    const { pdf, code: printedCode, overflow } = await printInterview(page, 'interview-sheet-long');
    expect(pdfPages(pdf)).toBe(2);
    expect(overflow).toEqual([0, 0]);
    const code = sheetCode(target.id, japanToday(), 1);
    expect(printedCode).toBe(code);
    const [one, two] = [flat(pdfText(pdf, { page: 1 })), flat(pdfText(pdf, { page: 2 }))];
    expect(one).toContain(code);
    expect(two).toContain(code);
    expect(one + two).toContain('…（続きは計画書）');
    // The plan's values: battery hours, the first two contacts, both supporters (the linked one by its record's name), the recorded consent.
    expect(one).toContain('8時間');
    expect(two).toContain('会津次子');
    expect(two).toContain(flat(near[0].name));
    expect(two).toContain('喜多方三郎');
    expect(two).toContain('代筆会津一郎（長男）');
    for (const h of Object.values(destinations)) expect(two).toContain(flat(shelters.find((s) => s.id === h!.shelterId)!.name).slice(0, 8));
    expect(two).toContain(flat(CONSENT_FORM_WORDING));
  });

  it('cannot print the sheet of a person who refused or has not answered (the consent gate)', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    for (const status of ['refused', 'pending'] as const) {
      const hidden = demoPeople().find((p) => p.consent.status === status)!;
      await page.goto(`${APP_URL}#/plan/${hidden.id}`);
      await page.waitForSelector('[data-testid="plan-person-hidden"]', { timeout: 30_000 });
      expect(await page.locator('[data-testid="interview-print"]').count(), status).toBe(0);
      expect(await page.locator('[data-testid="interview-sheet"]').count(), status).toBe(0);
    }
    const entries = (await storedRecords<Disclosure>(page, 'disclosures')).filter((d) => d.kind === 'print-interview');
    expect(entries).toHaveLength(0);
  });
});

