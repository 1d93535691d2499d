import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { create as qrCreate, toFile as qrToFile } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { chromium, type Page } from 'playwright-core';
import { EMERGENCY_MARK, type Emergency } from '../../src/core/emergency';
import type { SafetyRecord, SafetyStatus } from '../../src/core/safetyRecord';
import type { Disclosure } from '../../src/db/disclosures';
import { encodeEventTicket, encodeSafetyQr, TAMPERED_MESSAGE } from '../../src/io/safetyQr';
import { APP_URL, newContext, SCREENSHOT_DIR, screenshot, setOperator, storedRecords, useBrowser } from './browser';

const browser = useBrowser();

/** Where the test keeps the pictures it hands from one device to the other. */
const PICTURES = `${SCREENSHOT_DIR}/safety-exchange`;

const storedSafety = (page: Page) => storedRecords<SafetyRecord>(page, 'safetyRecords');
const storedEvents = (page: Page) => storedRecords<Emergency>(page, 'emergencies');
const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

/** Opens the app with the demo on a fresh device and gives it a 作業者名. */
async function openDevice(page: Page, operator: string): Promise<void> {
  await page.goto(APP_URL);
  await page.waitForSelector('.app[data-ready="true"]', { timeout: 30_000 });
  await setOperator(page, operator);
}

/** Switches 災害時モード on for every district through the header's dialog; returns the stored event. */
async function startEvent(page: Page): Promise<Emergency> {
  await page.click('[data-testid="emergency-open"]');
  await page.fill('[data-testid="emergency-name"]', '令和9年 台風10号 大雨');
  await page.selectOption('[data-testid="emergency-level"]', '4');
  await page.check('[data-testid="emergency-authorised"]');
  await page.click('[data-testid="emergency-start-confirm"]');
  await page.waitForSelector('[data-testid="emergency-banner"]', { timeout: 30_000 });
  const [event] = await storedEvents(page);
  return event;
}

/** Confirms the event shown in the join part (the 49-11-3 check) and waits until this device is in it. */
async function confirmJoin(page: Page, eventId: string): Promise<Emergency> {
  await page.waitForSelector(`[data-testid="join-ticket"][data-event-id="${eventId}"]`, { timeout: 30_000 });
  await page.check('[data-testid="join-authorised"]');
  await page.click('[data-testid="join-confirm"]');
  await page.waitForSelector(`[data-testid="emergency-banner"][data-event-id="${eventId}"]`, { timeout: 30_000 });
  const [joined] = await storedEvents(page);
  return joined;
}

/** The 安否確認 screen with its board and the exchange part. */
async function openBoard(page: Page): Promise<void> {
  await page.goto(`${APP_URL}#/emergency`);
  await page.waitForSelector('[data-testid="emergency-screen"][data-ready="true"] [data-testid="safety-board"] [data-person-id]', { timeout: 60_000 }).catch(async (err: Error) => {
    await screenshot(page, 'safety-exchange-board-not-ready');
    throw new Error(`${err.message}\n安否確認: ${await page.evaluate(() => document.querySelector('[data-testid="emergency-screen"]')?.outerHTML.slice(0, 300) ?? document.querySelector('main')?.textContent)}`);
  });
  await page.waitForSelector('[data-testid="safety-exchange"][data-recorder]:not([data-recorder=""])', { timeout: 30_000 });
}

/** Records a status on the board with one tap (a note first when given) and waits until the board shows it. */
async function record(page: Page, personId: string, status: SafetyStatus, note = ''): Promise<void> {
  const row = `[data-testid="safety-board"] [data-person-id="${personId}"]`;
  if (note) {
    await page.click(`${row} [data-testid="board-person-name"]`);
    await page.fill(`${row} [data-testid="board-note"]`, note);
  }
  await page.click(`${row} button[data-status="${status}"]`);
  await page.waitForSelector(`${row}[data-state="${status}"]`, { timeout: 30_000 });
}

