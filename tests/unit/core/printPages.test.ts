import { describe, expect, it } from 'vitest';
import { rowsPerPage } from '../../../src/core/printPages';

const space = { first: 500, next: 1000, header: 20, tail: 30 };

describe('splitting a printed list into pages', () => {
  it('fills page 1 under the map, then whole pages, each with its header', () => {
    const rows = Array.from({ length: 150 }, () => 20);
    // page 1: (500 − 20) / 20 = 24 rows; then (1000 − 20) / 20 = 49 per page; the note fits under the last rows
    expect(rowsPerPage(rows, space)).toEqual([24, 49, 49, 28]);
  });

  it('keeps tall rows whole and moves the last row over when the note would not fit', () => {
    expect(rowsPerPage([100, 200, 150, 60], space)).toEqual([3, 1]);
    // the note does not fit under the only row: it goes to a page of its own
    expect(rowsPerPage([470], space)).toEqual([1, 0]);
    expect(rowsPerPage([20, 20, 400, 50], { ...space, first: 520, tail: 40 })).toEqual([3, 1]);
    // a row taller than a page still gets a page
    expect(rowsPerPage([20, 1200, 20], space)).toEqual([1, 1, 1]);
    // no room for the note under the last page's rows: the last row goes with it
    const full = Array.from({ length: 49 }, () => 20);
    expect(rowsPerPage([...Array.from({ length: 24 }, () => 20), ...full], space)).toEqual([24, 48, 1]);
  });

  it('prints one page for an empty list', () => {
    expect(rowsPerPage([], space)).toEqual([0]);
  });
});
