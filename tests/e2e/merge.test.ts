/**
 * 「別の端末のデータを統合」 (issue 10, Done-when 4): two browser contexts (two members' laptops)
 * start from one backup; each edits a plan of its own and both edit one common plan; B makes a
 * backup and A merges it through the データの保管 screen. Both edits arrive; in the common plan the
 * fields only one side changed are merged, and only the field both changed is 「統合で要確認」, shown
 * with its 元の値 beside both sides, with both versions in the history; the choice saves a new
 * version; merging the same file again changes nothing. Built app, real worker and Argon2id.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Plan } from '../../src/core/plan';
import type { PlanVersion } from '../../src/db/schema';
import { APP_URL, demoPeople, openApp, openPlanEditor, storedPlans, storedRecords, useBrowser } from './browser';

const browser = useBrowser();

const dir = mkdtempSync(join(tmpdir(), 'hinan-merge-'));
const [common, onlyA, onlyB] = demoPeople().filter((p) => p.consent.status === 'given');

async function setOperator(page: Page, name: string): Promise<void> {
  await page.fill('[data-testid="operator-input"]', name);
  await page.click('[data-testid="operator-save"]');
  await page.waitForSelector(`[data-testid="operator"][data-operator="${name}"]`);
}

async function openDataScreen(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/data`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="data-screen"]');
}

/** Every object store of the app's database, read in the page (typed arrays tagged). */
async function storeSnapshot(page: Page): Promise<Record<string, unknown[]>> {
  const text = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('hinan-shien-planner');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...db.objectStoreNames]);
          const out: Record<string, unknown[]> = {};
          for (const name of db.objectStoreNames) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => (out[name] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out, (_k, v) => (ArrayBuffer.isView(v) ? { typed: v.constructor.name, values: Array.from(v as unknown as ArrayLike<number>) } : v)));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  return JSON.parse(text);
}

/** A backup made through the screen; returns the file and its generated passphrase. */
async function backup(page: Page, name: string): Promise<{ path: string; passphrase: string }> {
  await openDataScreen(page);
  const passphrase = (await page.getAttribute('[data-testid="backup-passphrase"]', 'data-value'))!;
  await page.check('[data-testid="backup-wrote-down"]');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.click('[data-testid="backup-create"]')]);
  const path = join(dir, name);
  await download.saveAs(path);
  await page.waitForSelector('[data-testid="backup-done"]', { timeout: 60_000 });
  return { path, passphrase };
}

/** One editing sitting: types into a text field of a plan, leaves it and waits for 「保存しました」. */
async function editPlan(page: Page, personId: string, field: string, text: string): Promise<void> {
  await page.goto('about:blank');
  await openPlanEditor(page, personId);
  await page.fill(`[data-testid="${field}"]`, text);
  await page.click('[data-testid="plan-person-name"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="plan-editor"]')?.getAttribute('data-save-state') === 'saved', undefined, { timeout: 30_000 });
}

/** Merges a backup file through 「別の端末のデータを統合」 and waits for the summary. */
async function merge(page: Page, file: { path: string; passphrase: string }): Promise<{ added: number; updated: number; conflicts: number; changed: string }> {
  await openDataScreen(page);
  await page.setInputFiles('[data-testid="merge-file"]', file.path);
  await page.waitForSelector('[data-testid="merge-header"]');
  await page.fill('[data-testid="merge-passphrase"]', file.passphrase);
  await page.click('[data-testid="merge-inspect"]');
  await page.waitForSelector('[data-testid="merge-commit"]:not([disabled])', { timeout: 180_000 });
  await page.click('[data-testid="merge-commit"]');
  const summary = await page.waitForSelector('[data-testid="merge-summary"]', { timeout: 180_000 });
  const attr = async (name: string) => (await summary.getAttribute(name))!;
  return { added: Number(await attr('data-added')), updated: Number(await attr('data-updated')), conflicts: Number(await attr('data-conflicts')), changed: await attr('data-changed') };
}

