/**
 * Reading values whose shape nothing vouches for yet — parsed JSON from a file, a `meta` value of
 * the store, a row of a backup — with type guards that check what they claim, so readers narrow
 * `unknown` step by step instead of asserting a type. The one home of these guards (a string from a
 * fixed list: `isOneOf` in validation.ts).
 */

/** An object whose fields may be read: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value[key]` when `value` is an object, else undefined (a path into JSON that may not be there). */
export function fieldOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** A string array (every element a string). */
export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
