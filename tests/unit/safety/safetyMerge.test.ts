import { describe, expect, it } from 'vitest';
import { latestByPerson, makeSafetyRecord, mergeSafetyRecords, safetyRecordTime, SAFETY_CLOCK_SLACK_MS } from '../../../src/core/safetyMerge';
import { safetyRecordId } from '../../../src/core/safetyRecord';
import { EVENT, after, rec } from './safetyFixtures';

const known = new Set(['P1', 'P2', 'P3']);
const ctx = (nowMinutes = 120) => ({ event: EVENT, knownPersonIds: known, now: after(nowMinutes) });

describe('safety records', () => {
  it('have whole-second UTC times and an id made of event, recorder, person, time and status', () => {
    expect(safetyRecordTime('2026-09-01T12:00:07.891Z')).toBe('2026-09-01T12:00:07Z');
    expect(safetyRecordTime('2026-09-01T21:00:07+09:00')).toBe('2026-09-01T12:00:07Z');
    expect(safetyRecordTime('not a date')).toBeNull();
    const r = rec('P1', 'evacuated', 3, { shelterId: 'S-1' });
    expect(r.at).toBe('2026-09-01T12:03:00Z');
    expect(r.id).toBe(safetyRecordId(r));
    expect(r.id).toBe('K7QX2M9P|AB3C|P1|2026-09-01T12:03:00Z|E');
    // the shelter is kept for 避難済 only
    expect(rec('P1', 'safe', 3, { shelterId: 'S-1' }).shelterId).toBeNull();
    expect(makeSafetyRecord({ eventId: EVENT.id, personId: 'P1', status: 'safe', at: 'x', recorder: 'AB3C', note: '' })).toBeNull();
  });
});

describe('mergeSafetyRecords', () => {
  it('puts the latest record on the board and keeps the older ones', () => {
    const mine = [rec('P1', 'not_reached', 10), rec('P2', 'safe', 15)];
    const incoming = [rec('P1', 'safe', 30, { recorder: 'XY9Z' }), rec('P2', 'needs_help', 5, { recorder: 'XY9Z' })];
    const result = mergeSafetyRecords(mine, incoming, ctx());
    expect(result.added.map((r) => r.id)).toEqual(incoming.map((r) => r.id));
    // P2's incoming record is older than ours: stored (timeline) but the board keeps 無事
    expect(result.changedPeople).toEqual(['P1']);
    const latest = latestByPerson([...mine, ...result.added]);
    expect(latest.get('P1')?.status).toBe('safe');
    expect(latest.get('P1')?.recorder).toBe('XY9Z');
    expect(latest.get('P2')?.status).toBe('safe');
    expect(result.added.every((r) => r.receivedAt === after(120).toISOString() && r.flag === null)).toBe(true);
    expect(result).toMatchObject({ duplicates: 0, flagged: [], unknownPeople: [], otherEvent: 0 });
  });

  it('changes nothing when the same records are read twice (and counts repeats within one reading)', () => {
    const incoming = [rec('P1', 'safe', 30, { recorder: 'XY9Z' }), rec('P2', 'evacuated', 40, { recorder: 'XY9Z', shelterId: 'S-1' })];
    const first = mergeSafetyRecords([], [...incoming, incoming[0]], ctx());
    expect(first.added).toHaveLength(2);
    expect(first.duplicates).toBe(1);
    const stored = [...first.added];
    const second = mergeSafetyRecords(stored, incoming, ctx(130));
    expect(second).toEqual({ added: [], duplicates: 2, flagged: [], unknownPeople: [], changedPeople: [], otherEvent: 0, notesFilled: [] });
  });

  it('fills in the note when the file brings a record first read from a QR code (which has no notes)', () => {
    const fromQr = [{ ...rec('P1', 'needs_help', 30, { recorder: 'XY9Z' }), note: '' }];
    const stored = mergeSafetyRecords([], fromQr, ctx()).added;
    const fromFile = [rec('P1', 'needs_help', 30, { recorder: 'XY9Z', note: '足を痛めている' })];
    const result = mergeSafetyRecords(stored, fromFile, ctx(130));
    expect(result).toMatchObject({ added: [], duplicates: 1, changedPeople: [] });
    expect(result.notesFilled).toEqual([{ ...stored[0], note: '足を痛めている' }]);
    // the file read again: nothing left to fill
    expect(mergeSafetyRecords(result.notesFilled, fromFile, ctx(140)).notesFilled).toEqual([]);
  });

  it('flags records timed in the future or before the event: kept, not on the board', () => {
    const slackMinutes = SAFETY_CLOCK_SLACK_MS / 60_000;
    const incoming = [
      rec('P1', 'safe', 120 + slackMinutes + 1), // the other device's clock runs 6 minutes fast
      rec('P2', 'safe', 120 + slackMinutes), // within the slack: fine
      rec('P3', 'needs_help', -1), // before the event started
    ];
    const result = mergeSafetyRecords([], incoming, ctx(120));
    expect(result.flagged.map((r) => [r.personId, r.flag])).toEqual([
      ['P1', 'future'],
      ['P3', 'before_event'],
    ]);
    expect(result.added.map((r) => r.personId)).toEqual(['P2']);
    expect(result.changedPeople).toEqual(['P2']);
    const latest = latestByPerson([...result.added, ...result.flagged]);
    expect([...latest.keys()]).toEqual(['P2']);
    // a flagged record once accepted (flag cleared) counts
    expect(latestByPerson([{ ...result.flagged[0], flag: null }]).get('P1')?.status).toBe('safe');
  });

  it('does not merge records of people who are not on this device’s 名簿, and lists them once', () => {
    const incoming = [rec('P9', 'safe', 10), rec('P1', 'safe', 10), rec('P9', 'needs_help', 20), rec('P8', 'safe', 5)];
    const result = mergeSafetyRecords([], incoming, ctx());
    expect(result.unknownPeople).toEqual(['P9', 'P8']);
    expect(result.added.map((r) => r.personId)).toEqual(['P1']);
  });

  it('leaves out records of another event', () => {
    const result = mergeSafetyRecords([], [rec('P1', 'safe', 10, { eventId: 'ZZ34ABCD' })], ctx());
    expect(result).toMatchObject({ added: [], otherEvent: 1 });
  });

  it('picks the same latest record on every device when two share a time (the greater id)', () => {
    const a = rec('P1', 'safe', 10, { recorder: 'AAAA' });
    const b = rec('P1', 'needs_help', 10, { recorder: 'BBBB' });
    expect(latestByPerson([a, b]).get('P1')).toBe(b);
    expect(latestByPerson([b, a]).get('P1')).toBe(b);
  });
});
