import type { HazardReading } from './hazardReading';
import { READING_STALE_DAYS, readAtPoint } from './hazardReading';
import { TILE_HAZARDS } from './hazardTileLayers';
import { japanDateOf } from './japanDate';
import { personPoint } from './nearestShelter';
import type { Person } from './person';
import type { RosterUpdateRecord } from './rosterUpdate';

/**
 * Whether a district's hazard at home should be read from the ハザードマップポータル's tiles again
 * (「ハザードマップから自宅の危険を読み取る」 offered again), and why, in words for the screen.
 * Pure: the caller gives the district's people, the stored readings and the 名簿 updates.
 */

/** Why a read is offered again. */
export type HazardReadDueKind = 'never' | 'people' | 'roster' | 'stale';

export interface HazardReadDueReason {
  kind: HazardReadDueKind;
  /** The reason in Japanese, e.g. 「名簿の更新（2026-12-01）より前に読み取った結果です。」 */
  text: string;
}

export interface HazardReadDue {
  /** True when any reason below holds. */
  due: boolean;
  /** Every reason that holds, in this order: never read, people added or moved, 名簿 updated since, over a year old. */
  reasons: HazardReadDueReason[];
  /** Japan date of the district's oldest reading of a placed person (what 「取得」 shows), null when none. */
  readOn: string | null;
  /** Placed people of the district with no reading of some hazard, or read at another point (moved since). */
  unread: number;
}

export interface HazardReadDueInput {
  /** The district's people (unplaced ones are not read and do not count). */
  people: readonly Pick<Person, 'id' | 'location'>[];
  /** Stored readings (any subject; only the readings of these people are used). */
  readings: readonly Pick<HazardReading, 'subject' | 'subjectId' | 'hazard' | 'point' | 'readAt' | 'readOn'>[];
  /** The applied 名簿 updates (only `kind: 'people'` counts: the 支援者名簿 moves no home). */
  rosterUpdates: readonly Pick<RosterUpdateRecord, 'kind' | 'at'>[];
  /** Today's Japan date, `YYYY-MM-DD` (core/japanDate.ts `japanToday`). */
  today: string;
}

const MS_PER_DAY = 86_400_000;

/** Whole days from Japan date `from` to Japan date `to` (both `YYYY-MM-DD`). */
export function japanDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);
}

/**
 * Whether the district's people should be read again (see `HazardReadDue`):
 * - `never`: no placed person of the district has a reading;
 * - `people`: a placed person lacks a reading of some hazard the tiles answer for
 *   (`TILE_HAZARDS`), or was read at another point than their home now (added or moved since);
 * - `roster`: a 名簿 update (`kind: 'people'`) was applied after the oldest of the district's readings;
 * - `stale`: the oldest reading is `READING_STALE_DAYS` Japan days old or more (a year).
 * A district without placed people is never due (there is nothing to read).
 */
export function hazardReadDue(input: HazardReadDueInput): HazardReadDue {
  const placed = input.people.flatMap((p) => {
    const point = personPoint(p);
    return point ? [{ id: p.id, point }] : [];
  });
  const byPerson = new Map<string, HazardReadDueInput['readings'][number][]>();
  for (const r of input.readings) {
    if (r.subject !== 'person') continue;
    const list = byPerson.get(r.subjectId);
    if (list) list.push(r);
    else byPerson.set(r.subjectId, [r]);
  }
  const read = placed.flatMap((p) => byPerson.get(p.id) ?? []);
  if (placed.length === 0) return { due: false, reasons: [], readOn: null, unread: 0 };
  if (read.length === 0) return { due: true, reasons: [{ kind: 'never', text: 'この地区はまだハザードマップから読み取っていません。' }], readOn: null, unread: placed.length };

  const unread = placed.filter((p) => {
    const mine = byPerson.get(p.id) ?? [];
    return TILE_HAZARDS.some((h) => !mine.some((r) => r.hazard === h)) || mine.some((r) => !readAtPoint(r, p.point));
  }).length;
  const oldest = read.reduce((a, b) => (Date.parse(b.readAt) < Date.parse(a.readAt) ? b : a));
  const readOn = oldest.readOn;
  const reasons: HazardReadDueReason[] = [];
  if (unread > 0) reasons.push({ kind: 'people', text: `読み取っていない人、または読み取った後に自宅の位置が変わった人が${unread}人います。` });
  const lastUpdate = input.rosterUpdates.filter((u) => u.kind === 'people' && Date.parse(u.at) > Date.parse(oldest.readAt)).sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (lastUpdate) reasons.push({ kind: 'roster', text: `名簿の更新（${japanDateOf(lastUpdate.at)}）より前に読み取った結果です。` });
  const days = japanDaysBetween(readOn, input.today);
  if (days >= READING_STALE_DAYS) reasons.push({ kind: 'stale', text: `読み取ってから1年以上たっています（${readOn} 取得）。ハザードマップが更新されているかもしれません。` });
  return { due: reasons.length > 0, reasons, readOn, unread };
}
