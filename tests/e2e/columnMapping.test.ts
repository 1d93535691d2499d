import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_URL, listedPersonIds, openApp, waitForApp, storedPeople, writeShiftJisCsv, useBrowser } from './browser';

const browser = useBrowser();

const dir = mkdtempSync(join(tmpdir(), 'hinan-e2e-mapping-'));

/** Writes a Shift_JIS (cp932) CSV, as a city's welfare system exports it. */
const shiftJisFile = (name: string, rows: string[][]) => writeShiftJisCsv(dir, name, rows.map((r) => r.join(',')));


async function chooseFile(page: Page, path: string) {
  await page.goto(`${APP_URL}#/import`);
  await page.waitForSelector('[data-testid="import-file"]', { state: 'attached' });
  await page.setInputFiles('[data-testid="import-file"]', path);
}

// A fictional welfare-system export: its own headers, half-width kana, 和暦, and its own words for 移動 and 同意.
const HEADER = ['宛名番号', '氏名（漢字）', 'ﾌﾘｶﾞﾅ', '生年月日（和暦）', '性別', '現住所', '電話', '要介護度', '歩行状態', '世帯区分', '名簿提供同意', '行政区', '緯度', '経度'];
const FIRST = [
  ['W01', '福祉　一子', 'ﾌｸｼ ｲﾁｺ', '昭和12年3月4日', '女性', '福島県会津若松市栄町1-1', '0242-00-1111', '要介護3', '全介助', '独居', 'はい', '中央・大町地区', '37.4951', '139.9295'],
  ['W02', '福祉　二郎', 'ﾌｸｼ ｼﾞﾛｳ', 'S15.11.20', '男性', '福島県会津若松市栄町1-2', '', '要支援2', '一部介助', '高齢者のみ', 'はい', '中央・大町地区', '37.5003', '139.9321'],
  ['W03', '福祉　三代', 'ﾌｸｼ ﾐﾖ', '大正14年1月8日', '女性', '福島県会津若松市栄町1-3', '', 'なし', '自立', '同居', 'いいえ', '中央・大町地区', '37.4912', '139.9402'],
  ['W04', '福祉　四郎', 'ﾌｸｼ ｼﾛｳ', 'H元.2.1', '男性', '福島県会津若松市栄町1-4', '', '要介護5', '寝たきり', '同居', 'はい', '中央・大町地区', '37.5057', '139.9265'],
];

