/**
 * A stand-in for the browser's `Worker` in Node, so the page-side clients (…Client.ts) can be driven
 * through their protocol: it records what the page posts and lets a test answer as the worker would.
 */
import { afterEach, vi } from 'vitest';

type Listener = (event: { data: unknown; message?: string; preventDefault?: () => void }) => void;

export class FakeWorker {
  /** Every worker the code under test started, in order. */
  static started: FakeWorker[] = [];
  readonly posted: { message: unknown; transfer: unknown }[] = [];
  terminated = false;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;
  onmessageerror: Listener | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    readonly url: URL,
    readonly options: unknown,
  ) {
    FakeWorker.started.push(this);
  }

  postMessage(message: unknown, transfer?: unknown): void {
    this.posted.push({ message, transfer });
  }

  terminate(): void {
    this.terminated = true;
  }

  addEventListener(type: string, listener: Listener): void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    this.listeners.get(type)?.delete(listener);
  }

  /** Answers as the worker would (a structured clone arrives as `event.data`). */
  reply(data: unknown): void {
    const event = { data: structuredClone(data) };
    this.onmessage?.(event);
    for (const l of this.listeners.get('message') ?? []) l(event);
  }

  /** The worker's script failed (an uncaught error in the worker). */
  fail(message: string): void {
    const event = { data: undefined, message, preventDefault: () => {} };
    this.onerror?.(event);
    for (const l of this.listeners.get('error') ?? []) l(event);
  }

  /** The last message the page posted. */
  last<T = Record<string, unknown>>(): T {
    const m = this.posted.at(-1);
    if (!m) throw new Error('nothing posted');
    return m.message as T;
  }

  /** The most recently started worker. */
  static latest(): FakeWorker {
    const w = FakeWorker.started.at(-1);
    if (!w) throw new Error('no worker started');
    return w;
  }
}

/** Installs FakeWorker as the global `Worker` for the current test file. */
export function useFakeWorker(): void {
  vi.stubGlobal('Worker', FakeWorker);
  afterEach(() => {
    FakeWorker.started = [];
  });
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
