/**
 * 安否確認 board (built app, real Chromium): Done-when 3 and 4 of issue 14.
 *
 * 3. Plan B: closing a 福祉避難所 and marking a supporter 不在 puts every affected person at the top
 *    of the board with their new 福祉避難所 / supporters, and those answers equal a full recompute
 *    made here in Node from the raw store: the engine run on the stored people, shelters and
 *    supporters (core/evacuationAnalysis.ts), then Plan B's rule applied to everyone
 *    (core/replanReference.ts `replanEveryone`, the brute-force reference), checked besides against
 *    the rule's plain meaning (an open 福祉避難所 that accepts the person, no absent supporter).
 * 4. The 未確認者リスト and 避難先別の一覧 print (PDF read with pdftotext: the right people in the
 *    board's order, nobody confirmed, the marking on every page, the 提供記録 entry) and the city's
 *    CSV opens in Excel's conventions (BOM, CRLF, the columns, the marking on each revealed row;
 *    Shift_JIS alike). Also: the timeline, a flagged record and 「採用する」, minutes to half, and the
 *    phone layout 「自分の担当」 at 375 px.
 */
import { readFileSync } from 'node:fs';
import Encoding from 'encoding-japanese';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, analyseEvacuation, type AnalysisSettings, type EvacuationAnalysis } from '../../src/core/evacuationAnalysis';
import { EMERGENCY_MARK, type Emergency } from '../../src/core/emergency';
import { japanDateOf, japanTimeLabel, japanToday } from '../../src/core/japanDate';
import { replanEveryone } from '../../src/core/replanReference';
import type { ReplannedPerson } from '../../src/core/replanRule';
import { safetyRecordId, type SafetyRecord } from '../../src/core/safetyRecord';
import { distanceMetres, type LngLat } from '../../src/core/geo';
import type { Shelter } from '../../src/core/shelter';
import type { Supporter } from '../../src/core/supporter';
import { acceptGroupsOf, acceptsMask, groupMask, shelterAcceptMask } from '../../src/core/welfareEligibility';
import type { Disclosure } from '../../src/db/disclosures';
import { SAFETY_CSV_HEADER } from '../../src/io/safetyCsv';
import { APP_URL, SCREENSHOT_DIR, pdfPages, pdfText, screenshot, setOperator, storedPeople, storedRecords, useBrowser, type ContextOptions } from './browser';

const browser = useBrowser();

/** The demo district with every consent state (given, pending, refused). */
const DISTRICT = 'demo-d1';
const EVENT = '令和9年 台風10号 大雨';
const MARK = EMERGENCY_MARK.replace(/\s+/g, '');
const SCREEN = '[data-testid="emergency-screen"]';
const BOARD = '[data-testid="safety-board"]';

const disclosures = (page: Page) => storedRecords<Disclosure>(page, 'disclosures');
const storedEvent = async (page: Page) => (await storedRecords<Emergency>(page, 'emergencies'))[0];
const safetyRecords = (page: Page) => storedRecords<SafetyRecord>(page, 'safetyRecords');

/** Opens the app, names the operator and switches 災害時モード on for DISTRICT (a flood) through the header's dialog. */
async function startEvent(page: Page): Promise<Emergency> {
  await page.goto(APP_URL);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
  await setOperator(page, '山田 花子');
  await page.click('[data-testid="emergency-open"]');
  await page.fill('[data-testid="emergency-name"]', EVENT);
  await page.selectOption('[data-testid="emergency-level"]', '4');
  await page.selectOption('[data-testid="emergency-hazard"]', 'flood');
  if (await page.isChecked('[data-testid="emergency-all-districts"]')) await page.uncheck('[data-testid="emergency-all-districts"]');
  await page.check(`[data-testid="emergency-district"][data-district-id="${DISTRICT}"]`);
  await page.check('[data-testid="emergency-authorised"]');
  await page.click('[data-testid="emergency-start-confirm"]');
  await page.waitForSelector('[data-testid="emergency-banner"]', { timeout: 30_000 });
  return storedEvent(page);
}

