import type { GeocodeResult } from '../io/geocode';
import type { PositionReferenceLevel, PositionReferenceRecord } from '../io/positionReference';
import type { RowError } from '../io/rowError';
import type { ReferencePlace } from '../io/geoloniaTowns';

/** Messages to the geocoding worker: read a 位置参照情報 file, or place addresses against points. */
export type GeocodeRequest =
  | { id: number; type: 'read'; file: { name: string; bytes: ArrayBuffer }; place?: ReferencePlace }
  | { id: number; type: 'geocode'; points: PositionReferenceRecord[]; addresses: string[] };

/** A read 位置参照情報 file, before it is stored. */
export interface ReferencePreview {
  file: string;
  level: PositionReferenceLevel | null;
  /** Format recognised, in Japanese (「Geolonia 住所データ（JSON）」…), or null when none was. */
  format: string | null;
  /** Encoding label in Japanese (「Shift_JIS」…), or 「不明」. */
  encoding: string;
  records: PositionReferenceRecord[];
  errors: RowError[];
}

export type GeocodeResponse =
  | { id: number; type: 'progress'; stage: string; done: number; total: number }
  | { id: number; type: 'read'; preview: ReferencePreview }
  | { id: number; type: 'geocoded'; results: GeocodeResult[] }
  | { id: number; type: 'failed'; message: string };
