/**
 * What a restore keeps of the store it replaces (src/db/backupFile.ts restoreBackup): a consent
 * withdrawn or limited after the backup was made (an older file must not share someone again who
 * said no), and every 提供記録 entry made after the backup (the record never loses an entry).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Consent } from '../../../src/core/consent';
import { keepsStoredConsent } from '../../../src/core/restoreConsent';
import { decodeBackup, restoreBackup, writeBackup, type DecodedBackup } from '../../../src/db/backupFile';
import { setPersonConsent, setPersonRecipients } from '../../../src/db/consent';
import { shareablePeople } from '../../../src/db/consentGate';
import { listDisclosures, recordDisclosure } from '../../../src/db/disclosures';
import { savePlan } from '../../../src/db/plans';
import type { HinanDatabase } from '../../../src/db/schema';
import { FAST_KDF, openFilledDb, PASSPHRASE, snapshot } from './backupStore';

async function backupOf(db: HinanDatabase, now: Date): Promise<DecodedBackup> {
  const { parts } = await writeBackup(db, { passphrase: PASSPHRASE, kdf: FAST_KDF, now });
  return decodeBackup(new Uint8Array(await new Blob(parts).arrayBuffer()), PASSPHRASE);
}

describe('restoring an older backup keeps consent withdrawn or limited since', () => {
  it('a person refused after the backup stays refused (not shown, not shareable); a limited 情報提供先 stays limited; the others are the backup’s', async () => {
    const db = await openFilledDb('山田 花子');
    const given = (await db.people.toArray()).filter((p) => p.consent.status === 'given' && p.consent.recipients.length >= 2);
    expect(given.length).toBeGreaterThanOrEqual(3);
    const [refusing, limiting, untouched] = given;
    const decoded = await backupOf(db, new Date(Date.now() - 3 * 86_400_000)); // made three days ago

    await setPersonConsent(db, refusing.id, { status: 'refused', date: null, method: 'verbal', recipients: [], changed: { by: '山田 花子', at: new Date().toISOString() } });
    const fewer = limiting.consent.recipients.slice(0, 1);
    await setPersonRecipients(db, limiting.id, { recipients: fewer, date: new Date().toISOString().slice(0, 10), by: '山田 花子' });
    const refusedNow = (await db.people.get(refusing.id))!.consent;
    const limitedNow = (await db.people.get(limiting.id))!.consent;

    const result = await restoreBackup(db, decoded);

    expect((await db.people.get(refusing.id))!.consent).toEqual(refusedNow);
    expect((await db.people.get(limiting.id))!.consent).toEqual(limitedNow);
    expect((await db.people.get(untouched.id))!.consent).toEqual(untouched.consent);
    const shown = (await shareablePeople(db)).people.map((p) => p.id);
    expect(shown).not.toContain(refusing.id);
    expect(shown).toContain(limiting.id);
    expect(result.keptConsent.sort()).toEqual([refusing.id, limiting.id].sort());
    // everything else of those people is the backup's
    const backupPerson = (decoded.tables.people as { id: string; name: string }[]).find((p) => p.id === refusing.id)!;
    expect((await db.people.get(refusing.id))!.name).toBe(backupPerson.name);
  });

  it('an empty store (after すべてのデータを消去) restores the backup exactly; nothing is kept', async () => {
    const db = await openFilledDb('山田 花子');
    const decoded = await backupOf(db, new Date());
    const before = await snapshot(db);
    await db.transaction('rw', db.tables, async () => {
      for (const t of db.tables) if (t.name !== 'meta') await t.clear();
    });
    const result = await restoreBackup(db, decoded);
    expect(result).toEqual({ keptConsent: [], keptDisclosures: 0, keptPlanConsent: [], droppedDisclosures: 0 });
    expect((await snapshot(db)).people).toEqual(before.people);
  });

  it('a plan whose own consent (計画の提供先) was narrowed after the backup keeps the narrower one', async () => {
    const db = await openFilledDb('山田 花子');
    const plan = (await db.plans.toArray())[0];
    const person = (await db.people.get(plan.personId))!;
    const wide = await savePlan(db, { ...plan, consent: { status: 'given', date: '2025-04-01', method: 'signature', recipients: ['minsei', 'shobodan'] } });
    const decoded = await backupOf(db, new Date(Date.now() - 86_400_000));
    const narrow = await savePlan(db, { ...wide, consent: { ...wide.consent, recipients: ['minsei'] } });
    expect(person.consent.status).toBe('given');

    const result = await restoreBackup(db, decoded);

    expect(result.keptPlanConsent).toEqual([plan.id]);
    expect((await db.plans.get(plan.id))!.consent.recipients).toEqual(['minsei']);
    expect(narrow.consent.recipients).toEqual(['minsei']);
  });

  it('the rule: narrower and not older than the backup’s record → this store’s', () => {
    const at = '2025-06-01T03:00:00.000Z'; // backup made 2025-06-01 12:00 in Japan
    const given = (recipients: Consent['recipients'], date: string | null, changedAt?: string): Consent => ({
      status: 'given', date, method: 'signature', recipients, ...(changedAt ? { changed: { by: '山田', at: changedAt } } : {}),
    });
    const refused = (date: string | null, changedAt?: string): Consent => ({
      status: 'refused', date, method: 'verbal', recipients: [], ...(changedAt ? { changed: { by: '山田', at: changedAt } } : {}),
    });
    // withdrawn after the backup
    expect(keepsStoredConsent(refused(null, '2025-06-02T00:00:00.000Z'), given(['minsei'], '2024-04-01'), at)).toBe(true);
    expect(keepsStoredConsent(refused('2025-06-05'), given(['minsei'], '2024-04-01'), at)).toBe(true);
    // undated refusal (from a 名簿 file) against a dated 同意: the narrower answer
    expect(keepsStoredConsent(refused(null), given(['minsei'], '2024-04-01'), at)).toBe(true);
    // fewer 情報提供先, recorded the backup's day, after the backup's 同意
    expect(keepsStoredConsent(given(['minsei'], '2025-06-01'), given(['minsei', 'shobodan'], '2024-04-01'), at)).toBe(true);
    // the backup's 同意 is later than this store's refusal (the person agreed again before the backup)
    expect(keepsStoredConsent(refused('2024-01-01'), given(['minsei'], '2024-04-01'), at)).toBe(false);
    // the store shares as much or more: the backup's
    expect(keepsStoredConsent(given(['minsei', 'shobodan'], '2025-06-05'), given(['minsei'], '2024-04-01'), at)).toBe(false);
    expect(keepsStoredConsent(refused('2025-06-05'), refused('2024-04-01'), at)).toBe(false);
    // 未確認 with nothing recorded: the backup's
    expect(keepsStoredConsent({ status: 'pending', date: null, method: 'unknown', recipients: [] }, given(['minsei'], '2024-04-01'), at)).toBe(false);
  });
});

describe('restoring never loses an entry of the 提供記録', () => {
  it('entries made after the backup stay, after the file’s entries, then the restore’s entry', async () => {
    const db = await openFilledDb('山田 花子');
    const decoded = await backupOf(db, new Date());
    const person = (await shareablePeople(db)).people[0];
    const print = await recordDisclosure(db, { kind: 'print-plan', what: '個別避難計画書', people: [person] });
    const csv = await recordDisclosure(db, { kind: 'csv-roster', what: '名簿CSV', people: [person], fileName: '名簿.csv' });

    const result = await restoreBackup(db, decoded);

    expect(result.keptDisclosures).toBe(2);
    const record = (await listDisclosures(db)).slice().sort((a, b) => a.seq! - b.seq!);
    const fileRows = decoded.tables.disclosures as { id: string }[];
    expect(record.map((d) => d.id)).toEqual([...fileRows.map((d) => d.id), print.id, csv.id, record.at(-1)!.id]);
    expect(record.at(-1)!.kind).toBe('restore');
    expect(record.find((d) => d.id === print.id)).toMatchObject({ kind: 'print-plan', personIds: [person.id], count: 1 });
    // restoring the same file again loses nothing and adds only its own entry
    await restoreBackup(db, decoded);
    expect((await listDisclosures(db)).length).toBe(record.length + 1);
  });

  it('a backup of another store (no entry in common) does not take this store’s record, which names this store’s people', async () => {
    const other = await openFilledDb('佐藤 次郎');
    const decoded = await backupOf(other, new Date());
    const db = await openFilledDb('山田 花子');
    const person = (await shareablePeople(db)).people[0];
    await recordDisclosure(db, { kind: 'print-plan', what: `個別避難計画書（${person.name}）`, people: [person] });

    const result = await restoreBackup(db, decoded);

    expect(result).toMatchObject({ keptDisclosures: 0, droppedDisclosures: 1 });
    const record = await listDisclosures(db);
    expect(record.map((d) => d.what).join('\n')).not.toContain(person.name);
    expect(record.filter((d) => d.kind !== 'restore').map((d) => d.id).sort()).toEqual((decoded.tables.disclosures as { id: string }[]).map((d) => d.id).sort());
  });
});
