/**
 * 受け渡しファイル end to end in Node (fake-indexeddb): made from the demo store, recorded in the
 * 提供記録, opened into a database of its own on the recipient's side, refused for the wrong kind
 * or after expiry, and purged once expired.
 */
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { isShareable, isShareableWith } from '../../../src/core/consent';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import { isPersonShown } from '../../../src/core/rosterArchive';
import { listDisclosures, OperatorMissingError } from '../../../src/db/disclosures';
import { writeHandover } from '../../../src/db/handover';
import { setOperator } from '../../../src/db/operator';
import { savePlan } from '../../../src/db/plans';
import { deleteReceived, listReceived, purgeExpiredReceived, readReceived, receiveHandover, ReceivedRegistry } from '../../../src/db/received';
import type { HinanDatabase } from '../../../src/db/schema';
import { BackupError } from '../../../src/io/backup/backupError';
import { openContainer, packSection, sealContainer } from '../../../src/io/backup/container';
import { freshName, openDemoDb } from './demoStore';

const PASSPHRASE = '48213-09921-55730-11846-70392';
const FAST_KDF = { memoryKiB: 256, iterations: 1 };
/** 2026-11-29 10:00 in Japan. */
const NOW = new Date('2026-11-29T01:00:00Z');

const registries: ReceivedRegistry[] = [];
function freshRegistry(): ReceivedRegistry {
  const r = new ReceivedRegistry(`received-${freshName()}`);
  registries.push(r);
  return r;
}
afterEach(async () => {
  for (const r of registries.splice(0)) {
    for (const f of await r.files.toArray()) await Dexie.delete(f.dbName);
    r.close();
    await r.delete();
  }
});

async function demoWithOperator(): Promise<HinanDatabase> {
  const db = await openDemoDb();
  await setOperator(db, '山田 花子');
  return db;
}

async function fileOf(parts: Uint8Array<ArrayBuffer>[]): Promise<Uint8Array> {
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

async function failure(p: Promise<unknown>): Promise<BackupError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(BackupError);
  return err as BackupError;
}

