import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteColumnMapping, listColumnMappings, loadColumnMapping, loadColumnMappings, saveColumnMapping } from '../../../src/db/columnMappings';
import { mappingSignature, type ColumnMapping } from '../../../src/io/columnMapping';
import { openTestDb } from './demoStore';

const openDb = openTestDb;

const headers = ['宛名番号', '氏名（漢字）', '歩行状態'];
const mapping: ColumnMapping = { columns: { id: '宛名番号', name: '氏名（漢字）', mobility: '歩行状態' }, values: { mobility: { 一部介助: 'cane_walker' } } };

describe('remembered column mappings', () => {
  it('saves per source signature in meta, lists them per kind, replaces and forgets', async () => {
    const db = openDb();
    const sig = mappingSignature('people', headers);
    await saveColumnMapping(db, sig, mapping, headers, '2025-01-01T00:00:00.000Z');
    await saveColumnMapping(db, mappingSignature('supporters', headers), { columns: { id: '宛名番号' } }, headers);
    expect(await loadColumnMapping(db, sig)).toEqual({ signature: sig, mapping, headers, savedAt: '2025-01-01T00:00:00.000Z' });
    expect(await db.meta.get(`columnMapping:${sig}`)).toBeTruthy();
    expect(sig.startsWith('people:')).toBe(true);
    expect(await loadColumnMappings(db, 'people')).toEqual({ [sig]: mapping });
    // Same headers in another order: same source.
    expect(await loadColumnMapping(db, mappingSignature('people', [...headers].reverse()))).not.toBeNull();

    const changed = { ...mapping, values: { mobility: { 一部介助: 'wheelchair' } } };
    await saveColumnMapping(db, sig, changed, headers);
    expect((await loadColumnMappings(db, 'people'))[sig]).toEqual(changed);
    await deleteColumnMapping(db, sig);
    expect(await loadColumnMappings(db, 'people')).toEqual({});
    expect(Object.keys(await loadColumnMappings(db, 'supporters'))).toHaveLength(1);
  });

  it('lists every remembered mapping, newest first, with the headers it was made for', async () => {
    const db = openDb();
    const older = mappingSignature('people', headers);
    const newer = mappingSignature('shelters', ['施設名', '北緯', '東経']);
    await saveColumnMapping(db, older, mapping, headers, '2025-01-01T00:00:00.000Z');
    await saveColumnMapping(db, newer, { columns: { name: '施設名' } }, ['施設名', '北緯', '東経'], '2025-03-01T00:00:00.000Z');
    await db.meta.put({ key: 'demo', value: { active: true } }); // other meta entries are not mappings
    const listed = await listColumnMappings(db);
    expect(listed.map((m) => m.signature)).toEqual([newer, older]);
    expect(listed[1].headers).toEqual(headers);
    await deleteColumnMapping(db, newer);
    expect((await listColumnMappings(db)).map((m) => m.signature)).toEqual([older]);
  });

  it('a stored value that is not a whole mapping is not taken for one (load gives null, lists leave it out)', async () => {
    const db = openDb();
    const sig = mappingSignature('people', headers);
    const whole = { signature: sig, mapping, headers, savedAt: '2025-01-01T00:00:00.000Z' };
    const malformed = [
      { ...whole, mapping: { columns: { id: ['宛名番号'] } } },
      { ...whole, mapping: { columns: { id: null } } },
      { ...whole, mapping: { columns: {}, values: { mobility: { 一部介助: 3 } } } },
      { ...whole, mapping: { columns: {}, values: ['cane_walker'] } },
      { ...whole, mapping: { columns: {}, fixed: { kind: true } } },
      { ...whole, mapping: { columns: {}, fixed: 'designated' } },
    ];
    for (const value of malformed) {
      await db.meta.put({ key: `columnMapping:${sig}`, value });
      expect(await loadColumnMapping(db, sig)).toBeNull();
      expect(await listColumnMappings(db)).toEqual([]);
      expect(await loadColumnMappings(db, 'people')).toEqual({});
    }
    const withFixed = { ...whole, mapping: { columns: { id: 0, name: '氏名（漢字）' }, fixed: { kind: 'designated' } } };
    await db.meta.put({ key: `columnMapping:${sig}`, value: withFixed });
    expect(await loadColumnMapping(db, sig)).toEqual(withFixed);
  });
});
