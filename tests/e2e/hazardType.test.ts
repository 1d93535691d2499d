import { describe, expect, it } from 'vitest';
import type { HazardZone } from '../../src/core/hazardZone';
import { isShareable } from '../../src/core/consent';
import { APP_URL, demoPeople, openApp, storedRecords, useBrowser } from './browser';

/**
 * Issue 9, defect A: the real PLATEAU 沼津 土砂災害警戒区域 file imported with the default 「洪水」 is stopped
 * before saving; 「土砂災害として読み直す」 stores it as 土砂災害. Defect D: the 地区カルテ then counts the
 * scenario 洪水 (no flood data) as データなし, never 「区域内0人」 as if safe.
 */
const FILE = '../shared/data/hazards/landslide_zones_numazu_plateau.geojson';

const browser = useBrowser();

describe('ハザード区域の災害種別 and the file’s own attributes', () => {
  it('warns and blocks saving when the file states 土砂災害 but 洪水 is chosen; reading again as 土砂災害 stores 81 landslide zones', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="hazards"]');
    expect(await page.inputValue('.hazard-choice select')).toBe('flood');
    await page.setInputFiles('[data-testid="import-file"]', FILE);

    const warning = page.locator('[data-testid="hazard-type-mismatch"]');
    await warning.waitFor({ timeout: 30_000 });
    await expect(warning.textContent()).resolves.toContain('このファイルの属性は土砂災害の区域です（disasterType_label）。災害種別が「洪水」になっています。');
    await expect(page.locator('[data-testid="import-commit"]').isDisabled()).resolves.toBe(true);
    // Confirming the chosen type unblocks saving; unticking blocks it again.
    await page.check('[data-testid="hazard-keep-chosen"]');
    await expect.poll(() => page.locator('[data-testid="import-commit"]').isDisabled(), { timeout: 10_000 }).toBe(false);
    await page.uncheck('[data-testid="hazard-keep-chosen"]');
    await expect.poll(() => page.locator('[data-testid="import-commit"]').isDisabled(), { timeout: 10_000 }).toBe(true);

    await page.click('[data-testid="hazard-reread"]');
    await expect.poll(() => page.inputValue('.hazard-choice select'), { timeout: 10_000 }).toBe('landslide');
    await page.click('[data-testid="import-commit"]:not([disabled])', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="hazard-type-mismatch"]').count()).toBe(0);
    const zones = await storedRecords<HazardZone>(page, 'hazardZones');
    expect(zones).toHaveLength(81);
    expect(zones.every((z) => z.hazard === 'landslide')).toBe(true);

    // 地区カルテ, scenario 洪水 (the default): no flood zones are loaded, so everyone shown is データなし.
    const shown = demoPeople().filter((p) => isShareable(p.consent)).length;
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="karte-shown"]', { timeout: 30_000 });
    await page.selectOption('[data-testid="karte-district"]', { index: 0 });
    await expect.poll(() => page.getAttribute('[data-testid="karte-hazard-nodata"]', 'data-value'), { timeout: 60_000 }).toBe(String(shown));
    await expect(page.getAttribute('[data-testid="karte-hazard-inside"]', 'data-value')).resolves.toBe('0');
    const lines = (await page.textContent('[data-testid="karte-lines"]'))!;
    expect(lines).toContain(`洪水の想定区域内にある人は0人、区域外は0人、データがなく分からない人が${shown}人です。`);
    expect(lines).not.toContain('区域内にある人は0人です');
  });
});
