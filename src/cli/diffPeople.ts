/**
 * `hinan diff-people OLD.csv NEW.csv`: what a 名簿 update from OLD to NEW would do, for city staff
 * who prepare the update — the same reader (io/peopleCsv.ts) and the same planner
 * (core/rosterUpdate.ts, with OLD as the store) as the app's preview. CSV
 * `person_id,change,field,old,new` (core/rosterChangeList.ts, one row per changed field) on stdout,
 * a Japanese summary on stderr. The values of people without 同意 in both files are withheld.
 */
import { japanToday } from '../core/japanDate';
import { rosterChangeRows, withheldCount, type RosterChangeRow } from '../core/rosterChangeList';
import { defaultRosterChoices, planPeopleUpdate, type PersonRosterPlan } from '../core/rosterUpdate';
import type { Person } from '../core/person';
import { guessMapping } from '../io/columnMapping';
import { PEOPLE_MAPPING, readPeopleFile } from '../io/peopleCsv';
import type { Command } from './cliIo';
import { loadPeople, readInputFile, withoutErrors, writeLines, type CliIo } from './inputs';
import { parseOptions, UsageError } from './options';

export const DIFF_HEADER = 'person_id,change,field,old,new';

export const DIFF_USAGE = `hinan diff-people 旧名簿.csv 新名簿.csv [--no-match-by-name]
  2つの名簿（アプリの名簿テンプレートのCSV）を比べ、新名簿で名簿を更新したときの変更を出します
  （アプリの「名簿の更新」のプレビューと同じ読み取りと照合）。
  標準出力: ${DIFF_HEADER}（変わった項目ごとに1行、RFC 4180 のCSV）
    change: added（新規）, archived（名簿から外れた人）, returned（名簿に戻った人）, changed（変更）,
            renumbered（IDの付け替え）, ambiguous（判定できない）, location_check（位置の確認が必要）
  標準エラー: 新規・外れた人・変更・戻った人・変更なし・氏名と生年月日で照合・判定できない の人数
  IDが旧名簿にない行は、氏名＋生年月日（同じ人が複数なら住所も）で旧名簿の人と照合します。
  --no-match-by-name   氏名＋生年月日で照合しない（IDだけで照合）。
  --guess-columns      見出しがテンプレートと違う名簿（市の福祉システムの書き出しなど）の列を、
                       アプリの「列の対応付け」の最初の推測で読む（使った対応は標準エラーに出します）。
                       推測できない列や値があれば、その行を示して終了します（アプリで対応付けてください）。
  新しい名簿で同意が「同意」でない人と名簿から外れた人は、ID・変更の種類・項目名（と同意の変更・外れた理由）だけを出し、値は出しません。`;

const SPECS = { 'no-match-by-name': { type: 'flag' }, 'guess-columns': { type: 'flag' } } as const;

/**
 * A 名簿 in another layout, read through the column mapping the app's mapper would first propose
 * (io/columnMapping.ts `guessMapping`); the mapping used is said on stderr. All-or-nothing, as every
 * CLI input: any row error (a value the guess cannot read) stops with the rows named.
 */
function loadPeopleGuessingColumns(path: string, io: CliIo): Person[] {
  const f = readInputFile(path, io);
  let r = readPeopleFile(f.bytes, f.name, { profile: true });
  if (r.needsMapping && r.profile) {
    const mapping = guessMapping(PEOPLE_MAPPING, r.profile);
    const labels = new Map(PEOPLE_MAPPING.fields.map((field) => [field.key, field.label]));
    const used = Object.entries(mapping.columns).map(([key, col]) => `${labels.get(key) ?? key}←${typeof col === 'number' ? `${col + 1}列目` : col}`);
    io.stderr(`${f.name}: 列を推測して読みます（${used.join('、')}）。`);
    r = readPeopleFile(f.bytes, f.name, { mapping });
  }
  return withoutErrors(r).records;
}

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
function rfc4180(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The stdout line of a row. */
export function diffLine(r: RosterChangeRow): string {
  return [r.id, r.change, r.field, r.old, r.new].map(rfc4180).join(',');
}

/** The Japanese summary (counts of people; 判定できない counts the new file's rows). */
export function diffSummary(plan: PersonRosterPlan): string {
  const t = plan.total;
  return `新規 ${t.added}人、外れた人 ${t.archived}人、変更 ${t.changed}人、戻った人 ${t.returned}人、変更なし ${t.unchanged}人、氏名と生年月日で照合 ${plan.matchedByName}人、判定できない ${plan.ambiguous.length}件`;
}

/** Runs `hinan diff-people` with the words after the command name; returns the exit code. */
export function runDiffPeople(args: readonly string[], io: CliIo): number {
  const paths = args.filter((a) => !a.startsWith('--'));
  const o = parseOptions(args.filter((a) => a.startsWith('--')), SPECS);
  if (paths.length !== 2) throw new UsageError('diff-people には旧名簿と新名簿の2つのファイルを指定してください。');
  const [oldPath, newPath] = paths;
  const load = o['guess-columns'] === true ? loadPeopleGuessingColumns : loadPeople;
  const stored = load(oldPath, io);
  const file = load(newPath, io);
  const now = new Date().toISOString();
  const ctx = { updateId: 'diff-people', fileName: newPath, now, today: japanToday(), districtNames: new Map<string, string>() };
  const plan = planPeopleUpdate(stored, file, { ...defaultRosterChoices(), matchByName: o['no-match-by-name'] !== true }, ctx);
  const rows = rosterChangeRows(plan);
  writeLines(io, [DIFF_HEADER, ...rows.map(diffLine)]);

  const withheld = withheldCount(rows);
  if (withheld > 0) io.stderr(`同意のない人・名簿から外れた人 ${withheld}人は、値を出力しません（ID・変更の種類・項目名と、同意の変更・外れた理由だけ）。`);
  if (plan.refusal) io.stderr(`警告: ${plan.refusal}`);
  else if (plan.archiveNeedsConfirmation) io.stderr(`警告: 旧名簿の半数を超える${plan.archived.length}人が新名簿にありません（アプリでは人数を入力して確かめてから更新します）。`);
  if (plan.ambiguous.length > 0) io.stderr(`判定できない行は、同じ氏名・生年月日の人が複数いるため照合していません（ID: ${plan.ambiguous.slice(0, 10).map((a) => a.file.id).join('、')}${plan.ambiguous.length > 10 ? ' ほか' : ''}）。新名簿のIDを確かめてください。`);
  io.stderr(diffSummary(plan));
  return 0;
}

/** `hinan diff-people`. */
export const DIFF_COMMAND: Command = { usage: DIFF_USAGE, run: runDiffPeople };
