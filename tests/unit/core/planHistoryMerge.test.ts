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
    versions.push({ seq: seq0 + i, planId: plan.id, version: plan.version, savedAt, kind: 'save', restoredFromSeq: null, plan });
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

  it('both changed it: this device’s content stays, marked 「統合で要確認」 naming the other version; both branches are in the history once', () => {
    const ours = device(origin, [{ supporterNotes: '鍵は隣の佐藤さん' }, { mobilityNotes: '段差に注意' }], 3, 10);
    const theirs = device(origin, [{ whatToBring: '眼鏡と補聴器' }], 3, 20);
    const m = mergePlanHistory(ours, theirs, options);
    expect(m.outcome).toBe('conflict');
    expect(samePlanContent(m.plan!, ours.plan)).toBe(true);
    expect(m.plan!.version).toBe(ours.plan.version);
    expect(m.plan!.mergeReview).toEqual({ theirVersion: 3, theirSavedAt: theirs.plan.updatedAt, from: '山田 花子', mergedAt: options.mergedAt });
    expect(validatePlan(m.plan!)).toEqual([]);
    // Shared versions, then the other branch, then this device's (its last row is the current content).
    const rows = m.history!;
    expect(rows.map((v) => v.plan.updatedAt)).toEqual([origin.versions[0], origin.versions[1], theirs.versions[2], ours.versions[2], ours.versions[3]].map((v) => v.savedAt));
    expect(new Set(rows.map(versionIdentity)).size).toBe(rows.length);
    expect(changedPaths(m.plan!, rows.find((v) => v.version === 3 && v.savedAt === theirs.plan.updatedAt)!.plan).sort()).toEqual(['mobilityNotes', 'supporterNotes', 'whatToBring']);
    // Merging the same history again finds nothing new.
    const again = mergePlanHistory({ plan: m.plan, versions: rows }, theirs, options);
    expect(again).toMatchObject({ outcome: 'kept', history: null, addedVersions: 0 });
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
    return { plan, versions: [...base.versions, { seq, planId: plan.id, version: plan.version, savedAt, kind: 'autosave', restoredFromSeq: null, plan, session }] };
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
    const theirs = autosaved(origin, { whatToBring: '補聴器' }, 'sitting-2', 5, 3);
    expect(mergePlanHistory(ours, theirs, options).outcome).toBe('conflict');
  });
});
