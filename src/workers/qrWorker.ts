/// <reference lib="webworker" />
import { errorMessage } from '../core/thrown';
import { findQrInPixels } from '../io/qrPixels';
import type { QrRequest, QrResponse } from './qrProtocol';
import { pageChannel } from './workerScope';

/** Looks for QR codes in pictures off the main thread (a camera frame, a photo): the page stays responsive. */
const page = pageChannel<QrRequest, QrResponse>();

page.listen((req) => {
  try {
    page.post({ id: req.id, type: 'found', text: findQrInPixels(new Uint8ClampedArray(req.pixels), req.width, req.height, req.invert) });
  } catch (err) {
    page.post({ id: req.id, type: 'failed', message: `QRコードを読み取れませんでした（${errorMessage(err)}）。` });
  }
});
