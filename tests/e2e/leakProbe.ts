/**
 * Finds where people appear: a text/coordinate scanner that runs the same way in Node (files,
 * PDF text, CLI output) and in the page (DOM, map data), plus passive hooks in the page that scan
 * everything the app hands to MapLibre's workers and every Blob it makes (map GeoJSON given as
 * Blob URLs, downloads). Used by tests/e2e/consentSweep.test.ts.
 */
import type { BrowserContext, Page } from 'playwright-core';

/** What to look for: text markers (compared with all whitespace removed) and home positions `"lng,lat"` (6 decimals). */
export interface ProbeMarkers {
  texts: string[];
  homes: string[];
}

/** Which markers one place holds, by place name. */
export type Sightings = Map<string, Set<string>>;

export function addSighting(s: Sightings, where: string, markers: Iterable<string>): void {
  let set = s.get(where);
  for (const m of markers) {
    if (!set) s.set(where, (set = new Set()));
    set.add(m);
  }
  if (!set) s.set(where, new Set());
}

/**
 * The scanner, self-contained (no outside references) so that its source text runs in the page too: returns the markers found in `value` (text, JSON text, objects,
 * GeoJSON coordinates; binary data is skipped). Home hits are reported as `@lng,lat`.
 */
export function scanForMarkers(value: unknown, markers: ProbeMarkers): string[] {
  const found = new Set<string>();
  const texts = markers.texts.map((t) => [t, t.replace(/\s+/g, '')] as const);
  const homes = new Set(markers.homes);
  const scanText = (s: string) => {
    const flat = s.replace(/\s+/g, '');
    for (const [t, n] of texts) if (flat.includes(n)) found.add(t);
  };
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  let budget = 5_000_000;
  while (stack.length && budget-- > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      scanText(v);
      const head = v.trimStart()[0];
      if ((head === '{' || head === '[') && v.length > 2) {
        try {
          stack.push(JSON.parse(v));
        } catch {
          // not JSON: scanned as text above
        }
      }
    } else if (typeof v === 'number') {
      // numbers are checked in pairs below
    } else if (v && typeof v === 'object') {
      if (seen.has(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
      seen.add(v);
      if (Array.isArray(v)) {
        if (v.length >= 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
          const key = `${v[0].toFixed(6)},${v[1].toFixed(6)}`;
          if (homes.has(key)) found.add(`@${key}`);
        }
        for (const x of v) stack.push(x);
      } else if (v instanceof Map) {
        for (const [k, x] of v) stack.push(k, x);
      } else {
        for (const k of Object.keys(v)) stack.push(k, (v as Record<string, unknown>)[k]);
      }
    }
  }
  return [...found];
}

/**
 * Installs the passive probe in every page of `context`: everything posted to a MapLibre worker
 * and every Blob turned into a URL (decoded as UTF-8 and as Shift_JIS) is scanned as it happens,
 * and `onSighting(where, markers)` gets what was found. Also defines `window.__sweepScan(value)`
 * for explicit scans from the test. Call before the first `goto`.
 */
export async function installLeakProbe(context: BrowserContext, markers: ProbeMarkers, onSighting: (where: string, found: string[]) => void): Promise<void> {
  await context.exposeBinding('__sweepSighting', (_source, where: string, found: string[]) => onSighting(where, found));
  // One script text (no eval in the page, so the app's CSP is not in the way): the hooks, given the scanner and the markers.
  await context.addInitScript({ content: `(${pageProbe.toString()})(${scanForMarkers.toString()}, ${JSON.stringify(markers)});` });
}

/** Runs in the page before the app's scripts (see installLeakProbe). */
function pageProbe(scan: typeof scanForMarkers, markers: ProbeMarkers): void {
  const w = window as unknown as {
    __sweepScan: (v: unknown) => string[];
    __sweepPending: number;
    __sweepSighting: (where: string, found: string[]) => Promise<void>;
  };
  w.__sweepScan = (v) => scan(v, markers);
  w.__sweepPending = 0;
  const report = (where: string, value: unknown) => {
    const found = scan(value, markers);
    // Every scan is reported (even with nothing found), so the test knows the hook ran.
    w.__sweepPending++;
    w.__sweepSighting(where, found).finally(() => w.__sweepPending--);
  };

  // MapLibre's workers: every message the page posts to them (GeoJSON sources given as objects).
  const OrigWorker = window.Worker;
  const mapWorkers = new WeakSet<Worker>();
  const Patched = function (url: string | URL, options?: WorkerOptions) {
    const worker = new OrigWorker(url, options);
    if (/maplibre/i.test(String(url))) mapWorkers.add(worker);
    return worker;
  } as unknown as typeof Worker;
  Patched.prototype = OrigWorker.prototype;
  window.Worker = Patched;
  const post = OrigWorker.prototype.postMessage;
  OrigWorker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
    if (mapWorkers.has(this)) report('MapLibre worker messages', message);
    return (post as (...a: unknown[]) => void).call(this, message, ...rest);
  } as Worker['postMessage'];

  // Every Blob the page makes a URL of: map layers' GeoJSON, downloads.
  const createUrl = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob | MediaSource) => {
    const url = createUrl(obj);
    if (obj instanceof Blob) {
      w.__sweepPending++;
      obj
        .arrayBuffer()
        .then((buf) => {
          const bytes = new Uint8Array(buf);
          const where = `Blob URLs (${obj.type || 'no type'})`;
          report(where, new TextDecoder('utf-8').decode(bytes));
          report(where, new TextDecoder('shift_jis').decode(bytes));
        })
        .finally(() => w.__sweepPending--);
    }
    return url;
  };
}

/** Waits until every passive scan started in the page has been reported. */
export async function settleProbe(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __sweepPending: number }).__sweepPending === 0, undefined, { timeout: 20_000 });
}

/** The text of the page as it stands: the whole DOM (text, attributes, hidden parts) and the values of form fields. */
export function scanScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>('input, textarea, select')].map((e) => e.value);
    return (window as unknown as { __sweepScan: (v: unknown) => string[] }).__sweepScan([document.documentElement.outerHTML, document.body.innerText, ...values]);
  });
}

/** The maps a page exposes for tests (window.__hinan…Map). */
export const MAP_HOOKS = ['__hinanMap', '__hinanRouteMap', '__hinanDistrictMap', '__hinanPlacesMap'] as const;

/**
 * The data of every GeoJSON source of every exposed map on the page (read back from MapLibre,
 * Blob-URL sources included) and every rendered feature: markers found, per map.
 */
export function scanMaps(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async (hooks) => {
    type M = {
      _removed?: boolean;
      isStyleLoaded(): boolean;
      getStyle(): { sources: Record<string, { type: string }> };
      getSource(id: string): { getData?: () => Promise<unknown> } | undefined;
      queryRenderedFeatures(): { properties: unknown; geometry: unknown }[];
    };
    const w = window as unknown as Record<string, M | undefined> & { __sweepScan: (v: unknown) => string[] };
    const out: Record<string, string[]> = {};
    for (const hook of hooks) {
      const map = w[hook];
      if (!map || map._removed) continue;
      let style;
      try {
        style = map.getStyle();
      } catch {
        continue; // a map whose page is gone
      }
      const data: unknown[] = [];
      for (const [id, src] of Object.entries(style.sources)) {
        if (src.type !== 'geojson') continue;
        data.push(await map.getSource(id)?.getData?.());
      }
      data.push(map.queryRenderedFeatures().map((f) => ({ p: f.properties, g: f.geometry })));
      out[hook] = w.__sweepScan(data);
    }
    return out;
  }, [...MAP_HOOKS]);
}
