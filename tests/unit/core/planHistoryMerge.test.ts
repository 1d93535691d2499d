import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../src/core/plan';
import { validatePlan } from '../../../src/core/plan';
import { changedPaths, samePlanContent } from '../../../src/core/planMerge';
import { mergePlanHistory, versionIdentity, type HistoryRow } from '../../../src/core/planHistoryMerge';
import { completePlan } from '../plan/fixtures';

/** Plans and their version histories from two devices (issue 10, part 3). */

/** A device's history built by saving `edits` in turn on top of `start` (rows keyed from `seq0`). */
function device(start: { plan: Plan; versions: HistoryRow[] }, edits: Partial<Plan>[], seq0: number, minute0: number) {
  let plan = start.plan;
  const versions = [...start.versions];
  edits.forEach((edit, i) => {
    const savedAt = new Date(Date.UTC(2025, 4, 1, 0, minute0 + i)).toISOString();
    plan = { ...plan, ...edit, version: plan.version + 1, updatedAt: savedAt };
    versions.push({ seq: seq0 + i, planId: plan.id, personId: plan.personId, version: plan.version, savedAt, kind: 'save', restoredFromSeq: null, plan });
  });
  return { plan, versions };
}

const origin = device({ plan: { ...completePlan(), version: 0 }, versions: [] }, [{}, { whatToBring: '眼鏡' }], 1, 0);
const options = { firstSeq: 100, from: '山田 花子', mergedAt: '2025-05-02T00:00:00.000Z' };

describe('merging one plan’s history from another device', () => {
  it('only the other device changed it since the common version: its plan and versions are taken', () => {
    const ours = origin;
    const theirs = device(origin, [{ supporterNotes: '鍵は隣の佐藤さん' }], 3, 10);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('taken');
    expect(m.plan).toEqual(theirs.plan);
    expect(m.history!.map((v) => [v.seq, v.version])).toEqual([[100, 1], [101, 2], [102, 3]]);
    expect(m.addedVersions).toBe(1);
  });

  it('only this device changed it: kept, and no row is rewritten', () => {
    const ours = device(origin, [{ supporterNotes: 'A' }], 3, 10);
    const m = mergePlanHistory(ours, origin, options);
    expect(m).toMatchObject({ outcome: 'kept', plan: ours.plan, history: null, addedVersions: 0 });
  });

  it('both changed different fields: a clean three-way merge into a new version, no review; merging again changes nothing', () => {
    const ours = device(origin, [{ supporterNotes: '鍵は隣の佐藤さん' }, { mobilityNotes: '段差に注意' }], 3, 10);
    const theirs = device(origin, [{ transport: 'wheelchair' }], 3, 20);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('merged');
    expect(m.plan).toMatchObject({ supporterNotes: '鍵は隣の佐藤さん', mobilityNotes: '段差に注意', transport: 'wheelchair', whatToBring: '眼鏡', version: 5, updatedAt: options.mergedAt });
    expect(m.plan!.mergeReview).toBeUndefined();
    expect(m.fields).toEqual({ taken: ['transport'], conflicts: [] });
    // Shared versions, the other branch (marked as the other device's), this device's, then the merged version.
    const rows = m.history!;
    expect(rows.map((v) => [v.version, v.kind, v.from])).toEqual([[1, 'save', undefined], [2, 'save', undefined], [3, 'save', '山田 花子'], [3, 'save', undefined], [4, 'save', undefined], [5, 'merge', '山田 花子']]);
    expect(rows.at(-1)!.plan).toEqual(m.plan);
    const again = mergePlanHistory({ plan: m.plan, versions: rows }, theirs, options);
    expect(again).toMatchObject({ outcome: 'kept', history: null, addedVersions: 0 });
  });

  it('a field only one side changed is never a conflict; only a field both changed differently goes to review, with the common version named', () => {
    // This device: 持ち出し品 and 支援者への留意事項. The other: 持ち出し品 and 避難方法.
    const ours = device(origin, [{ whatToBring: '眼鏡と薬', supporterNotes: '鍵は隣の佐藤さん' }], 3, 10);
    const theirs = device(origin, [{ whatToBring: '眼鏡と補聴器', transport: 'wheelchair' }], 3, 20);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('conflict');
    expect(m.plan).toMatchObject({ whatToBring: '眼鏡と薬', supporterNotes: '鍵は隣の佐藤さん', transport: 'wheelchair', version: 4 });
    const base = origin.plan;
    expect(m.plan!.mergeReview).toEqual({ theirVersion: 3, theirSavedAt: theirs.plan.updatedAt, baseVersion: base.version, baseSavedAt: base.updatedAt, paths: ['whatToBring'], taken: ['transport'], from: '山田 花子', mergedAt: options.mergedAt });
    expect(validatePlan(m.plan!)).toEqual([]);
    const rows = m.history!;
    expect(rows.at(-1)).toMatchObject({ kind: 'merge', version: 4, plan: m.plan });
    expect(new Set(rows.map(versionIdentity)).size).toBe(rows.length);
    // The versions the marker names are in the history.
    expect(rows.some((v) => v.version === base.version && v.savedAt === base.updatedAt)).toBe(true);
    expect(rows.some((v) => v.version === 3 && v.savedAt === theirs.plan.updatedAt)).toBe(true);
    const again = mergePlanHistory({ plan: m.plan, versions: rows }, theirs, options);
    expect(again).toMatchObject({ outcome: 'kept', history: null, addedVersions: 0 });
  });

  it('both changed only the same field differently: this device’s plan is marked without a new version', () => {
    const ours = device(origin, [{ whatToBring: '眼鏡と薬' }], 3, 10);
    const theirs = device(origin, [{ whatToBring: '眼鏡と補聴器' }], 3, 20);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('conflict');
    expect(samePlanContent(m.plan!, ours.plan)).toBe(true);
    expect(m.plan!.version).toBe(ours.plan.version);
    expect(m.plan!.mergeReview).toMatchObject({ paths: ['whatToBring'], taken: [] });
    expect(m.history!.at(-1)!.plan).toEqual(ours.plan);
    expect(changedPaths(m.plan!, theirs.plan)).toEqual(['whatToBring']);
  });

  it('both made the same change: no conflict', () => {
    const ours = device(origin, [{ whatToBring: '眼鏡と薬' }], 3, 10);
    const theirs = device(origin, [{ whatToBring: '眼鏡と薬' }], 3, 20);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('unchanged');
    expect(m.plan!.mergeReview).toBeUndefined();
    expect(m.addedVersions).toBe(1);
  });

  it('a plan only the other device has is added with its history; a restore keeps pointing at the restored row', () => {
    const theirs = device(origin, [{ whatToBring: 'X' }], 3, 10);
    theirs.versions.push({ ...theirs.versions[1], seq: 9, version: 4, savedAt: '2025-05-01T01:00:00.000Z', kind: 'restore', restoredFromSeq: 2 });
    const m = mergePlanHistory({ plan: undefined, versions: [] }, theirs, options);
    expect(m.outcome).toBe('added');
    expect(m.history!.at(-1)).toMatchObject({ seq: 103, restoredFromSeq: 101 });
  });
});

