import { describe, expect, it } from 'vitest';
import { errorCode, errorMessage, isAbortError } from '../../../src/core/thrown';

describe('thrown values', () => {
  it('reads the message of an Error, a DOMException, a string, a message-bearing object and anything else', () => {
    expect(errorMessage(new TypeError('壊れています'))).toBe('壊れています');
    expect(errorMessage(new DOMException('容量が足りません', 'QuotaExceededError'))).toBe('容量が足りません');
    expect(errorMessage('文字列で投げた')).toBe('文字列で投げた');
    expect(errorMessage({ message: 'ワーカーから' })).toBe('ワーカーから');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(null)).toBe('null');
  });

  it('recognises an abort by its name only', () => {
    expect(isAbortError(new DOMException('中止', 'AbortError'))).toBe(true);
    expect(isAbortError(Object.assign(new Error('x'), { name: 'AbortError' }))).toBe(true);
    expect(isAbortError(new Error('AbortError'))).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
  });

  it("gives a Node system error's code and nothing for other values", () => {
    expect(errorCode(Object.assign(new Error('no file'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode(new Error('plain'))).toBeUndefined();
    expect(errorCode({ code: 3 })).toBeUndefined();
  });
});
