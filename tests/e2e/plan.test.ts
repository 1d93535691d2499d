import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { Supporter } from '../../src/core/supporter';
import { readFileSync } from 'node:fs';
import { demoPeople, openApp, screenshot, APP_URL, openPlanEditor, useBrowser } from './browser';

const browser = useBrowser();

const people = demoPeople();
const supporters = JSON.parse(readFileSync('data/demo/supporters.json', 'utf8')) as Supporter[];
const supporterName = new Map(supporters.map((s) => [s.id, s.name]));
const consented = people.filter((p) => isShareable(p.consent) && p.location && p.districtId === 'demo-d1');
const withMedical = consented.find((p) => p.medical.length > 0)!;

/** Today in Asia/Tokyo (the browser context's zone), `YYYY-MM-DD`. */
function todayJst(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Waits until the editor shows the engine's suggestions (a new plan; they come from the engine worker) or needs none. */
async function suggestionsSettled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"])', { timeout: 30_000 });
}

/** Opens the editor of a person straight from its address and waits until the plan and its suggestions are loaded. */
async function openEditor(page: Page, personId: string): Promise<void> {
  await openPlanEditor(page, personId);
  await suggestionsSettled(page);
}

/** Waits until the autosave has written everything typed so far. */
async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const el = document.querySelector('[data-testid="plan-editor"]');
      const indicator = document.querySelector('[data-testid="save-indicator"]');
      return el?.getAttribute('data-save-state') === 'saved' && /保存しました \d\d:\d\d/.test(indicator?.textContent ?? '');
    },
    undefined,
    { timeout: 15_000 },
  );
}

/** The selectable supporter ids of a supporter dropdown, in the order shown. */
function supporterChoices(page: Page, testid: string): Promise<string[]> {
  return page.$$eval(`[data-testid="${testid}-select"] option`, (os) =>
    (os as HTMLOptionElement[]).filter((o) => o.value && o.value !== '__free' && !o.disabled).map((o) => o.value),
  );
}