describe('受け渡しファイル (hand-over file)', () => {
  it('for 消防団 holds exactly the people whose consent names 消防団, records it, and opens into its own database', async () => {
    const db = await demoWithOperator();
    const all = await db.people.toArray();
    const expected = all.filter((p) => isShareableWith(p.consent, 'shobodan')).map((p) => p.id).sort();
    expect(expected.length).toBeGreaterThan(0);
    // The demo has refused and pending people: none may leave.
    const withheld = all.filter((p) => !isShareable(p.consent)).map((p) => p.id);
    expect(withheld.length).toBeGreaterThan(0);

    const written = await writeHandover(db, { recipient: { kind: 'group', group: 'shobodan' }, passphrase: PASSPHRASE, expiresOn: '2027-03-31', kdf: FAST_KDF, now: NOW });
    expect(written.fileName).toBe('避難支援_受け渡し_消防団_20261129.hinan');
    expect(written.count).toBe(expected.length);

    // What is inside the file, read with the passphrase: those people and nobody else.
    const bytes = await fileOf(written.parts);
    const inFile: string[] = [];
    for await (const s of openContainer(bytes, PASSPHRASE)) if (s.table === 'people') inFile.push(...(s.rows as { id: string }[]).map((p) => p.id));
    expect(inFile.sort()).toEqual(expected);
    expect(inFile.some((id) => withheld.includes(id))).toBe(false);

    const [entry] = await listDisclosures(db);
    expect(entry).toMatchObject({ kind: 'handover', recipient: '消防団', count: expected.length, fileName: written.fileName, operator: '山田 花子', wholeStore: false });
    expect([...entry.personIds].sort()).toEqual(expected);

    const registry = freshRegistry();
    const file = await receiveHandover(registry, bytes, PASSPHRASE, { fileName: written.fileName, now: NOW });
    expect(file).toMatchObject({ recipient: '消防団', operator: '山田 花子', expiresOn: '2027-03-31', count: expected.length, fileName: written.fileName });
    expect(file.dbName).not.toBe(db.name);
    const shown = await readReceived(registry, file.id);
    expect(shown!.people.map((p) => p.id).sort()).toEqual(expected);
    // The app's own store got nothing from the open.
    expect(await db.people.count()).toBe(all.length);
    // Opening the same file again keeps one copy.
    expect((await receiveHandover(registry, bytes, PASSPHRASE, { fileName: written.fileName, now: NOW })).id).toBe(file.id);
    expect(await listReceived(registry)).toHaveLength(1);

    await deleteReceived(registry, file.id);
    expect(await listReceived(registry)).toEqual([]);
    expect(await Dexie.exists(file.dbName)).toBe(false);
  });

  it('for one supporter holds the people whose plan names them, with the plan, its supporters and shelters', async () => {
    const db = await demoWithOperator();
    const [a, b] = (await db.people.toArray()).filter((p) => isShareable(p.consent));
    const [s1] = await db.supporters.toArray();
    const [shelter] = await db.shelters.toArray();
    const plan: Plan = {
      ...emptyPlan(a.id, '2026-11-01'),
      primarySupporter: { supporterId: s1.id, name: '', phone: '', address: '', chosenBy: 'user' },
      destinations: { flood: { shelterId: shelter.id, chosenBy: 'user', routeNote: '', routeLine: null } },
      consent: { status: 'given', date: '2026-11-01', method: 'signature', recipients: [] },
    };
    await savePlan(db, plan);
    // b's plan names the supporter too, but b did not consent to the plan.
    await savePlan(db, { ...plan, id: `plan-${b.id}`, personId: b.id, consent: { status: 'pending', date: null, method: 'unknown', recipients: [] } });

    const written = await writeHandover(db, { recipient: { kind: 'supporter', supporterId: s1.id }, passphrase: PASSPHRASE, expiresOn: '2027-11-29', kdf: FAST_KDF, now: NOW });
    expect(written.count).toBe(1);
    expect(written.label).toBe(`支援者 ${s1.name}`);
    // The file name, visible on any disk, says the role only; the name is inside the encrypted file.
    expect(written.fileName).toBe('避難支援_受け渡し_支援者_20261129.hinan');
    const registry = freshRegistry();
    const file = await receiveHandover(registry, await fileOf(written.parts), PASSPHRASE, { fileName: written.fileName, now: NOW });
    const shown = (await readReceived(registry, file.id))!;
    expect(shown.people.map((p) => p.id)).toEqual([a.id]);
    expect(shown.plans.get(a.id)?.primarySupporter?.supporterId).toBe(s1.id);
    expect([...shown.supporters.keys()]).toEqual([s1.id]);
    expect(shown.supporters.get(s1.id)?.location).toBeNull();
    expect([...shown.shelters.keys()]).toEqual([shelter.id]);
    const [entry] = await listDisclosures(db);
    expect(entry).toMatchObject({ kind: 'handover', recipient: `支援者 ${s1.name}`, count: 1, personIds: [a.id] });
  });

  it('names the member of a group who receives it in the record, inside the file and on the list, never in the file name', async () => {
    const db = await demoWithOperator();
    const recipient = { kind: 'group', group: 'minsei', receiverName: '  山田\u200b　花子 ' } as const;
    const written = await writeHandover(db, { recipient, passphrase: PASSPHRASE, expiresOn: '2027-11-29', kdf: FAST_KDF, now: NOW });
    expect(written.label).toBe('民生委員（山田 花子）');
    expect(written.fileName).toBe('避難支援_受け渡し_民生委員_20261129.hinan');
    const [entry] = await listDisclosures(db);
    expect(entry).toMatchObject({ kind: 'handover', recipient: '民生委員（山田 花子）', what: '受け渡しファイル（民生委員（山田 花子）、有効期限 2027年11月29日まで）' });
    const file = await receiveHandover(freshRegistry(), await fileOf(written.parts), PASSPHRASE, { fileName: written.fileName, now: NOW });
    expect(file.recipient).toBe('民生委員（山田 花子）');
    // Optional: without it, the group alone; too long is refused and records nothing.
    expect((await writeHandover(db, { recipient: { kind: 'group', group: 'minsei', receiverName: '\u200b ' }, passphrase: PASSPHRASE, expiresOn: '2027-11-29', kdf: FAST_KDF, now: NOW })).label).toBe('民生委員');
    const before = await db.disclosures.count();
    await expect(writeHandover(db, { recipient: { kind: 'group', group: 'minsei', receiverName: 'あ'.repeat(51) }, passphrase: PASSPHRASE, expiresOn: '2027-11-29', kdf: FAST_KDF, now: NOW })).rejects.toThrow('受け取る人の氏名は50文字以内');
    expect(await db.disclosures.count()).toBe(before);
  });

  it('is refused without a 作業者名, with an expiry beyond a year or in the past, and with nobody to hand over; nothing is recorded', async () => {
    const db = await openDemoDb();
    const make = (over: object = {}) => writeHandover(db, { recipient: { kind: 'group', group: 'shobodan' }, passphrase: PASSPHRASE, expiresOn: '2027-03-31', kdf: FAST_KDF, now: NOW, ...over });
    await expect(make()).rejects.toBeInstanceOf(OperatorMissingError);
    await setOperator(db, '山田 花子');
    await expect(make({ expiresOn: '2027-11-30' })).rejects.toThrow('1年以内（2027-11-29まで）');
    await expect(make({ expiresOn: '2026-11-28' })).rejects.toThrow('今日（2026-11-29）より前');
    await expect(make({ recipient: { kind: 'group', group: 'police' } })).rejects.toThrow('「警察」に渡せる人がいません');
    await expect(make({ passphrase: '1234' })).rejects.toThrow('パスフレーズが短すぎます');
    expect(await listDisclosures(db)).toEqual([]);
  });

  it('is not opened when its expiry is more than a year and a day after it was made (a file made elsewhere)', async () => {
    const registry = freshRegistry();
    const handover = (expiresOn: string) =>
      sealContainer(
        { kind: 'handover', schemaVersion: 7, appVersion: '0.1.0', operator: '山田 花子', passphrase: PASSPHRASE, kdf: FAST_KDF, createdAt: NOW, expiresOn },
        [packSection('handover', [{ recipient: '消防団', recipientKind: 'group' }]), packSection('people', [])],
        { handover: 1, people: 0 },
      ).then(fileOf);
    for (const expiresOn of ['2027-12-01', '2099-12-31']) {
      const refused = await failure(receiveHandover(registry, await handover(expiresOn), PASSPHRASE, { fileName: 'x.hinan', now: NOW }));
      expect(refused.message).toContain('作成日（2026年11月29日）から1年を超えています');
    }
    expect(await listReceived(registry)).toEqual([]);
    // A year and a day (made just before midnight elsewhere) is still accepted.
    expect((await receiveHandover(registry, await handover('2027-11-30'), PASSPHRASE, { fileName: 'x.hinan', now: NOW })).expiresOn).toBe('2027-11-30');
  });

  it('is not opened when a record is not what its table holds, or nobody is named as recipient; nothing is kept', async () => {
    const registry = freshRegistry();
    const db = await demoWithOperator();
    const person = (await db.people.toArray())[0];
    const handover = (sections: [string, unknown[]][]) =>
      sealContainer(
        { kind: 'handover', schemaVersion: 8, appVersion: '0.1.0', operator: '山田 花子', passphrase: PASSPHRASE, kdf: FAST_KDF, createdAt: NOW, expiresOn: '2027-03-31' },
        sections.map(([table, rows]) => packSection(table, rows)),
        Object.fromEntries(sections.map(([table, rows]) => [table, rows.length])),
      ).then(fileOf);
    const info: [string, unknown[]] = ['handover', [{ recipient: '消防団', recipientKind: 'group' }]];
    const cases: [[string, unknown[]][], string][] = [
      [[info, ['people', [person, 'not a record']]], '要支援者: 記録の形が違います。'],
      [[info, ['people', [person]], ['shelters', [{ id: 'S1' }]]], '避難所: '],
      [[['people', [person]]], '受け渡し先の記録がありません'],
      [[['handover', [['消防団']]], ['people', [person]]], '受け渡し先の記録がありません'],
    ];
    for (const [sections, message] of cases) {
      const refused = await failure(receiveHandover(registry, await handover(sections), PASSPHRASE, { fileName: 'x.hinan', now: NOW }));
      expect(refused.code, message).toBe('invalid-records');
      expect(refused.message).toContain(message);
    }
    expect(await listReceived(registry)).toEqual([]);
    // The same records, well formed, are opened.
    const file = await receiveHandover(registry, await handover([info, ['people', [person]]]), PASSPHRASE, { fileName: 'x.hinan', now: NOW });
    expect(file).toMatchObject({ recipient: '消防団', count: isPersonShown(person) ? 1 : 0 });
  });

  it('is not opened after its expiry, and an opened one is purged the day after it expires', async () => {
    const db = await demoWithOperator();
    const written = await writeHandover(db, { recipient: { kind: 'group', group: 'shobodan' }, passphrase: PASSPHRASE, expiresOn: '2026-12-31', kdf: FAST_KDF, now: NOW });
    const bytes = await fileOf(written.parts);
    const registry = freshRegistry();
    // 2027-01-01 00:30 in Japan is still 2026-12-31 in UTC: Japan's date decides.
    const afterExpiry = new Date('2026-12-31T15:30:00Z');
    const late = await failure(receiveHandover(registry, bytes, PASSPHRASE, { fileName: written.fileName, now: afterExpiry }));
    expect(late.code).toBe('expired');
    expect(late.message).toContain('有効期限（2026年12月31日まで）が過ぎている');
    expect(await listReceived(registry)).toEqual([]);

    const file = await receiveHandover(registry, bytes, PASSPHRASE, { fileName: written.fileName, now: NOW });
    expect(await purgeExpiredReceived(registry, new Date('2026-12-31T14:30:00Z'))).toEqual([]); // 23:30 on the last day
    expect(await listReceived(registry)).toHaveLength(1);
    expect((await purgeExpiredReceived(registry, afterExpiry)).map((f) => f.id)).toEqual([file.id]);
    expect(await listReceived(registry)).toEqual([]);
    expect(await Dexie.exists(file.dbName)).toBe(false);
  });

  it('a backup file, a wrong passphrase or the wrong file each get a Japanese message and keep nothing', async () => {
    const db = await demoWithOperator();
    const registry = freshRegistry();
    const backup = await fileOf(await sealContainer({ kind: 'backup', schemaVersion: 7, appVersion: '0.1.0', operator: '山田 花子', passphrase: PASSPHRASE, kdf: FAST_KDF }, [packSection('people', [])], { people: 0 }));
    const wrongKind = await failure(receiveHandover(registry, backup, PASSPHRASE, { fileName: 'b.hinan', now: NOW }));
    expect(wrongKind.code).toBe('wrong-kind');
    expect(wrongKind.message).toContain('受け渡しファイルではない');

    const written = await writeHandover(db, { recipient: { kind: 'group', group: 'shobodan' }, passphrase: PASSPHRASE, expiresOn: '2027-03-31', kdf: FAST_KDF, now: NOW });
    expect((await failure(receiveHandover(registry, await fileOf(written.parts), '11111-22222-33333-44444-55555', { fileName: written.fileName, now: NOW }))).code).toBe('wrong-passphrase');
    expect((await failure(receiveHandover(registry, new TextEncoder().encode('氏名,住所\n'), PASSPHRASE, { fileName: 'x.csv', now: NOW }))).code).toBe('not-backup');
    expect(await listReceived(registry)).toEqual([]);
    expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith(`${registry.name}-`))).toEqual([]);
  });
});
