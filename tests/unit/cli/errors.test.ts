import { describe, expect, it } from 'vitest';
import { AIZU_ROSTER, AIZU_SHELTERS, AIZU_SUPPORTERS, CLI_TESTS, run } from './helpers';

describe.concurrent('hinan engine commands: errors and usage', CLI_TESTS, () => {
  it('usage errors exit 2 with the command’s usage text', async () => {
    const calls = [
      ['nearest', '--people', AIZU_ROSTER],
      ['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--hazard', 'meteor'],
      ['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--kind', 'hotel'],
      ['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--frobnicate'],
      ['nearest', AIZU_ROSTER],
      ['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--capacity-default', '-3'],
      ['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--date', '2025-02-30'],
      ['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS, '--radius-m', 'far'],
      ['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS, '--max-load', '1.5'],
      ['match-supporters', '--people', AIZU_ROSTER, '--supporters', AIZU_SUPPORTERS, '--time', 'noon'],
      ['match-supporters', '--people', AIZU_ROSTER],
    ];
    const runs = await Promise.all(calls.map((args) => run(args)));
    runs.forEach((r, i) => {
      expect(r.code, calls[i].join(' ')).toBe(2);
      expect(r.stdout).toEqual([]);
      expect(r.stderr.join('\n')).toContain(`hinan ${calls[i][0]} --people`);
    });
  });

  it('--help prints the usage to stdout and exits 0, naming the consent rule and the default hazard', async () => {
    const r = await run(['nearest', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout.join('\n')).toContain('同意が「同意」でない人（不同意・未確認）は出力せず');
    expect(r.stdout.join('\n')).toContain('省略時は災害種別を問わず');
  });

  it('invalid input exits 1, names file and row in Japanese, and prints no CSV', async () => {
    const bad = await run(['nearest', '--people', 'bad/people_swapped_latlng.csv', '--shelters', ...AIZU_SHELTERS]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toEqual([]);
    expect(bad.stderr.join('\n')).toMatch(/people_swapped_latlng\.csv \d+行目/);
    const sup = await run(['match-supporters', '--people', AIZU_ROSTER, '--supporters', 'bad/supporters_unknown_role.csv']);
    expect(sup.code).toBe(1);
    expect(sup.stderr.join('\n')).toMatch(/supporters_unknown_role\.csv \d+行目.*役割/);
    const shel = await run(['allocate-welfare', '--people', AIZU_ROSTER, '--shelters', 'bad/shelters_standard_swapped.csv']);
    expect(shel.code).toBe(1);
    expect(shel.stderr.join('\n')).toContain('shelters_standard_swapped.csv 2行目');
    const missing = await run(['nearest', '--people', 'nope.csv', '--shelters', ...AIZU_SHELTERS]);
    expect(missing).toMatchObject({ code: 1, stderr: ['nope.csv: ファイルが見つかりません。'] });
    const closed = await run(['nearest', '--people', AIZU_ROSTER, '--shelters', ...AIZU_SHELTERS, '--closed', 'E999']);
    expect(closed.code).toBe(1);
    expect(closed.stderr.join('\n')).toContain('E999');
  });

  it('exit codes 0 / 1 / 2 of the process, CSV on stdout and the summary on stderr', async () => {
    const ok = await run(['match-supporters', '--people', 'people_template.csv', '--supporters', 'supporters_template.csv']);
    expect(ok.code).toBe(0);
    expect(ok.stdout[0]).toBe('person_id,supporter_id,distance_m');
    expect(ok.stderr).toContainEqual(expect.stringMatching(/^matched=\d+ unmatched=\d+ two_supporters=\d+ total_distance_m=[\d.]+$/));
    expect((await run(['nearest', '--people', 'bad/people_unknown_mobility.csv', '--shelters', ...AIZU_SHELTERS])).code).toBe(1);
    expect((await run(['allocate-welfare', '--shelters', ...AIZU_SHELTERS])).code).toBe(2);
  });
});
