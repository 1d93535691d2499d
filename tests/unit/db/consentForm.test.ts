/**
 * Issue 9 defect 2: a 名簿 in the app's template has no 情報提供先 column, so every recipient list
 * (消防団…) was empty. The import asks which recipients the consent form covers, applies them to
 * the 同意 rows naming none — through the re-import consent rule — and remembers the answer per
 * file layout; a person's recipients can be changed in the app with the date and who changed it.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { isShareableWith } from '../../../src/core/consent';
import type { Person } from '../../../src/core/person';
import { listColumnMappings } from '../../../src/db/columnMappings';
import { setPersonConsent, setPersonRecipients } from '../../../src/db/consent';
import { loadConsentFormRecipients, saveConsentFormRecipients, withConsentFormRecipients } from '../../../src/db/consentForm';
import { commitPeople } from '../../../src/db/imports';
import { mappingSignature } from '../../../src/io/columnMapping';
import { PEOPLE_TEMPLATE_HEADER, readPeopleFile } from '../../../src/io/peopleCsv';
import { openTestDb } from './demoStore';

/** A fictional 名簿 in the template (no 情報提供先 column): A and B consented, C refused. */
function templateRoster(): Person[] {
  const row = (id: string, consent: string, i: number) =>
    `${id},様式　${i}子,ヨウシキ,S15.1.1,女,福島県会津若松市栄町${i}-1,0242-00-000${i},要介護3,車いす,一人暮らし,,${consent},栄町,37.49${i},139.93${i}`;
  const r = readPeopleFile(new TextEncoder().encode([PEOPLE_TEMPLATE_HEADER, row('A', '同意', 1), row('B', '同意', 2), row('C', '不同意', 3)].join('\n')), '名簿.csv');
  expect(r.errors).toEqual([]);
  return r.records;
}

const stored = async (db: ReturnType<typeof openTestDb>, id: string) => (await db.people.get(id))!;

describe('the consent form’s recipients at import', () => {
  it('go on every 同意 row of a template 名簿, so the 消防団 list is no longer empty', async () => {
    const db = openTestDb();
    const people = withConsentFormRecipients(templateRoster(), ['shobodan', 'minsei']);
    await commitPeople(db, people);
    expect((await stored(db, 'A')).consent.recipients).toEqual(['minsei', 'shobodan']);
    expect(isShareableWith((await stored(db, 'B')).consent, 'shobodan')).toBe(true);
    // A refusal gets no recipients and stays off every list.
    expect((await stored(db, 'C')).consent).toMatchObject({ status: 'refused', recipients: [] });
  });

  it('pass through the re-import consent rule: a withdrawal and a later change in the app stay', async () => {
    const db = openTestDb();
    await commitPeople(db, templateRoster());
    expect(isShareableWith((await stored(db, 'A')).consent, 'shobodan')).toBe(false);
    await setPersonConsent(db, 'A', { status: 'refused', date: '2025-05-01', method: 'verbal', recipients: [] });
    await setPersonRecipients(db, 'B', { recipients: ['minsei'], date: '2025-06-01', by: '自主防　太郎' });

    const summary = await commitPeople(db, withConsentFormRecipients(templateRoster(), ['shobodan', 'minsei']));
    expect(summary).toMatchObject({ consentKept: 1, recipientsKept: 1 });
    expect((await stored(db, 'A')).consent.status).toBe('refused');
    expect((await stored(db, 'B')).consent).toMatchObject({ status: 'given', recipients: ['minsei'], date: '2025-06-01' });
  });

  it('do not replace recipients a row names itself', () => {
    const [a] = templateRoster();
    const own: Person = { ...a, consent: { ...a.consent, recipients: ['police'] } };
    expect(withConsentFormRecipients([own], ['shobodan'])[0].consent.recipients).toEqual(['police']);
  });

  it('are remembered per file layout (header set, in any order), apart from column mappings', async () => {
    const db = openTestDb();
    const headers = PEOPLE_TEMPLATE_HEADER.split(',');
    await saveConsentFormRecipients(db, mappingSignature('people', headers), ['shobodan', 'jishubo']);
    expect(await loadConsentFormRecipients(db, mappingSignature('people', [...headers].reverse()))).toEqual(['jishubo', 'shobodan']);
    expect(await loadConsentFormRecipients(db, mappingSignature('people', [...headers, '同意日']))).toBeNull();
    expect(await listColumnMappings(db)).toEqual([]);
  });
});

describe('changing one person’s recipients in the app', () => {
  it('records the recipients, the date and who changed it', async () => {
    const db = openTestDb();
    await commitPeople(db, templateRoster());
    const now = () => new Date('2026-02-03T01:02:03.000Z');
    await setPersonRecipients(db, 'A', { recipients: ['shobodan', 'chonaikai'], date: '2026-02-03', by: ' 町内会　花子 ' }, { now });
    expect((await stored(db, 'A')).consent).toEqual({
      status: 'given',
      date: '2026-02-03',
      method: 'unknown',
      recipients: ['shobodan', 'chonaikai'],
      changed: { by: '町内会　花子', at: '2026-02-03T01:02:03.000Z' },
    });
  });

  it('refuses without a 変更者, and for a person without 同意 (nothing written)', async () => {
    const db = openTestDb();
    await commitPeople(db, templateRoster());
    await expect(setPersonRecipients(db, 'A', { recipients: ['shobodan'], date: '2026-02-03', by: ' ' })).rejects.toThrow('変更者を入力してください');
    await expect(setPersonRecipients(db, 'C', { recipients: ['shobodan'], date: '2026-02-03', by: '太郎' })).rejects.toThrow('同意していない人');
    expect((await stored(db, 'A')).consent.recipients).toEqual([]);
    expect((await stored(db, 'C')).consent.recipients).toEqual([]);
  });
});
