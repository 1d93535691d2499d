import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import { ConsentGateError, disclosureKindLabel, lastDisclosureOf, listDisclosures, OperatorMissingError, recordDisclosure } from '../../../src/db/disclosures';
import { getOperator, setOperator } from '../../../src/db/operator';
import { openDemoDb } from './demoStore';

/** The demo 名簿 split by what its consent allows. */
async function demoPeople() {
  const db = await openDemoDb();
  const all: Person[] = await db.people.toArray();
  return {
    db,
    refused: all.find((p) => p.consent.status === 'refused')!,
    pending: all.find((p) => p.consent.status === 'pending')!,
    withShobodan: all.filter((p) => p.consent.status === 'given' && p.consent.recipients.includes('shobodan')),
    withoutShobodan: all.find((p) => p.consent.status === 'given' && !p.consent.recipients.includes('shobodan'))!,
  };
}

describe('the disclosure door (提供記録)', () => {
  it('refuses any disclosure before a 作業者名 is given on this device, writing nothing', async () => {
    const { db, withShobodan } = await demoPeople();
    expect(await getOperator(db)).toBe('');
    const attempt = recordDisclosure(db, { kind: 'print-plan', what: '個別避難計画書', people: withShobodan.slice(0, 1) });
    await expect(attempt).rejects.toBeInstanceOf(OperatorMissingError);
    await expect(attempt).rejects.toThrow('作業者名が未設定です');
    expect(await db.disclosures.count()).toBe(0);
  });

  it('refuses people whose consent is refused or pending, and people whose consent does not name the recipient, writing nothing', async () => {
    const { db, refused, pending, withShobodan, withoutShobodan } = await demoPeople();
    await setOperator(db, '山田 花子');
    for (const blocked of [refused, pending]) {
      const attempt = recordDisclosure(db, { kind: 'print-karte', what: '地区カルテ', people: [withShobodan[0], blocked] });
      await expect(attempt).rejects.toBeInstanceOf(ConsentGateError);
      await expect(attempt).rejects.toThrow('同意のない人（1人）の情報は出力できません');
      await attempt.catch((err: ConsentGateError) => expect(err.personIds).toEqual([blocked.id]));
    }
    const toShobodan = recordDisclosure(db, { kind: 'csv-roster', what: '消防団向け名簿', recipient: '消防団', consentRecipient: 'shobodan', people: [...withShobodan, withoutShobodan] });
    await expect(toShobodan).rejects.toBeInstanceOf(ConsentGateError);
    await toShobodan.catch((err: ConsentGateError) => expect(err.personIds).toEqual([withoutShobodan.id]));
    // Without a recipient, consent given is enough.
    await recordDisclosure(db, { kind: 'print-karte', what: '地区カルテ', people: [withoutShobodan] });
    expect((await listDisclosures(db)).map((d) => d.kind)).toEqual(['print-karte']);
  });

  it('checks the stored record, not only the screen\'s copy: consent withdrawn since the screen read it refuses the print', async () => {
    const { db, withShobodan } = await demoPeople();
    await setOperator(db, '山田 花子');
    const [onScreen, other] = withShobodan; // as a screen read them, consent given
    await db.people.update(onScreen.id, { consent: { ...onScreen.consent, status: 'refused' } }); // withdrawn in another tab
    const attempt = recordDisclosure(db, { kind: 'print-interview', what: '聞き取り票（本町一丁目・全員・2人）', people: [onScreen, other] });
    await expect(attempt).rejects.toBeInstanceOf(ConsentGateError);
    await attempt.catch((err: ConsentGateError) => expect(err.personIds).toEqual([onScreen.id]));
    expect(await db.disclosures.count()).toBe(0);
    // Someone not in this store (a received hand-over file's person) is checked as given.
    await recordDisclosure(db, { kind: 'print-receipt', what: '受領書', people: [{ ...other, id: 'not-in-this-store' }] });
    expect(await db.disclosures.count()).toBe(1);
  });

  it('writes when, what, for whom, which people and how many, the file and the operator', async () => {
    const { db, withShobodan } = await demoPeople();
    await setOperator(db, '  佐藤　一郎 ');
    const at = new Date('2026-11-28T16:05:00.000Z');
    const people = [...withShobodan, withShobodan[0]];
    const entry = await recordDisclosure(db, { kind: 'csv-roster', what: '消防団向け名簿（一箕町松長地区）', recipient: '消防団', consentRecipient: 'shobodan', people, fileName: '消防団向け名簿.csv', at });
    const [stored] = await db.disclosures.toArray();
    expect(stored).toEqual(entry);
    expect(stored).toMatchObject({
      at: '2026-11-28T16:05:00.000Z',
      kind: 'csv-roster',
      what: '消防団向け名簿（一箕町松長地区）',
      recipient: '消防団',
      personIds: withShobodan.map((p) => p.id),
      count: withShobodan.length,
      wholeStore: false,
      fileName: '消防団向け名簿.csv',
      operator: '佐藤 一郎',
    });
    // A whole-store operation: the count it was given, no ids, no consent check.
    const backup = await recordDisclosure(db, { kind: 'backup', what: 'すべてのデータ', wholeStoreCount: 150, fileName: 'a.hinan' });
    expect(backup).toMatchObject({ personIds: [], count: 150, wholeStore: true, recipient: null, fileName: 'a.hinan' });
  });

  it('appends in order: listed newest first, the last of a kind found, earlier entries never changed', async () => {
    const { db, withShobodan } = await demoPeople();
    await setOperator(db, '山田 花子');
    const first = await recordDisclosure(db, { kind: 'backup', what: 'すべてのデータ', wholeStoreCount: 150 });
    await recordDisclosure(db, { kind: 'print-plan', what: '計画書', people: withShobodan.slice(0, 1) });
    await setOperator(db, '佐藤 一郎');
    const second = await recordDisclosure(db, { kind: 'backup', what: 'すべてのデータ', wholeStoreCount: 151 });
    await recordDisclosure(db, { kind: 'csv-drill', what: '訓練記録', people: withShobodan.slice(0, 2) });
    const listed = await listDisclosures(db);
    expect(listed.map((d) => d.kind)).toEqual(['csv-drill', 'backup', 'print-plan', 'backup']);
    expect(listed.map((d) => d.seq)).toEqual([...listed.map((d) => d.seq!)].sort((a, b) => b - a));
    expect(await listDisclosures(db, 2)).toEqual(listed.slice(0, 2));
    expect(listed[3]).toEqual(first);
    expect(listed[3].operator).toBe('山田 花子');
    expect(await lastDisclosureOf(db, 'backup')).toEqual(second);
    expect(await lastDisclosureOf(db, 'merge')).toBeUndefined();
  });
});

describe('作業者名 (issue 10 testers)', () => {
  it('refuses a name made only of invisible characters, and keeps the visible part of a name', async () => {
    const db = await openDemoDb();
    for (const invisible of ['\u200b', '\u200b\u200c\u200d\u2060', '\ufeff \u200e', '\u0007\u200b']) {
      await expect(setOperator(db, invisible)).rejects.toThrow('作業者名を入力してください');
    }
    expect(await getOperator(db)).toBe('');
    expect(await setOperator(db, '山田\u200b 花子\u2060')).toBe('山田 花子');
    expect(await getOperator(db)).toBe('山田 花子');
  });
});

describe('提供記録 種類 column', () => {
  it('says 「（統合で追加）」 on an entry a merge brought from another device', () => {
    expect(disclosureKindLabel({ kind: 'backup' })).toBe('バックアップの作成');
    expect(disclosureKindLabel({ kind: 'backup', mergedFrom: '佐藤 一郎' })).toBe('バックアップの作成（統合で追加）');
    expect(disclosureKindLabel({ kind: 'handover', mergedFrom: '' })).toBe('受け渡しファイルの作成（統合で追加）');
  });
});
