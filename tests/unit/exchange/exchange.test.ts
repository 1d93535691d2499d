import { describe, expect, it } from 'vitest';
import { decodeEventTicket, decodeSafetyQr, encodeEventTicket, encodeSafetyQr } from '../../../src/io/safetyQr';
import { makeSafetyRecord } from '../../../src/core/safetyMerge';
import type { SafetyRecord } from '../../../src/core/safetyRecord';
import { findQrInPixels } from '../../../src/io/qrPixels';
import { qrDrawing, QR_QUIET_ZONE } from '../../../src/ui/qr';
import { mergeSummaryText, partsReadText, withPartRead } from '../../../src/ui/emergency/exchangeSummary';
import { instantOfJapanInput, japanInputValue, normaliseEventCode, ticketFileName, ticketFileText, typedTicket, type TypedEvent } from '../../../src/ui/emergency/joinTicket';

/** Paints a drawing's path (`M x y h w v1 h-w z` runs) into RGBA pixels, `scale` px a module: what a screen shows. */
function paint(text: string, scale = 4): { pixels: Uint8ClampedArray; side: number } {
  const { size, path } = qrDrawing(text);
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) pixels.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
    }
  }
  return { pixels, side };
}

const EVENT = { id: 'K7QX2M9P', name: '令和9年 台風10号 大雨', startedAt: '2026-09-01T10:00:00Z' };

function record(personId: string, minutes: number, status: SafetyRecord['status'] = 'safe'): SafetyRecord {
  const r = makeSafetyRecord({ eventId: EVENT.id, personId, status, recorder: 'AB3C', at: new Date(Date.parse(EVENT.startedAt) + minutes * 60_000).toISOString(), shelterId: status === 'evacuated' ? 'S-12' : null, note: '' });
  if (!r) throw new Error('bad record');
  return r;
}

describe('QR drawing and reading (ui/qr.ts with qrcode and jsqr)', () => {
  it('draws every part of a 安否 QR set so that jsqr reads back the exact text, and the records decode unchanged', () => {
    const records = Array.from({ length: 60 }, (_, i) => record(`demo-p${String(i).padStart(3, '0')}`, i * 3, i % 5 === 0 ? 'evacuated' : 'safe'));
    const parts = encodeSafetyQr(EVENT, 'AB3C', records);
    expect(parts.length).toBeGreaterThan(1);
    const back: SafetyRecord[] = [];
    for (const text of parts) {
      const { pixels, side } = paint(text);
      const read = findQrInPixels(pixels, side, side);
      expect(read).toBe(text);
      const decoded = decodeSafetyQr(read!, EVENT);
      if (!decoded.ok) throw new Error(decoded.message);
      back.push(...decoded.records);
    }
    expect(back).toEqual(records);
  });

  it('keeps a quiet zone of 4 white modules and refuses a text too long for one code in words', () => {
    const { size, path } = qrDrawing('HINAN');
    expect(size).toBe(21 + 2 * QR_QUIET_ZONE);
    const xs = [...path.matchAll(/M(\d+) (\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]);
    expect(Math.min(...xs)).toBe(QR_QUIET_ZONE);
    expect(() => qrDrawing('x'.repeat(5000))).toThrow('QRコードにするには内容が長すぎます');
  });

  it('reads the event QR (Japanese name) back and finds nothing in a blank picture', () => {
    const ticket = { ...EVENT, alertLevel: 4 as const, hazard: 'flood' as const, districtIds: ['demo-d1'], includeRefused: true, expiresAt: '2026-09-04T10:00:00Z' };
    const text = encodeEventTicket(ticket);
    const { pixels, side } = paint(text, 3);
    const read = decodeEventTicket(findQrInPixels(pixels, side, side) ?? '');
    expect(read).toEqual({ ok: true, ticket });
    expect(findQrInPixels(new Uint8ClampedArray(100 * 100 * 4).fill(255), 100, 100)).toBeNull();
  });
});

describe('merge summary and parts read', () => {
  it('says the merge in the words of the issue', () => {
    const r = record('demo-p001', 5);
    expect(mergeSummaryText({ added: [r, r, r], duplicates: 1, flagged: [r], unknownPeople: ['x', 'y'], changedPeople: ['a', 'b'] })).toBe(
      '新しい記録 3件（2人の状況が変わりました）、重複 1件、確認が必要 1件、この端末の名簿にない人 2件',
    );
  });

  it('counts the parts read per device, and starts again when the device made a new set', () => {
    let sets = withPartRead([], 'AB3C', 2, 3);
    sets = withPartRead(sets, 'AB3C', 2, 3);
    sets = withPartRead(sets, 'ZZ22', 1, 1);
    expect(sets.map(partsReadText)).toEqual(['端末 AB3C のQRコード 1/3枚（残り 1枚目・3枚目）', '端末 ZZ22 のQRコード 1/1枚（すべて読み取りました）']);
    sets = withPartRead(sets, 'AB3C', 1, 4);
    expect(sets[0]).toEqual({ recorder: 'AB3C', parts: 4, read: [1] });
  });
});

describe('joining by typing (joinTicket.ts)', () => {
  const typed: TypedEvent = { code: ' ｋ７ｑｘ－２ｍ９ｐ ', name: ' 令和9年 台風10号 大雨 ', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: false, startedAt: '2026-09-01T19:00' };

  it('makes the ticket from the typed code (full-width, lower case, hyphen) with the start in Japan time and the 72-hour limit', () => {
    expect(normaliseEventCode(typed.code)).toBe('K7QX2M9P');
    expect(typedTicket(typed)).toEqual({
      ok: true,
      ticket: { id: 'K7QX2M9P', name: '令和9年 台風10号 大雨', alertLevel: 4, hazard: 'flood', districtIds: ['demo-d1'], includeRefused: false, startedAt: '2026-09-01T10:00:00.000Z', expiresAt: '2026-09-04T10:00:00.000Z' },
    });
  });

  it('says what is wrong in words', () => {
    const problem = (change: Partial<TypedEvent>) => {
      const r = typedTicket({ ...typed, ...change });
      return r.ok ? '' : r.message;
    };
    expect(problem({ code: 'K7QX2M9' })).toContain('識別コードは8文字です（入力は7文字）');
    expect(problem({ code: 'K7QX2M90' })).toContain('0・1・O・I・L は使いません');
    expect(problem({ name: '  ' })).toContain('災害名を入力してください');
    expect(problem({ alertLevel: 7 })).toContain('警戒レベル');
    expect(problem({ hazard: 'meteor' })).toContain('災害の種類');
    expect(problem({ startedAt: '' })).toContain('開始日時');
  });

  it('converts datetime-local values as Japan time both ways, whatever the machine zone', () => {
    expect(instantOfJapanInput('2026-11-01T00:30')).toBe('2026-10-31T15:30:00.000Z');
    expect(japanInputValue('2026-10-31T15:30:00.000Z')).toBe('2026-11-01T00:30');
    expect(instantOfJapanInput('2026-11-01')).toBeNull();
  });

  it('writes the 参加用ファイル as the event QR text, which reads back to the same ticket', () => {
    const ticket = { ...EVENT, alertLevel: 3 as const, hazard: 'landslide' as const, districtIds: [], includeRefused: true, expiresAt: '2026-09-04T10:00:00Z' };
    expect(decodeEventTicket(ticketFileText(ticket))).toEqual({ ok: true, ticket });
    expect(ticketFileName(ticket)).toBe('災害参加_令和9年_台風10号_大雨_K7QX2M9P.txt');
  });
});
