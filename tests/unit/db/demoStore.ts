import { readFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { loadDemoIfFirstStart } from '../../../src/db/demo';
import { HinanDatabase } from '../../../src/db/schema';
import { buildDemoBundle, type DemoBundle } from '../../../src/io/demoData';

/** The committed demo files, read from disk as the app bundles them. */
export function readDemoBundle(): DemoBundle {
  const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
  const text = (p: string) => ({ name: p.split('/').pop()!, text: readFileSync(p, 'utf8') });
  return buildDemoBundle({
    districts: json('data/demo/districts.json'),
    people: json('data/demo/people.json'),
    supporters: json('data/demo/supporters.json'),
    sites: text('data/shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson'),
    shelters: text('data/shelters/gsi_shelters_072028_aizuwakamatsu.geojson'),
  });
}

let counter = 0;
/** A database name no other test uses. */
export function freshName(): string {
  return `test-${process.pid}-${++counter}`;
}

const opened: HinanDatabase[] = [];

/** A fresh database (fake-indexeddb) for one test; closed and deleted after the test. */
export function openTestDb(name = freshName()): HinanDatabase {
  const db = new HinanDatabase(name);
  opened.push(db);
  return db;
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

let demoBundle: DemoBundle | undefined;
/** A fresh database holding the demo district (loaded as on first start); closed and deleted after the test. */
export async function openDemoDb(): Promise<HinanDatabase> {
  const db = openTestDb();
  demoBundle ??= readDemoBundle();
  const bundle = demoBundle;
  await loadDemoIfFirstStart(db, async () => bundle);
  return db;
}
