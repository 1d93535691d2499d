import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRowError } from '../../../src/io/rowError';
import { clipValue, quoteChar, quoteValue } from '../../../src/io/quote';
import { encodeExcelCsv } from '../../../src/io/excelCsv';
import type { ImportRequest, ImportResponse } from '../../../src/workers/importProtocol';
import { utf8 } from './helpers';

/** A message the user can read: a few hundred characters at most, whatever the file holds. */
const READABLE = 400;

describe('quoting user values in messages', () => {
  it('keeps short values, cuts long ones to 40 characters and says how long they were', () => {
    expect(quoteValue('車イス')).toBe('「車イス」');
    expect(clipValue('あ'.repeat(40))).toBe('あ'.repeat(40));
    expect(quoteValue('あ'.repeat(5_000_000))).toBe(`「${'あ'.repeat(40)}…（以下略、全5,000,000文字）」`);
  });

  it('never splits a character outside the BMP', () => {
    expect(clipValue('𠮷'.repeat(50))).toBe(`${'𠮷'.repeat(40)}…（以下略、全50文字）`);
  });
});

describe('naming a character in a message', () => {
  it.each([
    ['\u200b', 'U+200B（ゼロ幅スペース）'],
    ['\ufeff', 'U+FEFF（バイト順マーク（BOM））'],
    ['\u00a0', 'U+00A0（ノーブレークスペース）'],
    ['\u202e', 'U+202E（右から左への強制）'],
    ['\u2063', 'U+2063（書式制御文字（目に見えない文字））'],
    ['\u0007', 'U+0007（制御文字）'],
    ['\ue000', 'U+E000（私用領域の文字（外字））'],
    ['\u{e0100}', 'U+E0100（異体字セレクタ）'],
    ['鷗', '「鷗」'],
    ['𠮷', '「𠮷」'],
  ])('%j is shown as %s', (ch, shown) => {
    expect(quoteChar(ch)).toBe(shown);
  });

  it('a Shift_JIS refusal can name a zero-width space the user cannot see', () => {
    const lost = encodeExcelCsv([['氏名'], ['会津\u200b花子']], 'shift_jis').lost;
    expect(lost.map((l) => quoteChar(l.char))).toEqual(['U+200B（ゼロ幅スペース）']);
  });
});

describe('a 5 MB header line in the import worker', () => {
  const posted: ImportResponse[] = [];
  let handle: (req: ImportRequest) => void;

  beforeAll(async () => {
    // The real worker module, with `self` standing in for the worker's global scope.
    const scope = { postMessage: (m: ImportResponse) => posted.push(m), onmessage: null as null | ((e: { data: ImportRequest }) => void) };
    (globalThis as unknown as { self: typeof scope }).self = scope;
    await import('../../../src/workers/importWorker');
    handle = (req) => scope.onmessage!({ data: req });
  });
  afterAll(() => {
    delete (globalThis as unknown as { self?: unknown }).self;
  });

  const huge = 'あ'.repeat(5_000_000);
  const files: [string, 'people' | 'supporters' | 'shelters', string][] = [
    ['one 5 MB header cell (名簿)', 'people', `ID,${huge}\r\n1,2\r\n`],
    ['a 5 MB header with no data rows (名簿)', 'people', `${huge}\r\n`],
    ['one 5 MB header cell (支援者)', 'supporters', `ID,${huge}\r\n1,2\r\n`],
    ['one 5 MB header cell (避難所)', 'shelters', `ID,${huge}\r\n1,2\r\n`],
  ];

  it.each(files)('%s: every message is short and says how long the header was', (_, kind, text) => {
    posted.length = 0;
    const bytes = utf8(text);
    handle({ id: 1, kind, files: [{ name: 'big.csv', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }] });
    const result = posted.find((m) => m.type === 'result');
    expect(result, JSON.stringify(posted.map((m) => m.type))).toBeDefined();
    const errors = result!.type === 'result' ? result!.preview.errors : [];
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(formatRowError(e).length, formatRowError(e).slice(0, 200)).toBeLessThan(READABLE);
    expect(errors.map(formatRowError).join('\n')).toMatch(/以下略、全5,000,00\d文字|5000000文字/);
  });
});
