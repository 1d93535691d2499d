/**
 * Splitting a printed list into pages from measured row heights, so the number of pages a
 * screen promises is the number printed. Heights in any one unit (e.g. CSS px at 96 dpi).
 */

export interface PageSpace {
  /** Room for the list on the first page (below whatever comes before it). */
  first: number;
  /** Room on every further page. */
  next: number;
  /** Height of the table header repeated at the top of each page's part of the list. */
  header: number;
  /** Height of what follows the list on its last page (a note). */
  tail: number;
}

/**
 * How many rows go on each page, in order: rows are never split, each page's part starts with
 * the header, and the tail stays with the last rows. The first page may hold no rows (its
 * count is then 0); every further page holds at least one row even when it is taller than a page.
 */
export function rowsPerPage(rowHeights: readonly number[], space: PageSpace): number[] {
  const pages: number[] = [];
  let room = space.first - space.header;
  let count = 0;
  for (const h of rowHeights) {
    if (h > room && (count > 0 || pages.length === 0)) {
      pages.push(count);
      room = space.next - space.header;
      count = 0;
    }
    room -= h;
    count++;
  }
  if (room < space.tail && count > 0) {
    // The tail does not fit under the last rows: move the last row over with it.
    const last = rowHeights.length ? rowHeights[rowHeights.length - 1] : 0;
    if (count > 1 && space.next - space.header - last >= space.tail) {
      pages.push(count - 1);
      count = 1;
    } else {
      pages.push(count);
      count = 0;
    }
  }
  pages.push(count);
  return pages;
}
