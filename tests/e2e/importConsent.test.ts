import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_URL, openApp, useBrowser } from './browser';

const browser = useBrowser();

const dir = mkdtempSync(join(tmpdir(), 'hinan-e2e-consent-'));

// Fictional people. Everyone without 同意 has 秘匿 in their name and address: it must appear nowhere.
const SHOWN = [
  { id: 'C01', name: '公開　一子', address: '会津若松市公開町1', consent: '同意', at: [37.4951, 139.9295] },
  { id: 'C02', name: '公開　二郎', address: '会津若松市公開町2', consent: '同意済み', at: [37.5003, 139.9321] },
];
const HIDDEN = [
  { id: 'H01', name: '秘匿　一子', address: '会津若松市秘匿町1', consent: '不同意', at: [37.4912, 139.9402] },
  { id: 'H02', name: '秘匿　二郎', address: '会津若松市秘匿町2', consent: '未確認', at: [37.5057, 139.9265] },
  // Spellings that used to be read as 同意.
  { id: 'H03', name: '秘匿　三子', address: '会津若松市秘匿町3', consent: '同意なし', at: [37.4960, 139.9300] },
  { id: 'H04', name: '秘匿　四郎', address: '会津若松市秘匿町4', consent: '同意を撤回', at: [37.4970, 139.9310] },
];

/** Opens the import screen and chooses a file. */
async function chooseFile(page: Page, path: string) {
  await page.goto(`${APP_URL}#/import`);
  await page.waitForSelector('[data-testid="import-file"]', { state: 'attached' });
  await page.setInputFiles('[data-testid="import-file"]', path);
}

/** The ids in the preview map's 'people' source, once it has data. */
function previewMapIds(page: Page): Promise<string[] | null> {
  return page.evaluate(async () => {
    const map = (window as unknown as { __hinanPreviewMap?: { isStyleLoaded(): boolean; getSource(id: string): { getData(): Promise<{ features: { properties: { id: string } }[] }> } | undefined } }).__hinanPreviewMap;
    const source = map?.getSource('people');
    if (!source) return null;
    const data = await source.getData();
    return data.features.map((f) => f.properties.id).sort();
  });
}

