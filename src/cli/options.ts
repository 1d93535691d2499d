/**
 * Command-line options for the engine commands: `--name value`, `--name=value`, flags, and
 * list options (`--shelters A.csv B.geojson`) that take every following non-option word.
 * Problems throw UsageError (exit code 2) with a Japanese message.
 */
import { japanToday } from '../core/japanDate';
import { isIsoDate } from '../core/validation';

export class UsageError extends Error {}

export interface OptionSpec {
  /** `flag` takes no value; `list` takes one or more; `value` exactly one. */
  type: 'flag' | 'value' | 'list';
  required?: boolean;
}

export type ParsedOptions = Record<string, string | string[] | true | undefined>;

/** Parses `args` against `specs` (keys without the leading `--`). */
export function parseOptions(args: readonly string[], specs: Record<string, OptionSpec>): ParsedOptions {
  const out: ParsedOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`「${arg}」の前にオプション名（--people など）が必要です。`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const spec = specs[name];
    if (!spec) throw new UsageError(`不明なオプション「--${name}」です。`);
    if (out[name] !== undefined) throw new UsageError(`--${name} が2回指定されています。`);
    if (spec.type === 'flag') {
      if (eq >= 0) throw new UsageError(`--${name} には値を付けません。`);
      out[name] = true;
      continue;
    }
    const values: string[] = eq >= 0 ? [arg.slice(eq + 1)] : [];
    while (i + 1 < args.length && !args[i + 1].startsWith('--') && (spec.type === 'list' || values.length === 0)) values.push(args[++i]);
    if (values.length === 0 || values.some((v) => v === '')) throw new UsageError(`--${name} の値がありません。`);
    out[name] = spec.type === 'list' ? values : values[0];
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && out[name] === undefined) throw new UsageError(`--${name} を指定してください。`);
  }
  return out;
}

/** The value of a `value` option, or undefined when absent. */
export function textOption(options: ParsedOptions, name: string): string | undefined {
  const raw = options[name];
  return typeof raw === 'string' ? raw : undefined;
}

/** The value of a `value` option its spec marks `required` (parseOptions has refused its absence). */
export function requiredText(options: ParsedOptions, name: string): string {
  const text = textOption(options, name);
  if (text === undefined) throw new UsageError(`--${name} を指定してください。`);
  return text;
}

/** The values of a `list` option, or [] when absent. */
export function listOption(options: ParsedOptions, name: string): string[] {
  const raw = options[name];
  return Array.isArray(raw) ? raw : [];
}

/** Range of a number option: bounds included; `integer` refuses fractions. */
export interface NumberRange {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** A number option within `[min, max]` (`integer` when asked), or `fallback` when absent. */
export function numberOption(options: ParsedOptions, name: string, fallback: number, range?: NumberRange): number;
export function numberOption(options: ParsedOptions, name: string, fallback: number | undefined, range?: NumberRange): number | undefined;
export function numberOption(options: ParsedOptions, name: string, fallback: number | undefined, { min = -Infinity, max = Infinity, integer = false }: NumberRange = {}): number | undefined {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const text = String(raw).normalize('NFKC').trim();
  // Plain decimals only (full-width digits are folded by NFKC): Number() would also take 0x0A or 1e1.
  const n = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (text === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max) {
    const range = `${min === -Infinity ? '' : min}〜${max === Infinity ? '' : max}`;
    throw new UsageError(`--${name} 「${raw}」は${range}の${integer ? '整数' : '数値'}で指定してください。`);
  }
  return n;
}

/** One of `choices` (by code or by Japanese label), or `fallback` when absent. */
export function choiceOption<T extends string>(options: ParsedOptions, name: string, choices: readonly T[], labels: Record<string, string>, fallback: T): T;
export function choiceOption<T extends string>(options: ParsedOptions, name: string, choices: readonly T[], labels?: Record<string, string>, fallback?: T): T | undefined;
export function choiceOption<T extends string>(options: ParsedOptions, name: string, choices: readonly T[], labels: Record<string, string> = {}, fallback?: T): T | undefined {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const text = String(raw).normalize('NFKC').trim();
  const hit = choices.find((c) => c === text || labels[c] === text);
  if (!hit) throw new UsageError(`--${name} 「${raw}」は ${choices.map((c) => (labels[c] ? `${c}（${labels[c]}）` : c)).join('、')} のいずれかで指定してください。`);
  return hit;
}

/** A date option `YYYY-MM-DD`, or today's date in Japan (Asia/Tokyo) when absent. */
export function dateOption(options: ParsedOptions, name: string): string {
  const raw = options[name];
  if (raw === undefined) return japanToday();
  const text = String(raw).trim();
  if (!isIsoDate(text)) throw new UsageError(`--${name} 「${raw}」は 2025-04-01 の形の日付で指定してください。`);
  return text;
}
