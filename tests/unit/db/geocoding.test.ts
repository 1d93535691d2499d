import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import type { ConsentStatus } from '../../../src/core/consent';
import {
  addressReferenceFilesOf,
  clearAddressPoints,
  commitPlacements,
  listAddressReferenceFiles,
  loadAddressPoints,
  peopleToGeocode,
  placeManually,
  storeAddressPoints,
} from '../../../src/db/geocoding';
import { ValidationFailed } from '../../../src/db/errors';
import { savePeople } from '../../../src/db/people';
import { buildGeocodeIndex, geocodeAll } from '../../../src/io/geocode';
import { readPositionReference } from '../../../src/io/positionReference';
import { MIN_REQUEST_INTERVAL_MS, OnlineGeocoder, pickGsiResult } from '../../../src/ui/places/onlineGeocode';
import { openTestDb } from './demoStore';

const GAIKU = 'gaiku_072028_aizuwakamatsu_sjis.csv';
const gaiku = readPositionReference(readFileSync(`tests/fixtures/geocode/${GAIKU}`), GAIKU);
const oaza = readPositionReference(readFileSync('tests/fixtures/geocode/oaza_072028_aizuwakamatsu_sjis.csv'), 'oaza.csv');

const openDb = openTestDb;

/** A fictional person with valid fields; `location` null = address only. */
function person(id: string, address: string, status: ConsentStatus = 'given', location: Person['location'] = null): Person {
  return {
    id,
    name: `架空　${id}`,
    nameKana: 'カクウ',
    birthDate: '1940-01-01',
    sex: 'female',
    address,
    phone: '',
    reason: '',
    districtId: null,
    location,
    mobility: 'independent',
    household: 'alone',
    medical: [],
    communication: [],
    consent: { status, date: null, method: 'unknown', recipients: [] },
    origin: 'user',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  };
}

describe('stored 位置参照情報', () => {
  it('reads the fixture as expected', () => {
    expect(gaiku.errors).toEqual([]);
    expect(gaiku.level).toBe('block');
    expect(gaiku.records.length).toBe(3060);
    expect(oaza.level).toBe('town');
  });

  it('stores a file in chunks with progress, lists it, and gives the points back for geocoding', async () => {
    const db = openDb();
    const progress: number[] = [];
    const summary = await storeAddressPoints(db, GAIKU, gaiku.records, (done) => progress.push(done), '2025-01-01T00:00:00.000Z');
    expect(summary).toMatchObject({ file: GAIKU, level: 'block', count: 3060 });
    expect(progress.at(-1)).toBe(3060);
    expect(await db.addressPoints.count()).toBe(3060);
    const files = await listAddressReferenceFiles(db);
    expect(files).toHaveLength(1);
    const [w, s, e, n] = files[0].bbox;
    expect(w).toBeLessThan(e);
    expect(s).toBeLessThan(n);
    expect(w).toBeGreaterThan(139.5);
    expect(n).toBeLessThan(38);

    const points = await loadAddressPoints(db);
    expect(points[0]).toEqual(gaiku.records[0]);
    // ≥ 95 % of the messy addresses land at 街区 level from what was stored.
    const addresses = readFileSync('tests/fixtures/geocode/addresses_messy_072028.csv', 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(',')[0]);
    const results = geocodeAll(buildGeocodeIndex(points), addresses);
    expect(results.filter((r) => r.level === 'block').length / addresses.length).toBeGreaterThanOrEqual(0.95);
  });

  it('replaces the points of a re-imported file, keeps other files, and clears all', async () => {
    const db = openDb();
    await storeAddressPoints(db, GAIKU, gaiku.records);
    await storeAddressPoints(db, 'oaza.csv', oaza.records);
    await storeAddressPoints(db, GAIKU, gaiku.records.slice(0, 100));
    expect(await db.addressPoints.count()).toBe(100 + oaza.records.length);
    expect((await listAddressReferenceFiles(db)).map((f) => [f.file, f.count])).toEqual([
      ['oaza.csv', oaza.records.length],
      [GAIKU, 100],
    ]);
    await clearAddressPoints(db);
    expect(await db.addressPoints.count()).toBe(0);
    expect(await listAddressReferenceFiles(db)).toEqual([]);
  });

  it('reads back only whole file entries: one missing or mistyping a field is left out', () => {
    const whole = { file: 'a.csv', level: 'block', count: 3, importedAt: '2025-01-01T00:00:00.000Z', bbox: [139.9, 36.5, 140, 36.6] };
    const malformed = [
      { file: 'b.csv' },
      { ...whole, level: 'city' },
      { ...whole, count: '3' },
      { ...whole, count: 1.5 },
      { ...whole, importedAt: null },
      { ...whole, bbox: [139.9, 36.5, 140] },
      { ...whole, bbox: [139.9, 36.5, 140, '36.6'] },
      'a.csv',
    ];
    expect(addressReferenceFilesOf([...malformed, whole])).toEqual([whole]);
    expect(addressReferenceFilesOf({ file: 'a.csv' })).toEqual([]);
  });

  it('refuses an empty file and writes nothing', async () => {
    const db = openDb();
    await expect(storeAddressPoints(db, 'empty.csv', [])).rejects.toThrow('保存できる位置参照情報がありません');
    expect(await listAddressReferenceFiles(db)).toEqual([]);
  });
});

