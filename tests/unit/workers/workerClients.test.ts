/**
 * The page's side of every worker protocol (src/workers/*Client.ts), driven through a stand-in
 * Worker: what the page posts, how progress, slices and answers come back, and how a failure, a
 * crash or a cancel ends a call — with the Japanese messages the page shows.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../src/core/analysisSettings';
import { defaultRosterChoices } from '../../../src/core/rosterUpdate';
import { OperatorMissingError } from '../../../src/db/disclosures';
import { BackupError } from '../../../src/io/backup/backupError';
import { createBackup, discardInspected, inspectBackup, restoreInspected } from '../../../src/workers/backupClient';
import { EngineClient } from '../../../src/workers/engineClient';
import type { EngineRequest } from '../../../src/workers/engineProtocol';
import { readReferenceInWorker } from '../../../src/workers/geocodeClient';
import { createHandover } from '../../../src/workers/handoverClient';
import { planRosterUpdate, readInWorker, releaseRosterFile } from '../../../src/workers/importClient';
import type { ImportRequest, RosterRequest } from '../../../src/workers/importProtocol';
import { buildTilesInWorker } from '../../../src/workers/tileClient';
import { person } from '../core/rosterFixtures';
import { FakeWorker, settle, useFakeWorker } from './fakeWorker';

useFakeWorker();

const scope = { districtId: null, storeKey: 1, geodataRevision: 'r1' };
const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-11-23' };

/** Whether a promise has settled (after pending callbacks ran). */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  p.then(() => (done = true), () => (done = true));
  await settle();
  return done;
}

describe('engine client', () => {
  it('sends only what to compute, reports progress and puts the people slices back in order', async () => {
    const client = new EngineClient('db-a');
    const progress: [number, number][] = [];
    const run = client.analyse('map', scope, settings, (done, total) => progress.push([done, total]));
    const w = FakeWorker.latest();
    const req = w.last<Extract<EngineRequest, { type: 'analyse' }>>();
    expect(req).toMatchObject({ type: 'analyse', channel: 'map', scope: { dbName: 'db-a', districtId: null, storeKey: 1, geodataRevision: 'r1' } });
    w.reply({ id: req.id, type: 'progress', done: 1, total: 3 });
    w.reply({ id: req.id, type: 'people', people: [{ personId: 'a' }, { personId: 'b' }] });
    w.reply({ id: req.id, type: 'people', people: [{ personId: 'c' }] });
    w.reply({ id: req.id, type: 'result', analysis: { summary: 's', people: [] } });
    await expect(run).resolves.toEqual({ summary: 's', people: [{ personId: 'a' }, { personId: 'b' }, { personId: 'c' }] });
    expect(progress).toEqual([[1, 3]]);
  });

  it('a newer run on the channel supersedes the older (which never settles); cancel tells the worker', async () => {
    const client = new EngineClient('db-a');
    const older = client.analyse('map', scope, settings);
    const w = FakeWorker.latest();
    const olderId = w.last<EngineRequest>().id;
    const newer = client.analyse('map', scope, settings);
    const newerId = w.last<EngineRequest>().id;
    w.reply({ id: olderId, type: 'result', analysis: { people: [] } });
    w.reply({ id: newerId, type: 'result', analysis: { people: [] } });
    expect(await settled(older)).toBe(false);
    await expect(newer).resolves.toEqual({ people: [] });
    const third = client.analyse('karte', scope, settings);
    client.cancel('karte');
    expect(w.last()).toMatchObject({ type: 'cancel', channel: 'karte' });
    expect(await settled(third)).toBe(false);
    expect(FakeWorker.started).toHaveLength(1);
  });

  it('a failed computation rejects with the worker’s words; an unexpected answer with the page’s', async () => {
    const client = new EngineClient('db-a');
    const route = client.roadRoute(scope, { home: [139.9, 37.5], shelter: [139.91, 37.5], hazard: 'flood', avoidZones: false });
    const w = FakeWorker.latest();
    w.reply({ id: w.last<EngineRequest>().id, type: 'failed', message: '計算できませんでした（道路がありません）。' });
    await expect(route).rejects.toThrow('計算できませんでした（道路がありません）。');
    const suggestions = client.suggestions(scope, person('P1'));
    w.reply({ id: w.last<EngineRequest>().id, type: 'roadRoute', answer: { reason: 'x' } });
    await expect(suggestions).rejects.toThrow(/計算処理が止まりました（予期しない応答 roadRoute）/);
  });

  it('a crashed worker rejects every waiting call, and the next request starts a new one', async () => {
    const client = new EngineClient('db-a');
    const a = client.analyse('map', scope, settings);
    const b = client.roadRoute(scope, { home: [139.9, 37.5], shelter: [139.91, 37.5], hazard: 'flood', avoidZones: true });
    FakeWorker.latest().fail('メモリ不足');
    await expect(a).rejects.toThrow('計算処理が止まりました（メモリ不足）。もう一度操作すると、計算をやり直します。');
    await expect(b).rejects.toThrow(/メモリ不足/);
    expect(FakeWorker.latest().terminated).toBe(true);
    void client.analyse('map', scope, settings);
    expect(FakeWorker.started).toHaveLength(2);
    client.terminate();
  });
});

