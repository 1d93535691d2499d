/**
 * 受け渡しファイルを作る: the people one recipient may receive (core/handoverSelection.ts), read
 * through the consent gate, sealed in a `.hinan` container of kind 'handover' with its own
 * passphrase and expiry, and recorded in the 提供記録 before the file is handed back to be saved.
 */
import { japanDateLabel, japanToday } from '../core/japanDate';
import { fileNamePart } from '../core/fileName';
import { handoverExpiryError } from '../core/handoverExpiry';
import { handoverRecipientLabel, handoverRoleLabel, receiverNameError, selectHandover, type HandoverRecipient, type HandoverSelection } from '../core/handoverSelection';
import { cleanName } from '../core/personName';
import type { Person } from '../core/person';
import type { Plan } from '../core/plan';
import { APP_VERSION } from '../io/appVersion';
import { packSection, sealContainer, type ContainerOptions } from '../io/backup/container';
import { checkPassphraseStrength } from '../io/backup/passphrase';
import { shareablePeople } from './consentGate';
import { listSupporters } from './supporters';
import { OperatorMissingError, recordDisclosure } from './disclosures';
import { getOperator } from './operator';
import { CURRENT_SCHEMA_VERSION, type HinanDatabase } from './schema';

/** The section that says who the file is for (inside the encryption: a supporter's name is personal data). */
export const HANDOVER_INFO_TABLE = 'handover';

/** The one row of the `handover` section. */
interface HandoverInfo {
  /** 「消防団」「民生委員（山田 花子）」「支援者 佐藤 一郎」. */
  recipient: string;
  recipientKind: HandoverRecipient['kind'];
}

/** The tables of a hand-over file, in file order (plans are current versions only, no history). */
export const HANDOVER_TABLES = ['people', 'plans', 'supporters', 'shelters', 'districts'] as const;

export interface HandoverPreview {
  label: string;
  selection: HandoverSelection;
}

/** Who and what a file for `recipient` would hold, read through the consent gate; writes nothing. */
export async function previewHandover(db: HinanDatabase, recipient: HandoverRecipient): Promise<HandoverPreview> {
  const { people } = await shareablePeople(db);
  const [plans, supporters, shelters, districts] = await Promise.all([db.plans.toArray(), listSupporters(db), db.shelters.toArray(), db.districts.toArray()]);
  const source = {
    people,
    plans: new Map<string, Plan>(plans.map((p) => [p.personId, p])),
    supporters: new Map(supporters.map((s) => [s.id, s])),
    shelters: new Map(shelters.map((s) => [s.id, s])),
    districts: new Map(districts.map((d) => [d.id, d])),
  };
  return { label: handoverRecipientLabel(recipient, source.supporters), selection: selectHandover(recipient, source) };
}

/** 避難支援_受け渡し_消防団_20261129.hinan, 避難支援_受け渡し_支援者_…: the role only, no one's name (Japan date of `now`). */
function handoverFileName(recipient: HandoverRecipient, now: Date = new Date()): string {
  return `避難支援_受け渡し_${fileNamePart(handoverRoleLabel(recipient))}_${japanToday(now).replaceAll('-', '')}.hinan`;
}

/** 「2027年11月29日」: a `YYYY-MM-DD` expiry (Japan date) as shown and recorded. */
export function expiryLabel(expiresOn: string): string {
  return japanDateLabel(`${expiresOn}T00:00:00+09:00`);
}

/** `recipient` with its 受け取る人の氏名 cleaned (core/personName.ts); throws a Japanese message when too long. */
function cleanRecipient(recipient: HandoverRecipient): HandoverRecipient {
  if (recipient.kind !== 'group') return recipient;
  const receiverName = cleanName(recipient.receiverName ?? '');
  const error = receiverNameError(receiverName);
  if (error) throw new Error(error);
  return receiverName ? { ...recipient, receiverName } : { kind: 'group', group: recipient.group };
}

export interface WriteHandoverOptions {
  recipient: HandoverRecipient;
  passphrase: string;
  /** Last day the recipient's app keeps the file, `YYYY-MM-DD` (Japan); today … one year from today. */
  expiresOn: string;
  /** `(done, total)` encrypted segments. */
  onProgress?: (done: number, total: number) => void;
  /** Lower Argon2id cost (unit tests only). */
  kdf?: ContainerOptions['kdf'];
  now?: Date;
}

export interface WrittenHandover {
  /** The file's bytes: `new Blob(parts)`. */
  parts: Uint8Array<ArrayBuffer>[];
  fileName: string;
  /** People in the file. */
  count: number;
  /** The people in it (for the 受領書's own 提供記録 entry). */
  people: Person[];
  label: string;
}

/**
 * Makes the hand-over file for `recipient` and records it in the 提供記録 (kind 'handover').
 * Throws a Japanese message (作業者名 missing, weak passphrase, bad expiry, nobody to hand over,
 * consent gate) and then records nothing.
 */
export async function writeHandover(db: HinanDatabase, options: WriteHandoverOptions): Promise<WrittenHandover> {
  const now = options.now ?? new Date();
  const operator = await getOperator(db);
  if (!operator) throw new OperatorMissingError();
  checkPassphraseStrength(options.passphrase);
  const expiryError = handoverExpiryError(options.expiresOn, japanToday(now));
  if (expiryError) throw new Error(expiryError);

  const recipient = cleanRecipient(options.recipient);
  const { label, selection } = await previewHandover(db, recipient);
  if (!selection.people.length) throw new Error(`「${label}」に渡せる人がいません（同意の情報提供先、または計画の支援者を確かめてください）。`);

  const info: HandoverInfo = { recipient: label, recipientKind: recipient.kind };
  const packed = [packSection(HANDOVER_INFO_TABLE, [info]), ...HANDOVER_TABLES.map((t) => packSection(t, selection[t]))];
  const counts: Record<string, number> = { [HANDOVER_INFO_TABLE]: 1, ...Object.fromEntries(HANDOVER_TABLES.map((t) => [t, selection[t].length])) };
  const parts = await sealContainer(
    { kind: 'handover', schemaVersion: CURRENT_SCHEMA_VERSION, appVersion: APP_VERSION, operator, passphrase: options.passphrase, createdAt: now, expiresOn: options.expiresOn, kdf: options.kdf },
    packed,
    counts,
    options.onProgress,
  );
  const fileName = handoverFileName(recipient, now);
  await recordDisclosure(db, {
    kind: 'handover',
    what: `受け渡しファイル（${label}、有効期限 ${expiryLabel(options.expiresOn)}まで）`,
    recipient: label,
    people: selection.people,
    consentRecipient: recipient.kind === 'group' ? recipient.group : undefined,
    fileName,
    at: now,
  });
  return { parts, fileName, count: selection.people.length, people: selection.people, label };
}
