/// <reference lib="webworker" />
import type { EngineRequest, EngineResponse } from './engineProtocol';
import { EngineHost } from './engineHost';

/**
 * The engine worker: one, long-lived, per page and database (workers/engineClient.ts starts it).
 * It reads its inputs from IndexedDB itself and keeps what it built across requests
 * (workers/engineHost.ts, workers/engineStore.ts); the messages are in engineProtocol.ts. The
 * handler is installed only inside a dedicated worker, so a page that imported this module by
 * mistake would not answer its own messages with 「計算できませんでした」.
 */
const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;

if (inWorker) {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  const host = new EngineHost((m: EngineResponse) => scope.postMessage(m));
  scope.onmessage = (event: MessageEvent<EngineRequest>) => void host.handle(event.data);
}
