/**
 * 「位置の確認が必要」 (issue 11): a 名簿 update that changed a 住所 without coordinates drops the
 * old place and marks the person; placing them again — by hand or by the geocoder — clears the
 * mark, so they leave the 位置の確認 list.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import { commitPlacements, peopleToGeocode, placeManually } from '../../../src/db/geocoding';
import { person } from '../plan/fixtures';
import { openTestDb } from './demoStore';

const moved = (id: string): Person => person({ id, address: '会津若松市追手町2-1', location: null, locationCheck: { on: '2027-04-01', previousAddress: '会津若松市栄町1-1' } });

describe('位置の確認が必要', () => {
  it('is among the people to geocode, and is cleared by a place found by the geocoder', async () => {
    const db = openTestDb();
    await db.people.bulkPut([moved('m1'), moved('m2')]);
    expect((await peopleToGeocode(db)).map((p) => p.id).sort()).toEqual(['m1', 'm2']);
    const n = await commitPlacements(db, [{ personId: 'm1', lng: 139.93, lat: 37.495, source: 'geocode_block' }], '2027-04-02T00:00:00.000Z');
    expect(n).toBe(1);
    const m1 = (await db.people.get('m1'))!;
    expect(m1.locationCheck).toBeUndefined();
    expect(m1.location).toEqual({ lng: 139.93, lat: 37.495, source: 'geocode_block', at: '2027-04-02T00:00:00.000Z' });
    // The other person still needs checking.
    expect((await db.people.get('m2'))!.locationCheck).toEqual({ on: '2027-04-01', previousAddress: '会津若松市栄町1-1' });
  });

  it('is cleared by a place set by hand', async () => {
    const db = openTestDb();
    await db.people.put(moved('m1'));
    await placeManually(db, 'm1', 139.931, 37.494, '2027-04-02T00:00:00.000Z');
    const m1 = (await db.people.get('m1'))!;
    expect(m1.locationCheck).toBeUndefined();
    expect(m1.location?.source).toBe('manual');
  });

  it('an archived person cannot be placed', async () => {
    const db = openTestDb();
    await db.people.put({ ...moved('m1'), archived: { updateId: 'u', at: '2027-04-01T00:00:00.000Z', on: '2027-04-01', reason: 'moved_out', fileName: 'a.csv' } });
    expect(await peopleToGeocode(db)).toEqual([]);
    await expect(placeManually(db, 'm1', 139.931, 37.494)).rejects.toThrow('名簿にありません');
    expect((await db.people.get('m1'))!.location).toBeNull();
  });
});
