import { describe, expect, it } from 'vitest';
import { EMERGENCY_MARK } from '../../../src/core/emergency';
import { readSafetyFile, safetyFileBytes, safetyFileName } from '../../../src/io/safetyFile';
import { EVENT, OTHER_EVENT, after, rec } from './safetyFixtures';

const records = [
  rec('P001', 'safe', 3, { note: 'ご家族と一緒' }),
  rec('P002', 'evacuated', 12, { shelterId: 'S-012' }),
  rec('P003', 'evacuated', 14, { note: '親戚の家（城東町）' }),
  rec('P004', 'needs_help', 20, { recorder: 'XY9Z', note: '足を痛めている\n至急' }),
];
const NAME = '安否記録_テスト.json';
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const refusal = (bytes: Uint8Array, name = NAME) => {
  const read = readSafetyFile(bytes, name, EVENT);
  expect(read.ok).toBe(false);
  return read.ok ? '' : read.message;
};

describe('安否の記録 file', () => {
  it('reads back to the same records, notes included', () => {
    const bytes = safetyFileBytes(EVENT, 'AB3C', records, after(30));
    expect(readSafetyFile(bytes, NAME, EVENT)).toEqual({ ok: true, recorder: 'AB3C', records });
    const header = JSON.parse(new TextDecoder().decode(bytes));
    expect(header).toMatchObject({ format: 'hinan-safety-records', version: 1, marking: EMERGENCY_MARK, event: { id: EVENT.id, name: EVENT.name }, recorder: 'AB3C', writtenAt: '2026-09-01T12:30:00Z' });
    expect(header.records[0]).toEqual({ person: 'P001', status: 'S', at: '2026-09-01T12:03:00Z', recorder: 'AB3C', shelter: null, note: 'ご家族と一緒' });
  });

  it('is read with a BOM, and its ids are made again from the contents', () => {
    const bytes = safetyFileBytes(EVENT, 'AB3C', [records[0]]);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    const read = readSafetyFile(withBom, NAME, EVENT);
    expect(read.ok && read.records[0].id).toBe(records[0].id);
    // a time with milliseconds or another offset is the same record
    const text = new TextDecoder().decode(bytes).replace('"2026-09-01T12:03:00Z"', '"2026-09-01T21:03:00.000+09:00"');
    const again = readSafetyFile(new TextEncoder().encode(text), NAME, EVENT);
    expect(again.ok && again.records[0].id).toBe(records[0].id);
  });

  it('is named with the event, the marking, the recorder and Japan’s date and time', () => {
    expect(safetyFileName(EVENT, 'AB3C', new Date('2026-09-01T15:05:09Z'))).toBe('安否記録_令和9年_台風10号_大雨_災害時提供_AB3C_2026-09-02_0005.json');
  });

  it('of another event is refused, naming the file and both events', () => {
    const message = refusal(safetyFileBytes(OTHER_EVENT, 'AB3C', [rec('P001', 'safe', 1, { eventId: OTHER_EVENT.id })]));
    for (const part of [NAME, OTHER_EVENT.id, OTHER_EVENT.name, EVENT.id, EVENT.name]) expect(message).toContain(part);
  });

  it('refuses other files and broken ones, naming the file', () => {
    expect(refusal(new Uint8Array([0xff, 0xfe, 0x00, 0x41]), 'photo.jpg')).toMatch(/^「photo\.jpg」は取り込めません。.*壊れています/);
    expect(refusal(json({ format: 'hinan-backup', version: 1 }), 'backup.hinan')).toMatch(/「backup\.hinan」.*「安否の記録」のファイルではありません/);
    expect(refusal(json([1, 2]))).toMatch(/「安否の記録」のファイルではありません/);
    const file = JSON.parse(new TextDecoder().decode(safetyFileBytes(EVENT, 'AB3C', records)));
    expect(refusal(json({ ...file, version: 2 }))).toMatch(/新しい版のアプリ/);
    const { version: _dropped, ...withoutVersion } = file;
    expect(refusal(json(withoutVersion))).toMatch(/版の番号がありません/);
    expect(refusal(json({ ...file, recorder: 'ab' }))).toMatch(/記録した端末/);
    expect(refusal(json({ ...file, records: 'x' }))).toMatch(/記録の一覧/);
    const bad = (change: Record<string, unknown>) => json({ ...file, records: [file.records[0], { ...file.records[1], ...change }] });
    for (const change of [{ status: 'safe' }, { status: 'X' }, { at: 'yesterday' }, { person: '' }, { person: 7 }, { recorder: 'abcd' }, { shelter: 12 }, { note: ['a'] }]) {
      expect(refusal(bad(change)), JSON.stringify(change)).toMatch(/ファイルが壊れています（2件目の記録が読めません）/);
    }
  });
});
