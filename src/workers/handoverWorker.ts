/// <reference lib="webworker" />
import { OperatorMissingError } from '../db/disclosures';
import { writeHandover } from '../db/handover';
import { receiveHandover, ReceivedRegistry } from '../db/received';
import { HinanDatabase } from '../db/schema';
import { BackupError } from '../io/backup/backupError';
import { errorMessage } from '../core/thrown';
import type { HandoverRequest, HandoverResponse } from './handoverProtocol';
import { pageChannel } from './workerScope';

/** Makes a 受け渡しファイル from the app's store, or opens one into its own database (src/db/handover.ts, received.ts). */
const page = pageChannel<HandoverRequest, HandoverResponse>();
const post = page.post;

page.listen(async (request) => {
  const { id } = request;
  const onProgress = (done: number, total: number) => post({ id, type: 'progress', done, total });
  const now = new Date(request.now);
  try {
    if (request.type === 'write') {
      const db = new HinanDatabase();
      try {
        const r = await writeHandover(db, { recipient: request.recipient, passphrase: request.passphrase, expiresOn: request.expiresOn, onProgress, now });
        post({ id, type: 'written', blob: new Blob(r.parts, { type: 'application/octet-stream' }), fileName: r.fileName, label: r.label, people: r.people });
      } finally {
        db.close();
      }
    } else {
      const registry = new ReceivedRegistry();
      try {
        post({ id, type: 'received', file: await receiveHandover(registry, request.file, request.passphrase, { fileName: request.fileName, onProgress, now }) });
      } finally {
        registry.close();
      }
    }
  } catch (err) {
    if (err instanceof BackupError) post({ id, type: 'failed', code: err.code, message: err.message });
    else if (err instanceof OperatorMissingError) post({ id, type: 'failed', code: 'operator-missing', message: err.message });
    else post({ id, type: 'failed', code: 'failed', message: errorMessage(err) });
  }
});
