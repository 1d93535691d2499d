/** A problem with one field of a record, with a message in Japanese for the user. */
export interface FieldError {
  /** Code name of the field, e.g. `birthDate` or `location.lat`. */
  field: string;
  /** Japanese message: what is wrong and what was expected. */
  message: string;
}

/**
 * Collects field errors; `check` adds one when the condition is false. Each method's test is one of
 * the small functions below (isFilledText, isOptionalText, isOneOf, areAllOneOf), exported so that a
 * validator run per imported row can test first and call the method only to record the error.
 */
export class ErrorList {
  readonly errors: FieldError[] = [];
  check(ok: boolean, field: string, message: string): void {
    if (!ok) this.fail(field, message);
  }
  /** Records an error. */
  fail(field: string, message: string): void {
    this.errors.push({ field, message });
  }
  /** Appends another validator's errors (no spread: runs per imported row, usually with none). */
  add(errors: readonly FieldError[]): void {
    for (let i = 0; i < errors.length; i++) this.errors.push(errors[i]);
  }
  requireText(value: unknown, field: string, label: string, maxLength = 200): void {
    if (!isFilledText(value, maxLength)) this.textProblem(value, field, label, maxLength, true);
  }
  optionalText(value: unknown, field: string, label: string, maxLength = 1000): void {
    if (!isOptionalText(value, maxLength)) this.textProblem(value, field, label, maxLength, false);
  }
  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string, labels?: Record<T, string>): void {
    if (!isOneOf(value, allowed)) this.errors.push({ field, message: `${label}は「${shownValues(allowed, labels)}」のいずれかを選んでください。` });
  }
  everyOneOf<T extends string>(values: unknown, allowed: readonly T[], field: string, label: string, labels?: Record<T, string>): void {
    if (!Array.isArray(values)) {
      this.errors.push({ field, message: `${label}は一覧で指定してください。` });
      return;
    }
    for (let i = 0; i < values.length; i++) if (!isOneOf(values[i], allowed)) this.unknownValue(values[i], allowed, field, label, labels);
  }

  /** requireText's (`required`) or optionalText's error for a value that failed its test. */
  private textProblem(value: unknown, field: string, label: string, maxLength: number, required: boolean): void {
    if (typeof value !== 'string') {
      this.errors.push({ field, message: required ? `${label}を入力してください。` : `${label}は文字列で入力してください。` });
    } else if (required && value.trim() === '') {
      this.errors.push({ field, message: `${label}を入力してください。` });
    } else if (value.length > maxLength) {
      this.errors.push({ field, message: `${label}は${maxLength}文字以内で入力してください（${value.length}文字）。` });
    }
  }
  private unknownValue<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string, labels?: Record<T, string>): void {
    this.errors.push({ field, message: `${label}に不明な値「${String(value)}」があります（「${shownValues(allowed, labels)}」のいずれか）。` });
  }
}

/** The allowed values as a message shows them (their labels when given), joined by 」「. */
function shownValues<T extends string>(allowed: readonly T[], labels?: Record<T, string>): string {
  return (labels ? allowed.map((a) => labels[a]) : allowed).join('」「');
}

/** requireText's test: a string, not blank, at most `maxLength` characters. */
export function isFilledText(value: unknown, maxLength: number): boolean {
  return typeof value === 'string' && !isBlank(value) && value.length <= maxLength;
}

/** optionalText's test: absent (undefined, null, ''), or a string of at most `maxLength` characters. */
export function isOptionalText(value: unknown, maxLength: number): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.length <= maxLength);
}

/**
 * oneOf's test: `allowed.includes(value)` for a list of strings, as a loop the compiler inlines;
 * narrows `value` to the list's union.
 */
export function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  for (let i = 0; i < allowed.length; i++) if (allowed[i] === value) return true;
  return false;
}

/** everyOneOf's test: an array whose every value is one of `allowed`. */
export function areAllOneOf(values: unknown, allowed: readonly string[]): boolean {
  if (!Array.isArray(values)) return false;
  for (let i = 0; i < values.length; i++) if (!isOneOf(values[i], allowed)) return false;
  return true;
}

/**
 * `s.trim() === ''`, without trimming when the first character is plainly not white space (printable
 * ASCII, or U+3001–U+FEFE: kana, kanji, full-width forms): runs per imported row and field.
 */
function isBlank(s: string): boolean {
  if (s.length === 0) return true;
  const c = s.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfeff)) return false;
  return s.trim() === '';
}

/** True when `s` is a real calendar date written `YYYY-MM-DD` (checked arithmetically, no slices: hot in imports). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48, m2 = s.charCodeAt(6) - 48, d1 = s.charCodeAt(8) - 48, d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const m = m1 * 10 + m2, d = d1 * 10 + d2;
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[m - 1]);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