/** The board's people in its order. */
const boardIds = (page: Page) => page.$$eval('[data-testid="safety-board"] [data-person-id]', (els) => els.map((e) => e.getAttribute('data-person-id')!));

async function tab(page: Page, name: 'send' | 'read' | 'file' | 'join'): Promise<void> {
  await page.click(`[data-testid="exchange-tab-${name}"]`);
  await page.waitForSelector(`[data-testid="safety-exchange"] [data-panel="${name}"]`);
}

/**
 * Screenshots every part of the QR codes shown in `testid`, turning with 次へ (`full`: shown over
 * the whole screen first, as for a phone's camera); returns the files and the texts shown.
 */
async function screenshotQrParts(page: Page, testid: string, name: string, { full = false } = {}): Promise<{ files: string[]; texts: string[] }> {
  const figure = page.locator(`[data-testid="${testid}"]`);
  await figure.waitFor();
  if (full) await page.click(`[data-testid="${testid}-full"]`);
  const parts = Number(await figure.getAttribute('data-parts'));
  const files: string[] = [];
  const texts: string[] = [];
  for (let part = 1; part <= parts; part++) {
    if (part > 1) await page.click(`[data-testid="${testid}-next"]`);
    await page.waitForSelector(`[data-testid="${testid}"][data-part="${part}"]`);
    const file = `${PICTURES}/${name}-${part}.png`;
    await page.locator(`[data-testid="${testid}-code"]`).screenshot({ path: file });
    files.push(file);
    texts.push((await figure.getAttribute('data-payload'))!);
  }
  if (full) {
    await screenshot(page, `safety-exchange-${name}-full`);
    await page.click(`[data-testid="${testid}-full"]`);
  }
  return { files, texts };
}

/** Outcomes of the exchange part, oldest first. */
async function outcomes(page: Page): Promise<{ ok: boolean; added: number; duplicates: number; flagged: number; unknown: number; text: string }[]> {
  const list = await page.$$eval('[data-testid="exchange-outcome"]', (els) =>
    els.map((e) => ({
      ok: e.getAttribute('data-ok') === 'true',
      added: Number(e.getAttribute('data-added') ?? 0),
      duplicates: Number(e.getAttribute('data-duplicates') ?? 0),
      flagged: Number(e.getAttribute('data-flagged') ?? 0),
      unknown: Number(e.getAttribute('data-unknown') ?? 0),
      text: e.textContent ?? '',
    })),
  );
  return list.reverse();
}

/** Waits until the exchange part has said `n` outcomes in all; returns the new ones since `before`. */
async function newOutcomes(page: Page, before: number, n: number) {
  await expect
    .poll(async () => (await outcomes(page)).length, { timeout: 30_000 })
    .toBe(before + n)
    .catch(async (err: Error) => {
      const problems = await page.$$eval('[data-testid$="-problem"]', (els) => els.map((e) => e.textContent).join('\n'));
      throw new Error(`${err.message}\n読み取りの問題: ${problems || 'なし'}`);
    });
  return (await outcomes(page)).slice(before);
}

/**
 * Writes `text` as a QR code in a still Y4M video (640×480, 4:2:0) for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`): what a phone held up to the laptop's camera shows.
 */
function writeQrVideo(path: string, text: string): void {
  const W = 640;
  const H = 480;
  const scale = 5;
  const { modules } = qrCreate(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 8) * scale;
  const x0 = Math.floor((W - side) / 2) + 4 * scale;
  const y0 = Math.floor((H - side) / 2) + 4 * scale;
  const luma = new Uint8Array(W * H).fill(235);
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (!modules.get(r, c)) continue;
      for (let y = y0 + r * scale; y < y0 + (r + 1) * scale; y++) luma.fill(16, y * W + x0 + c * scale, y * W + x0 + (c + 1) * scale);
    }
  }
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, new Uint8Array(W * H / 2).fill(128)]);
  writeFileSync(path, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}

