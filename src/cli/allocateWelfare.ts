/**
 * `hinan allocate-welfare`: assigns consenting people who need a 福祉避難所 to open 福祉避難所
 * within capacity and 受入対象者, exactly (core/welfareAllocation.ts). CSV
 * `person_id,shelter_id,distance_m`; summary line on stderr.
 */
import { needsWelfareShelter } from '../core/welfareEligibility';
import type { Person } from '../core/person';
import type { Shelter } from '../core/shelter';
import { allocateWelfareShelters, type AllocationSummary, type WelfareAllocation } from '../core/welfareAllocation';
import { ASSUMED_WELFARE_CAPACITY_RANGE, DEFAULT_ASSUMED_WELFARE_CAPACITY } from '../core/welfareCapacity';
import { closeShelters, consentingPeople, csvLine, farDestinationWarning, loadPeople, loadShelters, metres, writeLines, type CliIo } from './inputs';
import { dateOption, listOption, numberOption, parseOptions, requiredText } from './options';

export const ALLOCATE_HEADER = 'person_id,shelter_id,distance_m';

export const ALLOCATE_USAGE = `hinan allocate-welfare --people 名簿.csv --shelters 避難所ファイル... [オプション]
  福祉避難所が必要な人（同意のある人のうち、車いす・寝たきり、または医療的ケア（人工呼吸器・在宅酸素・
  透析など）のある人）を、受入対象者と収容人数の範囲で福祉避難所に割り当てます。まず割り当てられる人数を
  最大にし、その中で直線距離の合計を最小にします（厳密解）。
  標準出力: ${ALLOCATE_HEADER}（割り当てた人だけ）
  標準エラー: assigned=N unassigned=N total_distance_m=X max_distance_m=Y（と貪欲法との比較）
  --capacity-default N  収容人数が不明な福祉避難所（国土地理院データはすべて不明）をN人とみなします
                        （${ASSUMED_WELFARE_CAPACITY_RANGE.min}〜${ASSUMED_WELFARE_CAPACITY_RANGE.max}、既定${DEFAULT_ASSUMED_WELFARE_CAPACITY}人。みなしたときは警告を出します）。
  --closed ID,...       開設しない福祉避難所のID。
  --date YYYY-MM-DD     年齢を数える日（省略時は今日）。
  同意が「同意」でない人は対象にせず、人数を標準エラーに出します。`;

const SPECS = {
  people: { type: 'value', required: true },
  shelters: { type: 'list', required: true },
  'capacity-default': { type: 'value' },
  closed: { type: 'list' },
  date: { type: 'value' },
} as const;

/** The summary line, exactly `assigned=N unassigned=N total_distance_m=X max_distance_m=Y`. */
export function summaryLine(s: AllocationSummary): string {
  return `assigned=${s.assigned} unassigned=${s.unassigned} total_distance_m=${metres(s.totalDistanceM).toFixed(1)} max_distance_m=${metres(s.maxDistanceM).toFixed(1)}`;
}

/** Allocates and returns the result (people should already be the consenting ones who need a 福祉避難所). */
export function allocate(people: readonly Person[], shelters: readonly Shelter[], onDate: string, assumedWelfareCapacity: number): WelfareAllocation {
  return allocateWelfareShelters(people, shelters, { onDate, assumedWelfareCapacity });
}

/** Runs `hinan allocate-welfare` with the words after the command name; returns the exit code. */
export function runAllocateWelfare(args: readonly string[], io: CliIo): number {
  const o = parseOptions(args, SPECS);
  const assumedWelfareCapacity = numberOption(o, 'capacity-default', DEFAULT_ASSUMED_WELFARE_CAPACITY, { ...ASSUMED_WELFARE_CAPACITY_RANGE, integer: true });
  const onDate = dateOption(o, 'date');
  let shelters = loadShelters(listOption(o, 'shelters'), io);
  const closed = listOption(o, 'closed');
  if (closed.length) shelters = closeShelters(shelters, closed);
  const consenting = consentingPeople(loadPeople(requiredText(o, 'people'), io), io);
  const people = consenting.filter((p) => needsWelfareShelter(p));
  if (people.length < consenting.length) io.stderr(`福祉避難所の受入対象区分がなく独歩の${consenting.length - people.length}人は割り当ての対象にしていません。`);

  const result = allocate(people, shelters, onDate, assumedWelfareCapacity);
  writeLines(io, [ALLOCATE_HEADER, ...result.assignments.map((a) => csvLine([a.personId, a.shelterId, metres(a.distanceM)]))]);

  const open = shelters.filter((s) => !s.closed && s.kinds.includes('welfare_shelter')).length;
  if (result.assumedCapacityShelterIds.length) {
    io.stderr(`警告: 収容人数が不明な福祉避難所${result.assumedCapacityShelterIds.length}か所（開設${open}か所中）は${assumedWelfareCapacity}人として計算しました。実際の受入可能人数を確かめ、--capacity-default で変えてください。`);
  }
  const far = farDestinationWarning(result.assignments, '割り当てた福祉避難所');
  if (far) io.stderr(far);
  const reasons = { capacity: 0, no_eligible_shelter: 0, no_location: 0 };
  for (const l of result.leftOver) reasons[l.reason]++;
  if (result.leftOver.length) io.stderr(`割り当てられない人: 満員${reasons.capacity}人・受け入れる福祉避難所なし${reasons.no_eligible_shelter}人・位置なし${reasons.no_location}人。`);
  io.stderr(`greedy(最寄り順): ${summaryLine(result.greedy)}`);
  io.stderr(summaryLine(result.summary));
  return 0;
}
