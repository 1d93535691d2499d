import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import { APP_URL, listedPersonIds, openApp, waitForApp, storedPeople, writeShiftJisCsv, useBrowser } from './browser';

const browser = useBrowser();

/** 平面直角座標系 第IX系 (JGD2011, EPSG:6677), the zone of 会津若松. */
const ZONE_IX = '+proj=tmerc +lat_0=36 +lon_0=139.833333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const dir = mkdtempSync(join(tmpdir(), 'hinan-e2e-'));

const shiftJisFile = (name: string, lines: string[]) => writeShiftJisCsv(dir, name, lines);


async function importFile(page: Page, path: string) {
  await page.goto(`${APP_URL}#/import`);
  await page.waitForSelector('[data-testid="import-file"]', { state: 'attached' });
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
}

const HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,X座標,Y座標,系番号';
// Fictional people at fictional addresses; coordinates are places in central 会津若松.
const ROWS: { id: string; name: string; kana: string; born: string; iso: string; at: LngLat }[] = [
  { id: 'T01', name: '取込　一郎', kana: 'トリコミ　イチロウ', born: '昭和１２年３月４日', iso: '1937-03-04', at: [139.9295, 37.4951] },
  { id: 'T02', name: '取込　ふみ', kana: 'トリコミ　フミ', born: 'S15.11.20', iso: '1940-11-20', at: [139.9321, 37.5003] },
  { id: 'T03', name: '試験　花代', kana: 'シケン　ハナヨ', born: '大正14年1月8日', iso: '1925-01-08', at: [139.9402, 37.4912] },
  { id: 'T04', name: '試験　実', kana: 'シケン　ミノル', born: 'H元.2.1', iso: '1989-02-01', at: [139.9265, 37.5057] },
];

describe('importing a 名簿 through the UI', () => {
  it('reads a Shift_JIS 名簿 with 和暦 and 平面直角座標, and places people within 1 m of proj4', async () => {
    const expected = new Map<string, LngLat>();
    const lines = [HEADER];
    for (const r of ROWS) {
      const [easting, northing] = proj4('WGS84', ZONE_IX, r.at);
      const x = northing.toFixed(3); // surveying X is northing
      const y = easting.toFixed(3);
      expected.set(r.id, proj4(ZONE_IX, 'WGS84', [Number(y), Number(x)]) as LngLat);
      lines.push(`${r.id},${r.name},${r.kana},${r.born},女,福島県会津若松市栄町1-1,0242-00-1234,要介護2,杖・歩行器,一人暮らし,,同意,中央・大町地区,${x},${y},IX`);
    }
    const path = shiftJisFile('名簿_sjis.csv', lines);

    const { page } = await browser.newPage();
    await openApp(page);
    await importFile(page, path);
    const info = (await page.textContent('[data-testid="import-preview"]'))!;
    expect(info).toContain('Shift_JIS');
    await expect(page.textContent('[data-testid="import-summary"]')).resolves.toContain('正常 4件、エラー 0件');
    await page.click('[data-testid="import-commit"]');
    await expect(page.waitForSelector('[data-testid="import-done"]')).resolves.toBeTruthy();

    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    for (const r of ROWS) {
      const p = stored.get(r.id)!;
      expect(p.birthDate).toBe(r.iso);
      expect(p.name).toBe(r.name);
      expect(p.location?.source).toBe('plane_rectangular');
      expect(distanceMetres([p.location!.lng, p.location!.lat], expected.get(r.id)!)).toBeLessThan(1);
    }
    // They show on the map screen's list, in the existing demo district named in the file.
    await page.goto(APP_URL);
    await waitForApp(page);
    const listed = await listedPersonIds(page);
    for (const r of ROWS) expect(listed).toContain(r.id);
    expect(stored.get('T01')!.districtId).toBe('demo-d2');
  });

  it('lists bad rows with file, row and column, writes nothing on cancel, and can take only the valid rows', async () => {
    const path = shiftJisFile('名簿_誤り.csv', [
      'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度',
      'E01,正常　一子,セイジョウ　イチコ,昭和20年1月1日,女,福島県会津若松市栄町1-2,,要介護1,独歩,一人暮らし,,同意,,37.4951,139.9295',
      'E02,誤り　二郎,アヤマリ　ジロウ,平成32年1月1日,男,福島県会津若松市栄町1-3,,要介護1,独歩,一人暮らし,,同意,,37.4952,139.9296',
      'E03,誤り　三子,アヤマリ　ミツコ,昭和30年5月5日,女,福島県会津若松市栄町1-4,,要介護1,空を飛ぶ,一人暮らし,,同意,,139.9297,37.4953',
    ]);
    const { page } = await browser.newPage();
    await openApp(page);
    const before = (await storedPeople(page)).length;
    await importFile(page, path);
    await expect(page.textContent('[data-testid="import-summary"]')).resolves.toContain('正常 1件');
    const errors = (await page.textContent('[data-testid="import-errors"]'))!;
    expect(errors).toContain('名簿_誤り.csv');
    expect(errors).toContain('2行目');
    expect(errors).toContain('生年月日');
    expect(errors).toContain('3行目');
    expect(errors).toContain('移動');
    expect(await page.$('[data-testid="import-commit"]')).toBeNull();

    await page.click('text=キャンセル');
    expect((await storedPeople(page)).length).toBe(before);

    await page.setInputFiles('[data-testid="import-file"]', path);
    await page.waitForSelector('[data-testid="import-commit-valid"]');
    await page.click('[data-testid="import-commit-valid"]');
    await page.waitForSelector('[data-testid="import-done"]');
    const ids = (await storedPeople(page)).map((p) => p.id);
    expect(ids.length).toBe(before + 1);
    expect(ids).toContain('E01');
    expect(ids).not.toContain('E02');
  });
});