describe('people without 同意 in the import preview and the column mapper', () => {
  it('shows them in the preview only by ID and consent state, with their count, and draws none of them', async () => {
    const header = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
    const line = (p: (typeof SHOWN)[number], sex = '女') => `${p.id},${p.name},ヒトク,S15.4.1,${sex},${p.address},0242-00-0000,,独歩,,,${p.consent},,${p.at[0]},${p.at[1]}`;
    // A sixth row without 同意 has an error (性別): the error list must not quote its cells either.
    const broken = { id: 'H05', name: '秘匿　五子', address: '-秘匿町5', consent: '同意拒否', at: [37.498, 139.931] };
    const path = join(dir, '名簿_同意.csv');
    writeFileSync(path, [header, ...HIDDEN.map((p) => line(p)), line(broken, '秘匿性'), ...SHOWN.map((p) => line(p))].join('\r\n'));

    const { page } = await browser.newPage();
    await openApp(page);
    await chooseFile(page, path);
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    await expect.poll(() => page.textContent('[data-testid="import-summary"]')).toContain('正常 6件、エラー 2件'); // H05: 性別 and 住所 (a formula)

    const html = await page.content();
    expect(html).not.toContain('秘匿');
    const preview = (await page.textContent('[data-testid="import-preview"]'))!;
    expect(await page.textContent('[data-testid="import-unconsented"]')).toContain('同意のない人（不同意・未確認）が4人');
    for (const p of SHOWN) expect(preview).toContain(p.name);
    // Each hidden person: ID, consent state and the mask, nothing else.
    const hiddenRows = await page.$$eval('tr[data-unconsented]', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(hiddenRows).toEqual([
      ['H01', '（同意なしのため非表示）', '不同意', '—'],
      ['H02', '（同意なしのため非表示）', '未確認', '—'],
      ['H03', '（同意なしのため非表示）', '不同意', '—'],
      ['H04', '（同意なしのため非表示）', '不同意', '—'],
    ]);
    const errors = (await page.textContent('[data-testid="import-errors"]'))!;
    expect(errors).toContain('性別');
    expect(errors).toContain('数式'); // what is wrong is still said, without the value
    expect(errors).toContain('「非表示」');

    // The preview map: the two consenting people only.
    await expect.poll(() => previewMapIds(page), { timeout: 20_000 }).toEqual(['C01', 'C02']);
  });

  it('takes the mapper\'s sample values only from rows whose 同意 reads as 同意, and makes the user choose negated 同意 values', async () => {
    const header = ['宛名番号', '氏名（漢字）', '現住所', '歩行状態', '同意状況', '緯度', '経度'];
    // The people without 同意 come first: a mapper taking the first rows as samples would show them.
    const rows = [...HIDDEN, ...SHOWN].map((p) => [p.id, p.name, p.address, '独歩', p.consent, String(p.at[0]), String(p.at[1])].join(','));
    const path = join(dir, '福祉システム_同意.csv');
    writeFileSync(path, [header.join(','), ...rows].join('\r\n'));

    const { page } = await browser.newPage();
    await openApp(page);
    await chooseFile(page, path);
    await page.waitForSelector('[data-testid="column-mapper"]', { timeout: 20_000 });
    const mapper = () => page.$eval('[data-testid="column-mapper"]', (e) => e.outerHTML);

    expect(await page.$eval('[data-testid="map-consent"]', (s) => (s as HTMLSelectElement).selectedOptions[0].textContent)).toContain('同意状況');
    const selectedText = (field: string) => page.$eval(`[data-testid="map-${field}"]`, (s) => (s as HTMLSelectElement).selectedOptions[0].textContent ?? '');
    expect(await selectedText('name')).toContain('公開　一子');
    expect(await selectedText('address')).toContain('会津若松市公開町1');
    expect(await mapper()).not.toContain('秘匿');

    // 同意なし / 同意を撤回 are not pre-set: the user must choose before reading.
    const consentValue = (v: string) => page.$eval(`[data-testid="values-consent"] select[data-value="${v}"]`, (s) => (s as HTMLSelectElement).value);
    expect(await consentValue('同意なし')).toBe('');
    expect(await consentValue('同意を撤回')).toBe('');
    expect(await page.textContent('[data-testid="consent-unchosen"]')).toContain('「同意なし」「同意を撤回」');
    expect(await page.isDisabled('[data-testid="mapping-confirm"]')).toBe(true);

    // With no 同意 column chosen, no sample values at all.
    await page.selectOption('[data-testid="map-consent"]', '');
    await page.waitForSelector('[data-testid="samples-hidden"]');
    const blind = await mapper();
    expect(blind).not.toContain('秘匿');
    expect(blind).not.toContain('公開');
    await page.selectOption('[data-testid="map-consent"]', String(header.indexOf('同意状況')));

    await page.selectOption('[data-testid="values-consent"] select[data-value="同意なし"]', 'refused');
    await page.selectOption('[data-testid="values-consent"] select[data-value="同意を撤回"]', 'refused');
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    await expect.poll(() => page.textContent('[data-testid="import-summary"]')).toContain('正常 6件、エラー 0件');
    expect(await page.content()).not.toContain('秘匿');
    expect(await page.textContent('[data-testid="import-unconsented"]')).toContain('4人');
    await expect.poll(() => previewMapIds(page), { timeout: 20_000 }).toEqual(['C01', 'C02']);
  });

  it('refuses a 名簿 with two 同意 columns until the user picks one in the mapper', async () => {
    const header = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,同意の有無,地区,緯度,経度';
    const path = join(dir, '名簿_同意2列.csv');
    writeFileSync(path, [header, 'H01,秘匿　一子,ヒトク,S15.4.1,女,会津若松市秘匿町1,,,独歩,,,同意,不同意,,37.4912,139.9402'].join('\r\n'));
    const { page } = await browser.newPage();
    await openApp(page);
    await chooseFile(page, path);
    await page.waitForSelector('[data-testid="column-mapper"]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid="mapping-conflict"]')).toContain('「同意」「同意の有無」');
    expect(await page.$eval('[data-testid="map-consent"]', (s) => (s as HTMLSelectElement).value)).toBe('');
    expect(await page.isDisabled('[data-testid="mapping-confirm"]')).toBe(true);
    await page.selectOption('[data-testid="map-consent"]', '12'); // 同意の有無
    await page.click('[data-testid="mapping-confirm"]');
    await page.waitForSelector('[data-testid="import-preview"]', { timeout: 20_000 });
    await expect.poll(() => page.textContent('[data-testid="import-summary"]')).toContain('正常 1件、エラー 0件');
    expect(await page.$$eval('tr[data-unconsented] td', (tds) => tds.map((td) => td.textContent))).toEqual(['H01', '（同意なしのため非表示）', '不同意', '—']);
  });
});
