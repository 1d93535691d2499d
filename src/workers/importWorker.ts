/// <reference lib="webworker" />
import { ENCODING_LABELS } from '../io/encoding';
import { readPeopleFile } from '../io/peopleCsv';
import { readShelterFiles, SHELTER_FORMAT_LABELS } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';
import { readHazardZones } from '../io/hazardZones';
import { readRoadNetwork, roadLineCount } from '../io/roadNetwork';
import { fieldConflicts, fieldInfos, guessMapping, mappingSignature, type ColumnMapping, type ColumnProfile, type MappingTemplate } from '../io/columnMapping';
import { PEOPLE_MAPPING } from '../io/peopleCsv';
import { SHELTER_MAPPING } from '../io/standardShelters';
import { SUPPORTER_MAPPING } from '../io/supportersCsv';
import { readDistrictOutlines } from '../io/districtOutlines';
import type { RosterFileResult } from '../io/rosterCommon';
import { errorMessage } from '../core/thrown';
import { HinanDatabase } from '../db/schema';
import { RECORDS_PER_MESSAGE, recordSlices, withoutRecords, type ColumnsOffer, type ImportPreview, type ImportRequest, type ImportResponse, type ImportWorkerRequest, type RosterRequest } from './importProtocol';
import { rosterHandler, type HeldRoster } from './importRosterUpdate';
import { pageChannel } from './workerScope';

/** What the column-mapping step needs about one CSV read (or not read) with `mappings`. */
function columnsOffer(
  template: MappingTemplate, file: string, r: { headers?: string[]; profile?: ColumnProfile; needsMapping?: boolean; mapped?: boolean },
  mappings: Record<string, ColumnMapping>, confirmedSignature: string | undefined,
): ColumnsOffer | null {
  if (!r.headers || !r.profile) return null;
  const profile = r.profile;
  const signature = mappingSignature(template.kind, r.headers);
  const given = mappings[signature];
  const values: ColumnsOffer['values'] = {};
  for (const f of template.fields) {
    if (!f.choices) continue;
    const perHeader: Record<number, { value: string; code: string | null }[]> = {};
    profile.distinct.forEach((d, i) => {
      if (d) perHeader[i] = d.map((value) => ({ value, code: template.matchValue(f.key, value) }));
    });
    values[f.key] = perHeader;
  }
  const source: ColumnsOffer['source'] = r.needsMapping ? null : given && r.mapped !== false ? (signature === confirmedSignature ? 'confirmed' : 'saved') : 'template';
  return {
    file, signature, headers: r.headers, rows: profile.rows, consentField: template.consentField ?? null, conflicts: fieldConflicts(template, r.headers),
    fields: fieldInfos(template), values,
    mapping: given ?? guessMapping(template, profile), source,
  };
}

const page = pageChannel<ImportWorkerRequest, ImportResponse>();
const post = page.post;

/** The 名簿 or supporter records read last, kept for the 名簿の更新 requests (re-plans never read the file again). */
let held: HeldRoster | null = null;
/** Requests of the 名簿の更新, one at a time in arrival order. */
let queue: Promise<void> = Promise.resolve();
const roster = rosterHandler(() => new HinanDatabase(), () => held);

const isRosterRequest = (r: ImportWorkerRequest): r is RosterRequest => r.type !== undefined && r.type !== 'read';

page.listen((request) => {
  if (isRosterRequest(request)) queue = queue.then(() => roster(request, post));
  else readFiles(request);
});

/** The 名簿 or supporter records of `preview`, kept for the 名簿の更新 (null for other kinds). */
function heldRoster(preview: ImportPreview, fileName: string): HeldRoster | null {
  const file = { fileName, errorRows: preview.errors.length };
  if (preview.kind === 'people') return { ...file, kind: 'people', records: preview.records };
  if (preview.kind === 'supporters') return { ...file, kind: 'supporters', records: preview.records };
  return null;
}

