/**
 * 「別の端末のデータを統合」 (issue 10, part 3): merges a decoded backup of another device into
 * this store in one transaction (all or nothing), by the rules of core/recordMerge.ts and
 * core/planHistoryMerge.ts, and returns what changed. Merging the same file again writes nothing.
 *
 * Beyond those rules: device-local meta (作業者名) and the demo state are never taken; demo
 * records of the other device are not brought back when this device removed the demo; a meta
 * value with a `savedAt` (列の対応付け, 同意書の提供先) follows the newer, any other keeps this
 * device's; 位置参照情報 files, 提供記録 entries and 名簿更新の記録 (by `id`) only this device lacks are added;
 * unsaved plan typing (下書き) is this device's own and stays. A merge that changed something
 * appends one 'merge' entry to the 提供記録; one that changed nothing appends none.
 *
 * 災害時モード events and their 安否 records (schema 9) — what a 自主防災組織 leader expects when
 * a member's tablet is merged into the coordinating laptop (or back):
 * - Merging never switches the mode on here. Showing people without consent on this device needs
 *   this device's own 49-11-3 confirmation and its own 'emergency-on' entry (「この災害に参加する」,
 *   db/emergencies.ts `joinEmergency`). So an event still on on the other device that this device
 *   does not hold is not taken, nor its 安否 records: the summary names it (`eventsNotJoined`);
 *   join it here, then merge again. One the other device ended is taken as it is; one whose 72-hour
 *   limit has passed by now is taken as ended by the limit (endedAt = its limit).
 * - The same event on both (by its code): the later limit (a renewal on either device counts) and
 *   the union of both renewal records; Plan B (開設しない・満員の避難所, 不在の支援者) is the union —
 *   a mark either device set stays until someone removes it after the merge. Name, districts,
 *   「同意しなかった人も含める」, who started it and the number revealed stay this device's own.
 * - Ended on either device → ended after the merge (the more restrictive answer, as for consent):
 *   a leader who ended the event does not want a member's tablet, where it was left on, to show
 *   the 名簿 again on the laptop, and ending is undone safely by joining again, with its own
 *   confirmation and entry. When it was on here and the other device ended it by the button, it
 *   ends here too, with this device's 'emergency-off' entry (who, when, how many hidden again) and a
 *   line in the summary saying how to continue. An end by the 72-hour limit on the other device
 *   whose limit is earlier than this device's does not end it here: that device had not seen the
 *   renewal (the limit is the later one; `expireEmergencies` ends it here when that passes). Ended
 *   on both: the earlier end (who and why with it) — the moment the event first ended.
 * - 安否 records by id (core/safetyMerge.ts `mergeSafetyRecords`, per event this store knows after
 *   the events are merged): a record already here changes nothing, except that a note fills in one
 *   that had none (read from a QR code before); a new record is stored with `receivedAt` = the merge
 *   and checked like one read from a QR code or file: timed in the future or before the event, it
 *   is flagged; one flagged on the other device stays flagged (an acceptance there is that device's:
 *   here the time is checked again). People known are every person this store holds after the
 *   people are merged (a backup carries history: one who left the 名簿 since keeps their records);
 *   records of people it does not hold are not merged and counted. Records are never deleted.
 */
import type { Table } from 'dexie';
import { CONSENT_STATUS_LABELS, type Consent } from '../core/consent';
import { laterChecklist, type Drill } from '../core/drill';
import { isEmergencyActive, revealsPerson, type Emergency, type EmergencyRenewal } from '../core/emergency';
import { japanDateTimeLabel } from '../core/japanDate';
import type { Person } from '../core/person';
import { mergePlanHistory } from '../core/planHistoryMerge';
import { isOnRoster, isPersonShown } from '../core/rosterArchive';
import { canonicalJson, consentRestrictionDiffers, mergeDistrict, mergeDrill, mergePerson, mergeShelter, newerWins, sameRecord } from '../core/recordMerge';
import { mergeSafetyRecords } from '../core/safetyMerge';
import type { SafetyRecord } from '../core/safetyRecord';
import { clipValue } from '../io/quote';
import type { DecodedBackup } from './backupFile';
import { demoStateOf } from './demo';
import { recordDisclosure, recordEmergencySwitch, type Disclosure, OperatorMissingError } from './disclosures';
import { expireEmergencies } from './emergencies';
import { ADDRESS_FILES_META_KEY, addressReferenceFilesOf } from './geocoding';
import { DEVICE_LOCAL_META_KEYS, getOperator } from './operator';
import { GEODATA_STAMP_KEY, stampGeodata } from './geodata';
import { HAZARD_READ_RUNS_META_KEY, HAZARD_TILES_META_KEY, hazardReadRuns, hazardReadRunsOf, mergeHazardReadRuns } from './hazardReadings';
import { isRecord } from './plainValue';
import type { HinanDatabase, MetaEntry, PlanVersion, StoreRows } from './schema';

