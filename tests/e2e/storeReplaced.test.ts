/**
 * A restore or an erase in one tab while another tab of the same browser has a plan editor open
 * (issue 10): the other tab reloads with a notice and writes nothing of the replaced store — no
 * plan draft survives an erase, the restored plan is shown and saved on, not the old one. The tab
 * that restored or erased says so at the top of the screen. Real Chromium, the built app.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Plan } from '../../src/core/plan';
import { APP_URL, demoPeople, openPlanEditor, setOperator, storedPlans, storedRecords, useBrowser } from './browser';

const browser = useBrowser();

const dir = mkdtempSync(join(tmpdir(), 'hinan-replaced-'));
const person = demoPeople().find((p) => p.consent.status === 'given')!;

async function openDataScreen(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/data`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
  await page.waitForSelector('[data-testid="data-screen"]');
}

/** Whether the element is on screen (in the viewport), not somewhere further down the page. */
function inViewport(page: Page, testId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const r = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
    return !!r && r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
  }, testId);
}

/** Types into the plan's 支援者への留意事項 every 15 ms, in the page itself, until the page goes away (or `times` keystrokes). */
function keepTyping(page: Page, text: string, times = 2000): Promise<unknown> {
  return page
    .evaluate(
      ({ text, times }) =>
        new Promise<number>((resolve) => {
          let i = 0;
          const timer = setInterval(() => {
            const el = document.querySelector<HTMLTextAreaElement>('[data-testid="supporter-notes"]');
            if (el) {
              el.value = `${text} ${i}`;
              el.dispatchEvent(new Event('input', { bubbles: true }));
            }
            if (++i >= times) (clearInterval(timer), resolve(i));
          }, 15);
        }),
      { text, times },
    )
    .catch(() => 'reloaded');
}

/** This store's plan-draft copies in localStorage (`hinan:<db>:planDraft:<id>`). */
function draftCopies(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':planDraft:')));
}

async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved', undefined, { timeout: 30_000 });
}

describe('another tab replaced the store (built app, real Chromium)', () => {
  it('すべてのデータを消去 while another tab types in a plan: that tab reloads with a notice, and no draft of the plan remains anywhere', { timeout: 300_000 }, async () => {
    const context = await browser.newContext();
    const editor = await context.newPage();
    const data = await context.newPage();
    await openPlanEditor(editor, person.id);
    await editor.fill('[data-testid="supporter-notes"]', '消去前の入力');
    await waitSaved(editor);
    await openDataScreen(data);

    const typing = keepTyping(editor, '消去中の入力');
    const district = (await storedRecords<{ id: string; name: string }>(data, 'districts')).find((d) => d.id === 'demo-d1')!.name;
    await data.fill('[data-testid="erase-confirm"]', district);
    await Promise.all([data.waitForEvent('load', { timeout: 60_000 }), data.click('[data-testid="erase-commit"]')]);

    await data.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    await typing; // ends when the typing tab reloads (or after its 2000 keystrokes)
    // Nothing of the plan remains: no draft row, no plan, no history, no localStorage copy.
    expect(await storedRecords(data, 'planDrafts')).toEqual([]);
    expect(await storedPlans(data)).toEqual([]);
    expect(await storedRecords(data, 'planVersions')).toEqual([]);
    expect(await draftCopies(data)).toEqual([]);
    // The typing tab reloaded and says why.
    await editor.waitForSelector('[data-testid="store-replaced"]', { timeout: 60_000 });
    await expect(editor.textContent('[data-testid="store-replaced"]')).resolves.toContain('別のタブでデータが消去されたため、読み込み直しました');
    // The erasing tab says it at the top of the screen.
    await data.waitForSelector('[data-testid="erase-done"]', { timeout: 60_000 });
    await expect(data.textContent('[data-testid="erase-done"]')).resolves.toContain('消去しました');
    await expect.poll(() => inViewport(data, 'erase-done'), { timeout: 30_000 }).toBe(true);
    expect(await storedRecords(data, 'planDrafts')).toEqual([]);
  });

  it('a restore while another tab has the plan open: that tab reloads and shows the restored plan, and its typing saves on it', { timeout: 600_000 }, async () => {
    const context = await browser.newContext();
    const editor = await context.newPage();
    const data = await context.newPage();
    await openPlanEditor(editor, person.id);
    await setOperator(editor, '山田 花子');
    await editor.fill('[data-testid="supporter-notes"]', 'バックアップ時の内容');
    await waitSaved(editor);

    // The backup holds the plan at this version.
    await openDataScreen(data);
    await data.check('[data-testid="backup-wrote-down"]');
    const passphrase = (await data.getAttribute('[data-testid="backup-passphrase"]', 'data-value'))!;
    const [download] = await Promise.all([data.waitForEvent('download', { timeout: 180_000 }), data.click('[data-testid="backup-create"]')]);
    const path = join(dir, 'backup.hinan');
    await download.saveAs(path);
    const backupVersion = (await storedPlans(data)).find((p) => p.personId === person.id)!.version;

    // Two more saves after the backup: the editor's base is newer than what the restore brings back.
    for (const text of ['バックアップ後の入力1', 'バックアップ後の入力2']) {
      await editor.fill('[data-testid="supporter-notes"]', text);
      await editor.click('[data-testid="plan-person-name"]');
      await expect.poll(async () => (await storedPlans(data)).find((p) => p.personId === person.id)?.supporterNotes, { timeout: 30_000 }).toBe(text);
      await waitSaved(editor);
    }

    await data.setInputFiles('[data-testid="restore-file"]', path);
    await data.waitForSelector('[data-testid="restore-header"]');
    await data.fill('[data-testid="restore-passphrase"]', passphrase);
    await data.click('[data-testid="restore-inspect"]');
    await data.waitForSelector('[data-testid="restore-counts"]', { timeout: 180_000 });
    // The preview says what a restore keeps of this store.
    await expect(data.textContent('[data-testid="restore-kept-rules"]')).resolves.toMatch(/同意の撤回.*いまの同意のまま/);
    await expect(data.textContent('[data-testid="restore-kept-rules"]')).resolves.toContain('提供記録は消えません');
    await Promise.all([data.waitForEvent('load', { timeout: 180_000 }), data.click('[data-testid="restore-commit"]')]);

    await data.waitForSelector('[data-testid="restore-done"]', { timeout: 60_000 });
    await expect.poll(() => inViewport(data, 'restore-done'), { timeout: 30_000 }).toBe(true);
    await editor.waitForSelector('[data-testid="store-replaced"]', { timeout: 60_000 });
    await expect(editor.textContent('[data-testid="store-replaced"]')).resolves.toContain('別のタブでデータが復元されたため、読み込み直しました');

    // The editor shows the restored plan, and typing on it is saved.
    await editor.waitForSelector('[data-testid="plan-person-name"]', { timeout: 60_000 });
    await expect.poll(() => editor.inputValue('[data-testid="supporter-notes"]'), { timeout: 30_000 }).toBe('バックアップ時の内容');
    await editor.fill('[data-testid="supporter-notes"]', '復元後の入力');
    await editor.click('[data-testid="plan-person-name"]');
    await expect
      .poll(async () => (await storedPlans(data)).find((p) => p.personId === person.id) as Plan | undefined, { timeout: 30_000 })
      .toMatchObject({ supporterNotes: '復元後の入力', version: backupVersion + 1 });
    await waitSaved(editor);
    const drafts = await storedRecords<{ plan: Plan }>(data, 'planDrafts');
    expect(drafts.map((d) => d.plan.supporterNotes)).not.toContain('バックアップ後の入力2');
  });
});
