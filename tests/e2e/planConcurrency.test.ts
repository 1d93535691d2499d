import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import { demoPeople, screenshot, storedPlans, openPlanEditor, useBrowser } from './browser';

/** Two tabs of one browser profile editing the same 個別避難計画 (issue 8, item 6). */

const browser = useBrowser();

const people = demoPeople().filter((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1');

const openEditor = openPlanEditor;

/** Waits until everything typed on `page` is saved (and the screen says so). */
async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved' &&
      /保存しました \d\d:\d\d/.test(document.querySelector('[data-testid="save-indicator"]')?.textContent ?? ''),
    undefined,
    { timeout: 15_000 },
  );
}

async function storedPlanOf(page: Page, personId: string) {
  return (await storedPlans(page)).find((p) => p.personId === personId);
}

describe('two tabs editing one plan (built app, real Chromium)', () => {
  it('keeps both tabs’ changes to different fields, and each tab shows the other’s', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    await openEditor(a, people[0].id);
    const b = await context.newPage();
    await openEditor(b, people[0].id); // B loaded the plan before A saved

    await a.fill('[data-testid="supporter-notes"]', '玄関の鍵は隣の佐藤さんが預かっている。');
    await a.click('[data-testid="plan-person-name"]'); // blur → save at once
    await waitSaved(a);
    await b.fill('[data-testid="what-to-bring"]', '眼鏡、常備薬3日分');
    await b.click('[data-testid="plan-person-name"]');
    await waitSaved(b);

    await expect.poll(async () => (await storedPlanOf(b, people[0].id))?.supporterNotes).toBe('玄関の鍵は隣の佐藤さんが預かっている。');
    expect((await storedPlanOf(b, people[0].id))?.whatToBring).toBe('眼鏡、常備薬3日分');
    // Each screen shows the other's change (no stale text left to be saved back later).
    await expect.poll(() => b.inputValue('[data-testid="supporter-notes"]')).toBe('玄関の鍵は隣の佐藤さんが預かっている。');
    await expect.poll(() => a.inputValue('[data-testid="what-to-bring"]')).toBe('眼鏡、常備薬3日分');
    // …and says which field changed under the user's eyes (a new user found the silent change confusing).
    await expect.poll(() => a.textContent('[data-testid="other-screen-changes"]')).toContain('持ち出し');
    // A later edit in A does not put B's field back.
    await a.fill('[data-testid="communication-notes"]', '筆談ボードを使う');
    await a.click('[data-testid="plan-person-name"]');
    await waitSaved(a);
    const final = await storedPlanOf(a, people[0].id);
    expect(final).toMatchObject({ supporterNotes: '玄関の鍵は隣の佐藤さんが預かっている。', whatToBring: '眼鏡、常備薬3日分', communicationNotes: '筆談ボードを使う' });
  });

  it('when both tabs change the same field, the second is shown both values and chooses; nothing is lost or overwritten silently', async () => {
    const context = await browser.newContext();
    const a = await context.newPage();
    await openEditor(a, people[1].id);
    const b = await context.newPage();
    await openEditor(b, people[1].id);

    await b.fill('[data-testid="supporter-notes"]', 'Bの画面: 犬がいる。');
    await a.fill('[data-testid="supporter-notes"]', 'Aの画面: 夜は長女が同居。');
    await a.click('[data-testid="plan-person-name"]');
    await waitSaved(a);

    // B is not told 「保存しました」 and does not overwrite A's text: it shows both and asks.
    const conflict = b.locator('[data-testid="plan-conflict"]');
    await conflict.waitFor({ timeout: 15_000 });
    await expect.poll(() => conflict.textContent()).toContain('別の画面で同じ項目が変更されました');
    const item = b.locator('[data-testid="conflict-item"][data-path="supporterNotes"]');
    await expect.poll(() => item.locator('[data-testid="conflict-mine"]').textContent()).toContain('Bの画面: 犬がいる。');
    await expect.poll(() => item.locator('[data-testid="conflict-theirs"]').textContent()).toContain('Aの画面: 夜は長女が同居。');
    expect(await b.getAttribute('[data-testid="plan-editor"]', 'data-save-state')).toBe('conflict');
    expect(await b.textContent('[data-testid="save-indicator"]')).not.toContain('保存しました');
    expect((await storedPlanOf(b, people[1].id))?.supporterNotes).toBe('Aの画面: 夜は長女が同居。');
    await screenshot(b, 'plan-conflict');

    // B keeps its own text: it is saved, A's screen follows, A's text stays in the history.
    await item.locator('[data-testid="conflict-keep-mine"]').click();
    await waitSaved(b);
    await expect.poll(async () => (await storedPlanOf(b, people[1].id))?.supporterNotes).toBe('Bの画面: 犬がいる。');
    await expect.poll(() => a.inputValue('[data-testid="supporter-notes"]')).toBe('Bの画面: 犬がいる。');
    expect(await b.locator('[data-testid="plan-conflict"]').count()).toBe(0);
    const history = await b.evaluate(
      (planId) =>
        new Promise<string[]>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const req = open.result.transaction('planVersions').objectStore('planVersions').getAll();
            req.onsuccess = () => (open.result.close(), resolve((req.result as { planId: string; plan: { supporterNotes: string } }[]).filter((v) => v.planId === planId).map((v) => v.plan.supporterNotes)));
            req.onerror = () => reject(req.error);
          };
        }),
      `plan-${people[1].id}`,
    );
    expect(history).toEqual(['Aの画面: 夜は長女が同居。', 'Bの画面: 犬がいる。']);
  });
});
