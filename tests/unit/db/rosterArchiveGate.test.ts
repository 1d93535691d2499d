/**
 * 名簿から外れた人 (issue 11) behind the person gate: an archived person with consent is hidden from
 * every read of the store exactly like a person without consent — lists, one person, the 提供記録
 * door, hand-overs, the 関係者向け名簿, the CLI — and an archived supporter is never listed or matched.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { consentingPeople } from '../../../src/cli/inputs';
import { selectHandover } from '../../../src/core/handoverSelection';
import type { Person } from '../../../src/core/person';
import { emptyPlan } from '../../../src/core/plan';
import type { RosterArchive } from '../../../src/core/rosterArchive';
import { rosterExport } from '../../../src/core/rosterExport';
import type { Supporter } from '../../../src/core/supporter';
import { setPersonRecipients } from '../../../src/db/consent';
import { shareablePeople, shareablePerson } from '../../../src/db/consentGate';
import { ConsentGateError, recordDisclosure } from '../../../src/db/disclosures';
import { previewHandover } from '../../../src/db/handover';
import { karteInputsFromStore } from '../../../src/db/karte';
import { setOperator } from '../../../src/db/operator';
import { storedHiddenIds } from '../../../src/db/people';
import type { HinanDatabase } from '../../../src/db/schema';
import { listSupporters } from '../../../src/db/supporters';
import { openDemoDb } from './demoStore';

const ARCHIVED: RosterArchive = { updateId: 'u-2027', at: '2027-03-31T15:00:00.000Z', on: '2027-04-01', reason: 'moved_out', fileName: '名簿2027.csv' };

/** The demo store with one consented person (named to 消防団) archived, and who that is. */
async function storeWithArchivedPerson(): Promise<{ db: HinanDatabase; gone: Person; stays: Person }> {
  const db = await openDemoDb();
  await setOperator(db, '山田 花子');
  const shobodan = (await db.people.toArray()).filter((p) => p.consent.status === 'given' && p.consent.recipients.includes('shobodan'));
  const [gone, stays] = shobodan;
  await db.people.put({ ...gone, archived: ARCHIVED });
  return { db, gone, stays };
}

describe('an archived person with consent is hidden like a person without consent', () => {
  it('is not among the shown people nor found by id, and is not counted as 同意のない人', async () => {
    const { db, gone, stays } = await storeWithArchivedPerson();
    const all = await db.people.count();
    const shown = await shareablePeople(db);
    expect(shown.people.map((p) => p.id)).not.toContain(gone.id);
    expect(shown.people.map((p) => p.id)).toContain(stays.id);
    expect(shown.archivedCount).toBe(1);
    // 「同意のない N人は表示していません」 counts people on the 名簿 only.
    expect(shown.people.length + shown.hiddenCount + shown.archivedCount).toBe(all);
    const district = await shareablePeople(db, { districtId: gone.districtId });
    expect(district.people.map((p) => p.id)).not.toContain(gone.id);
    expect(district.archivedCount).toBe(1);
    expect(await shareablePerson(db, gone.id)).toBeUndefined();
    expect((await shareablePerson(db, stays.id))?.id).toBe(stays.id);
    // The column mapper leaves the archived person's rows out of its samples.
    expect([...(await storedHiddenIds(db, [gone.id, stays.id]))]).toEqual([gone.id]);
  });

  it('is refused by the 提供記録 door (recordDisclosure), with or without a recipient, writing nothing', async () => {
    const { db, gone, stays } = await storeWithArchivedPerson();
    for (const consentRecipient of [undefined, 'shobodan' as const]) {
      const attempt = recordDisclosure(db, { kind: 'print-karte', what: '地区カルテ', consentRecipient, people: [stays, { ...gone, archived: ARCHIVED }] });
      await expect(attempt).rejects.toBeInstanceOf(ConsentGateError);
      await expect(attempt).rejects.toThrow('同意のない人・名簿から外れた人（1人）の情報は出力できません');
      await attempt.catch((err: ConsentGateError) => expect(err.personIds).toEqual([gone.id]));
    }
    expect(await db.disclosures.count()).toBe(0);
  });

  it('gets no 情報提供先 recorded', async () => {
    const { db, gone } = await storeWithArchivedPerson();
    await expect(setPersonRecipients(db, gone.id, { recipients: ['minsei'], date: '2026-04-02', by: '山田 花子' })).rejects.toThrow('名簿から外れた人には、情報提供先を記録できません。');
  });

  it('is in no hand-over file, even with a plan whose consent names the group', async () => {
    const { db, gone, stays } = await storeWithArchivedPerson();
    await db.plans.put({ ...emptyPlan(gone.id, '2026-05-01'), consent: { ...gone.consent } });
    const { selection } = await previewHandover(db, { kind: 'group', group: 'shobodan' });
    expect(selection.people.map((p) => p.id)).not.toContain(gone.id);
    expect(selection.people.map((p) => p.id)).toContain(stays.id);
    expect(selection.plans.map((p) => p.personId)).not.toContain(gone.id);
    // The pure selection refuses them too, whatever the caller passes.
    const direct = selectHandover({ kind: 'group', group: 'shobodan' }, { people: [{ ...gone, archived: ARCHIVED }, stays], plans: new Map(), supporters: new Map(), shelters: new Map(), districts: new Map() });
    expect(direct.people.map((p) => p.id)).toEqual([stays.id]);
  });

  it('is in no 関係者向け名簿 and no CLI output', async () => {
    const { gone, stays } = await storeWithArchivedPerson();
    const archived = { ...gone, archived: ARCHIVED };
    const out = rosterExport({ people: [archived, stays], recipient: 'shobodan', hazard: 'flood', onDate: '2027-04-02', plans: new Map(), supporters: new Map(), shelters: new Map(), districts: new Map(), suggestions: new Map() });
    const ids = out.rows.slice(1).map((r) => r[1]);
    expect(ids).toEqual([stays.id]);
    expect(out.rows.flat().join()).not.toContain(gone.name);
    const stderr: string[] = [];
    const io = { stderr: (s: string) => stderr.push(s) } as unknown as Parameters<typeof consentingPeople>[1];
    expect(consentingPeople([archived, stays], io).map((p) => p.id)).toEqual([stays.id]);
  });
});