/** What records the same thing as `r` on another device: everything but when it was received there. */
const sent = (r: SafetyRecord) => ({ ...r, receivedAt: null });

describe('安否 between devices without a network (built app, two Chromium profiles)', () => {
  it('joins A\'s event from its QR screenshot, carries records by QR picture and by file, changes nothing when read twice, and refuses a tampered QR', async () => {
    mkdirSync(PICTURES, { recursive: true });
    const a = await (await browser.newContext()).newPage();
    const b = await (await browser.newContext()).newPage();
    await openDevice(a, '山田 花子');
    await openDevice(b, '佐藤 一郎');

    const event = await startEvent(a);
    expect(event.name).toBe('令和9年 台風10号 大雨');

    // B joins the same event by reading A's event QR from a screenshot.
    await openBoard(a);
    await tab(a, 'join');
    await expect(a.textContent('[data-testid="exchange-event-code"]')).resolves.toBe(event.id);
    const eventQr = await screenshotQrParts(a, 'exchange-event-qr', 'event');
    expect(eventQr.files).toHaveLength(1);
    await b.click('[data-testid="emergency-open"]');
    await b.click('[data-testid="emergency-join-open"]');
    await b.setInputFiles('[data-testid="join-qr-image"]', eventQr.files[0]);
    await b.waitForSelector(`[data-testid="join-ticket"][data-event-id="${event.id}"]`, { timeout: 30_000 });
    await expect(b.textContent('[data-testid="join-ticket-name"]')).resolves.toBe(event.name);
    await expect(b.isDisabled('[data-testid="join-confirm"]')).resolves.toBe(true); // not before the 49-11-3 check
    await screenshot(b, 'safety-exchange-join');
    const joined = await confirmJoin(b, event.id);
    expect(joined).toMatchObject({ id: event.id, name: event.name, alertLevel: 4, hazard: event.hazard, districtIds: event.districtIds, includeRefused: event.includeRefused, startedAt: event.startedAt, expiresAt: event.expiresAt, startedBy: '佐藤 一郎' });

    // Each device records different people: A the first 40 on the board (two QR codes), B the next 3.
    await openBoard(b);
    const ids = await boardIds(a);
    expect(ids.length).toBeGreaterThan(43);
    const mine = ids.slice(0, 40);
    const theirs = ids.slice(40, 43);
    const statuses: SafetyStatus[] = ['safe', 'needs_help', 'not_reached', 'absent'];
    for (const [i, id] of mine.entries()) await record(a, id, statuses[i % statuses.length]);
    await record(b, theirs[0], 'safe', 'ご家族と一緒');
    await record(b, theirs[1], 'needs_help', '薬が足りない');
    await record(b, theirs[2], 'not_reached');
    const aRecords = (await storedSafety(a)).sort(byId);
    const bRecords = (await storedSafety(b)).sort(byId);
    expect(aRecords).toHaveLength(40);
    expect(bRecords).toHaveLength(3);
    const aDevice = (await a.getAttribute('[data-testid="safety-exchange"]', 'data-recorder'))!;
    const bDevice = (await b.getAttribute('[data-testid="safety-exchange"]', 'data-recorder'))!;
    expect(aDevice).not.toBe(bDevice);

    // A shows its records as QR codes (no personal data in them); the test screenshots each and B reads the pictures.
    await tab(a, 'send');
    await a.waitForSelector('[data-testid="safety-exchange"][data-own="40"]');
    const qr = await screenshotQrParts(a, 'exchange-qr', 'records', { full: true });
    expect(qr.files.length).toBeGreaterThanOrEqual(2);
    const everyName = (await storedRecords<{ name: string; address: string; phone: string }>(a, 'people')).flatMap((p) => [p.name, p.address, p.phone].filter((v) => v));
    for (const text of qr.texts) for (const personal of everyName) expect(text).not.toContain(personal);
    await screenshot(a, 'safety-exchange-qr');

    await tab(b, 'read');
    await b.setInputFiles('[data-testid="exchange-read-image"]', qr.files);
    const first = await newOutcomes(b, 0, qr.files.length);
    expect(first.every((o) => o.ok && o.duplicates === 0 && o.flagged === 0 && o.unknown === 0)).toBe(true);
    expect(first.reduce((n, o) => n + o.added, 0)).toBe(40);
    expect(first[0].text).toMatch(/新しい記録 \d+件（\d+人の状況が変わりました）、重複 0件、確認が必要 0件、この端末の名簿にない人 0件/);
    await expect(b.textContent('[data-testid="exchange-parts"]')).resolves.toContain(`端末 ${aDevice} のQRコード ${qr.files.length}/${qr.files.length}枚（すべて読み取りました）`);
    let onB = (await storedSafety(b)).sort(byId);
    expect(onB.filter((r) => r.recorder === aDevice).map(sent)).toEqual(aRecords);
    expect(onB.filter((r) => r.recorder === aDevice).every((r) => r.receivedAt !== null)).toBe(true);
    for (const [i, id] of mine.entries()) await b.waitForSelector(`[data-testid="safety-board"] [data-person-id="${id}"][data-state="${statuses[i % statuses.length]}"]`);
    await screenshot(b, 'safety-exchange-read');

    // Reading the same pictures again changes nothing.
    await b.setInputFiles('[data-testid="exchange-read-image"]', qr.files);
    const again = await newOutcomes(b, qr.files.length, qr.files.length);
    expect(again.every((o) => o.ok && o.added === 0 && o.flagged === 0)).toBe(true);
    expect(again.reduce((n, o) => n + o.duplicates, 0)).toBe(40);
    expect(again[0].text).toContain('新しい記録 0件（0人の状況が変わりました）');
    expect((await storedSafety(b)).sort(byId)).toEqual(onB);

    // A tampered QR (one status changed by hand, drawn anew) and one of another event are refused in words; nothing changes.
    const tamperedText = qr.texts[0].replace(/,S,/, ',H,');
    expect(tamperedText).not.toBe(qr.texts[0]);
    const tampered = `${PICTURES}/tampered.png`;
    await qrToFile(tampered, tamperedText, { errorCorrectionLevel: 'M', scale: 6 });
    const otherEvent = `${PICTURES}/other-event.png`;
    const other = { id: event.id === 'ZZZZZZZZ' ? 'YYYYYYYY' : 'ZZZZZZZZ', startedAt: event.startedAt };
    await qrToFile(otherEvent, encodeSafetyQr(other, aDevice, aRecords.slice(0, 2))[0], { errorCorrectionLevel: 'M', scale: 6 });
    await b.setInputFiles('[data-testid="exchange-read-image"]', [tampered, otherEvent]);
    const refused = await newOutcomes(b, 2 * qr.files.length, 2);
    expect(refused.map((o) => o.ok)).toEqual([false, false]);
    expect(refused[0].text).toContain(TAMPERED_MESSAGE);
    expect(refused[1].text).toContain(`識別コード ${other.id}`);
    expect(refused[1].text).toContain(`識別コード ${event.id}`);
    expect((await storedSafety(b)).sort(byId)).toEqual(onB);
    await screenshot(b, 'safety-exchange-refused');

    // The same with a file, the other way: B writes its 安否の記録 (with the notes; an entry in B's 提供記録), A reads it.
    await tab(b, 'file');
    const [download] = await Promise.all([b.waitForEvent('download'), b.click('[data-testid="exchange-export"]')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^安否記録_令和9年_台風10号_大雨_災害時提供_${bDevice}_\\d{4}-\\d{2}-\\d{2}_\\d{4}\\.json$`));
    const file = `${PICTURES}/${download.suggestedFilename()}`;
    await download.saveAs(file);
    const entries = (await storedRecords<Disclosure>(b, 'disclosures')).filter((d) => d.kind === 'safety-file');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ fileName: download.suggestedFilename(), operator: '佐藤 一郎', count: 3, emergencyId: event.id });
    expect([...entries[0].personIds].sort()).toEqual([...theirs].sort());
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.marking).toBe(EMERGENCY_MARK);
    expect(written.records).toHaveLength(3);

    await tab(a, 'file');
    await a.setInputFiles('[data-testid="exchange-import"]', file);
    const [fromFile] = await newOutcomes(a, 0, 1);
    expect(fromFile).toMatchObject({ ok: true, added: 3, duplicates: 0, flagged: 0, unknown: 0 });
    expect(fromFile.text).toContain('新しい記録 3件（3人の状況が変わりました）');
    const onA = (await storedSafety(a)).sort(byId);
    expect(onA.filter((r) => r.recorder === bDevice).map(sent)).toEqual(bRecords);
    expect(onA.find((r) => r.personId === theirs[0])?.note).toBe('ご家族と一緒');
    await a.setInputFiles('[data-testid="exchange-import"]', file);
    const [fileAgain] = await newOutcomes(a, 1, 1);
    expect(fileAgain).toMatchObject({ ok: true, added: 0, duplicates: 3 });
    expect((await storedSafety(a)).sort(byId)).toEqual(onA);
    await a.waitForSelector(`[data-testid="safety-board"] [data-person-id="${theirs[1]}"][data-state="needs_help"]`);
    await screenshot(a, 'safety-exchange-file');

    // A file of another app is refused naming the file; B's own file read back on B changes nothing.
    await a.setInputFiles('[data-testid="exchange-import"]', 'package.json');
    const [notOurs] = await newOutcomes(a, 2, 1);
    expect(notOurs.ok).toBe(false);
    expect(notOurs.text).toContain('「package.json」は取り込めません');
    onB = (await storedSafety(b)).sort(byId);
    await b.setInputFiles('[data-testid="exchange-import"]', file);
    await expect.poll(async () => (await outcomes(b)).at(-1)?.duplicates, { timeout: 30_000 }).toBe(3);
    expect((await storedSafety(b)).sort(byId)).toEqual(onB);
  }, 300_000);

  it('reads an event QR with the camera (Chromium\'s fake camera showing it) the same way as from a picture', async () => {
    mkdirSync(PICTURES, { recursive: true });
    const now = Date.now();
    const ticket = { id: 'K7QX2M9P', name: 'カメラ読み取りの確認', alertLevel: 3 as const, hazard: 'flood' as const, districtIds: ['demo-d1'], includeRefused: false, startedAt: new Date(now - 60_000).toISOString(), expiresAt: new Date(now + 72 * 3_600_000).toISOString() };
    const video = `${PICTURES}/event-camera.y4m`;
    writeQrVideo(video, encodeEventTicket(ticket));
    const camera = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    try {
      const context = await newContext(camera);
      await context.grantPermissions(['camera'], { origin: new URL(APP_URL).origin });
      const page = await context.newPage();
      await openDevice(page, '鈴木 次郎');
      await page.click('[data-testid="emergency-open"]');
      await page.click('[data-testid="emergency-join-open"]');
      await page.click('[data-testid="join-qr-camera"]');
      await page.waitForSelector('[data-testid="join-qr"][data-state="camera"]');
      await page.waitForSelector(`[data-testid="join-ticket"][data-event-id="${ticket.id}"]`, { timeout: 30_000 });
      await screenshot(page, 'safety-exchange-camera-join');
      // The camera goes off once the event is read (the part that showed it is gone).
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
      expect(await confirmJoin(page, ticket.id)).toMatchObject({ ...ticket, startedBy: '鈴木 次郎' });
    } finally {
      await camera.close();
    }
  }, 120_000);

  it('joins from the 参加用ファイル and by typing the code, name and start; a record from a typed-in device reads back at its own time', async () => {
    mkdirSync(PICTURES, { recursive: true });
    const a = await (await browser.newContext()).newPage();
    const b = await (await browser.newContext()).newPage();
    const c = await (await browser.newContext()).newPage();
    await openDevice(a, '山田 花子');
    await openDevice(b, '佐藤 一郎');
    await openDevice(c, '高橋 三郎');
    const event = await startEvent(a);
    await openBoard(a);
    await tab(a, 'join');
    const [download] = await Promise.all([a.waitForEvent('download'), a.click('[data-testid="exchange-ticket-file"]')]);
    expect(download.suggestedFilename()).toBe(`災害参加_令和9年_台風10号_大雨_${event.id}.txt`);
    const ticketFile = `${PICTURES}/${download.suggestedFilename()}`;
    await download.saveAs(ticketFile);
    expect(readFileSync(ticketFile, 'utf8')).not.toContain('demo-p'); // no person in it

    // B: another file is refused in words; the 参加用ファイル joins.
    await b.click('[data-testid="emergency-open"]');
    await b.click('[data-testid="emergency-join-open"]');
    await b.check('[data-testid="join-way-file"]');
    await b.setInputFiles('[data-testid="join-file"]', 'package.json');
    await expect(b.textContent('[data-testid="join-problem"]')).resolves.toContain('package.json: 災害のQRコードではありません');
    await b.setInputFiles('[data-testid="join-file"]', ticketFile);
    expect(await confirmJoin(b, event.id)).toMatchObject({ id: event.id, name: event.name, startedAt: event.startedAt, expiresAt: event.expiresAt });

    // C types what A's 参加用 panel shows: a wrong code is explained, the right one joins (start to the minute).
    await c.click('[data-testid="emergency-open"]');
    await c.click('[data-testid="emergency-join-open"]');
    await c.check('[data-testid="join-way-type"]');
    await c.fill('[data-testid="join-code"]', event.id.slice(0, 7) + 'O');
    await c.fill('[data-testid="join-name"]', event.name);
    await c.selectOption('[data-testid="join-level"]', String(event.alertLevel));
    await c.selectOption('[data-testid="join-hazard"]', event.hazard);
    const minute = new Date(Math.floor(Date.parse(event.startedAt) / 60_000) * 60_000);
    const japanMinute = new Date(minute.getTime() + 9 * 3_600_000).toISOString().slice(0, 16);
    await c.fill('[data-testid="join-started"]', japanMinute);
    await c.click('[data-testid="join-typed-ok"]');
    await expect(c.textContent('[data-testid="join-problem"]')).resolves.toContain('0・1・O・I・L は使いません');
    await screenshot(c, 'safety-exchange-join-typed');
    await c.fill('[data-testid="join-code"]', event.id.toLowerCase());
    await c.click('[data-testid="join-typed-ok"]');
    const typedIn = await confirmJoin(c, event.id);
    expect(typedIn).toMatchObject({ id: event.id, name: event.name, alertLevel: event.alertLevel, hazard: event.hazard, districtIds: [], includeRefused: true, startedAt: minute.toISOString() });

    // C records someone; A reads C's QR picture: the record arrives with C's own time, not flagged.
    await openBoard(c);
    const [first] = await boardIds(c);
    await record(c, first, 'safe');
    const [cRecord] = await storedSafety(c);
    await tab(c, 'send');
    const qr = await screenshotQrParts(c, 'exchange-qr', 'typed-device', { full: true });
    await tab(a, 'read');
    await a.setInputFiles('[data-testid="exchange-read-image"]', qr.files);
    const [merged] = await newOutcomes(a, 0, 1);
    expect(merged).toMatchObject({ ok: true, added: 1, duplicates: 0, flagged: 0 });
    const onA = await storedSafety(a);
    expect(onA.map(sent)).toEqual([cRecord]);
  }, 300_000);
});
