/** Small people, supporters and an update context for the 名簿の更新 tests (core/rosterUpdate.ts). */
import type { Consent } from '../../../src/core/consent';
import type { Person, PlacedLocation } from '../../../src/core/person';
import type { Supporter } from '../../../src/core/supporter';
import type { RosterUpdateContext, RosterUpdatePlan } from '../../../src/core/rosterUpdate';

export const GIVEN: Consent = { status: 'given', date: '2025-04-01', method: 'signature', recipients: ['jishubo', 'minsei'] };

export const CTX: RosterUpdateContext = {
  updateId: 'upd-2027',
  fileName: '名簿2027.csv',
  now: '2027-04-01T01:00:00.000Z',
  today: '2027-04-01',
  districtNames: new Map([['d1', '栄町'], ['d2', '追手町']]),
};

/** `[lng, lat]` degrees in 会津若松市. */
export function place(lng: number, lat: number, source: PlacedLocation['source'] = 'coordinates'): PlacedLocation {
  return { lng, lat, source, at: '2026-04-01T00:00:00.000Z' };
}

export function person(id: string, over: Partial<Person> = {}): Person {
  return {
    id,
    name: `山田　${id}`,
    nameKana: 'ヤマダ',
    birthDate: '1940-04-01',
    sex: 'female',
    address: `福島県会津若松市栄町1-${id.length}`,
    phone: '0242-00-0000',
    reason: '要介護３',
    districtId: 'd1',
    location: place(139.93, 37.49),
    mobility: 'cane_walker',
    household: 'alone',
    medical: [],
    communication: [],
    consent: GIVEN,
    origin: 'user',
    createdAt: '2026-04-01T00:00:00.000Z',
    updatedAt: '2026-04-01T00:00:00.000Z',
    ...over,
  };
}

export function supporter(id: string, over: Partial<Supporter> = {}): Supporter {
  return {
    id,
    name: `佐藤　${id}`,
    role: 'neighbor',
    address: `福島県会津若松市栄町2-${id.length}`,
    phone: '0242-11-0000',
    availability: 'day_and_night',
    capacity: 2,
    districtId: 'd1',
    location: place(139.931, 37.491),
    origin: 'user',
    createdAt: '2026-04-01T00:00:00.000Z',
    updatedAt: '2026-04-01T00:00:00.000Z',
    ...over,
  };
}

/** The store after applying `plan` as the db layer does: renumbered records move, `writes` are put. */
export function applyPlan<T extends { id: string }>(stored: readonly T[], plan: RosterUpdatePlan<T>): T[] {
  const byId = new Map(stored.map((r) => [r.id, r]));
  for (const { fromId } of plan.renumbered) byId.delete(fromId);
  for (const w of plan.writes) byId.set(w.id, w);
  return [...byId.values()];
}
