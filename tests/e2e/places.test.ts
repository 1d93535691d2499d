import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_URL, listedPersonIds, openApp, renderedPersonIds, screenshot, waitForApp, waitForMapIdle, storedPeople, useBrowser } from './browser';

const browser = useBrowser();

const FIXTURES = 'tests/fixtures/geocode';
const GAIKU = `${FIXTURES}/gaiku_072028_aizuwakamatsu_sjis.csv`;
const dir = mkdtempSync(join(tmpdir(), 'hinan-places-'));

/** The 125 messy addresses of the fixture (first column; none holds a comma or quote). */
const ADDRESSES = readFileSync(`${FIXTURES}/addresses_messy_072028.csv`, 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(',')[0]);

/** A 名簿 in the app's template with fictional people at those addresses, consent given, no 緯度/経度. */
function rosterFile(): { path: string; ids: string[] } {
  const header = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
  const ids: string[] = [];
  const lines = [header];
  ADDRESSES.forEach((address, i) => {
    const id = `G${String(i + 1).padStart(3, '0')}`;
    ids.push(id);
    lines.push(`${id},照合　試験${i + 1},ショウゴウ　シケン,昭和20年1月1日,女,${address},,要介護1,独歩,一人暮らし,,同意,,,`);
  });
  const path = join(dir, '名簿_住所のみ.csv');
  writeFileSync(path, '\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
  return { path, ids };
}


function listIds(page: Page, list: 'unplaced-list' | 'check-list'): Promise<string[]> {
  return page.$$eval(`[data-testid="${list}"] [data-person-id]`, (els) => els.map((e) => e.getAttribute('data-person-id')!));
}

/** The lists follow the store through liveQuery, a moment after a save: wait until `list` holds exactly `ids`. */
async function waitForListIds(page: Page, list: 'unplaced-list' | 'check-list', ids: string[]): Promise<string[]> {
  const want = [...ids].sort();
  await page
    .waitForFunction(
      ([testId, expected]) => {
        const got = [...document.querySelectorAll(`[data-testid="${testId}"] [data-person-id]`)].map((e) => e.getAttribute('data-person-id')!).sort();
        return JSON.stringify(got) === JSON.stringify(expected);
      },
      [list, want] as const,
      { timeout: 5_000 },
    )
    .catch(() => undefined); // fall through: the assertion below shows the difference
  return (await listIds(page, list)).sort();
}

async function pinPosition(page: Page): Promise<[number, number]> {
  const el = await page.waitForSelector('[data-testid="places-pin-position"]');
  return [Number(await el.getAttribute('data-lng')), Number(await el.getAttribute('data-lat'))];
}

async function waitForPlacesMapIdle(page: Page) {
  await page.waitForFunction(() => document.querySelector('[data-testid="places-map"]')?.getAttribute('data-state') === 'idle', undefined, { timeout: 30_000 });
}

describe('位置の確認 (addresses → places)', () => {
  it('imports 街区レベル 位置参照情報, places ≥ 95 % at 街区, lists the rest, and a dragged pin persists', async () => {
    const roster = rosterFile();
    const { page } = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await openApp(page);

    // People with addresses and no location, through the import screen.
    await page.goto(`${APP_URL}#/import`);
    await page.waitForSelector('[data-testid="import-file"]', { state: 'attached' });
    await page.setInputFiles('[data-testid="import-file"]', roster.path);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    await expect(page.textContent('[data-testid="import-summary"]')).resolves.toContain(`正常 ${ADDRESSES.length}件、エラー 0件`);
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 20_000 });
    expect((await storedPeople(page)).filter((p) => roster.ids.includes(p.id) && p.location === null)).toHaveLength(ADDRESSES.length);

    // The 位置参照情報 (Shift_JIS) through the places screen.
    await page.goto(`${APP_URL}#/places`);
    await page.waitForSelector('[data-testid="places-screen"]');
    await page.waitForSelector('[data-testid="places-reference-empty"]');
    await page.setInputFiles('[data-testid="places-reference-file"]', GAIKU);
    const preview = (await (await page.waitForSelector('[data-testid="places-reference-preview"]', { timeout: 20_000 })).textContent())!;
    expect(preview).toContain('街区レベル');
    expect(preview).toContain('Shift_JIS');
    expect(preview).toContain('3,060');
    await page.click('[data-testid="places-reference-commit"]');
    await expect(page.textContent('[data-testid="places-reference-done"]', { timeout: 20_000 })).resolves.toContain('3,060');
    await expect(page.textContent('[data-testid="places-reference-files"]')).resolves.toContain('gaiku_072028_aizuwakamatsu_sjis.csv');

    // Geocode with the online search off: nothing leaves the browser but map tiles.
    expect(await page.isChecked('[data-testid="places-online"]')).toBe(false);
    const before = requests.length;
    await page.click('[data-testid="places-geocode-run"]');
    const summary = await page.waitForSelector('[data-testid="places-geocode-summary"]', { timeout: 30_000 });
    const count = async (k: string) => Number(await summary.getAttribute(`data-${k}`));
    const total = await count('total');
    const block = await count('block');
    const none = await count('none');
    const town = await count('town');
    expect(total).toBe(ADDRESSES.length);
    expect(block / total).toBeGreaterThanOrEqual(0.95);
    expect(none).toBeGreaterThan(0);
    expect(block + town + none).toBe(total);
    // Every result not at 街区 level is listed with its level and reason.
    const listed = await page.$$eval('[data-testid="places-result"]', (rows) => rows.map((r) => ({ id: r.getAttribute('data-person-id')!, level: r.getAttribute('data-level')!, text: r.textContent! })));
    expect(listed).toHaveLength(total - block);
    for (const r of listed) {
      expect(['town', 'none']).toContain(r.level);
      expect(r.text).toMatch(/未確定|町丁目/);
    }
    await page.click('[data-testid="places-geocode-commit"]');
    await page.waitForSelector('[data-testid="places-geocode-message"]');
    const outside = requests.slice(before).filter((u) => !u.startsWith(APP_URL) && !u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith('https://cyberjapandata.gsi.go.jp/'));
    expect(outside).toEqual([]);
    expect(requests.some((u) => u.includes('msearch.gsi.go.jp'))).toBe(false);

    // Stored: 街区 matches as geocode_block with a time; the unmatched have no location and are listed.
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    const mine = roster.ids.map((id) => stored.get(id)!);
    expect(mine.filter((p) => p.location?.source === 'geocode_block')).toHaveLength(block);
    expect(mine.filter((p) => p.location?.source === 'geocode_town')).toHaveLength(town);
    expect(mine.filter((p) => p.location?.source === 'geocode_block').every((p) => !Number.isNaN(Date.parse(p.location!.at)))).toBe(true);
    const unmatched = mine.filter((p) => p.location === null).map((p) => p.id);
    expect(unmatched).toHaveLength(none);
    expect(await waitForListIds(page, 'unplaced-list', unmatched)).toEqual([...unmatched].sort());
    const townIds = listed.filter((r) => r.level === 'town').map((r) => r.id);
    expect(await waitForListIds(page, 'check-list', townIds)).toEqual([...townIds].sort());

    // Drag the pin for one unmatched person and confirm.
    const target = unmatched[0];
    await waitForPlacesMapIdle(page);
    await page.click(`[data-testid="unplaced-list"] [data-person-id="${target}"]`);
    const pin = await page.waitForSelector('[data-testid="places-pin"]', { state: 'visible' });
    await waitForPlacesMapIdle(page);
    const start = await pinPosition(page);
    const box = (await pin.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 40, cy + 20, { steps: 4 });
    await page.mouse.move(cx + 120, cy + 60, { steps: 8 });
    await page.mouse.up();
    const dragged = await pinPosition(page);
    expect(dragged[0]).toBeGreaterThan(start[0]); // moved east (right)
    expect(dragged[1]).toBeLessThan(start[1]); // and south (down)
    // The pin is drawn where the saved place is.
    const projected = await page.evaluate(([lng, lat]) => {
      const map = (window as unknown as { __hinanPlacesMap: { project(p: [number, number]): { x: number; y: number }; getContainer(): HTMLElement } }).__hinanPlacesMap;
      const p = map.project([lng, lat]);
      const r = map.getContainer().getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, dragged);
    expect(Math.abs(projected.x - (cx + 120))).toBeLessThan(3);
    expect(Math.abs(projected.y - (cy + 60))).toBeLessThan(3);
    await screenshot(page, 'places-dragged-pin');
    await page.click('[data-testid="places-manual-confirm"]');
    await expect(page.textContent('[data-testid="places-manual-done"]')).resolves.toContain('保存しました');
    const stillUnplaced = unmatched.filter((id) => id !== target);
    expect(await waitForListIds(page, 'unplaced-list', stillUnplaced)).toEqual([...stillUnplaced].sort());

    // After a reload the place is still there, as a manual placement with a time.
    await page.reload();
    await page.waitForSelector('[data-testid="places-screen"]');
    await page.waitForSelector('[data-testid="unplaced-list"]');
    const after = (await storedPeople(page)).find((p) => p.id === target)!;
    expect(after.location?.source).toBe('manual');
    expect(after.location!.lng).toBeCloseTo(dragged[0], 9);
    expect(after.location!.lat).toBeCloseTo(dragged[1], 9);
    expect(Date.now() - Date.parse(after.location!.at)).toBeLessThan(120_000);
    expect(await waitForListIds(page, 'unplaced-list', stillUnplaced)).toEqual([...stillUnplaced].sort());

    // …and on the main map.
    await page.goto(`${APP_URL}#/map`);
    await waitForApp(page);
    expect(await listedPersonIds(page)).toContain(target);
    await page.click(`[data-testid="people-list"] [data-person-id="${target}"]`);
    await page.waitForFunction(
      (id) => {
        const map = (window as unknown as { __hinanMap: { queryRenderedFeatures(o: object): { properties: { id: string } }[]; loaded(): boolean } }).__hinanMap;
        return map.loaded() && map.queryRenderedFeatures({ layers: ['people'] }).some((f) => f.properties.id === id);
      },
      target,
      { timeout: 20_000 },
    );
    await waitForMapIdle(page);
    expect(await renderedPersonIds(page)).toContain(target);
  });

  it('recognises a JSON file by its content: a GeoJSON gets one message saying what is expected; Geolonia 住所データ is read as 町丁目 points', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/places`);
    await page.waitForSelector('[data-testid="places-screen"]');
    // A shelter GeoJSON dropped by mistake: one message, not one per line.
    await page.setInputFiles('[data-testid="places-reference-file"]', 'tests/fixtures/shelters/gsi_shelters_022012_aomori.geojson');
    const wrong = await page.waitForSelector('[data-testid="places-reference-preview"]', { timeout: 30_000 });
    const errors = await wrong.$$eval('.errors li', (els) => els.map((e) => e.textContent ?? ''));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('GeoJSON（地図の図形のファイル）ですが、住所の位置参照の形ではありません');
    expect(errors[0]).toContain('Geolonia 住所データのJSON');
    expect(await page.$('[data-testid="places-reference-commit"]')).toBeNull();
    // The real Geolonia file of 会津若松市, with the city typed in.
    await page.fill('[data-testid="places-reference-city"]', '福島県会津若松市');
    await page.setInputFiles('[data-testid="places-reference-file"]', 'data/reference/towns_072028_aizuwakamatsu.json');
    await expect.poll(() => page.textContent('[data-testid="places-reference-preview"]'), { timeout: 30_000 }).toContain('Geolonia 住所データ（JSON）');
    const preview = (await page.textContent('[data-testid="places-reference-preview"]'))!;
    expect(preview).toContain('大字・町丁目レベル');
    expect(preview).toContain('705');
    await page.click('[data-testid="places-reference-commit"]');
    await expect(page.textContent('[data-testid="places-reference-done"]', { timeout: 30_000 })).resolves.toContain('705');
  });

  it('asks 国土地理院 only when switched on: ≤ 1 request per second, cached, source geocode_online', async () => {
    // The test machine has no internet: the address search is answered by a stand-in.
    const header = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
    const path = join(dir, '名簿_オンライン.csv');
    writeFileSync(
      path,
      [header, 'N01,地理　一子,チリ　イチコ,昭和10年2月3日,女,福島県会津若松市栄町1-1,,要介護2,独歩,一人暮らし,,同意,,,', 'N02,地理　二郎,チリ　ジロウ,昭和11年4月5日,男,会津若松市どこにもない町9-9,,要介護1,独歩,一人暮らし,,同意,,,'].join('\r\n') + '\r\n',
      'utf8',
    );
    // Requests a service worker passes on are not routable: keep it out of this profile.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const page = await context.newPage();
    const asked: { q: string; at: number }[] = [];
    await page.route('https://msearch.gsi.go.jp/**', (route) => {
      const q = new URL(route.request().url()).searchParams.get('q') ?? '';
      asked.push({ q, at: Date.now() });
      const body = q.includes('栄町') ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [139.9323, 37.4948] }, properties: { title: '福島県会津若松市栄町' } }] : [];
      return route.fulfill({ status: 200, contentType: 'application/json', headers: { 'access-control-allow-origin': '*' }, body: JSON.stringify(body) });
    });
    await openApp(page);
    await page.goto(`${APP_URL}#/import`);
    await page.waitForSelector('[data-testid="import-file"]', { state: 'attached' });
    await page.setInputFiles('[data-testid="import-file"]', path);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]', { timeout: 20_000 });

    await page.goto(`${APP_URL}#/places`);
    await page.waitForSelector('[data-testid="places-reference-empty"]');
    // No 位置参照情報 and the switch off: nothing to run, nothing asked.
    expect(await page.isDisabled('[data-testid="places-geocode-run"]')).toBe(true);
    await page.check('[data-testid="places-online"]');
    await page.click('[data-testid="places-geocode-run"]');
    const summary = await page.waitForSelector('[data-testid="places-geocode-summary"]', { timeout: 30_000 });
    expect(await summary.getAttribute('data-online')).toBe('1');
    expect(await summary.getAttribute('data-none')).toBe('1');
    expect(asked.map((a) => a.q).sort()).toEqual(['会津若松市どこにもない町9-9', '福島県会津若松市栄町1-1']);
    expect(asked[1].at - asked[0].at).toBeGreaterThanOrEqual(1000);
    await page.click('[data-testid="places-geocode-commit"]');
    await page.waitForSelector('[data-testid="places-geocode-message"]');
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    expect(stored.get('N01')!.location).toMatchObject({ lng: 139.9323, lat: 37.4948, source: 'geocode_online' });
    expect(stored.get('N02')!.location).toBeNull();
    expect(await waitForListIds(page, 'unplaced-list', ['N02'])).toEqual(['N02']);

    // Asked again after a reload: answered from the IndexedDB cache, no new request.
    await page.reload();
    await page.waitForSelector('[data-testid="places-screen"]');
    await page.check('[data-testid="places-online"]');
    await page.click('[data-testid="places-geocode-run"]');
    await page.waitForSelector('[data-testid="places-geocode-summary"]', { timeout: 30_000 });
    expect(asked).toHaveLength(2);
  });
});