describe('an archived supporter is not listed, drawn, picked or matched', () => {
  async function storeWithArchivedSupporter(): Promise<{ db: HinanDatabase; gone: Supporter; stays: Supporter }> {
    const db = await openDemoDb();
    await setOperator(db, '山田 花子');
    const [gone, stays] = await db.supporters.toArray();
    await db.supporters.put({ ...gone, archived: ARCHIVED });
    return { db, gone, stays };
  }

  it('is left out of every supporter list (map layer, picker, engine input) and the 地区カルテ', async () => {
    const { db, gone, stays } = await storeWithArchivedSupporter();
    const listed = (await listSupporters(db)).map((s) => s.id);
    expect(listed).not.toContain(gone.id);
    expect(listed).toContain(stays.id);
    expect(listed.length).toBe((await db.supporters.count()) - 1);
    expect((await listSupporters(db, gone.districtId)).map((s) => s.id)).not.toContain(gone.id);
    // A plan in another district linking the archived supporter does not bring them back as a linked supporter.
    const [person] = (await shareablePeople(db)).people.filter((p) => p.districtId !== gone.districtId);
    await db.plans.put({ ...emptyPlan(person.id, '2026-05-01'), primarySupporter: { supporterId: gone.id, name: '', phone: '', address: '', chosenBy: 'user' } });
    const inputs = await karteInputsFromStore(db, person.districtId, '2027-04-02');
    expect([...inputs.supporters, ...(inputs.linkedSupporters ?? [])].map((s) => s.id)).not.toContain(gone.id);
    expect(inputs.plans.map((p) => p.personId)).toContain(person.id);
  });

  it('receives no hand-over: the plans naming them select nobody', async () => {
    const { db, gone } = await storeWithArchivedSupporter();
    const [person] = (await shareablePeople(db)).people;
    await db.plans.put({ ...emptyPlan(person.id, '2026-05-01'), consent: { ...person.consent }, primarySupporter: { supporterId: gone.id, name: '', phone: '', address: '', chosenBy: 'user' } });
    const { selection } = await previewHandover(db, { kind: 'supporter', supporterId: gone.id });
    expect(selection.people).toEqual([]);
  });
});
