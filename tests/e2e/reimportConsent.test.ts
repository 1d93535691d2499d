/**
 * Issue 8 item 3 in real Chromium: a withdrawal recorded in the app survives a re-import of the
 * same 名簿. The import screen asks per person before writing anything; the default keeps the
 * refusal, so the person stays hidden.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONSENT_METHOD_LABELS, CONSENT_RECIPIENT_LABELS, isShareable } from '../../src/core/consent';
import { HOUSEHOLD_LABELS, MEDICAL_LABELS, MOBILITY_LABELS, SEX_LABELS, type Person } from '../../src/core/person';
import { APP_URL, demoPeople, listedPersonIds, openApp, storedPeople, waitForApp, useBrowser } from './browser';

const browser = useBrowser();

const HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,同意日,同意方法,情報提供先,地区,緯度,経度';
const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The 名簿 file the demo people came from, in the template layout (UTF-8). */
function rosterFile(people: Person[]): string {
  const rows = people.map((p) =>
    [
      p.id, p.name, p.nameKana, p.birthDate ?? '', SEX_LABELS[p.sex], p.address, p.phone, p.reason, MOBILITY_LABELS[p.mobility], HOUSEHOLD_LABELS[p.household],
      p.medical.map((m) => MEDICAL_LABELS[m]).join('・'), '同意', p.consent.date ?? '', CONSENT_METHOD_LABELS[p.consent.method],
      p.consent.recipients.map((r) => CONSENT_RECIPIENT_LABELS[r]).join('・'), p.districtId ?? '', String(p.location!.lat), String(p.location!.lng),
    ].map(cell).join(','),
  );
  const path = join(mkdtempSync(join(tmpdir(), 'hinan-reimport-')), '名簿.csv');
  writeFileSync(path, [HEADER, ...rows].join('\r\n'));
  return path;
}

describe('re-importing the 名簿 after a withdrawal', () => {
  it('asks about the withdrawn person (ID and consent only), writes nothing before the answer, and by default keeps them hidden', async () => {
    const consented = demoPeople().filter((p) => isShareable(p.consent) && p.location);
    const [target, other] = consented;
    // The same file, except that the city updated the other person's phone number.
    const path = rosterFile([target, { ...other, phone: '0242-99-9999' }, ...consented.slice(2, 6)]);

    const { page } = await browser.newPage();
    await openApp(page);

    // Withdraw the target's consent in the plan editor, as a volunteer would.
    await page.goto(`${APP_URL}#/plan/${target.id}`);
    await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
    await page.click('[data-testid="withdraw-open"]');
    await page.click('[data-testid="withdraw-confirm"]');
    await page.waitForSelector('[data-testid="plan-person-hidden"]');

    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="people"]');
    await page.setInputFiles('[data-testid="import-file"]', path);
    await page.click('[data-testid="import-commit"]', { timeout: 20_000 });
    // First the notice that the file's 6 people replace stored ones (issue 9 defect 11).
    expect(await page.textContent('[data-testid="replace-counts"]', { timeout: 20_000 })).toContain('置き換える人 6人');
    await page.click('[data-testid="replace-confirm"]');

    // The question: one row, the target's ID with the app's refusal and the file's 同意, keep chosen.
    const question = page.locator('[data-testid="consent-conflicts"]');
    await question.waitFor({ timeout: 20_000 });
    const rows = question.locator('[data-testid="consent-conflict"]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-person-id')).toBe(target.id);
    const text = (await question.textContent())!;
    expect(text).toContain(target.id);
    expect(text).toContain('不同意のまま（推奨）');
    expect(text).toContain('同意に変える');
    expect(text).toMatch(/不同意・\d{4}-\d{2}-\d{2}/);
    expect(text).toContain(`同意・${target.consent.date}`);
    for (const secret of [target.name, target.nameKana, target.address, target.phone]) expect(text).not.toContain(secret);
    expect(await question.locator('[data-testid="consent-keep"]').isChecked()).toBe(true);
    expect(await question.locator('[data-testid="consent-take-file"]').isChecked()).toBe(false);

    // Nothing is written while the question is open.
    expect((await storedPeople(page)).find((p) => p.id === other.id)!.phone).toBe(other.phone);

    await page.click('[data-testid="consent-conflicts-confirm"]');
    const done = page.locator('[data-testid="import-done"]');
    await done.waitFor({ timeout: 20_000 });
    expect(await done.textContent()).toContain('不同意・撤回を 1人 について残しました');
    await expect.poll(async () => (await storedPeople(page)).find((p) => p.id === other.id)!.phone).toBe('0242-99-9999');
    expect((await storedPeople(page)).find((p) => p.id === target.id)!.consent.status).toBe('refused');

    // The target stays hidden on the map screen's list; the others are there.
    await page.goto(APP_URL);
    await waitForApp(page);
    const listed = await listedPersonIds(page);
    expect(listed).toContain(other.id);
    expect(listed).not.toContain(target.id);
  }, 120_000);
});