const planOf = async (page: Page, personId: string) => (await storedPlans(page)).find((p) => p.personId === personId);
const historyOf = async (page: Page, planId: string) => (await storedRecords<PlanVersion>(page, 'planVersions')).filter((v) => v.planId === planId);

describe('別の端末のデータを統合 (built app, real Chromium, two contexts)', () => {
  it('two laptops from one backup: both edits, the common plan 「統合で要確認」 with a field-by-field choice; merging again changes nothing', { timeout: 900_000 }, async () => {
    const { page: a } = await browser.newPage();
    await openApp(a);
    await setOperator(a, '山田 花子');
    await editPlan(a, common.id, 'supporter-notes', '共通: 鍵は隣の佐藤さん');
    const start = await backup(a, 'start.hinan');

    // Laptop B starts from the same backup.
    const { page: b } = await browser.newPage();
    await openApp(b);
    await setOperator(b, '佐藤 一郎');
    await openDataScreen(b);
    await b.setInputFiles('[data-testid="restore-file"]', start.path);
    await b.waitForSelector('[data-testid="restore-header"]');
    await b.fill('[data-testid="restore-passphrase"]', start.passphrase);
    await b.click('[data-testid="restore-inspect"]');
    await b.waitForSelector('[data-testid="restore-commit"]:not([disabled])', { timeout: 180_000 });
    await Promise.all([b.waitForEvent('load', { timeout: 180_000 }), b.click('[data-testid="restore-commit"]')]);
    await expect.poll(async () => (await planOf(b, common.id))?.supporterNotes, { timeout: 30_000 }).toBe('共通: 鍵は隣の佐藤さん');

    const base = (await planOf(b, common.id))!;

    // Each edits a plan of its own; both edit the common plan: A 支援者への留意事項 and 持ち出し品,
    // B 持ち出し品 and 移動の方法. Only 持ち出し品 was changed on both.
    await editPlan(a, onlyA.id, 'what-to-bring', 'Aの持ち出し品: 眼鏡');
    await editPlan(a, common.id, 'supporter-notes', 'A: 鍵は隣の佐藤さん。夜は長女が同居');
    await editPlan(a, common.id, 'what-to-bring', 'A: 眼鏡と常備薬');
    await editPlan(b, onlyB.id, 'what-to-bring', 'Bの持ち出し品: 補聴器');
    await editPlan(b, common.id, 'what-to-bring', 'B: 薬手帳');
    await editPlan(b, common.id, 'mobility-notes', 'B: 杖を使う。段差に注意');
    const ours = (await planOf(a, common.id))!;
    const theirs = (await planOf(b, common.id))!;
    const theirHistory = await historyOf(b, theirs.id);
    const fromB = await backup(b, 'from-b.hinan');

    const first = await merge(a, fromB);
    expect(first).toMatchObject({ conflicts: 1, changed: 'true' });
    expect(first.added).toBeGreaterThanOrEqual(1);
    const conflictLine = (await a.textContent('[data-testid="merge-conflict-list"]'))!;
    expect(conflictLine).toContain(common.name);
    // The two versions are told apart by who made them, not only by a version number and a minute.
    expect(conflictLine).toContain('佐藤 一郎さんの端末');

    expect((await planOf(a, onlyA.id))!.whatToBring).toBe('Aの持ち出し品: 眼鏡');
    expect((await planOf(a, onlyB.id))!.whatToBring).toBe('Bの持ち出し品: 補聴器');
    // Fields only one side changed are merged: A's note stays, B's 移動の方法 is taken; 持ち出し品 waits for a choice.
    const marked = (await planOf(a, common.id))!;
    expect(marked).toMatchObject({ supporterNotes: ours.supporterNotes, mobilityNotes: 'B: 杖を使う。段差に注意', whatToBring: 'A: 眼鏡と常備薬', version: Math.max(ours.version, theirs.version) + 1 });
    expect(marked.mergeReview).toMatchObject({ theirVersion: theirs.version, theirSavedAt: theirs.updatedAt, baseVersion: base.version, paths: ['whatToBring'], taken: ['mobilityNotes'], from: '佐藤 一郎' });
    // Both versions in the history, each once.
    const history = await historyOf(a, ours.id);
    const key = (v: PlanVersion) => JSON.stringify([v.version, v.savedAt, v.kind]);
    expect(new Set(history.map(key)).size).toBe(history.length);
    expect(history.map(key)).toEqual(expect.arrayContaining(theirHistory.map(key)));
    expect(history.some((v) => v.plan.supporterNotes === ours.supporterNotes && v.plan.mobilityNotes === ours.mobilityNotes)).toBe(true);

    // Merging the same file again changes nothing.
    const before = await storeSnapshot(a);
    const second = await merge(a, fromB);
    expect(second).toEqual({ added: 0, updated: 0, conflicts: 0, changed: 'false' });
    expect(await storeSnapshot(a)).toEqual(before);

    // The 提供記録 names the merged file (not 「（印刷）」).
    await a.goto(`${APP_URL}#/records`);
    await expect.poll(() => a.locator('[data-testid="records-row"][data-kind="merge"]').first().getAttribute('data-file'), { timeout: 30_000 }).toBe('from-b.hinan');
    await expect(a.locator('[data-testid="records-row"][data-kind="merge"]').first().textContent()).resolves.not.toContain('（印刷）');

    // The plan list says so; the editor shows only the field both changed, with its 元の値, and who changed what.
    await a.goto(`${APP_URL}#/plan`);
    await a.waitForSelector(`[data-plan-person="${common.id}"] [data-testid="plan-row-merge-review"]`, { timeout: 30_000 });
    await openPlanEditor(a, common.id);
    await a.waitForSelector('[data-testid="merge-review-item"]', { timeout: 30_000 });
    const items = a.locator('[data-testid="merge-review-item"]');
    await expect.poll(() => items.evaluateAll((els) => els.map((e) => e.getAttribute('data-path'))), { timeout: 30_000 }).toEqual(['whatToBring']);
    const item = (path: string) => `[data-testid="merge-review-item"][data-path="${path}"]`;
    await expect(a.textContent(`${item('whatToBring')} [data-testid="merge-review-base"]`)).resolves.toBe(base.whatToBring || '（空欄）');
    await expect(a.textContent(`${item('whatToBring')} [data-testid="merge-review-ours"]`)).resolves.toBe('A: 眼鏡と常備薬');
    await expect(a.textContent(`${item('whatToBring')} [data-testid="merge-review-theirs"]`)).resolves.toBe('B: 薬手帳');
    await expect(a.textContent('[data-testid="merge-review-taken"]')).resolves.toContain('移動の方法');
    await expect(a.textContent('[data-testid="merge-review-ours-only"]')).resolves.toContain('支援者への留意事項');
    // The history tells the other device's versions apart.
    await expect.poll(() => a.locator('[data-testid="history-kind"]').allTextContents(), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringContaining('（統合: 佐藤 一郎さんの端末）')]));
    await expect(a.isEnabled('[data-testid="merge-review-save"]')).resolves.toBe(false);
    await a.click(`${item('whatToBring')} [data-testid="merge-review-take-theirs"]`);
    await a.click('[data-testid="merge-review-save"]');
    await a.waitForSelector('[data-testid="merge-review"]', { state: 'detached' });
    await expect
      .poll(() => planOf(a, common.id), { timeout: 30_000 })
      .toMatchObject({ supporterNotes: ours.supporterNotes, mobilityNotes: 'B: 杖を使う。段差に注意', whatToBring: 'B: 薬手帳', version: marked.version + 1 });
    expect(((await planOf(a, common.id)) as Plan).mergeReview).toBeUndefined();

    // The choice is final: the same file merged once more does not mark the plan again.
    const third = await merge(a, fromB);
    expect(third).toMatchObject({ conflicts: 0, changed: 'false' });
    expect((await planOf(a, common.id))!.mergeReview).toBeUndefined();
  });
});
