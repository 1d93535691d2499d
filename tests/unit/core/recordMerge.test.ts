import { describe, expect, it } from 'vitest';
import type { Consent } from '../../../src/core/consent';
import type { Drill } from '../../../src/core/drill';
import type { Shelter } from '../../../src/core/shelter';
import { canonicalJson, mergeDistrict, mergeDrill, mergePerson, mergeShelter, restrictiveConsent, sameRecord } from '../../../src/core/recordMerge';
import { person } from '../plan/fixtures';

/** Record-by-record merge rules of 「別の端末のデータを統合」 (issue 10, part 3). */

const given = (recipients: Consent['recipients'], date = '2025-01-01'): Consent => ({ status: 'given', date, method: 'signature', recipients });
const refused: Consent = { status: 'refused', date: '2024-06-01', method: 'verbal', recipients: [] };
const pending: Consent = { status: 'pending', date: null, method: 'unknown', recipients: [] };

describe('people: the newer modification wins, the more restrictive consent wins', () => {
  it('takes the other device’s record when it was changed later, and keeps this one at the same time', () => {
    const ours = person({ phone: '0242-11-1111', updatedAt: '2025-05-01T00:00:00Z' });
    const theirs = person({ phone: '0242-22-2222', updatedAt: '2025-05-02T00:00:00Z' });
    expect(mergePerson(ours, theirs).phone).toBe('0242-22-2222');
    expect(mergePerson(theirs, ours).phone).toBe('0242-22-2222');
    expect(mergePerson(ours, { ...theirs, updatedAt: ours.updatedAt }).phone).toBe('0242-11-1111');
  });

  it('a refusal on either device wins over a later 同意 on the other, until someone confirms', () => {
    const ours = person({ consent: refused, updatedAt: '2025-05-01T00:00:00Z' });
    const theirs = person({ consent: given(['jishubo']), phone: '0242-22-2222', updatedAt: '2025-06-01T00:00:00Z' });
    const merged = mergePerson(ours, theirs);
    expect(merged.phone).toBe('0242-22-2222');
    expect(merged.consent).toEqual(refused);
    expect(mergePerson(theirs, ours).consent).toEqual(refused);
  });

  it('不同意 > 未確認 > 同意; two 同意 keep only the 情報提供先 both name', () => {
    expect(restrictiveConsent(pending, given(['jishubo']), pending).status).toBe('pending');
    expect(restrictiveConsent(refused, pending, pending).status).toBe('refused');
    const wide = given(['jishubo', 'shobodan', 'minsei'], '2025-03-01');
    expect(restrictiveConsent(wide, given(['minsei', 'jishubo']), wide)).toEqual(given(['jishubo', 'minsei'], '2025-03-01'));
  });

  it('is idempotent: merging the other record into the result changes nothing', () => {
    const ours = person({ consent: given(['jishubo', 'shobodan']), updatedAt: '2025-05-01T00:00:00Z' });
    const theirs = person({ consent: given(['shobodan']), address: '会津若松市栄町2-2', updatedAt: '2025-04-01T00:00:00Z' });
    const once = mergePerson(ours, theirs);
    expect(once.consent.recipients).toEqual(['shobodan']);
    expect(once.address).toBe(ours.address);
    expect(sameRecord(mergePerson(once, theirs), once)).toBe(true);
  });
});

describe('records without a modification time', () => {
  const shelter = (over: Partial<Shelter> = {}): Shelter => ({
    id: 'sh1', name: '栄町小学校', address: '', kinds: ['shelter'], hazards: [], capacity: 100, accepts: [], location: [139.9, 37.5], closed: false, notes: '',
    source: { file: 'a.csv', row: 1 }, ...over,
  });

  it('shelters: hand edits only the other device made are taken; a field both edited keeps this device’s value', () => {
    const ours = shelter({ notes: '鍵は公民館長', edited: ['notes'] });
    const theirs = shelter({ notes: '鍵は校長', capacity: 40, closed: true, edited: ['capacity', 'closed', 'notes'] });
    const merged = mergeShelter(ours, theirs);
    expect(merged).toMatchObject({ notes: '鍵は公民館長', capacity: 40, closed: true });
    expect(new Set(merged.edited)).toEqual(new Set(['notes', 'capacity', 'closed']));
    expect(mergeShelter(merged, theirs)).toBe(merged);
    expect(mergeShelter(shelter(), shelter({ capacity: 5 }))).toEqual(shelter());
  });

  it('districts: an outline drawn on the other device fills a district that has none', () => {
    const outline = { type: 'Polygon' as const, coordinates: [[[139.9, 37.5], [139.91, 37.5], [139.91, 37.51], [139.9, 37.5]]] };
    const d = { id: 'd1', name: '栄町', outline: null, color: '#1c7ed6', origin: 'user' as const };
    expect(mergeDistrict(d, { ...d, outline }).outline).toEqual(outline);
    expect(mergeDistrict({ ...d, outline }, { ...d, name: '別名' })).toEqual({ ...d, outline });
  });

  it('drills: the union of both devices’ checks in time order; either device’s start and end', () => {
    const drill: Drill = { id: 'dr1', name: '秋の訓練', kind: 'safety_check', districtId: null, hazard: 'flood', timeOfDay: 'day', season: 'normal', closedShelterIds: [], absentSupporterIds: [], startedAt: '2025-10-01T01:00:00Z', endedAt: null, records: [] };
    const a = { personId: 'p1', at: '2025-10-01T01:05:00Z', status: 'safe' as const, note: '' };
    const b = { personId: 'p2', at: '2025-10-01T01:03:00Z', status: 'needs_help' as const, note: '足を痛めている' };
    const c = { personId: 'p1', at: '2025-10-01T01:09:00Z', status: 'safe' as const, note: '' };
    const ours = { ...drill, records: [a, c] };
    const theirs = { ...drill, endedAt: '2025-10-01T02:00:00Z', records: [b, a] };
    const merged = mergeDrill(ours, theirs);
    expect(merged.records).toEqual([b, a, c]);
    expect(merged.endedAt).toBe('2025-10-01T02:00:00Z');
    expect(mergeDrill(merged, theirs)).toBe(merged);
  });

  it('compares records regardless of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
    expect(sameRecord({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
  });
});
