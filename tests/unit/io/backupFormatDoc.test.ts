/**
 * docs/backup-format.md is enough to write a reader: this is one, written from the document alone
 * with Node's `node:crypto` (AES-256-GCM), `node:zlib` (raw inflate) and hash-wasm's Argon2id —
 * it imports nothing of the app's container code — and it reads files the app seals, a real
 * backup of a filled store included, row for row.
 */
import 'fake-indexeddb/auto';
import { createDecipheriv, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { argon2id } from 'hash-wasm';
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../../../src/db/backupFile';
import { CURRENT_SCHEMA_VERSION } from '../../../src/db/schema';
import { filledStore, filledStoreTables, sealTables } from './backupStore';

const DOC = readFileSync('docs/backup-format.md', 'utf8');

// ---- The reader, from the document ----

/** 「Normalise the passphrase」: NFKC, then without the white space and dashes the document lists. */
function normalise(passphrase: string): string {
  return passphrase.normalize('NFKC').replace(/[\t-\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\u002D\u2010-\u2015\u30FC\u2212]/g, '');
}

function nonce(prefix: Buffer, counter: number, flag: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, 7);
  n[11] = flag;
  return n;
}

/** AES-256-GCM open: ciphertext followed by the 16-byte tag; null when it does not authenticate. */
function open(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer | null): Buffer | null {
  const d = createDecipheriv('aes-256-gcm', key, iv);
  if (aad) d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]);
  } catch {
    return null;
  }
}

class ReadError extends Error {}

/** Reads a whole file: header, sections (rows per name, tagged values restored) and manifest counts. */
async function readHinan(file: Buffer, passphrase: string) {
  if (file.subarray(0, 8).toString('ascii') !== 'HINANBAK') throw new ReadError('not a .hinan file');
  const headerLength = file.readUInt32BE(8);
  const headerBytes = file.subarray(12, 12 + headerLength);
  if (!createHash('sha256').update(headerBytes).digest().equals(file.subarray(12 + headerLength, 44 + headerLength))) throw new ReadError('damaged header');
  const header = JSON.parse(headerBytes.toString('utf8'));
  if (header.format !== 'hinan' || header.formatVersion !== 1 || header.compression !== 'deflate-raw' || header.cipher.name !== 'AES-256-GCM') throw new ReadError('unknown format');
  const key = Buffer.from(
    await argon2id({
      password: new TextEncoder().encode(normalise(passphrase)),
      salt: Buffer.from(header.kdf.salt, 'base64'),
      iterations: header.kdf.iterations,
      memorySize: header.kdf.memoryKiB,
      parallelism: header.kdf.parallelism,
      hashLength: 32,
      outputType: 'binary',
    }),
  );
  const prefix = Buffer.from(header.cipher.noncePrefix, 'base64');
  const check = open(key, nonce(prefix, 0xffffffff, 2), Buffer.from(header.cipher.keyCheck, 'base64'), null);
  if (check?.toString('ascii') !== 'hinan-key-check') throw new ReadError('wrong passphrase');
  const tables: Record<string, unknown[]> = {};
  let at = 44 + headerLength;
  for (let i = 0; ; i++) {
    if (at + 4 > file.length) throw new ReadError('truncated');
    const length = file.readUInt32BE(at);
    if (at + 4 + length > file.length) throw new ReadError('truncated');
    const sealed = file.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    let plain = open(key, nonce(prefix, i, 0), sealed, headerBytes);
    const last = plain === null;
    plain ??= open(key, nonce(prefix, i, 1), sealed, headerBytes);
    if (!plain) throw new ReadError('damaged');
    const value = JSON.parse(inflateRawSync(plain).toString('utf8'), restoreTagged);
    if (!last) {
      (tables[value.table] ??= []).push(...value.rows);
      continue;
    }
    if (value.end !== true || at !== file.length) throw new ReadError('damaged');
    for (const name of new Set([...Object.keys(value.counts), ...Object.keys(tables)])) {
      if ((value.counts[name] ?? 0) !== (tables[name]?.length ?? 0)) throw new ReadError('counts differ');
    }
    return { header, tables, counts: value.counts as Record<string, number> };
  }
}

const TYPED: Record<string, new (values: number[]) => unknown> = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray };

