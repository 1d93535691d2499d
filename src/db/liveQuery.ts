/**
 * Watching the store: `liveQuery(() => read(db))` re-runs a read whenever a table it read changes
 * (in this tab or another). Screens import it from here, so only db/ imports Dexie.
 */
export { liveQuery } from 'dexie';
