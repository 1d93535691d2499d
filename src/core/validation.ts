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

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