/** The tables a merge writes, with the names the summary shows. */
export const MERGE_TABLE_LABELS = {
  people: '要支援者',
  supporters: '支援者',
  shelters: '避難所',
  districts: '地区',
  hazardZones: 'ハザード区域',
  hazardCoverage: 'ハザード区域の範囲',
  roadNetworks: '道路網',
  drills: '訓練',
  emergencies: '災害時モード',
  safetyRecords: '安否の記録',
  plans: '個別避難計画',
  planVersions: '計画の版',
  meta: '設定・列の対応付け',
  addressPoints: '位置参照情報',
  geocodeCache: '住所検索の記録',
  disclosures: '提供記録',
  rosterUpdates: '名簿更新の記録',
  hazardReadings: 'ハザードマップからの読み取り',
} as const;
export type MergeTable = keyof typeof MERGE_TABLE_LABELS;

/** A record of this store the merge replaced or changed, and why. */
export interface ReplacedRecord {
  table: MergeTable;
  id: string;
  /** The record in words: a name, or only the ID for a person (or plan) without 同意. */
  label: string;
  /** What was replaced by what (e.g. 「この端末の版（2026年5月1日 10:00 更新）が古いため、相手の版（… 更新）にしました」). */
  reason: string;
}

/**
 * A plan both devices changed: merged field by field (core/planHistoryMerge.ts); in `conflicts`
 * when some fields both changed differently (marked 「統合で要確認」), in `merged` otherwise.
 */
export interface PlanConflictEntry {
  planId: string;
  personId: string;
  label: string;
  ours: { version: number; updatedAt: string };
  theirs: { version: number; updatedAt: string };
  /** Field paths only the other device changed (taken) and both changed differently (to choose). */
  fields: { taken: string[]; conflicts: string[] };
}

/** A person whose 名簿 consent differs between the devices: the more restrictive one is kept until someone confirms. */
export interface ConsentDifference {
  personId: string;
  ours: Consent;
  theirs: Consent;
  adopted: Consent;
}

/** 安否 records beyond `added.safetyRecords` (the new records stored, flagged ones included). */
export interface SafetyMergeCounts {
  /** New records flagged (timed in the future or before the event, or flagged on the other device): kept, not on the board until accepted. */
  flagged: number;
  /** Records already here without a note whose note the other device had: filled in. */
  notesFilled: number;
  /** People whose status on an event's board changed (per event). */
  changedPeople: number;
  /** People (per event) this store does not hold: their records were not merged. */
  unknownPeople: number;
  /** Records of an event neither device's backup holds: not merged. */
  withoutEvent: number;
}

/** An event still on on the other device that this device has not joined: not taken, nor its 安否 records. */
export interface EventNotJoined {
  id: string;
  name: string;
  /** Its 安否 records in the file, not merged. */
  records: number;
}

export interface MergeSummary {
  /** The merged file: who made it and when (ISO 8601). */
  source: { operator: string; createdAt: string };
  /** Records only the other device had, per table. */
  added: Partial<Record<MergeTable, number>>;
  addedTotal: number;
  updated: ReplacedRecord[];
  conflicts: PlanConflictEntry[];
  /** Plans both devices changed in different fields, merged into a new version without review. */
  merged: PlanConflictEntry[];
  consentDiffers: ConsentDifference[];
  /** Demo records not brought back because this device removed the demo. */
  demoSkipped: number;
  safety: SafetyMergeCounts;
  /** Events on on the other device, not on this one: join here (「この災害に参加する」), then merge again. */
  eventsNotJoined: EventNotJoined[];
  /** False when the merge wrote nothing (then no 提供記録 entry either). */
  changed: boolean;
  /** The 提供記録 entry written, or null. */
  disclosure: Disclosure | null;
}

export interface MergeOptions {
  /** Steps done of the merge's steps (one per table). */
  onProgress?: (done: number, total: number) => void;
  /** Clock for the marker and the 提供記録; defaults to now. */
  now?: () => Date;
  /** The merged file's name, for the 提供記録 (null when unknown). */
  fileName?: string | null;
}

/** Rules per step, in the order they run (people first: plan labels need the merged consent). */
const GEODATA_TABLES: ReadonlySet<string> = new Set(['hazardZones', 'hazardCoverage', 'roadNetworks']);
const STEPS = ['people', 'supporters', 'shelters', 'districts', 'hazardZones', 'hazardCoverage', 'roadNetworks', 'geocodeCache', 'drills', 'emergencies', 'safetyRecords', 'plans', 'meta', 'addressPoints', 'disclosures', 'rosterUpdates', 'hazardReadings'] as const;

