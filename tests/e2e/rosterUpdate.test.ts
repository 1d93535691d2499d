/**
 * Issue 11, done-when 1, in real Chromium: the yearly 名簿の更新. 名簿 A goes in through the import
 * screen, three people are placed by hand and five plans confirmed; then 名簿 B (moves, a death, a
 * changed mobility and medical need, a withdrawn and a new consent, a changed address without
 * coordinates, renumbered IDs, newcomers) is previewed — its numbers must equal an independent count
 * of the two files — and applied: hand-set places stay, the people who left appear only in
 * 「名簿から外れた人」 with their plans, the affected confirmed plans are 要見直し with the reason in
 * the editor, and applying B a second time changes nothing. A tab closed during the apply leaves the
 * store as it was.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APP_URL, confirmPlanThrough, importThrough, listedPersonIds, openApp, openPlanEditor, setOperator, storedPeople, storedPlans, screenshot, SCREENSHOT_DIR, storedRecords, waitForApp, useBrowser } from './browser';
import { CHANGES, CONFIRMED_PLANS, expectedCounts, HAND_PLACED, rosterA, rosterB, writeRoster, type ExpectedCounts } from './rosterUpdateFixture';
import { rosterCsv } from '../bench/syntheticRoster';

const browser = useBrowser();

const dir = mkdtempSync(join(tmpdir(), 'hinan-roster-update-'));
const a = rosterA();
const b = rosterB();
const pathA = writeRoster(dir, '名簿_令和8年度.csv', a);
const pathB = writeRoster(dir, '名簿_令和9年度.csv', b);
const newId = (id: string) => CHANGES.renumbered[id] ?? id;

async function waitForPlacesMapIdle(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="places-map"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 60_000 });
}

/** Places each person by clicking the 位置の確認 map (a different spot per person) and confirming. */
async function placeByHand(page: Page, ids: readonly string[]) {
  await page.goto(`${APP_URL}#/places`);
  await waitForPlacesMapIdle(page);
  for (const [k, id] of ids.entries()) {
    await page.click(`[data-testid="unplaced-list"] [data-person-id="${id}"]`);
    await page.waitForSelector(`[data-testid="places-selected"][data-person-id="${id}"]`);
    const box = (await page.locator('[data-testid="places-map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 30 * k, box.y + box.height / 2 + 20 * k);
    await page.waitForSelector('[data-testid="places-pin-position"]');
    await page.click('[data-testid="places-manual-confirm"]');
    await expect.poll(() => page.textContent('[data-testid="places-manual-done"]'), { timeout: 20_000 }).toContain('保存しました');
  }
}

/** The number in a preview count element (「新規 4人」 → 4). */
async function countOf(page: Page, testId: string): Promise<number> {
  const text = (await page.textContent(`[data-testid="${testId}"]`)) ?? '';
  const numbers = text.match(/\d[\d,]*/g) ?? [];
  return Number((numbers.at(-1) ?? 'NaN').replace(/,/g, ''));
}

const COUNT_IDS: [keyof ExpectedCounts, string][] = [
  ['added', 'roster-count-added'],
  ['archived', 'roster-count-archived'],
  ['changed', 'roster-count-changed'],
  ['unchanged', 'roster-count-unchanged'],
  ['matchedByName', 'roster-count-matched-by-name'],
];

/** Chooses the 名簿 file on the import screen and waits for the update preview. */
async function previewUpdate(page: Page, path: string) {
  await page.goto(`${APP_URL}#/import`);
  await page.check('input[name="kind"][value="people"]');
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.click('[data-testid="import-commit"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="roster-update-preview"]', { timeout: 60_000 });
}

/** Everything an update may touch, as stored. */
async function updateSnapshot(page: Page) {
  const byId = <T extends { id?: string }>(rows: T[]) => [...rows].sort((x, y) => String(x.id).localeCompare(String(y.id)));
  return {
    people: byId(await storedPeople(page)),
    supporters: byId(await storedRecords<{ id: string }>(page, 'supporters')),
    plans: byId(await storedPlans(page)),
    planVersions: await storedRecords<unknown>(page, 'planVersions'),
    planDrafts: await storedRecords<unknown>(page, 'planDrafts'),
    districts: byId(await storedRecords<{ id: string }>(page, 'districts')),
    rosterUpdates: await storedRecords<unknown>(page, 'rosterUpdates'),
  };
}

describe('名簿の更新 (issue 11)', () => {
  it('previews B against A with the independent counts, applies it keeping hand-set places, archiving who left, marking plans 要見直し; a second apply is a no-op', { timeout: 900_000 }, async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await setOperator(page, '会田 記録係');

    // A year of work on 名簿 A.
    await importThrough(page, 'people', pathA);
    await expect.poll(async () => (await storedPeople(page)).filter((p) => p.id.startsWith('R')).length, { timeout: 30_000 }).toBe(a.length);
    await placeByHand(page, HAND_PLACED);
    for (const id of CONFIRMED_PLANS) await confirmPlanThrough(page, id);
    // A drill in 一箕町松長地区 (demo-d1) checks two people who will leave the 名簿.
    await page.goto(`${APP_URL}#/drill`);
    await page.selectOption('[data-testid="drill-district"]', 'demo-d1');
    await page.fill('[data-testid="drill-name"]', '安否確認訓練');
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ready"]');
    const drillUrl = page.url();
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]');
    for (const id of ['R020', 'R022']) {
      await page.click(`[data-testid="drill-people"] [data-person-id="${id}"] button[data-status="safe"]`);
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-latest') === 'safe', `[data-testid="drill-people"] [data-person-id="${id}"]`);
    }
    const placedBefore = new Map((await storedPeople(page)).filter((p) => HAND_PLACED.includes(p.id)).map((p) => [p.id, p.location]));
    expect([...placedBefore.values()].every((l) => l?.source === 'manual')).toBe(true);
    const plansBefore = new Map((await storedPlans(page)).map((p) => [p.personId, p]));
    for (const id of CONFIRMED_PLANS) expect(plansBefore.get(id)?.status).toBe('confirmed');

    // 名簿 B: the preview's numbers are the independent count's; nothing is written yet.
    const expected = expectedCounts(a, b);
    const beforePreview = await updateSnapshot(page);
    await previewUpdate(page, pathB);
    for (const [key, testId] of COUNT_IDS) await expect.poll(() => countOf(page, testId), { timeout: 60_000 }).toBe(expected.total[key]);
    for (const [district, counts] of expected.byDistrict) {
      const row = page.locator(`[data-testid="roster-district-row"][data-district="${district}"]`);
      for (const [key] of COUNT_IDS) {
        if (key === 'matchedByName') continue;
        await expect.poll(async () => Number(await row.getAttribute(`data-${key}`))).toBe(counts[key]);
      }
    }
    await page.locator('[data-testid="roster-update-preview"]').screenshot({ path: `${SCREENSHOT_DIR}/roster-update-preview.png` });
    const preview = (await page.textContent('[data-testid="roster-update-preview"]'))!;
    expect(preview).toContain('杖・歩行器');
    expect(preview).toContain('車いす');
    expect(preview).toContain('在宅酸素');
    expect(await updateSnapshot(page)).toEqual(beforePreview);

    // Reasons: one death, the rest moved out.
    await page.selectOption('[data-testid="roster-archive-reason-all"]', 'moved_out');
    await page.selectOption(`[data-testid="roster-archive-reason"][data-id="${CHANGES.died[0]}"]`, 'deceased');
    await page.click('[data-testid="roster-update-apply"]');
    await expect.poll(() => page.textContent('[data-testid="import-done"]'), { timeout: 120_000 }).toContain('名簿を更新しました');

    const people = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    // Hand-set places are kept (the file has no coordinates for them), under the new ID when renumbered.
    for (const id of HAND_PLACED) expect(people.get(newId(id))!.location).toEqual(placedBefore.get(id));
    // Renumbered: the person and the plan moved to the file's ID.
    for (const [from, to] of Object.entries(CHANGES.renumbered)) {
      expect(people.has(from)).toBe(false);
      expect(people.get(to)!.name).toBe(a.find((r) => r.id === from)!.name);
    }
    const plans = new Map((await storedPlans(page)).map((p) => [p.personId, p]));
    expect(plans.get('N004')?.status).toBe('confirmed');
    expect(plans.has('R004')).toBe(false);
    // The changed address without coordinates: no place, 「位置の確認が必要」.
    const moved = people.get(CHANGES.addressWithoutCoordinates)!;
    expect(moved.location).toBeNull();
    expect(moved.locationCheck?.previousAddress).toBe(a.find((r) => r.id === CHANGES.addressWithoutCoordinates)!.address);
    // Archived, with their reason; plans kept.
    for (const id of [...CHANGES.movedOut, ...CHANGES.died]) {
      expect(people.get(id)!.archived?.reason).toBe(CHANGES.died.includes(id) ? 'deceased' : 'moved_out');
    }
    expect(plans.get('R020')?.status).toBe('confirmed');
    // Consent: withdrawn hidden, new consent shown.
    expect(people.get(CHANGES.withdrawn)!.consent.status).toBe('refused');
    expect(people.get(CHANGES.newConsent)!.consent.status).toBe('given');

    // Affected confirmed plans are 要見直し, with the reason in words in the editor.
    const reasons: Record<string, string> = { R001: '移動が 杖・歩行器 → 車いす に変わりました', R002: '医療が', R003: '住所が' };
    for (const [id, words] of Object.entries(reasons)) {
      expect(plans.get(id)?.status).toBe('needs_review');
      await openPlanEditor(page, id);
      await expect.poll(() => page.textContent('[data-testid="plan-roster-review"]'), { timeout: 30_000 }).toContain(words);
      if (id === 'R001') await screenshot(page, 'roster-update-plan-review');
    }

    // The people who left appear on no list or map, only in 「名簿から外れた人」, with their plan.
    await page.goto(APP_URL);
    await waitForApp(page);
    await expect.poll(async () => (await listedPersonIds(page)).includes(CHANGES.newcomers[0]), { timeout: 30_000 }).toBe(true);
    const listed = await listedPersonIds(page);
    for (const id of [...CHANGES.movedOut, ...CHANGES.died, CHANGES.withdrawn]) expect(listed).not.toContain(id);
    expect(listed).toContain(CHANGES.newConsent);
    await page.goto(`${APP_URL}#/archived`);
    const rows = page.locator('[data-testid="archived-row"]');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort()), { timeout: 30_000 }).toEqual([...CHANGES.movedOut, ...CHANGES.died].sort());
    await expect.poll(() => page.textContent('[data-testid="archived-row"][data-id="R022"] [data-testid="archived-reason"]')).toContain('死亡');
    expect(await page.textContent('[data-testid="archived-row"][data-id="R020"]')).toContain('本人確認済');

    // The drill no longer lists them, and says their checks are left out of its numbers.
    await page.goto(drillUrl);
    await page.waitForSelector('[data-testid="drill-run"]', { timeout: 30_000 });
    await expect.poll(() => page.textContent('[data-testid="drill-unshown-checks"]'), { timeout: 30_000 }).toContain('2人');
    expect(await page.locator('[data-testid="drill-people"] [data-person-id="R020"]').count()).toBe(0);

    // The same file again: nothing to change, and applying writes nothing.
    const afterFirst = await updateSnapshot(page);
    await previewUpdate(page, pathB);
    for (const [key, testId] of COUNT_IDS) {
      if (key === 'unchanged') continue;
      await expect.poll(() => countOf(page, testId), { timeout: 60_000 }).toBe(0);
    }
    const apply = page.locator('[data-testid="roster-update-apply"]');
    if (await apply.isEnabled()) {
      await apply.click();
      await page.waitForSelector('[data-testid="import-done"]', { timeout: 60_000 });
    }
    expect(await updateSnapshot(page)).toEqual(afterFirst);
  });

  it('a tab closed while the update writes leaves the store as before, never a mix', { timeout: 900_000 }, async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await openApp(tab);
    await setOperator(tab, '会田 記録係');
    const area = { centres: [[139.9295, 37.4951]] as [number, number][], radiusM: 1500, city: '福島県会津若松市' };
    const first = join(dir, '名簿_大.csv');
    writeFileSync(first, rosterCsv(20270402, 20_000, area));
    await importThrough(tab, 'people', first);
    // The next 名簿: every 移動 cell rewritten, so the update writes every person.
    const next = join(dir, '名簿_大_翌年.csv');
    writeFileSync(next, rosterCsv(20270402, 20_000, area).replace(/,(独歩|杖・歩行器|杖|車いす|車椅子|寝たきり),/g, (_m, w: string) => `,${w === '寝たきり' ? '独歩' : '寝たきり'},`));
    await expect.poll(async () => (await storedPeople(tab)).length, { timeout: 120_000 }).toBeGreaterThan(20_000);
    const before = await updateSnapshot(tab);

    await previewUpdate(tab, next);
    await expect.poll(() => countOf(tab, 'roster-count-changed'), { timeout: 120_000 }).toBeGreaterThan(10_000);
    await tab.click('[data-testid="roster-update-apply"]');
    await tab.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="roster-update-progress"] [role="progressbar"]');
        const now = Number(el?.getAttribute('aria-valuenow') ?? 0);
        const max = Number(el?.getAttribute('aria-valuemax') ?? 100);
        // The write phase, mid-transaction: rows written, the commit still far off.
        return !!el?.getAttribute('aria-label')?.includes('書き込んでいます') && now > 0 && now < max / 2;
      },
      undefined,
      { timeout: 120_000, polling: 20 },
    );
    await tab.close();

    const again = await context.newPage();
    await again.goto(APP_URL);
    await again.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    expect(await updateSnapshot(again)).toEqual(before);
  });
});
