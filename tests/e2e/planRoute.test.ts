import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FeatureCollection } from 'geojson';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import type { Plan } from '../../src/core/plan';
import { polylineLengthMetres } from '../../src/core/polyline';
import { nearestByRoad } from '../../src/core/roadDistance';
import { roadGraphFromGeoJSON, NodeSnapper } from '../../src/core/roadGraph';
import type { Shelter } from '../../src/core/shelter';
import { APP_URL, demoPeople, demoStreetGrid, importThrough, openApp, screenshot, storedPlans, storedRecords, waitForApp, useBrowser } from './browser';

const browser = useBrowser();

/** A wheelchair user in 一箕町松長地区, inside the street grid. */
const person = demoPeople().find((p) => p.id === 'demo-p002')!;
const home: LngLat = [person.location!.lng, person.location!.lat];
const grid = demoStreetGrid();
const graph = roadGraphFromGeoJSON(grid as FeatureCollection);
const snapper = new NodeSnapper(graph);
const nodeAt = (v: number): LngLat => [graph.nodeCoords[2 * v], graph.nodeCoords[2 * v + 1]];
/** Metres from `p` to the road node nearest to `q`. */
const toNearestNode = (p: LngLat, q: LngLat) => distanceMetres(p, nodeAt(snapper.nearestNode(q[0], q[1])));

/** 「1,234 m」 and the whole minutes a wheelchair (0.6 m/s) needs, as a user reads them. */
function lengthTexts(m: number): [string, string] {
  return [`${Math.round(m).toLocaleString('ja-JP')} m`, `約${Math.ceil(m / 0.6 / 60 - 1e-9)}分`];
}