/** Merges `decoded` into the store (one transaction) and returns the summary; see the module comment. */
export async function mergeBackup(db: HinanDatabase, decoded: DecodedBackup, options: MergeOptions = {}): Promise<MergeSummary> {
  if (!(await getOperator(db))) throw new OperatorMissingError();
  const now = (options.now?.() ?? new Date()).toISOString();
  // On its own, first: an event here past its limit ends as the app ends it (with its entry), so below "not ended" means "on".
  await expireEmergencies(db, new Date(now));
  const tables = [db.people, db.supporters, db.shelters, db.districts, db.hazardZones, db.hazardCoverage, db.roadNetworks, db.geocodeCache, db.drills, db.emergencies, db.safetyRecords, db.plans, db.planVersions, db.meta, db.addressPoints, db.disclosures, db.rosterUpdates, db.hazardReadings];
  return db.transaction('rw', tables, async () => {
    const run = new MergeRun(db, decoded, now, options.fileName ?? null);
    await run.prepare();
    for (const [i, step] of STEPS.entries()) {
      await run[step]();
      options.onProgress?.(i + 1, STEPS.length);
    }
    return run.finish();
  });
}

/** One merge: this store's side is read in the transaction, the file's from `decoded`. */
class MergeRun {
  readonly summary: MergeSummary;
  private skipDemo = false;
  private theirDemoShelters = new Set<string>();
  /** People (ids) whose records were not taken (the other device's demo). */
  private skippedPeople = new Set<string>();
  /** Set when a merge step wrote hazard zones, their coverage or a road network. */
  private geodataChanged = false;
  /** Every person after the merge whose 名簿 consent allows showing them. */
  private shareable = new Map<string, string>();

  constructor(
    private readonly db: HinanDatabase,
    private readonly decoded: DecodedBackup,
    private readonly now: string,
    private readonly fileName: string | null,
  ) {
    this.summary = {
      source: { operator: decoded.header.operator, createdAt: decoded.header.createdAt },
      added: {},
      addedTotal: 0,
      updated: [],
      conflicts: [],
      merged: [],
      consentDiffers: [],
      demoSkipped: 0,
      safety: { flagged: 0, notesFilled: 0, changedPeople: 0, unknownPeople: 0, withoutEvent: 0 },
      eventsNotJoined: [],
      changed: false,
      disclosure: null,
    };
  }

  private rows<T extends MergeTable>(table: T): StoreRows[T] {
    return this.decoded.tables[table] ?? [];
  }

  /** The file's `meta` value under `key` (undefined when it has none). */
  private theirMeta(key: string): unknown {
    return this.rows('meta').find((m) => m.key === key)?.value;
  }

  async prepare(): Promise<void> {
    const ours = demoStateOf((await this.db.meta.get('demo'))?.value);
    const theirs = demoStateOf(this.theirMeta('demo'));
    this.skipDemo = !!ours?.initialized && !ours.active;
    this.theirDemoShelters = new Set(theirs?.shelterIds ?? []);
  }

  /** Whether a record of the other device is its demo data this device removed. */
  private isRemovedDemo(r: { origin?: string }): boolean {
    return this.skipDemo && r.origin === 'demo';
  }

  private countAdded(table: MergeTable, n: number): void {
    if (n === 0) return;
    this.summary.added[table] = (this.summary.added[table] ?? 0) + n;
    this.summary.addedTotal += n;
    this.summary.changed = true;
  }

  private noteUpdated(table: MergeTable, id: string, label: string, reason: string): void {
    this.summary.updated.push({ table, id, label, reason });
    this.summary.changed = true;
  }

  /**
   * Merges the file's rows of one table keyed by `key`: rows this store lacks are added, rows it
   * has go through `rule`; a result different from this store's row is written and listed.
   */
  private async byKey<T>(table: Table<T, string>, name: MergeTable, theirs: T[], key: (r: T) => string, rule: (ours: T, theirs: T) => T, describe: (ours: T, theirs: T, merged: T) => { label: string; reason: string }): Promise<void> {
    const ours = await table.bulkGet(theirs.map(key));
    const writes: T[] = [];
    let added = 0;
    theirs.forEach((t, i) => {
      const o = ours[i];
      if (!o) {
        writes.push(t);
        added++;
        return;
      }
      const merged = rule(o, t);
      if (sameRecord(merged, o)) return;
      writes.push(merged);
      const { label, reason } = describe(o, t, merged);
      this.noteUpdated(name, key(t), label, reason);
    });
    if (writes.length) await table.bulkPut(writes);
    if (writes.length && GEODATA_TABLES.has(name)) this.geodataChanged = true;
    this.countAdded(name, added);
  }

