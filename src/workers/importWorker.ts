/// <reference lib="webworker" />
import { ENCODING_LABELS } from '../io/encoding';
import { readPeopleFile } from '../io/peopleCsv';
import { readShelterFiles, SHELTER_FORMAT_LABELS } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';
import { readHazardZones } from '../io/hazardZones';
import { readRoadNetwork, roadLineCount } from '../io/roadNetwork';
import type { ImportPreview, ImportRequest, ImportResponse } from './importProtocol';

/** Reads import files off the main thread: decode, detect format, parse and validate. */
const post = (m: ImportResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const { id, kind, files, hazard } = event.data;
  try {
    post({ id, type: 'progress', stage: 'ファイルを読んでいます', done: 0, total: files.length });
    let preview: ImportPreview;
    if (kind === 'shelters') {
      const r = readShelterFiles(files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) })));
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
      };
    } else if (kind === 'hazards' || kind === 'roads') {
      const f = files[0];
      const onProgress = (done: number, total: number) => post({ id, type: 'progress', stage: '図形を読んでいます', done, total });
      if (kind === 'hazards') {
        const r = readHazardZones(new Uint8Array(f.bytes), { file: f.name, hazard: hazard ?? 'flood', onProgress });
        preview = {
          kind,
          files: [{ name: f.name, format: `GeoJSON（${r.depthProperty ? `深さ・区分: ${r.depthProperty}` : '深さ・区分の属性なし'}）`, encoding: 'UTF-8', rowCount: r.featureCount }],
          rowCount: r.featureCount,
          records: r.records,
          errors: r.errors,
          notes: [...r.repairs, ...r.warnings],
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
      const read = kind === 'people' ? readPeopleFile : readSupportersFile;
      const r = read(new Uint8Array(f.bytes), f.name);
      preview = {
        kind,
        files: [{ name: f.name, format: 'アプリのテンプレート', encoding: r.encoding ? ENCODING_LABELS[r.encoding] : '不明', rowCount: r.rowCount }],
        rowCount: r.rowCount,
        records: r.validRecords as ImportPreview['records'],
        errors: r.errors,
        notes: [],
      };
    }
    post({ id, type: 'progress', stage: '読み込み完了', done: files.length, total: files.length });
    post({ id, type: 'result', preview });
  } catch (err) {
    post({ id, type: 'failed', message: `ファイルを読めませんでした（${(err as Error).message}）。` });
  }
};
