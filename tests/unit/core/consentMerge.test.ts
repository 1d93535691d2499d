import { describe, expect, it } from 'vitest';
import type { Consent, ConsentRecipient } from '../../../src/core/consent';
import { mergeImportedConsent } from '../../../src/core/consentMerge';

const given = (date: string | null, recipients: ConsentRecipient[] = ['minsei', 'jishubo']): Consent => ({ status: 'given', date, method: 'signature', recipients });
const refused = (date: string | null): Consent => ({ status: 'refused', date, method: 'verbal', recipients: [] });
const pending = (date: string | null): Consent => ({ status: 'pending', date, method: 'unknown', recipients: [] });

/** [case, stored, file, which is kept, conflict]. */
const CASES: [string, Consent | undefined, Consent, 'stored' | 'file', boolean][] = [
  ['new person', undefined, given(null), 'file', false],
  ['stored 未確認 without date: nothing recorded', pending(null), given(null), 'file', false],
  ['withdrawn in the app, same file again', refused('2025-05-01'), given('2024-03-27'), 'stored', true],
  ['withdrawn, file without 同意日', refused('2025-05-01'), given(null), 'stored', true],
  ['withdrawn, file dated the same day', refused('2025-05-01'), given('2025-05-01'), 'stored', true],
  ['withdrawn, file with a later 同意日', refused('2025-05-01'), given('2025-06-01'), 'file', false],
  ['refused without date, file dated', refused(null), given('2024-03-27'), 'file', false],
  ['stored 未確認 dated later than the file', pending('2025-05-01'), given('2024-03-27'), 'stored', true],
  ['recipients given again in the app, older file lists more', given('2025-06-01', ['minsei']), given('2024-03-27', ['minsei', 'police']), 'stored', false],
  ['older file with more recipients, undated', given('2025-06-01', ['minsei']), given(null, ['minsei', 'police']), 'stored', false],
  ['file narrows recipients, undated', given('2024-03-27'), given(null, ['minsei']), 'file', false],
  ['file refuses, undated', given('2024-03-27'), refused(null), 'file', false],
  ['file refuses, dated the same day', given('2024-03-27'), refused('2024-03-27'), 'file', false],
  ['given again in the app after the file’s older refusal', given('2025-06-01'), refused('2024-03-27'), 'stored', false],
  ['same consent, older file: the stored record (date, method) stays', given('2025-06-01'), { ...given('2024-03-27'), method: 'deemed' }, 'stored', false],
  ['refused both', refused('2025-05-01'), refused(null), 'stored', false],
];

describe('mergeImportedConsent: which consent a re-imported person keeps', () => {
  for (const [name, stored, file, kept, conflict] of CASES) {
    it(name, () => {
      const m = mergeImportedConsent(stored, file);
      expect(m.consent).toBe(kept === 'file' ? file : stored);
      expect(m.conflict).toBe(conflict);
    });
  }
});

describe('mergeImportedConsent: 情報提供先 a file does not speak about', () => {
  it('a file naming no 情報提供先 (no column, nothing ticked) keeps the stored ones — undated, same day or later', () => {
    expect(mergeImportedConsent(given('2024-03-27'), given(null, [])).consent).toEqual(given('2024-03-27'));
    expect(mergeImportedConsent(given('2024-03-27'), given('2024-03-27', [])).consent).toEqual(given('2024-03-27'));
    expect(mergeImportedConsent(given('2024-03-27'), given('2025-04-01', [])).consent).toEqual(given('2025-04-01'));
  });

  it('stored 同意 with no 情報提供先 ever recorded takes the file’s (the consent form’s), keeping the stored date', () => {
    expect(mergeImportedConsent(given('2024-03-27', []), given(null, ['minsei'])).consent).toEqual(given('2024-03-27', ['minsei']));
    expect(mergeImportedConsent(given('2024-03-27', []), given(null, ['minsei'])).conflict).toBe(false);
  });

  it('none chosen in the app is a choice: the file does not add any', () => {
    const chosen: Consent = { ...given('2024-03-27', []), changed: { by: '山田 花子', at: '2025-01-01T00:00:00.000Z' } };
    expect(mergeImportedConsent(chosen, given(null, ['minsei'])).consent).toBe(chosen);
  });
});
