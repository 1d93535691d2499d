import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import type { Person } from '../../src/core/person';
import { emptyPlan, type Plan, type PlanSupporter } from '../../src/core/plan';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import { APP_URL, SCREENSHOT_DIR, demoPeople, openApp, pdfPages, pdfText, setOperator, storedPlans, storedRecords, storeRecords, useBrowser } from './browser';

const browser = useBrowser();

const DISTRICT = 'demo-d1';
const supporters = JSON.parse(readFileSync('data/demo/supporters.json', 'utf8')) as Supporter[];
const inDistrict = demoPeople().filter((p) => p.districtId === DISTRICT && p.location);
const given = inDistrict.filter((p) => p.consent.status === 'given');
const refused = inDistrict.find((p) => p.consent.status === 'refused')!;
const pending = inDistrict.find((p) => p.consent.status === 'pending')!;
/** The supporter whose sheet is printed, another one (the backup), and one with many people. */
const [S, T, MANY] = supporters.filter((s) => s.districtId === DISTRICT);

const linked = (s: Supporter, chosenBy: 'user' | 'suggestion' = 'user'): PlanSupporter => ({ supporterId: s.id, name: '', phone: '', address: '', chosenBy });
const GIVEN = { status: 'given' as const, date: '2026-04-01', method: 'signature' as const, recipients: ['minsei' as const] };
const long = (text: string, times: number) => Array.from({ length: times }, (_, i) => `${text}（${i + 1}）`).join('');

function plan(person: Person, over: Partial<Plan>): Plan {
  return { ...emptyPlan(person.id, '2026-04-01'), status: 'in_progress', consent: GIVEN, version: 1, updatedAt: '2026-04-01T01:00:00.000Z', ...over };
}

/** Writes plans straight into the app's IndexedDB (as saved versions), not through the app's code. */
async function putPlans(page: Page, plans: Plan[]): Promise<void> {
  await storeRecords(page, { plans });
}

