/**
 * Issue 11, the 名簿の更新 preview in real Chromium: a store made by importing 名簿 A through the
 * screen, then a 名簿 B with a few changes — the preview shows the independent counts and the field
 * changes, names no one without consent, re-plans when matching by 氏名+生年月日 is switched off,
 * writes nothing until applied, exports the 変更一覧 CSV through the 提供記録, applies (the map
 * sees the worker's writes) and says 「変更はありません」 the second time. Another city's file is
 * refused; a file archiving more than half needs the number typed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, importThrough, listedPersonIds, openApp, setOperator, storedPeople, storedRecords, useBrowser } from './browser';
import { expectedCounts, rosterA, writeRoster, type RosterRow } from './rosterUpdateFixture';

const browser = useBrowser();

const dir = mkdtempSync(join(tmpdir(), 'hinan-roster-preview-'));
const a = rosterA();
const row = (id: string) => a.find((r) => r.id === id)!;
/** R033 is 不同意 on both 名簿: never named, whatever changes. */
const HIDDEN = row('R033');

/** 名簿 B: R001 杖・歩行器 → 車いす, R005 and R033 a new phone, R020 gone, R006 renumbered N006, one newcomer. */
function rosterB(): RosterRow[] {
  const rows = a.filter((r) => r.id !== 'R020').map((r) => ({ ...r }));
  const at = (id: string) => rows.find((r) => r.id === id)!;
  at('R001').mobility = '車いす';
  at('R005').phone = '0242-11-1005';
  at('R033').phone = '0242-11-1033';
  at('R006').id = 'N006';
  rows.push({ ...row('R008'), id: 'R099', name: '新田　ハナ', kana: 'ニッタ　ハナ', birth: '1941-02-03', phone: '0242-00-9999', address: '福島県会津若松市一箕町松長1丁目99-1' });
  return rows;
}

/** Another city's 名簿: no ID, name or address in common with A. */
function otherCity(): RosterRow[] {
  return a.slice(0, 12).map((r, i) => ({
    ...r,
    id: `S${String(i + 1).padStart(4, '0')}`,
    name: `札幌　太郎${i + 1}`,
    kana: `サッポロ　タロウ`,
    birth: `1950-01-${String(i + 1).padStart(2, '0')}`,
    address: `北海道札幌市中央区北一条西${i + 1}丁目`,
    district: '北一条地区',
    home: [141.35 + i * 0.001, 43.06],
  }));
}

/** The number in a count element (「新規 1人」 → 1). */
async function countOf(page: Page, testId: string): Promise<number> {
  const text = (await page.textContent(`[data-testid="${testId}"]`)) ?? '';
  return Number((text.match(/\d+/g) ?? ['NaN']).at(-1));
}

/** Chooses a 名簿 file, asks for the comparison and waits for the update preview's numbers. */
async function preview(page: Page, path: string) {
  await page.goto(`${APP_URL}#/import`);
  await page.check('input[name="kind"][value="people"]');
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.click('[data-testid="import-commit"]', { timeout: 30_000 });
  // The numbers, or (another city's file) the refusal alone.
  await page.waitForSelector('[data-testid="roster-update-preview"] :is([data-testid="roster-count-added"], [data-testid="roster-update-refusal"])', { timeout: 60_000 });
}