/** Opens 安否確認 and waits until the board has the priorities of an engine run. */
async function openBoard(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/emergency`);
  await page.waitForSelector(`${SCREEN}[data-ready="true"]`, { timeout: 60_000 });
}

interface BoardRow {
  id: string;
  state: string;
  rank: string;
  replanned: boolean;
  destinationChanged: boolean;
  noSupporter: boolean;
  destinationId: string;
  welfareId: string;
  supporterIds: string[];
}

/** The board's rows as drawn, top to bottom. */
function boardRows(page: Page): Promise<BoardRow[]> {
  return page.$$eval(`${BOARD} > li[data-person-id]`, (lis) =>
    lis.map((li) => ({
      id: li.getAttribute('data-person-id')!,
      state: li.getAttribute('data-state')!,
      rank: li.getAttribute('data-rank')!,
      replanned: li.getAttribute('data-replanned') === 'true',
      destinationChanged: !!li.querySelector('[data-testid="tag-destination-changed"]'),
      noSupporter: !!li.querySelector('[data-testid="tag-no-supporter"]'),
      destinationId: li.getAttribute('data-destination-id')!,
      welfareId: li.getAttribute('data-welfare-id')!,
      supporterIds: (li.getAttribute('data-supporter-ids') ?? '').split(' ').filter(Boolean),
    })),
  );
}

const kanaOrder = new Intl.Collator('ja');
const idOrder = new Intl.Collator();

/**
 * What the engine worker computes for the event, recomputed here from the raw store: the people the
 * gate shows for the event (the district's people on the 名簿, consent given or pending, refused
 * too as the event includes them) in フリガナ order, the district's supporters, every shelter, the
 * app's default scenario with the event's hazard — each list in the order the app reads it (ties in
 * the 福祉避難所 allocation and the matching fall by that order).
 */
async function recompute(page: Page, event: Emergency) {
  const people = (await storedPeople(page))
    .filter((p) => p.districtId === DISTRICT && !p.archived && (p.consent.status !== 'refused' || event.includeRefused))
    .sort((a, b) => kanaOrder.compare(a.nameKana || a.name, b.nameKana || b.name) || idOrder.compare(a.id, b.id));
  const shelters = (await storedRecords<Shelter>(page, 'shelters')).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  const supporters = (await storedRecords<Supporter>(page, 'supporters')).filter((s) => s.districtId === DISTRICT && !s.archived).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  const settings: AnalysisSettings = { ...structuredClone(DEFAULT_ANALYSIS_SETTINGS), hazard: event.hazard, onDate: japanToday() };
  const analyse = (s: readonly Shelter[], sup: readonly Supporter[]): EvacuationAnalysis => analyseEvacuation({ people, shelters: s, supporters: sup, hazardZones: [], hazardCoverage: [], roads: [] }, settings);
  return { people, shelters, supporters, settings, analyse };
}

/** Records a status by one tap on the board (避難済: the first shelter offered). */
async function tap(page: Page, personId: string, status: string): Promise<void> {
  const row = `${BOARD} > li[data-person-id="${personId}"]`;
  await page.click(`${row} button[data-status="${status}"]`);
  if (status === 'evacuated') await page.click(`${row} [data-testid="evacuated-where"] button[data-shelter-id]`);
  await page.waitForSelector(`${row}[data-state="${status}"]`, { timeout: 30_000 });
}

/** The printed PDF of the list a print button shows (window.print is the browser's; here it marks the body). */
async function printToPdf(page: Page, button: string, name: string): Promise<Uint8Array> {
  await page.evaluate(() => {
    document.body.removeAttribute('data-printed');
    window.print = () => document.body.setAttribute('data-printed', 'yes');
  });
  await page.click(button);
  await page.waitForSelector('body[data-printed="yes"]', { state: 'attached' });
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, path: `${SCREENSHOT_DIR}/${name}.pdf` });
  await page.emulateMedia({ media: 'screen' });
  return pdf;
}

/** Each page's text without white space (pdftotext breaks lines where it likes). */
const pageTexts = (pdf: Uint8Array) => Array.from({ length: pdfPages(pdf) }, (_, i) => pdfText(pdf, { page: i + 1 }).replace(/\s+/g, ''));

/** True when `parts` occur in `text` in this order. */
function inOrder(text: string, parts: readonly string[]): boolean {
  let at = 0;
  for (const p of parts) {
    const i = text.indexOf(p.replace(/\s+/g, ''), at);
    if (i < 0) return false;
    at = i + 1;
  }
  return true;
}

/** Reads the downloaded CSV of a click. */
async function download(page: Page, selector: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync((await file.path())!)) };
}

describe('安否確認 board (built app, real Chromium)', () => {
  it('Plan B: a 福祉避難所 that does not open and an absent supporter put the affected people first, with the answers of a full recompute', async () => {
    const { page } = await browser.newPage();
    const event = await startEvent(page);
    await openBoard(page);
    const base = await recompute(page, event);
    const before = base.analyse(base.shelters, base.supporters);

    // The board holds exactly the event's people, with the engine's priorities.
    await expect.poll(async () => (await boardRows(page)).length, { timeout: 30_000 }).toBe(base.people.length);
    const rank = new Map(before.people.map((a) => [a.personId, a.priority.rank]));
    const first = await boardRows(page);
    expect(new Set(first.map((r) => r.id))).toEqual(new Set(base.people.map((p) => p.id)));
    expect(first.map((r) => r.rank)).toEqual(first.map((r) => rank.get(r.id)));
    expect(first.map((r) => r.rank)).toEqual([...first.map((r) => r.rank)].sort()); // A, then B, then C
    expect(first.every((r) => !r.replanned)).toBe(true);
    // …and each person's destination, 福祉避難所 and supporters as the recomputed run gives them.
    const baseOf = new Map(before.people.map((a) => [a.personId, a]));
    expect(first.map((r) => [r.id, r.destinationId, r.welfareId, r.supporterIds])).toEqual(
      first.map((r) => {
        const a = baseOf.get(r.id)!;
        return [r.id, a.destination?.shelterId ?? '', a.allocatedWelfare?.shelterId ?? '', a.supporters.map((s) => s.supporterId)];
      }),
    );

    // The 福祉避難所 allocated to the most people, and the supporter helping the most others.
    const count = (ids: (string | undefined)[]) => {
      const m = new Map<string, number>();
      for (const id of ids) if (id) m.set(id, (m.get(id) ?? 0) + 1);
      return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    };
    const [[welfareId]] = count(before.people.map((a) => a.allocatedWelfare?.shelterId));
    const [[supporterId]] = count(before.people.filter((a) => a.allocatedWelfare?.shelterId !== welfareId).flatMap((a) => a.supporters.map((s) => s.supporterId)));
    const welfare = base.shelters.find((s) => s.id === welfareId)!;
    const absent = base.supporters.find((s) => s.id === supporterId)!;
    expect(welfare.kinds).toContain('welfare_shelter');

    // Plan B in the panel: the 福祉避難所 開設しない, the supporter 不在 (each stored on the event at once).
    await page.fill('[data-testid="planb-shelter-search"]', welfare.name);
    await page.click(`[data-testid="planb-shelters"] li[data-shelter-id="${welfareId}"] [data-testid="planb-closed"]`);
    await page.waitForSelector(`[data-testid="planb-shelters"] li[data-shelter-id="${welfareId}"][data-planb="closed"]`);
    await page.fill('[data-testid="planb-supporter-search"]', absent.name);
    await page.click(`[data-testid="planb-supporters"] li[data-supporter-id="${supporterId}"] [data-testid="planb-absent"]`);
    await page.waitForSelector(`[data-testid="planb-supporters"] li[data-supporter-id="${supporterId}"][data-planb="absent"]`);
    expect(await storedEvent(page)).toMatchObject({ closedShelterIds: [welfareId], fullShelterIds: [], absentSupporterIds: [supporterId] });

    // The expectation: Plan B's rule applied to everyone on the recomputed analysis.
    const everyone = replanEveryone({
      people: base.people,
      analysis: before.people,
      plans: [],
      shelters: base.shelters,
      supporters: base.supporters,
      settings: base.settings,
      disruption: { closedShelterIds: [welfareId], fullShelterIds: [], absentSupporterIds: [supporterId] },
    });
    const affected = new Map(everyone.filter((r) => r.reasons.length > 0).map((r) => [r.personId, r]));
    expect([...affected.values()].some((r) => r.reasons.includes('welfare_closed'))).toBe(true);
    expect([...affected.values()].some((r) => r.reasons.includes('supporter_absent') && !r.reasons.includes('welfare_closed'))).toBe(true);

    // On the board: exactly the affected people first, each as the recompute says.
    await expect
      .poll(async () => (await boardRows(page)).slice(0, affected.size).filter((r) => r.replanned).map((r) => r.id).sort(), { timeout: 60_000 })
      .toEqual([...affected.keys()].sort());
    await page.waitForSelector(`${SCREEN}[data-replanning="false"]`);
    const after = await boardRows(page);
    expect(after.slice(affected.size).some((r) => r.replanned)).toBe(false);
    const expectRow = (r: ReplannedPerson) => ({
      id: r.personId,
      replanned: true,
      destinationChanged: r.destinationChanged || r.welfareChanged,
      noSupporter: r.noSupporter,
      destinationId: r.destination?.kind === 'shelter' ? r.destination.shelterId : '',
      welfareId: r.welfare?.shelterId ?? '',
      supporterIds: r.supporters.map((s) => s.supporterId),
    });
    expect(after.slice(0, affected.size).map(({ state: _s, rank: _r, ...row }) => row)).toEqual(after.slice(0, affected.size).map((row) => expectRow(affected.get(row.id)!)));
    // Within each part, rank A before B before C.
    for (const part of [after.slice(0, affected.size), after.slice(affected.size)]) expect(part.map((r) => r.rank)).toEqual([...part.map((r) => r.rank)].sort());

    // The rule's plain meaning, apart from its code: a new 福祉避難所 is open, accepts the person and is the
    // nearest such unless it is full; no absent supporter is left; the destinations are a full run's without the closed one.
    const withoutClosed = base.analyse(
      base.shelters.filter((s) => s.id !== welfareId),
      base.supporters.filter((s) => s.id !== supporterId),
    );
    const full = new Map(withoutClosed.people.map((a) => [a.personId, a]));
    for (const r of affected.values()) {
      const person = base.people.find((p) => p.id === r.personId)!;
      expect(r.supporters.some((s) => s.supporterId === supporterId)).toBe(false);
      expect(r.destination?.kind === 'shelter' ? r.destination.shelterId : null).toBe(full.get(r.personId)!.destination?.shelterId ?? null);
      if (!r.reasons.includes('welfare_closed')) continue;
      expect(r.welfare?.shelterId).not.toBe(welfareId);
      if (r.welfare) {
        const got = base.shelters.find((s) => s.id === r.welfare!.shelterId)!;
        expect(got.kinds).toContain('welfare_shelter');
        expect(acceptsMask(shelterAcceptMask(got), groupMask(acceptGroupsOf(person, base.settings.onDate)))).toBe(true);
      }
      if (r.welfare && full.get(r.personId)!.nearestWelfare) expect(r.welfare.distanceM).toBeGreaterThanOrEqual(full.get(r.personId)!.nearestWelfare!.distanceM - 1);
    }
    // Each affected person's note says what Plan B did in words: the old and the new 福祉避難所, and
    // which supporter was taken off (不在) and who, if anyone, took over — never 「入れ替え」 when nobody did.
    const nameOf = new Map<string, string>([...base.shelters.map((x): [string, string] => [x.id, x.name]), ...base.supporters.map((x): [string, string] => [x.id, x.name])]);
    const flat = (t: string | null) => (t ?? '').replace(/\s+/g, '');
    const baseSupporters = (id: string) => baseOf.get(id)!.supporters.map((x) => x.supporterId);
    for (const r of affected.values()) {
      const note = flat(await page.textContent(`${BOARD} > li[data-person-id="${r.personId}"] [data-testid="planb-note"]`));
      if (r.welfareChanged) expect(note).toContain(flat(`福祉避難所: ${nameOf.get(welfareId)} → ${r.welfare ? nameOf.get(r.welfare.shelterId) : '空きのある福祉避難所が見つかりません'}`));
      expect(note).not.toContain('入れ替え');
      if (!r.reasons.includes('supporter_absent')) continue;
      const now = r.supporters.map((x) => x.supporterId);
      const added = now.filter((id) => !baseSupporters(r.personId).includes(id));
      expect(note).toContain(flat(`${absent.name}さん（不在）`));
      if (added.length) expect(note).toContain(flat(`→ ${added.map((id) => `${nameOf.get(id)}さん`).join('、')}に代わりました`));
      else expect(note).toContain('を外しました');
      if (r.noSupporter) expect(note).toContain('近くに頼める支援者がいません');
    }

    // The panel says how many.
    const summary = (await page.textContent('[data-testid="planb-summary"]'))!;
    expect(summary).toContain(`避難先変更 ${[...affected.values()].filter((r) => r.destinationChanged || r.welfareChanged).length}人`);
    expect(summary).toContain(`支援者なし ${[...affected.values()].filter((r) => r.noSupporter).length}人`);
    await page.evaluate(() => document.querySelector('main.page')?.scrollTo(0, 0));
    await screenshot(page, 'safety-board-planb');

    // Taking it back: nobody is moved any more.
    await page.click(`[data-testid="planb-shelters"] li[data-shelter-id="${welfareId}"] [data-testid="planb-closed"]`);
    await page.click(`[data-testid="planb-supporters"] li[data-supporter-id="${supporterId}"] [data-testid="planb-absent"]`);
    await expect.poll(async () => (await boardRows(page)).filter((r) => r.replanned).length, { timeout: 30_000 }).toBe(0);
  }, 300_000);

  it('prints the 未確認者リスト and the 避難先別の一覧 with the marking on every page, and writes the city CSV in Excel conventions', async () => {
    const { page } = await browser.newPage();
    const event = await startEvent(page);
    await openBoard(page);
    const rows = await boardRows(page);
    const stored = new Map((await storedPeople(page)).map((p) => [p.id, p]));
    const revealed = (id: string) => stored.get(id)!.consent.status !== 'given';
    expect(rows.some((r) => revealed(r.id))).toBe(true);

    // One tap each: 無事, 避難済 (the first shelter offered), 連絡つかず with a note, 要支援.
    const [safe, evacuated, notReached, needsHelp] = rows.map((r) => r.id);
    await tap(page, safe, 'safe');
    await tap(page, evacuated, 'evacuated');
    await page.click(`${BOARD} > li[data-person-id="${notReached}"] [data-testid="board-person-name"]`);
    await page.fill(`${BOARD} > li[data-person-id="${notReached}"] [data-testid="board-note"]`, '電話に出ない。夜に再訪問');
    await tap(page, notReached, 'not_reached');
    await tap(page, needsHelp, 'needs_help');
    const recs = await safetyRecords(page);
    expect(recs.map((r) => [r.personId, r.status, r.eventId]).sort()).toEqual(
      [
        [safe, 'safe', event.id],
        [evacuated, 'evacuated', event.id],
        [notReached, 'not_reached', event.id],
        [needsHelp, 'needs_help', event.id],
      ].sort(),
    );
    const shelterOf = recs.find((r) => r.personId === evacuated)!.shelterId!;
    expect(shelterOf).toBeTruthy();
    expect(recs.find((r) => r.personId === notReached)!.note).toBe('電話に出ない。夜に再訪問');
    await expect(page.getAttribute('[data-testid="safety-confirmed"]', 'data-value')).resolves.toBe('3');
    // The timeline of the person with the note shows it.
    await expect(page.textContent(`${BOARD} > li[data-person-id="${notReached}"] [data-testid="person-timeline"]`)).resolves.toContain('電話に出ない。夜に再訪問');
    await page.evaluate(() => document.querySelector('main.page')?.scrollTo(0, 0));
    await screenshot(page, 'safety-board');

    // 未確認者リスト: everyone not confirmed (未確認, 連絡つかず) in the board's order, nobody confirmed, the marking on each page.
    const open = (await boardRows(page)).filter((r) => r.state === 'unchecked' || r.state === 'not_reached').map((r) => stored.get(r.id)!);
    expect(open).toHaveLength(rows.length - 3);
    const pdf = await printToPdf(page, '[data-testid="print-unchecked"]', 'safety-unchecked');
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, text] of pages.entries()) expect(text, `page ${i + 1}`).toContain(MARK);
    const all = pages.join('');
    expect(all).toContain('未確認者リスト');
    expect(inOrder(all, open.map((p) => p.name))).toBe(true);
    for (const p of open) {
      expect(all).toContain(p.address.replace(/\s+/g, ''));
      if (p.phone) expect(all).toContain(p.phone);
    }
    const addresses = [...stored.values()].map((p) => p.address);
    for (const id of [safe, evacuated, needsHelp]) {
      const p = stored.get(id)!;
      if (addresses.filter((a) => a === p.address).length === 1) expect(all).not.toContain(p.address.replace(/\s+/g, ''));
    }
    expect(all).toContain('連絡つかず');
    // Recorded in the 提供記録: the people printed, the event, the marking.
    await expect.poll(async () => (await disclosures(page)).filter((d) => d.kind === 'print-safety').length).toBeGreaterThanOrEqual(1);
    const entry = (await disclosures(page)).filter((d) => d.kind === 'print-safety').sort((a, b) => a.at.localeCompare(b.at))[0];
    expect(entry).toMatchObject({ count: open.length, emergencyId: event.id, operator: '山田 花子' });
    expect([...entry.personIds].sort()).toEqual(open.map((p) => p.id).sort());
    expect(entry.what).toContain('未確認者リスト');
    expect(entry.what.endsWith(EMERGENCY_MARK)).toBe(true);

    // 避難先別の一覧: the shelter and who arrived there.
    await page.reload();
    await page.waitForSelector(`${SCREEN}[data-ready="true"]`, { timeout: 60_000 });
    const shelterName = (await storedRecords<Shelter>(page, 'shelters')).find((s) => s.id === shelterOf)!.name;
    const byShelter = pageTexts(await printToPdf(page, '[data-testid="print-by-shelter"]', 'safety-by-shelter'));
    for (const text of byShelter) expect(text).toContain(MARK);
    expect(inOrder(byShelter.join(''), ['避難先別の一覧', shelterName, stored.get(evacuated)!.name])).toBe(true);
    expect(byShelter.join('')).not.toContain(stored.get(safe)!.name.replace(/\s+/g, ''));

    // The city's CSV, UTF-8 with BOM: one row per person in board order, the columns, the ground of each row.
    const board = await boardRows(page);
    const csv = await download(page, '[data-testid="safety-csv"]');
    expect(csv.name).toBe(`安否情報_${EVENT.replace(/\s+/g, '_')}_災害時提供_${japanToday()}.csv`);
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(csv.bytes.slice(3));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const table = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
    expect(table[0]).toEqual([...SAFETY_CSV_HEADER]);
    expect(table.slice(1).map((r) => r[0])).toEqual(board.map((r) => r.id));
    const col = (name: string) => table[0].indexOf(name);
    for (const row of table.slice(1)) {
      const p = stored.get(row[0])!;
      expect([row[col('氏名')], row[col('住所')], row[col('地区')]]).toEqual([p.name, p.address, '一箕町松長地区']);
      expect(row[col('提供の根拠')]).toBe(revealed(p.id) ? EMERGENCY_MARK : '同意');
    }
    const line = (id: string) => table.find((r) => r[0] === id)!;
    const at = (id: string) => recs.find((r) => r.personId === id)!.at;
    expect([line(safe)[col('安否')], line(safe)[col('時刻（日本時間）')]]).toEqual(['無事', `="${japanDateOf(at(safe))} ${japanTimeLabel(at(safe))}"`]); // kept as text: Excel would turn it into its own date
    expect([line(evacuated)[col('安否')], line(evacuated)[col('避難先')]]).toEqual(['避難済', shelterName]);
    expect([line(notReached)[col('安否')], line(notReached)[col('備考')]]).toEqual(['連絡つかず', '電話に出ない。夜に再訪問']);
    expect(table.slice(1).filter((r) => r[col('安否')] === '未確認')).toHaveLength(board.length - 4);
    const csvEntry = (await disclosures(page)).find((d) => d.kind === 'csv-safety')!;
    expect(csvEntry).toMatchObject({ count: board.length, fileName: csv.name, emergencyId: event.id });

    // The same in Shift_JIS for older software: the same cells.
    await page.selectOption('[data-testid="safety-csv-encoding"]', 'shift_jis');
    const sjis = await download(page, '[data-testid="safety-csv"]');
    const decoded = Encoding.convert(Array.from(sjis.bytes), { to: 'UNICODE', from: 'SJIS', type: 'string' });
    expect(Papa.parse<string[]>(decoded.trimEnd(), { newline: '\r\n' }).data).toEqual(table);
  }, 300_000);

  it('shows the timeline, minutes to half / 90 % / all from the records, and a record from a wrong clock flagged until 「採用する」', async () => {
    const { page } = await browser.newPage();
    const event = await startEvent(page);
    await openBoard(page);
    const rows = await boardRows(page);
    const half = Math.ceil(rows.length / 2);
    // Records another device brought (written straight into the store): the k-th person confirmed k minutes after the start…
    const start = Date.parse(event.startedAt);
    const record = (personId: string, at: number, status: SafetyRecord['status'], flag: SafetyRecord['flag']): SafetyRecord => {
      const iso = new Date(Math.floor(at / 1000) * 1000).toISOString();
      return { id: safetyRecordId({ eventId: event.id, recorder: 'K7QX', personId, at: iso, status }), eventId: event.id, personId, status, shelterId: null, at: iso, recorder: 'K7QX', note: '', receivedAt: new Date().toISOString(), flag };
    };
    const brought = rows.slice(0, half).map((r, k) => record(r.id, start + (k + 1) * 60_000, 'safe', null));
    // …one with its clock a day ahead and one with its clock behind (before the start): flagged, kept, not counted.
    const late = rows[half].id;
    const future = record(late, start + 24 * 3_600_000, 'needs_help', 'future');
    const slowClock = rows[half + 1].id;
    const early = record(slowClock, start - 30 * 60_000, 'needs_help', 'before_event');
    await page.evaluate(
      (list) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const tx = open.result.transaction('safetyRecords', 'readwrite');
            for (const r of list) tx.objectStore('safetyRecords').put(r);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      [...brought, future, early],
    );
    await page.reload();
    await page.waitForSelector(`${SCREEN}[data-ready="true"]`, { timeout: 60_000 });
    await expect.poll(() => page.getAttribute('[data-testid="safety-confirmed"]', 'data-value'), { timeout: 30_000 }).toBe(String(half));
    await expect(page.textContent('[data-testid="safety-half"]')).resolves.toBe(`${half}分`);
    await expect(page.textContent('[data-testid="safety-ninety"]')).resolves.toBe('—');
    await expect(page.textContent('[data-testid="safety-all"]')).resolves.toBe('—');
    await expect(page.getAttribute(`${BOARD} > li[data-person-id="${late}"]`, 'data-state')).resolves.toBe('unchecked');
    await expect(page.getAttribute(`${BOARD} > li[data-person-id="${slowClock}"]`, 'data-state')).resolves.toBe('unchecked');
    await expect(page.textContent('[data-testid="flagged-records"]')).resolves.toContain('確認が必要な記録（2件）');
    // The timeline of a person says who recorded and when.
    const someone = rows[0].id;
    await page.click(`${BOARD} > li[data-person-id="${someone}"] [data-testid="board-person-name"]`);
    const timeline = (await page.textContent(`${BOARD} > li[data-person-id="${someone}"] [data-testid="person-timeline"]`))!;
    expect(timeline).toContain('端末 K7QX');
    expect(timeline).toContain(japanTimeLabel(brought[0].at));
    await screenshot(page, 'safety-board-flagged');

    // A time still ahead cannot be accepted (it would stay the latest and hide every real record until then).
    page.once('dialog', (d) => void d.accept());
    await page.click(`[data-testid="flagged-records"] li[data-record-id="${future.id}"] [data-testid="flagged-accept"]`);
    await expect.poll(() => page.textContent('[data-testid="emergency-failure"]')).toContain('まだ来ていない');
    expect((await safetyRecords(page)).find((r) => r.id === future.id)!.flag).toBe('future');
    // 「採用する」 on the slow clock's record after checking the time: it counts from now on.
    page.once('dialog', (d) => void d.accept());
    await page.click(`[data-testid="flagged-records"] li[data-record-id="${early.id}"] [data-testid="flagged-accept"]`);
    await page.waitForSelector(`${BOARD} > li[data-person-id="${slowClock}"][data-state="needs_help"]`, { timeout: 30_000 });
    expect((await safetyRecords(page)).find((r) => r.id === early.id)!.flag).toBeNull();
    await expect.poll(() => page.textContent('[data-testid="flagged-records"]')).toContain('確認が必要な記録（1件）');
    await expect(page.getAttribute(`${BOARD} > li[data-person-id="${late}"]`, 'data-state')).resolves.toBe('unchecked');
  }, 300_000);

  it("Plan B moving a destination names the new place; 避難済 offers the plan's places, then only shelters designated for the event's hazard or 福祉避難所, nearest first, with a search", async () => {
    const { page } = await browser.newPage();
    await page.goto(APP_URL);
    await page.waitForSelector('.app[data-ready="true"]', { timeout: 60_000 });
    // One person of the district, and the store's shelters as a city's might be: the shelter nearest
    // their home not designated for floods, and the flood sites' refuge on the 2nd floor and above.
    const person = (await storedPeople(page)).filter((p) => p.districtId === DISTRICT && p.location && p.consent.status === 'given').sort((a, b) => a.id.localeCompare(b.id))[0];
    const home: LngLat = [person.location!.lng, person.location!.lat];
    const far = (x: Shelter) => distanceMetres(home, x.location);
    const stored = (await storedRecords<Shelter>(page, 'shelters')).sort((a, b) => far(a) - far(b));
    const demoted = stored.find((x) => !x.kinds.includes('welfare_shelter') && x.hazards.includes('flood'))!;
    const shelters = stored.map((x): Shelter => (x.id === demoted.id ? { ...x, hazards: ['earthquake'] } : x.hazards.includes('flood') ? { ...x, siteFloors: { flood: '2階以上' } } : x));
    await page.evaluate(
      (list) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('hinan-shien-planner');
          open.onsuccess = () => {
            const tx = open.result.transaction('shelters', 'readwrite');
            for (const x of list) tx.objectStore('shelters').put(x);
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      shelters,
    );
    const byId = new Map(shelters.map((x) => [x.id, x]));
    const suitable = (x: Shelter) => !x.closed && (x.hazards.includes('flood') || x.kinds.includes('welfare_shelter'));
    await startEvent(page);
    await openBoard(page);
    const row = `${BOARD} > li[data-person-id="${person.id}"]`;
    await page.waitForSelector(row);

    // The destination line names the floor to go to.
    const destinationId = (await page.getAttribute(row, 'data-destination-id'))!;
    const welfareId = (await page.getAttribute(row, 'data-welfare-id')) ?? '';
    expect(await page.textContent(`${row} [data-testid="board-destination"]`)).toBe(`避難先: ${byId.get(destinationId)!.name}（洪水時は2階以上）`);

    // 避難済: the plan's places first, then only suitable ones (the demoted one never), nearest first, 福祉避難所 marked.
    await page.click(`${row} button[data-status="evacuated"]`);
    const offered = () =>
      page.$$eval(`${row} [data-testid="evacuated-where"] button[data-shelter-id]`, (els) => els.map((e) => ({ id: e.getAttribute('data-shelter-id')!, welfare: e.getAttribute('data-welfare') === 'true', text: e.textContent ?? '' })));
    const list = await offered();
    const planned = new Set([destinationId, welfareId].filter(Boolean));
    const rest = list.filter((c) => !planned.has(c.id));
    expect(list.slice(0, list.length - rest.length).every((c) => planned.has(c.id))).toBe(true);
    expect(list.length).toBeGreaterThanOrEqual(6);
    expect(rest.every((c) => suitable(byId.get(c.id)!))).toBe(true);
    expect(list.map((c) => c.id)).not.toContain(demoted.id);
    expect(list.every((c) => c.welfare === byId.get(c.id)!.kinds.includes('welfare_shelter'))).toBe(true);
    expect(list.some((c) => c.welfare && c.text.includes('福祉避難所'))).toBe(true);
    const nearestFirst = rest.filter((c) => !c.welfare).map((c) => far(byId.get(c.id)!));
    expect(nearestFirst).toEqual([...nearestFirst].sort((a, b) => a - b));
    expect(rest[0].id).toBe(stored.find((x) => suitable(byId.get(x.id)!) && !planned.has(x.id))!.id); // the nearest suitable one
    // A search by name: the demoted shelter is not found; a far suitable one is, and is recorded.
    await page.fill(`${row} [data-testid="evacuated-search"]`, demoted.name);
    await page.waitForSelector(`${row} [data-testid="evacuated-none"]`);
    expect((await offered()).map((c) => c.id)).not.toContain(demoted.id);
    const names = new Map<string, number>();
    for (const x of shelters) names.set(x.name, (names.get(x.name) ?? 0) + 1);
    const target = stored.filter((x) => suitable(byId.get(x.id)!) && !x.kinds.includes('welfare_shelter') && names.get(x.name) === 1 && !list.some((c) => c.id === x.id)).at(-1)!;
    await page.fill(`${row} [data-testid="evacuated-search"]`, target.name);
    await expect.poll(async () => (await offered()).map((c) => c.id)).toContain(target.id);
    expect((await offered()).find((c) => c.id === target.id)!.text).toContain(`${target.name}（洪水時は2階以上）`);
    // Two shelters of one name are told apart.
    const twin = [...names].find(([n, k]) => k > 1 && shelters.some((x) => x.name === n && suitable(x)));
    if (twin) {
      await page.fill(`${row} [data-testid="evacuated-search"]`, twin[0]);
      await expect.poll(async () => (await offered()).length).toBeGreaterThan(0);
      for (const c of await offered()) expect(c.text).toMatch(/（(指定緊急避難場所|指定避難所|福祉避難所)/);
      await page.fill(`${row} [data-testid="evacuated-search"]`, target.name);
    }
    await page.click(`${row} [data-testid="evacuated-where"] button[data-shelter-id="${target.id}"]`);
    await page.waitForSelector(`${row}[data-state="evacuated"]`);
    expect((await safetyRecords(page)).find((r) => r.personId === person.id)).toMatchObject({ status: 'evacuated', shelterId: target.id });
    expect(await page.textContent(`${row} [data-testid="board-latest"]`)).toContain(`${target.name}（洪水時は2階以上）`);

    // The message of that record is in the counts bar, not over the next question's 「やめる」; the bar covers no part of it.
    await page.waitForSelector('[data-testid="safety-numbers"] [data-testid="emergency-done"]');
    const other = `${BOARD} > li[data-person-id]:not([data-person-id="${person.id}"])`;
    const second = (await page.getAttribute(other, 'data-person-id'))!;
    const secondRow = `${BOARD} > li[data-person-id="${second}"]`;
    await page.click(`${secondRow} button[data-status="evacuated"]`);
    await page.waitForSelector(`${secondRow} [data-testid="evacuated-cancel"]`);
    await expect
      .poll(() =>
        page.$eval(`${secondRow} [data-testid="evacuated-cancel"]`, (el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return r.bottom <= innerHeight && !!hit && el.contains(hit);
        }),
      )
      .toBe(true);
    const bar = (await page.locator('[data-testid="safety-numbers"]').boundingBox())!;
    const question = (await page.locator(`${secondRow} [data-testid="evacuated-where"]`).boundingBox())!;
    expect(question.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
    await screenshot(page, 'safety-board-chooser');
    await page.click(`${secondRow} [data-testid="evacuated-cancel"]`);
    await page.waitForSelector(`${secondRow} [data-testid="evacuated-where"]`, { state: 'detached' });

    // Plan B: closing that person's destination names the new one — 「避難先: old → new」.
    await page.fill('[data-testid="planb-shelter-search"]', byId.get(destinationId)!.name);
    await page.click(`[data-testid="planb-shelters"] li[data-shelter-id="${destinationId}"] [data-testid="planb-closed"]`);
    await page.waitForSelector(`${row}[data-replanned="true"]`, { timeout: 60_000 });
    await page.waitForSelector(`${SCREEN}[data-replanning="false"]`);
    const moved = (await page.getAttribute(row, 'data-destination-id'))!;
    expect(moved).not.toBe(destinationId);
    const note = (await page.textContent(`${row} [data-testid="planb-note"]`))!.replace(/\s+/g, '');
    expect(note).toContain(`避難先:${byId.get(destinationId)!.name}（洪水時は2階以上）→${moved ? `${byId.get(moved)!.name}（洪水時は2階以上）` : '開いている避難先が見つかりません'}。`.replace(/\s+/g, ''));
  }, 300_000);

  it('a note typed in a timeline is not lost on 「閉じる」: the user is asked, and a kept note goes with the next status', async () => {
    const { page } = await browser.newPage();
    await startEvent(page);
    await openBoard(page);
    const [first] = await boardRows(page);
    const row = `${BOARD} > li[data-person-id="${first.id}"]`;
    await page.click(`${row} [data-testid="board-person-name"]`);
    await page.fill(`${row} [data-testid="board-note"]`, '薬が足りない');
    // 「閉じる」 → asked; 「キャンセル」 keeps the field and the note.
    const asked: string[] = [];
    page.once('dialog', (d) => (asked.push(d.message()), void d.dismiss()));
    await page.click(`${row} .detail button:has-text("閉じる")`);
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('入力したメモ「薬が足りない」は保存されていません。破棄しますか。');
    expect(await page.inputValue(`${row} [data-testid="board-note"]`)).toBe('薬が足りない');
    await page.click(`${row} button[data-status="needs_help"]`);
    await page.waitForSelector(`${row}[data-state="needs_help"]`);
    expect((await safetyRecords(page)).map((r) => [r.personId, r.status, r.note])).toEqual([[first.id, 'needs_help', '薬が足りない']]);
    // A note discarded on purpose: asked, then gone; nothing recorded.
    await page.fill(`${row} [data-testid="board-note"]`, '書きかけ');
    page.once('dialog', (d) => (asked.push(d.message()), void d.accept()));
    await page.click(`${row} .detail button:has-text("閉じる")`);
    await page.waitForSelector(`${row} [data-testid="board-note"]`, { state: 'detached' });
    expect(asked).toHaveLength(2);
    expect(await safetyRecords(page)).toHaveLength(1);
  }, 300_000);

  it('on a 375 px phone: 「自分の担当」 — pick yourself once, see only your people, one tap records', async () => {
    const phone: ContextOptions = { viewport: { width: 375, height: 740 } };
    const { page } = await browser.newPage(phone);
    const event = await startEvent(page);
    await page.goto(`${APP_URL}#/emergency`);
    await page.waitForSelector(`${SCREEN}[data-view="mine"][data-ready="true"]`, { timeout: 60_000 });
    const base = await recompute(page, event);
    const analysis = base.analyse(base.shelters, base.supporters);
    const [[me]] = [...analysis.people.flatMap((a) => a.supporters.map((s) => s.supporterId)).reduce((m, id) => m.set(id, (m.get(id) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    const mine = analysis.people.filter((a) => a.supporters.some((s) => s.supporterId === me)).map((a) => a.personId);
    await page.evaluate(() => document.querySelector('[data-testid="phone-board"]')?.scrollIntoView());
    await screenshot(page, 'safety-phone-pick');

    await page.click(`[data-testid="phone-supporter-pick"] button[data-supporter-id="${me}"]`);
    await expect.poll(async () => (await page.$$eval('[data-testid="phone-people"] > li[data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!))).sort()).toEqual([...mine].sort());
    const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
    expect(widths.doc).toBeLessThanOrEqual(widths.view);
    const firstId = mine[0];
    const button = page.locator(`[data-testid="phone-people"] > li[data-person-id="${firstId}"] button[data-status="safe"]`);
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(48);
    await page.evaluate(() => document.querySelector('[data-testid="phone-board"]')?.scrollIntoView());
    await screenshot(page, 'safety-phone');
    await button.click();
    await page.waitForSelector(`[data-testid="phone-people"] > li[data-person-id="${firstId}"][data-state="safe"]`);
    const [rec] = await safetyRecords(page);
    expect(rec).toMatchObject({ personId: firstId, status: 'safe', eventId: event.id });
    await screenshot(page, 'safety-phone-recorded');

    // 「メモ」 on a card: the note goes with the next tap into the stored record.
    const second = mine[1] ?? firstId;
    const card = `[data-testid="phone-people"] > li[data-person-id="${second}"]`;
    await page.click(`${card} [data-testid="phone-note-open"]`);
    await page.fill(`${card} [data-testid="phone-note"]`, '玄関で会えた。足が痛い');
    await page.click(`${card} button[data-status="needs_help"]`);
    await page.waitForSelector(`${card}[data-state="needs_help"]`);
    await expect.poll(async () => (await safetyRecords(page)).find((r) => r.personId === second && r.status === 'needs_help')?.note).toBe('玄関で会えた。足が痛い');
    await page.waitForSelector(`${card} [data-testid="phone-note"]`, { state: 'detached' });

    // The device remembers who they are.
    await page.reload();
    await page.waitForSelector('[data-testid="phone-me"]', { timeout: 60_000 });
    const myName = base.supporters.find((s) => s.id === me)!.name;
    expect(await page.textContent('[data-testid="phone-me"]')).toContain(myName);

    // A 作業者名 that is a supporter's name (typed with an ordinary space) chooses that supporter; still changeable.
    await page.click('[data-testid="phone-change-me"]');
    await page.waitForSelector('[data-testid="phone-supporter-pick"]');
    await setOperator(page, myName.replace(/\s+/g, ' '));
    await page.reload();
    await page.waitForSelector('[data-testid="phone-me-from-operator"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="phone-me"]')).toContain(myName);
    await page.click('[data-testid="phone-change-me"]');
    await page.waitForSelector('[data-testid="phone-supporter-pick"]');
    await page.click(`[data-testid="phone-supporter-pick"] button[data-supporter-id="${me}"]`);
    await page.waitForSelector('[data-testid="phone-me"]');

    // At 375 × 740 the header and the band leave room: the first card's name is on the first screen,
    // uncovered, and nothing scrolls sideways; the band is one line, its rest behind 「詳しく」.
    await page.evaluate(() => window.scrollTo(0, 0));
    const uncovered = (selector: string) =>
      page.$eval(selector, (el) => {
        const r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 20), r.top + r.height / 2);
        return { top: r.top, bottom: r.bottom, visible: r.top >= 0 && r.bottom <= innerHeight && !!hit && el.contains(hit) };
      });
    const firstName = `[data-testid="phone-people"] > li[data-person-id]:first-child .pname`;
    expect(await uncovered(firstName)).toMatchObject({ visible: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const band = (await page.locator('[data-testid="emergency-banner"]').boundingBox())!;
    expect(band.height).toBeLessThanOrEqual(60);
    expect(await page.isVisible('[data-testid="emergency-board-link"]')).toBe(true);
    expect(await page.isVisible('[data-testid="emergency-end"]')).toBe(false);
    await screenshot(page, 'safety-phone-first-screen');
    await page.click('[data-testid="emergency-banner-more"]');
    await page.waitForSelector('[data-testid="emergency-end"]', { state: 'visible' });
    expect(await page.isVisible('[data-testid="emergency-revealed-count"]')).toBe(true);
    await page.click('[data-testid="emergency-banner-more"]');

    // The whole list at 375 px: the counts are not stuck over the cards — a card scrolled to the top is not covered.
    await page.click('[data-testid="view-board"]');
    await page.waitForSelector(`${BOARD} > li[data-person-id]`);
    expect(await page.$eval('[data-testid="safety-numbers"]', (el) => getComputedStyle(el).position)).toBe('static');
    const boardName = `${BOARD} > li[data-person-id]:nth-child(2) [data-testid="board-person-name"]`;
    await page.$eval(boardName, (el) => el.closest('li')!.scrollIntoView({ block: 'start' }));
    expect(await uncovered(boardName)).toMatchObject({ visible: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'safety-phone-board');
  }, 300_000);
});
