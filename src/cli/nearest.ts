/**
 * `hinan nearest`: each consenting person's nearest suitable shelter, as CSV
 * `person_id,shelter_id,shelter_name,kind,distance_m,route_m,walk_min,walk_note`.
 */
import { distanceMetres } from '../core/geo';
import { HAZARD_SHORT_LABELS, HAZARD_TYPES, type HazardType } from '../core/hazard';
import { personPoint } from '../core/nearestShelter';
import type { Person } from '../core/person';
import { nearestByRoad } from '../core/roadDistance';
import { NodeSnapper, type RoadGraph } from '../core/roadGraph';
import { SHELTER_KINDS, SHELTER_KIND_LABELS, destinationLabel, type Shelter, type ShelterKind } from '../core/shelter';
import { ShelterIndex, type ShelterFilter } from '../core/shelterIndex';
import { NOT_WALKABLE_LABEL, walkEstimate, type WalkingSettings, DEFAULT_WALKING_SETTINGS } from '../core/walkingTime';
import { acceptGroupsOf, acceptsMask, groupMask, shelterAcceptMask } from '../core/welfareEligibility';
import type { Command } from './cliIo';
import { closeShelters, consentingPeople, csvLine, farDestinationWarning, loadPeople, loadRoads, loadShelters, metres, writeLines, type CliIo } from './inputs';
import { choiceOption, dateOption, listOption, numberOption, parseOptions, requiredText, textOption } from './options';

export const NEAREST_HEADER = 'person_id,shelter_id,shelter_name,kind,distance_m,route_m,walk_min,walk_note';

export const NEAREST_USAGE = `hinan nearest --people 名簿.csv --shelters 避難所ファイル... [オプション]
  同意のある人ごとに、いちばん近い避難所を CSV で標準出力に出します:
  ${NEAREST_HEADER}
  --hazard 種別     この災害種別に指定された避難所だけ（${HAZARD_TYPES.join(' / ')}、または 洪水 などの日本語）。
                    省略時は災害種別を問わず、その種別の開設している避難所すべてから選びます。
  --kind 種別       ${SHELTER_KINDS.join(' / ')}（省略時 emergency_site＝指定緊急避難場所）。
                    welfare_shelter では、その人を受け入れる福祉避難所（受入対象者）だけから選びます。
  --roads 道路.geojson  道路網（LineString）があれば道のりで最寄りを選び、route_m に道のり（m）を出します。
                    道路から --snap-m（既定300 m）以上離れた人・避難所は道のりを出さず直線で選びます。
  --winter          積雪期：歩く速さに冬季係数（${DEFAULT_WALKING_SETTINGS.winterFactor}）を掛けます。
  --closed ID,...   開設しない避難所のID（計算から除きます）。
  --date YYYY-MM-DD 年齢を数える日（福祉避難所の受入対象者の判定。省略時は今日）。
  distance_m は直線距離、walk_min は道のり（なければ直線距離）÷ 移動の速さ（独歩1.0・杖/歩行器0.5・
  車いす0.6 m/s）を切り上げた分。寝たきりの人と、車いすで2 km（積雪期1.4 km）より遠い人は walk_min を
                    空欄にし、walk_note に「${NOT_WALKABLE_LABEL}」と理由を出します。
                    位置のない人・候補のない人は避難所の列を空欄にします。
  同意が「同意」でない人（不同意・未確認）は出力せず、人数を標準エラーに出します。`;

const SPECS = {
  people: { type: 'value', required: true },
  shelters: { type: 'list', required: true },
  hazard: { type: 'value' },
  kind: { type: 'value' },
  roads: { type: 'value' },
  winter: { type: 'flag' },
  closed: { type: 'list' },
  date: { type: 'value' },
  'snap-m': { type: 'value' },
} as const;

/** One output row before formatting. `shelter` is the position in `shelters`, -1 when none. */
export interface NearestRow {
  person: Person;
  shelter: number;
  distanceM: number;
  routeM: number | null;
}

export interface NearestOptions {
  kind: ShelterKind;
  hazard?: HazardType;
  roads?: RoadGraph | null;
  onDate: string;
  snapM?: number;
}

/**
 * For each person: the nearest open shelter of `kind` designated for `hazard` (any hazard when
 * absent; for 福祉避難所 only those accepting the person). Straight-line via the kd-tree index; with
 * roads, the nearest by road (one multi-source Dijkstra per distinct acceptance set), falling
 * back to straight-line for people the roads do not reach.
 */
