import { describe, expect, it } from 'vitest';
import { parseJapaneseDate, toWareki } from '../../../src/io/wareki';

describe('parseJapaneseDate', () => {
  it.each([
    ['昭和60年4月1日', '1985-04-01'],
    ['S60.4.1', '1985-04-01'],
    ['s60/04/01', '1985-04-01'],
    ['昭60.4.1', '1985-04-01'],
    ['Ｓ６０．４．１', '1985-04-01'],
    ['昭和６０年４月１日', '1985-04-01'],
    ['H元.1.8', '1989-01-08'],
    ['平成元年1月8日', '1989-01-08'],
    ['令和元年5月1日', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['大正15年12月24日', '1926-12-24'],
    ['明治45年7月29日', '1912-07-29'],
    ['1985-04-01', '1985-04-01'],
    ['1985/4/1', '1985-04-01'],
    ['１９８５年４月１日', '1985-04-01'],
    ['19850401', '1985-04-01'],
    [' 1940-02-29 ', '1940-02-29'],
  ])('%j → %s', (input, iso) => {
    expect(parseJapaneseDate(input)).toEqual({ ok: true, value: iso });
  });

  it('treats an empty cell as unknown', () => {
    expect(parseJapaneseDate('　')).toEqual({ ok: true, value: null });
  });

  it.each([
    ['平成32年1月1日', '平成は31年'],
    ['H32.1.1', '令和2年'],
    ['昭和65年1月1日', '昭和は64年'],
    ['令和0年5月1日', '令和0年はありません'],
    ['平成31年5月1日', '令和元年5月1日'],
    ['昭和64年1月8日', '平成元年1月8日'],
    ['令和元年4月30日', '平成31年4月30日'],
    ['昭和60年2月30日', '実在しない'],
    ['1985-13-01', '実在しない'],
    ['きのう', '日付として読めません'],
  ])('rejects %j with a message containing %j', (input, hint) => {
    const r = parseJapaneseDate(input, '生年月日');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(hint);
    expect(!r.ok && r.message).toContain('生年月日');
  });

  it('writes 西暦 dates back in 和暦 with 元年', () => {
    expect(toWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(toWareki('1985-04-01')).toBe('昭和60年4月1日');
  });
});
