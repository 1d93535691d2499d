import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { HazardType } from '../../src/core/hazard';
import type { HazardReading } from '../../src/core/hazardReading';
import { DEPTH_LEGEND, HAZARD_TILE_LAYERS, type HazardTileLayer, type HazardTileLayerId, type LegendEntry } from '../../src/core/hazardTileLayers';
import type { Person } from '../../src/core/person';
import type { Shelter } from '../../src/core/shelter';
import { hazardTilePng, legendRgba, type Rgba } from '../fixtures/hazardTilePng';
import { APP_URL, SCREENSHOT_DIR, openPlanEditor, pdfText, screenshot, setOperator, storedRecords, useBrowser, waitForApp } from './browser';

/*
 * Done-when 2 of issue 16 (and the "stored results used" part of 3): the ハザードマップポータル's tile
 * host is served by this test (context.route) with PNGs drawn in the legend colours by a colour
 * function of the world pixel, one layer's tile answered 404 and one layer 404 everywhere. The demo
 * district 一箕町松長 (demo-d1) is read through the 地区カルテ, and the test works out on its own —
 * its own Web Mercator arithmetic on the stored people and shelters, its own 2 km rule, the colour
 * function — which tiles must be requested and what every person and shelter must read as, then
 * compares that with the requests made, the stored readings and the numbers shown. Then the network
 * is cut and the page reloaded: the results are still shown and used.
 */

const session = useBrowser();

const DISTRICT = 'demo-d1';
const HOST = 'https://disaportaldata.gsi.go.jp';
const ZOOM = 17;

// ---------- Independent Web Mercator (EPSG:3857, 256 px tiles) ----------
// World pixel at zoom z: X = (lng + 180) / 360 · 256 · 2^z; Y = (1 − asinh(tan φ) / π) / 2 · 256 · 2^z
// (asinh(tan φ) = ln(tan φ + sec φ)). Tile = ⌊X / 256⌋, ⌊Y / 256⌋; pixel = ⌊X⌋ mod 256, ⌊Y⌋ mod 256.
function world(lng: number, lat: number): { X: number; Y: number } {
  const size = 256 * 2 ** ZOOM;
  return { X: ((lng + 180) / 360) * size, Y: ((1 - Math.asinh(Math.tan((lat * Math.PI) / 180)) / Math.PI) / 2) * size };
}
function tileAt(lng: number, lat: number): { x: number; y: number; wx: number; wy: number } {
  const { X, Y } = world(lng, lat);
  const wx = Math.floor(X);
  const wy = Math.floor(Y);
  return { x: Math.floor(wx / 256), y: Math.floor(wy / 256), wx, wy };
}

