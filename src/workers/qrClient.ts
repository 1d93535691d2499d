import type { QrRequest, QrResponse } from './qrProtocol';

/**
 * The page's end of the QR worker (workers/qrWorker.ts): one worker per reader (a camera, an image
 * input), asked one picture at a time; `close` ends it. Searching a picture takes from a tenth of a
 * second (a camera frame) to seconds (a large photo), which would freeze the page on its thread.
 */
export class QrReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (text: string | null) => void; reject: (err: Error) => void }>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./qrWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<QrResponse>) => {
      const m = e.data;
      const pending = this.waiting.get(m.id);
      if (!pending) return;
      this.waiting.delete(m.id);
      if (m.type === 'found') pending.resolve(m.text);
      else pending.reject(new Error(m.message));
    };
    worker.onerror = (e) => this.fail(`QRコードの読み取りが止まりました（${e.message}）。`);
    this.worker = worker;
    return worker;
  }

  private fail(message: string): void {
    for (const pending of this.waiting.values()) pending.reject(new Error(message));
    this.waiting.clear();
    this.worker?.terminate();
    this.worker = null;
  }

  /** The text of the QR code in RGBA `pixels` (moved to the worker: unusable here afterwards), or null. */
  find(pixels: Uint8ClampedArray<ArrayBuffer>, width: number, height: number, invert = true): Promise<string | null> {
    const worker = this.start();
    const id = this.nextId++;
    const request: QrRequest = { id, pixels: pixels.buffer, width, height, invert };
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage(request, [pixels.buffer]);
    });
  }

  /** Ends the worker; a search still running is answered with an error. */
  close(): void {
    this.fail('QRコードの読み取りを終えました。');
  }
}
