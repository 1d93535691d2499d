import { describe, expect, it } from 'vitest';
import { destinationLabel, type Shelter } from '../../../src/core/shelter';
import { readShelterFile, readShelterFiles } from '../../../src/io/shelterFile';
import { mergeSitesIntoShelters } from '../../../src/io/shelterMerge';
import { fixtureBytes, utf8 } from './helpers';

/** The shared 青森市 GSI files (tests/fixtures/shelters are byte-identical copies of ../shared/data/shelters). */
const AOMORI = ['shelters/gsi_emergency_sites_022012_aomori.geojson', 'shelters/gsi_shelters_022012_aomori.geojson'];
const AIZU = ['shelters/gsi_emergency_sites_072028_aizuwakamatsu.geojson', 'shelters/gsi_shelters_072028_aizuwakamatsu.geojson'];
const readCity = (names: string[]) => readShelterFiles(names.map((n) => ({ name: n.split('/').pop()!, bytes: fixtureBytes(n) })));
const byId = (records: Shelter[], id: string) => records.find((s) => s.id === id);

describe('site and shelter records become one place only when group AND name match (青森市, real files)', () => {
  const r = readCity(AOMORI);

  it('reads without errors: 489 records → 337 places, said in the summary', () => {
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(337);
    expect(r.merge?.summary).toMatch(/^489件の記録 → 337か所/);
    expect(r.merge?.summary).toContain('152組');
  });

  it('keeps 吉野田児童館 (site) apart from 吉野田農村センター, which joins its own site record', () => {
    expect(byId(r.records, 'E0220100279202')).toMatchObject({ name: '吉野田児童館', kinds: ['emergency_site'] });
    expect(byId(r.records, 'E0220100279111')).toMatchObject({ name: '吉野田農村センター', kinds: ['shelter', 'emergency_site'] });
    expect(byId(r.records, 'E0220100279201')).toBeUndefined();
  });

  it('keeps 杉沢農村公園 as its own place', () => {
    expect(byId(r.records, 'E0220100287202')).toMatchObject({ name: '杉沢農村公園', kinds: ['emergency_site'] });
    expect(byId(r.records, 'E0220100287111')?.kinds).toEqual(['shelter', 'emergency_site']);
  });

  it('keeps the sports ground 青森中央学院大学（総合グラウンド・サブグラウンド） apart from the university building', () => {
    const ground = byId(r.records, 'E0220100116201');
    expect(ground).toMatchObject({ name: '青森中央学院大学（総合グラウンド・サブグラウンド）', kinds: ['emergency_site'] });
    expect(byId(r.records, 'E0220100116111')?.kinds).toEqual(['shelter', 'emergency_site']);
    expect(ground?.siteNote).toBeUndefined();
  });

  it('never joins two records of different names', () => {
    expect(r.merge?.lines.filter((l) => l.startsWith('まとめた:'))).toHaveLength(152);
    for (const line of r.merge!.lines.filter((l) => l.startsWith('まとめた:'))) {
      const [a, b] = [...line.matchAll(/「([^」]+)」/g)].map((m) => m[1]);
      expect(a).toBe(b);
    }
  });

  it('lists every join and every site kept apart from its group', () => {
    const lines = r.merge!.lines;
    expect(lines).toContain('まとめた: E0220100279201「吉野田農村センター」（指定緊急避難場所）＋ E0220100279111「吉野田農村センター」（指定避難所）');
    expect(lines).toContain('別の場所のまま: E0220100279202「吉野田児童館」（指定緊急避難場所）は E0220100279111「吉野田農村センター」 と共通IDの先頭11文字が同じですが、名称が違います');
    expect(lines.filter((l) => l.startsWith('別の場所のまま:')).map((l) => l.slice(9, 23))).toEqual([
      'E0220100116201', 'E0220100140201', 'E0220100222202', 'E0220100279202', 'E0220100287202', 'E0220100292202',
    ]);
  });

  it('joins 健康の森花岡プラザ to the shelter of the same name, not to the first record of its group', () => {
    expect(byId(r.records, 'E0220100292112')).toMatchObject({ name: '健康の森花岡プラザ', kinds: ['shelter', 'emergency_site'] });
    expect(byId(r.records, 'E0220100292111')).toMatchObject({ name: '花岡農村環境改善センター', kinds: ['shelter', 'emergency_site'] });
    expect(byId(r.records, 'E0220100292202')?.kinds).toEqual(['emergency_site']);
  });
});

