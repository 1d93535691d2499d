/** When a district's hazard at home is offered to be read from the tiles again (core/hazardReadDue.ts). */
import { describe, expect, it } from 'vitest';
import type { HazardType } from '../../../src/core/hazard';
import { hazardReadDue, japanDaysBetween, type HazardReadDueInput } from '../../../src/core/hazardReadDue';
import { readingId, READING_STALE_DAYS } from '../../../src/core/hazardReading';
import { TILE_HAZARDS } from '../../../src/core/hazardTileLayers';

const home = (lng: number, lat: number) => ({ lng, lat, source: 'manual' as const, at: '2025-01-01T00:00:00.000Z' });
const A = { id: 'A', location: home(139.93, 37.49) };
const B = { id: 'B', location: home(139.94, 37.5) };
const UNPLACED = { id: 'U', location: null };

/** Readings of every tile hazard for `id` at `point`, read at `readAt` (10:00 in Japan on 2025-11-28 by default). */
function readAll(id: string, point: [number, number], readAt = '2025-11-28T01:00:00.000Z', hazards: readonly HazardType[] = TILE_HAZARDS) {
  return hazards.map((hazard) => ({ id: readingId('person', id, hazard), subject: 'person' as const, subjectId: id, hazard, point, readAt, readOn: '2025-11-28' }));
}

const input = (over: Partial<HazardReadDueInput>): HazardReadDueInput => ({ people: [A, B, UNPLACED], readings: [], rosterUpdates: [], today: '2026-03-01', ...over });
const kinds = (i: HazardReadDueInput) => hazardReadDue(i).reasons.map((r) => r.kind);
const bothRead = [...readAll('A', [139.93, 37.49]), ...readAll('B', [139.94, 37.5])];

describe('hazardReadDue', () => {
  it('never read: due, with the reason in Japanese; no placed people: not due', () => {
    const due = hazardReadDue(input({}));
    expect(due).toEqual({ due: true, reasons: [{ kind: 'never', text: 'この地区はまだハザードマップから読み取っていません。' }], readOn: null, unread: 2 });
    expect(hazardReadDue(input({ people: [UNPLACED] }))).toEqual({ due: false, reasons: [], readOn: null, unread: 0 });
    // A shelter's reading is not a person's.
    expect(kinds(input({ readings: [{ ...readAll('S', [139.93, 37.49])[0], subject: 'shelter' }] }))).toEqual(['never']);
  });

  it('everyone placed read at their home, recently, after the last 名簿 update: not due (the unplaced person does not count)', () => {
    const due = hazardReadDue(input({ readings: bothRead, rosterUpdates: [{ kind: 'people', at: '2025-11-01T00:00:00.000Z' }] }));
    expect(due).toEqual({ due: false, reasons: [], readOn: '2025-11-28', unread: 0 });
  });

  it('a person added since (no reading) or missing one hazard, or moved since: due, counted', () => {
    expect(hazardReadDue(input({ readings: readAll('A', [139.93, 37.49]) }))).toMatchObject({ due: true, unread: 1 });
    expect(hazardReadDue(input({ readings: readAll('A', [139.93, 37.49]) })).reasons).toEqual([{ kind: 'people', text: '読み取っていない人、または読み取った後に自宅の位置が変わった人が1人います。' }]);
    expect(kinds(input({ readings: [...readAll('A', [139.93, 37.49]), ...readAll('B', [139.94, 37.5], undefined, ['flood'])] }))).toEqual(['people']);
    expect(hazardReadDue(input({ readings: [...readAll('A', [139.93, 37.49]), ...readAll('B', [139.9401, 37.5])] }))).toMatchObject({ due: true, unread: 1 });
    // The very numbers of the location (within 1e-7°) are the same point.
    expect(hazardReadDue(input({ readings: [...readAll('A', [139.93 + 5e-8, 37.49]), ...readAll('B', [139.94, 37.5])] })).due).toBe(false);
  });

  it('a 名簿 update applied after the oldest reading: due, dated; a 支援者名簿 update does not count', () => {
    const after = { kind: 'people' as const, at: '2025-12-01T03:00:00.000Z' };
    expect(hazardReadDue(input({ readings: bothRead, rosterUpdates: [after] })).reasons).toEqual([{ kind: 'roster', text: '名簿の更新（2025-12-01）より前に読み取った結果です。' }]);
    expect(hazardReadDue(input({ readings: bothRead, rosterUpdates: [{ ...after, kind: 'supporters' }] })).due).toBe(false);
    // The date shown is the update's Japan date (2025-12-01T16:00Z is 12月2日 01:00 in Japan), the latest one named.
    const late = { kind: 'people' as const, at: '2025-12-01T16:00:00.000Z' };
    expect(hazardReadDue(input({ readings: bothRead, rosterUpdates: [after, late] })).reasons[0].text).toBe('名簿の更新（2025-12-02）より前に読み取った結果です。');
    // The oldest reading decides: B read again later does not hide A's older read.
    const mixed = [...readAll('A', [139.93, 37.49]), ...readAll('B', [139.94, 37.5], '2025-12-05T00:00:00.000Z')];
    expect(kinds(input({ readings: mixed, rosterUpdates: [after] }))).toEqual(['roster']);
  });

  it(`older than ${READING_STALE_DAYS} Japan days: due, from the day a year after the read`, () => {
    expect(japanDaysBetween('2025-11-28', '2026-11-28')).toBe(365);
    expect(hazardReadDue(input({ readings: bothRead, today: '2026-11-27' })).due).toBe(false);
    expect(hazardReadDue(input({ readings: bothRead, today: '2026-11-28' })).reasons).toEqual([{ kind: 'stale', text: '読み取ってから1年以上たっています（2025-11-28 取得）。ハザードマップが更新されているかもしれません。' }]);
  });

  it('every reason that holds, in order', () => {
    const readings = readAll('A', [139.93, 37.49]);
    expect(kinds(input({ readings, rosterUpdates: [{ kind: 'people', at: '2026-01-01T00:00:00.000Z' }], today: '2027-01-01' }))).toEqual(['people', 'roster', 'stale']);
  });
});
