/**
 * City scale in the browser: a 150,000-person 名簿 and 100,000 hazard polygons around 会津若松,
 * imported through the import screen, then the map screen: the count, the zones drawn, the engine
 * (two hazards), scrolling, search and selecting a person. All data is generated at test time
 * (seeded, fictional names) into a temp dir. A lag probe in the page records the longest gap
 * between timer ticks: the page must never look frozen. This checks behaviour, with generous
 * guards; the speed targets are measured by `npm run bench:browser` (tests/bench/browserCity.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import { HAZARD_SHORT_LABELS } from '../../src/core/hazard';
import { rosterCsv } from '../bench/syntheticRoster';
import { CENTRES, hazardGeoJson } from '../bench/cityScaleFiles';
import { demoPeople, installLagProbe, lagMark, worstLag, openApp, waitForMapIdle, useBrowser } from './browser';

const PEOPLE = 150_000;
const ZONES = 100_000;
/**
 * Longest main-thread gaps allowed. These guard against a page frozen for good, not against a
 * slow machine: the speed itself is measured and logged below and goes in the README's table.
 * Measured on a 2-core machine: import ≤ ~1 s; map screen 2.2–4.4 s (MapLibre decoding the tiles
 * of 100,000 polygons, garbage collection of a ~800 MB heap, MapLibre's and the engine's workers
 * on the same 2 cores), 5.4 s once on a loaded machine. A user who waits 10 s with nothing
 * answering believes the app is broken: that is the limit.
 */
const IMPORT_FROZEN_MS = 10_000;
const MAP_FROZEN_MS = 10_000;
/**
 * How long a step may take before the test gives up: ten times the time measured on a quiet
 * 2-core machine (README, "In the browser at city scale"), so a loaded CI machine waits instead
 * of failing. A wait ends as soon as its condition holds; these are not speed limits.
 */
const SLOW_MACHINE_FACTOR = 10;
const waitLimit = (quietMs: number) => quietMs * SLOW_MACHINE_FACTOR;

const dir = mkdtempSync(join(tmpdir(), 'hinan-city-'));

const csv = rosterCsv(20261123, PEOPLE, { centres: CENTRES, radiusM: 1800, city: '福島県会津若松市' });
const csvPath = join(dir, '名簿_市全域.csv');
writeFileSync(csvPath, csv);
const hazardPath = join(dir, '浸水想定区域_市全域.geojson');
writeFileSync(hazardPath, hazardGeoJson(7, ZONES));

/** Consented rows of the file, read independently of the app: the 同意 column starts with 同意. */
const rows = csv.trim().split('\r\n').slice(1).map((l) => l.split(','));
const consented = rows.filter((c) => c[11].startsWith('同意'));
const demo = demoPeople();
const demoShown = demo.filter((p) => isShareable(p.consent)).length;
const expectedShown = consented.length + demoShown;
const expectedHidden = PEOPLE - consented.length + (demo.length - demoShown);

const browser = useBrowser();

const timings: Record<string, number> = {};
async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  timings[label] = Math.round(performance.now() - t0);
  console.log(`${label}: ${timings[label]} ms`);
  return r;
}

/**
 * Waits until the map's source 'hazards' has a zone with a corner in view, and a layer of that
 * source is shown: the imported zones are drawn. Works whether the source is GeoJSON or vector tiles
 * (its `source-layer` read from the layers that draw it).
 */
async function hazardZoneInView(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      type Layer = { source?: string; sourceLayer?: string; visibility?: string } | undefined;
      const map = (window as unknown as {
        __hinanMap?: {
          getLayersOrder(): string[];
          getLayer(id: string): Layer;
          getLayoutProperty(id: string, p: string): unknown;
          getBounds(): { contains(p: [number, number]): boolean };
          querySourceFeatures(id: string, o?: { sourceLayer?: string }): { geometry: { type: string; coordinates: unknown } }[];
        };
      }).__hinanMap;
      if (!map) return false;
      const layers = map.getLayersOrder().filter((id) => map.getLayer(id)?.source === 'hazards');
      if (!layers.some((id) => map.getLayoutProperty(id, 'visibility') !== 'none')) return false;
      const sourceLayer = layers.map((id) => map.getLayer(id)?.sourceLayer).find((l) => !!l);
      const bounds = map.getBounds();
      for (const f of map.querySourceFeatures('hazards', sourceLayer ? { sourceLayer } : undefined)) {
        // A Polygon's outer ring, or a MultiPolygon's first polygon's.
        const rings = (f.geometry.type === 'MultiPolygon' ? (f.geometry.coordinates as number[][][][])[0] : (f.geometry.coordinates as number[][][])) ?? [];
        if ((rings[0] ?? []).some((p) => bounds.contains(p as [number, number]))) return true;
      }
      return false;
    },
    undefined,
    { timeout: waitLimit(25_000), polling: 1000 },
  );
}

