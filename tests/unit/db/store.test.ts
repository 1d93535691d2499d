import 'fake-indexeddb/auto';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { shareablePeople, shareablePerson } from '../../../src/db/consentGate';
import { demoState, loadDemoIfFirstStart, removeDemo } from '../../../src/db/demo';
import { ValidationFailed } from '../../../src/db/errors';
import { savePeople } from '../../../src/db/people';
import { SCHEMA_VERSIONS } from '../../../src/db/schema';
import { listShelters } from '../../../src/db/shelters';
import { listSupporters } from '../../../src/db/supporters';
import { readDemoBundle, openTestDb } from './demoStore';

const demo = readDemoBundle();
const openDb = openTestDb;

describe('schema', () => {
  it('opens at the newest numbered version with every table', async () => {
    const db = openDb();
    await db.open();
    expect(db.verno).toBe(Math.max(...SCHEMA_VERSIONS.map((v) => v.version)));
    const tables = db.tables.map((t) => t.name);
    for (const t of ['districts', 'drills', 'hazardZones', 'meta', 'people', 'planVersions', 'plans', 'roadNetworks', 'shelters', 'supporters']) expect(tables).toContain(t);
  });
});

describe('demo district', () => {
  it('loads once on the first start, and not again after the user removed it', async () => {
    const db = openDb();
    let loads = 0;
    const load = async () => (loads++, demo);
    expect(await loadDemoIfFirstStart(db, load)).toBe(true);
    expect(await db.people.count()).toBe(demo.people.length);
    expect(await db.supporters.count()).toBe(demo.supporters.length);
    expect((await listShelters(db)).length).toBe(demo.shelters.length);
    expect((await demoState(db)).active).toBe(true);

    expect(await loadDemoIfFirstStart(db, load)).toBe(false);
    expect(loads).toBe(1);

    await removeDemo(db);
    expect(await db.people.count()).toBe(0);
    expect(await db.supporters.count()).toBe(0);
    expect(await db.shelters.count()).toBe(0);
    expect(await db.districts.count()).toBe(0);
    expect(await loadDemoIfFirstStart(db, load)).toBe(false);
    expect((await demoState(db)).active).toBe(false);
  });

  it('keeps the user’s own people when the demo is removed', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const own = { ...demo.people[0], id: 'own-1', name: '自分 花子', origin: 'user' as const };
    await savePeople(db, [own]);
    await removeDemo(db);
    expect((await shareablePeople(db)).people.map((p) => p.id)).toEqual(['own-1']);
  });

  it('has the real GSI shelters: 199 sites and 102 shelters, 32 of them 福祉避難所, sites joined to their shelter', () => {
    const welfare = demo.shelters.filter((s) => s.kinds.includes('welfare_shelter'));
    const shelters = demo.shelters.filter((s) => s.kinds.includes('shelter') || s.kinds.includes('welfare_shelter'));
    const sites = demo.shelters.filter((s) => s.kinds.includes('emergency_site'));
    expect(shelters.length).toBe(102);
    expect(welfare.length).toBe(32);
    // 67 sites share a facility with a shelter record (河東学園 has two of each, joined by sequence number);
    // each pair is one facility on the map, not two dots.
    expect(demo.shelters.length).toBe(199 + 102 - 67);
    expect(sites.length).toBe(199);
    expect(new Set(demo.shelters.map((s) => s.id)).size).toBe(demo.shelters.length);
  });
});

describe('consent gate', () => {
  it('returns only people with consent given, and counts the rest as hidden', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const given = demo.people.filter((p) => p.consent.status === 'given');
    const { people, hiddenCount } = await shareablePeople(db);
    expect(people.map((p) => p.id).sort()).toEqual(given.map((p) => p.id).sort());
    expect(hiddenCount).toBe(demo.people.length - given.length);
    expect(hiddenCount).toBeGreaterThan(0);
  });

  it('filters by district and counts hidden people of that district only', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const districtId = demo.districts[1].id;
    const inDistrict = demo.people.filter((p) => p.districtId === districtId);
    const { people, hiddenCount } = await shareablePeople(db, { districtId });
    expect(people.every((p) => p.districtId === districtId && p.consent.status === 'given')).toBe(true);
    expect(people.length + hiddenCount).toBe(inDistrict.length);
  });

  it('hides a single refused or pending person looked up by id', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const refused = demo.people.find((p) => p.consent.status === 'refused')!;
    const pending = demo.people.find((p) => p.consent.status === 'pending')!;
    const given = demo.people.find((p) => p.consent.status === 'given')!;
    expect(await shareablePerson(db, refused.id)).toBeUndefined();
    expect(await shareablePerson(db, pending.id)).toBeUndefined();
    expect((await shareablePerson(db, given.id))?.name).toBe(given.name);
  });

  it('withdrawing consent hides the person from a live query at once', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const target = demo.people.find((p) => p.consent.status === 'given')!;
    const seen: number[] = [];
    const sub = liveQuery(() => shareablePeople(db)).subscribe((r) => seen.push(r.people.length));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    const before = seen.at(-1)!;
    await savePeople(db, [{ ...target, consent: { ...target.consent, status: 'refused' } }]);
    await expect.poll(() => seen.at(-1)).toBe(before - 1);
    sub.unsubscribe();
  });
});

describe('writes', () => {
  it('writes nothing when one record of a batch is invalid, and says which and why in Japanese', async () => {
    const db = openDb();
    const good = demo.people[0];
    const bad = { ...demo.people[1], birthDate: '1940-02-30' };
    const err = await savePeople(db, [good, bad]).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.message).toContain(bad.name);
    expect(err.message).toContain('生年月日');
    expect(await db.people.count()).toBe(0);
  });

  it('lists supporters by district', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const d = demo.districts[0].id;
    const list = await listSupporters(db, d);
    expect(list.length).toBe(demo.supporters.filter((s) => s.districtId === d).length);
    expect(list.every((s) => s.districtId === d)).toBe(true);
  });
});
