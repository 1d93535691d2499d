import type { Table } from 'dexie';

/** Rows per read: small enough that decoding one page never holds the page's main thread for long. */
const PAGE_SIZE = 5000;

/**
 * Reads a whole table (keyed by `id`) in key order, `PAGE_SIZE` rows per request, handing each page to
 * `onPage`. Each page arrives in its own task, so the page stays responsive while 10⁵ rows load
 * (one `toArray` would decode them all in one go). Works inside `liveQuery` (the ranges read
 * cover every key, so any change to the table re-runs the query).
 */
export async function readAllPaged<T extends { id: string }>(table: Table<T, string>, onPage: (rows: T[]) => void): Promise<void> {
  let page = await table.limit(PAGE_SIZE).toArray();
  while (page.length) {
    onPage(page);
    if (page.length < PAGE_SIZE) return;
    page = await table.where(':id').above(page[page.length - 1].id).limit(PAGE_SIZE).toArray();
  }
}
