import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDrill, deleteDrill, endDrill, getDrill, listDrills, recordDrillCheck, setDrillPlanB, startDrill, type DrillScenario } from '../../../src/db/drills';
import { openTestDb } from '../db/demoStore';

const scenario: DrillScenario = { name: '令和8年度 安否確認訓練', kind: 'safety_check', districtId: 'd1', hazard: 'flood', timeOfDay: 'night', season: 'snow', closedShelterIds: [], absentSupporterIds: [] };
const check = (personId: string, at: string) => ({ personId, at, status: 'safe' as const, note: '' });

describe('drills in the store', () => {
  it('creates, starts, records checks, ends, and keeps them across a reopen', async () => {
    const db = openTestDb();
    const d = await createDrill(db, scenario, 'drill-1');
    expect(d).toMatchObject({ id: 'drill-1', startedAt: null, endedAt: null, records: [] });
    await startDrill(db, 'drill-1', '2026-11-01T10:00:00.000Z');
    await recordDrillCheck(db, 'drill-1', check('p1', '2026-11-01T10:03:00.000Z'));
    await recordDrillCheck(db, 'drill-1', { ...check('p2', '2026-11-01T10:05:00.000Z'), status: 'needs_help', note: '玄関で転倒' });
    await endDrill(db, 'drill-1', '2026-11-01T10:30:00.000Z');
    db.close();
    await db.open();
    const stored = await getDrill(db, 'drill-1');
    expect(stored?.records.map((r) => [r.personId, r.status, r.note])).toEqual([['p1', 'safe', ''], ['p2', 'needs_help', '玄関で転倒']]);
    expect(stored?.endedAt).toBe('2026-11-01T10:30:00.000Z');
  });

  it('refuses checks before the start and after the end, and an invalid scenario, writing nothing', async () => {
    const db = openTestDb();
    await createDrill(db, scenario, 'drill-2');
    await expect(recordDrillCheck(db, 'drill-2', check('p1', '2026-11-01T10:00:00.000Z'))).rejects.toThrow('開始してから');
    await startDrill(db, 'drill-2', '2026-11-01T10:00:00.000Z');
    await expect(startDrill(db, 'drill-2', '2026-11-01T10:01:00.000Z')).rejects.toThrow('既に始まって');
    await expect(endDrill(db, 'drill-2', '2026-11-01T09:00:00.000Z')).rejects.toThrow('終了時刻');
    await endDrill(db, 'drill-2', '2026-11-01T11:00:00.000Z');
    await expect(recordDrillCheck(db, 'drill-2', check('p1', '2026-11-01T11:05:00.000Z'))).rejects.toThrow('終了しています');
    expect((await getDrill(db, 'drill-2'))?.records).toEqual([]);
    await expect(createDrill(db, { ...scenario, name: '' }, 'drill-3')).rejects.toThrow('訓練名');
    expect(await getDrill(db, 'drill-3')).toBeUndefined();
  });

  it('lists not-started drills first, then the newest; deletes', async () => {
    const db = openTestDb();
    await createDrill(db, scenario, 'a');
    await createDrill(db, scenario, 'b');
    await createDrill(db, scenario, 'c');
    await startDrill(db, 'a', '2026-01-01T00:00:00.000Z');
    await startDrill(db, 'b', '2026-06-01T00:00:00.000Z');
    expect((await listDrills(db)).map((d) => d.id)).toEqual(['c', 'b', 'a']);
    await deleteDrill(db, 'b');
    expect((await listDrills(db)).map((d) => d.id)).toEqual(['c', 'a']);
  });

  it('changes Plan B while the drill runs, keeping its checks, and refuses once it ended', async () => {
    const db = openTestDb();
    await createDrill(db, scenario, 'drill-p');
    await startDrill(db, 'drill-p', '2026-11-01T10:00:00.000Z');
    await recordDrillCheck(db, 'drill-p', check('p1', '2026-11-01T10:03:00.000Z'));
    await setDrillPlanB(db, 'drill-p', { closedShelterIds: ['s1'], fullShelterIds: ['s2'], absentSupporterIds: ['sup1'] });
    expect(await getDrill(db, 'drill-p')).toMatchObject({ closedShelterIds: ['s1'], fullShelterIds: ['s2'], absentSupporterIds: ['sup1'], records: [{ personId: 'p1' }] });
    await setDrillPlanB(db, 'drill-p', { closedShelterIds: [] });
    expect(await getDrill(db, 'drill-p')).toMatchObject({ closedShelterIds: [], fullShelterIds: ['s2'] });
    await endDrill(db, 'drill-p', '2026-11-01T11:00:00.000Z');
    await expect(setDrillPlanB(db, 'drill-p', { closedShelterIds: ['s3'] })).rejects.toThrow('終了しています');
    expect((await getDrill(db, 'drill-p'))?.closedShelterIds).toEqual([]);
  });
});