  async people(): Promise<void> {
    const theirs = this.rows('people').filter((p) => {
      if (!this.isRemovedDemo(p)) return true;
      this.skippedPeople.add(p.id);
      return false;
    });
    this.summary.demoSkipped += this.skippedPeople.size;
    const ours = new Map((await this.db.people.bulkGet(theirs.map((p) => p.id))).filter((p): p is Person => !!p).map((p) => [p.id, p]));
    for (const t of theirs) {
      const o = ours.get(t.id);
      if (!o || !consentRestrictionDiffers(o.consent, t.consent)) continue;
      this.summary.consentDiffers.push({ personId: t.id, ours: o.consent, theirs: t.consent, adopted: mergePerson(o, t).consent });
    }
    await this.byKey(this.db.people, 'people', theirs, (p) => p.id, mergePerson, (o, t, m) => {
      const reasons = m.updatedAt !== o.updatedAt ? [replacedReason(o.updatedAt, t.updatedAt)] : [];
      if (consentRestrictionDiffers(m.consent, o.consent)) reasons.push(`同意は制限の強い方（${CONSENT_STATUS_LABELS[m.consent.status]}）にしました`);
      return { label: personLabel(m), reason: reasons.join('。') };
    });
    await this.db.people.each((p) => {
      if (isPersonShown(p)) this.shareable.set(p.id, p.name);
    });
  }

  async supporters(): Promise<void> {
    const theirs = this.rows('supporters').filter((s) => !this.isRemovedDemo(s));
    this.summary.demoSkipped += this.rows('supporters').length - theirs.length;
    await this.byKey(this.db.supporters, 'supporters', theirs, (s) => s.id, (o, t) => newerWins(o, t, (s) => s.updatedAt), (o, t) => ({ label: o.name, reason: replacedReason(o.updatedAt, t.updatedAt) }));
  }

  async shelters(): Promise<void> {
    const all = this.rows('shelters');
    const skip = this.skipDemo ? this.theirDemoShelters : new Set<string>();
    const present = new Set((await this.db.shelters.bulkGet(all.map((s) => s.id))).filter(Boolean).map((s) => s!.id));
    const theirs = all.filter((s) => present.has(s.id) || !skip.has(s.id));
    this.summary.demoSkipped += all.length - theirs.length;
    await this.byKey(this.db.shelters, 'shelters', theirs, (s) => s.id, mergeShelter, (o) => ({ label: o.name, reason: '相手の端末で手入力した項目（定員・備考・開設しない）を取り込みました' }));
  }

  async districts(): Promise<void> {
    const theirs = this.rows('districts').filter((d) => !this.isRemovedDemo(d));
    this.summary.demoSkipped += this.rows('districts').length - theirs.length;
    await this.byKey(this.db.districts, 'districts', theirs, (d) => d.id, mergeDistrict, (o) => ({ label: o.name, reason: '相手の端末の地区の範囲を取り込みました（この端末には範囲がありませんでした）' }));
  }

  async hazardZones(): Promise<void> {
    await this.byKey(this.db.hazardZones, 'hazardZones', this.rows('hazardZones'), (z) => z.id, (o) => o, noReason);
  }

  async hazardCoverage(): Promise<void> {
    await this.byKey(this.db.hazardCoverage, 'hazardCoverage', this.rows('hazardCoverage'), (c) => c.source, (o) => o, noReason);
  }

  async roadNetworks(): Promise<void> {
    await this.byKey(this.db.roadNetworks, 'roadNetworks', this.rows('roadNetworks'), (r) => r.id, (o, t) => newerWins(o, t, (r) => r.importedAt), (o, t) => ({ label: o.id, reason: `この端末の取り込み（${japanDateTimeLabel(o.importedAt)}）より新しい相手の取り込み（${japanDateTimeLabel(t.importedAt)}）にしました` }));
  }

  async geocodeCache(): Promise<void> {
    await this.byKey(this.db.geocodeCache, 'geocodeCache', this.rows('geocodeCache'), (g) => g.key, (o, t) => newerWins(o, t, (g) => g.at), (o, t) => ({ label: o.key, reason: replacedReason(o.at, t.at) }));
  }

