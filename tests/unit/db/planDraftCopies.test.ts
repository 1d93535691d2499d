import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPlan } from '../../../src/core/plan';
import { forgetDraftCopies, planDraftFor } from '../../../src/db/planDrafts';
import { MemoryStorage } from '../support/memoryStorage';
import { openDemoDb } from './demoStore';

describe('draft copies after a restore', () => {
  afterEach(() => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
  });

  it('typing left in localStorage for the replaced store is forgotten, so the editor does not offer it on the restored plan; other keys stay', async () => {
    const storage = new MemoryStorage();
    (globalThis as { localStorage?: Storage }).localStorage = storage;
    const db = await openDemoDb();
    const person = (await db.people.toArray()).find((p) => p.consent.status === 'given')!;
    const stale = { personId: person.id, baseVersion: 0, writtenAt: '2026-01-01T00:00:00.000Z', plan: { ...emptyPlan(person.id, '2026-01-01'), whatToBring: '置き換えられた記録の下書き' } };
    storage.setItem(`hinan:${db.name}:planDraft:${person.id}`, JSON.stringify(stale));
    storage.setItem('hinan.onlineTiles', 'off');
    storage.setItem(`hinan:other-db:planDraft:${person.id}`, '{}');
    expect((await planDraftFor(db, person.id))?.writtenAt).toBe(stale.writtenAt);

    forgetDraftCopies(db);

    expect(await planDraftFor(db, person.id)).toBeUndefined();
    expect(storage.getItem('hinan.onlineTiles')).toBe('off');
    expect(storage.getItem(`hinan:other-db:planDraft:${person.id}`)).toBe('{}');
  });

  it('a copy that is not a whole draft (an older app version, a damaged value) is not taken for one: the IndexedDB draft is used', async () => {
    const storage = new MemoryStorage();
    (globalThis as { localStorage?: Storage }).localStorage = storage;
    const db = await openDemoDb();
    const person = (await db.people.toArray()).find((p) => p.consent.status === 'given');
    if (!person) throw new Error('the demo store has no person with consent');
    const key = `hinan:${db.name}:planDraft:${person.id}`;
    const whole = { personId: person.id, baseVersion: 0, writtenAt: '2026-01-01T00:00:00.000Z', plan: emptyPlan(person.id, '2026-01-01') };
    const malformed = [
      { ...whole, plan: { personId: person.id, whatToBring: '計画の一部だけ' } },
      { ...whole, plan: { ...whole.plan, transport: 'teleport' } },
      { ...whole, baseVersion: -1 },
      { ...whole, baseVersion: 1.5 },
      { ...whole, writtenAt: 'いつか' },
    ];
    for (const copy of malformed) {
      storage.setItem(key, JSON.stringify(copy));
      expect(await planDraftFor(db, person.id)).toBeUndefined(); // no IndexedDB draft: none
    }
    storage.setItem(key, JSON.stringify(whole));
    expect((await planDraftFor(db, person.id))?.writtenAt).toBe(whole.writtenAt);
  });
});