/** Chooses a file on the import screen, sees the progress bar, checks the preview and saves it, seeing progress again. */
async function importWithProgress(page: Page, kind: 'people' | 'hazards', path: string, summary: string): Promise<void> {
  await page.check(`input[name="kind"][value="${kind}"]`);
  await page.setInputFiles('[data-testid="import-file"]', path);
  await page.waitForSelector('[data-testid="progress"]', { state: 'visible', timeout: waitLimit(5_000) });
  await page.waitForSelector('[data-testid="import-preview"]', { timeout: waitLimit(25_000) });
  expect((await page.textContent('[data-testid="import-summary"]'))!.replace(/\s+/g, '')).toContain(summary);
  await page.click('[data-testid="import-commit"]');
  await page.waitForSelector('[data-testid="progress"]', { state: 'visible', timeout: waitLimit(5_000) });
  await page.waitForSelector('[data-testid="import-done"]', { timeout: waitLimit(25_000) });
}

describe('city scale: 150,000 people and 100,000 hazard polygons', () => {
  it('imports both with a progress bar, then the map screen stays usable, without freezing the page', { timeout: waitLimit(120_000) }, async () => {
    const { page } = await browser.newPage();
    await installLagProbe(page);
    await openApp(page);

    // Import, through the import screen.
    await page.click('nav a[href="#/import"]');
    const startImport = await lagMark(page);
    await timed('import people (read + save)', () => importWithProgress(page, 'people', csvPath, `正常${PEOPLE.toLocaleString('ja-JP')}件、エラー0件`));
    await timed('import hazards (read + save)', () => importWithProgress(page, 'hazards', hazardPath, `正常${ZONES.toLocaleString('ja-JP')}件、エラー0件`));
    const importLag = await worstLag(page, startImport);

    // The map screen: the count of people shown (consented only), the map drawn.
    const startMap = await lagMark(page);
    await timed('map screen: list count shown', async () => {
      await page.click('nav a[href="#/map"]');
      await page.waitForFunction((n) => document.querySelector('[data-testid="people-count"]')?.textContent === `${n.toLocaleString('ja-JP')}人`, expectedShown, { timeout: waitLimit(6_000) });
    });
    await timed('map screen: first idle', () => waitForMapIdle(page, waitLimit(25_000)));
    // The hidden note counts the people without consent (the file's and the demo's).
    await expect.poll(() => page.textContent('[data-testid="hidden-count"]'), { timeout: waitLimit(2_000) }).toContain(`${expectedHidden.toLocaleString('ja-JP')}人`);
    // The imported zones are drawn (the demo has none): the map's source 'hazards' has a zone in view.
    await timed('map screen: hazard zones drawn', () => hazardZoneInView(page));

    // The engine has every shown person, and homes inside the imported 浸水想定区域. Choosing another
    // hazard recomputes for every shown person again: its numbers replace the first ones (the
    // progress bar of a quick run may come and go between two looks, so the test waits for the numbers).
    const engineNumbers = async (hazard: keyof typeof HAZARD_SHORT_LABELS) => {
      await page.waitForFunction(
        (label) =>
          !document.querySelector('[data-testid="analysis"] [data-testid="progress"]') &&
          (document.querySelector('[data-testid="analysis-numbers"]')?.textContent ?? '').replace(/\s+/g, '').includes(`自宅と${label}の想定区域`),
        HAZARD_SHORT_LABELS[hazard],
        { timeout: waitLimit(40_000), polling: 250 },
      );
      const text = (await page.textContent('[data-testid="analysis-numbers"]'))!.replace(/\s+/g, '');
      // 自宅と<scenario hazard>の想定区域: 区域内 N人… when zones of that hazard are loaded, else データなし.
      const ranks = /A(\d+)人・B(\d+)人・C(\d+)人/.exec(text), atHome = /の想定区域(?:区域内(\d+)人|データなし)/.exec(text);
      if (!ranks || !atHome) throw new Error(`避難の見通し: ${text}`);
      return { ranked: Number(ranks[1]) + Number(ranks[2]) + Number(ranks[3]), atHome: atHome[1] === undefined ? null : Number(atHome[1]), text };
    };
    const flood = await timed('engine analysis (洪水, after import)', async () => {
      // A run that started before the imported zones were read answers 「データなし」 first; the run
      // the zones start follows it. Wait for that one (a loaded machine showed the first).
      let result = await engineNumbers('flood');
      const deadline = Date.now() + waitLimit(40_000);
      while (result.atHome === null && Date.now() < deadline) {
        await page.waitForTimeout(500);
        result = await engineNumbers('flood');
      }
      return result;
    });
    expect(flood.ranked).toBe(expectedShown);
    expect(flood.atHome).toBeGreaterThan(1000);
    const landslide = await timed('engine analysis (土砂災害)', async () => {
      await page.selectOption('[data-testid="scenario-hazard"]', 'landslide');
      return engineNumbers('landslide');
    });
    expect(landslide.ranked).toBe(expectedShown);
    expect(landslide.text).toContain(`${HAZARD_SHORT_LABELS.landslide}に対応する避難先なし`);
    expect(landslide.atHome).toBeNull(); // only 洪水 zones are loaded: 土砂災害 is データなし, not 区域外

    // The list scrolls: rows deep in the list are real rows of people.
    const list = page.locator('[data-testid="people-list"]');
    expect(Number(await list.getAttribute('data-total'))).toBe(expectedShown);
    await timed('list: scroll to the middle', async () => {
      await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="people-list"]')!;
        const box = el.getBoundingClientRect();
        const row = document.elementFromPoint(box.left + 40, box.top + box.height / 2)?.closest('[data-person-id]');
        return !!row;
      }, undefined, { timeout: waitLimit(2_000) });
    });
    const middleId = await page.evaluate(() => {
      const el = document.querySelector('[data-testid="people-list"]')!;
      const box = el.getBoundingClientRect();
      return document.elementFromPoint(box.left + 40, box.top + box.height / 2)!.closest('[data-person-id]')!.getAttribute('data-person-id')!;
    });
    expect(middleId).toMatch(/^(P\d{6}|demo-)/);

    // Search by name: only people with that name, as many as the file has with consent.
    const [id, name] = [consented[4321][0], consented[4321][1]];
    const sameName = consented.filter((c) => c[1] === name).length;
    await timed('list: search by name', async () => {
      await page.fill('[data-testid="people-search"]', name);
      await page.waitForFunction((n) => document.querySelector('[data-testid="people-list"]')?.getAttribute('data-total') === String(n), sameName, { timeout: waitLimit(5_000) });
    });
    const names = await page.$$eval('[data-testid="people-list"] [data-person-id] .person-name', (els) => els.map((e) => e.textContent));
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set([name]));

    // Clicking a person selects them on the map and shows their details.
    await timed('list: find and select a person', async () => {
      await page.fill('[data-testid="people-search"]', '');
      await page.fill('[data-testid="people-search"]', name);
      await page.waitForFunction((n) => document.querySelector('[data-testid="people-list"]')?.getAttribute('data-total') === String(n), sameName, { timeout: waitLimit(5_000) });
      const row = page.locator(`[data-testid="people-list"] [data-person-id="${id}"]`);
      // Scroll the (virtual) list a screen at a time, letting it draw, until the person's row is there.
      for (let i = 0; i < 200 && (await row.count()) === 0; i++) {
        await list.evaluate((el) => new Promise((resolve) => ((el.scrollTop += el.clientHeight), requestAnimationFrame(() => requestAnimationFrame(resolve)))));
      }
      await row.click({ timeout: waitLimit(3_000) });
      await page.waitForFunction((n) => document.querySelector('[data-testid="detail-name"]')?.textContent === n, name, { timeout: waitLimit(5_000) });
    });
    const selected = consented[4321];
    const [lat, lng] = [Number(selected[13]), Number(selected[14])];
    await waitForMapIdle(page, waitLimit(10_000));
    const selectionRing = () =>
      page.evaluate(() => {
        const map = (window as unknown as { __hinanMap: { querySourceFeatures(id: string): { geometry: { coordinates: number[] } }[]; getBounds(): { contains(p: [number, number]): boolean } } }).__hinanMap;
        const f = map.querySourceFeatures('selection')[0];
        return f ? { at: f.geometry.coordinates, inView: map.getBounds().contains(f.geometry.coordinates as [number, number]) } : null;
      });
    // The ring is there and in view (the map may still be moving to the person when it first stands idle).
    await expect.poll(async () => (await selectionRing())?.inView ?? false, { timeout: waitLimit(3_000) }).toBe(true);
    const ring = await selectionRing();
    expect(ring!.at[0]).toBeCloseTo(lng, 4);
    expect(ring!.at[1]).toBeCloseTo(lat, 4);
    expect(ring!.inView).toBe(true);
    const mapLag = await worstLag(page, startMap);

    console.log(`city scale (${PEOPLE} people, ${ZONES} zones): ${JSON.stringify(timings)}; main-thread gaps over 250 ms: import ${JSON.stringify(importLag)}, map ${JSON.stringify(mapLag)}`);
    expect(importLag.worst, `the page froze during import (${importLag.where})`).toBeLessThan(IMPORT_FROZEN_MS);
    expect(mapLag.worst, `the page froze on the map screen (${mapLag.where})`).toBeLessThan(MAP_FROZEN_MS);
  });
});
