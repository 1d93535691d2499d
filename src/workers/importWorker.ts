/// <reference lib="webworker" />
import { ENCODING_LABELS } from '../io/encoding';
import { readPeopleFile } from '../io/peopleCsv';
import { readShelterFiles, SHELTER_FORMAT_LABELS } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';
import type { ImportPreview, ImportRequest, ImportResponse } from './importProtocol';

/** Reads import files off the main thread: decode, detect format, parse and validate. */
const post = (m: ImportResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (event: MessageEvent<ImportRequest>) => {
  const { id, kind, files } = event.data;
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
      };
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
      };
    }
    post({ id, type: 'progress', stage: '読み込み完了', done: files.length, total: files.length });
    post({ id, type: 'result', preview });
  } catch (err) {
    post({ id, type: 'failed', message: `ファイルを読めませんでした（${(err as Error).message}）。` });
  }
};
