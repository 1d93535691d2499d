/**
 * Whether the browser says it is online (`navigator.onLine`, kept current by the `online` /
 * `offline` events). Network-only features (the ハザードマップポータル overlays and reads) show
 * only while this is true; it is a hint, not a promise: a request may still fail while "online".
 */
class OnlineState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);

  constructor() {
    if (typeof window === 'undefined') return;
    window.addEventListener('online', () => (this.online = true));
    window.addEventListener('offline', () => (this.online = false));
  }
}

/** The page's one online state: read `network.online` in components and effects. */
export const network = new OnlineState();
