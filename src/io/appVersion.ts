import { version } from '../../package.json';

/** The app's version (package.json), written into backup headers. */
export const APP_VERSION: string = version;