  async drills(): Promise<void> {
    // The checks are united (mergeDrill); of the kept checklist orders, the one printed last (a reprint replaces it).
    const rule = (o: Drill, t: Drill): Drill => {
      const merged = mergeDrill(o, t);
      const checklist = laterChecklist(o.checklist, t.checklist);
      return checklist === merged.checklist ? merged : { ...merged, checklist };
    };
    await this.byKey(this.db.drills, 'drills', this.rows('drills'), (d) => d.id, rule, (o, _t, m) => {
      const reasons = m.records.length !== o.records.length || m.checklist === o.checklist ? [`相手の端末の記録${m.records.length - o.records.length}件を加えました`] : [];
      if (m.checklist !== o.checklist) reasons.push('チェック表の並びは、相手の端末で後から印刷したものにしました');
      return { label: o.name, reason: reasons.join('。') };
    });
  }

  /** 災害時モード events by code (see the module comment): added, held back (on there, not here), or merged with `mergeEmergency`. */
  async emergencies(): Promise<void> {
    const now = new Date(this.now);
    const theirs = this.rows('emergencies');
    const ours = await this.db.emergencies.bulkGet(theirs.map((e) => e.id));
    const records = countBy(this.rows('safetyRecords'), (r) => r.eventId);
    const writes: Emergency[] = [];
    let added = 0;
    for (const [i, t] of theirs.entries()) {
      const o = ours[i];
      if (!o) {
        if (t.endedAt === null && isEmergencyActive(t, now)) {
          this.summary.eventsNotJoined.push({ id: t.id, name: t.name, records: records.get(t.id) ?? 0 });
          continue;
        }
        writes.push(t.endedAt === null ? { ...t, endedAt: t.expiresAt, endedBy: null, endReason: 'expired' } : t);
        added++;
        continue;
      }
      const merged = mergeEmergency(o, t);
      if (sameRecord(merged, o)) continue;
      writes.push(merged);
      const endsHere = isEmergencyActive(o, now) && merged.endedAt !== null;
      this.noteUpdated('emergencies', o.id, `${o.name}（識別コード ${o.id}）`, emergencyChanges(o, merged, endsHere).join('。'));
      if (endsHere) await this.switchedOffHere(merged, now);
    }
    if (writes.length) await this.db.emergencies.bulkPut(writes);
    this.countAdded('emergencies', added);
  }

  /** The 'emergency-off' entry of an event the merge ended on this device: who (this device's 作業者名), when, how many hidden again. */
  private async switchedOffHere(event: Emergency, at: Date): Promise<void> {
    const revealedIds: string[] = [];
    await this.db.people.each((p) => {
      if (revealsPerson(event, p)) revealedIds.push(p.id);
    });
    await recordEmergencySwitch(this.db, { kind: 'emergency-off', event, revealedIds, operator: await getOperator(this.db), how: 'の終了（統合した別の端末で終了済み）', at });
  }

  /**
   * 安否 records by id, per event this store now knows (core/safetyMerge.ts rules; see the module
   * comment). Records of an event held back, of a removed demo person, or of an event no side has are not merged.
   */
  async safetyRecords(): Promise<void> {
    const notJoined = new Set(this.summary.eventsNotJoined.map((e) => e.id));
    const byEvent = new Map<string, SafetyRecord[]>();
    for (const r of this.rows('safetyRecords')) {
      if (notJoined.has(r.eventId)) continue;
      if (this.skippedPeople.has(r.personId)) {
        this.summary.demoSkipped++;
        continue;
      }
      const list = byEvent.get(r.eventId);
      if (list) list.push(r);
      else byEvent.set(r.eventId, [r]);
    }
    if (byEvent.size === 0) return;
    const knownPersonIds: ReadonlySet<string> = new Set(await this.db.people.toCollection().primaryKeys());
    const now = new Date(this.now);
    const counts = this.summary.safety;
    let added = 0;
    for (const [eventId, incoming] of byEvent) {
      const event = await this.db.emergencies.get(eventId);
      if (!event) {
        counts.withoutEvent += incoming.length;
        continue;
      }
      const ctx = { event, knownPersonIds, now };
      const existing = await this.db.safetyRecords.where('eventId').equals(eventId).toArray();
      // Records flagged on the other device go second, so they stay flagged whatever the check here says.
      const plain = mergeSafetyRecords(existing, incoming.filter((r) => r.flag === null), ctx);
      const theirFlag = new Map(incoming.flatMap((r) => (r.flag === null ? [] : [[r.id, r.flag] as const])));
      const flaggedThere = mergeSafetyRecords([...existing, ...plain.added, ...plain.flagged], incoming.filter((r) => r.flag !== null), ctx);
      const flagged = [...plain.flagged, ...flaggedThere.flagged, ...flaggedThere.added.map((r) => ({ ...r, flag: theirFlag.get(r.id) ?? null }))];
      const notesFilled = [...plain.notesFilled, ...flaggedThere.notesFilled];
      const writes = [...plain.added, ...flagged, ...notesFilled]; // a filled note last: it wins
      if (writes.length) await this.db.safetyRecords.bulkPut(writes);
      if (notesFilled.length) this.summary.changed = true;
      added += plain.added.length + flagged.length;
      counts.flagged += flagged.length;
      counts.notesFilled += notesFilled.length;
      counts.changedPeople += plain.changedPeople.length;
      counts.unknownPeople += new Set([...plain.unknownPeople, ...flaggedThere.unknownPeople]).size;
    }
    this.countAdded('safetyRecords', added);
  }

