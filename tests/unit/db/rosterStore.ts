/**
 * A store holding a real 名簿 (the first rows of tests/fixtures/roster_aizuwakamatsu_2000.csv, read
 * by the app's reader and committed as an import) and the next year's file made by editing those
 * rows, for the 名簿の更新 tests.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Person } from '../../../src/core/person';
import { confirmPlan, emptyPlan, type Plan } from '../../../src/core/plan';
import type { Supporter } from '../../../src/core/supporter';
import { commitPeople, commitSupporters } from '../../../src/db/imports';
import { setOperator } from '../../../src/db/operator';
import { savePlan } from '../../../src/db/plans';
import type { HinanDatabase } from '../../../src/db/schema';
import { readPeopleFile } from '../../../src/io/peopleCsv';
import { readSupportersFile } from '../../../src/io/supportersCsv';
import { openTestDb } from './demoStore';

/** A CSV as a header and rows of cells (the fixtures have no quoted cells). */
export class CsvRows {
  readonly col: Record<string, number>;
  constructor(
    readonly header: string,
    public rows: string[][],
  ) {
    this.col = Object.fromEntries(header.split(',').map((h, i) => [h, i]));
  }

  static read(path: string, from: number, to: number): CsvRows {
    const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    return new CsvRows(header, lines.slice(from, to).map((l) => l.split(',')));
  }

  /** A copy, each row through `edit` (return null to leave the row out). */
  map(edit: (row: string[], get: (column: string) => string, set: (column: string, value: string) => void) => string[] | null | void): CsvRows {
    const rows: string[][] = [];
    for (const r of this.rows) {
      const row = [...r];
      const out = edit(row, (c) => row[this.col[c]], (c, v) => {
        row[this.col[c]] = v;
      });
      if (out !== null) rows.push(out ?? row);
    }
    return new CsvRows(this.header, rows);
  }

  text(): string {
    return [this.header, ...this.rows.map((r) => r.join(','))].join('\n');
  }

  get(id: string, column: string): string {
    return this.rows.find((r) => r[0] === id)![this.col[column]];
  }
}

export const ROSTER = 'tests/fixtures/roster_aizuwakamatsu_2000.csv';
export const SUPPORTERS = 'tests/fixtures/supporters_aizuwakamatsu_700.csv';

/** The 名簿 file `rows` as the app reads it (no row errors). */
export function peopleOf(rows: CsvRows, fileName = '名簿.csv', now = '2026-01-05T00:00:00.000Z'): Person[] {
  const read = readPeopleFile(rows.text(), fileName, { now });
  expect(read.errors).toEqual([]);
  return read.records;
}

/** The 支援者名簿 file `rows` as the app reads it (no row errors). */
export function supportersOf(rows: CsvRows, fileName = '支援者名簿.csv', now = '2026-01-05T00:00:00.000Z'): Supporter[] {
  const read = readSupportersFile(rows.text(), fileName, { now });
  expect(read.errors).toEqual([]);
  return read.records;
}

/** An empty store (作業者名 山田 花子) with the 名簿 `rows` imported. */
export async function storeWithRoster(rows: CsvRows): Promise<HinanDatabase> {
  const db = openTestDb();
  await setOperator(db, '山田 花子');
  await commitPeople(db, peopleOf(rows));
  return db;
}

/** An empty store with the 支援者名簿 `rows` imported. */
export async function storeWithSupporters(rows: CsvRows): Promise<HinanDatabase> {
  const db = openTestDb();
  await setOperator(db, '山田 花子');
  await commitSupporters(db, supportersOf(rows));
  return db;
}

/** Saves a plan for `personId` (作成中), then confirms it (本人確認済, consent dated) unless `confirm` is false. */
export async function planFor(db: HinanDatabase, personId: string, confirm = true): Promise<Plan> {
  const saved = await savePlan(db, { ...emptyPlan(personId, '2026-01-10'), status: 'in_progress', whatToBring: '薬手帳' }, { now: () => new Date('2026-01-10T01:00:00Z') });
  if (!confirm) return saved;
  const consent = { status: 'given' as const, date: '2026-01-10', method: 'signature' as const, recipients: [] };
  return savePlan(db, confirmPlan({ ...saved, consent }, '2026-01-10'), { now: () => new Date('2026-01-10T02:00:00Z') });
}
