/**
 * The import worker's 名簿の更新 requests (src/workers/importRosterUpdate.ts) on a real store: the
 * plan crosses as a summary (lists cut at 200 with their count, nobody without consent named, only
 * 本人確認済 plans counted for 要見直し), the 変更一覧 goes through the 提供記録 with only people who may
 * be shown, and the apply writes once (a second apply writes nothing).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Consent } from '../../../src/core/consent';
import type { Person } from '../../../src/core/person';
import { defaultRosterChoices } from '../../../src/core/rosterUpdate';
import { commitPeople } from '../../../src/db/imports';
import { setOperator } from '../../../src/db/operator';
import type { HinanDatabase } from '../../../src/db/schema';
import type { ImportResponse, RosterRequest } from '../../../src/workers/importProtocol';
import { rosterHandler, type HeldRoster } from '../../../src/workers/importRosterUpdate';
import { SUMMARY_LIST_LIMIT, type RosterUpdateSummary } from '../../../src/workers/importRosterSummary';
import { person } from '../core/rosterFixtures';
import { openTestDb } from '../db/demoStore';
import { planFor } from '../db/rosterStore';

const REFUSED: Consent = { status: 'refused', date: '2026-05-01', method: 'verbal', recipients: [] };
const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`);

/** A store of 40 people (P0040 without consent), two 本人確認済 plans (P0001, P0002) and one 作成中 (P0003). */
async function store(): Promise<{ db: HinanDatabase; stored: Person[] }> {
  const db = openTestDb();
  await setOperator(db, '山田 花子');
  const stored = ids(40, 'P').map((id, i) => person(id, { name: `山田　${id}`, birthDate: `1940-01-${String((i % 28) + 1).padStart(2, '0')}`, phone: `0242-00-${id.slice(1)}` }));
  stored[39] = { ...stored[39], consent: REFUSED };
  await commitPeople(db, stored);
  for (const id of ['P0001', 'P0002', 'P0003']) await planFor(db, id, id !== 'P0003');
  return { db, stored };
}

async function send(handle: ReturnType<typeof rosterHandler>, request: RosterRequest): Promise<ImportResponse> {
  const messages: ImportResponse[] = [];
  await handle(request, (m) => messages.push(m));
  return messages.at(-1)!;
}

