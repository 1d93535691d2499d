import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import { HAZARD_TYPES, type HazardType } from '../../src/core/hazard';
import { confirmPlan, emptyPlan, type Plan } from '../../src/core/plan';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import { APP_URL, SCREENSHOT_DIR, demoPeople, openApp, setOperator, storedPlans, storedRecords, useBrowser, pdfPages, pdfText } from './browser';

const browser = useBrowser();

const supporters = new Map((JSON.parse(readFileSync('data/demo/supporters.json', 'utf8')) as Supporter[]).map((s) => [s.id, s]));

const long = (text: string, times: number) => Array.from({ length: times }, (_, i) => `${text}（${i + 1}）`).join('');

/**
 * A plan with every field filled and long notes: two supporters, three family contacts, a
 * different shelter for each of four hazards, a drawn route, consent, confirmed.
 */
function fullPlan(personId: string, home: LngLat, shelters: Shelter[], supporterIds: string[]): Plan {
  const hazards = HAZARD_TYPES.filter((h) => shelters.some((s) => s.hazards.includes(h))).slice(0, 4);
  const used = new Set<string>();
  const destinations: Plan['destinations'] = {};
  hazards.forEach((h: HazardType, i) => {
    const s = shelters.filter((x) => x.hazards.includes(h) && !used.has(x.id)).sort((a, b) => distanceMetres(home, a.location as LngLat) - distanceMetres(home, b.location as LngLat))[0];
    used.add(s.id);
    const [x, y] = s.location as LngLat;
    destinations[h] = {
      shelterId: s.id,
      chosenBy: 'user',
      routeNote: i === 0 ? long('自宅前の市道を北へ進み、信号で右折して県道を渡る。踏切は使わず、歩道橋の横の坂を上る', 2) : `${s.name}まで市道を通る。`,
      routeLine: i === 0 ? [home, [home[0], (home[1] + y) / 2], [(home[0] + x) / 2, (home[1] + y) / 2], [x, y]] : null,
    };
  });
  const base = emptyPlan(personId, '2026-04-01');
  return confirmPlan({
    ...base,
    status: 'in_progress',
    primarySupporter: { supporterId: supporterIds[0], name: '', phone: '', address: '', chosenBy: 'user' },
    backupSupporters: [{ supporterId: supporterIds[1], name: '', phone: '', address: '', chosenBy: 'user' }],
    destinations,
    alternativeDestination: { kind: 'relatives', name: '喜多方市の長女宅', address: '喜多方市字二丁目4650', phone: '0241-00-0000' },
    emergencyContacts: [
      { name: '会津 一郎', relation: '長男', phone: '090-1111-2222' },
      { name: '会津 次子', relation: '長女', phone: '080-3333-4444' },
      { name: '若松 ケア', relation: 'ケアマネジャー', phone: '0242-00-1234' },
    ],
    dwelling: { floor: 2, bedroom: '2階 南側の洋室（階段は急で手すりは片側のみ）', daytimeLocation: '平日はデイサービス（会津デイセンター）、ほかは1階の居間' },
    mobilityAids: ['cane', 'wheelchair', 'hearing_aid'],
    mobilityNotes: long('屋内は杖で歩けるが、屋外は車いす。段差は二人で持ち上げる', 2),
    medical: { careNotes: long('在宅酸素 毎分2リットル、たん吸引 1日6回、インスリン注射 朝夕', 2), mustBring: '酸素ボンベ2本、吸引器、予備バッテリー、インスリン、お薬手帳、眼鏡、補聴器の電池', powerDependent: true, batteryHours: 8, powerAvailableAt: '会津中央病院、福祉避難所の非常用電源', careProviderContact: '会津中央病院 内科 山田医師 0242-00-5678／訪問看護ステーションあいづ 0242-00-9012' },
    communicationNotes: long('右耳が聞こえにくい。筆談ボードを使う。ゆっくり、正面から話しかける', 2),
    leaveWhen: '警戒レベル3 高齢者等避難（夜間に出る見込みなら、明るいうちに早めに）',
    transport: 'wheelchair',
    whatToBring: long('着替え3日分、タオル、常備薬3日分、懐中電灯、携帯ラジオ、現金、保険証の写し', 2),
    supporterNotes: long('玄関の鍵は隣の佐藤さんが預かっている。犬（小型犬）を一緒に連れて行く。夜は長女が同居していることがある', 3),
    consent: { status: 'given', date: '2026-04-01', method: 'signature', recipients: ['jishubo', 'minsei', 'shobodan'] },
    version: 0,
  }, '2026-04-01');
}

describe('printing a plan (built app, real Chromium)', () => {
  it('prints the 計画書 and the 緊急連絡カード — not the editor — on at most two A4 pages, with what was just typed', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    const target = demoPeople().find((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1')!;
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    // A new plan: the engine worker's suggestions (supporter, destinations) arrive, then the typing starts.
    await page.waitForSelector('[data-testid="plan-editor"][data-suggestions="ready"]', { timeout: 30_000 });

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
  });

  it('fits a plan with every field filled and long notes on two A4 pages: the 計画書 fills page 1, the 緊急連絡カード is whole below the cut line', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    const target = demoPeople().find((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1')!;
    const home: LngLat = [target.location!.lng, target.location!.lat];
    const shelters = await storedRecords<Shelter>(page, 'shelters');
    const near = [...supporters.values()].filter((s) => s.location).sort((a, b) => (a.location && b.location ? distanceMetres(home, [a.location.lng, a.location.lat]) - distanceMetres(home, [b.location.lng, b.location.lat]) : 0));
    const plan = fullPlan(target.id, home, shelters, [near[0].id, near[1].id]);
    expect(Object.keys(plan.destinations).length).toBe(4);
    // Stored as a saved plan (version 1), as the editor would have saved it.
    await page.evaluate(
      (p) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const tx = open.result.transaction('plans', 'readwrite');
            tx.objectStore('plans').put({ ...p, version: 1, updatedAt: '2026-04-01T01:00:00.000Z' });
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      plan,
    );
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    await expect.poll(() => page.inputValue('[data-testid="supporter-notes"]')).toBe(plan.supporterNotes);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="sheet-dest"] [data-testid="route-sketch"]').count()).toBeGreaterThan(0);

    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${SCREENSHOT_DIR}/plan-sheet-full.pdf` });
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    // Page 1 is not left mostly blank: the sections run on across it, into section 4.
    const first = pdfText(pdf, { page: 1, layout: true });
    for (const heading of ['個別避難計画', '避難支援等実施者', '避難先と避難経路', '避難のタイミングと方法']) expect(first).toContain(heading);
    // The card is printed whole, on the last page, with the phone numbers.
    const last = pdfText(pdf, { page: pdfPages(pdf), layout: true });
    for (const text of ['緊急連絡カード', '090-1111-2222', '080-3333-4444', near[0].phone]) expect(last).toContain(text);
  });
});
