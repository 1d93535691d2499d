import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { isShareable } from '../../src/core/consent';
import type { Drill } from '../../src/core/drill';
import { APP_URL, demoPeople, screenshot, setOperator, storedRecords, useBrowser } from './browser';

const browser = useBrowser();

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
    const context = await browser.newContext();
    await context.clock.install({ time: new Date('2026-11-01T19:00:00+09:00') });
    const page = await context.newPage();
    await page.goto(`${APP_URL}#/drill`);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
    await setOperator(page, '山田 花子'); // prints and exports need a 作業者名 (提供記録)

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

    // Reports come in every 2 minutes. The first is 要支援; the second first 連絡つかず, later 無事; the one
    // before last stays 連絡つかず; the last is never reached (no report at all).
    const button = (id: string, status: string) => `[data-testid="drill-people"] [data-person-id="${id}"] button[data-status="${status}"]`;
    const latest = (id: string) => page.getAttribute(`[data-testid="drill-people"] [data-person-id="${id}"]`, 'data-latest');
    for (let i = 0; i < listed.length - 1; i++) {
      await page.clock.fastForward('02:00');
      const status = i === 0 ? 'needs_help' : i === 1 || i === listed.length - 2 ? 'not_reached' : 'safe';
      await page.click(button(listed[i], status));
      await page.waitForFunction(([sel, st]) => document.querySelector(sel)?.getAttribute('data-latest') === st, [`[data-testid="drill-people"] [data-person-id="${listed[i]}"]`, status] as const);
    }
    await page.clock.fastForward('02:00');
    await page.click(button(listed[1], 'safe'));
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-latest') === 'safe', `[data-testid="drill-people"] [data-person-id="${listed[1]}"]`);
    expect(await latest(listed[0])).toBe('needs_help');
    await screenshot(page, 'drill-running');

    const n = listed.length;
    await expect(page.getAttribute('[data-testid="drill-confirmed"]', 'data-value')).resolves.toBe(String(n - 2));
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

    // Ending asks first, saying what ending does; declining keeps the drill running.
    const dialogs: string[] = [];
    page.once('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    await page.click('[data-testid="drill-end"]');
    await expect.poll(() => dialogs.length).toBe(1);
    expect(dialogs[0]).toContain('訓練を終了しますか');
    expect(dialogs[0]).toContain('記録できません');
    expect(await page.getAttribute('[data-testid="drill-run"]', 'data-state')).toBe('running');
    expect((await storedDrills(page))[0].endedAt).toBeNull();
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-testid="drill-end"]');
    await page.waitForSelector('[data-testid="drill-run"][data-state="ended"]');

    // The summary is a table, one row per person to follow up: 要支援, then 連絡つかず, then 未確認 (no report),
    // each with ID, name, address, status and the time of the latest report (Japan time).
    drill = (await storedDrills(page))[0];
    const person = (id: string) => expected.find((p) => p.id === id)!;
    const lastAt = (id: string) => new Date(drill.records.filter((r) => r.personId === id).at(-1)!.at).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
    const tableRows = await page.$$eval('[data-testid="drill-summary"] tbody tr', (trs) => trs.map((tr) => ({ id: tr.getAttribute('data-person-id'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim()) })));
    const followUp = [listed[0], listed[n - 2], listed[n - 1]];
    expect(tableRows.map((r) => r.id)).toEqual(followUp);
    expect(tableRows.map((r) => r.cells)).toEqual([
      [listed[0], person(listed[0]).name, person(listed[0]).address, '要支援', lastAt(listed[0])],
      [listed[n - 2], person(listed[n - 2]).name, person(listed[n - 2]).address, '連絡つかず', lastAt(listed[n - 2])],
      [listed[n - 1], person(listed[n - 1]).name, person(listed[n - 1]).address, '未確認（報告なし）', '—'],
    ]);
    const summary = (await page.textContent('[data-testid="drill-summary"]'))!;
    expect(summary).toContain('要支援 1人');
    expect(summary).toContain('連絡つかず 1人');
    expect(summary).toContain('未確認（報告なし） 1人');
    await screenshot(page, 'drill-summary');

    // The record exports for Excel: one row per person with ID, and the time of every report in Japan time.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="drill-export"]')]);
    expect(download.suggestedFilename()).toBe('訓練記録_夜間安否確認訓練_2026-11-01.csv');
    const csv = new TextDecoder().decode(readFileSync((await download.path())!)).replace(/^\uFEFF/, '');
    const rows = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
    const col = (name: string) => rows[0].indexOf(name);
    expect(rows[0].slice(0, 3)).toEqual(['ID', '氏名', '住所']);
    expect(rows).toHaveLength(n + 1);
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(n);
    expect(rows.slice(1, 4).map((r) => r[0])).toEqual(followUp);
    const row = (id: string) => rows.find((r) => r[0] === id)!;
    expect(row(listed[n - 1])[col('最後の状況')]).toBe('未確認（報告なし）');
    expect(row(listed[n - 1])[col('最後の報告（日本時間）')]).toBe('');
    expect(row(listed[n - 2])[col('最後の状況')]).toBe('連絡つかず');
    expect(row(listed[n - 2])[col('最後の報告（日本時間）')]).toBe(`="2026-11-01 ${lastAt(listed[n - 2])}"`);
    const times1 = drill.records.filter((r) => r.personId === listed[1]).map((r) => new Date(r.at).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' }));
    expect(row(listed[1])[col('報告の経過（日本時間）')]).toBe(`${times1[0]} 連絡つかず、${times1[1]} 無事`);
    expect(rows.filter((r) => r[col('最後の状況')] === '無事')).toHaveLength(n - 3);

    // Kept across a reload, listed as ended.
    await page.goto(`${APP_URL}#/drill`);
    await page.reload();
    await page.waitForSelector(`[data-testid="drill-list"] [data-drill-id="${drill.id}"]`);
    await expect(page.textContent(`[data-testid="drill-list"] [data-drill-id="${drill.id}"]`)).resolves.toContain('終了');
    expect((await storedDrills(page))[0].endedAt).not.toBeNull();
  });
});
