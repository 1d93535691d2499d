/**
 * What `hinan` says on the terminal: `--help` for every command, a warning when the nearest
 * destination is beyond walking distance (shelters of another city), and no message line long
 * enough to flood the terminal (a 5 MB header).
 */
import { describe, expect, it } from 'vitest';
import { CLI_TESTS, gsiGeojson, offset, run, tempDir } from './helpers';

const PEOPLE_HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
function person(id: string, at: [number, number]): string {
  return `${id},遠方　${id},テスト,S15.1.1,女,福島県会津若松市栄町1-1,0242-00-0000,要介護3,車いす,一人暮らし,,同意,栄町,${at[1]},${at[0]}`;
}

describe.concurrent('hinan --help', CLI_TESTS, () => {
  for (const command of ['people', 'shelters', 'supporters']) {
    it(`${command} --help and -h print its usage to stdout and exit 0`, async () => {
      for (const flag of ['--help', '-h']) {
        const r = await run([command, flag]);
        expect(r.code, `${command} ${flag}`).toBe(0);
        expect(r.stderr).toEqual([]);
        expect(r.stdout.join('\n')).toContain(`hinan ${command} ファイル`);
      }
    });
  }

  it('people --help names the consent rule', async () => {
    expect((await run(['people', '--help'])).stdout.join('\n')).toContain('同意が「同意」でない人（不同意・未確認）は出力せず');
  });
});

describe.concurrent('hinan: a destination beyond walking distance is warned about', CLI_TESTS, () => {
  // Shelters 358 km south of the people (another city's file): the nearest is still 358 km away.
  const far = offset(0, -358_000);
  const dir = tempDir({
    'people.csv': [PEOPLE_HEADER, person('N1', offset(0, 0)), person('F1', offset(100, 0)), person('F2', offset(200, 0))].join('\n'),
    'far.geojson': gsiGeojson([
      { role: 'site', location: far, hazards: ['flood'] },
      { role: 'welfare', location: offset(50, -358_000), accepts: '高齢者、障がい者' },
    ]),
    'mixed.geojson': gsiGeojson([
      { role: 'site', location: offset(0, 300), hazards: ['flood'] },
      { role: 'site', location: far, hazards: ['earthquake'] },
    ]),
  });

  it('nearest: the count and an example ID, in Japanese, on stderr; the CSV is still written', async () => {
    const r = await run(['nearest', '--people', 'people.csv', '--shelters', 'far.geojson'], dir);
    expect(r.code).toBe(0);
    expect(r.rows).toHaveLength(3);
    expect(Number(r.rows[0].distance_m)).toBeGreaterThan(350_000);
    const warning = r.stderr.find((l) => l.includes('20 km'));
    expect(warning, r.stderr.join('\n')).toBeDefined();
    expect(warning).toContain('3人');
    expect(warning).toMatch(/例: (N1|F1|F2)/);
    expect(warning).toContain('別の市町村');
  });

  it('nearest: only those beyond 20 km are counted; nobody beyond, no warning', async () => {
    const some = await run(['nearest', '--people', 'people.csv', '--shelters', 'mixed.geojson', '--hazard', 'earthquake'], dir);
    expect(some.stderr.find((l) => l.includes('20 km'))).toContain('3人');
    const near = await run(['nearest', '--people', 'people.csv', '--shelters', 'mixed.geojson', '--hazard', 'flood'], dir);
    expect(near.code).toBe(0);
    expect(near.stderr.some((l) => l.includes('20 km'))).toBe(false);
  });

  it('allocate-welfare: a 福祉避難所 assigned beyond 20 km is warned about too', async () => {
    const r = await run(['allocate-welfare', '--people', 'people.csv', '--shelters', 'far.geojson', '--date', '2025-04-01'], dir);
    expect(r.code).toBe(0);
    expect(r.rows.length).toBeGreaterThan(0);
    const warning = r.stderr.find((l) => l.includes('20 km'));
    expect(warning, r.stderr.join('\n')).toContain(`${r.rows.length}人`);
  });
});

describe.concurrent('hinan: message lines are capped at a readable length', CLI_TESTS, () => {
  const MAX_LINE = 500;
  // A 5 MB header: one enormous column name, and a 名簿 header followed by an enormous extra column.
  const huge = '列'.repeat(5_000_000);
  // A command-line word as long as Linux lets one be (128 KiB; 列 is 3 bytes in UTF-8): a file name, a command.
  const hugeWord = '列'.repeat(40_000);
  const dir = tempDir({
    'huge1.csv': `ID,${huge}\n1,2\n`,
    'huge2.csv': `${PEOPLE_HEADER},${huge}\n${person('N1', offset(0, 0))},x\n`,
    'shelters.geojson': gsiGeojson([{ role: 'site', location: offset(0, 300) }]),
  });

  const calls: string[][] = [
    ['people', 'huge1.csv'],
    ['supporters', 'huge1.csv'],
    ['shelters', 'huge1.csv'],
    ['people', 'huge2.csv'],
    ['nearest', '--people', 'huge1.csv', '--shelters', 'shelters.geojson'],
    ['nearest', '--people', 'huge2.csv', '--shelters', 'shelters.geojson'],
    ['nearest', '--people', hugeWord, '--shelters', 'shelters.geojson'],
    [hugeWord],
  ];
  for (const args of calls) {
    it(`${args.map((a) => (a.length > 40 ? `<${a.length}文字>` : a)).join(' ')}: every stderr line ≤ ${MAX_LINE} characters`, async () => {
      const r = await run(args, dir);
      const lines = r.stderr.flatMap((s) => s.split('\n'));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(MAX_LINE);
      expect(r.stderr.join('\n').length).toBeLessThan(20_000);
    });
  }
});
