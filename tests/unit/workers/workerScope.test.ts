/**
 * The one place worker modules talk to their page (src/workers/workerScope.ts): responses go out
 * with their transfer list, requests come in as the message's data, and outside a dedicated worker
 * (the page, Node) `inWorker()` is false so worker-only handlers are not installed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { inWorker, pageChannel } from '../../../src/workers/workerScope';

type Scope = { postMessage: (message: unknown, options?: { transfer?: unknown[] }) => void; onmessage: ((e: { data: unknown }) => void) | null };

function standIn(): { scope: Scope; posted: { message: unknown; options?: { transfer?: unknown[] } }[] } {
  const posted: { message: unknown; options?: { transfer?: unknown[] } }[] = [];
  const scope: Scope = { postMessage: (message, options) => posted.push({ message, options }), onmessage: null };
  Object.assign(globalThis, { self: scope });
  return { scope, posted };
}

afterEach(() => {
  Reflect.deleteProperty(globalThis, 'self');
});

describe('worker scope', () => {
  it('is not a worker in Node', () => {
    expect(inWorker()).toBe(false);
  });

  it('posts responses with their transfer list (empty when none)', () => {
    const { posted } = standIn();
    const page = pageChannel<never, { id: number; bytes?: ArrayBuffer }>();
    const bytes = new ArrayBuffer(8);
    page.post({ id: 1 });
    page.post({ id: 2, bytes }, [bytes]);
    expect(posted).toEqual([
      { message: { id: 1 }, options: { transfer: [] } },
      { message: { id: 2, bytes }, options: { transfer: [bytes] } },
    ]);
  });

  it('hands each request to the listener, the latest listener only', () => {
    const { scope } = standIn();
    const page = pageChannel<{ id: number }, never>();
    const first: number[] = [];
    const second: number[] = [];
    page.listen((r) => first.push(r.id));
    scope.onmessage?.({ data: { id: 1 } });
    page.listen((r) => second.push(r.id));
    scope.onmessage?.({ data: { id: 2 } });
    expect([first, second]).toEqual([[1], [2]]);
  });
});