// ---------- Independent 2 km rule: great-circle distance to the nearest point of the people's box ----------
const R = 6371008.8;
function haversine(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---------- The fixture: what each layer's tiles show at a world pixel ----------
type Drawn = { kind: 'legend'; entry: LegendEntry } | { kind: 'clear' } | { kind: 'foreign' };
const BLUE: Rgba = [0, 0, 255, 255];
/** 8 × 8 px blocks (≈ 7.6 m at this latitude) coloured by a hash of the block and the layer. */
function block(wx: number, wy: number, salt: number, modulo: number): number {
  return (Math.floor(wx / 8) * 31 + Math.floor(wy / 8) * 17 + salt * 7919) % modulo;
}
function drawn(layer: HazardTileLayerId, wx: number, wy: number): Drawn {
  const zone = HAZARD_TILE_LAYERS.find((l) => l.id === layer)!.legend;
  switch (layer) {
    case 'flood': {
      const k = block(wx, wy, 1, DEPTH_LEGEND.length + 1);
      return k === 0 ? { kind: 'clear' } : { kind: 'legend', entry: DEPTH_LEGEND[k - 1] };
    }
    case 'tsunami':
      return block(wx, wy, 2, 5) === 0 ? { kind: 'foreign' } : { kind: 'clear' };
    case 'debris_flow': {
      const k = block(wx, wy, 3, 4);
      return k < 2 ? { kind: 'legend', entry: zone[k] } : { kind: 'clear' };
    }
    case 'steep_slope':
      return block(wx, wy, 4, 7) === 2 ? { kind: 'legend', entry: zone[0] } : { kind: 'clear' };
    default:
      return { kind: 'clear' };
  }
}
function rgbaOf(d: Drawn): Rgba {
  return d.kind === 'legend' ? legendRgba(d.entry.rgb) : d.kind === 'foreign' ? BLUE : [0, 0, 0, 0];
}

/** What a subject must read as on one layer (the state, and the legend key when inside). */
type Expected = { state: 'inside'; key: string; label: string; minDepthM: number | null } | { state: 'outside' | 'no_tile' | 'unreadable' };

interface Setup {
  people: Person[];
  shelters: Shelter[];
  /** `${layerPath}/${x}/${y}` of every tile that must be requested. */
  planned: Set<string>;
  /** The flood tile answered 404. */
  missingFlood: string;
  rectangle: { x0: number; x1: number; y0: number; y1: number };
}

function urlKey(path: string, x: number, y: number): string {
  return `${path}/${x}/${y}`;
}

/** The tile host as this test serves it; every request is recorded. */
async function serveTiles(context: BrowserContext, missingFlood: () => string | null, requests: string[]): Promise<void> {
  const pngs = new Map<string, Buffer>();
  await context.route(`${HOST}/**`, (route) => {
    const url = route.request().url();
    requests.push(url);
    const m = /\/raster\/([^/]+)\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(new URL(url).pathname);
    const layer = m ? HAZARD_TILE_LAYERS.find((l) => l.path === m[1]) : undefined;
    const headers = { 'access-control-allow-origin': '*' };
    if (!m || !layer || layer.id === 'storm_surge' || (layer.id === 'flood' && Number(m[2]) === ZOOM && urlKey(m[1], Number(m[3]), Number(m[4])) === missingFlood())) {
      return route.fulfill({ status: 404, headers, body: 'Not Found' });
    }
    const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
    let png = pngs.get(url);
    if (!png) {
      // Other zooms (the overlays) get the same picture scaled to that zoom's pixels.
      const scale = 2 ** (ZOOM - z);
      png = hazardTilePng((px, py) => rgbaOf(drawn(layer.id, Math.floor((x * 256 + px) * scale), Math.floor((y * 256 + py) * scale))));
      pngs.set(url, png);
    }
    return route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'image/png' }, body: png });
  });
}

/** From the stored people and shelters: the tiles to request and the flood tile left missing. */
function plan(storedPeople: Person[], storedShelters: Shelter[]): Setup {
  const people = storedPeople.filter((p) => p.districtId === DISTRICT && isShareable(p.consent) && p.location).sort((a, b) => a.id.localeCompare(b.id));
  const lngs = people.map((p) => p.location!.lng);
  const lats = people.map((p) => p.location!.lat);
  const [west, south, east, north] = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
  const nw = tileAt(west, north);
  const se = tileAt(east, south);
  const rectangle = { x0: nw.x, x1: se.x, y0: nw.y, y1: se.y };
  const distanceToBox = (s: Shelter) => haversine(s.location, [Math.max(west, Math.min(east, s.location[0])), Math.max(south, Math.min(north, s.location[1]))]);
  for (const s of storedShelters) {
    // No shelter so near the 2 km line that rounding could decide it.
    expect(Math.abs(distanceToBox(s) - 2000), s.name).toBeGreaterThan(0.5);
  }
  const shelters = storedShelters.filter((s) => distanceToBox(s) <= 2000);
  const tiles = new Set<string>();
  for (let x = rectangle.x0; x <= rectangle.x1; x++) for (let y = rectangle.y0; y <= rectangle.y1; y++) tiles.add(`${x}/${y}`);
  for (const s of shelters) {
    const t = tileAt(s.location[0], s.location[1]);
    tiles.add(`${t.x}/${t.y}`);
  }
  const planned = new Set(HAZARD_TILE_LAYERS.flatMap((l) => [...tiles].map((t) => `${l.path}/${t}`)));
  const first = tileAt(people[0].location!.lng, people[0].location!.lat);
  return { people, shelters, planned, missingFlood: urlKey(HAZARD_TILE_LAYERS[0].path, first.x, first.y), rectangle };
}

/** What a point must read as on a layer, from the fixture alone. */
function expectedAt(setup: Setup, layer: HazardTileLayer, lng: number, lat: number): Expected {
  const t = tileAt(lng, lat);
  if (layer.id === 'storm_surge' || (layer.id === 'flood' && urlKey(layer.path, t.x, t.y) === setup.missingFlood)) return { state: 'no_tile' };
  const d = drawn(layer.id, t.wx, t.wy);
  if (d.kind === 'clear') return { state: 'outside' };
  if (d.kind === 'foreign') return { state: 'unreadable' };
  return { state: 'inside', key: d.entry.key, label: d.entry.label, minDepthM: d.entry.minDepthM };
}

