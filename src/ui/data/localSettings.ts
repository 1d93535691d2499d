/**
 * The app's settings kept in this browser's localStorage (keys starting with `hinan.`: the scenario,
 * online tiles…), carried in a backup as its `settings` and put back by a restore.
 */

const PREFIX = 'hinan.';

/** Every `hinan.` entry of localStorage. */
export function appSettings(): Record<string, string> {
  const settings: Record<string, string> = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key?.startsWith(PREFIX)) settings[key] = localStorage.getItem(key) ?? '';
  }
  return settings;
}

/** Replaces the `hinan.` entries of localStorage with `settings` (other keys of a backup are ignored). */
export function replaceAppSettings(settings: Record<string, string>): void {
  for (const key of Object.keys(appSettings())) localStorage.removeItem(key);
  for (const [key, value] of Object.entries(settings)) if (key.startsWith(PREFIX) && typeof value === 'string') localStorage.setItem(key, value);
}
