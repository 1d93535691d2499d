/**
 * 国土地理院「住所検索」(msearch.gsi.go.jp) — used only when the user turns it on, because the
 * address leaves the browser. Requests are sequential and at most one per second; answers
 * (found or not) are cached in memory and in IndexedDB, so an address is asked at most once.
 */
import { normalizeAddress, splitPrefecture } from '../../io/addressNormalize';
import { isInJapan } from '../../core/geo';
import { errorMessage, isAbortError } from '../../core/thrown';
import { getCachedOnline, putCachedOnline, type GeocodeCacheEntry } from '../../db/geocoding';
import type { HinanDatabase } from '../../db/schema';

export const GSI_ADDRESS_SEARCH_URL = 'https://msearch.gsi.go.jp/address-search/AddressSearch';
/** Minimum time between two requests, milliseconds (the service asks for restraint). */
export const MIN_REQUEST_INTERVAL_MS = 1100;

/** One feature of the service's answer, as read: its `properties.title` and `geometry.coordinates` `[lng, lat]` degrees. */
export interface GsiAddressFeature {
  title: string;
  lng: number;
  lat: number;
}

/** Reads one feature of the service's answer; null when it lacks a title or numeric coordinates. */
function readGsiFeature(f: unknown): GsiAddressFeature | null {
  if (typeof f !== 'object' || f === null) return null;
  const properties = 'properties' in f ? f.properties : undefined;
  const geometry = 'geometry' in f ? f.geometry : undefined;
  const title = typeof properties === 'object' && properties !== null && 'title' in properties && typeof properties.title === 'string' ? properties.title : '';
  const c = typeof geometry === 'object' && geometry !== null && 'coordinates' in geometry ? geometry.coordinates : undefined;
  if (!title || !Array.isArray(c) || typeof c[0] !== 'number' || typeof c[1] !== 'number') return null;
  return { title, lng: c[0], lat: c[1] };
}

function withoutPrefecture(s: string): string {
  return splitPrefecture(normalizeAddress(s)).rest;
}

/**
 * Picks the answer that really is the address (or its leading part): the longest result whose
 * normalised title starts the normalised address, inside Japan. Null when none — never a guess.
 * Returns `[lng, lat]` WGS84 degrees and the title.
 */
export function pickGsiResult(address: string, features: unknown): { lng: number; lat: number; title: string } | null {
  if (!Array.isArray(features)) return null;
  const target = withoutPrefecture(address);
  let best: { lng: number; lat: number; title: string; len: number } | null = null;
  for (const raw of features) {
    const f = readGsiFeature(raw);
    if (!f) continue;
    const key = withoutPrefecture(f.title);
    if (key.length < 3 || !target.startsWith(key) || !isInJapan([f.lng, f.lat])) continue;
    if (!best || key.length > best.len) best = { ...f, len: key.length };
  }
  return best ? { lng: best.lng, lat: best.lat, title: best.title } : null;
}

/** Searches addresses one by one, ≤ 1 request per second, through the caches. */
export class OnlineGeocoder {
  private memory = new Map<string, GeocodeCacheEntry>();
  private lastRequest = 0;

  constructor(
    private readonly db: HinanDatabase,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** The cached or searched answer for one address. Throws a Japanese message on network failure. */
  async search(address: string, signal?: AbortSignal): Promise<GeocodeCacheEntry> {
    const key = normalizeAddress(address);
    const known = this.memory.get(key) ?? (await getCachedOnline(this.db, key));
    if (known) {
      this.memory.set(key, known);
      return known;
    }
    const since = Date.now() - this.lastRequest;
    if (since < MIN_REQUEST_INTERVAL_MS) await this.wait(MIN_REQUEST_INTERVAL_MS - since);
    signal?.throwIfAborted();
    this.lastRequest = Date.now();
    let body: unknown;
    try {
      const res = await this.fetchImpl(`${GSI_ADDRESS_SEARCH_URL}?q=${encodeURIComponent(address.normalize('NFKC').trim())}`, { signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (err) {
      if (isAbortError(err)) throw err;
      throw new Error(`国土地理院の住所検索に接続できません（${errorMessage(err)}）。インターネット接続を確かめてください。`);
    }
    const hit = pickGsiResult(address, body);
    const entry: GeocodeCacheEntry = { key, found: !!hit, lng: hit?.lng ?? null, lat: hit?.lat ?? null, title: hit?.title ?? '', at: new Date().toISOString() };
    this.memory.set(key, entry);
    await putCachedOnline(this.db, entry);
    return entry;
  }
}