describe('autosave rows of one sitting on two devices (a backup made while someone was typing)', () => {
  /** `base` plus one autosave row of sitting `session` holding `edit`, saved at `minute`. */
  function autosaved(base: { plan: Plan; versions: HistoryRow[] }, edit: Partial<Plan>, session: string, minute: number, seq: number) {
    const savedAt = new Date(Date.UTC(2025, 4, 1, 1, minute)).toISOString();
    const plan = { ...base.plan, ...edit, version: base.plan.version + 1, updatedAt: savedAt };
    return { plan, versions: [...base.versions, { seq, planId: plan.id, personId: plan.personId, version: plan.version, savedAt, kind: 'autosave', restoredFromSeq: null, plan, session }] };
  }

  it('the copy holding an earlier state of this device’s sitting is no change of theirs: kept, no review, no stale row added', () => {
    const theirs = autosaved(origin, { supporterNotes: '鍵は' }, 'sitting-1', 0, 3);
    // This device typed on in the same sitting: its autosave row was replaced in place.
    const ours = autosaved(origin, { supporterNotes: '鍵は隣の佐藤さん' }, 'sitting-1', 5, 3);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('kept');
    expect(m.plan!.mergeReview).toBeUndefined();
    expect(m.addedVersions).toBe(0);
  });

  it('this device holds the earlier state and the other device typed on: theirs is taken, no review', () => {
    const ours = autosaved(origin, { supporterNotes: '鍵は' }, 'sitting-1', 0, 3);
    const theirs = autosaved(origin, { supporterNotes: '鍵は隣の佐藤さん' }, 'sitting-1', 5, 3);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('taken');
    expect(m.plan!.supporterNotes).toBe('鍵は隣の佐藤さん');
  });

  it('a different sitting on each device is a real conflict', () => {
    const ours = autosaved(origin, { supporterNotes: '鍵は隣' }, 'sitting-1', 0, 3);
    const theirs = autosaved(origin, { supporterNotes: '鍵は郵便受け' }, 'sitting-2', 5, 3);
    expect(mergePlanHistory(ours, theirs, options).outcome).toBe('conflict');
  });
});
