import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import { demoPeople, openPlanEditor, storedPlans, useBrowser } from './browser';

/** What is typed in the plan editor survives a reload, a navigation away or a closed tab (issue 8, item 7). */

const browser = useBrowser();

const people = demoPeople().filter((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1');

const openEditor = openPlanEditor;

/** Types `text` key by key into the 支援者への留意事項 box, then waits `afterMs` (the user leaves right after typing). */
async function typeNotes(page: Page, text: string, afterMs: number): Promise<void> {
  await page.click('[data-testid="supporter-notes"]');
  await page.keyboard.type(text, { delay: 15 });
  await page.waitForTimeout(afterMs); // the gap between the last keystroke and leaving is what is under test
}

async function expectRestored(page: Page, personId: string, text: string): Promise<void> {
  await openEditor(page, personId);
  await expect.poll(() => page.inputValue('[data-testid="supporter-notes"]')).toBe(text);
  await expect.poll(() => page.textContent('[data-testid="plan-editor"]')).toMatch(/保存されていなかった入力を復元しました|保存しました/);
}

let context: BrowserContext;
beforeAll(async () => {
  context = await browser.newContext();
  const page = await context.newPage();
  await openEditor(page, people[0].id); // loads the demo once for the whole profile
  await page.close();
});

describe('typing is never lost (built app, real Chromium)', () => {
  for (const afterMs of [50, 300]) {
    it(`survives a reload ${afterMs} ms after the last keystroke`, async () => {
      const page = await context.newPage();
      const person = people[2 + (afterMs === 50 ? 0 : 1)];
      await openEditor(page, person.id);
      const text = `鍵は郵便受けの中（再読み込み${afterMs}ms）`;
      await typeNotes(page, text, afterMs);
      await page.reload();
      await expectRestored(page, person.id, text);
      await page.close();
    });
  }

  it('survives a navigation to another address 50 ms after the last keystroke', async () => {
    const page = await context.newPage();
    const person = people[4];
    await openEditor(page, person.id);
    const text = '裏口から入る（別のページへ移動）';
    await typeNotes(page, text, 50);
    await page.goto('about:blank');
    await expectRestored(page, person.id, text);
    await page.close();
  });

  it('survives closing the tab 50 ms after the last keystroke', async () => {
    const page = await context.newPage();
    const person = people[5];
    await openEditor(page, person.id);
    const text = '玄関に段差あり（タブを閉じた）';
    await typeNotes(page, text, 50);
    await page.close({ runBeforeUnload: true });
    const again = await context.newPage();
    await expectRestored(again, person.id, text);
    await again.close();
  });

  // Found by an adversarial try: text pasted in one input event, or typed in a burst, and the page
  // reloaded or closed in the same instant (no gap at all) lost its tail while IndexedDB was writing.
  for (const [i, field, leave] of [
    [7, 'supporter-notes', 'reload'],
    [8, 'what-to-bring', 'reload'],
    [9, 'communication-notes', 'close'],
  ] as const) {
    it(`keeps text pasted into ${field} when the tab ${leave === 'reload' ? 'reloads' : 'closes'} at once`, async () => {
      const page = await context.newPage();
      const person = people[i];
      await openEditor(page, person.id);
      await page.click(`[data-testid="${field}"]`);
      const text = `貼り付けた文（${field}）`;
      await page.keyboard.insertText(text);
      if (leave === 'reload') {
        await page.reload();
        await openEditor(page, person.id);
      } else {
        await page.close({ runBeforeUnload: true });
      }
      const again = leave === 'reload' ? page : await context.newPage();
      if (leave === 'close') await openEditor(again, person.id);
      await expect.poll(() => again.inputValue(`[data-testid="${field}"]`)).toBe(text);
      await again.close();
    });
  }

  it('keeps every character of a burst of typing when the tab reloads right after the last key', async () => {
    const page = await context.newPage();
    const person = people[10];
    await openEditor(page, person.id);
    await page.click('[data-testid="supporter-notes"]');
    const text = 'Mclose100 一気に打った文字の最後まで';
    await page.keyboard.type(text);
    await page.reload();
    await openEditor(page, person.id);
    await expect.poll(() => page.inputValue('[data-testid="supporter-notes"]')).toBe(text);
    await page.close();
  });

  it('restores unsaved typing left from an earlier visit with a notice, and can discard it', async () => {
    const page = await context.newPage();
    const person = people[6];
    await openEditor(page, person.id);
    await page.fill('[data-testid="what-to-bring"]', '補聴器');
    await page.click('[data-testid="plan-person-name"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved', undefined, { timeout: 15_000 });
    // Typing written as a draft but never saved as a version (the tab went away first).
    await page.evaluate(
      (personId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['plans', 'planDrafts'], 'readwrite');
            const get = tx.objectStore('plans').index('personId').get(personId);
            get.onsuccess = () => {
              const plan = { ...get.result, supporterNotes: '夜間はインターホンが聞こえない' };
              tx.objectStore('planDrafts').put({ personId, baseVersion: plan.version, writtenAt: new Date().toISOString(), plan });
            };
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
      person.id,
    );
    await page.reload();
    await openEditor(page, person.id);
    const notice = page.locator('[data-testid="draft-restored"]');
    await expect.poll(() => notice.textContent()).toContain('保存されていなかった入力を復元しました');
    expect(await page.inputValue('[data-testid="supporter-notes"]')).toBe('夜間はインターホンが聞こえない');
    expect(await page.inputValue('[data-testid="what-to-bring"]')).toBe('補聴器');
    await notice.locator('[data-testid="draft-discard"]').click();
    await expect.poll(() => page.inputValue('[data-testid="supporter-notes"]')).toBe('');
    expect(await page.inputValue('[data-testid="what-to-bring"]')).toBe('補聴器');
    expect(await notice.count()).toBe(0);
    // The restored typing may have been autosaved before 破棄 (800 ms after it was restored, on a slow
    // machine): 破棄 then saves the plan without it. Reload once that save is stored, as a user would
    // after 「保存しました」 (reloading earlier keeps the discarded state as typing, with the notice).
    await expect.poll(async () => (await storedPlans(page)).find((p) => p.personId === person.id)?.supporterNotes, { timeout: 15_000 }).toBe('');
    await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved', undefined, { timeout: 15_000 });
    await page.reload();
    await openEditor(page, person.id);
    await expect.poll(() => page.inputValue('[data-testid="what-to-bring"]')).toBe('補聴器');
    expect(await page.inputValue('[data-testid="supporter-notes"]')).toBe('');
    expect(await page.locator('[data-testid="draft-restored"]').count()).toBe(0);
    await page.close();
  });
});
