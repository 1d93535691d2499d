/**
 * Plan B in a drill (issue 14): a 避難誘導訓練 made with a shelter that does not open, a 福祉避難所
 * that is full and a supporter who cannot come. The engine worker re-plans only the affected
 * people; the drill lists them first with 「避難先変更」「支援者なし」 and their new destination and
 * supporters — checked against the same rule computed here in Node from the stored records (and
 * the new destinations against a plain nearest-shelter scan). Then people arrive and the pace
 * against the plan's walking time is listed, slowest first.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { Drill } from '../../src/core/drill';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../src/core/evacuationAnalysis';
import { distanceMetres } from '../../src/core/geo';
import { japanToday } from '../../src/core/japanDate';
import type { Person } from '../../src/core/person';
import { replanEveryone, type Disruption, type ReplannedPerson } from '../../src/core/replan';
import { isOnRoster } from '../../src/core/rosterArchive';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import { walkEstimate } from '../../src/core/walkingTime';
import { APP_URL, screenshot, setOperator, storedRecords, useBrowser } from './browser';

const browser = useBrowser();
const DISTRICT = 'demo-d1';
const START = new Date('2026-11-01T19:00:00+09:00');

/** The people, shelters and supporters the engine worker reads for the district, in its order (db/consentGate.ts, db/shelters.ts, db/supporters.ts). */
async function storedInputs(page: Page) {
  const kana = new Intl.Collator('ja'), ids = new Intl.Collator();
  const people = (await storedRecords<Person>(page, 'people'))
    .filter((p) => p.districtId === DISTRICT && isShareable(p.consent) && isOnRoster(p))
    .sort((a, b) => kana.compare(a.nameKana || a.name, b.nameKana || b.name) || ids.compare(a.id, b.id));
  const shelters = (await storedRecords<Shelter>(page, 'shelters')).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  const supporters = (await storedRecords<Supporter>(page, 'supporters'))
    .filter((s) => s.districtId === DISTRICT && isOnRoster(s))
    .sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  return { people, shelters, supporters };
}

