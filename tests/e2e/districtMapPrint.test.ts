import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isShareable } from '../../src/core/consent';
import type { Person } from '../../src/core/person';
import type { Supporter } from '../../src/core/supporter';
import type { Disclosure } from '../../src/db/disclosures';
import { APP_URL, SCREENSHOT_DIR, demoPeople, openApp, pdfPages, pdfText, setOperator, storedRecords, useBrowser } from './browser';
import { openDistrictMap, printDistrictMap, promisedPages } from './districtMapPage';

const session = useBrowser();

/** The demo district with the most people on its map (the densest sheet). */
const DENSEST = (() => {
  const counts = new Map<string, number>();
  for (const p of demoPeople()) if (isShareable(p.consent) && p.location && p.districtId) counts.set(p.districtId, (counts.get(p.districtId) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
})();
const onMap = (district: string) => demoPeople().filter((p) => p.districtId === district && isShareable(p.consent) && p.location);

/** Page `n` of a PDF as grey pixels (pdftoppm, PGM), for looking at the printed map. */
function pageGrey(pdf: Uint8Array, n: number, dpi = 30): { width: number; height: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'hinan-map-pdf-'));
  writeFileSync(join(dir, 'x.pdf'), pdf);
  execFileSync('pdftoppm', ['-f', String(n), '-l', String(n), '-r', String(dpi), '-gray', '-singlefile', join(dir, 'x.pdf'), join(dir, 'p')]);
  const data = readFileSync(join(dir, 'p.pgm'));
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no PGM');
  return { width: Number(header[1]), height: Number(header[2]), pixels: new Uint8Array(data.subarray(header[0].length)) };
}

/** Standard deviation of the grey levels in a box of the page given as fractions of its width and height. */
function greyDeviation(img: { width: number; height: number; pixels: Uint8Array }, box: { left: number; top: number; right: number; bottom: number }): number {
  const values: number[] = [];
  for (let y = Math.floor(box.top * img.height); y < box.bottom * img.height; y++) for (let x = Math.floor(box.left * img.width); x < box.right * img.width; x++) values.push(img.pixels[y * img.width + x]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
}

/** The PDF's page size in whole points, as pdfinfo reads it. */
function pageSize(pdf: Uint8Array): [number, number] {
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString());
  if (!size) throw new Error('pdfinfo gave no page size');
  return [Math.round(Number(size[1])), Math.round(Number(size[2]))];
}

const squash = (s: string) => s.replace(/\s+/g, '');

