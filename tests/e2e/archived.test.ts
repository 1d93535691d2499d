/**
 * 「名簿から外れた人」 (issue 11) in real Chromium: people a 名簿 update no longer lists are archived
 * through the real path (名簿 A, then 名簿 B without three of them, through the import screen's
 * update preview); the list shows each with the reason, the date and the file, withholds the name of
 * a person without 同意, works at phone width; 「完全に削除」 removes one person and their plan and is
 * written to the 提供記録; the retention period decides who 「保存期間を過ぎた人」 are; a person listed
 * again by a third 名簿 leaves the list with their plan back.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { japanDateOf } from '../../src/core/japanDate';
import type { Person } from '../../src/core/person';
import type { Plan } from '../../src/core/plan';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, importRosterThrough, openApp, openPlanEditor, screenshot, setOperator, storedPeople, storedPlans, storedRecords, useBrowser } from './browser';
import { rosterA, writeRoster } from './rosterUpdateFixture';

const browser = useBrowser();

const A = rosterA();
const row = (id: string) => A.find((r) => r.id === id)!;
/** Leaves with a plan and is removed for good (moved out). */
const PURGED = 'R020';
/** Leaves with a plan and comes back on the third 名簿 (entered a care home, then home again). */
const RETURNS = 'R021';
/** Leaves without 同意 (no name may be shown); removed at the end as past the retention period. */
const NO_CONSENT = 'R033';
const NOTES: Record<string, string> = { [PURGED]: '右耳が聞こえにくい（削除される人）', [RETURNS]: '筆談ボードを使う（戻ってくる人）' };

