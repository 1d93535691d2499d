import type { ExcelEncoding } from '../io/excelCsv';
import type { HazardType } from '../core/hazard';
import type { ColumnMapping } from '../io/columnMapping';
import type { ConsentRecipient } from '../core/consent';
import type { RosterUpdateChoices, RosterUpdateRecord } from '../core/rosterUpdate';
import { withRecords, type ImportKind, type ImportPreview, type ImportResponse, type RecordSlice, type RosterRequest } from './importProtocol';
import type { RosterUpdateSummary } from './importRosterSummary';
import type { WithoutId } from './requestId';

let nextId = 1;
/** The worker that read the last 名簿 or supporter file and keeps its records for the 名簿の更新, if any. */
let rosterWorker: Worker | null = null;

/** Ends the worker holding the last 名簿 or supporter file (the import screen was reset or left). */
export function releaseRosterFile(): void {
  rosterWorker?.terminate();
  rosterWorker = null;
}

/**
 * Reads files in a Web Worker; `onProgress` gets stage text and done/total.
 * The promise rejects with a Japanese message; `signal` cancels (terminates the worker).
 * `columns` gives column mappings by source signature for CSVs not in a known layout.
 * A 名簿 or supporter file's worker stays, holding the records, for the 名簿の更新 calls below.
 */
export async function readInWorker(
  kind: ImportKind,
  files: File[],
  onProgress: (stage: string, done: number, total: number) => void,
  signal?: AbortSignal,
  hazard?: HazardType,
  columns?: { mappings: Record<string, ColumnMapping>; confirmedSignature?: string },
): Promise<ImportPreview> {
  releaseRosterFile();
  const payload = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })));
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  const keep = kind === 'people' || kind === 'supporters';
  const id = nextId++;
  const slices: RecordSlice[] = [];
  return new Promise<ImportPreview>((resolve, reject) => {
    const finish = () => worker.terminate();
    signal?.addEventListener('abort', () => {
      finish();
      reject(new DOMException('取り込みを中止しました。', 'AbortError'));
    });
    worker.onmessage = (e: MessageEvent<ImportResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') onProgress(m.stage, m.done, m.total);
      else if (m.type === 'records') slices.push(m.slice);
      else if (m.type === 'result') {
        if (keep && !signal?.aborted) rosterWorker = worker;
        else finish();
        resolve(withRecords(m.preview, slices));
      } else if (m.type === 'failed') (finish(), reject(new Error(m.message)));
    };
    worker.onerror = (e) => {
      finish();
      reject(new Error(`読み込み処理が止まりました（${e.message}）。`));
    };
    worker.postMessage(
      { type: 'read', id, kind, files: payload, hazard, mappings: columns?.mappings, confirmedSignature: columns?.confirmedSignature },
      payload.map((p) => p.bytes),
    );
  });
}

/** One 名簿の更新 request to the worker holding the file; rejects with a Japanese message, or an AbortError when `signal` ends it (the worker too). */
function callRoster(request: WithoutId<RosterRequest>, onProgress: (stage: string, done: number, total: number) => void, signal?: AbortSignal): Promise<ImportResponse> {
  const worker = rosterWorker;
  if (!worker) return Promise.reject(new Error('名簿のファイルがもう読み込まれていません。もう一度ファイルを選んでください。'));
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
    };
    const onMessage = (e: MessageEvent<ImportResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === 'progress') return onProgress(m.stage, m.done, m.total);
      done();
      if (m.type === 'failed') reject(new Error(m.message));
      else resolve(m);
    };
    const onError = (e: ErrorEvent) => {
      done();
      if (rosterWorker === worker) releaseRosterFile();
      reject(new Error(`名簿の更新の処理が止まりました（${e.message}）。何も書き込まれていません。`));
    };
    signal?.addEventListener('abort', () => {
      done();
      if (rosterWorker === worker) releaseRosterFile();
      reject(new DOMException('名簿の更新を中止しました。', 'AbortError'));
    });
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    worker.postMessage({ ...request, id } satisfies RosterRequest);
  });
}

/** Compares the file the worker holds with the store (nothing written): the preview's summary. */
export async function planRosterUpdate(
  choices: RosterUpdateChoices,
  formRecipients: ConsentRecipient[],
  onProgress: (stage: string, done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<RosterUpdateSummary> {
  const m = await callRoster({ type: 'roster-plan', choices, formRecipients }, onProgress, signal);
  if (m.type !== 'roster-plan') throw new Error(`予期しない応答です（${m.type}）。`);
  return m.summary;
}

/** Applies the update of the file the worker holds, in one transaction; the history row it wrote, or null when nothing changed. */
export async function applyRosterFile(
  choices: RosterUpdateChoices,
  formRecipients: ConsentRecipient[],
  confirmArchiveCount: number | undefined,
  onProgress: (stage: string, done: number, total: number) => void,
): Promise<RosterUpdateRecord | null> {
  const m = await callRoster({ type: 'roster-apply', choices, formRecipients, confirmArchiveCount }, onProgress);
  if (m.type !== 'roster-applied') throw new Error(`予期しない応答です（${m.type}）。`);
  return m.record;
}

/** The 変更一覧 CSV of the last plan, recorded in the 提供記録 (a refusal rejects with its message). */
export async function rosterChangesFile(encoding: ExcelEncoding): Promise<{ bytes: Uint8Array<ArrayBuffer>; fileName: string; rows: number }> {
  const m = await callRoster({ type: 'roster-changes-csv', encoding }, () => {});
  if (m.type !== 'roster-csv') throw new Error(`予期しない応答です（${m.type}）。`);
  return m;
}