describe('個別避難計画 editor (built app, real Chromium)', () => {
  it('fills a plan, autosaves, survives a reload, and restores an earlier version from the history', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const target = withMedical;

    // From the map's detail panel: the large button shows the plan status and opens the editor.
    await page.click(`[data-person-id="${target.id}"]`);
    await expect(page.textContent('[data-testid="detail-plan-status"]')).resolves.toBe('未着手');
    await expect(page.textContent('[data-testid="detail-plan-missing"]')).resolves.toMatch(/未記入\d+/);
    await page.click('[data-testid="open-plan"]');
    await page.waitForSelector('[data-testid="plan-person-name"]');
    await suggestionsSettled(page);
    expect(new URL(page.url()).hash).toBe(`#/plan/${target.id}`);
    await expect(page.textContent('[data-testid="plan-person-name"]')).resolves.toBe(target.name);
    await expect(page.textContent('[data-testid="plan-person-info"]')).resolves.toContain(target.address);

    // 避難支援等実施者: primary chosen from the list (not the suggestion), a backup from the list.
    const choices = await supporterChoices(page, 'primary-supporter');
    expect(choices.length).toBeGreaterThan(2);
    const primaryId = choices[1];
    await page.selectOption('[data-testid="primary-supporter-select"]', primaryId);
    await page.click('[data-testid="add-backup-supporter"]');
    const backupId = (await supporterChoices(page, 'backup-supporter-0')).find((id) => id !== primaryId)!;
    await page.selectOption('[data-testid="backup-supporter-0-select"]', backupId);
    expect(await page.textContent('[data-testid="primary-supporter-resolved"]')).toContain('電話');

    // 避難先: override the suggested shelter for 地震, and write the route.
    const destOptions = await page.$$eval('[data-testid="dest-earthquake-select"] option', (os) => (os as HTMLOptionElement[]).map((o) => o.value).filter(Boolean));
    const suggested = await page.inputValue('[data-testid="dest-earthquake-select"]');
    expect(suggested).not.toBe(''); // the engine suggested the nearest 地震 site
    const chosenShelter = destOptions.find((v) => v !== suggested)!;
    await page.selectOption('[data-testid="dest-earthquake-select"]', chosenShelter);
    await page.fill('[data-testid="dest-earthquake-route"]', '自宅前の市道を北へ。踏切は使わない。');

    // 医療・電源, 意思疎通, 住まい, 連絡先.
    await page.fill('[data-testid="medical-care"]', 'たん吸引 1日6回');
    await page.fill('[data-testid="medical-must-bring"]', '吸引器、予備バッテリー、お薬手帳');
    await page.check('[data-testid="medical-power"]');
    await page.fill('[data-testid="medical-battery"]', '8');
    await page.fill('[data-testid="medical-power-at"]', '会津中央病院');
    await page.fill('[data-testid="communication-notes"]', '右耳が聞こえにくい。筆談ボードを使う。');
    await page.fill('[data-testid="dwelling-floor"]', '2');
    await page.fill('[data-testid="dwelling-bedroom"]', '2階 南側の洋室');
    await page.click('[data-testid="add-contact"]');
    await page.fill('[data-testid="contact-0-name"]', '会津 一郎');
    await page.fill('[data-testid="contact-0-relation"]', '長男');
    await page.fill('[data-testid="contact-0-phone"]', '090-1111-2222');
    await page.check('[data-testid="transport-wheelchair"]');

    // 同意: given, dated today automatically, by signature, to 自主防災組織 and 民生委員.
    await page.check('[data-testid="plan-consent-given"]');
    await page.selectOption('[data-testid="plan-consent-method"]', 'signature');
    await page.check('[data-testid="plan-recipient-jishubo"]');
    await page.check('[data-testid="plan-recipient-minsei"]');
    expect(await page.inputValue('[data-testid="plan-consent-date"]')).toBe(todayJst());

    await waitSaved(page);
    await expect(page.textContent('[data-testid="plan-status"]')).resolves.toBe('作成中');
    // One sitting, one version: every field was autosaved, the history holds them as one 「入力」.
    await expect.poll(() => page.locator('[data-testid="history-item"]').count()).toBe(1);
    await expect(page.textContent('[data-testid="history-kind"]')).resolves.toMatch(/入力（自動保存\d+回）/);
    await screenshot(page, 'plan-editor-filled');

    // Reload: everything is still there.
    await page.reload();
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="primary-supporter-select"]')).toBe(primaryId);
    expect(await page.inputValue('[data-testid="backup-supporter-0-select"]')).toBe(backupId);
    expect(await page.inputValue('[data-testid="dest-earthquake-select"]')).toBe(chosenShelter);
    expect(await page.inputValue('[data-testid="dest-earthquake-route"]')).toBe('自宅前の市道を北へ。踏切は使わない。');
    expect(await page.inputValue('[data-testid="medical-care"]')).toBe('たん吸引 1日6回');
    expect(await page.inputValue('[data-testid="medical-must-bring"]')).toBe('吸引器、予備バッテリー、お薬手帳');
    expect(await page.isChecked('[data-testid="medical-power"]')).toBe(true);
    expect(await page.inputValue('[data-testid="medical-battery"]')).toBe('8');
    expect(await page.inputValue('[data-testid="medical-power-at"]')).toBe('会津中央病院');
    expect(await page.inputValue('[data-testid="communication-notes"]')).toBe('右耳が聞こえにくい。筆談ボードを使う。');
    expect(await page.inputValue('[data-testid="dwelling-floor"]')).toBe('2');
    expect(await page.inputValue('[data-testid="contact-0-name"]')).toBe('会津 一郎');
    expect(await page.isChecked('[data-testid="transport-wheelchair"]')).toBe(true);
    expect(await page.isChecked('[data-testid="plan-consent-given"]')).toBe(true);
    expect(await page.isChecked('[data-testid="plan-recipient-minsei"]')).toBe(true);
    expect(await page.inputValue('[data-testid="plan-consent-method"]')).toBe('signature');
    await expect(page.textContent('[data-testid="save-indicator"]')).resolves.toMatch(/保存しました \d\d:\d\d/);
    // 本人の同意 and the supporter are no longer missing.
    const missing = await page.$$eval('[data-testid="plan-missing"] li', (ls) => ls.map((l) => l.getAttribute('data-key')));
    expect(missing).not.toContain('consent');
    expect(missing).not.toContain('supporterName');
    expect(missing).not.toContain('destination');
    expect(missing).not.toContain('route');
    const versionBefore = Number(await page.getAttribute('[data-testid="plan-editor"]', 'data-plan-version'));
    expect(versionBefore).toBeGreaterThan(0);

    // Edit after the reload.
    await page.fill('[data-testid="medical-care"]', 'たん吸引 1日8回、夜間も');
    await page.selectOption('[data-testid="primary-supporter-select"]', backupId === choices[0] ? choices[2] : choices[0]);
    await page.click('[data-testid="plan-person-name"]'); // blur → save at once
    await waitSaved(page);
    const versionAfter = Number(await page.getAttribute('[data-testid="plan-editor"]', 'data-plan-version'));
    expect(versionAfter).toBeGreaterThan(versionBefore);

    // History: the version saved before the edit still has the old content; restore it.
    const target_seq = await page.$$eval(
      '[data-testid="history-item"]',
      (items, v) => items.find((i) => Number(i.getAttribute('data-version')) === v)?.getAttribute('data-seq') ?? null,
      versionBefore,
    );
    expect(target_seq).not.toBeNull();
    const item = `[data-testid="history-item"][data-seq="${target_seq}"]`;
    await page.click(`${item} [data-testid="history-show"]`);
    const shown = (await page.textContent(`${item} [data-testid="history-detail"]`))!;
    expect(shown).toContain('たん吸引 1日6回');
    expect(shown).toContain(supporterName.get(primaryId)!);
    await page.click(`${item} [data-testid="history-restore"]`);
    await page.waitForFunction(() => (document.querySelector('[data-testid="medical-care"]') as HTMLTextAreaElement)?.value === 'たん吸引 1日6回');
    expect(await page.inputValue('[data-testid="primary-supporter-select"]')).toBe(primaryId);
    await waitSaved(page);
    const versionRestored = Number(await page.getAttribute('[data-testid="plan-editor"]', 'data-plan-version'));
    expect(versionRestored).toBe(versionAfter + 1); // a restore is a new version
    await expect(page.textContent('[data-testid="history-item"]:first-child')).resolves.toContain(`復元（第${versionBefore}版の内容）`);
    await screenshot(page, 'plan-history-restored');

    // And the restored content is what is stored.
    await page.reload();
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    expect(await page.inputValue('[data-testid="medical-care"]')).toBe('たん吸引 1日6回');
    expect(await page.inputValue('[data-testid="primary-supporter-select"]')).toBe(primaryId);
    expect(await page.inputValue('[data-testid="dest-earthquake-select"]')).toBe(chosenShelter);

    // The plans list shows the plan's status.
    await page.click('[data-testid="plan-back"]');
    await page.waitForSelector(`[data-plan-person="${target.id}"]`);
    await expect(page.getAttribute(`[data-plan-person="${target.id}"]`, 'data-status')).resolves.toBe('in_progress');
    await screenshot(page, 'plan-list');
  });

  it('a plan without consent cannot be marked 本人確認済; with consent it can, and the review date is a year later', async () => {
    const { page } = await browser.newPage();
    const target = consented.find((p) => p.id !== withMedical.id)!;
    await openEditor(page, target.id);
    await page.fill('[data-testid="supporter-notes"]', '玄関の鍵は隣家が預かっている');
    await waitSaved(page);

    const button = page.locator('[data-testid="mark-confirmed"]');
    expect(await button.isDisabled()).toBe(true);
    await expect(page.textContent('[data-testid="confirm-blocked"]')).resolves.toContain('本人確認済にはできません');
    expect(await page.$$eval('[data-testid="plan-missing"] li', (ls) => ls.map((l) => l.textContent))).toContain('本人の同意');
    // Refused consent: still blocked.
    await page.check('[data-testid="plan-consent-refused"]');
    expect(await button.isDisabled()).toBe(true);

    await page.check('[data-testid="plan-consent-given"]');
    expect(await button.isDisabled()).toBe(false);
    await button.click();
    await waitSaved(page);
    await expect(page.textContent('[data-testid="plan-status"]')).resolves.toBe('本人確認済');
    const today = todayJst();
    expect(await page.inputValue('[data-testid="review-due"]')).toBe(`${Number(today.slice(0, 4)) + 1}${today.slice(4)}`.replace(/-02-29$/, '-02-28'));

    // Changing what the person confirmed takes the plan back to 作成中, says so, and can be undone.
    const versionsConfirmed = await page.locator('[data-testid="history-item"]').count();
    await page.fill('[data-testid="supporter-notes"]', '玄関の鍵は隣家が預かっている。夜は長女が同居。');
    await expect.poll(() => page.textContent('[data-testid="plan-status"]')).toBe('作成中');
    await expect.poll(() => page.textContent('[data-testid="plan-reopened"]')).toContain('内容を変えたので本人確認をやり直してください');
    await waitSaved(page);
    expect(await page.inputValue('[data-testid="supporter-notes"]')).toBe('玄関の鍵は隣家が預かっている。夜は長女が同居。');
    // the status change is a version of its own
    await expect.poll(() => page.locator('[data-testid="history-item"]').count()).toBe(versionsConfirmed + 1);
    await page.click('[data-testid="plan-keep-confirmed"]');
    await waitSaved(page);
    await expect(page.textContent('[data-testid="plan-status"]')).resolves.toBe('本人確認済');
    expect(await page.locator('[data-testid="plan-reopened"]').count()).toBe(0);
    expect(await page.inputValue('[data-testid="supporter-notes"]')).toBe('玄関の鍵は隣家が預かっている。夜は長女が同居。');

    // Taking consent back turns the plan back to 作成中 (a confirmed plan needs consent).
    await page.check('[data-testid="plan-consent-pending"]');
    await waitSaved(page);
    await expect(page.textContent('[data-testid="plan-status"]')).resolves.toBe('作成中');
    expect(await button.isDisabled()).toBe(true);

    // A past review date shows the plan as overdue.
    await page.check('[data-testid="plan-consent-given"]');
    await button.click();
    await page.fill('[data-testid="review-due"]', '2020-01-01');
    await page.click('[data-testid="plan-person-name"]');
    await waitSaved(page);
    await expect(page.textContent('[data-testid="plan-status"]')).resolves.toBe('要見直し');
    expect(await page.$('[data-testid="plan-status-overdue"]')).not.toBeNull();
  });

  it('counts the required items the same way in the list and the editor: a suggestion is filled only once accepted', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    const target = consented.find((p) => p.id !== withMedical.id && p.phone && p.birthDate)!;
    await page.goto(`${APP_URL}#/plan`);
    const row = page.locator(`[data-plan-person="${target.id}"] [data-testid="plan-row-completeness"]`);
    await row.waitFor({ timeout: 30_000 });
    const inList = (await row.textContent())!;
    expect(inList).toMatch(/^必須項目 \d+\/12（未記入\d+）$/);

    await page.click(`[data-plan-person="${target.id}"]`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    await suggestionsSettled(page);
    // The editor opens with the engine's suggestions shown, yet counts exactly as the list did.
    expect(await page.inputValue('[data-testid="primary-supporter-select"]')).not.toBe('');
    await expect(page.textContent('[data-testid="plan-completeness-label"]')).resolves.toBe(inList);
    expect(await page.textContent('[data-testid="plan-missing"] li[data-key="destination"]')).toContain('提案のまま');

    // Accepting the suggestions fills their items, in the editor and then in the list.
    await page.click('[data-testid="accept-suggestions"]');
    const missingAfter = async () => (await page.$$eval('[data-testid="plan-missing"] li', (ls) => ls.map((l) => l.getAttribute('data-key'))));
    await expect.poll(missingAfter).not.toContain('destination');
    expect(await missingAfter()).not.toContain('supporterName');
    const inEditor = (await page.textContent('[data-testid="plan-completeness-label"]'))!;
    expect(inEditor).not.toBe(inList);
    await waitSaved(page);
    await page.click('[data-testid="plan-back"]');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toBe(inEditor);
  });

  it('is usable on a 768×1024 tablet: no horizontal scroll, every button reachable and large enough', async () => {
    const { page } = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    const target = consented.find((p) => p.communication.length > 0) ?? consented[2];
    await openEditor(page, target.id);
    // Make every kind of row and panel appear.
    await page.click('[data-testid="add-backup-supporter"]');
    await page.click('[data-testid="add-contact"]');
    await page.fill('[data-testid="contact-0-name"]', '会津 花子');
    await page.selectOption('[data-testid="alt-kind"]', 'relatives');
    await page.fill('[data-testid="alt-name"]', '喜多方の妹宅');
    await page.click('[data-testid="withdraw-open"]');
    await waitSaved(page);
    await page.click('[data-testid="history-show"]');
    await screenshot(page, 'plan-editor-768');

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    const report = await page.evaluate(async () => {
      const problems: string[] = [];
      const buttons = [...document.querySelectorAll<HTMLElement>('[data-testid="plan-editor"] button, [data-testid="plan-editor"] a.button, [data-testid="plan-editor"] select, [data-testid="plan-editor"] input')];
      for (const b of buttons) {
        if (b.closest('[hidden]')) continue;
        b.scrollIntoView({ block: 'center', inline: 'center' });
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        const r = b.getBoundingClientRect();
        const label = `${b.tagName} ${b.textContent?.trim().slice(0, 20) || b.getAttribute('data-testid') || b.getAttribute('type')}`;
        if (r.width === 0 || r.height === 0) {
          problems.push(`${label}: not visible`);
          continue;
        }
        if (r.right > 768 + 0.5 || r.left < -0.5) problems.push(`${label}: outside the viewport (${r.left}–${r.right})`);
        const isCheck = b instanceof HTMLInputElement && (b.type === 'checkbox' || b.type === 'radio');
        const target = isCheck ? b.closest('label')!.getBoundingClientRect() : r;
        if (target.height < 43.5) problems.push(`${label}: only ${target.height}px tall`);
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        const ok = hit && (hit === b || b.contains(hit) || (isCheck && b.closest('label')!.contains(hit)));
        if (!ok) problems.push(`${label}: covered by ${hit?.tagName}.${(hit as HTMLElement)?.className}`);
      }
      return { count: buttons.length, problems };
    });
    expect(report.count).toBeGreaterThan(40);
    expect(report.problems).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
  });
});
