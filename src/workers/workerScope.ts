/// <reference lib="webworker" />
/**
 * The one place a worker module talks to its page over `self`. Messages are structured clones:
 * their types are the protocol files' (…Protocol.ts), checked by the compiler on both sides, not at
 * run time.
 */

/** True inside a dedicated worker; false on the page and in Node tests (which may stand in a `self`). */
export function inWorker(): boolean {
  return typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
}

/** A worker's two ends: requests from the page in, responses out. */
export interface PageChannel<Request, Response> {
  /** Posts a response to the page; `transfer`: buffers moved rather than copied. */
  post(message: Response, transfer?: Transferable[]): void;
  /** Calls `handle` with every request the page posts (replaces any earlier handler). */
  listen(handle: (request: Request) => void): void;
}

/** The channel to the page of the worker running this module (`self` is read at each call). */
export function pageChannel<Request, Response>(): PageChannel<Request, Response> {
  return {
    post: (message, transfer = []) => self.postMessage(message, { transfer }),
    listen: (handle) => {
      self.onmessage = (event: MessageEvent<Request>) => handle(event.data);
    },
  };
}
