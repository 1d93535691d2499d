import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { runHinan } from '../../../src/cli/hinan';
import { fixturePath } from './helpers';

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runHinan(args, { stdout: (s) => out.push(s), stderr: (s) => err.push(s), cwd: fixturePath('.') });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('hinan CLI', () => {
  it('shelters: merges a city’s site and shelter files into one FeatureCollection with the documented properties', () => {
    const r = run(['shelters', 'shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson']);
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

  it('shelters: says on stderr how many records became how many places and lists every join (青森, real files)', () => {
    const r = run(['shelters', 'shelters/gsi_emergency_sites_022012_aomori.geojson', 'shelters/gsi_shelters_022012_aomori.geojson']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('合計 489件の記録 → 337か所');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('まとめた: '))).toHaveLength(152);
    expect(r.stderr).toContain('別の場所のまま: E0220100279202「吉野田児童館」（指定緊急避難場所）は E0220100279111「吉野田農村センター」');
    const ids = (JSON.parse(r.stdout) as FeatureCollection).features.map((f) => f.properties!.id);
    expect(ids).toEqual(expect.arrayContaining(['E0220100279202', 'E0220100287202', 'E0220100116201']));
  });

  it('shelters: 七尾 gives 112 features with 七尾中学校 capacity 1371', () => {
    const r = run(['shelters', 'shelters/standard_dataset_emergency_sites_172022_nanao.csv']);
    const props = (JSON.parse(r.stdout) as FeatureCollection).features.map((f) => f.properties!);
    expect(props).toHaveLength(112);
    expect(props.find((p) => p.name === '七尾中学校')?.capacity).toBe(1371);
  });

  it('exits 1 and names file, row and reason on stderr for bad input, printing nothing to stdout', () => {
    const r = run(['shelters', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson', 'bad/shelters_standard_swapped.csv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('shelters_standard_swapped.csv 2行目');
    expect(r.stderr).toContain('入れ替わっている');
  });

  it('people / supporters: print features with geometry and source rows', () => {
    const people = run(['people', 'people_template.csv']);
    expect(people.code).toBe(0);
    const fc = JSON.parse(people.stdout) as FeatureCollection;
    // Rows 3 (不同意) and 4 (未確認) have no consent: withheld, and counted on stderr.
    expect(fc.features.map((f) => f.properties!.source.row)).toEqual([1, 2]);
    expect(people.stderr).toContain('同意のない2人');
    const sup = run(['supporters', 'supporters_template.csv']);
    expect((JSON.parse(sup.stdout) as FeatureCollection).features.map((f) => f.properties!.role)).toEqual(['minsei', 'neighbor', 'shobodan']);
  });

  it('reports a missing file and usage errors', () => {
    expect(run(['shelters', 'nope.csv'])).toMatchObject({ code: 1, stderr: expect.stringContaining('ファイルが見つかりません') });
    expect(run(['people'])).toMatchObject({ code: 2 });
    expect(run(['frobnicate', 'x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('不明なコマンド') });
  });

  it('runs as `npm run --silent hinan -- shelters FILE` with pure JSON on stdout', () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const r = spawnSync('npm', ['run', '--silent', 'hinan', '--', 'shelters', 'tests/fixtures/shelters/gsi_csv_layout_shelters_072028_aizuwakamatsu.csv'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as FeatureCollection).features).toHaveLength(102);
    const bad = spawnSync('npm', ['run', '--silent', 'hinan', '--', 'people', 'tests/fixtures/bad/people_wareki_heisei32.csv'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('people_wareki_heisei32.csv 2行目');
  }, 30_000);
});
