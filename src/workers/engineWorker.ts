/// <reference lib="webworker" />
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { EngineHost } from './engineHost';
import { inWorker, pageChannel } from './workerScope';

/**
 * The engine worker: one, long-lived, per page and database (workers/engineClient.ts starts it).
 * It reads its inputs from IndexedDB itself and keeps what it built across requests
 * (workers/engineHost.ts, workers/engineStore.ts); the messages are in engineProtocol.ts. The
 * handler is installed only inside a dedicated worker, so a page that imported this module by
 * mistake would not answer its own messages with 「計算できませんでした」.
 */
if (inWorker()) {
  const page = pageChannel<EngineRequest, EngineResponse>();
  const host = new EngineHost((m) => page.post(m));
  page.listen((request) => void host.handle(request));
}