describe('importing a welfare-system export through the column-mapping step', () => {
  it('asks for the mapping once, reads through it, and applies it by itself to the next file with the same headers', async () => {
    const first = shiftJisFile('福祉システム出力_4月.csv', [HEADER, ...FIRST]);
    const { page } = await browser.newPage();
    await openApp(page);
    await chooseFile(page, first);

    // The mapping step, pre-filled from the headers; 要介護度 is not taken for 移動.
    await page.waitForSelector('[data-testid="column-mapper"]', { timeout: 20_000 });
    const selectedText = (field: string) => page.$eval(`[data-testid="map-${field}"]`, (s) => (s as HTMLSelectElement).selectedOptions[0].textContent ?? '');
    expect(await selectedText('name')).toContain('氏名（漢字）');
    expect(await selectedText('nameKana')).toContain('ﾌﾘｶﾞﾅ');
    expect(await selectedText('birthDate')).toContain('生年月日（和暦）');
    expect(await selectedText('phone')).toContain('電話');
    expect(await selectedText('mobility')).toContain('歩行状態');
    expect(await selectedText('mobility')).toContain('全介助'); // sample values shown with each header
    expect(await selectedText('reason')).toContain('対応する列なし');

    // The user adjusts one select: 事由 ← 要介護度.
    await page.selectOption('[data-testid="map-reason"]', String(HEADER.indexOf('要介護度')));
    expect(await selectedText('reason')).toContain('要介護度');

    // Value words: 自立 is read as 独歩; 一部介助 / 全介助 and はい / いいえ are chosen by the user.
    const mobility = '[data-testid="values-mobility"]';
    expect(await page.$eval(`${mobility} select[data-value="自立"]`, (s) => (s as HTMLSelectElement).value)).toBe('independent');
    await page.selectOption(`${mobility} select[data-value="一部介助"]`, 'cane_walker');
    await page.selectOption(`${mobility} select[data-value="全介助"]`, 'wheelchair');
    await page.selectOption('[data-testid="values-consent"] select[data-value="はい"]', 'given');
    await page.selectOption('[data-testid="values-consent"] select[data-value="いいえ"]', 'refused');
    if (process.env.E2E_SCREENSHOTS) await (await page.$('[data-testid="column-mapper"]'))!.screenshot({ path: 'tests/e2e/__screenshots__/column-mapper.png' });
    const box = (await page.$('[data-testid="mapping-confirm"]'))!.boundingBox();
    expect((await box)!.height).toBeGreaterThanOrEqual(44);
    await page.click('[data-testid="mapping-confirm"]');

    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid="import-preview"]')).toContain('Shift_JIS');
    expect(await page.textContent('[data-testid="mapping-note"]')).toContain('確認した列の対応付け');
    expect(await page.textContent('[data-testid="import-summary"]')).toContain('正常 4件、エラー 0件');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]');

    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    expect(stored.get('W01')).toMatchObject({ name: '福祉　一子', birthDate: '1937-03-04', mobility: 'wheelchair', reason: '要介護3', household: 'alone', sex: 'female' });
    expect(stored.get('W02')).toMatchObject({ mobility: 'cane_walker', birthDate: '1940-11-20', household: 'elderly_only' });
    expect(stored.get('W03')).toMatchObject({ mobility: 'independent', consent: expect.objectContaining({ status: 'refused' }) });
    expect(stored.get('W04')).toMatchObject({ mobility: 'bedridden', birthDate: '1989-02-01' });

    await page.goto(APP_URL);
    await waitForApp(page);
    let listed = await listedPersonIds(page);
    for (const id of ['W01', 'W02', 'W04']) expect(listed).toContain(id);
    expect(listed).not.toContain('W03'); // no consent: imported, not shown

    // Next month's export: same headers (in another order), the same people and a new one — no mapping step.
    const order = [...HEADER].reverse();
    const next = [...FIRST, ['W05', '福祉　五月', 'ﾌｸｼ ｻﾂｷ', '昭和20年5月5日', '女性', '福島県会津若松市栄町1-5', '', '要介護2', '一部介助', '独居', 'はい', '中央・大町地区', '37.4960', '139.9300']];
    const second = shiftJisFile('福祉システム出力_5月.csv', [order, ...next.map((r) => order.map((h) => r[HEADER.indexOf(h)]))]);
    await chooseFile(page, second);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    expect(await page.$('[data-testid="column-mapper"]')).toBeNull();
    expect(await page.textContent('[data-testid="mapping-note"]')).toContain('前回の対応付けを使っています');
    expect(await page.textContent('[data-testid="import-summary"]')).toContain('正常 5件、エラー 0件');
    // The store holds this 名簿 already: the file updates it (issue 11), after its preview.
    await page.click('[data-testid="import-commit"]');
    await page.click('[data-testid="roster-update-apply"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="import-done"]');
    expect((await storedPeople(page)).find((p) => p.id === 'W05')).toMatchObject({ mobility: 'cane_walker', reason: '要介護2' });

    // The remembered mapping can still be changed.
    await chooseFile(page, second);
    await page.waitForSelector('[data-testid="mapping-change"]');
    await page.click('[data-testid="mapping-change"]');
    await page.waitForSelector('[data-testid="column-mapper"]');
    expect(await selectedText('reason')).toContain('要介護度');

    // The import screen lists the remembered mapping; deleting it makes the next such file ask again.
    await page.goto(`${APP_URL}#/import`);
    await page.click('[data-testid="saved-mappings"] summary');
    const saved = await page.$$eval('[data-testid="saved-mapping"]', (els) => els.map((e) => ({ kind: e.getAttribute('data-kind'), text: e.textContent ?? '' })));
    expect(saved).toHaveLength(1);
    expect(saved[0].kind).toBe('名簿');
    expect(saved[0].text).toContain('宛名番号');
    await page.click('[data-testid="saved-mapping-delete"]');
    await page.waitForSelector('[data-testid="saved-mappings"]', { state: 'detached' });
    await chooseFile(page, second);
    await page.waitForSelector('[data-testid="column-mapper"]', { timeout: 20_000 });

    await page.goto(APP_URL);
    await waitForApp(page);
    listed = await listedPersonIds(page);
    expect(listed).toContain('W05');
  });

  it('reads a shelter list that is neither GSI nor 標準オープンデータ after the mapping is confirmed', async () => {
    const path = join(dir, '架空市_避難所一覧.csv');
    writeFileSync(path, readFileSync('tests/fixtures/mapping/shelter_list_other.csv'));
    const { page } = await browser.newPage();
    await openApp(page);
    await page.goto(`${APP_URL}#/import`);
    await page.check('input[name="kind"][value="shelters"]');
    await page.setInputFiles('[data-testid="import-file"]', path);
    await page.waitForSelector('[data-testid="column-mapper"]', { timeout: 20_000 });
    const selectedText = (field: string) => page.$eval(`[data-testid="map-${field}"]`, (s) => (s as HTMLSelectElement).selectedOptions[0].textContent ?? '');
    expect(await selectedText('lat')).toContain('北緯');
    expect(await selectedText('hazard.flood')).toContain('洪水対応');
    // 種別 from the column's words (一次避難所 → 指定避難所 …), all read without asking.
    expect(await selectedText('kind')).toContain('避難所区分');
    expect(await page.$('[data-testid="values-kind"]')).toBeNull();
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    // Shelters: records and the places they became (no site/shelter pairs to join in this list).
    expect((await page.textContent('[data-testid="import-summary"]'))!.replace(/\s+/g, '')).toContain('エラー0件。3件の記録→3か所');
    const preview = (await page.textContent('[data-testid="import-preview"]'))!;
    expect(preview).toContain('列の対応付けで読み込み');
    expect(preview).toContain('福祉避難所');
    await page.click('[data-testid="import-commit"]');
    await page.waitForSelector('[data-testid="import-done"]');
  });
});