/** Who must be on `supporterId`'s sheet, read from the raw store: 名簿 consent, plan consent, an accepted entry naming them. */
async function expectedOnSheet(page: Page, supporterId: string): Promise<Person[]> {
  const people = new Map((await storedRecords<Person>(page, 'people')).map((p) => [p.id, p]));
  return (await storedPlans(page))
    .filter((pl) => pl.consent.status === 'given' && [pl.primarySupporter, ...pl.backupSupporters].some((s) => s && s.chosenBy !== 'suggestion' && s.supporterId === supporterId))
    .map((pl) => people.get(pl.personId)!)
    .filter((p) => p && p.consent.status === 'given' && !p.archived);
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

async function openKarte(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/karte`);
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', DISTRICT);
  await page.waitForSelector('[data-testid="supporter-sheet-choice"]', { timeout: 30_000 });
}

/** Clicks the print button with `window.print` recorded, and shows the page as print media. */
async function clickPrint(page: Page): Promise<void> {
  await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
  await page.click('[data-testid="supporter-sheet-print-button"]');
  await page.waitForSelector('body[data-printed="yes"]');
  await page.emulateMedia({ media: 'print' });
}

describe('支援者用シート (built app, real Chromium)', () => {
  it('prints one supporter\'s sheet: exactly the people whose consented plan names them, on the pages the screen promised, recorded to the supporter', async () => {
    const { page } = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openApp(page);
    const shelters = await storedRecords<Shelter>(page, 'shelters');
    const [a, b, c, f] = given;
    const home: LngLat = [a.location!.lng, a.location!.lat];
    const near = shelters.filter((s) => s.hazards.includes('flood')).sort((x, y) => distanceMetres(home, x.location) - distanceMetres(home, y.location))[0];
    const mid: LngLat = [(home[0] + near.location[0]) / 2, home[1]];
    await putPlans(page, [
      // On the sheet: primary, with a drawn route, medical needs and family contacts.
      plan(a, {
        primarySupporter: linked(S),
        backupSupporters: [linked(T)],
        destinations: { flood: { shelterId: near.id, chosenBy: 'user', routeNote: '市道を東へ', routeLine: [home, mid, near.location] }, earthquake: { shelterId: near.id, chosenBy: 'user', routeNote: '市道を東へ', routeLine: [home, mid, near.location] } },
        emergencyContacts: [{ name: '架空 長男', relation: '長男', phone: '090-1111-2222' }],
        medical: { careNotes: '在宅酸素 毎分2リットル', mustBring: '酸素ボンベ、お薬手帳', powerDependent: true, batteryHours: 8, powerAvailableAt: '会津中央病院', careProviderContact: '訪問看護あいづ 0242-00-9012' },
        communicationNotes: '右耳が聞こえにくい。筆談ボードを使う',
        whatToBring: '着替え、常備薬3日分',
        leaveWhen: '警戒レベル3 高齢者等避難',
        transport: 'wheelchair',
        mobilityAids: ['wheelchair'],
      }),
      // On the sheet: as backup, under a written-in primary.
      plan(b, { primarySupporter: { supporterId: null, name: '近所の 架空', phone: '0242-11-2222', address: '', chosenBy: 'user' }, backupSupporters: [linked(S)] }),
      // Not on it: the plan's consent is pending.
      plan(c, { primarySupporter: linked(S), consent: { status: 'pending', date: null, method: 'unknown', recipients: [] } }),
      // Not on it: the supporter is only suggested.
      plan(f, { primarySupporter: linked(S, 'suggestion') }),
      // Not on it: no 名簿 consent (refused, pending), whatever their plans say.
      plan(refused, { primarySupporter: linked(S) }),
      plan(pending, { primarySupporter: linked(S) }),
    ]);
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await setOperator(page, '山田 花子');
    await openKarte(page);

    const expected = await expectedOnSheet(page, S.id);
    expect(expected.map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
    await page.selectOption('[data-testid="supporter-sheet-choice"]', S.id);
    const area = `[data-testid="supporter-sheet-area"] [data-testid="supporter-sheet"][data-supporter="${S.id}"]`;
    await page.waitForSelector(area, { state: 'attached' });
    await expect.poll(() => page.textContent('[data-testid="supporter-sheet-pages"]')).toBe('1枚');
    expect(await page.$$eval('[data-testid="supporter-sheet-area"] [data-testid="supporter-sheet"]', (els) => els.length)).toBe(1);
    await page.locator('[data-testid="supporter-sheet-print"]').screenshot({ path: `${SCREENSHOT_DIR}/supporter-sheet-screen.png` });

    await clickPrint(page);
    // Only the sheet is printed: nothing of the karte.
    for (const hidden of ['[data-testid="karte-lines"]', '[data-testid="district-map-canvas"]', '[data-testid="supporter-sheet-choice"]', 'header nav', '[data-testid="demo-banner"]']) {
      expect(await page.isVisible(hidden), hidden).toBe(false);
    }
    expect(await page.isVisible(area)).toBe(true);
    await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
    await page.screenshot({ path: `${SCREENSHOT_DIR}/supporter-sheet-print.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${SCREENSHOT_DIR}/supporter-sheet.pdf` });
    expect(pdfPages(pdf)).toBe(1);

    const text = squeeze(pdfText(pdf));
    for (const words of ['支援者用シート', S.name, '1/1ページ', '災害対策基本法第49条の13', '印刷:', '作業者:山田花子', near.name, '市道を東へ', '架空長男', '090-1111-2222', '酸素ボンベ、お薬手帳', '約8時間', '筆談ボード', '着替え、常備薬3日分', '警戒レベル3高齢者等避難', T.name, T.phone, '近所の架空']) {
      expect(text, words).toContain(squeeze(words));
    }
    for (const p of expected) {
      expect(text, p.name).toContain(squeeze(p.name));
      expect(text, p.address).toContain(squeeze(p.address));
      expect(text, p.phone).toContain(squeeze(p.phone));
    }
    // Nobody else of the 名簿: no one without plan consent, no refused or pending person.
    const others = demoPeople().filter((p) => !expected.some((e) => e.id === p.id));
    const allowedWords = [S.name, T.name, ...expected.map((p) => p.name)].map(squeeze);
    for (const p of others) {
      const name = squeeze(p.name);
      if (allowedWords.some((w) => w.includes(name))) continue;
      expect(text, `${p.name} (${p.consent.status})`).not.toContain(name);
    }
    expect(await page.$$eval('[data-testid="supporter-sheet-area"] [data-testid="route-sketch"]', (els) => els.length)).toBe(1);

    // The 提供記録: one print-supporter entry to the supporter, naming exactly those people.
    const records = await storedRecords<{ kind: string; recipient: string | null; personIds: string[]; what: string; operator: string }>(page, 'disclosures');
    const printed = records.filter((r) => r.kind === 'print-supporter');
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatchObject({ recipient: `支援者 ${S.name}`, operator: '山田 花子' });
    expect([...printed[0].personIds].sort()).toEqual(expected.map((p) => p.id).sort());
    expect(printed[0].what).toContain(S.name);

    // After the print dialog closes, the karte is back.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    await page.waitForFunction(() => document.body.dataset.print === undefined);
    expect(await page.isVisible('[data-testid="supporter-sheet-choice"]')).toBe(true);
  });

  it('prints all the district\'s sheets, each supporter from a new page, a supporter of many people over several pages — as many as the screen said', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const many = given.slice(0, 9);
    await putPlans(page, [
      ...many.map((p, i) =>
        plan(p, {
          primarySupporter: linked(MANY),
          backupSupporters: i === 0 ? [linked(S)] : [],
          emergencyContacts: [{ name: `架空 家族${i + 1}`, relation: '長女', phone: '090-2222-3333' }],
          supporterNotes: long('玄関の鍵は隣の家が預かっている。犬を一緒に連れて行く', 3),
          mobilityNotes: long('屋内は杖で歩けるが、屋外は車いす', 2),
          whatToBring: long('着替え3日分、タオル、常備薬', 2),
        }),
      ),
      plan(given[10], { primarySupporter: linked(T) }),
    ]);
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await setOperator(page, '山田 花子');
    await openKarte(page);

    // Every supporter of the district with someone on their sheet (from the raw store), by name.
    const named = [];
    for (const s of [MANY, S, T]) named.push({ s, people: await expectedOnSheet(page, s.id) });
    expect(named.map((x) => x.people.length)).toEqual([9, 1, 1]);
    await expect.poll(() => page.$$eval('[data-testid="supporter-sheet-area"] [data-testid="supporter-sheet"]', (els) => els.map((e) => e.getAttribute('data-supporter')).sort())).toEqual([MANY.id, S.id, T.id].sort());
    const manyPages = Number(await page.getAttribute(`[data-testid="supporter-sheet"][data-supporter="${MANY.id}"]`, 'data-pages'));
    expect(manyPages).toBeGreaterThan(1);
    const promised = manyPages + 2;
    await expect.poll(() => page.textContent('[data-testid="supporter-sheet-pages"]')).toBe(`${promised}枚`);

    await clickPrint(page);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${SCREENSHOT_DIR}/supporter-sheets-all.pdf` });
    expect(pdfPages(pdf)).toBe(promised);
    // Each supporter's sheet begins on its own page, its pages numbered 「n / m ページ」.
    const order = await page.$$eval('[data-testid="supporter-sheet-area"] [data-testid="supporter-sheet"]', (els) => els.map((e) => [e.getAttribute('data-supporter')!, Number(e.getAttribute('data-pages'))] as const));
    let pageNo = 1;
    for (const [id, n] of order) {
      const s = supporters.find((x) => x.id === id)!;
      for (let i = 1; i <= n; i++) {
        const onPage = squeeze(pdfText(pdf, { page: pageNo }));
        expect(onPage, `${s.name} page ${i}`).toContain(squeeze(s.name));
        expect(onPage).toContain(`${i}/${n}ページ`);
        pageNo++;
      }
    }
    // All of MANY's people are on their pages, none twice.
    const text = squeeze(pdfText(pdf));
    for (const p of named[0].people) expect(text).toContain(squeeze(p.name));
    const records = await storedRecords<{ kind: string; recipient: string | null; personIds: string[] }>(page, 'disclosures');
    const printed = records.filter((r) => r.kind === 'print-supporter');
    expect(printed).toHaveLength(1);
    expect(printed[0].recipient).toBe('支援者（3人）');
    expect([...printed[0].personIds].sort()).toEqual([...new Set(named.flatMap((x) => x.people.map((p) => p.id)))].sort());
  });

  it('prints nothing and says why without a 作業者名', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await putPlans(page, [plan(given[0], { primarySupporter: linked(S) })]);
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await openKarte(page);
    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="supporter-sheet-print-button"]');
    await expect.poll(() => page.textContent('[data-testid="supporter-sheet-problem"]')).toContain('作業者名');
    expect(await page.getAttribute('body', 'data-printed')).toBeNull();
    expect((await storedRecords<{ kind: string }>(page, 'disclosures')).filter((r) => r.kind === 'print-supporter')).toHaveLength(0);
  });
});
