/**
 * Values the store cannot vouch for — `meta` values (a restored backup checks only that a value is
 * there), a plan draft's localStorage copy, typed arrays in a backup — are read by checking their
 * shape: what this app writes reads back unchanged, anything else reads as "none", never as a crash.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { fromJsonValue, toJsonValue } from '../../../src/db/backupTables';
import { listColumnMappings, loadColumnMapping, loadColumnMappings, saveColumnMapping } from '../../../src/db/columnMappings';
import { loadConsentFormRecipients, saveConsentFormRecipients } from '../../../src/db/consentForm';
import { demoState } from '../../../src/db/demo';
import { listAddressReferenceFiles } from '../../../src/db/geocoding';
import { isOneOf } from '../../../src/core/validation';
import { isRecord, isStringArray, plainCopy } from '../../../src/db/plainValue';
import { archiveRetentionDays, DEFAULT_ARCHIVE_RETENTION_DAYS, setArchiveRetentionDays } from '../../../src/db/rosterArchive';
import { openTestDb } from './demoStore';

describe('meta values read back by shape', () => {
  it('the demo state: as written, with missing fields as a store never set up, and a non-object as none', async () => {
    const db = openTestDb();
    expect(await demoState(db)).toEqual({ initialized: false, active: false, shelterIds: [] });
    await db.meta.put({ key: 'demo', value: { initialized: true, active: true, shelterIds: ['S1', 'S2'] } });
    expect(await demoState(db)).toEqual({ initialized: true, active: true, shelterIds: ['S1', 'S2'] });
    await db.meta.put({ key: 'demo', value: { initialized: true } });
    expect(await demoState(db)).toEqual({ initialized: true, active: false, shelterIds: [] });
    await db.meta.put({ key: 'demo', value: 'yes' });
    expect(await demoState(db)).toEqual({ initialized: false, active: false, shelterIds: [] });
  });

  it('column mappings: a value of another shape under the key is no mapping', async () => {
    const db = openTestDb();
    await saveColumnMapping(db, 'people:a', { columns: { id: 'ID' } }, ['ID'], '2025-01-01T00:00:00.000Z');
    await db.meta.put({ key: 'columnMapping:people:b', value: {} });
    await db.meta.put({ key: 'columnMapping:people:c', value: null });
    expect(await loadColumnMapping(db, 'people:b')).toBeNull();
    expect(await loadColumnMappings(db, 'people')).toEqual({ 'people:a': { columns: { id: 'ID' } } });
    expect((await listColumnMappings(db)).map((m) => m.signature)).toEqual(['people:a']);
  });

  it('the consent form’s recipients: known recipients only; a value of another shape is no answer', async () => {
    const db = openTestDb();
    await saveConsentFormRecipients(db, 'people:a', ['shobodan', 'minsei']);
    expect(await loadConsentFormRecipients(db, 'people:a')).toEqual(['minsei', 'shobodan']);
    await db.meta.put({ key: 'consentForm:people:b', value: { recipients: ['shobodan', 'nobody'] } });
    expect(await loadConsentFormRecipients(db, 'people:b')).toEqual(['shobodan']);
    await db.meta.put({ key: 'consentForm:people:c', value: 'shobodan' });
    expect(await loadConsentFormRecipients(db, 'people:c')).toBeNull();
  });

  it('the 位置参照情報 file list: entries without a file name left out, a non-list as none', async () => {
    const db = openTestDb();
    const file = { file: 'a.csv', level: 'block', count: 3, importedAt: '2025-01-01T00:00:00.000Z', bbox: [139, 37, 140, 38] };
    await db.meta.put({ key: 'addressReferenceFiles', value: [file, { count: 1 }, null] });
    expect(await listAddressReferenceFiles(db)).toEqual([file]);
    await db.meta.put({ key: 'addressReferenceFiles', value: { file: 'a.csv' } });
    expect(await listAddressReferenceFiles(db)).toEqual([]);
  });

  it('the retention period: whole days in range only, else the default', async () => {
    const db = openTestDb();
    await setArchiveRetentionDays(db, 30);
    expect(await archiveRetentionDays(db)).toBe(30);
    for (const value of [{ days: 0 }, { days: 2.5 }, { days: '30' }, [30], 30, null]) {
      await db.meta.put({ key: 'archiveRetentionDays', value });
      expect(await archiveRetentionDays(db), JSON.stringify(value)).toBe(DEFAULT_ARCHIVE_RETENTION_DAYS);
    }
  });
});

describe('plain values', () => {
  it('narrows objects, string lists and listed strings', () => {
    expect([{}, { a: 1 }, [], null, 'x', 1].map(isRecord)).toEqual([true, true, false, false, false, false]);
    expect([[], ['a'], ['a', 1], 'a', null].map(isStringArray)).toEqual([true, true, false, false, false]);
    expect(['walk', 'fly', undefined].map((v) => isOneOf(v, ['walk', 'wheelchair']))).toEqual([true, false, false]);
  });

  it('copies through JSON: a deep copy without undefined fields', () => {
    const value = { a: { b: [1, 2] }, c: undefined };
    const copy = plainCopy(value);
    expect(copy).toEqual({ a: { b: [1, 2] } });
    expect('c' in copy).toBe(false);
    expect(copy.a).not.toBe(value.a);
  });

  it('typed arrays and dates go to tagged JSON and back; other views are refused', () => {
    const row = { coords: new Float64Array([139.5, 37.5]), offsets: new Uint32Array([0, 2]), at: new Date('2025-04-01T00:00:00.000Z'), list: [new Int16Array([-1])] };
    const json = toJsonValue(row);
    expect(JSON.parse(JSON.stringify(json))).toEqual({
      coords: { $typedArray: 'Float64Array', values: [139.5, 37.5] },
      offsets: { $typedArray: 'Uint32Array', values: [0, 2] },
      at: { $date: '2025-04-01T00:00:00.000Z' },
      list: [{ $typedArray: 'Int16Array', values: [-1] }],
    });
    expect(fromJsonValue(JSON.parse(JSON.stringify(json)))).toEqual(row);
    expect(() => toJsonValue({ view: new DataView(new ArrayBuffer(4)) })).toThrow('DataView');
    expect(fromJsonValue({ $typedArray: 'toString', values: [1] })).toEqual({ $typedArray: 'toString', values: [1] });
  });
});