describe('会津若松市 (real files, the demo shelters)', () => {
  it('keeps the README counts: 199 sites, 102 shelters of which 32 福祉避難所, in 234 places (67 joins, all same-name)', () => {
    const r = readCity(AIZU);
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(234);
    expect(r.records.filter((s) => s.kinds.includes('emergency_site'))).toHaveLength(199);
    expect(r.records.filter((s) => s.kinds.some((k) => k !== 'emergency_site'))).toHaveLength(102);
    expect(r.merge?.summary).toMatch(/^301件の記録 → 234か所/);
    expect(byId(r.records, 'E0720200037112')).toMatchObject({ name: '河東学園　後期課程', kinds: ['shelter', 'emergency_site'] });
  });
});

/** A minimal GSI GeoJSON of the given records, `[id, name, lng, lat, flood flag]`. */
function gsiFile(rows: [string, string, number, number, string?][]): Uint8Array {
  return utf8(JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map(([id, name, lng, lat, flood]) => ({
      type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { 共通ID: id, '施設・場所名': name, 住所: '福島県会津若松市', ...(flood === undefined ? {} : { 洪水: flood, 地震: '1' }) },
    })),
  }));
}

describe('a trailing floor qualifier', () => {
  const sites = gsiFile([
    ['E0720209001201', '市立第一中学校（２階以上の階）', 139.93, 37.49, '1'],
    ['E0720209002201', '第二小学校 (3F以上)', 139.94, 37.49, '1'],
    ['E0720209003201', '青森中央学院大学（総合グラウンド）', 139.95, 37.49, '1'],
    ['E0720209004201', 'ｺﾐｭﾆﾃｨ　センター', 139.96, 37.49, '1'],
  ]);
  const shelters = gsiFile([
    ['E0720209001111', '市立第一中学校', 139.9301, 37.4901],
    ['E0720209002111', '第二小学校', 139.9401, 37.4901],
    ['E0720209003111', '青森中央学院大学', 139.9501, 37.4901],
    ['E0720209004111', 'コミュニティセンター', 139.9601, 37.4901],
  ]);
  const r = readShelterFiles([{ name: 'sites.geojson', bytes: sites }, { name: 'shelters.geojson', bytes: shelters }]);

  it('does not stop a join, and is kept as the site role’s note', () => {
    expect(r.errors).toEqual([]);
    expect(byId(r.records, 'E0720209001111')).toMatchObject({ name: '市立第一中学校', kinds: ['shelter', 'emergency_site'], siteNote: '２階以上の階' });
    expect(byId(r.records, 'E0720209002111')).toMatchObject({ siteNote: '3F以上' });
    expect(r.merge?.lines).toContain('まとめた: E0720209001201「市立第一中学校（２階以上の階）」（指定緊急避難場所）＋ E0720209001111「市立第一中学校」（指定避難所）。避難場所としては「２階以上の階」');
  });

  it('width and spaces do not stop a join; another parenthesis names another place', () => {
    expect(byId(r.records, 'E0720209004111')?.kinds).toEqual(['shelter', 'emergency_site']);
    expect(byId(r.records, 'E0720209004111')?.siteNote).toBeUndefined();
    expect(byId(r.records, 'E0720209003201')?.kinds).toEqual(['emergency_site']);
    expect(r.merge?.summary).toMatch(/^8件の記録 → 5か所/);
  });

  it('is shown with the destination for the hazards of the site role: 「洪水時は２階以上の階」', () => {
    const school = byId(r.records, 'E0720209001111')!;
    expect(destinationLabel(school, 'flood')).toBe('市立第一中学校（洪水時は２階以上の階）');
    expect(destinationLabel(school, null)).toBe('市立第一中学校（避難場所としては２階以上の階）');
    expect(destinationLabel(school, 'tsunami')).toBe('市立第一中学校');
    expect(destinationLabel(school, ['flood', 'earthquake', 'tsunami'])).toBe('市立第一中学校（洪水・地震時は２階以上の階）');
    expect(destinationLabel(byId(r.records, 'E0720209004111')!, 'flood')).toBe('コミュニティセンター');
  });
});