describe('placing people', () => {
  const manualAt = { lng: 139.93, lat: 37.5, source: 'manual' as const, at: '2024-01-01T00:00:00.000Z' };
  const townAt = { lng: 139.93, lat: 37.5, source: 'geocode_town' as const, at: '2024-01-01T00:00:00.000Z' };

  it('geocodes only shown people: unplaced ones, and with the option those placed by geocoding', async () => {
    const db = openDb();
    await savePeople(db, [
      person('a', '会津若松市住吉町2-9'),
      person('hidden', '会津若松市住吉町2-9', 'pending'),
      person('refused', '会津若松市住吉町2-9', 'refused'),
      person('manual', '会津若松市住吉町2-9', 'given', manualAt),
      person('town', '会津若松市中町', 'given', townAt),
    ]);
    expect((await peopleToGeocode(db)).map((p) => p.id)).toEqual(['a']);
    expect((await peopleToGeocode(db, true)).map((p) => p.id).sort()).toEqual(['a', 'town']);
  });

  it('commits results in one transaction with source and time; skips people not shown', async () => {
    const db = openDb();
    await savePeople(db, [person('a', 'x'), person('b', 'y'), person('hidden', 'z', 'pending')]);
    const at = '2025-02-03T04:05:06.000Z';
    const n = await commitPlacements(
      db,
      [
        { personId: 'a', lng: 139.9, lat: 37.5, source: 'geocode_block' },
        { personId: 'b', lng: 139.91, lat: 37.51, source: 'geocode_town' },
        { personId: 'hidden', lng: 139.92, lat: 37.52, source: 'geocode_block' },
      ],
      at,
    );
    expect(n).toBe(2);
    expect((await db.people.get('a'))!.location).toEqual({ lng: 139.9, lat: 37.5, source: 'geocode_block', at });
    expect((await db.people.get('a'))!.updatedAt).toBe(at);
    expect((await db.people.get('b'))!.location?.source).toBe('geocode_town');
    expect((await db.people.get('hidden'))!.location).toBeNull();
  });

  it('writes nothing when one place is invalid', async () => {
    const db = openDb();
    await savePeople(db, [person('a', 'x'), person('b', 'y')]);
    await expect(
      commitPlacements(db, [
        { personId: 'a', lng: 139.9, lat: 37.5, source: 'geocode_block' },
        { personId: 'b', lng: 10, lat: 50, source: 'geocode_block' },
      ]),
    ).rejects.toBeInstanceOf(ValidationFailed);
    expect((await db.people.get('a'))!.location).toBeNull();
  });

  it('saves a hand-placed pin as manual, and refuses a hidden person', async () => {
    const db = openDb();
    await savePeople(db, [person('a', 'x'), person('hidden', 'z', 'refused')]);
    await placeManually(db, 'a', 139.95, 37.49, '2025-01-01T00:00:00.000Z');
    expect((await db.people.get('a'))!.location).toEqual({ lng: 139.95, lat: 37.49, source: 'manual', at: '2025-01-01T00:00:00.000Z' });
    await expect(placeManually(db, 'hidden', 139.95, 37.49)).rejects.toThrow('同意');
    expect((await db.people.get('hidden'))!.location).toBeNull();
  });
});

describe('online address search (国土地理院)', () => {
  const answer = (title: string, lng = 139.93, lat = 37.49) => ({ geometry: { coordinates: [lng, lat], type: 'Point' }, type: 'Feature', properties: { title } });

  it('accepts only a result whose name starts the address, inside Japan', () => {
    expect(pickGsiResult('福島県会津若松市栄町1-1', [answer('福島県郡山市栄町'), answer('福島県会津若松市栄町')])?.title).toBe('福島県会津若松市栄町');
    expect(pickGsiResult('会津若松市栄町１－１', [answer('福島県会津若松市栄町')])?.lng).toBe(139.93);
    expect(pickGsiResult('福島県会津若松市栄町1-1', [answer('福島県郡山市栄町')])).toBeNull();
    expect(pickGsiResult('福島県会津若松市栄町1-1', [answer('福島県会津若松市栄町', 10, 50)])).toBeNull();
    expect(pickGsiResult('福島県会津若松市栄町1-1', { error: 1 })).toBeNull();
  });

  it('waits at least the minimum interval between requests and caches answers in memory and IndexedDB', async () => {
    const db = openDb();
    const urls: string[] = [];
    const waits: number[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(url.includes(encodeURIComponent('栄町')) ? [answer('福島県会津若松市栄町')] : []), { status: 200 });
    }) as unknown as typeof fetch;
    const g = new OnlineGeocoder(db, fakeFetch, async (ms) => void waits.push(ms));
    const a = await g.search('福島県会津若松市栄町1-1');
    const b = await g.search('福島県会津若松市どこか町');
    expect(a).toMatchObject({ found: true, title: '福島県会津若松市栄町' });
    expect(b.found).toBe(false);
    expect(urls).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(MIN_REQUEST_INTERVAL_MS - 200);
    // Asked again (written differently): from the cache, no request.
    await g.search('福島県会津若松市栄町１－１');
    const again = new OnlineGeocoder(db, fakeFetch, async () => {});
    expect((await again.search('福島県会津若松市どこか町')).found).toBe(false);
    expect(urls).toHaveLength(2);
  });

  it('reports a network failure in Japanese and caches nothing', async () => {
    const db = openDb();
    const g = new OnlineGeocoder(db, (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch, async () => {});
    await expect(g.search('会津若松市栄町1-1')).rejects.toThrow('国土地理院の住所検索に接続できません');
    expect(await db.geocodeCache.count()).toBe(0);
  });
});
