import { cleanName } from '../core/personName';
import { DEVICE_ID_META_KEY } from './device';
import { HAZARD_TILES_META_KEY } from './hazardReadings';
import type { HinanDatabase } from './schema';

/**
 * 作業者名: who works on this device. Asked once, shown in the header, written on every
 * 提供記録 entry. It belongs to the device, not to the group's data: a backup neither carries nor
 * restores it, and a merge never overwrites it.
 */
const OPERATOR_META_KEY = 'operator';

/**
 * Meta keys that describe this device rather than the group's data (kept out of backups, restores
 * and merges): the 作業者名, the device's short id (db/device.ts, the recorder of its 安否 records)
 * and this device's answer about the ハザードマップポータル (db/hazardReadings.ts): a refusal made
 * here is never undone by restoring another member's backup, and a device that never answered is
 * asked before its first request.
 */
export const DEVICE_LOCAL_META_KEYS: readonly string[] = [OPERATOR_META_KEY, DEVICE_ID_META_KEY, HAZARD_TILES_META_KEY];

/** Longest 作業者名 accepted (characters). */
export const OPERATOR_MAX_LENGTH = 50;

/** The 作業者名 of this device, or '' when none was given yet. */
export async function getOperator(db: HinanDatabase): Promise<string> {
  const entry = await db.meta.get(OPERATOR_META_KEY);
  return typeof entry?.value === 'string' ? entry.value : '';
}

/** Sets the 作業者名 (core/personName.ts `cleanName`). Throws a Japanese message when nothing visible is left or it is too long. */
export async function setOperator(db: HinanDatabase, name: string): Promise<string> {
  const trimmed = cleanName(name);
  if (!trimmed) throw new Error('作業者名を入力してください（例: 山田 花子）。');
  if ([...trimmed].length > OPERATOR_MAX_LENGTH) throw new Error(`作業者名は${OPERATOR_MAX_LENGTH}文字以内で入力してください。`);
  await db.meta.put({ key: OPERATOR_META_KEY, value: trimmed });
  return trimmed;
}
