/// <reference lib="webworker" />
import { HinanDatabase } from '../db/schema';
import { openTileStore } from '../db/tileStore';
import { buildGeodataTiles } from './tileBuild';
import { errorMessage } from '../core/thrown';
import type { TileRequest, TileResponse } from './tileProtocol';
import { inWorker, pageChannel } from './workerScope';

/**
 * Builds the map's vector tiles off the main thread (workers/tileClient.ts asks; the messages are
 * in tileProtocol.ts): the hazard zones and roads are read from IndexedDB here and never reach the
 * page. The handler is installed only inside a dedicated worker, so a page that imported this
 * module would not answer its own messages.
 */
const page = pageChannel<TileRequest, TileResponse>();
const post = page.post;

if (inWorker()) page.listen((request) => void onRequest(request));

async function onRequest(request: TileRequest): Promise<void> {
  const { id, dbName } = request;
  const db = new HinanDatabase(dbName);
  const store = openTileStore(dbName);
  try {
    const r = await buildGeodataTiles(db, store, (stage, done, total) => post({ id, type: 'progress', stage, done, total }));
    post({ id, type: 'built', revision: r.revision, built: r.built });
  } catch (err) {
    post({ id, type: 'failed', message: `地図の区域データを作れませんでした（${errorMessage(err)}）。` });
  } finally {
    db.close();
    store.close();
  }
}
