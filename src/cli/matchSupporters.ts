/**
 * `hinan match-supporters`: gives each consenting person up to `target` supporters within a
 * walking radius, within every supporter's load, minimising distance (core/supporterMatching.ts).
 * CSV `person_id,supporter_id,distance_m`; summary line on stderr.
 */
import type { Person } from '../core/person';
import type { Supporter } from '../core/supporter';
import { matchSupporters, type SupporterMatching, type TimeOfDay } from '../core/supporterMatching';
import type { Command } from './cliIo';
import { consentingPeople, csvLine, loadPeople, loadSupporters, metres, writeLines, type CliIo } from './inputs';
import { choiceOption, numberOption, parseOptions, requiredText } from './options';

export const MATCH_HEADER = 'person_id,supporter_id,distance_m';

export const MATCH_USAGE = `hinan match-supporters --people 名簿.csv --supporters 支援者.csv [オプション]
  同意のある人ごとに、歩ける範囲に住む避難支援等実施者を割り当てます（1人目をできるだけ多くの人に、
  次に2人目を…。各段階で直線距離の合計を最小に）。
  標準出力: ${MATCH_HEADER}（組ごとに1行）
  標準エラー: matched=N unmatched=N two_supporters=N total_distance_m=X
    matched＝支援者が1人以上いる人、unmatched＝支援者空白（位置のない人を含む）、
    two_supporters＝支援者が2人以上いる人。
  --radius-m M    人と支援者の家の直線距離の上限（既定500 m）。
  --max-load N    1人の支援者が受け持つ人数の上限（既定なし＝各自の支援可能人数。指定時は小さいほう）。
  --target N      1人に付ける支援者の人数（既定2）。
  --time day|night  昼（既定）か夜か。対応可能時間が合う支援者だけ使います。
  同意が「同意」でない人は対象にせず、人数を標準エラーに出します。`;

const SPECS = {
  people: { type: 'value', required: true },
  supporters: { type: 'value', required: true },
  'radius-m': { type: 'value' },
  'max-load': { type: 'value' },
  target: { type: 'value' },
  time: { type: 'value' },
} as const;

export interface MatchCliOptions {
  radiusM: number;
  maxLoad?: number;
  target: number;
  timeOfDay: TimeOfDay;
}

/** Matches (people should already be the consenting ones). */
export function match(people: readonly Person[], supporters: readonly Supporter[], o: MatchCliOptions): SupporterMatching {
  return matchSupporters(people, supporters, { radiusM: o.radiusM, maxLoad: o.maxLoad, target: o.target, timeOfDay: o.timeOfDay });
}

/** The summary line `matched=N unmatched=N two_supporters=N total_distance_m=X`. */
export function matchSummaryLine(people: readonly Person[], m: SupporterMatching): string {
  const count = new Map<string, number>();
  for (const x of m.matches) count.set(x.personId, (count.get(x.personId) ?? 0) + 1);
  const two = [...count.values()].filter((c) => c >= 2).length;
  return `matched=${count.size} unmatched=${people.length - count.size} two_supporters=${two} total_distance_m=${metres(m.totalDistanceM).toFixed(1)}`;
}

/** Runs `hinan match-supporters` with the words after the command name; returns the exit code. */
export function runMatchSupporters(args: readonly string[], io: CliIo): number {
  const o = parseOptions(args, SPECS);
  const options: MatchCliOptions = {
    radiusM: numberOption(o, 'radius-m', 500, { min: 0, max: 100_000 }),
    maxLoad: numberOption(o, 'max-load', undefined, { min: 1, max: 20, integer: true }),
    target: numberOption(o, 'target', 2, { min: 1, max: 10, integer: true }),
    timeOfDay: choiceOption(o, 'time', ['day', 'night'] as const, { day: '昼', night: '夜' }, 'day'),
  };
  const everyone = loadPeople(requiredText(o, 'people'), io);
  const supporters = loadSupporters(requiredText(o, 'supporters'), io);
  const people = consentingPeople(everyone, io);
  const m = match(people, supporters, options);
  writeLines(io, [MATCH_HEADER, ...m.matches.map((x) => csvLine([x.personId, x.supporterId, metres(x.distanceM)]))]);

  const unplaced = people.filter((p) => !p.location).length;
  const unavailable = supporters.length - m.loads.length;
  if (unplaced) io.stderr(`位置のない${unplaced}人は支援者を割り当てられません（支援者空白に数えます）。`);
  if (unavailable) io.stderr(`位置がないか${options.timeOfDay === 'day' ? '昼' : '夜'}に対応できない支援者${unavailable}人は使っていません。`);
  if (m.approximatedPeople) io.stderr(`密集地の${m.approximatedPeople}人（${m.approximatedComponents}区域）は規模が大きいため近似で割り当てました（区画ごとに最適化→残りを再最適化。最適と僅かに異なる場合があります）。`);
  if (m.belowTarget.length) io.stderr(`支援者が${options.target}人に満たない人: ${m.belowTarget.length}人。`);
  io.stderr(matchSummaryLine(people, m));
  return 0;
}

/** `hinan match-supporters`. */
export const MATCH_COMMAND: Command = { usage: MATCH_USAGE, run: runMatchSupporters };
