/**
 * The import worker's 名簿の更新 requests (importProtocol.ts `RosterRequest`): plan the update of
 * the records it read against the store, apply it, make the 変更一覧 CSV. The records stay in the
 * worker, so a choice toggled in the preview plans again without reading the file again, and a
 * 150,000-row plan never crosses to the page (only its summary does).
 */
import type { ConsentRecipient } from '../core/consent';
import { japanToday } from '../core/japanDate';
import type { Person } from '../core/person';
import { isPersonShown } from '../core/rosterArchive';
import type { RosterKind, RosterUpdateChoices, RosterUpdatePlan, RosterUpdateRecord } from '../core/rosterUpdate';
import { errorMessage } from '../core/thrown';
import type { Supporter } from '../core/supporter';
import { recordDisclosure } from '../db/disclosures';
import { applyRosterUpdate, previewRosterUpdate, type ApplyRosterUpdateOptions, type RosterUpdateOptions } from '../db/rosterUpdate';
import type { HinanDatabase } from '../db/schema';
import { encodeExcelCsv, shiftJisRefusal } from '../io/excelCsv';
import { rosterChangesCsvRows, rosterChangesFileName } from '../io/rosterChangesCsv';
import type { ImportResponse, RosterRequest } from './importProtocol';
import { summarizeRosterPlan } from './importRosterSummary';

/**
 * The records the worker read last, with the file they came from. `errorRows`: rows of the file
 * that failed to read: the records are only part of it, so the update may archive nobody.
 */
export type HeldRoster = ({ kind: 'people'; records: Person[] } | { kind: 'supporters'; records: Supporter[] }) & { fileName: string; errorRows?: number };

type RosterRecord = Person | Supporter;

/** A plan of either roster, tagged with its kind. */
type HeldPlan = { kind: 'people'; plan: RosterUpdatePlan<Person> } | { kind: 'supporters'; plan: RosterUpdatePlan<Supporter> };

/** The update plan of `held` against the store (nothing written). */
async function planOf(db: HinanDatabase, held: HeldRoster, choices: RosterUpdateChoices, options: RosterUpdateOptions): Promise<HeldPlan> {
  return held.kind === 'people'
    ? { kind: 'people', plan: await previewRosterUpdate(db, 'people', held.records, choices, options) }
    : { kind: 'supporters', plan: await previewRosterUpdate(db, 'supporters', held.records, choices, options) };
}

/** Applies the update of `held` in one transaction: the history row, or null when nothing changed. */
function applyHeld(db: HinanDatabase, held: HeldRoster, choices: RosterUpdateChoices, options: ApplyRosterUpdateOptions): Promise<RosterUpdateRecord | null> {
  return held.kind === 'people'
    ? applyRosterUpdate(db, 'people', held.records, choices, options)
    : applyRosterUpdate(db, 'supporters', held.records, choices, options);
}

/**
 * The user's choices with the consent form's 情報提供先 (名簿 only): the planner gives them to 同意 rows
 * naming none only where nothing is recorded (core/rosterUpdate.ts), so a file silent about
 * 情報提供先 never narrows the stored ones.
 */
function choicesWithForm(held: HeldRoster, choices: RosterUpdateChoices, formRecipients: readonly ConsentRecipient[]): RosterUpdateChoices {
  // A file read without its error rows is a file of some people only, whatever the page asked.
  const scoped = held.errorRows ? { ...choices, wholeRoster: false } : choices;
  return held.kind === 'people' ? { ...scoped, formRecipients } : scoped;
}

/** The stored people's ids whose plan is 本人確認済, among `personIds`. */
async function confirmedPlanIds(db: HinanDatabase, personIds: string[]): Promise<Set<string>> {
  const plans = personIds.length ? await db.plans.where('personId').anyOf(personIds).toArray() : [];
  return new Set(plans.filter((p) => p.status === 'confirmed').map((p) => p.personId));
}

/** The stored records (people or supporters) with these ids. */
async function storedRecordsById(db: HinanDatabase, kind: RosterKind, ids: string[]): Promise<Map<string, RosterRecord>> {
  if (ids.length === 0) return new Map();
  const rows: (RosterRecord | undefined)[] = kind === 'people' ? await db.people.bulkGet(ids) : await db.supporters.bulkGet(ids);
  return new Map(rows.filter((r): r is RosterRecord => r !== undefined).map((r) => [r.id, r]));
}

/** Of the stored `ids`, those the person gate hides. */
async function hiddenStoredIds(db: HinanDatabase, kind: RosterKind, ids: string[]): Promise<Set<string>> {
  if (kind !== 'people' || ids.length === 0) return new Set();
  const stored = await db.people.bulkGet(ids);
  return new Set(stored.filter((p): p is Person => p !== undefined && !isPersonShown(p)).map((p) => p.id));
}

/**
 * The people a 変更一覧 may list: for each record of the plan, the version the person gate lets
 * through (before the update, else after), by every id it is listed under; an ambiguous file row
 * when it and all its candidates may be shown. Supporters: none
 * (they are not on the 名簿 of 要支援者 and have no consent to check).
 */