async function openPlan(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/plan/${person.id}`);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid="plan-person-name"]', { timeout: 30_000 });
  // A new plan gets the engine worker's suggestions (the flood shelter among them) a moment after it shows.
  await page.waitForSelector('[data-testid="plan-editor"]:not([data-suggestions="pending"])', { timeout: 30_000 });
  if (!(await page.$('[data-testid="route-editor-flood"]'))) await page.click('[data-testid="dest-flood-map"]');
  await page.waitForFunction(
    () => {
      const map = (window as unknown as { __hinanRouteMap?: { loaded(): boolean } }).__hinanRouteMap;
      return !!map && map.loaded() && document.querySelector('[data-testid="route-map"]')?.getAttribute('data-state') === 'idle';
    },
    undefined,
    { timeout: 30_000 },
  );
}

/** The stored flood destination of the person's plan (what IndexedDB really holds). */
async function storedFlood(page: Page): Promise<Plan['destinations']['flood']> {
  return (await storedPlans(page)).find((p) => p.personId === person.id)?.destinations.flood;
}

/** Number of features the route map draws now in one of its layers. */
function rendered(page: Page, layer: string): Promise<number> {
  return page.evaluate((l) => {
    const map = (window as unknown as { __hinanRouteMap: { queryRenderedFeatures(o: object): unknown[] } }).__hinanRouteMap;
    return map.queryRenderedFeatures({ layers: [l] }).length;
  }, layer);
}

describe('避難経路 in the plan editor (built app, real Chromium)', () => {
  it('draws a route by tapping the map, undoes a point, keeps it over a reload; then copies the road route the engine found', async () => {
    const { page } = await browser.newPage();
    await openApp(page);
    await openPlan(page);

    // No road network yet: the road button is off and says why, in words.
    expect(await page.isDisabled('[data-testid="route-use-roads"]')).toBe(true);
    await expect(page.textContent('[data-testid="route-roads-reason"]')).resolves.toContain('道路網が取り込まれていない');
    await expect(page.textContent('[data-testid="route-length"]')).resolves.toContain('まだありません');

    // Draw: three taps, undo the last, finish.
    await page.click('[data-testid="route-draw"]');
    const box = (await page.locator('[data-testid="route-map"] canvas').boundingBox())!;
    const taps: [number, number][] = [
      [0.3, 0.35],
      [0.5, 0.6],
      [0.7, 0.45],
    ].map(([fx, fy]) => [Math.round(box.width * fx), Math.round(box.height * fy)]);
    const tapped: LngLat[] = [];
    for (const [x, y] of taps) {
      tapped.push(
        await page.evaluate(([px, py]) => {
          const p = (window as unknown as { __hinanRouteMap: { unproject(p: [number, number]): { lng: number; lat: number } } }).__hinanRouteMap.unproject([px, py]);
          return [p.lng, p.lat] as LngLat;
        }, [x, y]),
      );
      await page.mouse.click(box.x + x, box.y + y);
    }
    // The map draws new data a frame or two after a tap (it may still report the earlier idle): poll.
    await expect.poll(() => rendered(page, 'plan-route-vertices'), { timeout: 15_000 }).toBe(4); // home + 3 taps
    await page.click('[data-testid="route-undo"]');
    await page.click('[data-testid="route-finish"]');
    expect(await page.isVisible('[data-testid="route-draw"]')).toBe(true);

    // Stored: home and the first two taps.
    await expect.poll(async () => (await storedFlood(page))?.routeLine?.length, { timeout: 15_000 }).toBe(3);
    const drawn = (await storedFlood(page))!.routeLine!;
    expect(drawn[0]).toEqual(home);
    for (let i = 0; i < 2; i++) expect(distanceMetres(drawn[i + 1], tapped[i])).toBeLessThan(3); // where tapped, to a pixel or two
    const drawnM = polylineLengthMetres(drawn);
    const label = (await page.textContent('[data-testid="route-length"]'))!;
    for (const t of lengthTexts(drawnM)) expect(label).toContain(t);
    expect(label).toContain('車いす');
    await screenshot(page, 'plan-route-drawn');

    // Reload: still stored, still drawn, same length.
    await page.reload();
    await openPlan(page);
    expect((await storedFlood(page))!.routeLine).toEqual(drawn);
    await expect(page.textContent('[data-testid="route-length"]')).resolves.toBe(label);
    await expect.poll(() => rendered(page, 'plan-route-line'), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await rendered(page, 'plan-route-vertices')).toBe(0); // dots only while drawing

    // A road network: the engine routes the person along it (map screen, 避難の見通し).
    const dir = mkdtempSync(join(tmpdir(), 'hinan-route-'));
    const roadsFile = join(dir, 'roads.geojson');
    writeFileSync(roadsFile, JSON.stringify(grid));
    await importThrough(page, 'roads', roadsFile);
    await page.goto(APP_URL);
    await waitForApp(page);
    await page.click(`[data-person-id="${person.id}"]`);
    await page.waitForFunction(() => /道のり [\d,]+ m/.test(document.querySelector('[data-testid="destination"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const engineShelterName = (await page.textContent('[data-testid="destination-shelter"]'))!.trim();
    const engineRouteM = Number(/道のり ([\d,]+) m/.exec((await page.textContent('[data-testid="destination"]'))!)![1].replace(/,/g, ''));
    const shelters = await storedRecords<Shelter>(page, 'shelters');

    await openPlan(page);
    const options = await page.$$eval('[data-testid="dest-flood-select"] option', (os) => (os as HTMLOptionElement[]).map((o) => ({ value: o.value, text: o.textContent ?? '' })));
    const engineShelter = shelters.find((s) => s.id === options.find((o) => o.text.startsWith(`${engineShelterName}（`))?.value)!;
    expect(engineShelter).toBeDefined();

    // Changing the shelter clears the line (it led somewhere else).
    const current = await page.inputValue('[data-testid="dest-flood-select"]');
    const other = options.find((o) => o.value && o.value !== engineShelter.id && o.value !== current)!;
    await page.selectOption('[data-testid="dest-flood-select"]', other.value);
    await expect(page.textContent('[data-testid="route-length"]')).resolves.toContain('まだありません');
    await expect.poll(async () => (await storedFlood(page))?.shelterId, { timeout: 15_000 }).toBe(other.value);
    expect((await storedFlood(page))!.routeLine).toBeNull();

    // The engine's shelter: 「道路の経路を使う」 copies the engine's road route.
    await page.selectOption('[data-testid="dest-flood-select"]', engineShelter.id);
    await page.waitForSelector('[data-testid="route-editor-flood"][data-engine="ready"]', { timeout: 30_000 });
    expect(await page.isDisabled('[data-testid="route-use-roads"]')).toBe(false);
    await page.click('[data-testid="route-use-roads"]');
    await expect.poll(() => page.textContent('[data-testid="route-notice"]'), { timeout: 15_000 }).toContain('「避難の見通し」と同じ経路');
    await expect.poll(async () => (await storedFlood(page))?.routeLine?.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(2);
    const road = (await storedFlood(page))!;
    expect(road.shelterId).toBe(engineShelter.id);
    const line = road.routeLine!;
    expect(line[0]).toEqual(home);
    expect(line[line.length - 1]).toEqual(engineShelter.location);
    expect(toNearestNode(line[1], home)).toBeLessThan(3); // onto the road at the node nearest home
    expect(toNearestNode(line[line.length - 2], engineShelter.location)).toBeLessThan(3); // off it at the node nearest the shelter
    expect(Math.abs(polylineLengthMetres(line) - engineRouteM)).toBeLessThanOrEqual(0.5); // the engine's 道のり, shown rounded to 1 m
    const roadLabel = (await page.textContent('[data-testid="route-length"]'))!;
    for (const t of lengthTexts(polylineLengthMetres(line))) expect(roadLabel).toContain(t);
    await screenshot(page, 'plan-route-roads');

    // Another shelter the engine did not choose: the shortest road route to that one.
    const reference = (s: Shelter) => nearestByRoad(graph, Float64Array.from(s.location), Float64Array.from(home), { snapper, maxSnapM: 300 }).routeM[0];
    const second = shelters.find((s) => s.id !== engineShelter.id && options.some((o) => o.value === s.id) && Number.isFinite(reference(s)))!;
    await page.selectOption('[data-testid="dest-flood-select"]', second.id);
    await page.click('[data-testid="route-use-roads"]');
    // Computed by the engine worker: the button waits and says so until the answer comes.
    await expect.poll(() => page.textContent('[data-testid="route-notice"]'), { timeout: 15_000 }).toContain('最短の経路');
    expect(await page.isVisible('[data-testid="route-computing"]')).toBe(false);
    await expect.poll(async () => (await storedFlood(page))?.routeLine?.at(-1), { timeout: 15_000 }).toEqual(second.location);
    const secondLine = (await storedFlood(page))!.routeLine!;
    expect(secondLine[0]).toEqual(home);
    expect(polylineLengthMetres(secondLine)).toBeCloseTo(reference(second), 6);
    expect(polylineLengthMetres(secondLine)).toBeGreaterThanOrEqual(engineRouteM - 0.5); // the engine's is the nearest by road
  });
});
