import type { District } from '../core/district';
import type { Person } from '../core/person';
import type { Supporter } from '../core/supporter';
import type { Shelter } from '../core/shelter';
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

/** Builds the demo bundle from its files; throws (in Japanese) if a shelter file cannot be read. */
export function buildDemoBundle(files: DemoFiles): DemoBundle {
  const sites = readGsiGeojson(files.sites.text, files.sites.name);
  const shelters = readGsiGeojson(files.shelters.text, files.shelters.name);
  const errors = [...sites.errors, ...shelters.errors];
  if (errors.length) {
    const e = errors[0];
    throw new Error(`デモの避難所データを読めません: ${e.file} ${e.row}行目 ${e.message}`);
  }
  return {
    districts: files.districts as District[],
    people: files.people as Person[],
    supporters: files.supporters as Supporter[],
    shelters: mergeSitesIntoShelters([...sites.shelters, ...shelters.shelters]).places,
  };
}
