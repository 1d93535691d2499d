/** A problem with one field of a record, with a message in Japanese for the user. */
export interface FieldError {
  /** Code name of the field, e.g. `birthDate` or `location.lat`. */
  field: string;
  /** Japanese message: what is wrong and what was expected. */
  message: string;
}

/** Collects field errors; `check` adds one when the condition is false. */
export class ErrorList {
  readonly errors: FieldError[] = [];
  check(ok: boolean, field: string, message: string): void {
    if (!ok) this.errors.push({ field, message });
  }
  requireText(value: unknown, field: string, label: string, maxLength = 200): void {
    if (typeof value !== 'string' || value.trim() === '') {
      this.errors.push({ field, message: `${label}を入力してください。` });
    } else if (value.length > maxLength) {
      this.errors.push({ field, message: `${label}は${maxLength}文字以内で入力してください（${value.length}文字）。` });
    }
  }
  optionalText(value: unknown, field: string, label: string, maxLength = 1000): void {
    if (value === undefined || value === null || value === '') return;
    if (typeof value !== 'string') this.errors.push({ field, message: `${label}は文字列で入力してください。` });
    else if (value.length > maxLength) {
      this.errors.push({ field, message: `${label}は${maxLength}文字以内で入力してください（${value.length}文字）。` });
    }
  }
  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, label: string, labels?: Record<T, string>): void {
    if (!allowed.includes(value as T)) {
      const shown = labels ? allowed.map((a) => labels[a]) : allowed;
      this.errors.push({ field, message: `${label}は「${shown.join('」「')}」のいずれかを選んでください。` });
    }
  }
  everyOneOf<T extends string>(values: unknown, allowed: readonly T[], field: string, label: string, labels?: Record<T, string>): void {
    if (!Array.isArray(values)) {
      this.errors.push({ field, message: `${label}は一覧で指定してください。` });
      return;
    }
    for (const v of values) {
      if (!allowed.includes(v as T)) {
        const shown = labels ? allowed.map((a) => labels[a]) : allowed;
        this.errors.push({ field, message: `${label}に不明な値「${String(v)}」があります（「${shown.join('」「')}」のいずれか）。` });
      }
    }
  }
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
