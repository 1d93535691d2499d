/**
 * `BENCH safety_merge` (issue 14): the coordinating laptop reads 10,000 安否 records borne by QR
 * codes (20 devices × 400 records in 600-byte parts, a quarter of the parts read twice: about 10,000) into an
 * event that already holds 5,000 records, then works out each person's latest status. Ours =
 * decoding every QR text (io/safetyQr.ts, CRC-32 checked) + `mergeSafetyRecords` (a Set of ids,
 * one map of the latest per person) + `latestByPerson` of the result; baseline = the naive merge
 * over the same decoded records — scan the stored array for each incoming id, then for each person
 * scan every record for their latest. Added records, duplicates and every person's latest must be
 * identical. Aim: under 1 s. Run alone: `npx tsx tests/bench/safetyMergeBench.ts`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isNewerSafetyRecord, latestByPerson, makeSafetyRecord, mergeSafetyRecords, safetyFlagFor } from '../../src/core/safetyMerge';
import { SAFETY_STATUSES, type SafetyRecord } from '../../src/core/safetyRecord';
import { decodeSafetyQr, encodeSafetyQr } from '../../src/io/safetyQr';
import { randInt, seededRandom } from '../unit/engine/random';

type Report = (name: string, ours: number, baseline: number, identical: boolean, note: string) => void;

const EVENT = { id: 'K7QX2M9P', name: '令和9年 台風10号 大雨', startedAt: '2027-09-01T12:00:00Z' };
const NOW = new Date('2027-09-02T06:00:00Z');
const PEOPLE = 5000;
const DEVICES = 20;
const PER_DEVICE = 400;
const STORED = 5000;
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** A record by `recorder` about a random person, at a random second of the first 18 hours. */
function randomRecord(rand: () => number, recorder: string): SafetyRecord {
  const status = SAFETY_STATUSES[randInt(rand, SAFETY_STATUSES.length)];
  const at = new Date(Date.parse(EVENT.startedAt) + randInt(rand, 18 * 3600) * 1000).toISOString();
  const personId = `P${String(randInt(rand, PEOPLE + 100)).padStart(6, '0')}`; // ~2 % not on this 名簿
  const r = makeSafetyRecord({ eventId: EVENT.id, personId, status, at, recorder, shelterId: status === 'evacuated' ? `S-${randInt(rand, 200)}` : null, note: '' });
  if (!r) throw new Error('bad time');
  return r;
}

/** The QR texts the devices show, in reading order (a quarter of them read again at the end). */
export function safetyQrTexts(seed = 14): { texts: string[]; stored: SafetyRecord[]; known: Set<string> } {
  const rand = seededRandom(seed);
  const texts: string[] = [];
  for (let d = 0; d < DEVICES; d++) {
    const recorder = Array.from({ length: 4 }, () => ALPHABET[randInt(rand, ALPHABET.length)]).join('');
    const mine = Array.from({ length: PER_DEVICE }, () => randomRecord(rand, recorder));
    texts.push(...encodeSafetyQr(EVENT, recorder, mine, 600));
  }
  texts.push(...texts.filter((_, i) => i % 4 === 0));
  const stored = Array.from({ length: STORED }, () => randomRecord(rand, 'HQ22'));
  const known = new Set(Array.from({ length: PEOPLE }, (_, i) => `P${String(i).padStart(6, '0')}`));
  return { texts, stored: stored.filter((r) => known.has(r.personId)), known };
}

/** The naive merge: linear scans for ids, then for each person a scan of every record. */
function naiveMerge(stored: readonly SafetyRecord[], incoming: readonly SafetyRecord[], known: ReadonlySet<string>) {
  const all = [...stored];
  const added: SafetyRecord[] = [];
  let duplicates = 0;
  for (const r of incoming) {
    if (all.some((s) => s.id === r.id)) {
      duplicates++;
      continue;
    }
    if (!known.has(r.personId)) continue;
    const record = { ...r, receivedAt: NOW.toISOString(), flag: safetyFlagFor(r.at, EVENT, NOW) };
    all.push(record);
    added.push(record);
  }
  const latest = new Map<string, SafetyRecord>();
  for (const personId of known) {
    let best: SafetyRecord | null = null;
    for (const r of all) if (r.personId === personId && r.flag === null && (!best || isNewerSafetyRecord(r, best))) best = r;
    if (best) latest.set(personId, best);
  }
  return { added, duplicates, latest };
}

export function benchSafetyMerge(runs: number, report: Report): void {
  const { texts, stored, known } = safetyQrTexts();
  const ms: number[] = [];
  const decodeMs: number[] = [];
  let ours!: { incoming: SafetyRecord[]; merged: ReturnType<typeof mergeSafetyRecords>; latest: Map<string, SafetyRecord> };
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const incoming = texts.flatMap((t) => {
      const read = decodeSafetyQr(t, EVENT);
      if (!read.ok) throw new Error(read.message);
      return read.records;
    });
    const t1 = performance.now();
    const merged = mergeSafetyRecords(stored, incoming, { event: EVENT, knownPersonIds: known, now: NOW });
    const latest = latestByPerson([...stored, ...merged.added, ...merged.flagged]);
    ms.push(performance.now() - t0);
    decodeMs.push(t1 - t0);
    ours = { incoming, merged, latest };
  }
  const t0 = performance.now();
  const naive = naiveMerge(stored, ours.incoming, known);
  const baseline = performance.now() - t0;
  const ourAdded = [...ours.merged.added, ...ours.merged.flagged].map((r) => r.id).sort();
  const identical =
    ourAdded.join() === naive.added.map((r) => r.id).sort().join() &&
    ours.merged.duplicates === naive.duplicates &&
    ours.latest.size === naive.latest.size &&
    [...naive.latest].every(([id, r]) => ours.latest.get(id)?.id === r.id);
  const oursMs = median(ms);
  report('safety_merge', oursMs, baseline,
    identical,
    `${ours.incoming.length.toLocaleString()} QR-borne records in ${texts.length} QR texts (${DEVICES} devices, 600 bytes each, a quarter read twice) into ${stored.length.toLocaleString()} stored; ` +
      `ours = decode (${median(decodeMs).toFixed(0)} ms, CRC-32 checked) + merge + latest per person, median of ${runs}; added=${ours.merged.added.length} duplicates=${ours.merged.duplicates} ` +
      `unknown people=${ours.merged.unknownPeople.length} changed=${ours.merged.changedPeople.length}; naive = id scan + per-person scan on the decoded records, one run; under 1 s: ${oursMs < 1000 ? 'yes' : 'NO'}`);
  if (!identical) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const report: Report = (name, ours, baseline, identical, note) =>
    console.log(`BENCH ${name} ours_ms=${ours.toFixed(1)} baseline_ms=${baseline.toFixed(1)} ratio=${(baseline / ours).toFixed(1)} identical=${identical ? 'yes' : 'no'}\n  ${note}`);
  benchSafetyMerge(3, report);
}