  async plans(): Promise<void> {
    const theirPlans = this.rows('plans').filter((p) => !this.skippedPeople.has(p.personId));
    const theirVersions = groupByPlan(this.rows('planVersions').filter((v) => !this.skippedPeople.has(v.personId)));
    const ids = [...new Set([...theirPlans.map((p) => p.id), ...theirVersions.keys()])];
    const theirPlanOf = new Map(theirPlans.map((p) => [p.id, p]));
    const lastSeq = await this.db.planVersions.orderBy(':id').lastKey();
    let nextSeq = (typeof lastSeq === 'number' ? lastSeq : 0) + 1;
    let versionsAdded = 0;
    const ourPlans = await this.db.plans.bulkGet(ids);
    const ourVersions = groupByPlan(await this.db.planVersions.where('planId').anyOf(ids).toArray());
    for (const [i, id] of ids.entries()) {
      const plan = ourPlans[i];
      const versions = ourVersions.get(id) ?? [];
      const theirs = { plan: theirPlanOf.get(id), versions: theirVersions.get(id) ?? [] };
      const m = mergePlanHistory({ plan, versions }, theirs, { firstSeq: nextSeq, from: this.decoded.header.operator, mergedAt: this.now });
      if (m.plan && m.outcome !== 'unchanged' && m.outcome !== 'kept') await this.db.plans.put(m.plan);
      if (m.history) {
        await this.db.planVersions.bulkDelete(versions.map((v) => v.seq!));
        await this.db.planVersions.bulkPut(m.history);
        nextSeq += m.history.length;
        versionsAdded += m.addedVersions;
      }
      const personId = m.plan?.personId ?? theirs.versions[0]?.personId ?? '';
      const label = this.planLabel(id, personId);
      if (m.outcome === 'added') this.countAdded('plans', 1);
      if (m.outcome === 'taken') this.noteUpdated('plans', id, label, `この端末の第${m.ours!.version}版（${japanDateTimeLabel(m.ours!.updatedAt)}）より後に相手の端末だけで変更されたため、相手の第${m.theirs!.version}版（${japanDateTimeLabel(m.theirs!.updatedAt)}）にしました`);
      if (m.outcome === 'conflict' || m.outcome === 'merged') {
        this.summary[m.outcome === 'conflict' ? 'conflicts' : 'merged'].push({ planId: id, personId, label, ours: m.ours!, theirs: m.theirs!, fields: m.fields! });
        this.summary.changed = true;
      }
    }
    this.countAdded('planVersions', versionsAdded);
  }

  /** A plan in words: the person's name when they may be shown, else only the ID. */
  private planLabel(planId: string, personId: string): string {
    const name = this.shareable.get(personId);
    return name ? `${name}さんの計画` : `計画 ${planId}（同意のない人のため氏名は表示しません）`;
  }

  async meta(): Promise<void> {
    // The choice about the ハザードマップポータル is each device's own answer (a merge never switches it on or off here); the read logs are united.
    const skip = new Set([...DEVICE_LOCAL_META_KEYS, 'demo', ADDRESS_FILES_META_KEY, GEODATA_STAMP_KEY, HAZARD_TILES_META_KEY, HAZARD_READ_RUNS_META_KEY]);
    const runs = mergeHazardReadRuns(await hazardReadRuns(this.db), hazardReadRunsOf(this.theirMeta(HAZARD_READ_RUNS_META_KEY)));
    if (runs) await this.db.meta.put({ key: HAZARD_READ_RUNS_META_KEY, value: runs });
    const theirs = this.rows('meta').filter((m) => !skip.has(m.key));
    // Zones or roads taken from the other copy: the engine's indexes and the map's tiles are rebuilt.
    if (this.geodataChanged) await stampGeodata(this.db);
    await this.byKey(this.db.meta, 'meta', theirs, (m) => m.key, (o, t) => newerWins(o, t, savedAtOf), (o, t) => ({ label: o.key, reason: replacedReason(savedAtOf(o) ?? null, savedAtOf(t) ?? null) }));
  }

