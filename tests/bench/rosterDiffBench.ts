/**
 * `BENCH roster_diff` (issue 11): the 名簿の更新 plan (core/rosterUpdate.ts `planPeopleUpdate` and
 * the 変更一覧 rows) of a 150,000-person store against a 150,000-row file with 5 % changes
 * (移動, 医療, 住所, 同意, people removed and added), against the naive comparison — for each file
 * row, scan the stored array for its ID, then compare every field — timed on a sample of rows and
 * scaled. The change lists (added / changed fields per row) must be identical on the sample.
 * Run alone: `npx tsx tests/bench/rosterDiffBench.ts` (reads the import benchmark's 名簿 first).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Person } from '../../src/core/person';
import { rosterChangeRows } from '../../src/core/rosterChangeList';
import { defaultRosterChoices, PERSON_ROSTER_FIELDS, planPeopleUpdate, type RosterUpdateContext } from '../../src/core/rosterUpdate';
import { benchImport } from './importBench';

type Report = (name: string, ours: number, baseline: number, identical: boolean, note: string) => void;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** The next 名簿: every 20th person changed — 移動, 医療, 住所, 同意, removed, or joined by a new person — in turn. */
export function nextRoster(stored: readonly Person[]): Person[] {
  const file: Person[] = [];
  for (let i = 0; i < stored.length; i++) {
    const p = stored[i];
    if (i % 20 !== 7) {
      file.push({ ...p });
      continue;
    }
    switch ((i / 20 | 0) % 6) {
      case 0: file.push({ ...p, mobility: p.mobility === 'wheelchair' ? 'bedridden' : 'wheelchair' }); break;
      case 1: file.push({ ...p, medical: p.medical.includes('dialysis') ? [] : [...p.medical, 'dialysis'] }); break;
      case 2: file.push({ ...p, address: `${p.address}-101` }); break;
      case 3: file.push({ ...p, consent: p.consent.status === 'given' ? { status: 'refused', date: null, method: 'unknown', recipients: [] } : { status: 'given', date: '2026-01-01', method: 'signature', recipients: ['minsei'] } }); break;
      case 4: break; // left the 名簿
      default: file.push({ ...p }, { ...p, id: `N${p.id}`, name: `${p.name}二世`, birthDate: '1990-01-01' });
    }
  }
  return file;
}

/** One file row's result as `id:added` or `id:field,field…` ('' when unchanged). */
type RowResult = string;

/** The naive way: scan `stored` for the row's ID, then compare each 名簿 field as JSON. */
function naiveRow(stored: readonly Person[], f: Person): RowResult {
  let s: Person | undefined;
  for (let j = 0; j < stored.length; j++) if (stored[j].id === f.id) { s = stored[j]; break; }
  if (!s) return `${f.id}:added`;
  const fields = PERSON_ROSTER_FIELDS.filter((k) => JSON.stringify(s![k]) !== JSON.stringify(f[k]));
  return fields.length ? `${f.id}:${fields.join(',')}` : '';
}

/** Times ours (the plan and its change rows, median of `runs`) and the naive way (sampled, scaled); reports `roster_diff`. */
export function benchRosterDiff(stored: readonly Person[], runs: number, report: Report): void {
  const file = nextRoster(stored);
  const ctx: RosterUpdateContext = { updateId: 'bench', fileName: 'next.csv', now: '2026-04-01T00:00:00.000Z', today: '2026-04-01', districtNames: new Map() };
  const ms: number[] = [];
  let plan!: ReturnType<typeof planPeopleUpdate>;
  let changeRows = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    plan = planPeopleUpdate(stored, file, defaultRosterChoices(), ctx);
    changeRows = rosterChangeRows(plan).length;
    ms.push(performance.now() - t0);
  }
  const ours = median(ms);

  // Ours per file row, in the naive form.
  const oursRows = new Map<string, RowResult>();
  for (const p of plan.added) oursRows.set(p.id, `${p.id}:added`);
  for (const m of plan.changed) oursRows.set(m.after.id, `${m.after.id}:${m.changes.map((c) => c.field).join(',')}`);

  const SAMPLE = 300;
  const sample = Array.from({ length: SAMPLE }, (_, k) => Math.floor((k * file.length) / SAMPLE) + (k % 20));
  const scaled: number[] = [];
  let identical = true;
  const chunk = Math.ceil(SAMPLE / runs);
  for (let r = 0; r < runs; r++) {
    const part = sample.slice(r * chunk, (r + 1) * chunk);
    const t0 = performance.now();
    const naive = part.map((i) => naiveRow(stored, file[i]));
    scaled.push(((performance.now() - t0) / part.length) * file.length);
    part.forEach((i, k) => (identical &&= naive[k] === (oursRows.get(file[i].id) ?? '')));
  }
  const changedInSample = sample.filter((i) => oursRows.has(file[i].id)).length;
  report('roster_diff', ours, median(scaled), identical && changedInSample > 0,
    `${stored.length.toLocaleString()} stored × ${file.length.toLocaleString()} rows; ours = planPeopleUpdate + 変更一覧 rows (added=${plan.total.added} archived=${plan.total.archived} changed=${plan.total.changed} ` +
    `unchanged=${plan.total.unchanged}, ${changeRows} rows), median of ${runs}; naive = scan for the ID + JSON compare per field, ${SAMPLE} rows (${changedInSample} changed/added) scaled; aim ours ≤ 2,000 ms and ≥ 50×`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const report: Report = (name, ours, baseline, identical, note) =>
    console.log(`BENCH ${name} ours_ms=${ours.toFixed(1)} baseline_ms=${baseline.toFixed(1)} ratio=${(baseline / ours).toFixed(1)} identical=${identical ? 'yes' : 'no'}\n  ${note}`);
  const people = benchImport(150_000, 1, () => {});
  benchRosterDiff(people, 3, report);
}
