import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { coverageOfZones } from '../../../src/core/hazardCoverage';
import { commitHazardZones, listHazardCoverage, listHazardZones } from '../../../src/db/geodata';
import { SCHEMA_VERSIONS } from '../../../src/db/schema';
import { readHazardZones } from '../../../src/io/hazardZones';
import { freshName, openTestDb } from './demoStore';

/** The real PLATEAU 沼津市 土砂災害警戒区域 file (see ../shared/data/SOURCES.md). */
const FILE = 'landslide_zones_numazu_plateau.geojson';
const read = readHazardZones(readFileSync(`../shared/data/hazards/${FILE}`), { file: FILE, hazard: 'landslide' });

describe('hazard file coverage in the store (schema version 6)', () => {
  it('stores each imported file’s hazard type and extent with its zones, and a re-import of the file replaces both', async () => {
    const db = openTestDb();
    await commitHazardZones(db, read.records);
    expect(await listHazardCoverage(db)).toEqual([read.coverage]);
    await commitHazardZones(db, read.records); // a re-import replaces, never doubles
    expect(await listHazardCoverage(db)).toHaveLength(1);
    expect(await listHazardZones(db)).toHaveLength(read.records.length);
    // A newer edition of the same file with fewer zones: the zones it dropped leave, and the
    // coverage shrinks to the extent of the zones it keeps (no area answered by zones now gone).
    const kept = read.records.slice(0, 3);
    await commitHazardZones(db, kept);
    expect((await listHazardZones(db)).map((z) => z.id).sort()).toEqual(kept.map((z) => z.id).sort());
    expect(await listHazardCoverage(db)).toEqual(coverageOfZones(kept));
    expect(await listHazardCoverage(db)).not.toEqual([read.coverage]);
  });

  it('an upgrade from version 5 gives zones imported before their file’s coverage (the extent of its zones)', async () => {
    const name = freshName();
    const v5 = new Dexie(name);
    for (const v of SCHEMA_VERSIONS.filter((x) => x.version <= 5)) v5.version(v.version).stores(v.stores);
    await v5.open();
    await v5.table('hazardZones').bulkPut(read.records);
    v5.close();
    const db = openTestDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await listHazardCoverage(db)).toEqual([read.coverage]);
  });
});
