/**
 * Import benchmarks (issue #3): reading a 150,000-row 名簿 in the template layout — decode-free
 * parse + normalise + validate by `readPeopleFile` — against raw PapaParse parsing of the same
 * text, and storing the people in IndexedDB (fake-indexeddb in Node) in chunks of 5,000 via
 * `commitPeople` against one big `bulkPut`.
 */
import Papa from 'papaparse';
import 'fake-indexeddb/auto';
import type { Person } from '../../src/core/person';
import { commitPeople } from '../../src/db/imports';
import { HinanDatabase } from '../../src/db/schema';
import { readPeopleFile } from '../../src/io/peopleCsv';
import { seededRandom } from '../unit/engine/random';
import { ORIGIN, SPAN_LAT, SPAN_LNG } from './syntheticCity';
import { rosterCsv } from './syntheticRoster';

type Report = (name: string, ours: number, baseline: number, identical: boolean, note: string) => void;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * Times the 名簿 import against raw PapaParse of the same text, interleaved, median of at least 5
 * runs each (a run of either may meet a full garbage collection: 3 runs leave the median to chance);
 * returns the people read (for the store benchmark).
 */
export function benchImport(count: number, minRuns: number, report: Report): Person[] {
  const runs = Math.max(minRuns, 5);
  const rand = seededRandom(8);
  const centres = Array.from({ length: 60 }, () => [ORIGIN[0] + rand() * SPAN_LNG, ORIGIN[1] + rand() * SPAN_LAT] as const);
  const text = rosterCsv(9, count, { centres, radiusM: 800, city: '青森県青森市' });
  const now = '2025-04-01T00:00:00.000Z';
  const ours: number[] = [], theirs: number[] = [];
  let result!: ReturnType<typeof readPeopleFile>;
  let papaRows = 0;
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    const parsed = Papa.parse<string[]>(text);
    theirs.push(performance.now() - t0);
    papaRows = parsed.data.filter((row) => row.length > 1 || row[0] !== '').length - 1;
    t0 = performance.now();
    result = readPeopleFile(text, 'roster_150000.csv', { now });
    ours.push(performance.now() - t0);
  }
  const identical = result.records.length === papaRows && result.rowCount === papaRows && result.errors.length === 0;
  const o = median(ours), b = median(theirs);
  report('import', o, b, identical,
    `${count.toLocaleString()} rows, ${(text.length / 1e6).toFixed(1)} M chars; overhead ours/PapaParse = ${(o / b).toFixed(2)}× (aim ≤ 2×), medians of ${runs} interleaved runs; ` +
    `${result.records.length.toLocaleString()} people accepted, ${result.errors.length} errors; text already decoded for both`);
  return result.records;
}

/** Times storing `people` in IndexedDB: commitPeople (validate, districts, chunks of 5,000, one transaction) vs one bulkPut. */
export async function benchStorePeople(people: Person[], report: Report): Promise<void> {
  const OURS_RUNS = 3;
  let n = 0;
  const fresh = () => new HinanDatabase(`bench-store-${process.pid}-${n++}`);
  const ours: number[] = [];
  let stored = 0, sampleOk = true;
  for (let r = 0; r < OURS_RUNS; r++) {
    const db = fresh();
    await db.open();
    const t0 = performance.now();
    await commitPeople(db, people);
    ours.push(performance.now() - t0);
    stored = await db.people.count();
    for (const i of [0, people.length >> 1, people.length - 1]) {
      const p = await db.people.get(people[i].id);
      sampleOk &&= p !== undefined && JSON.stringify({ ...p, districtId: null }) === JSON.stringify({ ...people[i], districtId: null });
    }
    db.close();
    await db.delete();
  }
  const db = fresh();
  await db.open();
  const t0 = performance.now();
  await db.transaction('rw', db.people, () => db.people.bulkPut(people));
  const baseline = performance.now() - t0;
  const baselineStored = await db.people.count();
  db.close();
  await db.delete();
  report('store_people', median(ours), baseline, stored === people.length && baselineStored === people.length && sampleOk,
    `rows=${people.length.toLocaleString()}; fake-indexeddb in Node (much slower than a browser's IndexedDB); ours = commitPeople (validation + 地区 + chunks of 5,000 in one transaction), median of ${OURS_RUNS}; baseline = one bulkPut of all rows, 1 run`);
}