/** The id that occurs most often in `ids`. */
function mostCommon(ids: (string | undefined)[]): string {
  const n = new Map<string, number>();
  for (const id of ids) if (id) n.set(id, (n.get(id) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** What one row of the drill's list shows. */
interface Row {
  id: string;
  replanned: boolean;
  destination: string | null;
  supporters: string | null;
  marks: string[];
  planned: string | null;
}

const rows = (page: Page): Promise<Row[]> =>
  page.$$eval('[data-testid="drill-people"] > li[data-person-id]', (lis) =>
    lis.map((li) => {
      const r = li.querySelector('[data-testid="drill-replan"]');
      return {
        id: li.getAttribute('data-person-id')!,
        replanned: li.getAttribute('data-replanned') === 'true',
        destination: r?.getAttribute('data-destination') ?? null,
        supporters: r?.getAttribute('data-supporters') ?? null,
        marks: [...li.querySelectorAll('[data-mark]')].map((m) => m.textContent!.trim()),
        planned: li.querySelector('.pace')?.getAttribute('data-planned') ?? null,
      };
    }),
  );

describe('訓練の Plan B (built app, real Chromium, engine worker)', () => {
  it('marks a shelter 開設しない, a 福祉避難所 満員 and a supporter 不在: the affected people come first with their new destination and supporters, as the rule computed from the store; the pace is compared with the plan', async () => {
    const context = await browser.newContext();
    await context.clock.install({ time: START });
    const page = await context.newPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await setOperator(page, '山田 花子');

    // The expectation, from the stored records: the engine's analysis for the drill's scenario, then Plan B.
    const { people, shelters, supporters } = await storedInputs(page);
    const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, hazard: 'flood', timeOfDay: 'night', winter: false, onDate: japanToday(START) };
    const before = analyseEvacuation({ people, shelters, supporters, hazardZones: [], hazardCoverage: [], roads: [] }, settings);
    const closedId = mostCommon(before.people.map((a) => a.destination?.shelterId));
    const fullId = mostCommon(before.people.map((a) => a.allocatedWelfare?.shelterId));
    const absentId = mostCommon(before.people.flatMap((a) => a.supporters.map((s) => s.supporterId)));
    const disruption: Disruption = { closedShelterIds: [closedId], fullShelterIds: [fullId], absentSupporterIds: [absentId] };
    const expected = replanEveryone({ people, analysis: before.people, plans: [], shelters, supporters, settings, disruption }).filter((r) => r.reasons.length > 0);
    const reasons = new Set(expected.flatMap((r) => r.reasons));
    expect([...reasons].sort()).toEqual(['shelter_closed', 'supporter_absent', 'welfare_full']);

    // The new drill with its Plan B, chosen by name in the form.
    await page.fill('[data-testid="drill-name"]', '夜間避難誘導訓練（Plan B）');
    await page.selectOption('[data-testid="drill-kind"]', 'evacuation_guidance');
    await page.selectOption('[data-testid="drill-district"]', DISTRICT);
    const shelterName = (id: string) => shelters.find((s) => s.id === id)!.name;
    for (const [id, state] of [[closedId, 'closed'], [fullId, 'full']] as const) {
      await page.fill('[data-testid="planb-shelter-query"]', shelterName(id));
      await page.click(`[data-testid="planb-shelter-hits"] li[data-shelter-id="${id}"] button[data-planb="${state}"]`);
      await page.waitForSelector(`[data-testid="planb-chosen"] li[data-id="${id}"][data-state="${state}"]`);
    }
    await page.fill('[data-testid="planb-supporter-query"]', supporters.find((s) => s.id === absentId)!.name);
    await page.click(`[data-testid="planb-supporter-hits"] li[data-supporter-id="${absentId}"] button[data-planb="absent"]`);
    await page.waitForSelector(`[data-testid="planb-chosen"] li[data-id="${absentId}"][data-state="absent"]`);
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ready"]');
    const [drill] = await storedRecords<Drill>(page, 'drills');
    expect(drill).toMatchObject({ kind: 'evacuation_guidance', districtId: DISTRICT, closedShelterIds: [closedId], fullShelterIds: [fullId], absentSupporterIds: [absentId] });

    // The worker's answer is on screen: the affected people first, with the marks and places the rule gives.
    await page.waitForSelector('[data-testid="drill-planb"][data-state="done"]', { timeout: 30_000 });
    await expect.poll(() => page.getAttribute('[data-testid="drill-planb-count"]', 'data-value')).toBe(String(expected.length));
    const shown = await rows(page);
    expect(shown).toHaveLength(people.length);
    const k = expected.length;
    expect(shown.slice(0, k).every((r) => r.replanned)).toBe(true);
    expect(shown.slice(k).some((r) => r.replanned)).toBe(false);
    const byId = new Map(shown.map((r) => [r.id, r]));
    const destinationOf = (r: ReplannedPerson) => (r.destination?.kind === 'shelter' ? r.destination.shelterId : r.destination ? 'alternative' : '');
    for (const r of expected) {
      const row = byId.get(r.personId)!;
      expect(row.destination).toBe(destinationOf(r));
      expect(row.supporters).toBe(r.supporters.map((s) => s.supporterId).join(','));
      expect(row.marks.includes('避難先変更')).toBe(r.destinationChanged || r.welfareChanged);
      expect(row.marks.includes('支援者なし')).toBe(r.noSupporter);
    }
    // The new destinations, once more by a plain scan: the nearest open flood 指定緊急避難場所 other than the closed one.
    const open = shelters.filter((s) => !s.closed && s.id !== closedId && s.id !== fullId && s.kinds.includes('emergency_site') && s.hazards.includes('flood'));
    const rerouted = expected.filter((r) => r.reasons.includes('shelter_closed'));
    expect(rerouted.length).toBeGreaterThan(0);
    for (const r of rerouted) {
      const p = people.find((x) => x.id === r.personId)!;
      const home: [number, number] = [p.location!.lng, p.location!.lat];
      const nearest = open.reduce((a, b) => (distanceMetres(home, b.location) < distanceMetres(home, a.location) ? b : a));
      expect(byId.get(r.personId)!.destination).toBe(nearest.id);
    }
    expect(expected.some((r) => r.reasons.includes('supporter_absent'))).toBe(true);
    await screenshot(page, 'drill-planb');

    // 避難誘導訓練: three people arrive; the pace against the plan's walking time, slowest against the plan first.
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]');
    const walkable = (id: string) => {
      const p = people.find((x) => x.id === id)!;
      return p.mobility === 'independent' || p.mobility === 'cane_walker';
    };
    const minutesFor = (r: ReplannedPerson) => {
      const w = r.destination?.kind === 'shelter' ? walkEstimate(r.destination.distanceM, people.find((x) => x.id === r.personId)!.mobility) : null;
      return w?.kind === 'walk' ? w.minutes : null;
    };
    const movedOne = rerouted.find((r) => walkable(r.personId) && minutesFor(r) !== null)!;
    const stayed = before.people.filter((a) => !expected.some((r) => r.personId === a.personId) && a.walkMinutes !== null && walkable(a.personId)).slice(0, 2);
    const planned = new Map<string, number>([[movedOne.personId, minutesFor(movedOne)!], ...stayed.map((a): [string, number] => [a.personId, a.walkMinutes!])]);
    for (const [id, minutes] of planned) await expect.poll(async () => (await rows(page)).find((r) => r.id === id)!.planned).toBe(String(minutes));
    const arrivals: [string, number][] = [[stayed[0].personId, 4], [movedOne.personId, 30], [stayed[1].personId, 45]];
    let clock = 0;
    for (const [id, at] of arrivals) {
      await page.clock.fastForward((at - clock) * 60_000);
      clock = at;
      await page.click(`[data-testid="drill-people"] li[data-person-id="${id}"] button[data-status="arrived"]`);
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-latest') === 'arrived', `[data-testid="drill-people"] li[data-person-id="${id}"]`);
    }
    await page.waitForSelector(`[data-testid="drill-pace"] tbody tr[data-person-id="${stayed[1].personId}"]`);
    const pace = await page.$$eval('[data-testid="drill-pace"] tbody tr', (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-person-id')!, over: Number(tr.getAttribute('data-over')), planned: Number(tr.getAttribute('data-planned')) })));
    const over = (id: string) => arrivals.find((a) => a[0] === id)![1] - planned.get(id)!;
    const order = [...planned.keys()].sort((a, b) => over(b) - over(a));
    expect(pace.map((p) => p.id)).toEqual(order);
    for (const p of pace) {
      expect(p.planned).toBe(planned.get(p.id));
      expect(Math.abs(p.over - over(p.id))).toBeLessThanOrEqual(1);
    }
    await expect(page.getAttribute('[data-testid="drill-pace-slower"]', 'data-value')).resolves.toBe(String([...planned.keys()].filter((id) => over(id) > 0).length));
    await page.locator('[data-testid="drill-pace"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'drill-planb-pace');
  });
});