describe('a join keeps the 指定緊急避難場所 record\'s 備考 and its floor rule (青森市, real files)', () => {
  const records = AOMORI.flatMap((n) => readShelterFile(fixtureBytes(n), n.split('/').pop()!).records);
  const merged = mergeSitesIntoShelters(records);
  const placeOfSite = new Map(merged.joins.map((j) => [j.site.id, j.shelter.id]));
  const sitesWithNotes = records.filter((s) => s.kinds.includes('emergency_site') && s.notes);

  it('every site 備考 survives in the merged places, the 60 floor rules among them (marked as the 避難場所\'s when joined)', () => {
    const kept = sitesWithNotes.filter((site) => {
      const joinedTo = placeOfSite.get(site.id);
      const place = merged.places.find((p) => p.id === (joinedTo ?? site.id));
      return !!place && (joinedTo ? place.notes.includes(`避難場所として: ${site.notes}`) : place.notes === site.notes);
    });
    expect(sitesWithNotes).toHaveLength(73);
    expect(kept).toHaveLength(73);
    const isFloorRule = (s: Shelter) => /階以上/.test(s.notes);
    expect(sitesWithNotes.filter(isFloorRule)).toHaveLength(60);
    expect(kept.filter(isFloorRule)).toHaveLength(60);
  });

  it('佃小学校 keeps its floor rule and shows it with the destination', () => {
    const place = merged.places.find((p) => p.name === '佃小学校')!;
    expect(place.kinds).toEqual(['shelter', 'emergency_site']);
    expect(place.notes).toBe('避難場所として: 「洪水」「津波」では2階以上に避難');
    expect(destinationLabel(place, 'flood')).toBe('佃小学校（洪水時は2階以上）');
    expect(destinationLabel(place, ['earthquake', 'tsunami'])).toBe('佃小学校（津波時は2階以上）');
    expect(destinationLabel(place, 'earthquake')).toBe('佃小学校');
    expect(destinationLabel(place)).toBe('佃小学校（避難場所としては洪水・津波時は2階以上）');
  });

  it('reads a rule with two floors per hazard, and a rule after an address', () => {
    const two = merged.places.find((p) => p.notes.includes('「洪水」「高潮」では2階以上、「津波」では3階以上に避難'))!;
    expect(destinationLabel(two, ['flood', 'tsunami'])).toBe(`${two.name}（洪水時は2階以上、津波時は3階以上）`);
    const afterAddress = merged.places.find((p) => p.notes.includes('浜田字玉川223-1外 「洪水」では2階以上に避難'))!;
    expect(destinationLabel(afterAddress, 'flood')).toBe(`${afterAddress.name}（洪水時は2階以上）`);
    const addressOnly = merged.places.find((p) => p.notes.includes('住所：青森市大字宮田字高瀬地内'))!;
    expect(destinationLabel(addressOnly, 'flood')).toBe(addressOnly.name);
  });
});

const readPair = (siteRows: Parameters<typeof gsiFile>[0], shelterRows: Parameters<typeof gsiFile>[0]) =>
  readShelterFiles([{ name: 'sites.geojson', bytes: gsiFile(siteRows) }, { name: 'shelters.geojson', bytes: gsiFile(shelterRows) }]);

describe('two sites of one name and one shelter record', () => {
  const shelter: [string, string, number, number][] = [['E0720209007111', '第七小学校', 139.97, 37.49]];
  const qualified: [string, string, number, number, string] = ['E0720209007201', '第七小学校（２階以上）', 139.9701, 37.4901, '1'];
  const plain: [string, string, number, number, string] = ['E0720209007202', '第七小学校', 139.9702, 37.4902, '1'];

  for (const [order, sites] of [['qualified first', [qualified, plain]], ['plain first', [plain, qualified]]] as const) {
    it(`${order}: the exact name joins; the other is reported as left out because a same-named site was joined, not as a different name`, () => {
      const r = readPair([...sites], shelter);
      expect(r.errors).toEqual([]);
      const place = byId(r.records, 'E0720209007111')!;
      expect(place.kinds).toEqual(['shelter', 'emergency_site']);
      expect(place.siteNote).toBeUndefined();
      expect(destinationLabel(place, 'flood')).toBe('第七小学校');
      expect(byId(r.records, 'E0720209007201')).toMatchObject({ name: '第七小学校（２階以上）', kinds: ['emergency_site'] });
      expect(r.merge?.lines).toContain('まとめた: E0720209007202「第七小学校」（指定緊急避難場所）＋ E0720209007111「第七小学校」（指定避難所）');
      const apart = r.merge!.lines.filter((l) => l.startsWith('別の場所のまま:'));
      expect(apart).toEqual([
        '別の場所のまま: E0720209007201「第七小学校（２階以上）」（指定緊急避難場所）は E0720209007111「第七小学校」 と同じ施設の記録ですが、同じ名称の避難場所の記録 E0720209007202「第七小学校」 がすでにまとめられているため、別の場所のままにしました',
      ]);
    });
  }
});

