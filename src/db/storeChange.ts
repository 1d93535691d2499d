/**
 * A whole-store change in one tab (a restore, an erase, a merge) told to every other tab of the
 * app, so none keeps showing — and writing back — data of the store that was replaced. Each tab
 * that hears it stops its own writes of typing (`stopTypingWrites`) and reloads.
 */

/** The BroadcastChannel every tab of the app listens on. */
const STORE_CHANNEL = 'hinan-store';

export type StoreChange = 'restore' | 'erase' | 'merge';

/** This page (a BroadcastChannel delivers to every other channel object of the name, this page's own listener too). */
const THIS_PAGE = Math.random().toString(36).slice(2) + Date.now().toString(36);

/** Tells every other tab that this tab changed the whole store (this tab's own listener ignores it). */
export function announceStoreChange(change: StoreChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.postMessage({ change, from: THIS_PAGE });
  channel.close();
}

/** Calls `handler` when another tab changed the whole store; returns the unsubscribe. */
export function onStoreChangeElsewhere(handler: (change: StoreChange) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(STORE_CHANNEL);
  channel.onmessage = (event: MessageEvent<{ change?: StoreChange; from?: string }>) => {
    if (event.data?.from === THIS_PAGE) return;
    const change = event.data?.change;
    if (change === 'restore' || change === 'erase' || change === 'merge') handler(change);
  };
  return () => channel.close();
}

let typingWritesStopped = false;

/** From now until this page reloads, drafts and autosaves of typing are not written (the store was replaced). */
export function stopTypingWrites(): void {
  typingWritesStopped = true;
}

/** Whether typing must no longer be written (see `stopTypingWrites`). */
export function typingWritesAreStopped(): boolean {
  return typingWritesStopped;
}