/** Reads import files off the main thread: decode, detect format, parse and validate. */
function readFiles(request: ImportRequest) {
  const { id, kind, files, hazard, confirmedSignature } = request;
  held = null;
  const mappings = request.mappings ?? {};
  const mappingFor = (template: MappingTemplate) => (headers: readonly string[]) => mappings[mappingSignature(template.kind, headers)] ?? null;
  try {
    post({ id, type: 'progress', stage: 'ファイルを読んでいます', done: 0, total: files.length });
    let preview: ImportPreview;
    if (kind === 'shelters') {
      const r = readShelterFiles(files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })), { mapping: mappingFor(SHELTER_MAPPING), profile: true });
      // The file the mapping step is about: the first that needs one, else the first read through one, else a 標準オープンデータ list.
      const at = [r.files.findIndex((f) => f.needsMapping), r.files.findIndex((f) => f.format === 'mapped-csv'), r.files.findIndex((f) => f.format === 'standard-csv')].find((i) => i >= 0) ?? -1;
      const sf = at >= 0 ? r.files[at] : null;
      preview = {
        kind,
        files: r.files.map((f, i) => ({
          name: files[i].name,
          format: f.format ? SHELTER_FORMAT_LABELS[f.format] : '不明',
          encoding: f.encoding ? ENCODING_LABELS[f.encoding] : '不明',
          rowCount: f.rowCount,
        })),
        rowCount: r.files.reduce((n, f) => n + f.rowCount, 0),
        records: r.records,
        errors: r.errors,
        notes: [],
        columns: sf ? columnsOffer(SHELTER_MAPPING, files[at].name, { ...sf, mapped: sf.format === 'mapped-csv' }, mappings, confirmedSignature) : null,
        merge: r.merge,
      };
    } else if (kind === 'districts') {
      const f = files[0];
      const r = readDistrictOutlines(new Uint8Array(f.bytes), f.name);
      preview = {
        kind,
        files: [{ name: f.name, format: `GeoJSON（名前: ${r.nameProperty ?? 'なし'}）`, encoding: 'UTF-8', rowCount: r.featureCount }],
        rowCount: r.featureCount,
        records: r.outlines,
        errors: r.errors,
        notes: r.notes,
      };
    } else if (kind === 'hazards' || kind === 'roads') {
      const f = files[0];
      const onProgress = (done: number, total: number) => post({ id, type: 'progress', stage: '図形を読んでいます', done, total });
      if (kind === 'hazards') {
        const chosen = hazard ?? 'flood';
        const r = readHazardZones(new Uint8Array(f.bytes), { file: f.name, hazard: chosen, onProgress });
        preview = {
          kind,
          files: [{ name: f.name, format: `GeoJSON（${r.depthProperty ? `深さ・区分: ${r.depthProperty}` : '深さ・区分の属性なし'}）`, encoding: 'UTF-8', rowCount: r.featureCount }],
          rowCount: r.featureCount,
          records: r.records,
          errors: r.errors,
          notes: [...r.repairs, ...r.warnings],
          hazard: { chosen, file: r.fileHazard },
        };
      } else {
        const r = readRoadNetwork(new Uint8Array(f.bytes), { file: f.name, onProgress });
        preview = {
          kind,
          files: [{ name: f.name, format: `GeoJSON（線 ${r.network ? roadLineCount(r.network).toLocaleString('ja-JP') : 0}本）`, encoding: 'UTF-8', rowCount: r.featureCount }],
          rowCount: r.featureCount,
          records: [],
          errors: r.errors,
          notes: r.warnings,
          network: r.network,
        };
      }
    } else {
      const f = files[0];
      const bytes = new Uint8Array(f.bytes);
      const fileInfo = (r: Pick<RosterFileResult<unknown>, 'mapped' | 'encoding' | 'rowCount'>) => [
        { name: f.name, format: r.mapped ? '列の対応付けで読み込み' : 'アプリのテンプレート', encoding: r.encoding ? ENCODING_LABELS[r.encoding] : '不明', rowCount: r.rowCount },
      ];
      if (kind === 'people') {
        const r = readPeopleFile(bytes, f.name, { mapping: mappingFor(PEOPLE_MAPPING), profile: true });
        preview = { kind, files: fileInfo(r), rowCount: r.rowCount, records: r.validRecords, errors: r.errors, notes: [], columns: columnsOffer(PEOPLE_MAPPING, f.name, r, mappings, confirmedSignature) };
      } else {
        const r = readSupportersFile(bytes, f.name, { mapping: mappingFor(SUPPORTER_MAPPING), profile: true });
        preview = { kind, files: fileInfo(r), rowCount: r.rowCount, records: r.validRecords, errors: r.errors, notes: [], columns: columnsOffer(SUPPORTER_MAPPING, f.name, r, mappings, confirmedSignature) };
      }
    }
    post({ id, type: 'progress', stage: '読み込み完了', done: files.length, total: files.length });
    held = heldRoster(preview, files[0].name);
    for (const slice of recordSlices(preview, RECORDS_PER_MESSAGE)) post({ id, type: 'records', slice });
    post({ id, type: 'result', preview: withoutRecords(preview) });
  } catch (err) {
    post({ id, type: 'failed', message: `ファイルを読めませんでした（${errorMessage(err)}）。` });
  }
}