function shownPeople(held: HeldPlan, hiddenStored: ReadonlySet<string>): Map<string, Person> {
  const shown = new Map<string, Person>();
  if (held.kind !== 'people') return shown;
  const { plan } = held;
  const add = (p: Person, ...ids: string[]) => {
    if (isPersonShown(p)) for (const id of ids) shown.set(id, p);
  };
  for (const p of plan.added) add(p, p.id);
  for (const { before, after } of [...plan.archived, ...plan.returned, ...plan.changed]) {
    if (isPersonShown(before)) add(before, before.id, after.id);
    else add(after, before.id, after.id);
  }
  const written = new Map(plan.writes.map((w) => [w.id, w]));
  for (const r of plan.renumbered) {
    const after = written.get(r.toId);
    if (!shown.has(r.toId) && after) add(after, r.fromId, r.toId);
  }
  // A row matching several stored people by 氏名+生年月日: listed only when none of them is hidden.
  for (const a of plan.ambiguous) if (a.candidateIds.every((id) => !hiddenStored.has(id))) add(a.file, a.file.id);
  return shown;
}

/** Handles one 名簿の更新 request against the store `openDb` opens (once); `current()` is what the worker read last. */
export function rosterHandler(openDb: () => HinanDatabase, current: () => HeldRoster | null): (request: RosterRequest, post: (m: ImportResponse, transfer?: Transferable[]) => void) => Promise<void> {
  let db: HinanDatabase | null = null;
  /** The plan last shown, for its 変更一覧. */
  let lastPlan: { planned: HeldPlan; held: HeldRoster; districtNames: Map<string, string>; hiddenStored: Set<string> } | null = null;
  return async (request, post) => {
    const { id } = request;
    try {
      db ??= openDb();
      const held = current();
      if (!held) throw new Error('先に名簿のファイルを読み込んでください。');
      if (request.type === 'roster-plan') {
        lastPlan = null;
        const onProgress = (done: number, total: number) => post({ id, type: 'progress', stage: '保存済みの名簿を読んでいます', done, total });
        const planned = await planOf(db, held, choicesWithForm(held, request.choices, request.formRecipients), { fileName: held.fileName, onProgress });
        const { plan } = planned;
        post({ id, type: 'progress', stage: 'ファイルと照らし合わせました', done: 1, total: 1 });
        const storedIds = new Map(plan.renumbered.map((r) => [r.toId, r.fromId]));
        const [districts, confirmedPlans, hiddenStored, storedRecords] = await Promise.all([
          db.districts.toArray(),
          held.kind === 'people' ? confirmedPlanIds(db, [...plan.planReasons.keys()].map((k) => storedIds.get(k) ?? k)) : new Set<string>(),
          hiddenStoredIds(db, held.kind, [...new Set(plan.ambiguous.flatMap((a) => a.candidateIds))]),
          storedRecordsById(db, held.kind, [...plan.locationChoices.map((c) => c.id), ...plan.ambiguous.filter((a) => a.differentPerson).map((a) => a.candidateIds[0])]),
        ]);
        const districtNames = new Map(districts.map((d) => [d.id, d.name]));
        const summary = summarizeRosterPlan(plan, { districtNames, confirmedPlans, hiddenStored, storedRecords });
        lastPlan = { planned, held, districtNames, hiddenStored };
        post({ id, type: 'roster-plan', summary });
      } else if (request.type === 'roster-apply') {
        const what = held.kind === 'people' ? '名簿' : '支援者名簿';
        const onProgress = (done: number, total: number, phase: 'read' | 'write') =>
          post({ id, type: 'progress', stage: phase === 'read' ? `保存済みの${what}を読んでいます` : `${what}を書き込んでいます`, done, total });
        const record = await applyHeld(db, held, choicesWithForm(held, request.choices, request.formRecipients), {
          fileName: held.fileName,
          confirmArchiveCount: request.confirmArchiveCount,
          onProgress,
        });
        lastPlan = null;
        post({ id, type: 'roster-applied', record });
      } else {
        if (!lastPlan || lastPlan.held !== held) throw new Error('変更一覧にする確認結果がありません。もう一度ファイルを読み込んでください。');
        const { planned, districtNames, hiddenStored } = lastPlan;
        const { plan } = planned;
        const people = shownPeople(planned, hiddenStored);
        // Every row, as `hinan diff-people` prints them: a person not shown after the update keeps only
        // the city's ID, the kind of change, the field names, the consent change and the reason for leaving.
        const rows = rosterChangesCsvRows(plan, districtNames);
        const encoded = encodeExcelCsv(rows, request.encoding);
        if (encoded.lost.length) throw new Error(shiftJisRefusal(rows, encoded.lost));
        const fileName = rosterChangesFileName(plan.kind, held.fileName, japanToday());
        const listed = [...new Set(rows.slice(1).map((r) => people.get(r[0])).filter((p): p is Person => p !== undefined))];
        await recordDisclosure(db, {
          kind: 'csv-roster',
          what: `${plan.kind === 'people' ? '名簿' : '支援者名簿'}の更新の変更一覧（${held.fileName}）`,
          recipient: '市町村（名簿の担当）',
          people: listed,
          fileName,
        });
        const bytes = encoded.bytes;
        post({ id, type: 'roster-csv', bytes, fileName, rows: rows.length - 1 }, [bytes.buffer]);
      }
    } catch (err) {
      post({ id, type: 'failed', message: errorMessage(err) });
    }
  };
}
