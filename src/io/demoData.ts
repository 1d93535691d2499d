import type { District } from '../core/district';
import type { Person } from '../core/person';
import type { Supporter } from '../core/supporter';
import type { Shelter } from '../core/shelter';
import { validateBackupRow } from './backup/recordValidators';
import { readGsiGeojson } from './gsiShelters';
import { mergeSitesIntoShelters } from './shelterMerge';

/** The demo as the app stores it: fictional people and supporters, real GSI shelters. */
export interface DemoBundle {
  districts: District[];
  people: Person[];
  supporters: Supporter[];
  shelters: Shelter[];
}

export interface DemoFiles {
  districts: unknown;
  people: unknown;
  supporters: unknown;
  /** 指定緊急避難場所 GeoJSON text and file name. */
  sites: { name: string; text: string };
  /** 指定避難所 GeoJSON text and file name. */
  shelters: { name: string; text: string };
}

/** A demo row that passes the store's validator of its table (the validators imports and saves use). */
const isDistrict = (r: unknown): r is District => validateBackupRow('districts', r).length === 0;
const isPerson = (r: unknown): r is Person => validateBackupRow('people', r).length === 0;
const isSupporter = (r: unknown): r is Supporter => validateBackupRow('supporters', r).length === 0;

/** The rows of a demo file, every one valid; throws (in Japanese) otherwise. */
function demoRows<T>(what: string, data: unknown, isRow: (r: unknown) => r is T): T[] {
  if (Array.isArray(data) && data.every(isRow)) return data;
  throw new Error(`デモの${what}のデータが読めません。`);
}

/** Builds the demo bundle from its files; throws (in Japanese) if a shelter file cannot be read or a row is not valid. */
export function buildDemoBundle(files: DemoFiles): DemoBundle {
  const sites = readGsiGeojson(files.sites.text, files.sites.name);
  const shelters = readGsiGeojson(files.shelters.text, files.shelters.name);
  const errors = [...sites.errors, ...shelters.errors];
  if (errors.length) {
    const e = errors[0];
    throw new Error(`デモの避難所データを読めません: ${e.file} ${e.row}行目 ${e.message}`);
  }
  return {
    districts: demoRows('地区', files.districts, isDistrict),
    people: demoRows('要支援者', files.people, isPerson),
    supporters: demoRows('支援者', files.supporters, isSupporter),
    shelters: mergeSitesIntoShelters([...sites.shelters, ...shelters.shelters]).places,
  };
}