describe('import client', () => {
  const file = (name: string, text: string) => new File([text], name);

  it('moves the file bytes to the worker, rebuilds the preview from its slices and keeps a 名簿 worker for the update', async () => {
    const progress: string[] = [];
    const read = readInWorker('people', [file('名簿.csv', 'ID\n1')], (stage) => progress.push(stage));
    await settle();
    const w = FakeWorker.latest();
    const req = w.last<ImportRequest>();
    expect(req).toMatchObject({ type: 'read', kind: 'people', files: [{ name: '名簿.csv' }] });
    expect(w.posted.at(-1)?.transfer).toEqual([req.files[0].bytes]);
    const header = { kind: 'people', files: [], rowCount: 3, errors: [], notes: [], columns: null };
    w.reply({ id: req.id, type: 'progress', stage: 'ファイルを読んでいます', done: 0, total: 1 });
    w.reply({ id: req.id, type: 'records', slice: { kind: 'people', records: [person('1'), person('2')] } });
    w.reply({ id: req.id, type: 'records', slice: { kind: 'people', records: [person('3')] } });
    w.reply({ id: req.id, type: 'result', preview: { ...header, records: [] } });
    const preview = await read;
    expect(preview.kind === 'people' && preview.records.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(progress).toEqual(['ファイルを読んでいます']);
    expect(w.terminated).toBe(false);

    const plan = planRosterUpdate(defaultRosterChoices(), [], () => {});
    const rosterReq = w.last<RosterRequest>();
    expect(rosterReq).toMatchObject({ type: 'roster-plan', formRecipients: [] });
    w.reply({ id: rosterReq.id, type: 'roster-plan', summary: { kind: 'people' } });
    await expect(plan).resolves.toEqual({ kind: 'people' });
    releaseRosterFile();
    expect(w.terminated).toBe(true);
    await expect(planRosterUpdate(defaultRosterChoices(), [], () => {})).rejects.toThrow('名簿のファイルがもう読み込まれていません。もう一度ファイルを選んでください。');
  });

  it('ends a shelter worker with its result; a failure rejects with the worker’s message; a cancel is an AbortError', async () => {
    const read = readInWorker('shelters', [file('a.geojson', '{}'), file('b.csv', '')], () => {});
    await settle();
    const w = FakeWorker.latest();
    const { id } = w.last<ImportRequest>();
    w.reply({ id, type: 'result', preview: { kind: 'shelters', files: [], rowCount: 0, errors: [], notes: [], columns: null, merge: null, records: [] } });
    await expect(read).resolves.toMatchObject({ kind: 'shelters', records: [] });
    expect(w.terminated).toBe(true);

    const failing = readInWorker('hazards', [file('z.geojson', '')], () => {});
    await settle();
    const f = FakeWorker.latest();
    f.reply({ id: f.last<ImportRequest>().id, type: 'failed', message: 'ファイルを読めませんでした（x）。' });
    await expect(failing).rejects.toThrow('ファイルを読めませんでした（x）。');
    expect(f.terminated).toBe(true);

    const abort = new AbortController();
    const cancelled = readInWorker('districts', [file('d.geojson', '')], () => {}, abort.signal);
    await settle();
    abort.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError', message: '取り込みを中止しました。' });
    expect(FakeWorker.latest().terminated).toBe(true);
  });
});

describe('tile client', () => {
  it('shares one build per store between callers, with progress to each, and ends the worker', async () => {
    const seen: string[] = [];
    const first = buildTilesInWorker('db-t', (stage) => seen.push(`1:${stage}`));
    const second = buildTilesInWorker('db-t', (stage) => seen.push(`2:${stage}`));
    expect(FakeWorker.started).toHaveLength(1);
    const w = FakeWorker.latest();
    const { id } = w.last<{ id: number }>();
    expect(w.last()).toEqual({ id, type: 'build', dbName: 'db-t' });
    w.reply({ id, type: 'progress', stage: '道路', done: 1, total: 2 });
    w.reply({ id, type: 'built', revision: 'rev-2', built: [] });
    await expect(first).resolves.toEqual({ revision: 'rev-2', built: [] });
    await expect(second).resolves.toEqual({ revision: 'rev-2', built: [] });
    expect(seen).toEqual(['1:道路', '2:道路']);
    expect(w.terminated).toBe(true);

    const again = buildTilesInWorker('db-t');
    expect(FakeWorker.started).toHaveLength(2);
    FakeWorker.latest().reply({ id: FakeWorker.latest().last<{ id: number }>().id, type: 'failed', message: '地図の区域データを作れませんでした（x）。' });
    await expect(again).rejects.toThrow('地図の区域データを作れませんでした（x）。');
  });
});

describe('geocode client', () => {
  it('moves the file bytes and resolves with the preview; an answer of another type is refused', async () => {
    const read = readReferenceInWorker(new File(['a,b'], '07202.csv'), () => {});
    await settle();
    const w = FakeWorker.latest();
    const req = w.last<{ id: number; type: string; file: { name: string; bytes: ArrayBuffer } }>();
    expect(req).toMatchObject({ type: 'read', file: { name: '07202.csv' } });
    expect(w.posted.at(-1)?.transfer).toEqual([req.file.bytes]);
    w.reply({ id: req.id, type: 'read', preview: { file: '07202.csv', records: [] } });
    await expect(read).resolves.toEqual({ file: '07202.csv', records: [] });

    const odd = readReferenceInWorker(new File([''], 'x.csv'), () => {});
    await settle();
    const o = FakeWorker.latest();
    o.reply({ id: o.last<{ id: number }>().id, type: 'geocoded', results: [] });
    await expect(odd).rejects.toThrow('処理の応答が読めません。');
  });
});

describe('backup and hand-over clients', () => {
  it('turn a failure code back into the error the page shows', async () => {
    const made = createBackup({ passphrase: 'p', settings: {} }, () => {});
    const w = FakeWorker.latest();
    expect(w.last()).toMatchObject({ type: 'backup', passphrase: 'p', settings: {} });
    w.reply({ id: w.last<{ id: number }>().id, type: 'failed', code: 'operator-missing', message: '' });
    await expect(made).rejects.toBeInstanceOf(OperatorMissingError);
    expect(w.terminated).toBe(true);

    const inspected = inspectBackup(new Blob(['x']), 'p', () => {});
    const i = FakeWorker.latest();
    i.reply({ id: i.last<{ id: number }>().id, type: 'failed', code: 'wrong-passphrase', message: 'パスフレーズが違います。' });
    await expect(inspected).rejects.toSatisfy((e) => e instanceof BackupError && e.code === 'wrong-passphrase' && e.message === 'パスフレーズが違います。');
    expect(i.terminated).toBe(true);

    const handover = createHandover({ recipient: { kind: 'group', group: 'shobodan' }, passphrase: 'p', expiresOn: '2027-05-01' }, () => {});
    const h = FakeWorker.latest();
    expect(h.last()).toMatchObject({ type: 'write', id: 1, expiresOn: '2027-05-01', now: expect.any(Number) });
    h.reply({ id: 1, type: 'failed', code: 'failed', message: '受け渡しファイルを作れませんでした。' });
    await expect(handover).rejects.toThrow('受け渡しファイルを作れませんでした。');
  });

  it('keeps an inspected backup in its worker until it is restored', async () => {
    const inspected = inspectBackup(new Blob(['x']), 'p', () => {});
    const w = FakeWorker.latest();
    w.reply({ id: w.last<{ id: number }>().id, type: 'inspected', header: { kind: 'backup' }, counts: { people: 2 } });
    await expect(inspected).resolves.toEqual({ header: { kind: 'backup' }, counts: { people: 2 } });
    expect(w.terminated).toBe(false);
    const restored = restoreInspected(() => {});
    expect(w.last()).toMatchObject({ type: 'restore' });
    w.reply({ id: w.last<{ id: number }>().id, type: 'restored', counts: { people: 2 }, settings: {}, kept: { people: 0 } });
    await expect(restored).resolves.toMatchObject({ counts: { people: 2 } });
    expect(w.terminated).toBe(true);
    discardInspected();
    await expect(restoreInspected(() => {})).rejects.toThrow('先にバックアップファイルを開いてください。');
  });
});