  /** 位置参照情報 files this device lacks: their points and their entry in the file list. */
  async addressPoints(): Promise<void> {
    const ourFiles = addressReferenceFilesOf((await this.db.meta.get(ADDRESS_FILES_META_KEY))?.value);
    const theirFiles = addressReferenceFilesOf(this.theirMeta(ADDRESS_FILES_META_KEY));
    const have = new Set([...ourFiles.map((f) => f.file), ...(await this.db.addressPoints.orderBy('file').uniqueKeys()).map(String)]);
    const theirPoints = this.rows('addressPoints');
    const newFiles = new Set([...theirFiles.map((f) => f.file), ...theirPoints.map((p) => p.file)].filter((f) => !have.has(f)));
    const points = theirPoints.filter((p) => newFiles.has(p.file));
    if (points.length) await this.db.addressPoints.bulkAdd(points.map(({ seq: _seq, ...p }) => p));
    if (newFiles.size) await this.db.meta.put({ key: ADDRESS_FILES_META_KEY, value: [...ourFiles, ...theirFiles.filter((f) => newFiles.has(f.file))] });
    this.countAdded('addressPoints', points.length);
  }

  /**
   * 提供記録 entries (by `id`) this device lacks, oldest first, after this device's own, marked
   * `mergedFrom` the file's 作業者名 (they happened on the other device; an entry already marked keeps its mark).
   */
  async disclosures(): Promise<void> {
    const ours = new Set((await this.db.disclosures.toArray()).map((d) => d.id));
    const from = this.decoded.header.operator;
    const extra = this.rows('disclosures')
      .filter((d) => !ours.has(d.id))
      .sort((a, b) => a.at.localeCompare(b.at))
      .map(({ seq: _seq, ...d }) => ({ ...d, mergedFrom: d.mergedFrom ?? from }));
    if (extra.length) await this.db.disclosures.bulkAdd(extra);
    this.countAdded('disclosures', extra.length);
  }

  /** 名簿更新の記録 (by `id`) this device lacks: both devices' updates are kept (rows are never edited). */
  async rosterUpdates(): Promise<void> {
    const theirs = this.rows('rosterUpdates');
    const ours = await this.db.rosterUpdates.bulkGet(theirs.map((r) => r.id));
    const extra = theirs.filter((_, i) => !ours[i]);
    if (extra.length) await this.db.rosterUpdates.bulkAdd(extra);
    this.countAdded('rosterUpdates', extra.length);
  }

  /**
   * Readings of hazard at home from the tiles (by id: subject × hazard): the later read of each is
   * kept. Replaced ones are summed up in one line (a district has hundreds), not listed one by one.
   */
  async hazardReadings(): Promise<void> {
    const theirs = this.rows('hazardReadings');
    const ours = await this.db.hazardReadings.bulkGet(theirs.map((r) => r.id));
    const writes = theirs.filter((t, i) => {
      const o = ours[i];
      return !o || newerWins(o, t, (r) => r.readAt) === t;
    });
    if (writes.length) await this.db.hazardReadings.bulkPut(writes);
    const added = theirs.filter((_, i) => !ours[i]).length;
    this.countAdded('hazardReadings', added);
    const replaced = writes.length - added;
    // Shown as 「ハザードマップからの読み取り「3件」: 相手の端末で後から読み取った結果にしました」.
    if (replaced) this.noteUpdated('hazardReadings', '', `${replaced}件`, '相手の端末で後から読み取った結果にしました');
  }

  /** Appends the 'merge' entry to the 提供記録 when anything changed. */
  async finish(): Promise<MergeSummary> {
    if (!this.summary.changed) return this.summary;
    const { operator, createdAt } = this.decoded.header;
    this.summary.disclosure = await recordDisclosure(this.db, {
      kind: 'merge',
      what: `別の端末のデータを統合（${operator ? clipValue(operator) : '作業者名なし'}、${japanDateTimeLabel(createdAt)}作成）`,
      wholeStoreCount: await this.db.people.count(),
      fileName: this.fileName,
      at: new Date(this.now),
    });
    return this.summary;
  }
}

/**
 * The same event as held on this device (`ours`) and on the other (`theirs`), merged (see the module
 * comment): the later limit, both renewal records, both devices' Plan B marks, and ended when either
 * ended — except by a 72-hour limit earlier than this device's, which the other device reached for
 * not having seen a renewal; ended on both, the earlier end. Everything else is this device's.
 * Idempotent: merging `theirs` into the result returns the result.
 */
