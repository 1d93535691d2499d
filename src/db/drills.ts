import { validateDrill, type Drill, type DrillChecklistPrint, type DrillRecord } from '../core/drill';
import { ValidationFailed } from './errors';
import { requestPersistentStorage } from './persistence';
import { plainCopy } from './plainValue';
import type { HinanDatabase } from './schema';

/** The scenario of a new drill (everything but its id, times and records). */
export type DrillScenario = Omit<Drill, 'id' | 'startedAt' | 'endedAt' | 'records' | 'checklist'>;

/** Thrown when a drill cannot be changed (it is gone, not started, or already ended). */
export class DrillNotChanged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrillNotChanged';
  }
}

async function write(db: HinanDatabase, drill: Drill): Promise<Drill> {
  const plain = plainCopy(drill);
  const errors = validateDrill(plain);
  if (errors.length) throw new ValidationFailed('訓練', errors);
  await db.drills.put(plain);
  return plain;
}

/** Changes one drill inside a transaction: read, check, change, validate, write. */
async function change(db: HinanDatabase, id: string, apply: (d: Drill) => Drill): Promise<Drill> {
  await requestPersistentStorage();
  return db.transaction('rw', db.drills, async () => {
    const d = await db.drills.get(id);
    if (!d) throw new DrillNotChanged('この訓練は削除されています。');
    return write(db, apply(d));
  });
}

/** Creates a drill, not yet started. `id` is made from the clock unless given. */
export async function createDrill(db: HinanDatabase, scenario: DrillScenario, id = `drill-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`): Promise<Drill> {
  await requestPersistentStorage();
  return write(db, { ...scenario, id, startedAt: null, endedAt: null, records: [] });
}

/** Starts the drill's clock at `at` (ISO 8601). */
export function startDrill(db: HinanDatabase, id: string, at: string): Promise<Drill> {
  return change(db, id, (d) => {
    if (d.startedAt) throw new DrillNotChanged('この訓練は既に始まっています。');
    return { ...d, startedAt: at };
  });
}

/** Appends one check (who, when, what) to a running drill. */
export function recordDrillCheck(db: HinanDatabase, id: string, record: DrillRecord): Promise<Drill> {
  return change(db, id, (d) => {
    if (!d.startedAt) throw new DrillNotChanged('訓練を開始してから記録してください。');
    if (d.endedAt) throw new DrillNotChanged('この訓練は終了しています。');
    return { ...d, records: [...d.records, record] };
  });
}

/** Changes the drill's Plan B (shelters 開設しない / 満員, supporters 不在) before or while it runs; not after it ended. */
export function setDrillPlanB(db: HinanDatabase, id: string, planB: Partial<Pick<Drill, 'closedShelterIds' | 'fullShelterIds' | 'absentSupporterIds'>>): Promise<Drill> {
  return change(db, id, (d) => {
    if (d.endedAt) throw new DrillNotChanged('この訓練は終了しています。想定は変えられません。');
    return { ...d, ...planB };
  });
}

/**
 * Keeps the order of the checklist just printed for the drill (replacing an earlier print's), so
 * 「チェック表から入力」 follows the paper's No. whatever changes later. Any time, even after the end.
 */
export function keepDrillChecklist(db: HinanDatabase, id: string, checklist: DrillChecklistPrint): Promise<Drill> {
  return change(db, id, (d) => ({ ...d, checklist: { printedAt: checklist.printedAt, personIds: [...checklist.personIds] } }));
}

/** Ends a running drill at `at`. */
export function endDrill(db: HinanDatabase, id: string, at: string): Promise<Drill> {
  return change(db, id, (d) => {
    if (!d.startedAt) throw new DrillNotChanged('まだ始まっていない訓練は終了できません。');
    if (d.endedAt) throw new DrillNotChanged('この訓練は既に終了しています。');
    return { ...d, endedAt: at };
  });
}

/** Every drill, newest first (not yet started ones first). */
export async function listDrills(db: HinanDatabase): Promise<Drill[]> {
  const all = await db.drills.toArray();
  return all.sort((a, b) => (b.startedAt ?? '9999').localeCompare(a.startedAt ?? '9999') || b.id.localeCompare(a.id));
}

export function getDrill(db: HinanDatabase, id: string): Promise<Drill | undefined> {
  return db.drills.get(id);
}

export function deleteDrill(db: HinanDatabase, id: string): Promise<void> {
  return db.drills.delete(id);
}