describe('the import worker’s 名簿の更新', () => {
  it('plans into a summary, exports the 変更一覧 through the 提供記録, applies once', async () => {
    const { db, stored } = await store();
    // The next 名簿: P0001–P0003 walk with a wheelchair now, P0040 (no consent) has a new phone, P0010 left, 250 newcomers.
    const file: Person[] = [
      ...stored.filter((p) => p.id !== 'P0010').map((p) => (['P0001', 'P0002', 'P0003'].includes(p.id) ? { ...p, mobility: 'wheelchair' as const } : p.id === 'P0040' ? { ...p, phone: '0242-99-9999' } : p)),
      ...ids(250, 'N').map((id, i) => person(id, { name: `新井　${id}`, birthDate: `1950-02-${String((i % 28) + 1).padStart(2, '0')}` })),
    ];
    const held: HeldRoster = { kind: 'people', records: file, fileName: '名簿_2027.csv' };
    const handle = rosterHandler(() => db, () => held);
    const choices = defaultRosterChoices();

    const planned = await send(handle, { id: 1, type: 'roster-plan', choices, formRecipients: [] });
    expect(planned.type).toBe('roster-plan');
    const s = (planned as { summary: RosterUpdateSummary }).summary;
    expect(s.total).toMatchObject({ added: 250, archived: 1, changed: 4 });
    expect(s.added.count).toBe(250);
    expect(s.added.items).toHaveLength(SUMMARY_LIST_LIMIT);
    expect(s.archived.items.map((e) => [e.id, e.name])).toEqual([['P0010', '山田　P0010']]);
    // Only the two 本人確認済 plans become 要見直し; P0003's 作成中 plan is not counted.
    expect(s.reviews.count).toBe(2);
    expect(s.reviews.items.map((e) => e.id).sort()).toEqual(['P0001', 'P0002']);
    expect(s.reviews.items[0].reasons.join('')).toContain('車いす');
    // P0040 has no consent: ID and consent only, no field change.
    const hidden = s.changed.items.find((e) => e.id === 'P0040')!;
    expect(hidden).toMatchObject({ name: null, changes: [], consent: '不同意' });
    expect(JSON.stringify(s)).not.toContain('0242-99-9999');
    expect(JSON.stringify(s)).not.toContain('山田　P0040');
    expect(s.nothingChanges).toBe(false);

    // 変更一覧: recorded first; P0040 only by ID.
    const csv = await send(handle, { id: 2, type: 'roster-changes-csv', encoding: 'utf8_bom' });
    expect(csv.type).toBe('roster-csv');
    const { bytes, fileName } = csv as Extract<ImportResponse, { type: 'roster-csv' }>;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')[0]).toBe('\uFEFFID,氏名,地区,変更の種類,項目,変更前,変更後');
    expect(text).toContain('P0001,山田　P0001,d1,変更,移動,杖・歩行器,車いす');
    // P0040 (no consent): the city's ID and the field only, as `hinan diff-people` prints it.
    const hiddenRows = text.split('\r\n').filter((l) => l.startsWith('P0040,'));
    expect(hiddenRows.length).toBeGreaterThan(0);
    expect(hiddenRows.every((l) => /^P0040,,,変更,[^,]+,,$/.test(l))).toBe(true);
    expect(text).not.toContain('0242-99-9999');
    expect(text).not.toContain('山田　P0040');
    const [entry] = await db.disclosures.toArray();
    expect(entry).toMatchObject({ kind: 'csv-roster', fileName, operator: '山田 花子' });
    expect(fileName).toMatch(/^名簿の変更一覧_名簿_2027_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(entry.personIds).toContain('P0010');
    expect(entry.personIds).not.toContain('P0040');
    expect(entry.count).toBe(3 + 1 + 250);

    // In Shift_JIS for the city's older Excel: the same rows.
    const sjis = (await send(handle, { id: 6, type: 'roster-changes-csv', encoding: 'shift_jis' })) as Extract<ImportResponse, { type: 'roster-csv' }>;
    expect(new TextDecoder('shift_jis').decode(sjis.bytes)).toContain('P0001,山田　P0001,d1,変更,移動,杖・歩行器,車いす');

    const applied = await send(handle, { id: 3, type: 'roster-apply', choices, formRecipients: [] });
    expect(applied).toMatchObject({ type: 'roster-applied', record: { counts: { added: 250, archived: 1, changed: 4, reviews: 2 } } });
    expect((await db.people.get('P0010'))?.archived?.reason).toBe('unknown');
    const again = await send(handle, { id: 4, type: 'roster-plan', choices, formRecipients: [] });
    expect((again as { summary: RosterUpdateSummary }).summary.nothingChanges).toBe(true);
    expect(await send(handle, { id: 5, type: 'roster-apply', choices, formRecipients: [] })).toMatchObject({ type: 'roster-applied', record: null });
    expect(await db.rosterUpdates.count()).toBe(1);
  });

  it('without a 作業者名 the 変更一覧 is refused in Japanese and nothing is recorded', async () => {
    const { db, stored } = await store();
    await db.meta.delete('operator');
    const held: HeldRoster = { kind: 'people', records: stored.slice(1), fileName: '名簿.csv' };
    const handle = rosterHandler(() => db, () => held);
    await send(handle, { id: 1, type: 'roster-plan', choices: defaultRosterChoices(), formRecipients: [] });
    expect(await send(handle, { id: 2, type: 'roster-changes-csv', encoding: 'utf8_bom' })).toMatchObject({ type: 'failed', message: expect.stringContaining('作業者名') });
    expect(await db.disclosures.count()).toBe(0);
  });

  it('a file read without its error rows archives nobody, even if the page asks for a whole-名簿 update', async () => {
    const { db, stored } = await store();
    const held: HeldRoster = { kind: 'people', records: stored.slice(5), fileName: '名簿_エラーあり.csv', errorRows: 2 };
    const handle = rosterHandler(() => db, () => held);
    const planned = (await send(handle, { id: 1, type: 'roster-plan', choices: { ...defaultRosterChoices(), wholeRoster: true }, formRecipients: [] })) as { summary: RosterUpdateSummary };
    expect(planned.summary.total.archived).toBe(0);
    expect(await send(handle, { id: 2, type: 'roster-apply', choices: { ...defaultRosterChoices(), wholeRoster: true }, formRecipients: [] })).toMatchObject({ type: 'roster-applied', record: null });
    expect((await db.people.toArray()).filter((p) => p.archived)).toEqual([]);
  });
});