/** Types a note into a person's plan and waits until the autosave wrote it (the plan exists). */
async function writePlan(page: Page, personId: string, note: string): Promise<void> {
  await openPlanEditor(page, personId);
  await page.fill('[data-testid="communication-notes"]', note);
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved' && /保存しました/.test(document.querySelector('[data-testid="save-indicator"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
}

async function openArchived(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/archived`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="archived-screen"]', { timeout: 30_000 });
}

const archivedIds = (page: Page) => page.$$eval('[data-testid="archived-row"]', (rows) => rows.map((r) => r.getAttribute('data-id')!).sort());
const rowOf = (page: Page, id: string) => page.locator(`[data-testid="archived-row"][data-id="${id}"]`);

describe('名簿から外れた人', () => {
  it('lists people who left the 名簿 with reason, date and file; deletes one for good (recorded); keeps the retention period; restores a returning person with their plan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hinan-archived-'));
    const fileA = writeRoster(dir, '名簿_2026年度.csv', A);
    const fileB = writeRoster(dir, '名簿_2027年度.csv', A.filter((r) => ![PURGED, RETURNS, NO_CONSENT].includes(r.id)));
    const fileC = writeRoster(dir, '名簿_2027年度_追加.csv', A.filter((r) => ![PURGED, NO_CONSENT].includes(r.id)));
    expect(row(NO_CONSENT).consent).toBe('不同意');

    const { context, page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '名簿 係');

    // Nobody has left yet.
    await openArchived(page);
    await page.waitForSelector('[data-testid="archived-empty"]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid="archived-empty"]')).toContain('名簿から外れた人はいません');

    await importRosterThrough(page, fileA);
    for (const id of [PURGED, RETURNS]) await writePlan(page, id, NOTES[id]);
    await importRosterThrough(page, fileB, { reasons: { [PURGED]: 'moved_out', [RETURNS]: 'facility', [NO_CONSENT]: 'deceased' } });

    // ---- The list: reason, Japan date, file, plan kept; no name without 同意 ----
    await openArchived(page);
    await expect.poll(() => archivedIds(page), { timeout: 30_000 }).toEqual([PURGED, RETURNS, NO_CONSENT].sort());
    // The update's date (the apply runs in the import worker, on the real clock): its Japan date, as 「2027年4月1日」.
    const mark = (await storedPeople(page)).find((p) => p.id === PURGED)!.archived!;
    expect(mark.on).toBe(japanDateOf(mark.at));
    const [y, m, d] = mark.on.split('-').map(Number);
    const screenText = (await page.textContent('[data-testid="archived-screen"]'))!;
    expect(screenText).toContain('名簿から外れた人は地図・一覧・印刷・書き出し・訓練には出ません。計画と履歴は残っています。次の名簿に載れば計画ごと元に戻ります。');
    const expected: Record<string, string> = { [PURGED]: '転出', [RETURNS]: '施設入所', [NO_CONSENT]: '死亡' };
    for (const [id, reason] of Object.entries(expected)) {
      expect(await rowOf(page, id).locator('[data-testid="archived-reason"]').textContent()).toBe(reason);
      expect(await rowOf(page, id).locator('[data-testid="archived-date"]').textContent()).toBe(`${y}年${m}月${d}日`);
      expect(await rowOf(page, id).textContent()).toContain('名簿_2027年度.csv');
    }
    expect(await rowOf(page, PURGED).textContent()).toContain(row(PURGED).name);
    expect(await rowOf(page, PURGED).locator('[data-testid="archived-kept"]').textContent()).toContain('保存しています（作成中）');
    const hidden = (await rowOf(page, NO_CONSENT).textContent())!;
    expect(hidden).toContain(`ID ${NO_CONSENT}（同意のない人のため氏名は表示しません）`);
    for (const secret of [row(NO_CONSENT).name, row(NO_CONSENT).kana, row(NO_CONSENT).address, row(NO_CONSENT).phone]) expect(screenText).not.toContain(secret);

    // Phone width: nothing sticks out sideways and every button can be pressed.
    await page.setViewportSize({ width: 375, height: 740 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(375);
    for (const id of [PURGED, RETURNS, NO_CONSENT]) {
      const box = (await rowOf(page, id).locator('[data-testid="archived-purge"]').boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(box.height).toBeGreaterThanOrEqual(44);
    }
    await rowOf(page, NO_CONSENT).scrollIntoViewIfNeeded();
    await screenshot(page, 'archived-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.locator('[data-testid="archived-section-people"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'archived-list');

    // ---- Retention: 1 day does not expire what left today ----
    const expiredButton = page.locator('[data-testid="archived-purge-expired"]');
    await expect.poll(() => page.inputValue('[data-testid="archived-retention"]')).toBe('365');
    await expect.poll(() => expiredButton.textContent()).toContain('（0人）');
    await page.fill('[data-testid="archived-retention"]', '0');
    await page.press('[data-testid="archived-retention"]', 'Tab');
    await expect.poll(() => page.textContent('[data-testid="archived-retention-problem"]'), { timeout: 15_000 }).toContain('保存期間は1〜3650日の整数');
    await page.fill('[data-testid="archived-retention"]', '1');
    await page.press('[data-testid="archived-retention"]', 'Tab');
    await expect.poll(() => page.textContent('[data-testid="archived-retention-saved"]'), { timeout: 15_000 }).toContain('保存期間を1日にしました');
    await page.reload();
    await page.waitForSelector('[data-testid="archived-row"]', { timeout: 30_000 });
    await expect.poll(() => page.inputValue('[data-testid="archived-retention"]'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => expiredButton.textContent()).toContain('（0人）');
    expect(await expiredButton.isDisabled()).toBe(true);

    // ---- 完全に削除 of one: named in the dialog, cancel keeps them, confirm removes them and their plan ----
    const planOf = async (id: string) => (await storedPlans(page)).find((p: Plan) => p.personId === id);
    expect(await planOf(PURGED)).toBeDefined();
    await rowOf(page, PURGED).locator('[data-testid="archived-purge"]').click();
    const dialog = page.locator('[data-testid="archived-purge-dialog"]');
    await dialog.locator('[data-testid="archived-purge-confirm"]').waitFor({ timeout: 10_000 });
    const dialogText = (await dialog.textContent())!;
    expect(dialogText).toContain(row(PURGED).name);
    expect(dialogText).toContain('元に戻せません');
    expect(dialogText).toContain('提供記録');
    await dialog.locator('[data-testid="archived-purge-cancel"]').click();
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    expect(await archivedIds(page)).toContain(PURGED);

    await rowOf(page, PURGED).locator('[data-testid="archived-purge"]').click();
    await dialog.locator('[data-testid="archived-purge-confirm"]').click();
    await expect.poll(() => archivedIds(page), { timeout: 30_000 }).toEqual([RETURNS, NO_CONSENT].sort());
    expect((await storedPeople(page)).some((p: Person) => p.id === PURGED)).toBe(false);
    expect(await planOf(PURGED)).toBeUndefined();
    expect(await planOf(RETURNS)).toBeDefined();
    const deletions = (await storedRecords<Disclosure>(page, 'disclosures')).filter((d) => d.kind === 'delete');
    expect(deletions).toHaveLength(1);
    expect(deletions[0].operator).toBe('名簿 係');
    expect(deletions[0].count).toBe(1);

    // The 提供記録 screen shows the deletion.
    await page.goto(`${APP_URL}#/records`);
    const deleteRow = page.locator('[data-testid="records-row"][data-kind="delete"]');
    await deleteRow.first().waitFor({ timeout: 30_000 });
    expect(await deleteRow.count()).toBe(1);
    expect(await deleteRow.textContent()).toContain('データの削除');
    expect(await deleteRow.textContent()).toContain('名簿 係');

    // ---- A third 名簿 lists the returning person again: gone from the list, plan back ----
    await importRosterThrough(page, fileC);
    await openArchived(page);
    await expect.poll(() => archivedIds(page), { timeout: 30_000 }).toEqual([NO_CONSENT]);
    await openPlanEditor(page, RETURNS);
    expect(await page.inputValue('[data-testid="communication-notes"]')).toBe(NOTES[RETURNS]);

    // ---- Three days later (Japan), with a 1-day period, the person without 同意 is past it ----
    await context.clock.install({ time: new Date(Date.parse(`${mark.on}T10:00:00+09:00`) + 3 * 86_400_000) });
    await openArchived(page);
    await page.reload();
    await page.waitForSelector('[data-testid="archived-row"]', { timeout: 30_000 });
    await expect.poll(() => expiredButton.textContent(), { timeout: 30_000 }).toContain('（1人）');
    await expiredButton.click();
    expect(await dialog.textContent()).toContain('保存期間（1日）を過ぎた 1人');
    await dialog.locator('[data-testid="archived-purge-confirm"]').click();
    await page.waitForSelector('[data-testid="archived-empty"]', { timeout: 30_000 });
    expect((await storedPeople(page)).some((p: Person) => p.id === NO_CONSENT)).toBe(false);
    await expect.poll(async () => (await storedRecords<Disclosure>(page, 'disclosures')).filter((d) => d.kind === 'delete').length).toBe(2);

  }, 300_000);
});