describe('地区の避難地図: paper, tiles, legend, 名前なし (built app, real Chromium)', () => {
  it('prints at A3 landscape on A3 landscape paper with the north arrow, scale bar, legend and credits over a drawn map', async () => {
    const { page } = await session.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    await openDistrictMap(page, DENSEST);
    await page.selectOption('[data-testid="district-map-paper"]', 'A3');
    await page.selectOption('[data-testid="district-map-orientation"]', 'landscape');
    await expect.poll(() => page.getAttribute('[data-testid="district-map-page-plan"]', 'data-map-pages')).toBe('1');
    const promised = await promisedPages(page);
    await page.locator('[data-testid="district-map"] .screen-only').screenshot({ path: `${SCREENSHOT_DIR}/district-map-options.png` });
    const pdf = await printDistrictMap(page, 'district-map-a3-landscape');
    // A3 landscape: 420 × 297 mm = 1190.55 × 841.89 pt.
    expect(pageSize(pdf)).toEqual([1191, 842]);
    expect(pdfPages(pdf)).toBe(promised);
    expect(promised).toBeLessThanOrEqual(2);
    const text = squash(pdfText(pdf, { page: 1 }));
    for (const words of ['凡例', '縮尺約1:', '北', '独歩の方', '地区の境界', '国土地理院指定緊急避難場所・指定避難所データ', '国土数値情報（行政区域データ）を加工して作成']) expect(text).toContain(words);
    // Every person of the district is numbered on the map and listed.
    expect(await page.$$eval('[data-testid="district-map-mark"]', (ms) => ms.length)).toBe(onMap(DENSEST).length);
    for (const p of onMap(DENSEST)) expect(squash(pdfText(pdf))).toContain(squash(p.name));
    // The printed map is a drawn map, not a blank box: the middle of page 1 varies.
    const grey = pageGrey(pdf, 1);
    expect(greyDeviation(grey, { left: 0.2, top: 0.2, right: 0.8, bottom: 0.5 })).toBeGreaterThan(12);
    // The scale bar is the map's: its length on paper at the printed scale.
    const scale = Number(await page.getAttribute('[data-testid="district-map-page-plan"]', 'data-scale'));
    expect(scale).toBeGreaterThanOrEqual(1500);
    expect(scale).toBeLessThanOrEqual(10_000);
  }, 120_000);

  it('tiles a large district on A4: an overview with the page grid, then one page per tile with its neighbours at the edges, then the list with each home’s page', async () => {
    const { page } = await session.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    // A district four times as wide: its homes moved away from their centre (the store as a larger 地区 would hold it).
    const district = 'demo-d2';
    await page.evaluate(
      (id) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const tx = open.result.transaction('people', 'readwrite');
            const store = tx.objectStore('people');
            const all = store.getAll();
            all.onsuccess = () => {
              const people = (all.result as { districtId?: string; location?: { lng: number; lat: number } }[]).filter((p) => p.districtId === id && p.location);
              const lng = people.reduce((a, p) => a + p.location!.lng, 0) / people.length;
              const lat = people.reduce((a, p) => a + p.location!.lat, 0) / people.length;
              for (const p of people) store.put({ ...p, location: { ...p.location!, lng: lng + 4 * (p.location!.lng - lng), lat: lat + 4 * (p.location!.lat - lat) } });
            };
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      district,
    );
    await page.reload();
    await openDistrictMap(page, district);
    await expect.poll(async () => Number(await page.getAttribute('[data-testid="district-map-page-plan"]', 'data-map-pages')), { timeout: 20_000 }).toBeGreaterThan(2);
    const mapPages = Number(await page.getAttribute('[data-testid="district-map-page-plan"]', 'data-map-pages'));
    const promised = await promisedPages(page);
    expect(await page.textContent('[data-testid="district-map-page-plan"]')).toContain(`地図を${mapPages - 1}枚に分け`);
    const pdf = await printDistrictMap(page, 'district-map-a4-tiled');
    expect(pdfPages(pdf)).toBe(promised);
    expect(pageSize(pdf)).toEqual([595, 842]); // A4 portrait

    // Page 1: the overview, with one rectangle and number per tile.
    expect(squash(pdfText(pdf, { page: 1 }))).toContain('全体図');
    expect(await page.$$eval('[data-testid="district-map-grid"]', (gs) => gs.length)).toBe(mapPages - 1);
    // Pages 2…: each tile names itself, carries the scale bar and legend, and points to a neighbour.
    for (let n = 2; n <= mapPages; n++) {
      const text = squash(pdfText(pdf, { page: n }));
      expect(text).toContain(`地図${n}ページ`);
      expect(text).toContain('凡例');
      expect(text).toContain('縮尺約1:');
      expect(text).toMatch(/[↑→↓←]\d+ページ/);
    }
    // The tile with most homes is a drawn map (a tile of a few homes on the offline style is nearly plain, rightly).
    const busiest = await page.$$eval('[data-testid="district-map-page"][data-kind="tile"]', (ps) =>
      ps.map((p) => ({ page: Number(p.getAttribute('data-page')), marks: p.querySelectorAll('[data-testid="district-map-mark"]').length })).sort((a, b) => b.marks - a.marks)[0].page,
    );
    expect(greyDeviation(pageGrey(pdf, busiest), { left: 0.15, top: 0.15, right: 0.85, bottom: 0.7 })).toBeGreaterThan(12);
    // The list starts after the maps, every home once, with the page it is drawn on — and drawn there with its number.
    const listPage = squash(pdfText(pdf, { page: mapPages + 1 }));
    for (const head of ['番号', '氏名', '住所', '避難先', '地図']) expect(listPage).toContain(head);
    expect(squash(pdfText(pdf, { page: mapPages }))).not.toContain('住所');
    const rows = await page.$$eval('[data-testid="district-map-row"]', (rs) => rs.map((r) => ({ id: r.getAttribute('data-person-id')!, n: r.getAttribute('data-n')!, page: r.querySelector('[data-testid="district-map-row-page"]')?.textContent ?? '' })));
    expect(rows.map((r) => r.id).sort()).toEqual(onMap(district).map((p) => p.id).sort());
    for (const r of rows) {
      expect(Number(r.page)).toBeGreaterThanOrEqual(2);
      expect(await page.$(`[data-testid="district-map-page"][data-page="${r.page}"] [data-testid="district-map-mark"][data-n="${r.n}"]`), `${r.n} on page ${r.page}`).not.toBeNull();
    }
    const scale = Number(await page.getAttribute('[data-testid="district-map-page-plan"]', 'data-scale'));
    expect(scale).toBeLessThanOrEqual(10_000);
  }, 150_000);

  it('「名前なし」 prints numbers only — no name or address of anyone in the PDF — and records the people numbered', async () => {
    const { page } = await session.newPage();
    await openApp(page);
    await setOperator(page, '山田 花子');
    await openDistrictMap(page, DENSEST);
    await page.check('[data-testid="district-map-anonymous"]');
    const promised = await promisedPages(page);
    const pdf = await printDistrictMap(page, 'district-map-anonymous');
    expect(pdfPages(pdf)).toBe(promised);
    const text = squash(pdfText(pdf));
    const supporters = await storedRecords<Supporter>(page, 'supporters');
    const people = await storedRecords<Person>(page, 'people');
    for (const name of [...people.map((p) => p.name), ...supporters.map((s) => s.name)]) expect(text, name).not.toContain(squash(name));
    for (const p of people) expect(text).not.toContain(squash(p.address));
    expect(text).toContain('名前なし');
    // Only number, 優先度 and 避難先: no 移動・医療 either (beside a numbered house it would name the person).
    expect(text).toContain('番号優先度避難先');
    expect(text).not.toContain('移動・医療');
    for (const label of ['寝たきり', '車いす', '杖・歩行器', '人工呼吸器', '在宅酸素']) expect(text, label).not.toContain(label);
    // Numbers 1…n on the map, one per person.
    const expected = onMap(DENSEST);
    expect(await page.$$eval('[data-testid="district-map-mark"]', (ms) => ms.map((m) => Number(m.textContent)).sort((a, b) => a - b))).toEqual(expected.map((_, i) => i + 1));
    // Still a disclosure: who needs help, by location.
    // (Chromium's PDF also fires `beforeprint`, which records the karte as a Ctrl+P would: read the map's entry.)
    const entries = (await storedRecords<Disclosure>(page, 'disclosures')).filter((d) => d.kind === 'print-map').sort((a, b) => b.seq! - a.seq!);
    expect(entries[0]).toMatchObject({ kind: 'print-map', count: expected.length });
    expect(entries[0].what).toContain('名前なし');
    expect([...entries[0].personIds].sort()).toEqual(expected.map((p) => p.id).sort());
  }, 120_000);
});
