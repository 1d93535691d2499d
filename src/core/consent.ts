import { japanToday } from './japanDate';
import { ErrorList, areAllOneOf, isIsoDate, isOneOf, type FieldError } from './validation';

/** Consent to sharing 名簿 information in normal times (災害対策基本法 49-11). */
export const CONSENT_STATUSES = ['given', 'refused', 'pending'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = {
  given: '同意',
  refused: '不同意',
  pending: '未確認',
};

/** How consent was obtained. */
export const CONSENT_METHODS = ['signature', 'verbal', 'deemed', 'unknown'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  signature: '署名',
  verbal: '口頭',
  deemed: '条例による同意みなし',
  unknown: '不明',
};

/** Who the person's information may be shown to (避難支援等関係者). */
export const CONSENT_RECIPIENTS = ['jishubo', 'minsei', 'shobodan', 'chonaikai', 'shakyo', 'police'] as const;
export type ConsentRecipient = (typeof CONSENT_RECIPIENTS)[number];
export const CONSENT_RECIPIENT_LABELS: Record<ConsentRecipient, string> = {
  jishubo: '自主防災組織',
  minsei: '民生委員',
  shobodan: '消防団',
  chonaikai: '町内会',
  shakyo: '社会福祉協議会',
  police: '警察',
};

export interface Consent {
  status: ConsentStatus;
  /** Date consent was given or refused, `YYYY-MM-DD`; null if not asked yet or not recorded (many 名簿 have no date column). */
  date: string | null;
  method: ConsentMethod;
  /** To whom the information may be shown (may be shared and frozen: replace, never change in place). */
  recipients: ConsentRecipient[];
  /** 代筆: the person who signed the 同意書 for them (name and 続柄); absent when the person signed or consent was not written. */
  proxy?: { name: string; relation: string };
  /** Who changed this record in the app (変更者) and when (ISO 8601); absent for a record read from a file. */
  changed?: { by: string; at: string };
}

/**
 * The single consent rule: a person may be shown on the map, in lists, prints and exports
 * only when their consent status is `given`.
 */
export function isShareable(consent: Consent | undefined | null): boolean {
  return consent?.status === 'given';
}

/**
 * Whether a list for one 避難支援等関係者 (消防団, 民生委員…) may include the person: shareable, and
 * that recipient is among those the person agreed to. No recipients recorded means not agreed.
 */
export function isShareableWith(consent: Consent | undefined | null, recipient: ConsentRecipient): boolean {
  return isShareable(consent) && consent!.recipients.includes(recipient);
}

export function pendingConsent(): Consent {
  return { status: 'pending', date: null, method: 'unknown', recipients: [] };
}

/**
 * Field errors (Japanese) for a consent record; `prefix` is prepended to field names. `today` (Japan,
 * `YYYY-MM-DD`) is the latest 同意日 allowed; by default the clock is read, only when there is a date.
 */
export function validateConsent(c: Consent, prefix = 'consent', today?: string): FieldError[] {
  const f = prefix === 'consent' ? CONSENT_FIELDS : consentFields(prefix);
  const e = new ErrorList();
  // Tests first, the ErrorList method words the error (validatePerson's pattern: this runs per imported row).
  if (!isOneOf(c?.status, CONSENT_STATUSES)) e.oneOf(c?.status, CONSENT_STATUSES, f.status, '同意の状態', CONSENT_STATUS_LABELS);
  if (!isOneOf(c?.method, CONSENT_METHODS)) e.oneOf(c?.method, CONSENT_METHODS, f.method, '同意の取得方法', CONSENT_METHOD_LABELS);
  const dated = isIsoDate(c?.date);
  if (c?.date !== null && !dated) e.fail(f.date, '同意日は「2024-04-01」の形の実在する日付で入力してください。');
  // A date after today (Japan time) is a typo, and would win over every later withdrawal (core/consentMerge).
  if (dated) {
    const t = today ?? japanToday();
    if (c.date! > t) e.fail(f.date, futureDateMessage(c.date!, t));
  }
  if (!areAllOneOf(c?.recipients, CONSENT_RECIPIENTS)) e.everyOneOf(c?.recipients, CONSENT_RECIPIENTS, f.recipients, '情報提供先', CONSENT_RECIPIENT_LABELS);
  if (c?.proxy !== undefined) {
    // 代筆: who signed for the person; only a signed consent has one.
    e.requireText(c.proxy?.name, `${prefix}.proxy.name`, '代筆者の氏名', 100);
    e.optionalText(c.proxy?.relation, `${prefix}.proxy.relation`, '代筆者の続柄', 50);
    if (c.method !== 'signature') e.fail(`${prefix}.proxy`, '代筆者は、同意の取得方法が「署名」のときだけ記録できます。');
  }
  if (c?.changed !== undefined) {
    e.requireText(c.changed?.by, `${prefix}.changed.by`, '変更者', 100);
    e.check(typeof c.changed?.at === 'string' && !Number.isNaN(Date.parse(c.changed.at)), `${prefix}.changed.at`, '変更日時が読めません。');
  }
  return e.errors;
}

/** The error for a 同意日 after today (built only then: validateConsent runs per imported row). */
function futureDateMessage(date: string, today: string): string {
  return `同意日（${date}）が今日（${today}）より後になっています。同意を得た日を入力してください。`;
}

/** Field names of a consent record under `prefix` (the default prefix's are built once: this runs per imported row). */
function consentFields(prefix: string) {
  return { status: `${prefix}.status`, method: `${prefix}.method`, date: `${prefix}.date`, recipients: `${prefix}.recipients` };
}
const CONSENT_FIELDS = consentFields('consent');
