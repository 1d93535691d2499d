import { describe, expect, it } from 'vitest';
import { disclosureFileLabel } from '../../../src/db/disclosures';

/** The 提供記録's ファイル名 column (issue 10, part 5): only a print reads 「（印刷）」. */
describe('the file-name column of the 提供記録', () => {
  it('names the file when there is one, says 「（印刷）」 only for prints, and 「—」 for a merge or deletion without a file', () => {
    expect(disclosureFileLabel({ kind: 'merge', fileName: '避難支援_バックアップ_20250601.hinan' })).toBe('避難支援_バックアップ_20250601.hinan');
    expect(disclosureFileLabel({ kind: 'print-plan', fileName: null })).toBe('（印刷）');
    expect(disclosureFileLabel({ kind: 'print-receipt', fileName: null })).toBe('（印刷）');
    expect(disclosureFileLabel({ kind: 'merge', fileName: null })).toBe('—');
    expect(disclosureFileLabel({ kind: 'delete', fileName: null })).toBe('—');
  });
});
