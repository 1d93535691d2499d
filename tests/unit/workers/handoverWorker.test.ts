/**
 * The hand-over worker's messages (src/workers/handoverWorker.ts), run in Node with `self` standing
 * in for the worker's scope: errors cross to the page as a code and the Japanese message —
 * a BackupError's own code, `operator-missing` when no 作業者名 is set — under the request's id.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoverRequest, HandoverResponse } from '../../../src/workers/handoverProtocol';

describe('hand-over worker messages', () => {
  const posted: HandoverResponse[] = [];
  let send: (request: HandoverRequest) => Promise<void> = async () => {};

  beforeAll(async () => {
    const scope: { postMessage: (m: HandoverResponse) => void; onmessage: ((e: { data: HandoverRequest }) => Promise<void>) | null } = {
      postMessage: (m) => posted.push(m),
      onmessage: null,
    };
    Object.assign(globalThis, { self: scope });
    await import('../../../src/workers/handoverWorker');
    send = async (request) => {
      await scope.onmessage?.({ data: request });
    };
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'self');
  });

  it('a file that is not a .hinan file fails with its code and message', async () => {
    posted.length = 0;
    await send({ id: 3, type: 'receive', file: new Blob(['これは表計算のファイルです']), fileName: 'x.csv', passphrase: 'p', now: Date.now() });
    expect(posted.at(-1)).toEqual({ id: 3, type: 'failed', code: 'not-backup', message: expect.stringContaining('.hinan') });
  });

  it('writing without a 作業者名 fails as operator-missing', async () => {
    posted.length = 0;
    await send({ id: 4, type: 'write', recipient: { kind: 'group', group: 'minsei' }, passphrase: '11111-22222-33333-44444-55555', expiresOn: '2099-01-01', now: Date.now() });
    expect(posted.at(-1)).toMatchObject({ id: 4, type: 'failed', code: 'operator-missing', message: expect.stringContaining('作業者名') });
  });
});
