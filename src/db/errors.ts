import type { FieldError } from '../core/validation';

/** Thrown when a record fails validation; nothing has been written. */
export class ValidationFailed extends Error {
  constructor(
    readonly recordLabel: string,
    readonly errors: FieldError[],
  ) {
    super(`${recordLabel}を保存できません: ${errors.map((e) => e.message).join(' ')}`);
    this.name = 'ValidationFailed';
  }
}
