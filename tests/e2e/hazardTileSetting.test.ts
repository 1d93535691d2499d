import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAZARD_TILE_HOST } from '../../src/core/hazardTileLayers';
import type { HazardReading } from '../../src/core/hazardReading';
import { APP_URL, demoPeople, openApp, screenshot, storedRecords, storeRecords, useBrowser } from './browser';

/**
 * The データの保管 screen's switch for the ハザードマップポータル (issue 16, part D): what leaves the
 * device is said; 「今後使わない」 is stored and holds over a reload until switched back; the
 * readings kept on the device are counted and can be deleted. The screen itself asks the portal for nothing.
 */

const browser = useBrowser();

const placed = demoPeople().filter((p) => p.location).slice(0, 3);

type Meta = { key: string; value: unknown };
const choiceStored = async (page: Page) => (await storedRecords<Meta>(page, 'meta')).find((m) => m.key === 'hazardTiles')?.value;

/** Writes readings of three demo people straight into IndexedDB (as a read would store them). */
async function putReadings(page: Page): Promise<void> {
  const rows: HazardReading[] = placed.map((p) => ({
    id: `person|${p.id}|flood`,
    subject: 'person',
    subjectId: p.id,
    hazard: 'flood',
    layers: [{ layer: 'flood', outcome: { state: 'outside' } }],
    point: [p.location!.lng, p.location!.lat],
    readAt: '2026-11-28T01:00:00.000Z',
    readOn: '2026-11-28',
  }));
  const run = { at: '2026-11-28T01:00:00.000Z', readOn: '2026-11-28', districtIds: ['demo-d1'], tiles: 6, missing: 0, people: rows.length, shelters: 0 };
  await storeRecords(page, { hazardReadings: rows, meta: [{ key: 'hazardReadRuns', value: [run] }] });
}

describe('ハザードマップポータルの設定 (built app, real Chromium)', () => {
  it('says what leaves the device; 今後使わない holds over a reload until switched back; readings are counted and deleted; no request to the portal', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/data`);
    const section = page.locator('[data-testid="hazard-tile-setting"]');
    await section.waitFor();
    // From here on (the データの保管 screen only), nothing may go to the portal.
    const portalRequests: string[] = [];
    page.on('request', (r) => void (r.url().startsWith(HAZARD_TILE_HOST) && portalRequests.push(r.url())));
    await expect.poll(() => section.getAttribute('data-choice')).toBe('unasked');
    const text = (await section.textContent()) ?? '';
    for (const words of ['端末の外に出るもの', '外に出ないもの', '氏名・住所', 'まだ選んでいません']) expect(text).toContain(words);

    await page.click('[data-testid="hazard-tile-refuse"]');
    await expect.poll(() => choiceStored(page)).toBe('refused');
    await expect.poll(() => section.getAttribute('data-choice')).toBe('refused');
    await expect.poll(() => page.locator('[data-testid="hazard-tile-state"]').textContent()).toContain('今後使わない');

    await page.reload();
    await section.waitFor();
    await expect.poll(() => section.getAttribute('data-choice')).toBe('refused');
    await expect.poll(() => page.locator('[data-testid="hazard-tile-allow"]').textContent()).toContain('使うように戻す');

    // Written behind Dexie's back (no live query sees it): shown once the screen reads the store again.
    await putReadings(page);
    await page.reload();
    await section.waitFor();
    const summary = page.locator('[data-testid="hazard-reading-summary"]');
    await expect.poll(() => summary.textContent()).toContain(`要支援者 ${placed.length}人・避難所 0か所`);
    expect(await summary.textContent()).toContain('2026年11月28日 10:00');
    expect(await section.textContent()).toContain('出典：ハザードマップポータルサイト');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-tile-setting');

    await page.click('[data-testid="hazard-reading-delete"]');
    await page.click('[data-testid="hazard-reading-delete-confirm"]');
    await expect.poll(async () => (await storedRecords(page, 'hazardReadings')).length).toBe(0);
    await summary.waitFor({ state: 'detached' });
    expect(await choiceStored(page)).toBe('refused');

    await page.click('[data-testid="hazard-tile-allow"]');
    await expect.poll(() => choiceStored(page)).toBe('allowed');
    await expect.poll(() => section.getAttribute('data-choice')).toBe('allowed');
    expect(portalRequests).toEqual([]);
  });
});
