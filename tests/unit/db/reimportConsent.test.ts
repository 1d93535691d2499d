/**
 * Issue 8 item 3: importing the same 名簿 again must not undo a withdrawal recorded in the app.
 * The file's 同意 wins only with a later 同意日 or when the user chooses it for that person.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import { setPersonConsent } from '../../../src/db/consent';
import { shareablePeople, shareablePerson } from '../../../src/db/consentGate';
import { commitPeople } from '../../../src/db/imports';
import { findConsentConflicts, hiddenAfterImport, savePeople, storedHiddenIds } from '../../../src/db/people';
import { readPeopleFile } from '../../../src/io/peopleCsv';
import { openTestDb } from './demoStore';

const HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,同意日,情報提供先,地区,緯度,経度';
/** A fictional 名簿: A and B consented on 2024-03-27 to three recipients, C refused. */
function rosterCsv(dates: { A?: string; B?: string } = {}, recipientsA = '民生委員・自主防災組織・消防団'): Uint8Array {
  const row = (id: string, name: string, consent: string, date: string, recipients: string, i: number) =>
    `${id},${name},テスト,S15.1.1,女,福島県会津若松市栄町${i}-1,0242-00-000${i},要介護3,車いす,一人暮らし,,${consent},${date},${recipients},栄町,37.49${i},139.93${i}`;
  return new TextEncoder().encode(
    [
      HEADER,
      row('A', '再取込　一子', '同意', dates.A ?? '2024-03-27', recipientsA, 1),
      row('B', '再取込　二郎', '同意', dates.B ?? '2024-03-27', '民生委員', 2),
      row('C', '再取込　三子', '不同意', '2024-03-27', '', 3),
    ].join('\n'),
  );
}

function readRoster(bytes: Uint8Array): Person[] {
  const r = readPeopleFile(bytes, '名簿.csv');
  expect(r.errors).toEqual([]);
  return r.records;
}

/** A store holding the 名簿, with A's consent withdrawn in the app (as the plan editor records it). */
async function storeWithWithdrawal() {
  const db = openTestDb();
  await commitPeople(db, readRoster(rosterCsv()));
  await setPersonConsent(db, 'A', { status: 'refused', date: '2025-05-01', method: 'verbal', recipients: [] });
  return db;
}

const shownIds = async (db: ReturnType<typeof openTestDb>) => (await shareablePeople(db)).people.map((p) => p.id);

describe('re-importing the 名簿 after a withdrawal in the app', () => {
  it('the same file keeps the withdrawn person refused and hidden, and says so', async () => {
    const db = await storeWithWithdrawal();
    const summary = await commitPeople(db, readRoster(rosterCsv()));
    expect(summary).toEqual({ written: 3, hidden: 2, consentKept: 1, recipientsKept: 0 });
    expect((await db.people.get('A'))!.consent).toEqual({ status: 'refused', date: '2025-05-01', method: 'verbal', recipients: [] });
    expect(await shareablePerson(db, 'A')).toBeUndefined();
    expect(await shownIds(db)).toEqual(['B']);
  });

  it('lists the people the file would turn into 同意, with the stored and the file’s consent', async () => {
    const db = await storeWithWithdrawal();
    const conflicts = await findConsentConflicts(db, readRoster(rosterCsv()));
    expect(conflicts).toEqual([
      {
        personId: 'A',
        stored: { status: 'refused', date: '2025-05-01', method: 'verbal', recipients: [] },
        file: { status: 'given', date: '2024-03-27', method: 'unknown', recipients: ['minsei', 'jishubo', 'shobodan'] },
      },
    ]);
  });

  it('a file without 同意日 cannot undo the withdrawal either', async () => {
    const db = await storeWithWithdrawal();
    await commitPeople(db, readRoster(rosterCsv({ A: '' })));
    expect((await db.people.get('A'))!.consent.status).toBe('refused');
  });

  it('a later 同意日 in the file wins, without a question', async () => {
    const db = await storeWithWithdrawal();
    const later = readRoster(rosterCsv({ A: '2025-06-01' }));
    expect(await findConsentConflicts(db, later)).toEqual([]);
    expect(await commitPeople(db, later)).toEqual({ written: 3, hidden: 1, consentKept: 0, recipientsKept: 0 });
    expect((await db.people.get('A'))!.consent).toMatchObject({ status: 'given', date: '2025-06-01' });
    expect(await shownIds(db)).toEqual(['A', 'B']);
  });

  it('the user may choose the file’s 同意 for one person', async () => {
    const db = await storeWithWithdrawal();
    expect(await commitPeople(db, readRoster(rosterCsv()), { takeFileConsent: new Set(['A']) })).toEqual({ written: 3, hidden: 1, consentKept: 0, recipientsKept: 0 });
    expect((await db.people.get('A'))!.consent.status).toBe('given');
  });

  it('other writes of people keep the withdrawal too (savePeople)', async () => {
    const db = await storeWithWithdrawal();
    await savePeople(db, readRoster(rosterCsv()));
    expect((await db.people.get('A'))!.consent.status).toBe('refused');
  });

  it('recipients and method given again in the app are not widened by an older file', async () => {
    const db = await storeWithWithdrawal();
    await setPersonConsent(db, 'A', { status: 'given', date: '2025-06-01', method: 'signature', recipients: ['minsei'] });
    await commitPeople(db, readRoster(rosterCsv()));
    expect((await db.people.get('A'))!.consent).toEqual({ status: 'given', date: '2025-06-01', method: 'signature', recipients: ['minsei'] });
  });

  it('a file that shares less is taken: 不同意 or fewer recipients without a date never leaves someone shown', async () => {
    const db = openTestDb();
    await commitPeople(db, readRoster(rosterCsv()));
    const narrower = readRoster(rosterCsv({ A: '' }, '民生委員')).map((p) => (p.id === 'B' ? { ...p, consent: { ...p.consent, status: 'refused' as const, date: null } } : p));
    await commitPeople(db, narrower);
    expect((await db.people.get('A'))!.consent.recipients).toEqual(['minsei']);
    expect((await db.people.get('B'))!.consent.status).toBe('refused');
    expect(await shownIds(db)).toEqual(['A']);
  });
});

describe('the import preview of a 名簿 after a withdrawal in the app', () => {
  it('counts the withdrawn person among those it may not show, although the file says 同意', async () => {
    const db = await storeWithWithdrawal();
    expect([...(await hiddenAfterImport(db, readRoster(rosterCsv())))].sort()).toEqual(['A', 'C']);
  });

  it('shows the withdrawn person again only when the file carries a later 同意日', async () => {
    const db = await storeWithWithdrawal();
    expect([...(await hiddenAfterImport(db, readRoster(rosterCsv({ A: '2025-06-01' }))))]).toEqual(['C']);
  });

  it('tells the column mapper which cells are IDs of stored people without consent', async () => {
    const db = await storeWithWithdrawal();
    expect([...(await storedHiddenIds(db, ['A', 'B', 'C', '再取込　一子', 'X']))].sort()).toEqual(['A', 'C']);
  });
});