/** A hazard's answer over its layers: any inside → inside; else any unreadable; else any missing → no data; else outside. */
function combined(outcomes: Expected[]): 'inside' | 'outside' | 'no_data' | 'unreadable' {
  if (outcomes.some((o) => o.state === 'inside')) return 'inside';
  if (outcomes.some((o) => o.state === 'unreadable')) return 'unreadable';
  if (outcomes.some((o) => o.state === 'no_tile')) return 'no_data';
  return 'outside';
}

const HAZARDS: HazardType[] = ['flood', 'landslide', 'storm_surge', 'tsunami'];
const layersOf = (h: HazardType) => HAZARD_TILE_LAYERS.filter((l) => l.hazard === h);

function expectedCounts(setup: Setup): Record<string, { inside: number; outside: number; no_data: number; unreadable: number }> {
  return Object.fromEntries(
    HAZARDS.map((h) => {
      const c = { inside: 0, outside: 0, no_data: 0, unreadable: 0 };
      for (const p of setup.people) c[combined(layersOf(h).map((l) => expectedAt(setup, l, p.location!.lng, p.location!.lat)))]++;
      return [h, c];
    }),
  );
}

async function openKarte(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/karte`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="karte-district"]', { timeout: 30_000 });
  await page.selectOption('[data-testid="karte-district"]', DISTRICT);
  await page.waitForSelector('[data-testid="hazard-read"]', { timeout: 60_000 });
}

/** The numbers the panel shows, per hazard. */
function shownCounts(page: Page): Promise<Record<string, { inside: number; outside: number; no_data: number; unreadable: number; notRead: number }>> {
  return page.$$eval('[data-testid="hazard-read-row"]', (rows) =>
    Object.fromEntries(
      rows.map((r) => [
        r.getAttribute('data-hazard')!,
        { inside: Number(r.getAttribute('data-inside')), outside: Number(r.getAttribute('data-outside')), no_data: Number(r.getAttribute('data-nodata')), unreadable: Number(r.getAttribute('data-unreadable')), notRead: Number(r.getAttribute('data-notread')) },
      ]),
    ),
  );
}

async function selectPerson(page: Page, person: Person): Promise<void> {
  await page.fill('[data-testid="people-search"]', person.name);
  await page.click(`[data-testid="people-list"] [data-person-id="${person.id}"]`);
  await page.waitForSelector('[data-testid="person-analysis"]', { timeout: 30_000 });
}

describe('ハザードマップから自宅の危険を読み取る (tiles served locally, real Chromium)', () => {
  it('reads exactly the covering tiles, classifies the demo people and shelters as the fixtures say, and keeps the results offline', async () => {
    const context = await session.newContext();
    const requests: string[] = [];
    let setup: Setup | null = null;
    await serveTiles(context, () => setup?.missingFlood ?? null, requests);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await openKarte(page);
    setup = plan(await storedRecords<Person>(page, 'people'), await storedRecords<Shelter>(page, 'shelters'));
    const s = setup;
    const rectangleCount = (s.rectangle.x1 - s.rectangle.x0 + 1) * (s.rectangle.y1 - s.rectangle.y0 + 1);
    const personTiles = new Set(s.people.map((p) => { const t = tileAt(p.location!.lng, p.location!.lat); return `${t.x}/${t.y}`; }));
    // The rectangle holds tiles where nobody lives: a read by area, not a tile per home.
    expect(rectangleCount).toBeGreaterThan(personTiles.size);
    expect(s.shelters.length).toBeGreaterThan(0);
    await expect.poll(() => page.getAttribute('[data-testid="hazard-read"]', 'data-choice')).toBe('unasked');
    await page.waitForSelector('[data-testid="hazard-read-none"]');

    // Before the first request: the count and the privacy statement; nothing asked of the portal yet.
    await page.click('[data-testid="hazard-read-button"]');
    await page.waitForSelector('[data-testid="hazard-read-privacy"]');
    expect(Number(await page.getAttribute('[data-testid="hazard-read-confirm"]', 'data-tiles'))).toBe(s.planned.size);
    const privacy = (await page.textContent('[data-testid="hazard-read-privacy"]'))!;
    expect(privacy).toContain('名前・住所');
    expect(privacy).toContain('約250m四方');
    await expect(page.locator('[data-testid="hazard-read-refuse"]').textContent()).resolves.toBe('今後使わない');
    await expect(page.locator('[data-testid="hazard-read-not-now"]').textContent()).resolves.toBe('今回はやめる');
    await page.locator('[data-testid="hazard-read"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-privacy');
    expect(requests.filter((u) => /\/17\//.test(u))).toEqual([]);

    const before = requests.length;
    await page.click('[data-testid="hazard-read-start"]');
    await page.waitForSelector('[data-testid="hazard-read-done"], [data-testid="hazard-read-problem"]', { timeout: 120_000 });
    expect(await page.locator('[data-testid="hazard-read-problem"]').count(), (await page.locator('[data-testid="hazard-read-problem"]').textContent().catch(() => '')) ?? '').toBe(0);
    const during = requests.slice(before).map((u) => new URL(u).pathname).filter((p) => p.includes(`/${ZOOM}/`)).map((p) => p.replace(/^\/raster\//, '').replace(`/${ZOOM}/`, '/').replace(/\.png$/, ''));
    // Exactly the covering set (the people's rectangle + the shelters' tiles, every layer), each once.
    expect(during.length).toBe(new Set(during).size);
    expect(new Set(during)).toEqual(s.planned);

    // The stored readings: every person and shelter, every hazard, every layer as the fixture says.
    const stored = await storedRecords<HazardReading>(page, 'hazardReadings');
    const byId = new Map(stored.map((r) => [r.id, r]));
    const subjects = [
      ...s.people.map((p) => ({ subject: 'person' as const, id: p.id, lng: p.location!.lng, lat: p.location!.lat })),
      ...s.shelters.map((x) => ({ subject: 'shelter' as const, id: x.id, lng: x.location[0], lat: x.location[1] })),
    ];
    expect(stored.length).toBe(subjects.length * HAZARDS.length);
    const statesSeen = new Set<string>();
    for (const subj of subjects) {
      for (const h of HAZARDS) {
        const reading = byId.get(`${subj.subject}|${subj.id}|${h}`);
        expect(reading, `${subj.subject} ${subj.id} ${h}`).toBeDefined();
        expect(reading!.point).toEqual([subj.lng, subj.lat]);
        const got = reading!.layers.map((l) => ({ layer: l.layer, state: l.outcome.state, key: l.outcome.state === 'inside' ? l.outcome.key : undefined }));
        const want = layersOf(h).map((l) => {
          const e = expectedAt(s, l, subj.lng, subj.lat);
          statesSeen.add(e.state);
          return { layer: l.id, state: e.state, key: e.state === 'inside' ? e.key : undefined };
        });
        expect(got, `${subj.subject} ${subj.id} ${h}`).toEqual(want);
      }
    }
    // The fixture exercised every outcome.
    expect([...statesSeen].sort()).toEqual(['inside', 'no_tile', 'outside', 'unreadable']);

    // The numbers shown: per hazard, as counted here; データなし and 判定できない apart from 区域外.
    const counts = expectedCounts(s);
    expect(counts.flood.no_data).toBeGreaterThan(0);
    expect(counts.storm_surge.outside).toBe(0);
    await expect.poll(() => shownCounts(page), { timeout: 30_000 }).toEqual(Object.fromEntries(HAZARDS.map((h) => [h, { ...counts[h], notRead: 0 }])));
    // 区域内 by class label (洪水: one layer, the drawn colour's label).
    const floodClasses = new Map<string, number>();
    for (const p of s.people) {
      const e = expectedAt(s, layersOf('flood')[0], p.location!.lng, p.location!.lat);
      if (e.state === 'inside') floodClasses.set(e.label, (floodClasses.get(e.label) ?? 0) + 1);
    }
    const shownClasses = await page.$$eval('[data-testid="hazard-read-row"][data-hazard="flood"] [data-testid="hazard-read-class"]', (els) => els.map((e) => [e.getAttribute('data-label')!, Number(e.getAttribute('data-count'))] as const));
    expect(new Map(shownClasses)).toEqual(floodClasses);
    const readOn = (await page.getAttribute('[data-testid="hazard-read-results"]', 'data-dates'))!;
    expect(readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(stored.every((r) => r.readOn === readOn)).toBe(true);
    await expect(page.locator('[data-testid="hazard-read-credit"]').textContent()).resolves.toBe('出典：ハザードマップポータルサイト');
    await expect(page.locator('[data-testid="hazard-read-results"]').textContent()).resolves.toContain('ハザードマップポータル（タイル）');
    await page.locator('[data-testid="hazard-read"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-results');

    // The karte's own 自宅の災害リスク (洪水, the scenario) counts the same people the same way.
    await expect.poll(() => page.getAttribute('[data-testid="karte-hazard-inside"]', 'data-value'), { timeout: 60_000 }).toBe(String(counts.flood.inside));
    expect(Number(await page.getAttribute('[data-testid="karte-hazard-outside"]', 'data-value'))).toBe(counts.flood.outside);
    expect(Number(await page.getAttribute('[data-testid="karte-hazard-nodata"]', 'data-value'))).toBe(counts.flood.no_data);

    // ---- The network cut: reload under the service worker with every outside request refused. ----
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await page.waitForFunction(() => !!navigator.serviceWorker.controller, undefined, { timeout: 30_000 });
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    const offlineRequests: string[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      offlineRequests.push(url.href);
      return route.abort('internetdisconnected');
    });
    await context.setOffline(true);
    await page.reload();
    await openKarte(page);
    await page.waitForSelector('[data-testid="hazard-read-offline"]', { timeout: 30_000 });
    expect(await page.locator('[data-testid="hazard-read-button"]').count()).toBe(0);
    await expect.poll(() => shownCounts(page), { timeout: 30_000 }).toEqual(Object.fromEntries(HAZARDS.map((h) => [h, { ...counts[h], notRead: 0 }])));
    await expect.poll(() => page.getAttribute('[data-testid="karte-hazard-nodata"]', 'data-value'), { timeout: 60_000 }).toBe(String(counts.flood.no_data));
    await page.locator('[data-testid="hazard-read-offline"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-offline');

    // The engine uses them on the map screen: a person read in a flood depth class has the reason with
    // source and date; the person on the missing tile is データなし, never 区域外.
    await page.goto(APP_URL);
    await waitForApp(page);
    await page.selectOption('[data-testid="district-filter"]', DISTRICT);
    await page.selectOption('[data-testid="scenario-hazard"]', 'flood');
    const floodOf = (p: Person) => expectedAt(s, layersOf('flood')[0], p.location!.lng, p.location!.lat);
    const deep = s.people.find((p) => floodOf(p).state === 'inside')!;
    const deepLabel = (floodOf(deep) as { label: string }).label;
    await selectPerson(page, deep);
    await expect.poll(() => page.locator('[data-testid="person-analysis"] .reasons').textContent(), { timeout: 60_000 }).toContain(`洪水 ${deepLabel}（ハザードマップポータル、${readOn} 取得）`);
    await expect.poll(() => page.getAttribute('[data-testid="hazard-answer"]', 'data-state')).toBe('inside');
    await page.locator('[data-testid="person-analysis"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-card-inside');
    // Its destination's detail shows the flood depth read at the shelter, with source and date.
    await page.click('[data-testid="destination-shelter"]');
    const readingsBox = page.locator('[data-testid="detail"] [data-testid="shelter-readings"]');
    await readingsBox.waitFor({ timeout: 30_000 });
    const siteId = (await readingsBox.getAttribute('data-shelter'))!;
    const destination = s.shelters.find((x) => x.id === siteId);
    expect(destination, `destination ${siteId} read`).toBeDefined();
    const siteFlood = expectedAt(s, layersOf('flood')[0], destination!.location[0], destination!.location[1]);
    const siteWords = { inside: `洪水 ${siteFlood.state === 'inside' ? siteFlood.label : ''} の区域内`, outside: '洪水 区域外', no_tile: '洪水 データなし', unreadable: '洪水 判定できない' }[siteFlood.state];
    await expect(readingsBox.locator('[data-testid="shelter-reading"][data-hazard="flood"]').textContent()).resolves.toContain(`${siteWords}`);
    await expect(readingsBox.locator('[data-testid="shelter-reading"][data-hazard="flood"]').textContent()).resolves.toContain(`ハザードマップポータル、${readOn} 取得`);
    await readingsBox.scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-shelter-detail');
    await page.click('button[aria-label="詳細を閉じる"]');
    const missing = s.people[0];
    expect(floodOf(missing).state).toBe('no_tile');
    await selectPerson(page, missing);
    await expect.poll(() => page.getAttribute('[data-testid="hazard-answer"]', 'data-state'), { timeout: 60_000 }).toBe('no_data');
    const answer = (await page.textContent('[data-testid="hazard-answer"]'))!;
    expect(answer).toContain('データなし');
    expect(answer).not.toContain('区域外');
    expect(answer).not.toContain('安全');
    await page.locator('[data-testid="person-analysis"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-card-nodata');

    // Designated flood sites read 3 m or deeper are flagged in 避難の見通し.
    await page.click('button[aria-label="詳細を閉じる"]');
    await page.waitForSelector('[data-testid="analysis-numbers"]', { timeout: 30_000 });
    const deepSites = s.shelters.filter((x) => {
      const e = expectedAt(s, layersOf('flood')[0], x.location[0], x.location[1]);
      return x.hazards.includes('flood') && e.state === 'inside' && e.minDepthM !== null && e.minDepthM >= 3;
    });
    if (deepSites.length) {
      await expect.poll(() => page.getAttribute('[data-testid="deep-water-shelters"]', 'data-count'), { timeout: 30_000 }).toBe(String(deepSites.length));
      const flagged = await page.$$eval('[data-testid="deep-water-shelter"][data-hazard="flood"]', (els) => els.map((e) => e.getAttribute('data-shelter')!));
      expect(flagged.sort()).toEqual(deepSites.map((x) => x.id).sort());
    } else {
      expect(await page.locator('[data-testid="deep-water-shelters"]').count()).toBe(0);
    }
    // …and marked 「（想定浸水3m以上）」 on the person card's 最初の避難先 (the engine's choice unchanged):
    // the people whose nearest flood site (straight line) is such a site are tried until one card shows it.
    const nearestFlood = (p: Person) =>
      [...s.shelters].filter((x) => !x.closed && x.hazards.includes('flood')).sort((a, b) => haversine([p.location!.lng, p.location!.lat], a.location) - haversine([p.location!.lng, p.location!.lat], b.location)).slice(0, 25);
    const isDeep = (id: string) => deepSites.some((x) => x.id === id);
    expect(deepSites.length, 'the fixture puts some flood site in 3 m or more').toBeGreaterThan(0);
    let cardMarked = false;
    for (const p of s.people.filter((q) => isDeep(nearestFlood(q)[0].id)).slice(0, 6)) {
      await selectPerson(page, p);
      const button = page.locator('[data-testid="destination-shelter"]');
      await button.waitFor({ timeout: 60_000 });
      const id = (await button.getAttribute('data-shelter'))!;
      await expect.poll(() => page.locator('[data-testid="destination-deep"]').count(), { timeout: 30_000 }).toBe(isDeep(id) ? 1 : 0);
      if (isDeep(id)) {
        await expect(page.locator('[data-testid="destination"]').textContent()).resolves.toContain('（想定浸水3m以上）');
        await page.locator('[data-testid="person-analysis"]').scrollIntoViewIfNeeded();
        await screenshot(page, 'hazard-read-card-deep-destination');
        cardMarked = true;
        break;
      }
      await page.click('button[aria-label="詳細を閉じる"]');
    }
    expect(cardMarked, 'a person card whose first destination is read 3 m or deeper shows the mark').toBe(true);

    // …and in the plan editor: every option of the flood select says so when its site reads 3 m or more
    // (the floor note kept), the suggested choice too; the home's own hazards with source, date and credit.
    const pick = s.people.flatMap((p) => nearestFlood(p).filter((x) => deepSites.includes(x)).map((site) => ({ p, site })))[0];
    expect(pick).toBeDefined();
    await openPlanEditor(page, pick.p.id);
    const options = () => page.$$eval('[data-testid="dest-flood-select"] option', (els) => els.map((e) => ({ value: e.getAttribute('value')!, deep: e.getAttribute('data-deep'), text: e.textContent ?? '' })));
    await expect.poll(async () => (await options()).some((o) => o.deep === 'true'), { timeout: 30_000 }).toBe(true);
    for (const o of (await options()).filter((x) => x.value)) {
      expect(o.deep, o.text).toBe(String(isDeep(o.value)));
      expect(o.text.includes('（想定浸水3m以上）'), o.text).toBe(isDeep(o.value));
      const site = s.shelters.find((x) => x.id === o.value)!;
      expect(o.text.startsWith(site.name), o.text).toBe(true);
    }
    const home = page.locator('[data-testid="plan-home-hazards"]');
    await home.waitFor({ timeout: 30_000 });
    for (const h of HAZARDS) {
      const want = combined(layersOf(h).map((l) => expectedAt(s, l, pick.p.location!.lng, pick.p.location!.lat)));
      const line = home.locator(`[data-testid="home-hazards-line"][data-hazard="${h}"]`);
      await expect.poll(() => line.getAttribute('data-state'), { timeout: 30_000 }).toBe(want === 'unreadable' ? 'no_data' : want);
      const text = (await line.textContent())!;
      expect(text).toContain(`［ハザードマップポータル（タイル）、${readOn} 取得］`);
      expect(text).toContain({ inside: 'の区域内', outside: 'の区域外', no_data: 'データなし（未整備の可能性があります）', unreadable: '判定できない' }[want]);
    }
    await expect(home.locator('[data-testid="home-hazards-credit"]').textContent()).resolves.toBe('出典：ハザードマップポータルサイト');
    await home.scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-plan-home');
    // The deep site chosen: the select shows the mark, the reading note its depth, source and date.
    await page.selectOption('[data-testid="dest-flood-select"]', pick.site.id);
    await expect.poll(() => page.$eval('[data-testid="dest-flood-select"]', (el) => (el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.textContent ?? '') : ''))).toContain('（想定浸水3m以上）');
    const note = page.locator('[data-testid="dest-flood"] [data-testid="shelter-reading"][data-hazard="flood"]');
    await expect.poll(() => note.getAttribute('data-deep'), { timeout: 30_000 }).toBe('true');
    const e = expectedAt(s, layersOf('flood')[0], pick.site.location[0], pick.site.location[1]);
    await expect(note.textContent()).resolves.toContain(`洪水 ${(e as { label: string }).label} の区域内（ハザードマップポータル、${readOn} 取得）`);
    await page.waitForSelector('[data-testid="dest-flood"] [data-testid="shelter-deep-flag"]');
    await page.$eval('[data-testid="dest-flood-select"]', (el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'hazard-read-plan-destination');
    // The 計画書 prints the mark after the destination's name and 「自宅の想定」 with the source and credit
    // (printed through the app's button: prints need a 作業者名 for the 提供記録).
    await setOperator(page, '山田 花子');
    await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'yes')));
    await page.click('[data-testid="plan-print"]');
    await page.waitForSelector('body[data-printed="yes"]', { timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, path: `${SCREENSHOT_DIR}/hazard-read-plan-sheet.pdf` });
    await page.emulateMedia({ media: null });
    const printed = pdfText(pdf).replace(/\s+/g, '');
    expect(printed).toContain(pick.site.name);
    expect(printed).toContain('（想定浸水3m以上）');
    expect(printed).toContain('自宅の想定');
    expect(printed).toContain(`［ハザードマップポータル（タイル）、${readOn}取得］`);
    expect(printed).toContain('出典：ハザードマップポータルサイト');
    // Offline: nothing was asked of the portal.
    expect(offlineRequests.filter((u) => u.startsWith(HOST))).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);

  it('「今回はやめる」 asks nothing and keeps the question; 「今後使わない」 replaces the button with a sentence and asks the portal nothing', async () => {
    const context = await session.newContext();
    const requests: string[] = [];
    await serveTiles(context, () => null, requests);
    const page = await context.newPage();
    await openKarte(page);
    await page.click('[data-testid="hazard-read-button"]');
    await page.waitForSelector('[data-testid="hazard-read-privacy"]');
    await page.click('[data-testid="hazard-read-not-now"]');
    await page.waitForSelector('[data-testid="hazard-read-button"]');
    expect(await page.getAttribute('[data-testid="hazard-read"]', 'data-choice')).toBe('unasked');
    await page.click('[data-testid="hazard-read-button"]');
    await page.click('[data-testid="hazard-read-refuse"]');
    await page.waitForSelector('[data-testid="hazard-read-refused"]');
    // Nothing was asked of the portal before the statement was answered: not even the karte map's overlays.
    expect(requests).toEqual([]);
    expect(await page.getAttribute('[data-testid="hazard-read"]', 'data-choice')).toBe('refused');
    expect(await page.locator('[data-testid="hazard-read-button"]').count()).toBe(0);
    await expect(page.locator('[data-testid="hazard-read-refused"]').textContent()).resolves.toContain('データの保管');
    // The choice is stored: a reload still says so, and nothing was read or stored.
    await page.reload();
    await openKarte(page);
    await page.waitForSelector('[data-testid="hazard-read-refused"]');
    expect(await storedRecords(page, 'hazardReadings')).toEqual([]);
    expect(requests.filter((u) => new URL(u).pathname.includes(`/${ZOOM}/`))).toEqual([]);
    // The statement promises the overlays stop too: after 「今後使わない」, nothing at all (map screen included).
    await page.goto(APP_URL);
    await waitForApp(page);
    await page.goto(`${APP_URL}#/karte`);
    await page.waitForSelector('[data-testid="hazard-read-refused"]', { timeout: 60_000 });
    expect(requests).toEqual([]);
    await page.locator('[data-testid="hazard-read-refused"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'hazard-read-refused');
  }, 120_000);

  it('a tile the portal fails to send (500) stops the read: a Japanese message, and nothing stored', async () => {
    const context = await session.newContext();
    let served = 0;
    await context.route(`${HOST}/**`, (route) => {
      const headers = { 'access-control-allow-origin': '*' };
      if (!route.request().url().includes(`/${ZOOM}/`)) return route.fulfill({ status: 404, headers, body: '' });
      // The 10th tile of the read fails; the others are present and empty.
      if (++served === 10) return route.fulfill({ status: 500, headers, body: 'error' });
      return route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'image/png' }, body: hazardTilePng(() => [0, 0, 0, 0]) });
    });
    const page = await context.newPage();
    await openKarte(page);
    await page.click('[data-testid="hazard-read-button"]');
    await page.click('[data-testid="hazard-read-start"]');
    const problem = page.locator('[data-testid="hazard-read-problem"]');
    await problem.waitFor({ timeout: 60_000 });
    await expect(problem.textContent()).resolves.toMatch(/応答 500.*何も保存していません/);
    expect(await storedRecords(page, 'hazardReadings')).toEqual([]);
    expect(await page.locator('[data-testid="hazard-read-results"]').count()).toBe(0);
    // The button is back for another try.
    await page.waitForSelector('[data-testid="hazard-read-button"]');
  }, 120_000);

  it('「今後使わない」 chosen in another tab while a read runs stops its requests at once and stores nothing', async () => {
    const context = await session.newContext();
    const requests: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(`${HOST}/**`, async (route) => {
      const headers = { 'access-control-allow-origin': '*' };
      requests.push(route.request().url());
      // The read's tiles after the 8th wait until the refusal is made: the read is surely running.
      if (requests.length > 8) await held;
      // A request the page aborted meanwhile can no longer be answered.
      await route.fulfill({ status: 200, headers: { ...headers, 'content-type': 'image/png' }, body: hazardTilePng(() => [0, 0, 0, 0]) }).catch(() => {});
    });
    const page = await context.newPage();
    await openKarte(page);
    await page.click('[data-testid="hazard-read-button"]');
    await page.click('[data-testid="hazard-read-start"]');
    await expect.poll(() => requests.length, { timeout: 30_000 }).toBeGreaterThan(8);
    const other = await context.newPage();
    await other.goto(`${APP_URL}#/data`);
    await other.click('[data-testid="hazard-tile-refuse"]');
    await other.waitForSelector('[data-testid="hazard-tile-setting"][data-choice="refused"]', { timeout: 30_000 });
    // The reading tab hears it and stops: no result, nothing stored, and no request after the held ones.
    await page.waitForSelector('[data-testid="hazard-read-refused"]', { timeout: 30_000 });
    const atRefusal = requests.length;
    release();
    await expect.poll(async () => (await page.locator('[data-testid="hazard-read-problem"]').textContent()) ?? '', { timeout: 30_000 }).toContain('何も保存していません');
    expect(await storedRecords(page, 'hazardReadings')).toEqual([]);
    // The lanes in flight finish their one tile each and take no more (at most 4 more requests).
    expect(requests.length - atRefusal).toBeLessThanOrEqual(4);
  }, 120_000);
});
