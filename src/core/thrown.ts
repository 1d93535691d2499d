/**
 * What to say about a value that was thrown. JavaScript lets anything be thrown (an Error, a
 * string, a DOMException, an object from a worker), so `catch (e)` gives `unknown`: these read it
 * without a type assertion.
 */

/** The message to show: an Error's (or DOMException's) `message`, a string as is, else `String(e)`. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message;
  return String(e);
}

/** True for the error `fetch`, streams and our own cancellations throw when an AbortSignal fires. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'name' in e && e.name === 'AbortError';
}

/** A Node system error's `code` (e.g. `'ENOENT'`), or undefined for anything else. */
export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
