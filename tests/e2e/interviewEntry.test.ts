import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { isShareable } from '../../src/core/consent';
import { HAZARD_TYPES, isHazardType } from '../../src/core/hazard';
import { interviewItems, interviewSections, sheetCode } from '../../src/core/interviewSheet';
import type { Plan } from '../../src/core/plan';
import type { Supporter } from '../../src/core/supporter';
import type { PlanVersion } from '../../src/db/schema';
import { APP_URL, demoPeople, screenshot, setOperator, storedPlans, storedRecords, openPlanEditor, useBrowser, waitPlanSaved } from './browser';

/** 「聞き取り票から入力」 (issue 15, item 2): a sheet typed back with the keyboard only, in paper order. */

const browser = useBrowser();
const people = demoPeople().filter((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1');
const refused = demoPeople().find((p) => p.consent.status === 'refused')!;
const supporters = JSON.parse(readFileSync('data/demo/supporters.json', 'utf8')) as Supporter[];

/** Today in Asia/Tokyo (the browser context's zone), `YYYY-MM-DD`. */
const todayJst = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

async function storedPlanOf(page: Page, personId: string): Promise<Plan | undefined> {
  return (await storedPlans(page)).find((p) => p.personId === personId);
}

/** Types the code in the plan list's 「票の番号で開く」 (the list showing `district`, if given) and presses Enter. */
async function openByCode(page: Page, code: string, district?: string): Promise<void> {
  await page.goto(`${APP_URL}#/plan`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  if (district) await page.selectOption('[data-testid="plan-district"]', district);
  await page.locator('[data-testid="sheet-code"]').fill(code);
  await page.locator('[data-testid="sheet-code"]').press('Enter');
}

/** The entry's items in the order of the page (what Tab goes through). */
function itemKeys(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="interview-entry"] [data-item]', (els) => els.map((e) => e.getAttribute('data-item') ?? ''));
}

/** The key of the entry item holding the focus. */
function focusedItem(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('[data-item]')?.getAttribute('data-item') ?? null);
}

describe('聞き取り票から入力 (built app, real Chromium)', () => {
  it('reads back the version a printed sheet names, even after more typing in the same sitting', async () => {
    const { page } = await browser.newPage();
    const person = people[6];
    await openPlanEditor(page, person.id);
    await setOperator(page, '山田 花子');
    await page.fill('[data-testid="what-to-bring"]', '杖');
    await page.click('[data-testid="plan-person-name"]');
    await waitPlanSaved(page); // an autosave: the print below has nothing new to save
    // The editor's 聞き取り票 print (window.print recorded): its code names the saved version.
    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="interview-print"]');
    await page.waitForSelector('body[data-printed="yes"] [data-testid="interview-sheet"]', { state: 'attached', timeout: 30_000 });
    const code = (await page.getAttribute('[data-testid="interview-sheet"]', 'data-code'))!;
    const printedVersion = (await storedPlanOf(page, person.id))!.version;
    expect(code).toBe(sheetCode(person.id, todayJst(), printedVersion));
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    // Typing after the print, in the same sitting: a new version, the printed one stays in the history.
    await page.fill('[data-testid="what-to-bring"]', '杖・眼鏡');
    await page.click('[data-testid="plan-person-name"]');
    await waitPlanSaved(page);
    await expect.poll(async () => (await storedPlanOf(page, person.id))?.version).toBe(printedVersion + 1);

    await openByCode(page, code);
    await page.waitForSelector('[data-testid="interview-entry"]', { timeout: 30_000 });
    await expect.poll(() => page.textContent('[data-testid="entry-printed"]')).toBe(`${todayJst().replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}に印刷した票（計画の第${printedVersion}版）`);
    await expect.poll(() => page.$$eval('[data-testid="entry-differs"]', (els) => els.map((e) => e.getAttribute('data-key')))).toEqual(['whatToBring']);
  });

  it('opens by the sheet code, takes a whole sheet typed in paper order, and saves exactly the answers', async () => {
    const { page } = await browser.newPage();
    const person = people[3];
    const today = todayJst();
    const code = sheetCode(person.id, today, 0); // printed before any plan: version 0

    // Typed loosely, as read off the paper, while the list shows another district: the code finds the person anyway.
    await openByCode(page, code.toLowerCase().replaceAll('-', ' '), 'demo-d2');
    await page.waitForSelector('[data-testid="interview-entry"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="plan-person-name"]')).toBe(person.name);
    await expect.poll(() => focusedItem(page), { timeout: 10_000 }).toBe('floor');
    // The 聞き取り日 at the top of the sheet (visited yesterday, typed in 和暦): Shift+Tab up to it, Tab back.
    const yesterday = new Date(Date.now() + 9 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    const [vy, vm, vd] = yesterday.split('-').map(Number);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('entry-visit-date');
    await page.keyboard.type(`R${vy - 2018}.${vm}.${vd}`);
    await page.keyboard.press('Tab');
    expect(await focusedItem(page)).toBe('floor');

    // Tab order = paper order: the core's items for the hazards this sheet lists.
    const keys = await itemKeys(page);
    const hazards = keys.flatMap((k) => (k.startsWith('destination.') ? [k.slice(12)] : [])).filter(isHazardType);
    expect(hazards.slice(0, 1)).toEqual(['flood']);
    expect(hazards).toEqual(HAZARD_TYPES.filter((h) => hazards.includes(h)));
    expect(keys).toEqual(interviewItems(interviewSections(hazards)).map((i) => i.key));
    const shelterIds = async (h: string) => page.$$eval(`[data-testid="entry-destination.${h}"] option`, (os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    const floodShelters = await shelterIds('flood');
    const quakeShelters = await shelterIds('earthquake');
    expect(floodShelters.length).toBeGreaterThan(1);
    expect(quakeShelters.length).toBeGreaterThan(1);
    const linked = supporters.find((s) => s.districtId === person.districtId)!;

    // What the visitor wrote on paper, item by item: text typed, boxes by number keys, Tab to the next.
    const byKey: Record<string, string[]> = {
      floor: ['2'],
      bedroom: ['1階 奥の和室'],
      daytimeLocation: ['デイサービス（火・金）'],
      mobilityAids: ['3', '7'], // ③ 車いす ⑦ 補聴器
      mobilityNotes: ['玄関に段差2段'],
      careNotes: ['在宅酸素'],
      powerDependent: ['1'], // ① はい
      batteryHours: ['８'], // full-width, as an IME gives it
      powerAvailableAt: ['市民病院'],
      careProviderContact: ['主治医 佐藤 0242-33-3333'],
      mustBring: ['酸素ボンベ・薬'],
      communicationNotes: ['耳が遠い。筆談で'],
      leaveWhen: ['2'], // ② 警戒レベル4
      leaveWhenOther: [],
      transport: ['2'], // ② 車いす
      whatToBring: ['眼鏡・入れ歯'],
      'destination.flood': ['1'],
      'destination.earthquake': ['2'],
      'alternative.kind': ['1'], // ① 親戚・知人宅
      'alternative.name': ['長男宅'],
      'alternative.address': ['郡山市駅前1-1'],
      'alternative.phone': ['024-000-0000'],
      'supporter1.name': [linked.name],
      'supporter1.phone': [],
      'supporter1.address': [],
      'supporter2.name': ['手書き 次郎'],
      'supporter2.phone': ['0242-55-5555'],
      'supporter2.address': ['栄町5-5'],
      'contact1.name': ['会津 一郎'],
      'contact1.relation': ['長男'],
      'contact1.phone': ['090-0000-0001'],
      'contact2.name': ['会津 次子'],
      'contact2.relation': ['長女'],
      'contact2.phone': ['090-0000-0002'],
      supporterNotes: ['犬がいます'],
      'consent.agreed': ['1'],
      'consent.recipients': ['1', '2'], // ① 自主防災組織 ② 民生委員
      'consent.date': [today.replaceAll('-', '/')],
      'consent.signedBy': ['2'], // ② 代筆
      'consent.proxyName': ['会津 一郎'],
      'consent.proxyRelation': ['長男'],
      confirmed: ['1'],
    };
    for (const key of keys) {
      expect(await focusedItem(page)).toBe(key);
      for (const k of byKey[key] ?? []) {
        if (/^\d$|^[１-９]$/.test(k) && !['floor', 'batteryHours'].includes(key)) await page.keyboard.press(k);
        else await page.keyboard.type(k);
      }
      if (key === 'bedroom' || key === 'alternative.name') await page.keyboard.press('Enter'); // Enter never saves
      await page.keyboard.press('Tab');
    }
    // Nothing is saved before 保存, Enter or not; the focus is on the save button.
    expect(await storedPlanOf(page, person.id)).toBeUndefined();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('entry-save');
    await screenshot(page, 'interview-entry-filled');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="interview-entry"]', { state: 'detached', timeout: 15_000 });
    await waitPlanSaved(page);

    const plan = (await storedPlanOf(page, person.id))!;
    expect(plan.dwelling).toEqual({ floor: 2, bedroom: '1階 奥の和室', daytimeLocation: 'デイサービス（火・金）' });
    expect(plan.mobilityAids).toEqual(['wheelchair', 'hearing_aid']);
    expect(plan.mobilityNotes).toBe('玄関に段差2段');
    expect(plan.medical).toEqual({ careNotes: '在宅酸素', mustBring: '酸素ボンベ・薬', powerDependent: true, batteryHours: 8, powerAvailableAt: '市民病院', careProviderContact: '主治医 佐藤 0242-33-3333' });
    expect(plan.communicationNotes).toBe('耳が遠い。筆談で');
    expect([plan.leaveWhen, plan.transport, plan.whatToBring]).toEqual(['警戒レベル4 避難指示', 'wheelchair', '眼鏡・入れ歯']);
    expect(plan.destinations.flood).toEqual({ shelterId: floodShelters[0], chosenBy: 'user', routeNote: '', routeLine: null });
    expect(plan.destinations.earthquake).toEqual({ shelterId: quakeShelters[1], chosenBy: 'user', routeNote: '', routeLine: null });
    for (const h of hazards.filter((x) => x !== 'flood' && x !== 'earthquake')) expect(plan.destinations[h]?.chosenBy ?? 'none').not.toBe('user');
    expect(plan.alternativeDestination).toEqual({ kind: 'relatives', name: '長男宅', address: '郡山市駅前1-1', phone: '024-000-0000' });
    expect(plan.primarySupporter).toEqual({ supporterId: linked.id, name: '', phone: '', address: '', chosenBy: 'user' });
    expect(plan.backupSupporters).toEqual([{ supporterId: null, name: '手書き 次郎', phone: '0242-55-5555', address: '栄町5-5', chosenBy: 'user' }]);
    expect(plan.emergencyContacts).toEqual([
      { name: '会津 一郎', relation: '長男', phone: '090-0000-0001' },
      { name: '会津 次子', relation: '長女', phone: '090-0000-0002' },
    ]);
    expect(plan.supporterNotes).toBe('犬がいます');
    expect(plan.consent).toEqual({ status: 'given', date: today, method: 'signature', recipients: ['jishubo', 'minsei'], proxy: { name: '会津 一郎', relation: '長男' } });
    // 本人確認 on the day of the visit (the 聞き取り日), not the day it was typed in.
    expect([plan.status, plan.confirmedOn]).toEqual(['confirmed', yesterday]);
    expect(plan.reviewDue).toBe(`${Number(yesterday.slice(0, 4)) + 1}${yesterday.slice(4)}`.replace(/-02-29$/, '-02-28'));
    // One version of its own in the history (the editor's save).
    const rows = (await storedRecords<PlanVersion>(page, 'planVersions')).filter((v) => v.personId === person.id);
    expect(rows.map((r) => [r.version, r.kind])).toEqual([[1, 'save']]);
    expect(await page.textContent('[data-testid="plan-status"]')).toBe('本人確認済');
  });

  it('marks what differs from the printed version 「票と違う」, and says so for unreadable, unknown and refused codes', async () => {
    const { page } = await browser.newPage();
    const person = people[4];
    await openPlanEditor(page, person.id);
    await page.fill('[data-testid="what-to-bring"]', '眼鏡');
    await page.click('[data-testid="plan-person-name"]');
    await waitPlanSaved(page);
    await expect.poll(async () => (await storedPlanOf(page, person.id))?.version).toBe(1);
    const code = sheetCode(person.id, todayJst(), 1); // the sheet printed version 1
    // Another sitting (a sitting's autosaves share one history row): version 1 stays in the history.
    await page.reload();
    await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"]) [data-testid="what-to-bring"]', { timeout: 30_000 });
    await page.fill('[data-testid="what-to-bring"]', '眼鏡・補聴器の電池'); // changed in the app after printing
    await page.click('[data-testid="plan-person-name"]');
    await waitPlanSaved(page);
    await expect.poll(async () => (await storedPlanOf(page, person.id))?.version).toBe(2);

    await openByCode(page, code);
    await page.waitForSelector('[data-testid="interview-entry"]', { timeout: 30_000 });
    await expect.poll(() => page.textContent('[data-testid="entry-printed"]')).toContain('第1版');
    const differs = () => page.$$eval('[data-testid="entry-differs"]', (els) => els.map((e) => e.getAttribute('data-key')));
    await expect.poll(differs).toEqual(['whatToBring']);
    expect(await page.textContent('[data-testid="entry-differs"]')).toBe('票と違う（票: 眼鏡）');
    // The visitor's correction shows as it is typed.
    await page.focus('[data-testid="entry-floor"]');
    await page.keyboard.type('3');
    await expect.poll(differs).toEqual(['floor', 'whatToBring']);
    // The 同意書 is printed blank for the person to fill in: ticking it is not 「票と違う」.
    await page.focus('[data-testid="entry-consent.agreed"]');
    await page.keyboard.press('1');
    await page.focus('[data-testid="entry-confirmed"]');
    await page.keyboard.press('1');
    await expect.poll(() => page.$$eval('[data-testid="entry-consent.agreed"] .opt.on, [data-testid="entry-confirmed"] .opt.on', (els) => els.length)).toBe(2);
    expect(await differs()).toEqual(['floor', 'whatToBring']);
    await screenshot(page, 'interview-entry-differs');
    await page.click('[data-testid="entry-cancel"]');
    await page.waitForSelector('[data-testid="interview-entry"]', { state: 'detached' });
    expect((await storedPlanOf(page, person.id))?.dwelling.floor).toBeNull();

    // Codes that do not lead to a sheet: said in Japanese, nothing opens.
    const problem = async (typed: string, says: string) => {
      await openByCode(page, typed);
      await expect.poll(() => page.locator('[data-testid="sheet-code-problem"]').textContent({ timeout: 10_000 }).catch(() => '')).toContain(says);
    };
    await problem('山田さんの票', '票の番号として読めません');
    await problem(sheetCode('no-such-person', todayJst(), 1), '見つかりません');
    await problem('山田さんの票', '票の番号として読めません'); // (the next message is a new one, not the one left on screen)
    await problem(sheetCode(refused.id, todayJst(), 1), '同意がない方');
    expect(new URL(page.url()).hash).toBe('#/plan');

    // The editor's own button: a code of someone else is refused.
    await openPlanEditor(page, person.id);
    await page.click('[data-testid="interview-entry-open"]');
    await page.fill('[data-testid="entry-code"]', sheetCode(people[5].id, todayJst(), 1));
    await expect.poll(() => page.textContent('[data-testid="entry-code-problem"]')).toContain('別の方の票');
  });

  it('two tabs typing the same sheet: each save keeps the other’s items, and an item both changed is chosen, never lost', async () => {
    const context = await browser.newContext();
    const [a, b] = [await context.newPage(), await context.newPage()];
    const person = people[0];
    await openPlanEditor(a, person.id);
    await a.fill('[data-testid="what-to-bring"]', '杖');
    await a.click('[data-testid="plan-person-name"]');
    await waitPlanSaved(a);
    await openPlanEditor(b, person.id);
    const openEntry = async (page: Page) => {
      await page.click('[data-testid="interview-entry-open"]');
      await page.waitForSelector('[data-testid="interview-entry"] [data-testid="entry-bedroom"]', { timeout: 30_000 });
    };
    /** Saves the entry on `page` and waits until the plan editor says it is saved. */
    const saveEntry = async (page: Page) => {
      await page.click('[data-testid="entry-save"]');
      await page.waitForSelector('[data-testid="interview-entry"]', { state: 'detached', timeout: 15_000 });
      await waitPlanSaved(page);
    };
    /** Waits until `page`'s editor has taken in the stored version (another tab's save). */
    const seesStored = async (page: Page) => {
      const version = (await storedPlanOf(page, person.id))!.version;
      await page.waitForSelector(`[data-testid="plan-editor"][data-plan-version="${version}"]`, { timeout: 15_000 });
    };
    await openEntry(a);
    await openEntry(b);

    // A types 2-2 and saves; B, whose form opened before, types 2-3 and saves.
    await a.fill('[data-testid="entry-bedroom"]', '1階 奥の和室');
    await saveEntry(a);
    await seesStored(b);
    await b.fill('[data-testid="entry-daytimeLocation"]', 'デイサービス（火・金）');
    expect(await b.locator('[data-testid="entry-conflicts"]').count()).toBe(0);
    await saveEntry(b);
    await expect.poll(async () => (await storedPlanOf(a, person.id))?.dwelling, { timeout: 10_000 }).toEqual({ floor: null, bedroom: '1階 奥の和室', daytimeLocation: 'デイサービス（火・金）' });
    expect((await storedPlanOf(a, person.id))!.whatToBring).toBe('杖');

    // Both change 2-1 to different values: B is asked which, and nothing is saved until B chooses.
    await seesStored(a);
    await openEntry(a);
    await openEntry(b);
    await a.fill('[data-testid="entry-floor"]', '2');
    await b.fill('[data-testid="entry-floor"]', '3');
    await b.fill('[data-testid="entry-careNotes"]', '在宅酸素');
    await saveEntry(a);
    await expect.poll(async () => (await storedPlanOf(a, person.id))?.dwelling.floor, { timeout: 10_000 }).toBe(2);
    const savedByA = (await storedPlanOf(a, person.id))!.version;
    const conflict = b.locator('[data-testid="entry-conflict"]');
    await expect.poll(() => conflict.evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))), { timeout: 15_000 }).toEqual(['floor']);
    expect(await b.locator('[data-item="floor"] [data-testid="entry-item-conflict"]').count()).toBe(1);
    expect(await conflict.locator('[data-testid="entry-conflict-stored"]').textContent()).toContain('別の画面で保存された値: 2');
    expect(await conflict.locator('[data-testid="entry-conflict-sheet"]').textContent()).toContain('この票の値: 3');
    await b.click('[data-testid="entry-save"]');
    await expect.poll(() => b.textContent('[data-testid="entry-problems"]'), { timeout: 10_000 }).toContain('2-1 住んでいる階');
    expect(await b.locator('[data-testid="interview-entry"]').count()).toBe(1);
    expect((await storedPlanOf(b, person.id))!.version).toBe(savedByA);
    await screenshot(b, 'interview-entry-conflict');
    // B chooses this sheet's value: written over A's; B's other item and everything A saved stay.
    await conflict.locator('[data-testid="entry-conflict-sheet"]').click();
    await expect.poll(() => b.locator('[data-testid="entry-conflicts"]').count(), { timeout: 10_000 }).toBe(0);
    await saveEntry(b);
    await expect.poll(async () => (await storedPlanOf(b, person.id))?.version, { timeout: 10_000 }).toBe(savedByA + 1);
    const plan = (await storedPlanOf(b, person.id))!;
    expect(plan.dwelling).toEqual({ floor: 3, bedroom: '1階 奥の和室', daytimeLocation: 'デイサービス（火・金）' });
    expect([plan.medical.careNotes, plan.whatToBring]).toEqual(['在宅酸素', '杖']);
  });

  it('keeps the typing over a reload of the tab (with a prompt and a notice), saves nothing before 保存, and can discard it', async () => {
    const { page } = await browser.newPage();
    const person = people[1];
    const prompts: string[] = [];
    page.on('dialog', (d) => {
      prompts.push(d.type());
      void d.accept();
    });
    await openPlanEditor(page, person.id);
    await page.click('[data-testid="interview-entry-open"]');
    await page.waitForSelector('[data-testid="entry-bedroom"]', { timeout: 30_000 });
    const stored = await storedPlanOf(page, person.id);
    const reloadEntry = async () => {
      await page.reload();
      // The editor opens the entry again by itself, with what was typed.
      await page.waitForSelector('[data-testid="interview-entry"] [data-testid="entry-bedroom"]', { timeout: 30_000 });
    };
    const isOn = (key: string) => page.$$eval(`[data-testid="entry-${key}"] .opt.on`, (els) => els.map((e) => e.textContent?.trim() ?? ''));

    await page.fill('[data-testid="entry-bedroom"]', '2階 北側');
    await page.fill('[data-testid="entry-floor"]', '２');
    await page.focus('[data-testid="entry-mobilityAids"]');
    await page.keyboard.press('1');
    await expect.poll(() => isOn('mobilityAids'), { timeout: 10_000 }).toHaveLength(1);
    await reloadEntry();
    expect(prompts).toEqual(['beforeunload']); // the browser asked before leaving
    await expect.poll(() => page.textContent('[data-testid="entry-restored"]'), { timeout: 10_000 }).toContain('保存されていなかった聞き取り票の入力を復元しました');
    expect(await page.inputValue('[data-testid="entry-bedroom"]')).toBe('2階 北側');
    expect(await page.inputValue('[data-testid="entry-floor"]')).toBe('２');
    expect(await isOn('mobilityAids')).toHaveLength(1);
    expect(await storedPlanOf(page, person.id)).toEqual(stored); // nothing half-saved
    await screenshot(page, 'interview-entry-restored');

    // 破棄: the form starts again from the plan; a reload then brings nothing back.
    await page.click('[data-testid="entry-restored-discard"]');
    await expect.poll(() => page.inputValue('[data-testid="entry-bedroom"]'), { timeout: 10_000 }).toBe(stored?.dwelling.bedroom ?? '');
    expect(await page.inputValue('[data-testid="entry-floor"]')).toBe(String(stored?.dwelling.floor ?? ''));
    expect(await isOn('mobilityAids')).toHaveLength(stored?.mobilityAids.length ?? 0);
    expect(await page.locator('[data-testid="entry-restored"]').count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('hinanInterviewEntry')).length)).toBe(0);

    // Typed again, reloaded again, then saved: the plan has it, and nothing is kept for a next reload.
    await page.fill('[data-testid="entry-daytimeLocation"]', '居間');
    await page.fill('[data-testid="entry-whatToBring"]', '眼鏡・薬');
    await reloadEntry();
    expect(await page.inputValue('[data-testid="entry-daytimeLocation"]')).toBe('居間');
    expect(await storedPlanOf(page, person.id)).toEqual(stored);
    await page.click('[data-testid="entry-save"]');
    await page.waitForSelector('[data-testid="interview-entry"]', { state: 'detached', timeout: 15_000 });
    await waitPlanSaved(page);
    await expect.poll(async () => (await storedPlanOf(page, person.id))?.dwelling.daytimeLocation, { timeout: 10_000 }).toBe('居間');
    expect((await storedPlanOf(page, person.id))!.whatToBring).toBe('眼鏡・薬');
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('hinanInterviewEntry')).length)).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-testid="interview-entry-open"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="interview-entry"]').count()).toBe(0);
    expect(prompts).toEqual(['beforeunload', 'beforeunload']); // none once saved
  });
});
