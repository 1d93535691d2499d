import { DEVICE_ID_LENGTH, isDeviceShortId, randomCode } from '../core/emergency';
import type { HinanDatabase } from './schema';

/**
 * This device's short id: 4 letters (core/emergency.ts `EVENT_CODE_ALPHABET`), random, made once
 * and then stable. Every 安否 record made here carries it as its `recorder`, so records read from
 * another device's QR or file say who recorded them. Like the 作業者名 it belongs to the device:
 * a backup neither carries nor restores it, a merge never overwrites it (db/operator.ts
 * `DEVICE_LOCAL_META_KEYS`).
 */
export const DEVICE_ID_META_KEY = 'deviceShortId';

/** This device's short id if it has one yet (read-only: usable in a live query), else null. */
export async function storedDeviceShortId(db: HinanDatabase): Promise<string | null> {
  const stored = await db.meta.get(DEVICE_ID_META_KEY);
  return isDeviceShortId(stored?.value) ? stored.value : null;
}

/** This device's short id, made on the first call (the first 安否 record or QR code: never merely by opening the app). */
export async function deviceShortId(db: HinanDatabase): Promise<string> {
  const stored = await db.meta.get(DEVICE_ID_META_KEY);
  if (isDeviceShortId(stored?.value)) return stored.value;
  return db.transaction('rw', db.meta, async () => {
    const again = await db.meta.get(DEVICE_ID_META_KEY); // another tab may have made it meanwhile
    if (isDeviceShortId(again?.value)) return again.value;
    const id = randomCode(DEVICE_ID_LENGTH);
    await db.meta.put({ key: DEVICE_ID_META_KEY, value: id });
    return id;
  });
}
