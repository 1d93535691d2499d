/**
 * The capacity of a 福祉避難所, in persons. A shelter's own `capacity` is a number, or null when
 * unknown (国土地理院 data has none). For unknown ones the planner assumes `assumedWelfareCapacity`
 * persons each: the same name in the settings, the allocation, the CLI (`--capacity-default`), the
 * 地区カルテ and the print. Pure.
 */

/** `assumedWelfareCapacity` unless the user chose another: persons per 福祉避難所 of unknown capacity. */
export const DEFAULT_ASSUMED_WELFARE_CAPACITY = 10;

/**
 * The one accepted range of `assumedWelfareCapacity` (whole persons, inclusive), for the scenario
 * input, the saved settings and the CLI option. 0 = count unknown ones as taking nobody.
 */
export const ASSUMED_WELFARE_CAPACITY_RANGE = { min: 0, max: 500 } as const;

/** Whether `v` is an acceptable `assumedWelfareCapacity` (a whole number within the range). */
export function isAssumedWelfareCapacity(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= ASSUMED_WELFARE_CAPACITY_RANGE.min && v <= ASSUMED_WELFARE_CAPACITY_RANGE.max;
}

/** Persons a 福祉避難所 can take: its own capacity, or `assumedWelfareCapacity` when unknown. */
export function capacityOrAssumed(shelter: { capacity: number | null }, assumedWelfareCapacity: number): number {
  return shelter.capacity ?? assumedWelfareCapacity;
}
