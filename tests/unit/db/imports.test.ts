import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { shareablePeople } from '../../../src/db/consentGate';
import { ValidationFailed } from '../../../src/db/errors';
import { commitPeople, commitShelters } from '../../../src/db/imports';
import { editShelter } from '../../../src/db/shelters';
import { loadDemoIfFirstStart } from '../../../src/db/demo';
import { readDemoBundle, openTestDb } from './demoStore';

const demo = readDemoBundle();
const openDb = openTestDb;

describe('re-importing shelters', () => {
  it('updates by ID, keeps what the user edited, and flags (not deletes) shelters that vanished', async () => {
    const db = openDb();
    const first = demo.shelters.slice(0, 20);
    expect(await commitShelters(db, first)).toEqual({ added: 20, updated: 0, vanished: 0 });

    const edited = first[0];
    await editShelter(db, edited.id, { capacity: 120, closed: true, notes: '体育館の耐震工事中' });

    // The city's new file: one shelter gone, another renamed, our edited one with no capacity.
    const renamed = { ...first[1], name: `${first[1].name}（新館）` };
    const second = [first[0], renamed, ...first.slice(2, 19)];
    expect(await commitShelters(db, second)).toEqual({ added: 0, updated: 19, vanished: 1 });

    const kept = (await db.shelters.get(edited.id))!;
    expect(kept.capacity).toBe(120);
    expect(kept.closed).toBe(true);
    expect(kept.notes).toBe('体育館の耐震工事中');
    expect((await db.shelters.get(renamed.id))!.name).toBe(renamed.name);
    const gone = (await db.shelters.get(first[19].id))!;
    expect(gone.vanished).toBe(true);

    // It reappears in a later file: no longer flagged.
    await commitShelters(db, first);
    expect((await db.shelters.get(first[19].id))!.vanished).toBe(false);
  });

  it('rejects an edit that would make the shelter invalid, leaving it as it was', async () => {
    const db = openDb();
    await commitShelters(db, demo.shelters.slice(0, 3));
    const id = demo.shelters[0].id;
    await expect(editShelter(db, id, { capacity: -5 })).rejects.toBeInstanceOf(ValidationFailed);
    expect((await db.shelters.get(id))!.capacity).toBe(demo.shelters[0].capacity);
  });
});

describe('importing the 名簿', () => {
  it('is all-or-nothing, names the bad record in Japanese, and maps district names to districts', async () => {
    const db = openDb();
    await loadDemoIfFirstStart(db, async () => demo);
    const before = await db.people.count();
    const base = demo.people.find((p) => p.consent.status === 'given')!;
    const good = { ...base, id: 'imp-1', name: '取込 花子', origin: 'user' as const, districtId: demo.districts[0].name };
    const bad = { ...base, id: 'imp-2', name: '取込 次郎', origin: 'user' as const, mobility: 'flying' as never };
    const err = await commitPeople(db, [good, bad]).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect(err.message).toContain('取込 次郎');
    expect(await db.people.count()).toBe(before);

    await commitPeople(db, [good, { ...good, id: 'imp-3', districtId: '新しい町内会' }]);
    expect((await db.people.get('imp-1'))!.districtId).toBe(demo.districts[0].id);
    expect((await db.districts.get('新しい町内会'))?.name).toBe('新しい町内会');
    const shown = await shareablePeople(db, { districtId: demo.districts[0].id });
    expect(shown.people.some((p) => p.id === 'imp-1')).toBe(true);
  });
});