describe('名簿の更新: the preview', () => {
  it('shows counts, field changes and choices from the worker; exports the 変更一覧; refuses another city; asks for the number before archiving more than half', { timeout: 600_000 }, async () => {
    const b = rosterB();
    const pathA = writeRoster(dir, '名簿_A.csv', a);
    const pathB = writeRoster(dir, '名簿_B.csv', b);
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '荒井 記録係');
    await importThrough(page, 'people', pathA);
    await expect.poll(async () => (await storedPeople(page)).filter((p) => p.origin === 'user').length, { timeout: 30_000 }).toBe(a.length);
    const storedA = await storedPeople(page);

    // The preview's numbers are the independent count of the two files.
    await preview(page, pathB);
    const expected = expectedCounts(a, b);
    const counts: [keyof typeof expected.total, string][] = [
      ['added', 'roster-count-added'], ['archived', 'roster-count-archived'], ['changed', 'roster-count-changed'], ['unchanged', 'roster-count-unchanged'], ['matchedByName', 'roster-count-matched-by-name'],
    ];
    for (const [key, id] of counts) await expect.poll(() => countOf(page, id), { timeout: 60_000 }).toBe(expected.total[key]);
    expect(expected.total).toMatchObject({ added: 1, archived: 1, changed: 4, matchedByName: 1 });
    expect(await countOf(page, 'roster-count-returned')).toBe(0);
    expect(await countOf(page, 'roster-count-ambiguous')).toBe(0);
    for (const [district, c] of expected.byDistrict) {
      const tr = page.locator(`[data-testid="roster-district-row"][data-district="${district}"]`);
      expect([await tr.getAttribute('data-added'), await tr.getAttribute('data-archived'), await tr.getAttribute('data-changed'), await tr.getAttribute('data-unchanged')]).toEqual(
        [c.added, c.archived, c.changed, c.unchanged].map(String),
      );
    }
    const box = page.locator('[data-testid="roster-update-preview"]');
    const text = (await box.textContent())!;
    expect(text).toMatch(/移動: 杖・歩行器 → 車いす/);
    expect(text).toContain('0242-00-1005 → 0242-11-1005');
    expect(text).toContain('新田　ハナ');
    expect(text).toContain('R006 →');
    // The person without consent is listed by ID and consent only.
    expect(await box.locator(`[data-unconsented="${HIDDEN.id}"]`).count()).toBeGreaterThan(0);
    for (const secret of [HIDDEN.name, HIDDEN.phone, '0242-11-1033', HIDDEN.address]) expect(text).not.toContain(secret);
    // A reason select for the one who left, 不明 by default.
    expect(await page.inputValue('[data-testid="roster-archive-reason"][data-id="R020"]')).toBe('unknown');

    // Switching off matching by 氏名+生年月日 plans again: R006 leaves, N006 is new.
    await page.uncheck('[data-testid="roster-match-by-name"]');
    await expect.poll(() => countOf(page, 'roster-count-matched-by-name'), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => countOf(page, 'roster-count-added')).toBe(2);
    expect(await countOf(page, 'roster-count-archived')).toBe(2);
    await page.check('[data-testid="roster-match-by-name"]');
    await expect.poll(() => countOf(page, 'roster-count-matched-by-name'), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => countOf(page, 'roster-count-archived')).toBe(1);

    // Nothing was written by previewing.
    expect(await storedPeople(page)).toEqual(storedA);

    // The 変更一覧, through the 提供記録: only people who may be shown.
    await page.selectOption('[data-testid="roster-archive-reason-all"]', 'moved_out');
    await page.waitForSelector('[data-testid="roster-changes-csv"]:not([disabled])', { timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click('[data-testid="roster-changes-csv"]')]);
    expect(download.suggestedFilename()).toMatch(/^名簿の変更一覧_名簿_B_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('ID,氏名,地区,変更の種類,項目,変更前,変更後');
    expect(lines).toContain(`R001,${row('R001').name},${row('R001').district},変更,移動,杖・歩行器,車いす`);
    expect(lines.some((l) => l.startsWith('R020,') && l.includes('名簿から外れた') && l.endsWith(',転出'))).toBe(true);
    expect(lines.some((l) => l.startsWith('R099,') && l.includes('新規'))).toBe(true);
    // The person without consent: the city's ID and the field name, no value (as `hinan diff-people`).
    expect(lines.filter((l) => l.startsWith(`${HIDDEN.id},`))).toEqual([`${HIDDEN.id},,,変更,電話番号,,`]);
    expect(csv).not.toContain(HIDDEN.name);
    expect(csv).not.toContain('0242-11-1033');
    const entries = await storedRecords<Disclosure>(page, 'disclosures');
    const entry = entries.find((d) => d.fileName === download.suggestedFilename());
    expect(entry).toBeDefined();
    expect(entry!.operator).toBe('荒井 記録係');
    expect(entry!.personIds).toEqual(expect.arrayContaining(['R001', 'R005', 'R020', 'R099']));
    expect(entry!.personIds).not.toContain(HIDDEN.id);

    // Apply: one transaction in the worker; the page's lists see it without a reload.
    await page.click('[data-testid="roster-update-apply"]');
    const done = page.locator('[data-testid="import-done"]');
    await expect.poll(() => done.textContent(), { timeout: 120_000 }).toContain('名簿を更新しました：新規 1人・名簿から外れた人 1人・変更 4人・要見直し 0件');
    expect(await done.locator('a[href="#/archived"]').count()).toBe(1);
    expect((await storedPeople(page)).find((p) => p.id === 'R020')!.archived?.reason).toBe('moved_out');
    await page.evaluate(() => (location.hash = '#/map')); // same page: its live queries must hear the worker's transaction
    await expect.poll(async () => (await listedPersonIds(page)).includes('R099'), { timeout: 30_000 }).toBe(true);
    expect(await listedPersonIds(page)).not.toContain('R020');

    // The same file again: nothing to change, nothing written.
    const afterApply = await storedPeople(page);
    await preview(page, pathB);
    await page.waitForSelector('[data-testid="roster-update-nochange"]', { timeout: 60_000 });
    expect((await box.textContent())!).toContain('変更はありません');
    await page.click('[data-testid="roster-update-apply"]');
    await expect.poll(() => done.textContent(), { timeout: 60_000 }).toContain('変更はありません');
    expect(await storedPeople(page)).toEqual(afterApply);

    // Another city's file is refused: the apply stays disabled.
    await preview(page, writeRoster(dir, '札幌市_名簿.csv', otherCity()));
    const refusal = page.locator('[data-testid="roster-update-refusal"]');
    await refusal.waitFor({ timeout: 60_000 });
    expect(await refusal.textContent()).toContain('別の市町村');
    expect(await page.isDisabled('[data-testid="roster-update-apply"]')).toBe(true);
    // Refused: no numbers, no lists — nothing that reads like an update about to happen.
    expect(await page.locator('[data-testid="roster-count-archived"], [data-testid="roster-district-row"]').count()).toBe(0);

    // The city gave R002's ID to someone else (氏名 and 生年月日 both differ): held, not written over R002
    // and their plan, until the user confirms it is the same person.
    const reused = b.map((r) => (r.id === 'R002' ? { ...r, name: '別人　太郎', kana: 'ベツジン　タロウ', birth: '1929-09-09', sex: '男' as const } : r));
    await preview(page, writeRoster(dir, '名簿_ID再利用.csv', reused));
    const held = page.locator('[data-testid="roster-ambiguous"] li[data-id="R002"]');
    await held.waitFor({ timeout: 60_000 });
    expect(await held.textContent()).toContain('氏名も生年月日も違います');
    expect(await held.textContent()).toContain(row('R002').name);
    await expect.poll(() => countOf(page, 'roster-count-ambiguous'), { timeout: 60_000 }).toBe(1);
    expect(await countOf(page, 'roster-count-changed')).toBe(0);
    await page.check('[data-testid="roster-same-identity"][data-id="R002"]');
    await expect.poll(() => countOf(page, 'roster-count-ambiguous'), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => countOf(page, 'roster-count-changed')).toBe(1);
    expect((await box.textContent())!).toContain('1929-09-09');

    // A file that would archive more than half: the number must be typed first.
    const few = b.slice(0, 10);
    await preview(page, writeRoster(dir, '名簿_一部.csv', few));
    const input = page.locator('[data-testid="roster-archive-confirm"]');
    await input.waitFor({ timeout: 60_000 });
    const archived = await countOf(page, 'roster-count-archived');
    expect(archived).toBe(b.length - few.length);
    expect(await page.isDisabled('[data-testid="roster-update-apply"]')).toBe(true);
    await input.fill(String(archived - 1));
    expect(await page.isDisabled('[data-testid="roster-update-apply"]')).toBe(true);
    await input.fill(String(archived));
    await expect.poll(() => page.isEnabled('[data-testid="roster-update-apply"]')).toBe(true);
  });
});