export function nearestRows(people: readonly Person[], shelters: readonly Shelter[], options: NearestOptions): NearestRow[] {
  const index = new ShelterIndex(shelters);
  const filter: ShelterFilter = { kind: options.kind, hazard: options.hazard };
  const subset = index.subset(filter);
  const welfare = options.kind === 'welfare_shelter';
  // Per person, the acceptance array over subset members (null = every member qualifies).
  const acceptByMask = new Map<number, Uint8Array>();
  const shelterMasks = Array.from(subset.members, (s) => shelterAcceptMask(shelters[s]));
  const acceptOf = (p: Person): Uint8Array | null => {
    if (!welfare) return null;
    const mask = groupMask(acceptGroupsOf(p, options.onDate));
    let a = acceptByMask.get(mask);
    if (!a) acceptByMask.set(mask, (a = Uint8Array.from(shelterMasks, (m) => (acceptsMask(m, mask) ? 1 : 0))));
    return a;
  };
  const rows: NearestRow[] = people.map((person) => {
    const point = personPoint(person);
    const hit = point ? index.nearest(point, filter, acceptOf(person)) : null;
    return { person, shelter: hit ? hit.shelter : -1, distanceM: hit ? hit.distanceM : NaN, routeM: null };
  });
  if (!options.roads) return rows;

  const graph = options.roads;
  const snapper = new NodeSnapper(graph);
  const groups = new Map<Uint8Array | null, number[]>();
  rows.forEach((r, i) => {
    if (r.shelter < 0) return; // not placed, or nothing qualifies at all
    const a = acceptOf(r.person);
    const list = groups.get(a);
    if (list) list.push(i);
    else groups.set(a, [i]);
  });
  for (const [accept, members] of groups) {
    const targets: number[] = []; // positions in `shelters`
    subset.members.forEach((s, k) => {
      if (!accept || accept[k]) targets.push(s);
    });
    const targetCoords = Float64Array.from(targets.flatMap((s) => shelters[s].location));
    const points = Float64Array.from(members.flatMap((i) => personPoint(rows[i].person)!));
    const road = nearestByRoad(graph, targetCoords, points, { snapper, maxSnapM: options.snapM ?? 300 });
    members.forEach((i, k) => {
      const point = personPoint(rows[i].person);
      if (road.target[k] < 0 || !point) return;
      const s = targets[road.target[k]];
      rows[i] = { person: rows[i].person, shelter: s, distanceM: distanceMetres(point, shelters[s].location), routeM: road.routeM[k] };
    });
  }
  return rows;
}

/**
 * Formats rows as CSV lines (header first). shelter_name is the destination as people read it:
 * the name with the site role's floor for `hazard` (「第一中学校（洪水時は２階以上）」, see destinationLabel).
 */
export function nearestCsv(rows: readonly NearestRow[], shelters: readonly Shelter[], kind: ShelterKind, hazard: HazardType | undefined, winter: boolean, settings: WalkingSettings = DEFAULT_WALKING_SETTINGS): string[] {
  const lines = [NEAREST_HEADER];
  for (const r of rows) {
    if (r.shelter < 0) {
      lines.push(csvLine([r.person.id, null, null, null, null, null, null, null]));
      continue;
    }
    const s = shelters[r.shelter];
    const walkM = r.routeM ?? r.distanceM;
    const walk = walkEstimate(walkM, r.person.mobility, winter, settings);
    const [minutes, note] = walk.kind === 'walk' ? [walk.minutes, null] : [null, `${NOT_WALKABLE_LABEL}: ${walk.reason}`];
    lines.push(csvLine([r.person.id, s.id, destinationLabel(s, hazard), kind, metres(r.distanceM), r.routeM === null ? null : metres(r.routeM), minutes, note]));
  }
  return lines;
}

/** Runs `hinan nearest` with the words after the command name; returns the exit code (InputError/UsageError are thrown). */
export function runNearest(args: readonly string[], io: CliIo): number {
  const o = parseOptions(args, SPECS);
  const kind = choiceOption(o, 'kind', SHELTER_KINDS, SHELTER_KIND_LABELS, 'emergency_site');
  const hazard = choiceOption(o, 'hazard', HAZARD_TYPES, HAZARD_SHORT_LABELS);
  const onDate = dateOption(o, 'date');
  const snapM = numberOption(o, 'snap-m', 300, { min: 0 });
  const winter = o.winter === true;
  let shelters = loadShelters(listOption(o, 'shelters'), io);
  const closed = listOption(o, 'closed');
  if (closed.length) shelters = closeShelters(shelters, closed);
  const everyone = loadPeople(requiredText(o, 'people'), io);
  const roadsFile = textOption(o, 'roads');
  const roads = roadsFile ? loadRoads(roadsFile, io) : null;
  const people = consentingPeople(everyone, io);
  const rows = nearestRows(people, shelters, { kind, hazard, roads, onDate, snapM });
  writeLines(io, nearestCsv(rows, shelters, kind, hazard, winter));

  const unplaced = rows.filter((r) => !personPoint(r.person)).length;
  const none = rows.filter((r) => r.shelter < 0).length - unplaced;
  const what = `${hazard ? `${HAZARD_SHORT_LABELS[hazard]}に指定された` : ''}${SHELTER_KIND_LABELS[kind]}${kind === 'welfare_shelter' ? '（受け入れるもの）' : ''}`;
  io.stderr(`${rows.length}人を出力（${what}、${roads ? '道路網あり' : '直線距離'}${winter ? '、積雪期' : ''}）。`);
  if (unplaced) io.stderr(`位置（緯度・経度）のない${unplaced}人は避難所の列を空欄にしました。`);
  if (none) io.stderr(`候補の避難所がない${none}人は避難所の列を空欄にしました。`);
  const far = farDestinationWarning(rows.filter((r) => r.shelter >= 0).map((r) => ({ personId: r.person.id, distanceM: r.routeM ?? r.distanceM })), `最寄りの${SHELTER_KIND_LABELS[kind]}`);
  if (far) io.stderr(far);
  if (roads) {
    const offRoad = rows.filter((r) => r.shelter >= 0 && r.routeM === null).length;
    if (offRoad) io.stderr(`道路網で避難所に届かない${offRoad}人は直線距離で選び、route_m を空欄にしました。`);
  }
  return 0;
}

/** `hinan nearest`. */
export const NEAREST_COMMAND: Command = { usage: NEAREST_USAGE, run: runNearest };
