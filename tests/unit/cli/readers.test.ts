/**
 * `hinan shelters | people | supporters` (the built command), and the command itself: run by its
 * `#!` line through a symlink as `npm link` makes one, and by `npm run --silent hinan -- …` from
 * another folder — the same file, package.json's `bin.hinan`, reading paths relative to the caller.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CLI_TESTS, FIXTURES, hinanBin, ROOT, run, withoutNpmVars } from './helpers';

/** `hinan ...args` in tests/fixtures: exit code and whole stdout / stderr. */
async function hinan(args: string[]) {
  const r = await run(args);
  return { code: r.code, stdout: r.stdout.join('\n'), stderr: r.stderr.join('\n') };
}

describe.concurrent('hinan CLI readers', CLI_TESTS, () => {
  it('shelters: merges a city’s site and shelter files into one FeatureCollection with the documented properties', async () => {
    const r = await hinan(['shelters', 'shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson']);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as FeatureCollection;
    expect(fc.type).toBe('FeatureCollection');
    const props = fc.features.map((f) => f.properties!);
    expect(props.filter((p) => p.kinds.includes('shelter') || p.kinds.includes('welfare_shelter'))).toHaveLength(102);
    expect(props.filter((p) => p.kind === 'welfare_shelter')).toHaveLength(32);
    const p = props.find((x) => x.id === 'E0720200004122')!;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'kinds', 'hazards', 'capacity', 'accepts', 'address', 'source']));
    expect(p).toMatchObject({ kind: 'welfare_shelter', capacity: null, accepts: ['elderly'], source: { file: 'gsi_shelters_072028_aizuwakamatsu.geojson', row: 1 } });
    expect(fc.features[0].geometry).toMatchObject({ type: 'Point' });
  });

  it('shelters: says on stderr how many records became how many places and lists every join (青森, real files)', async () => {
    const r = await hinan(['shelters', 'shelters/gsi_emergency_sites_022012_aomori.geojson', 'shelters/gsi_shelters_022012_aomori.geojson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('合計 489件の記録 → 337か所');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('まとめた: '))).toHaveLength(152);
    expect(r.stderr).toContain('別の場所のまま: E0220100279202「吉野田児童館」（指定緊急避難場所）は E0220100279111「吉野田農村センター」');
    const ids = (JSON.parse(r.stdout) as FeatureCollection).features.map((f) => f.properties!.id);
    expect(ids).toEqual(expect.arrayContaining(['E0220100279202', 'E0220100287202', 'E0220100116201']));
  });

  it('shelters: 七尾 gives 112 features with 七尾中学校 capacity 1371', async () => {
    const r = await hinan(['shelters', 'shelters/standard_dataset_emergency_sites_172022_nanao.csv']);
    const props = (JSON.parse(r.stdout) as FeatureCollection).features.map((f) => f.properties!);
    expect(props).toHaveLength(112);
    expect(props.find((p) => p.name === '七尾中学校')?.capacity).toBe(1371);
  });

  it('exits 1 and names file, row and reason on stderr for bad input, printing nothing to stdout', async () => {
    const r = await hinan(['shelters', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson', 'bad/shelters_standard_swapped.csv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('shelters_standard_swapped.csv 2行目');
    expect(r.stderr).toContain('入れ替わっている');
  });

  it('people / supporters: print features with geometry and source rows', async () => {
    const people = await hinan(['people', 'people_template.csv']);
    expect(people.code).toBe(0);
    const fc = JSON.parse(people.stdout) as FeatureCollection;
    // Rows 3 (不同意) and 4 (未確認) have no consent: withheld, and counted on stderr.
    expect(fc.features.map((f) => f.properties!.source.row)).toEqual([1, 2]);
    expect(people.stderr).toContain('同意のない2人');
    const sup = await hinan(['supporters', 'supporters_template.csv']);
    expect((JSON.parse(sup.stdout) as FeatureCollection).features.map((f) => f.properties!.role)).toEqual(['minsei', 'neighbor', 'shobodan']);
  });

  it('reports a missing file and usage errors', async () => {
    expect(await hinan(['shelters', 'nope.csv'])).toMatchObject({ code: 1, stderr: expect.stringContaining('ファイルが見つかりません') });
    expect(await hinan(['people'])).toMatchObject({ code: 2 });
    expect(await hinan(['frobnicate', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('不明なコマンド') });
  });

  it('--help lists every command and exits 0; no command exits 2 with the same list on stderr', async () => {
    const help = await hinan(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['shelters', 'people', 'supporters', 'nearest', 'allocate-welfare', 'match-supporters', 'diff-people', 'backup-info', 'backup-verify']) {
      expect(help.stdout).toContain(`hinan ${command}`);
    }
    const none = await hinan([]);
    expect(none).toMatchObject({ code: 2, stdout: '', stderr: help.stdout });
  });
});

describe.concurrent('the hinan command', CLI_TESTS, () => {
  it('runs by its #! line through a symlink on the PATH (as `npm link` installs it), reading paths relative to where it is called', async () => {
    const binDir = mkdtempSync(join(tmpdir(), 'hinan-bin-'));
    symlinkSync(hinanBin(), join(binDir, 'hinan'));
    const r = spawnSync('hinan', ['people', 'people_template.csv'], { cwd: FIXTURES, encoding: 'utf8', env: { ...withoutNpmVars(), PATH: `${binDir}:${process.env.PATH}` } });
    expect(r.stderr).toContain('people_template.csv');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as FeatureCollection).features).toHaveLength(2);
  });

  it('`npm run --silent hinan -- …` runs the same built file (package.json bin.hinan) with pure JSON on stdout, paths relative to the caller', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.hinan).toBe(`node ${pkg.bin.hinan}`);
    const npm = (args: string[]) => spawnSync('npm', ['run', '--silent', 'hinan', '--', ...args], { cwd: join(FIXTURES, 'shelters'), encoding: 'utf8', env: withoutNpmVars() });
    const r = npm(['shelters', 'gsi_csv_layout_shelters_072028_aizuwakamatsu.csv']);
    expect(r.stderr).toContain('gsi_csv_layout_shelters_072028_aizuwakamatsu.csv');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as FeatureCollection).features).toHaveLength(102);
    const bad = npm(['people', '../bad/people_wareki_heisei32.csv']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('people_wareki_heisei32.csv 2行目');
  });
});