describe('floor and part-of-building qualifiers written other ways', () => {
  const r = readPair([
    ['E0720209011201', '第三小学校２階以上', 139.91, 37.5, '1'],
    ['E0720209012201', '第四小学校（２階から上）', 139.92, 37.5, '1'],
    ['E0720209013201', '第五小学校（２～４階）', 139.93, 37.5, '1'],
    ['E0720209014201', '第六小学校（屋上）', 139.94, 37.5, '1'],
    ['E0720209015201', '第九小学校（2階以上※津波時）', 139.95, 37.5, '1'],
    ['E0720209016201', '第十小学校（体育館）', 139.96, 37.5, '1'],
    ['E0720209017201', '青森中央学院大学（総合グラウンド・サブグラウンド）', 139.97, 37.5, '1'],
  ], [
    ['E0720209011111', '第三小学校', 139.9101, 37.5001],
    ['E0720209012111', '第四小学校', 139.9201, 37.5001],
    ['E0720209013111', '第五小学校', 139.9301, 37.5001],
    ['E0720209014111', '第六小学校', 139.9401, 37.5001],
    ['E0720209015111', '第九小学校', 139.9501, 37.5001],
    ['E0720209016111', '第十小学校', 139.9601, 37.5001],
    ['E0720209017111', '青森中央学院大学', 139.9701, 37.5001],
  ]);

  it('join and are kept as the site role’s note: 「２階以上」「２階から上」「２～４階」「屋上」「2階以上※津波時」', () => {
    expect(r.errors).toEqual([]);
    const notes = ['011', '012', '013', '014', '015'].map((n) => byId(r.records, `E0720209${n}111`)?.siteNote);
    expect(notes).toEqual(['２階以上', '２階から上', '２～４階', '屋上', '2階以上※津波時']);
    expect(destinationLabel(byId(r.records, 'E0720209014111')!, 'flood')).toBe('第六小学校（洪水時は屋上）');
  });

  it('a building or ground in parentheses stays a different place: 「（体育館）」「（総合グラウンド・サブグラウンド）」', () => {
    expect(byId(r.records, 'E0720209016201')).toMatchObject({ name: '第十小学校（体育館）', kinds: ['emergency_site'] });
    expect(byId(r.records, 'E0720209017201')).toMatchObject({ kinds: ['emergency_site'] });
    expect(byId(r.records, 'E0720209016111')?.kinds).toEqual(['shelter']);
    expect(r.merge?.summary).toMatch(/^14件の記録 → 9か所/);
  });
});

describe('site and shelter records that both name a floor', () => {
  it('different floors: not joined (each place keeps its own name), and the report says the floors differ', () => {
    const r = readPair([['E0720209008201', '第八小学校（２階以上）', 139.98, 37.49, '1']], [['E0720209008111', '第八小学校（３階以上）', 139.9801, 37.4901]]);
    expect(byId(r.records, 'E0720209008201')).toMatchObject({ name: '第八小学校（２階以上）', kinds: ['emergency_site'] });
    const shelter = byId(r.records, 'E0720209008111')!;
    expect(shelter.kinds).toEqual(['shelter']);
    expect(destinationLabel(shelter, 'flood')).toBe('第八小学校（３階以上）');
    expect(r.merge?.lines).toEqual([
      '別の場所のまま: E0720209008201「第八小学校（２階以上）」（指定緊急避難場所）は E0720209008111「第八小学校（３階以上）」 と共通IDの先頭11文字と階を除いた名称が同じですが、階の指定が違います（「２階以上」と「３階以上」）',
    ]);
  });

  it('the same floor written in another width joins without repeating the floor', () => {
    const r = readPair([['E0720209008201', '第八小学校（2階以上）', 139.98, 37.49, '1']], [['E0720209008111', '第八小学校（２階以上）', 139.9801, 37.4901]]);
    const place = byId(r.records, 'E0720209008111')!;
    expect(place.kinds).toEqual(['shelter', 'emergency_site']);
    expect(place.siteNote).toBeUndefined();
    expect(destinationLabel(place, 'flood')).toBe('第八小学校（２階以上）');
  });
});
