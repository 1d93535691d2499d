import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { Drill } from '../../src/core/drill';
import { APP_URL, demoPeople, launchChromium, newContext, screenshot, storedRecords } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const DISTRICT = 'demo-d3';

/** The drills as stored, read with the raw IndexedDB API. */
const storedDrills = (page: Page) => storedRecords<Drill>(page, 'drills');

/** Minutes from the start until `k` people had a confirming (無事・要支援) check, from the stored records. */
function minutesUntil(drill: Drill, k: number): number | null {
  const first = new Map<string, number>();
  for (const r of drill.records) if ((r.status === 'safe' || r.status === 'needs_help') && !first.has(r.personId)) first.set(r.personId, Date.parse(r.at));
  const times = [...first.values()].sort((a, b) => a - b);
  return k <= times.length ? Math.round((times[k - 1] - Date.parse(drill.startedAt!)) / 60_000) : null;
}

describe('訓練 (built app, real Chromium, fake clock)', () => {
  it('runs a 安否確認訓練: records each result with its time, measures minutes to half / 90 % / everyone, exports and keeps the record', async () => {
    const context = await newContext(browser);
    await context.clock.install({ time: new Date('2026-11-01T19:00:00+09:00') });
    const page = await context.newPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });

    // An empty name is refused in words; nothing is created.
    await page.selectOption('[data-testid="drill-district"]', DISTRICT);
    await page.click('[data-testid="drill-create"]');
    await expect(page.textContent('[data-testid="drill-failure"]')).resolves.toContain('訓練名');
    expect(await storedDrills(page)).toEqual([]);

    await page.fill('[data-testid="drill-name"]', '夜間安否確認訓練');
    await page.click('[data-testid="drill-create"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ready"]');
    await page.click('[data-testid="drill-start"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="running"]');

    // Exactly the district's consented people are listed.
    const expected = demoPeople().filter((p) => p.districtId === DISTRICT && isShareable(p.consent));
    const listed = await page.$$eval('[data-testid="drill-people"] [data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));
    expect([...listed].sort()).toEqual(expected.map((p) => p.id).sort());

    // Reports come in every 2 minutes. The first is 要支援; the second first 連絡つかず, later 無事; the last is never reached.
    const button = (id: string, status: string) => `[data-testid="drill-people"] [data-person-id="${id}"] button[data-status="${status}"]`;
    const latest = (id: string) => page.getAttribute(`[data-testid="drill-people"] [data-person-id="${id}"]`, 'data-latest');
    for (let i = 0; i < listed.length - 1; i++) {
      await page.clock.fastForward('02:00');
      const status = i === 0 ? 'needs_help' : i === 1 ? 'not_reached' : 'safe';
      await page.click(button(listed[i], status));
      await page.waitForFunction(([sel, st]) => document.querySelector(sel)?.getAttribute('data-latest') === st, [`[data-testid="drill-people"] [data-person-id="${listed[i]}"]`, status] as const);
    }
    await page.clock.fastForward('02:00');
    await page.click(button(listed[1], 'safe'));
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-latest') === 'safe', `[data-testid="drill-people"] [data-person-id="${listed[1]}"]`);
    expect(await latest(listed[0])).toBe('needs_help');
    await screenshot(page, 'drill-running');

    const n = listed.length;
    await expect(page.getAttribute('[data-testid="drill-confirmed"]', 'data-value')).resolves.toBe(String(n - 1));
    let drill = (await storedDrills(page))[0];
    expect(drill.records).toHaveLength(n);
    const half = minutesUntil(drill, Math.ceil(n / 2))!;
    const ninety = minutesUntil(drill, Math.ceil(n * 0.9))!;
    // person k (0-based, k ≥ 2) reported at 2(k+1) minutes; the second person only at the end.
    expect(Math.abs(half - 2 * (Math.ceil(n / 2) + 1))).toBeLessThanOrEqual(1);
    await expect(page.textContent('[data-testid="drill-half"]')).resolves.toBe(`${half}分`);
    await expect(page.textContent('[data-testid="drill-ninety"]')).resolves.toBe(`${ninety}分`);
    await expect(page.textContent('[data-testid="drill-all"]')).resolves.toBe('—');
    await expect(page.getAttribute('[data-testid="drill-needs-help"]', 'data-value')).resolves.toBe('1');
    const clockText = (await page.textContent('[data-testid="drill-clock"]'))!;
    expect(Number(clockText.match(/^(\d+)分/)![1])).toBeGreaterThanOrEqual(2 * n);

    // End: the summary names who was not reached; the record exports for Excel.
    await page.click('[data-testid="drill-end"]');
    const summary = (await page.textContent('[data-testid="drill-summary"]'))!;
    const lastName = expected.find((p) => p.id === listed[n - 1])!.name;
    expect(summary).toContain(`確認できなかった方: ${lastName}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="drill-export"]')]);
    const csv = new TextDecoder().decode(readFileSync((await download.path())!)).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
    expect(rows).toHaveLength(n + 1);
    expect(rows.find((r) => r[0] === lastName)![3]).toBe('未確認');
    expect(rows.filter((r) => r[3] === '無事')).toHaveLength(n - 2);

    // Kept across a reload, listed as ended.
    await page.goto(`${APP_URL}#/drill`);
    await page.reload();
    await page.waitForSelector(`[data-testid="drill-list"] [data-drill-id="${drill.id}"]`);
    await expect(page.textContent(`[data-testid="drill-list"] [data-drill-id="${drill.id}"]`)).resolves.toContain('終了');
    drill = (await storedDrills(page))[0];
    expect(drill.endedAt).not.toBeNull();
    await context.close();
  });
});
