/**
 * The geocoding worker's messages (src/workers/geocodeWorker.ts), run in Node with `self` standing
 * in for the worker's scope: a 位置参照情報 file read into a preview (labels in Japanese), addresses
 * placed with progress, and a failure as one Japanese message — each answer under its request's id.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCODING_LABELS } from '../../../src/io/encoding';
import type { GeocodeRequest, GeocodeResponse } from '../../../src/workers/geocodeProtocol';

const GAIKU = 'tests/fixtures/geocode/gaiku_072028_aizuwakamatsu_sjis.csv';

describe('geocode worker messages', () => {
  const posted: GeocodeResponse[] = [];
  let send: (request: GeocodeRequest) => void = () => {};

  beforeAll(async () => {
    const scope: { postMessage: (m: GeocodeResponse) => void; onmessage: ((e: { data: GeocodeRequest }) => void) | null } = {
      postMessage: (m) => posted.push(structuredClone(m)),
      onmessage: null,
    };
    Object.assign(globalThis, { self: scope });
    await import('../../../src/workers/geocodeWorker');
    send = (request) => scope.onmessage?.({ data: structuredClone(request) });
  });
  afterAll(() => {
    Reflect.deleteProperty(globalThis, 'self');
  });

  const bytes = () => {
    const b = readFileSync(GAIKU);
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  };

  it('reads a 位置参照情報 file into a preview, then places addresses against its points', () => {
    posted.length = 0;
    send({ id: 7, type: 'read', file: { name: 'gaiku.csv', bytes: bytes() } });
    const read = posted.at(-1);
    expect(posted[0]).toMatchObject({ id: 7, type: 'progress', stage: '住所の位置参照データを読んでいます' });
    if (read?.type !== 'read') throw new Error(`no preview: ${JSON.stringify(read)}`);
    expect(read.id).toBe(7);
    expect(read.preview).toMatchObject({ file: 'gaiku.csv', level: 'block', encoding: ENCODING_LABELS.shift_jis, errors: [] });
    expect(read.preview.format).toEqual(expect.any(String));
    expect(read.preview.records).toHaveLength(3060);

    posted.length = 0;
    const first = read.preview.records[0];
    send({ id: 8, type: 'geocode', points: read.preview.records, addresses: [`${first.prefecture}${first.city}${first.town}${first.block}`, 'どこにもない町'] });
    const done = posted.at(-1);
    expect(posted[0]).toMatchObject({ id: 8, type: 'progress', stage: '照合の準備をしています', total: 2 });
    if (done?.type !== 'geocoded') throw new Error(`no results: ${JSON.stringify(done)}`);
    expect(done.results).toHaveLength(2);
    expect(done.results[0]).toMatchObject({ level: 'block', lng: first.lng, lat: first.lat });
    expect(done.results[1].lng).toBeNull();
  });

  it('answers a request it cannot carry out with one Japanese message', () => {
    posted.length = 0;
    send({ id: 9, type: 'geocode', points: [], addresses: null as unknown as string[] });
    expect(posted.at(-1)).toMatchObject({ id: 9, type: 'failed', message: expect.stringMatching(/^処理できませんでした（.+）。$/) });
  });
});
