/**
 * The `.hinan` container (src/io/backup/container.ts) on real sealed files: what comes out is what
 * went in, and every kind of damage — a wrong passphrase, a cut-off copy, a flipped bit, swapped
 * chunks, an edited header, a file from a newer app, a file that is not ours — ends in a
 * `BackupError` with a Japanese message, never in different data and never in a crash.
 */
import { describe, expect, it } from 'vitest';
import { BackupError, type BackupErrorCode } from '../../../src/io/backup/backupError';
import { MAGIC, openContainer, packSection, readHeader, sealContainer, type ContainerOptions, type Section } from '../../../src/io/backup/container';
import { generatePassphrase, normalizePassphrase } from '../../../src/io/backup/passphrase';

const PASSPHRASE = '48213-09921-55730-11846-70392';
/** Cheap Argon2id for the many opens below; one test uses the defaults. */
const FAST_KDF = { memoryKiB: 256, iterations: 1 };

function options(overrides: Partial<ContainerOptions> = {}): ContainerOptions {
  return { kind: 'backup', schemaVersion: 7, appVersion: '0.1.0', operator: '山田 花子', passphrase: PASSPHRASE, kdf: FAST_KDF, createdAt: new Date('2025-04-01T00:30:00Z'), ...overrides };
}

/** Seals `sections` (each packed on its own, so a table may span several) into the bytes of one file. */
async function seal(sections: Section[], overrides: Partial<ContainerOptions> = {}): Promise<Uint8Array<ArrayBuffer>> {
  const counts: Record<string, number> = {};
  for (const s of sections) counts[s.table] = (counts[s.table] ?? 0) + s.rows.length;
  const parts = await sealContainer(options(overrides), sections.map((s) => packSection(s.table, s.rows)), counts);
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

/** Every section of a file, and what the generator returns at the end. */
async function openAll(source: Blob | Uint8Array, passphrase = PASSPHRASE) {
  const sections: Section[] = [];
  const gen = openContainer(source, passphrase);
  for (;;) {
    const next = await gen.next();
    if (next.done) return { sections, end: next.value };
    sections.push(next.value);
  }
}

/** The BackupError an open ends with; fails the test when the open succeeds or throws anything else. */
async function failure(source: Blob | Uint8Array, passphrase = PASSPHRASE): Promise<BackupError> {
  try {
    await openAll(source, passphrase);
  } catch (err) {
    if (err instanceof BackupError) return err;
    throw new Error(`not a BackupError: ${String(err)}`);
  }
  throw new Error('the damaged file opened');
}

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

function expectJapanese(err: BackupError, codes: BackupErrorCode[]): void {
  expect(codes).toContain(err.code);
  expect(err.message).toMatch(JAPANESE);
  expect(err.message).not.toMatch(/Error|undefined|at \w+ \(/);
}

const PEOPLE = Array.from({ length: 30 }, (_, i) => ({ id: `P${i}`, name: `要支援　${i}`, consent: { status: i % 3 ? 'given' : 'refused' }, location: { lat: 37.49 + i / 1000, lng: 139.93 } }));
const SECTIONS: Section[] = [
  { table: 'people', rows: PEOPLE.slice(0, 20) },
  { table: 'plans', rows: [{ id: 'plan-P1', personId: 'P1', version: 3, leaveWhen: '高齢者等避難が出たら' }] },
  { table: 'people', rows: PEOPLE.slice(20) },
  { table: 'meta', rows: [{ key: 'settings', value: { winter: true } }] },
  { table: 'drills', rows: [] },
];

/** Byte offsets of every segment (its u32 length) in a sealed file. */
function segmentOffsets(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsets: number[] = [];
  for (let at = 44 + view.getUint32(8); at < bytes.length; at += 4 + view.getUint32(at)) offsets.push(at);
  return offsets;
}

/** The file with its header JSON replaced by `edit(header)` (length prefix updated). */
function withHeader(bytes: Uint8Array, edit: (h: Record<string, unknown>) => Record<string, unknown>): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  const edited = new TextEncoder().encode(JSON.stringify(edit(header)));
  const out = new Uint8Array(12 + edited.length + bytes.length - 12 - length);
  out.set(bytes.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, edited.length);
  out.set(edited, 12);
  out.set(bytes.subarray(12 + length), 12 + edited.length);
  return out;
}

/** The file with its header replaced by `edit(header)` and the header's digest made to match (a header written wrong, not damaged later). */
async function withSealedHeader(bytes: Uint8Array, edit: (h: Record<string, unknown>) => Record<string, unknown>): Promise<Uint8Array> {
  const out = withHeader(bytes, edit);
  const length = new DataView(out.buffer, out.byteOffset, out.byteLength).getUint32(8);
  out.set(new Uint8Array(await crypto.subtle.digest('SHA-256', out.slice(12, 12 + length))), 12 + length);
  return out;
}

describe('backup container: what goes in comes out', () => {
  it('several sections across tables round-trip in order, with the manifest counts', async () => {
    const bytes = await seal(SECTIONS);
    const { sections, end } = await openAll(bytes);
    expect(sections).toEqual(SECTIONS);
    expect(end.counts).toEqual({ people: 30, plans: 1, meta: 1, drills: 0 });
    expect(end.header).toMatchObject({ format: 'hinan', kind: 'backup', formatVersion: 1, schemaVersion: 7, operator: '山田 花子', createdAt: '2025-04-01T00:30:00.000Z' });
  });

  it('opens from a Blob (the browser File, Node’s fs.openAsBlob) as from bytes', async () => {
    const bytes = await seal(SECTIONS);
    expect((await openAll(new Blob([bytes]))).sections).toEqual(SECTIONS);
  });

  it('with the default Argon2id cost (64 MiB × 3) the header says so and the file opens', async () => {
    const bytes = await seal(SECTIONS.slice(0, 2), { kdf: undefined });
    const { header } = await readHeader(bytes);
    expect(header.kdf).toMatchObject({ name: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect((await openAll(bytes)).sections).toEqual(SECTIONS.slice(0, 2));
    expect((await failure(bytes, '48213-09921-55730-11846-70393')).code).toBe('wrong-passphrase');
  }, 60_000);

  it('the header holds no personal data and the body does not show it in clear', async () => {
    const bytes = await seal(SECTIONS);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    // Strings long enough that random ciphertext cannot hold them by chance (two bytes like 「P1」 can).
    expect(text).not.toContain('要支援');
    expect(text).not.toContain('"id":"P1');
    expect(text).not.toContain('139.93');
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
    expect(Object.keys(header).sort()).toEqual(['appVersion', 'cipher', 'compression', 'createdAt', 'format', 'formatVersion', 'kdf', 'kind', 'operator', 'schemaVersion']);
    expect(text.startsWith(MAGIC)).toBe(true);
  });

  it('full-width digits, spaces and other hyphens in the passphrase open the same file', async () => {
    const bytes = await seal(SECTIONS.slice(0, 1));
    for (const typed of ['４８２１３－０９９２１－５５７３０－１１８４６－７０３９２', '48213 09921 55730 11846 70392', '48213　09921　55730　11846　70392', '4821309921557301184670392', '48213ー09921ー55730ー11846ー70392', ' 48213‐09921−55730–11846—70392 ']) {
      expect((await openAll(bytes, typed)).sections, typed).toEqual(SECTIONS.slice(0, 1));
    }
  });
});

describe('backup container: damage is detected and said in Japanese', () => {
  it('a wrong passphrase is wrong-passphrase, not damage', async () => {
    const bytes = await seal(SECTIONS);
    const err = await failure(bytes, '48213-09921-55730-11846-70393');
    expectJapanese(err, ['wrong-passphrase']);
    expect(err.message).toContain('パスフレーズが違います');
  });

  it('a damaged salt, nonce prefix or key check is damage, not a wrong passphrase (the header digest)', async () => {
    const bytes = await seal(SECTIONS);
    const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8);
    const headerText = new TextDecoder().decode(bytes.subarray(12, 12 + length));
    for (const field of ['"salt":"', '"noncePrefix":"', '"keyCheck":"']) {
      const copy = bytes.slice();
      const at = 12 + new TextEncoder().encode(headerText.slice(0, headerText.indexOf(field) + field.length)).length;
      copy[at] = copy[at] === 0x41 ? 0x42 : 0x41; // another base64 letter
      const err = await failure(copy, PASSPHRASE);
      expectJapanese(err, ['damaged']);
      expect(err.message).not.toContain('パスフレーズが違います');
    }
  });

  it('a file cut inside the header, between segments or inside the last segment is truncated or damaged', async () => {
    const bytes = await seal(SECTIONS);
    const offsets = segmentOffsets(bytes);
    expect(offsets).toHaveLength(SECTIONS.length + 1);
    const headerEnd = offsets[0];
    const cuts = [0, 5, 8, 11, 12, 40, headerEnd - 1, headerEnd, headerEnd + 2, offsets[1], offsets[2], offsets[3] + 10, offsets.at(-1)!, offsets.at(-1)! + 4, bytes.length - 17, bytes.length - 1];
    for (const cut of cuts) {
      const err = await failure(bytes.slice(0, cut));
      expect(err.message).toMatch(JAPANESE);
      // A copy that stopped early is never called “not a backup” once the file's mark is there.
      if (cut >= MAGIC.length) expect(err.code, `cut at ${cut}`).toBe('truncated');
      else expect(['not-backup', 'truncated'], `cut at ${cut}`).toContain(err.code);
    }
  });

  it('every single flipped bit gives a BackupError, never a success with different data', async () => {
    const bytes = await seal([{ table: 'people', rows: PEOPLE.slice(0, 2) }, { table: 'plans', rows: [{ id: 'x', personId: 'P0' }] }]);
    const seen = new Set<BackupErrorCode>();
    for (let at = 0; at < bytes.length; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const flipped = bytes.slice();
        flipped[at] ^= 1 << bit;
        const err = await failure(flipped);
        expect(err.message, `byte ${at} bit ${bit}`).toMatch(JAPANESE);
        seen.add(err.code);
      }
    }
    // Body flips are damage; header flips may also read as another file, a newer one or a wrong key.
    expect(seen).toContain('damaged');
  }, 120_000);

  it('two segments swapped, or one dropped, are damaged', async () => {
    const bytes = await seal(SECTIONS);
    const [a, b, c] = segmentOffsets(bytes);
    const swapped = new Uint8Array([...bytes.subarray(0, a), ...bytes.subarray(b, c), ...bytes.subarray(a, b), ...bytes.subarray(c)]);
    expect(swapped.length).toBe(bytes.length);
    expectJapanese(await failure(swapped), ['damaged']);
    const dropped = new Uint8Array([...bytes.subarray(0, b), ...bytes.subarray(c)]);
    expectJapanese(await failure(dropped), ['damaged']);
  });

  it('a header edited after sealing (another operator, another date) is detected', async () => {
    const bytes = await seal(SECTIONS);
    expectJapanese(await failure(withHeader(bytes, (h) => ({ ...h, operator: '別人' }))), ['damaged']);
    expectJapanese(await failure(withHeader(bytes, (h) => ({ ...h, createdAt: '2030-01-01T00:00:00.000Z' }))), ['damaged']);
    expectJapanese(await failure(withHeader(bytes, (h) => ({ ...h, kind: 'handover', expiresOn: '2099-12-31' }))), ['damaged']);
  });

  it('impossible key-derivation parameters in an edited header are damage, not a crash', async () => {
    const bytes = await seal(SECTIONS);
    const kdf = (await readHeader(bytes)).header.kdf;
    for (const edit of [{ salt: '' }, { salt: 'AAAA' }, { memoryKiB: 8, parallelism: 16 }, { memoryKiB: 256.5 }, { iterations: 0 }, { name: 'scrypt' }]) {
      const err = await failure(withHeader(bytes, (h) => ({ ...h, kdf: { ...kdf, ...edit } })));
      expect(err.code, JSON.stringify(edit)).toBe('damaged');
      expect(err.message).toMatch(JAPANESE);
    }
  });

  it('bytes appended after the last segment are damage', async () => {
    const bytes = await seal(SECTIONS);
    expectJapanese(await failure(new Uint8Array([...bytes, 0, 0, 0, 0])), ['damaged', 'truncated']);
  });

  it('a newer formatVersion is “newer” with a Japanese message naming the app version', async () => {
    const bytes = withHeader(await seal(SECTIONS), (h) => ({ ...h, formatVersion: 2, appVersion: '9.0.0' }));
    const err = await failure(bytes);
    expectJapanese(err, ['newer']);
    expect(err.message).toContain('9.0.0');
    expect(err.message).toContain('新しい版');
    await expect(readHeader(bytes)).rejects.toMatchObject({ code: 'newer' });
  });

  it('a header with a field missing or of the wrong type (digest intact) is damage naming the field, not taken for a header', async () => {
    const bytes = await seal(SECTIONS);
    const edits: [Record<string, unknown>, string][] = [
      [{ schemaVersion: 0 }, 'データの版'],
      [{ schemaVersion: 7.5 }, 'データの版'],
      [{ schemaVersion: '7' }, 'データの版'],
      [{ createdAt: 20250401 }, '作成日時'],
      [{ operator: null }, '作業者名'],
      [{ appVersion: undefined }, 'アプリの版'],
      [{ expiresOn: null }, '有効期限'],
      [{ expiresOn: 20991231 }, '有効期限'],
      [{ cipher: undefined }, '暗号の設定'],
      [{ cipher: { name: 'AES-256-GCM', noncePrefix: 'AAAAAAAAAA==' } }, '暗号の設定'],
      [{ cipher: { name: 'ChaCha20', noncePrefix: 'AAAAAAAAAA==', keyCheck: 'AA==' } }, '暗号の設定'],
      [{ kdf: 'argon2id' }, '鍵の作り方'],
      [{ compression: 'gzip' }, '圧縮の方式'],
    ];
    for (const [edit, label] of edits) {
      const edited = await withSealedHeader(bytes, (h) => ({ ...h, ...edit }));
      const err = await readHeader(edited).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, JSON.stringify(edit)).toBeInstanceOf(BackupError);
      if (!(err instanceof BackupError)) continue;
      expectJapanese(err, ['damaged']);
      expect(err.message).toContain(`${label}が読めません`);
      expectJapanese(await failure(edited), ['damaged']);
    }
    // The same rewrite without an edit reads as before; a hand-over file's expiry is a string.
    expect((await readHeader(await withSealedHeader(bytes, (h) => h))).header.operator).toBe('山田 花子');
    const handover = await seal(SECTIONS, { kind: 'handover', expiresOn: '2099-12-31' });
    expect((await readHeader(handover)).header.expiresOn).toBe('2099-12-31');
  });

  it('a last segment whose counts are not numbers is damage, not compared as counts', async () => {
    const counts: Record<string, number> = JSON.parse('{"people":"1"}'); // a manifest written wrong
    const parts = await sealContainer(options(), [packSection('people', [PEOPLE[0]])], counts);
    const err = await failure(new Uint8Array(await new Blob(parts).arrayBuffer()));
    expectJapanese(err, ['damaged']);
    expect(err.message).toContain('件数の記録');
  });

  it('random bytes, a CSV, an empty file and a JSON file are not-backup', async () => {
    const random = crypto.getRandomValues(new Uint8Array(4096));
    const csv = new TextEncoder().encode('ID,氏名,同意\nP1,山田,同意\n');
    const json = new TextEncoder().encode('{"format":"hinan"}');
    for (const [name, bytes] of [['random', random], ['csv', csv], ['empty', new Uint8Array(0)], ['json', json]] as const) {
      const err = await failure(bytes);
      expect(err.code, name).toBe('not-backup');
      expect(err.message).toContain('バックアップ');
    }
  });
});

describe('generatePassphrase', () => {
  it('gives 25 digits in 5 groups of 5 (≥ 80 bits), different on every call', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassphrase();
      expect(p).toMatch(/^\d{5}-\d{5}-\d{5}-\d{5}-\d{5}$/);
      expect(normalizePassphrase(p)).toHaveLength(25);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
    expect(25 * Math.log2(10)).toBeGreaterThanOrEqual(80);
  });

  it('uses every digit in every position (no bias to a few digits)', () => {
    const counts = Array.from({ length: 25 }, () => new Array<number>(10).fill(0));
    for (let i = 0; i < 400; i++) [...normalizePassphrase(generatePassphrase())].forEach((d, pos) => counts[pos][Number(d)]++);
    for (const position of counts) expect(position.every((n) => n > 0)).toBe(true);
  });
});
