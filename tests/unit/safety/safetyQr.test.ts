import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Hex } from '../../../src/core/checksum';
import type { SafetyRecord } from '../../../src/core/safetyRecord';
import { decodeEventTicket, decodeSafetyQr, encodeEventTicket, encodeSafetyQr, TAMPERED_MESSAGE, type EventTicket } from '../../../src/io/safetyQr';
import { EVENT, OTHER_EVENT, START, after, person, rec } from './safetyFixtures';

const utf8 = (t: string) => new TextEncoder().encode(t);

/** Every part read back, records in order; fails the test on a refusal. */
function readAll(texts: readonly string[], event = EVENT): SafetyRecord[] {
  return texts.flatMap((t, i) => {
    const read = decodeSafetyQr(t, event);
    if (!read.ok) throw new Error(read.message);
    expect([read.part, read.parts]).toEqual([i + 1, texts.length]);
    return read.records;
  });
}

/** Records as a QR carries them: no note, nothing received or flagged. */
const asCarried = (r: SafetyRecord): SafetyRecord => ({ ...r, note: '', receivedAt: null, flag: null });

/** The text drawn as a QR code (the `qrcode` package) and read back from its pixels (`jsqr`), as the two devices do. */
function throughQrImage(text: string): string | null {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = 4;
  const quiet = 4;
  const side = (qr.modules.size + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / scale) - quiet;
      const col = Math.floor(x / scale) - quiet;
      const dark = row >= 0 && col >= 0 && row < qr.modules.size && col < qr.modules.size && qr.modules.get(row, col);
      if (dark) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
  }
  return jsQR(pixels, side, side)?.data ?? null;
}

