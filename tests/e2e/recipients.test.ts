/**
 * Issue 9 defect 2 in real Chromium: a 名簿 in the app's own template has no 情報提供先 column, so
 * the 消防団 list was header-only. The import asks which recipients the consent form covers
 * (remembered for the layout), the list is then not empty, the export screen says why someone is
 * not on it, and one person's recipients can be changed with the date and who changed it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readConsentCell } from '../../src/core/consentWord';
import type { Person } from '../../src/core/person';
import { APP_URL, openApp, setOperator, storedPeople, waitForApp, useBrowser } from './browser';

const browser = useBrowser();

/** The first 60 rows of the field test's fictional 2,000-row 名簿, in the template (no 情報提供先 column). */
function templateRoster(): { path: string; district: string; consented: string[] } {
  const lines = readFileSync('tests/fixtures/roster_aizuwakamatsu_2000.csv', 'utf8').split(/\r?\n/).slice(0, 61);
  const rows = Papa.parse<string[]>(lines.join('\n')).data;
  const header = rows[0].map((h) => h.replace(/^\uFEFF/, ''));
  expect(header).not.toContain('情報提供先');
  const col = (name: string) => header.indexOf(name);
  const counts = new Map<string, number>();
  for (const r of rows.slice(1)) counts.set(r[col('地区')], (counts.get(r[col('地区')]) ?? 0) + 1);
  const district = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  // 同意 as the app's one rule reads it (「同意（R6.4.1）」 is 同意 with a date).
  const given = (cell: string) => { const c = readConsentCell(cell); return c.ok && c.status === 'given'; };
  const consented = rows.slice(1).filter((r) => r[col('地区')] === district && given(r[col('同意')])).map((r) => r[col('ID')]);
  const path = join(mkdtempSync(join(tmpdir(), 'hinan-recipients-')), '名簿_テンプレート.csv');
  writeFileSync(path, lines.join('\r\n'));
  return { path, district, consented };
}

async function chooseRoster(page: Page, path: string) {
  await page.goto(`${APP_URL}#/import`);
  await page.check('input[name="kind"][value="people"]');
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.waitForSelector('[data-testid="import-preview"]', { timeout: 30_000 });
}

async function openKarte(page: Page, districtId: string) {
  await page.goto(`${APP_URL}#/karte`);
  await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', districtId);
  await page.waitForSelector('[data-testid="roster-export"]', { timeout: 60_000 });
}

async function exportedIds(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-roster"]')]);
  const text = new TextDecoder().decode(readFileSync((await download.path())!)).replace(/^\uFEFF/, '');
  const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
  return rows.slice(1).map((r) => r[rows[0].indexOf('ID')]);
}

describe('情報提供先 for a 名簿 in the template', () => {
  it('asks which recipients the consent form covers, and the 消防団 list holds the consenting people', async () => {
    const roster = templateRoster();
    expect(roster.consented.length).toBeGreaterThan(2);
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    await chooseRoster(page, roster.path);

    const question = page.locator('[data-testid="recipient-question"]');
    await question.waitFor();
    expect(await question.textContent()).toContain('情報提供先');
    await page.check('[data-testid="form-recipient-jishubo"]');
    await page.check('[data-testid="form-recipient-shobodan"]');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 30_000 });

    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    for (const id of roster.consented) expect(stored.get(id)!.consent.recipients).toEqual(['jishubo', 'shobodan']);
    expect([...stored.values()].filter((p) => p.consent.status !== 'given' && p.origin !== 'demo').every((p) => p.consent.recipients.length === 0)).toBe(true);

    // The 消防団 list of that district: exactly its consenting people, and the screen says nobody is left out.
    await openKarte(page, roster.district);
    await page.selectOption('[data-testid="export-recipient"]', 'shobodan');
    await expect.poll(() => page.textContent('[data-testid="export-reason"]'), { timeout: 30_000 }).toContain(`消防団向け名簿に載る人 ${roster.consented.length}人`);
    expect(await page.textContent('[data-testid="export-reason"]')).not.toContain('がない人');
    expect((await exportedIds(page)).sort()).toEqual([...roster.consented].sort());
    // 民生委員 was not ticked: the screen says why nobody is on that list.
    await page.selectOption('[data-testid="export-recipient"]', 'minsei');
    await expect.poll(() => page.textContent('[data-testid="export-reason"]')).toContain(`同意の提供先に民生委員がない人 ${roster.consented.length}人`);

    // The same layout again: the answer is remembered (ticked), nothing asked from scratch.
    await chooseRoster(page, roster.path);
    await page.locator('[data-testid="recipient-remembered"]').waitFor();
    expect(await page.isChecked('[data-testid="form-recipient-shobodan"]')).toBe(true);
    expect(await page.isChecked('[data-testid="form-recipient-jishubo"]')).toBe(true);
    expect(await page.isChecked('[data-testid="form-recipient-minsei"]')).toBe(false);
  }, 180_000);

  it('changes one person’s recipients in their details, with the date and who changed it; the export screen counts who is left out', async () => {
    const roster = templateRoster();
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)
    await chooseRoster(page, roster.path);
    await page.check('[data-testid="form-recipient-shobodan"]');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 30_000 });

    const target = roster.consented[0];
    await page.goto(APP_URL);
    await waitForApp(page);
    await page.fill('[data-testid="people-search"]', (await storedPeople(page)).find((p) => p.id === target)!.name);
    await page.click(`[data-person-id="${target}"]`);
    await page.click('[data-testid="recipients-edit"]');
    expect(await page.isChecked('[data-testid="recipient-shobodan"]')).toBe(true);
    await page.uncheck('[data-testid="recipient-shobodan"]');
    await page.check('[data-testid="recipient-minsei"]');
    await page.fill('[data-testid="recipients-date"]', '2026-03-01');
    await page.fill('[data-testid="recipients-by"]', '自主防災会　記録係');
    await page.click('[data-testid="recipients-save"]');
    await page.waitForSelector('[data-testid="recipients-saved"]');
    await expect.poll(async () => (await storedPeople(page)).find((p: Person) => p.id === target)!.consent).toMatchObject({
      recipients: ['minsei'],
      date: '2026-03-01',
      changed: { by: '自主防災会　記録係' },
    });
    expect(await page.textContent('[data-testid="detail"]')).toContain('変更者 自主防災会　記録係');

    // The 変更者 starts from this device's 作業者名 (the header's), whoever was typed last time.
    await page.click('[data-testid="recipients-edit"]');
    expect(await page.inputValue('[data-testid="recipients-by"]')).toBe('山田 花子');

    await openKarte(page, roster.district);
    await page.selectOption('[data-testid="export-recipient"]', 'shobodan');
    await expect.poll(() => page.textContent('[data-testid="export-reason"]'), { timeout: 30_000 }).toContain('同意の提供先に消防団がない人 1人');
    expect((await exportedIds(page)).sort()).toEqual(roster.consented.filter((id) => id !== target).sort());
  }, 180_000);
});
