import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

/**
 * maplibre-gl 6 looks for its worker next to its own module, which a bundle does not keep;
 * point it at the copy Vite emits (a same-origin file, so it is cached for offline use too).
 */
setWorkerUrl(workerUrl);
