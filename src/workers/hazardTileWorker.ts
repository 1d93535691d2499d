/// <reference lib="webworker" />
import { errorMessage } from '../core/thrown';
import { decodeTilePixels } from './hazardTileDecode';
import type { HazardTileRequest, HazardTileResponse } from './hazardTileProtocol';
import { pageChannel } from './workerScope';

/** Decodes hazard tiles (PNG) off the main thread and answers the colours of the asked pixels (hazardTileDecode.ts). */
const page = pageChannel<HazardTileRequest, HazardTileResponse>();

page.listen((req) => {
  decodeTilePixels(req.png, req.pixels).then(
    ({ rgba, width, height }) => page.post({ id: req.id, type: 'pixels', rgba: rgba.buffer, width, height }, [rgba.buffer]),
    (err: unknown) => page.post({ id: req.id, type: 'failed', message: `ハザードマップの画像を読めませんでした（${errorMessage(err)}）。` }),
  );
});