export function mergeEmergency(ours: Emergency, theirs: Emergency): Emergency {
  const theirEnd = theirs.endedAt === null || (theirs.endReason === 'expired' && Date.parse(theirs.expiresAt) < Date.parse(ours.expiresAt)) ? null : Date.parse(theirs.endedAt);
  const end = theirEnd !== null && (ours.endedAt === null || theirEnd < Date.parse(ours.endedAt)) ? theirs : ours;
  const renewals = united(ours.renewals, theirs.renewals, renewalKey);
  if (renewals.length > ours.renewals.length) renewals.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const merged: Emergency = {
    ...ours,
    expiresAt: Date.parse(theirs.expiresAt) > Date.parse(ours.expiresAt) ? theirs.expiresAt : ours.expiresAt,
    renewals,
    endedAt: end.endedAt,
    endedBy: end.endedBy,
    endReason: end.endReason,
    closedShelterIds: united(ours.closedShelterIds, theirs.closedShelterIds, String),
    fullShelterIds: united(ours.fullShelterIds, theirs.fullShelterIds, String),
    absentSupporterIds: united(ours.absentSupporterIds, theirs.absentSupporterIds, String),
  };
  return sameRecord(merged, ours) ? ours : merged;
}

/** `ours`, then the items of `theirs` it lacks (by `key`), in their order. */
function united<T>(ours: readonly T[], theirs: readonly T[], key: (item: T) => string): T[] {
  const have = new Set(ours.map(key));
  return [...ours, ...theirs.filter((t) => !have.has(key(t)))];
}

function renewalKey(r: EmergencyRenewal): string {
  return canonicalJson([r.at, r.by, r.expiresAt]);
}

/** What the merge changed in an event, in words (the summary's reasons). */
function emergencyChanges(o: Emergency, m: Emergency, endedHere: boolean): string[] {
  const reasons: string[] = [];
  if (m.expiresAt !== o.expiresAt) reasons.push(`相手の端末で延長されていたため、期限を${japanDateTimeLabel(m.expiresAt)}にしました`);
  const renewals = m.renewals.length - o.renewals.length;
  if (renewals > 0) reasons.push(`相手の端末の延長の記録${renewals}件を加えました`);
  const planB = [
    [m.closedShelterIds.length - o.closedShelterIds.length, '開設しない避難所', 'か所'],
    [m.fullShelterIds.length - o.fullShelterIds.length, '満員の避難所', 'か所'],
    [m.absentSupporterIds.length - o.absentSupporterIds.length, '不在の支援者', '人'],
  ] as const;
  const marks = planB.filter(([n]) => n > 0).map(([n, what, unit]) => `${what}${n}${unit}`);
  if (marks.length) reasons.push(`相手の端末で付けた印（${marks.join('、')}）を加えました`);
  if (m.endedAt !== null && m.endedAt !== o.endedAt) {
    const end = `${japanDateTimeLabel(m.endedAt)}、${m.endReason === 'expired' ? '72時間の期限' : m.endedBy || '作業者名なし'}`;
    if (endedHere) reasons.push(`相手の端末で終えていたため（${end}）、この端末でも災害時モードを終えました。同意のない人は表示されなくなります。続けるときは「この災害に参加する」からもう一度参加してください`);
    else if (o.endedAt === null) reasons.push(`相手の端末で終えていたため（${end}）、終了としました`);
    else reasons.push(`終了の日時を、先に終えた相手の端末の終了（${end}）に合わせました`);
  }
  return reasons;
}

/** How many rows per key. */
function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
  return out;
}

function noReason(): { label: string; reason: string } {
  return { label: '', reason: '' };
}

function savedAtOf(m: MetaEntry): string | undefined {
  return isRecord(m.value) && typeof m.value.savedAt === 'string' ? m.value.savedAt : undefined;
}

/** 「この端末の版（… 更新）が古いため、相手の版（… 更新）にしました」 */
function replacedReason(ours: string | null, theirs: string | null): string {
  const at = (iso: string | null) => (iso ? `${japanDateTimeLabel(iso)} 更新` : '更新日時なし');
  return `この端末の版（${at(ours)}）が古いため、相手の版（${at(theirs)}）にしました`;
}

/** A person in words: the name when they may be shown (core/rosterArchive.ts `isPersonShown`), else only the ID. */
function personLabel(p: Person): string {
  if (isPersonShown(p)) return p.name;
  return `ID ${p.id}（${isOnRoster(p) ? '同意のない人' : '名簿から外れた人'}のため氏名は表示しません）`;
}

function groupByPlan(rows: PlanVersion[]): Map<string, PlanVersion[]> {
  const out = new Map<string, PlanVersion[]>();
  for (const r of [...rows].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))) {
    const list = out.get(r.planId);
    if (list) list.push(r);
    else out.set(r.planId, [r]);
  }
  return out;
}
