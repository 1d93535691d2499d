import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../../src/io/encoding';
import { toEucJp, toShiftJis, utf8 } from './helpers';

const SAMPLE = 'ID,氏名,住所\r\nP001,髙橋　①子,福島県会津若松市栄町１－１～２\r\n';

describe('decodeBytes', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeBytes(utf8(SAMPLE))).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8' });
  });

  it('reads UTF-8 with BOM and drops the BOM', () => {
    const r = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]));
    expect(r).toEqual({ ok: true, text: SAMPLE, encoding: 'utf-8-bom' });
  });

  it('reads Shift_JIS (cp932) including IBM/NEC extension characters 髙 and ①', () => {
    const bytes = toShiftJis(SAMPLE);
    expect(bytes.length).toBeLessThan(utf8(SAMPLE).length);
    const r = decodeBytes(bytes);
    expect(r.ok && r.encoding).toBe('shift_jis');
    expect(r.ok && r.text).toContain('髙橋　①子');
  });

  it('reads EUC-JP', () => {
    const r = decodeBytes(toEucJp('ID,氏名\nP001,会津 花子\n'));
    expect(r.ok && r.encoding).toBe('euc-jp');
    expect(r.ok && r.text).toContain('会津 花子');
  });

  it('reads UTF-16LE with BOM (Excel「Unicode テキスト」)', () => {
    const body = 'ID\t氏名\nP1\t花子\n';
    const bytes = new Uint8Array(2 + body.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < body.length; i++) {
      bytes[2 + i * 2] = body.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = body.charCodeAt(i) >> 8;
    }
    expect(decodeBytes(bytes)).toEqual({ ok: true, text: body, encoding: 'utf-16le' });
  });

  it('refuses an .xlsx saved under a .csv name with advice to save as CSV', () => {
    const r = decodeBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain('CSV');
  });

  it('points at the line where a UTF-8 BOM file turns into Shift_JIS', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('ID,氏名\nP1,花子\n'), ...toShiftJis('P2,太郎\n')]);
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.line).toBe(3);
  });
});
