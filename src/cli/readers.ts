/**
 * `hinan shelters | people | supporters`: the app's three file readers on the command line. Each
 * prints one GeoJSON FeatureCollection (`[lng, lat]` WGS84) to stdout and the file's format,
 * encoding and count to stderr. `people` writes only the people the consent gate lets out.
 */
import { ENCODING_LABELS } from '../io/encoding';
import { peopleToGeojson, sheltersToGeojson, supportersToGeojson } from '../io/geojsonExport';
import { readPeopleFile } from '../io/peopleCsv';
import type { RosterFileResult } from '../io/rosterCommon';
import { SHELTER_FORMAT_LABELS, readShelterFiles } from '../io/shelterFile';
import { readSupportersFile } from '../io/supportersCsv';
import type { CliIo, Command } from './cliIo';
import { consentingPeople, readInputFile, readWhole, withoutErrors } from './inputs';
import { UsageError } from './options';

const READER_OUTPUT = '結果はGeoJSON（FeatureCollection、座標は[経度, 緯度]）で標準出力に、件数を標準エラーに出します。';

const SHELTERS_USAGE = `hinan shelters ファイル...
  避難所ファイル（国土地理院 指定緊急避難場所・指定避難所の GeoJSON/CSV、自治体標準オープンデータセットの CSV）を
  読みます。同じ市の避難場所と避難所のファイルを一緒に指定すると、同じ施設は1つにまとめます。
  ${READER_OUTPUT}`;

const PEOPLE_USAGE = `hinan people ファイル
  避難行動要支援者名簿（アプリの名簿テンプレートのCSV）を読みます。
  ${READER_OUTPUT}
  同意が「同意」でない人（不同意・未確認）は出力せず、人数を標準エラーに出します。`;

const SUPPORTERS_USAGE = `hinan supporters ファイル
  避難支援等実施者名簿（アプリの支援者テンプレートのCSV）を読みます。
  ${READER_OUTPUT}`;

/** Reads shelter files (merged); prints each file's format, encoding and count. */
function runShelters(paths: string[], io: CliIo): number {
  const r = withoutErrors(readShelterFiles(paths.map((p) => readInputFile(p, io))));
  for (const f of r.files) {
    const name = f.records[0]?.source.file ?? '';
    io.stderr(`${name}: ${f.format ? SHELTER_FORMAT_LABELS[f.format] : ''}、${f.encoding ? ENCODING_LABELS[f.encoding] : ''}、${f.records.length}件`);
  }
  if (r.merge) for (const line of [`合計 ${r.merge.summary}`, ...r.merge.lines]) io.stderr(line);
  io.stdout(JSON.stringify(sheltersToGeojson(r.records)));
  return 0;
}

/** Reads a 名簿 or supporter file all-or-nothing; prints its encoding and count. Each record comes with its source file and row. */
function readRoster<T extends object>(path: string, io: CliIo, read: (bytes: Uint8Array, name: string) => RosterFileResult<T>): { record: T; sourced: T & { source: { file: string; row: number } } }[] {
  const { name, result: r } = readWhole(path, io, read);
  io.stderr(`${name}: ${r.encoding ? ENCODING_LABELS[r.encoding] : ''}、${r.records.length}件`);
  return r.records.map((record, i) => ({ record, sourced: { ...record, source: { file: name, row: r.rows[i] } } }));
}

/** Reads a 名簿; prints only the people the consent gate lets out (with their source rows). */
function runPeople([path]: string[], io: CliIo): number {
  const read = readRoster(path, io, readPeopleFile);
  const shown = new Set(consentingPeople(read.map((r) => r.record), io));
  io.stdout(JSON.stringify(peopleToGeojson(read.filter((r) => shown.has(r.record)).map((r) => r.sourced))));
  return 0;
}

/** Reads a supporter file (supporters have no consent gate: they chose to help). */
function runSupporters([path]: string[], io: CliIo): number {
  io.stdout(JSON.stringify(supportersToGeojson(readRoster(path, io, readSupportersFile).map((r) => r.sourced))));
  return 0;
}

/** Checks the number of files a reader takes (shelters: one or more; people, supporters: one). */
function readerCommand(command: string, usage: string, read: (paths: string[], io: CliIo) => number): Command {
  return {
    usage,
    run: (paths, io) => {
      if (paths.length === 0 || (command !== 'shelters' && paths.length > 1)) {
        throw new UsageError(`${command} には${command === 'shelters' ? '1つ以上の' : '1つの'}ファイルを指定してください。`);
      }
      return read(paths, io);
    },
  };
}

export const SHELTERS_COMMAND = readerCommand('shelters', SHELTERS_USAGE, runShelters);
export const PEOPLE_COMMAND = readerCommand('people', PEOPLE_USAGE, runPeople);
export const SUPPORTERS_COMMAND = readerCommand('supporters', SUPPORTERS_USAGE, runSupporters);