describe('CRC-32', () => {
  it('is the CRC-32 of zip and PNG', () => {
    expect(crc32(utf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32Hex('The quick brown fox jumps over the lazy dog')).toBe('414FA339');
  });
});

describe('安否 QR codes', () => {
  const records = [
    rec('P001', 'safe', 3),
    rec('P002', 'evacuated', 12.5, { shelterId: 'S-012' }),
    rec('P003', 'evacuated', 14, { shelterId: null, note: '親戚の家（会津若松市城東町）' }),
    rec('P004', 'needs_help', 20, { note: '山田 花子さん: 足を痛めている' }),
    rec('P005', 'not_reached', 25),
    rec('P006', 'absent', 31),
    rec('P,7;|%', 'safe', 32, { shelterId: 'x' }), // ids with the separators
    rec('会津-8', 'evacuated', 40, { shelterId: '避難所;1' }),
    rec('P009', 'safe', 41, { recorder: 'XY9Z' }), // passed on from another device
    rec('P010', 'evacuated', 42, { recorder: 'XY9Z', shelterId: 'S-2' }),
  ];

  it('read back to the same records (same ids), without the notes', () => {
    const texts = encodeSafetyQr(EVENT, 'AB3C', records);
    expect(texts).toHaveLength(1);
    expect(readAll(texts)).toEqual(records.map(asCarried));
  });

  it('measure seconds from the event start, even when the start has milliseconds', () => {
    const event = { ...EVENT, startedAt: '2026-09-01T12:00:00.750Z' };
    const r = [rec('P001', 'safe', 0), rec('P002', 'safe', 1)];
    expect(readAll(encodeSafetyQr(event, 'AB3C', r), event)).toEqual(r.map(asCarried));
  });

  it('are read on a device that knows the start only to the minute (joined by typing the code): the same records', () => {
    const [text] = encodeSafetyQr({ ...EVENT, startedAt: '2026-09-01T12:00:42Z' }, 'AB3C', records);
    const typed = { ...EVENT, startedAt: '2026-09-01T12:00:00Z' };
    expect(readAll([text], typed)).toEqual(records.map(asCarried));
  });

  it('carry no names, addresses, phone numbers or notes', () => {
    const people = records.map((r) => person(r.personId, { name: '山田 花子', address: '会津若松市追手町1-1', phone: '0242-39-1111' }));
    const [text] = encodeSafetyQr(EVENT, 'AB3C', records.slice(0, 6));
    expect(text).toMatch(/^[\x20-\x7e]+$/); // plain ASCII: nothing written in Japanese can be in it
    for (const p of people) for (const v of [p.name, p.address, p.phone]) expect(text).not.toContain(v);
    for (const r of records) if (r.note) expect(text).not.toContain(r.note);
    expect(text).not.toContain(EVENT.name);
    expect(text.startsWith(`HINAN-ANPI1|${EVENT.id}|AB3C|1/1|${Date.parse(START) / 1000}|P001,S,180;`)).toBe(true);
  });

  it('are split into parts that fit the size limit, numbered 1/n … n/n', () => {
    const many = Array.from({ length: 300 }, (_, i) => rec(`P${String(i).padStart(5, '0')}`, i % 3 ? 'safe' : 'evacuated', i, { shelterId: `S-${i % 40}` }));
    const texts = encodeSafetyQr(EVENT, 'AB3C', many, 400);
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(utf8(t).length).toBeLessThanOrEqual(400);
    expect(readAll(texts)).toEqual(many.map(asCarried));
    expect(encodeSafetyQr(EVENT, 'AB3C', [])).toEqual([]);
  });

  it('of the default size are drawn and read back through a real QR image', () => {
    const many = Array.from({ length: 60 }, (_, i) => rec(`DEMO-P${String(i).padStart(3, '0')}`, 'evacuated', i, { shelterId: `072028-S${i}` }));
    const texts = encodeSafetyQr(EVENT, 'AB3C', many);
    expect(texts.length).toBeGreaterThan(1);
    for (const t of texts) {
      expect(utf8(t).length).toBeLessThanOrEqual(600);
      expect(throughQrImage(t)).toBe(t);
    }
  });

  it('of another event are refused, naming both events', () => {
    const [text] = encodeSafetyQr(OTHER_EVENT, 'AB3C', [rec('P001', 'safe', 3, { eventId: OTHER_EVENT.id })]);
    const read = decodeSafetyQr(text, EVENT);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.message).toContain(OTHER_EVENT.id);
    expect(read.message).toContain(EVENT.id);
    expect(read.message).toContain(EVENT.name);
  });

  it('changed in any one character are refused by the checksum', () => {
    const [text] = encodeSafetyQr(EVENT, 'AB3C', records.slice(0, 4));
    for (let i = 0; i < text.length; i++) {
      const swapped = text[i] === '7' ? '8' : '7';
      const read = decodeSafetyQr(text.slice(0, i) + swapped + text.slice(i + 1), EVENT);
      expect(read.ok, `character ${i}`).toBe(false);
    }
    // a status changed by hand in the records part: the checksum message
    const edited = text.replace('P001,S', 'P001,H');
    expect(decodeSafetyQr(edited, EVENT)).toEqual({ ok: false, message: TAMPERED_MESSAGE });
    expect(decodeSafetyQr(text.slice(0, -3), EVENT)).toEqual({ ok: false, message: TAMPERED_MESSAGE });
  });

  it('with a time no calendar holds (checksum made again) are refused in words, never an exception', () => {
    const [text] = encodeSafetyQr(EVENT, 'AB3C', records.slice(0, 1));
    const body = text.slice(0, text.lastIndexOf('|'));
    const entry = body.slice(body.lastIndexOf('|') + 1);
    const fields = entry.split(',');
    fields[2] = '9000000000000';
    const edited = body.slice(0, body.lastIndexOf('|') + 1) + fields.join(',');
    expect(decodeSafetyQr(`${edited}|${crc32Hex(edited)}`, EVENT)).toEqual({ ok: false, message: TAMPERED_MESSAGE });
  });

  it('refuse other QR codes in words', () => {
    for (const text of ['https://example.jp/', '', 'HINAN-ANPI1']) {
      const read = decodeSafetyQr(text, EVENT);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.message).toMatch(/安否の記録のQRコード/);
    }
    const ticket = decodeSafetyQr(encodeEventTicket(TICKET), EVENT);
    expect(ticket.ok === false && ticket.message).toMatch(/災害に参加するためのQRコード/);
  });

  it('are read at the part’s own time: a record before the start decodes to a negative offset and back', () => {
    const early = [rec('P001', 'safe', -30)];
    expect(readAll(encodeSafetyQr(EVENT, 'AB3C', early))).toEqual(early.map(asCarried));
    expect(after(-30).toISOString()).toBe('2026-09-01T11:30:00.000Z');
  });
});

const TICKET: EventTicket = {
  id: EVENT.id,
  name: '令和9年 台風10号 大雨|特別;警報,',
  alertLevel: 4,
  hazard: 'flood',
  districtIds: ['demo-d1', 'demo-d3'],
  includeRefused: false,
  startedAt: EVENT.startedAt,
  expiresAt: '2026-09-04T12:00:00.000Z',
};

describe('the event QR code', () => {
  it('reads back to the same event, and through a real QR image', () => {
    const text = encodeEventTicket(TICKET);
    expect(decodeEventTicket(text)).toEqual({ ok: true, ticket: TICKET });
    expect(throughQrImage(text)).toBe(text);
    const everywhere = { ...TICKET, districtIds: [], includeRefused: true };
    expect(decodeEventTicket(encodeEventTicket(everywhere))).toEqual({ ok: true, ticket: everywhere });
  });

  it('is refused when changed, or when it is another kind of QR code', () => {
    const text = encodeEventTicket(TICKET);
    expect(decodeEventTicket(text.replace('|4|', '|5|'))).toEqual({ ok: false, message: TAMPERED_MESSAGE });
    const safety = decodeEventTicket(encodeSafetyQr(EVENT, 'AB3C', [rec('P001', 'safe', 1)])[0]);
    expect(safety.ok === false && safety.message).toMatch(/安否の記録のQRコードです/);
    const other = decodeEventTicket('hello');
    expect(other.ok === false && other.message).toMatch(/災害のQRコード/);
  });
});
