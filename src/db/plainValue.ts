/**
 * Plain (JSON-shaped) values as the store keeps them: copying one before it is written. The guards
 * that read a value the store cannot vouch for live in core/jsonShape.ts (re-exported here).
 */
export { isRecord, isStringArray } from '../core/jsonShape';

/**
 * A deep, plain copy through JSON: drops Svelte state proxies, `undefined` fields and functions
 * (plans and drills are JSON-shaped, so the copy has the type of the original).
 */
export function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