/** 「Rows as JSON」: tagged typed arrays and dates back to their types. */
function restoreTagged(_key: string, v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o.$typedArray === 'string' && Array.isArray(o.values) && TYPED[o.$typedArray]) return new TYPED[o.$typedArray](o.values as number[]);
  if (keys.length === 1 && typeof o.$date === 'string') return new Date(o.$date);
  return v;
}

// ---- The tests ----

const PASSPHRASE = '48213-09921-55730-11846-70392';

describe('docs/backup-format.md is enough to write a reader', () => {
  it('the document states the constants this reader uses', () => {
    for (const text of ['HINANBAK', 'big-endian', 'hinan-key-check', '0xFFFFFFFF', 'flag `2`', 'flag `1` for the', 'AAD = the header bytes', 'raw DEFLATE', '32 bytes', 'NFKC', 'U+30FC', '$typedArray', '$date', '"end": true', 'formatVersion', 'schemaVersion']) {
      expect(DOC, text).toContain(text);
    }
  });

  it('reads every table of a store sealed by the app, with typed arrays restored', async () => {
    const tables = await filledStoreTables();
    const file = Buffer.from(await sealTables(tables));
    const read = await readHinan(file, PASSPHRASE);
    expect(read.header).toMatchObject({ kind: 'backup', operator: '山田 花子', schemaVersion: CURRENT_SCHEMA_VERSION });
    expect(Object.keys(read.tables).sort()).toEqual(Object.keys(tables).filter((t) => tables[t].length).sort());
    for (const [table, rows] of Object.entries(tables)) if (table !== 'roadNetworks') expect(read.tables[table] ?? [], table).toEqual(rows);
    const network = (read.tables.roadNetworks[0] as { network: { coords: Float64Array; offsets: Uint32Array } }).network;
    expect(network.coords).toBeInstanceOf(Float64Array);
    expect(network.offsets).toBeInstanceOf(Uint32Array);
    expect(Array.from(network.coords)).toEqual((tables.roadNetworks[0] as { network: { coords: { values: number[] } } }).network.coords.values);
  });

  it('reads a backup written by the app’s 「バックアップを作る」 (the real writer), manifest counts and all', async () => {
    const db = await filledStore();
    const people = await db.people.toArray();
    const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, settings: { 'hinan.analysisSettings': '{"winter":true}' }, kdf: { memoryKiB: 256, iterations: 1 } });
    const read = await readHinan(Buffer.from(await new Blob(parts).arrayBuffer()), PASSPHRASE);
    expect(read.tables.people).toEqual(people);
    expect(read.counts.people).toBe(people.length);
    expect(read.tables.localSettings).toEqual([{ key: 'hinan.analysisSettings', value: '{"winter":true}' }]);
    expect((read.tables.meta as { key: string }[]).map((m) => m.key)).not.toContain('operator');
  });

  it('reads a file sealed with the default Argon2id cost, typed with full-width digits and spaces', async () => {
    const file = Buffer.from(await sealTables({ people: [{ id: 'P1' }] }, { kdf: undefined }));
    const read = await readHinan(file, '４８２１３　０９９２１－５５７３０ー１１８４６　７０３９２');
    expect(read.header.kdf).toMatchObject({ memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(read.tables.people).toEqual([{ id: 'P1' }]);
  }, 60_000);

  it('the document’s checks catch what the app’s reader catches: wrong passphrase, cut, swapped', async () => {
    const file = Buffer.from(await sealTables({ people: [{ id: 'P1' }], plans: [{ id: 'x' }] }));
    await expect(readHinan(file, '00000-00000-00000-00000-00000')).rejects.toThrow('wrong passphrase');
    await expect(readHinan(file.subarray(0, file.length - 3), PASSPHRASE)).rejects.toThrow('truncated');
    const first = 44 + file.readUInt32BE(8);
    const second = first + 4 + file.readUInt32BE(first);
    const third = second + 4 + file.readUInt32BE(second);
    const swapped = Buffer.concat([file.subarray(0, first), file.subarray(second, third), file.subarray(first, second), file.subarray(third)]);
    await expect(readHinan(swapped, PASSPHRASE)).rejects.toThrow('damaged');
  });
});
