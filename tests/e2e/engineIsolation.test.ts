/**
 * Issue 12 (first step): the engine worker's module is loaded only in its worker. The page imports
 * the engine's message protocol (workers/engineProtocol.ts), never the worker module, so the page
 * does not install the worker's message handler — which, on the page, answered any
 * `window.postMessage` with 「計算できませんでした」 and then its own answers, for ever — and the
 * page's script does not carry that module. (Screens still import engine parts of their own: moving
 * those behind the worker is the rest of issue 12.)
 */
import { describe, expect, it } from 'vitest';
import { openApp, useBrowser } from './browser';

const browser = useBrowser();

describe('the engine stays in its worker', () => {
  it('a message posted to the page gets no 「計算できませんでした」 answer, and the page’s script holds no engine worker module', async () => {
    const { page } = await browser.newPage();
    await openApp(page);

    // Messages are delivered in order: 'x', then s1. A handler answering 'x' queues its answer
    // before s1 is handled; s1 then queues s2 behind that answer, so by s2 every answer is counted.
    const answers = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let failed = 0;
          window.addEventListener('message', (e: MessageEvent) => {
            if (e.data && typeof e.data === 'object' && e.data.type === 'failed') failed++;
            if (e.data === 'sentinel-1') window.postMessage('sentinel-2', location.origin);
            if (e.data === 'sentinel-2') resolve(failed);
          });
          window.postMessage('x', location.origin);
          window.postMessage('sentinel-1', location.origin);
        }),
    );
    expect(answers).toBe(0);

    // The page's own module script: the engine worker's words are not in it.
    const scripts = await page.evaluate(async () => {
      const srcs = [...document.querySelectorAll<HTMLScriptElement>('script[type="module"][src]')].map((s) => s.src);
      return Promise.all(srcs.map(async (src) => (await fetch(src)).text()));
    });
    expect(scripts.length).toBeGreaterThan(0);
    for (const text of scripts) expect(text).not.toContain('計算できませんでした');
  });
});
