/**
 * Every `hinan` output of people — the `people` reader and the engine commands — passes the
 * app's consent gate (core `isShareable`): people without 同意 never reach stdout, and how many
 * were withheld is said on stderr in Japanese. Supporters (no consent of their own) are unaffected.
 */
import { describe, expect, it } from 'vitest';
import { CLI_TESTS, gsiGeojson, offset, run, tempDir } from './helpers';

const PEOPLE_HEADER = 'ID,氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
/** Fictional people, all in wheelchairs (so every engine command considers them), 100–400 m from the centre. */
const PEOPLE = [
  ['G1', '同意　一子', 'given', '同意'],
  ['G2', '同意　二郎', 'given', '同意'],
  ['R1', '拒否　三子', 'refused', '不同意'],
  ['U1', '未確　四郎', 'pending', '未確認'],
] as const;
const WITHHELD = PEOPLE.filter((p) => p[2] !== 'given');

function peopleCsv(): string {
  const rows = PEOPLE.map(([id, name, , consent], i) => {
    const [lng, lat] = offset(100 * (i + 1), 0);
    return `${id},${name},テスト,S15.1.1,女,福島県会津若松市栄町${i + 1}-1,0242-00-000${i},要介護3,車いす,一人暮らし,,${consent},栄町,${lat},${lng}`;
  });
  return [PEOPLE_HEADER, ...rows].join('\n');
}

const SUPPORTERS = ['ID,氏名,役割,住所,電話番号,対応可能時間,支援可能人数,地区,緯度,経度', ...[1, 2, 3].map((i) => `S${i},支援　${i},近隣住民,福島県会津若松市栄町${i}-2,0242-11-000${i},昼夜,4,栄町,${offset(100 * i, 50)[1]},${offset(100 * i, 50)[0]}`)].join('\n');

const dir = tempDir({
  'people.csv': peopleCsv(),
  'supporters.csv': SUPPORTERS,
  'shelters.geojson': gsiGeojson([
    { role: 'site', location: offset(0, 200), hazards: ['flood'] },
    { role: 'welfare', location: offset(300, -200), accepts: '高齢者、障がい者' },
  ]),
});

/** Every command that outputs people, with its arguments. */
const COMMANDS: [string, string[]][] = [
  ['people', ['people', 'people.csv']],
  ['nearest', ['nearest', '--people', 'people.csv', '--shelters', 'shelters.geojson']],
  ['nearest (福祉避難所)', ['nearest', '--people', 'people.csv', '--shelters', 'shelters.geojson', '--kind', 'welfare_shelter']],
  ['allocate-welfare', ['allocate-welfare', '--people', 'people.csv', '--shelters', 'shelters.geojson', '--date', '2025-04-01']],
  ['match-supporters', ['match-supporters', '--people', 'people.csv', '--supporters', 'supporters.csv']],
];

describe.concurrent('hinan: the consent gate on every output of people', CLI_TESTS, () => {
  for (const [name, args] of COMMANDS) {
    it(`${name}: only consenting people are written; the withheld count is on stderr`, async () => {
      const r = await run(args, dir);
      expect(r.code).toBe(0);
      const out = r.stdout.join('\n');
      for (const [id, personName] of WITHHELD) {
        expect(out, `${id} has no consent`).not.toContain(id);
        expect(out).not.toContain(personName);
      }
      // The consenting people are there (nothing else hid them).
      expect(out).toContain('G1');
      expect(out).toContain('G2');
      expect(r.stderr.join('\n')).toContain('同意のない2人（不同意1人・未確認1人）は出力しません');
    });
  }

  it('people: the GeoJSON holds exactly the consenting people', async () => {
    const r = await run(['people', 'people.csv'], dir);
    const fc = JSON.parse(r.stdout.join('\n'));
    expect(fc.features.map((f: { id: string }) => f.id)).toEqual(['G1', 'G2']);
    expect(fc.features.every((f: { properties: { consent: { status: string } } }) => f.properties.consent.status === 'given')).toBe(true);
  });

  it('supporters are unaffected: every supporter is written, with no consent note', async () => {
    const r = await run(['supporters', 'supporters.csv'], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.join('\n')).features.map((f: { id: string }) => f.id)).toEqual(['S1', 'S2', 'S3']);
    expect(r.stderr.join('\n')).not.toContain('同意');
  });
});
