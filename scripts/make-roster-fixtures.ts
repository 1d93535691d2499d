/**
 * Writes the seeded, made-up 会津若松 名簿 and supporter fixtures used by tests/unit/cli:
 *   npx tsx scripts/make-roster-fixtures.ts
 * Homes cluster around the city's GSI shelters (tests/fixtures/shelters), so distances are realistic.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readShelterFiles } from '../src/io/shelterFile';
import { rosterCsv, supportersCsv, type RosterArea } from '../tests/bench/syntheticRoster';

const dir = new URL('../tests/fixtures/', import.meta.url);
const names = ['gsi_emergency_sites_072028_aizuwakamatsu.geojson', 'gsi_shelters_072028_aizuwakamatsu.geojson'];
const shelters = readShelterFiles(names.map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`shelters/${name}`, dir))) }))).records;
const area: RosterArea = { centres: shelters.filter((_, i) => i % 6 === 0).map((s) => s.location), radiusM: 900, city: '福島県会津若松市' };
const bom = '\uFEFF';
writeFileSync(new URL('roster_aizuwakamatsu_2000.csv', dir), bom + rosterCsv(72028, 2000, area));
writeFileSync(new URL('supporters_aizuwakamatsu_700.csv', dir), bom + supportersCsv(72029, 700, area));
console.log(`centres: ${area.centres.length}`);
