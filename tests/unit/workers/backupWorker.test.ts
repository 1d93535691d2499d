/**
 * The backup worker's message handler (src/workers/backupWorker.ts) on a real store: results and
 * progress come back as messages, errors cross as a code and a Japanese message, and an inspected
 * backup is kept until it is restored. Importing the module installs nothing outside a worker.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { backupHandler } from '../../../src/workers/backupWorker';
import type { BackupRequest, BackupResponse } from '../../../src/workers/backupProtocol';
import { openFilledDb, PASSPHRASE, snapshot } from '../db/backupStore';

async function send(handle: ReturnType<typeof backupHandler>, request: BackupRequest) {
  const messages: BackupResponse[] = [];
  await handle(request, (m) => messages.push(m));
  const last = messages.at(-1)!;
  return { last, progress: messages.filter((m) => m.type === 'progress') };
}

describe('backup worker messages (the app’s own Argon2id cost: slow)', { timeout: 120_000 }, () => {
  it('backup, inspect (wrong then right passphrase), restore; restoring twice is refused in Japanese', async () => {
    expect(typeof (globalThis as { onmessage?: unknown }).onmessage).not.toBe('function');
    const db = await openFilledDb();
    const before = await snapshot(db);
    const handle = backupHandler(() => db);

    const made = await send(handle, { id: 1, type: 'backup', passphrase: PASSPHRASE, settings: { 'hinan.onlineTiles': 'off' } });
    expect(made.last).toMatchObject({ id: 1, type: 'backup-done', fileName: expect.stringMatching(/^避難支援_バックアップ_\d{8}\.hinan$/), counts: { people: before.people.length } });
    expect(made.progress.map((m) => m.type === 'progress' && m.stage)).toContain('暗号化しています');
    const blob = (made.last as Extract<BackupResponse, { type: 'backup-done' }>).blob;

    const wrong = await send(handle, { id: 2, type: 'inspect', file: blob, fileName: 'a.hinan', passphrase: '00000-00000-00000-00000-00000' });
    expect(wrong.last).toMatchObject({ id: 2, type: 'failed', code: 'wrong-passphrase', message: expect.stringContaining('パスフレーズが違います') });

    const inspected = await send(handle, { id: 3, type: 'inspect', file: blob, fileName: 'a.hinan', passphrase: PASSPHRASE });
    expect(inspected.last).toMatchObject({ type: 'inspected', header: { kind: 'backup', operator: '山田 花子' }, counts: { people: before.people.length, planVersions: before.planVersions.length } });

    await db.people.clear();
    const restored = await send(handle, { id: 4, type: 'restore' });
    expect(restored.last).toMatchObject({ type: 'restored', settings: { 'hinan.onlineTiles': 'off' } });
    expect(await snapshot(db)).toMatchObject({ people: before.people });

    const again = await send(handle, { id: 5, type: 'restore' });
    expect(again.last).toMatchObject({ type: 'failed', code: 'failed', message: expect.stringContaining('先にバックアップファイルを開いてください') });
  });

  it('without a 作業者名 the error says so (code operator-missing) and no file is made', async () => {
    const db = await openFilledDb();
    await db.meta.delete('operator');
    const handle = backupHandler(() => db);
    const { last } = await send(handle, { id: 1, type: 'backup', passphrase: PASSPHRASE, settings: {} });
    expect(last).toMatchObject({ type: 'failed', code: 'operator-missing', message: expect.stringContaining('作業者名') });
  });
});
