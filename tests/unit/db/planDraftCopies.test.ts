import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
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
    const stale = { personId: person.id, baseVersion: 0, writtenAt: '2026-01-01T00:00:00.000Z', plan: { personId: person.id, whatToBring: '置き換えられた記録の下書き' } };
    storage.setItem(`hinan:${db.name}:planDraft:${person.id}`, JSON.stringify(stale));
    storage.setItem('hinan.onlineTiles', 'off');
    storage.setItem(`hinan:other-db:planDraft:${person.id}`, '{}');
    expect((await planDraftFor(db, person.id))?.writtenAt).toBe(stale.writtenAt);

    forgetDraftCopies(db);

    expect(await planDraftFor(db, person.id)).toBeUndefined();
    expect(storage.getItem('hinan.onlineTiles')).toBe('off');
    expect(storage.getItem(`hinan:other-db:planDraft:${person.id}`)).toBe('{}');
  });
});
