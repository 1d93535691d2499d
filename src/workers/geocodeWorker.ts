/// <reference lib="webworker" />
import { ENCODING_LABELS } from '../io/encoding';
import { buildGeocodeIndex, geocodeAll } from '../io/geocode';
import { readPositionReference, REFERENCE_FORMAT_LABELS } from '../io/positionReference';
import { errorMessage } from '../core/thrown';
import type { GeocodeRequest, GeocodeResponse } from './geocodeProtocol';
import { pageChannel } from './workerScope';

/** Reads 位置参照情報 files and matches addresses against them, off the main thread. */
const page = pageChannel<GeocodeRequest, GeocodeResponse>();
const post = page.post;

page.listen((req) => {
  const { id } = req;
  try {
    if (req.type === 'read') {
      post({ id, type: 'progress', stage: '住所の位置参照データを読んでいます', done: 0, total: 0 });
      const r = readPositionReference(new Uint8Array(req.file.bytes), req.file.name, req.place);
      post({
        id,
        type: 'read',
        preview: { file: req.file.name, level: r.level, format: r.format ? REFERENCE_FORMAT_LABELS[r.format] : null, encoding: r.encoding ? ENCODING_LABELS[r.encoding] : '不明', records: r.records, errors: r.errors },
      });
      return;
    }
    post({ id, type: 'progress', stage: '照合の準備をしています', done: 0, total: req.addresses.length });
    const index = buildGeocodeIndex(req.points);
    const every = Math.max(1, Math.min(500, Math.ceil(req.addresses.length / 50)));
    const results = geocodeAll(index, req.addresses, (done, total) => post({ id, type: 'progress', stage: '住所を照合しています', done, total }), every);
    post({ id, type: 'geocoded', results });
  } catch (err) {
    post({ id, type: 'failed', message: `処理できませんでした（${errorMessage(err)}）。` });
  }
});
