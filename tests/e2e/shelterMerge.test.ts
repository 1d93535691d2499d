import { describe, expect, it } from 'vitest';
import { APP_URL, openApp, useBrowser } from './browser';

const browser = useBrowser();

/** The shared 青森市 GSI files (byte-identical copies of ../shared/data/shelters). */
const AOMORI = ['tests/fixtures/shelters/gsi_emergency_sites_022012_aomori.geojson', 'tests/fixtures/shelters/gsi_shelters_022012_aomori.geojson'];

describe('shelter import summary', () => {
  it('says how many records became how many places and lists every join and every site kept apart (青森市, real files)', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="shelters"]');
    await page.setInputFiles('[data-testid="import-file"]', AOMORI);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 60_000 });
    await expect.poll(() => page.textContent('[data-testid="import-summary"]'), { timeout: 30_000 }).toContain('489件の記録 → 337か所');
    const lines = await page.$$eval('[data-testid="shelter-merge-lines"] li', (els) => els.map((e) => e.textContent ?? ''));
    expect(lines.filter((l) => l.startsWith('まとめた:'))).toHaveLength(152);
    expect(lines).toContain('別の場所のまま: E0220100279202「吉野田児童館」（指定緊急避難場所）は E0220100279111「吉野田農村センター」 と共通IDの先頭11文字が同じですが、名称が違います');
    expect(lines.some((l) => l.startsWith('別の場所のまま: E0220100116201「青森中央学院大学（総合グラウンド・サブグラウンド）」'))).toBe(true);
  });
});
